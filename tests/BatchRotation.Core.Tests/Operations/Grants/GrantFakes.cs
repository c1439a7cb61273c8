using System.Collections.Concurrent;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;
using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;

namespace BatchRotation.Core.Tests.Operations.Grants;

/// <summary>Azure's answers as the clients throw them: status, code and request id.</summary>
internal static class AzureFailures
{
    private static int _counter;

    public static BatchRotationException Forbidden(string target, string code = "AuthorizationFailed") =>
        new(AzureErrorIds.AzurePermissionDenied, ErrorKind.PermissionDenied, $"Azure Resource Manager answered 403 ({code}) for {target}: no access.", target)
        { Status = 403, AzureErrorCode = code, RequestId = NextRequestId() };

    public static BatchRotationException NotFound(string target, string code = "ResourceNotFound") =>
        new(AzureErrorIds.AzureResourceNotFound, ErrorKind.NotFound, $"Azure answered 404 ({code}) for {target}.", target)
        { Status = 404, AzureErrorCode = code, RequestId = NextRequestId() };

    public static BatchRotationException Conflict(string target) =>
        new(AzureErrorIds.AzureConflict, ErrorKind.InvalidOperation, $"Azure Resource Manager answered 409 (ConflictError) for {target}: parallel operations.", target)
        { Status = 409, AzureErrorCode = "ConflictError", RequestId = NextRequestId() };

    public static BatchRotationException ServerError(string target) =>
        new(AzureErrorIds.AzureServiceUnavailable, ErrorKind.ResourceUnavailable, $"Azure answered 500 for {target}.", target)
        { Status = 500, AzureErrorCode = "InternalServerError", RequestId = NextRequestId() };

    private static string NextRequestId() => $"00000000-0000-0000-0000-{Interlocked.Increment(ref _counter):D12}";
}

/// <summary>One fake Azure: identities, vaults (with access policies), role assignments and definitions, certificates.</summary>
internal sealed class FakeAzure
{
    public const string Tenant = AccessFixtures.Tenant;
    public const string Sub = "a925f2f7-5c63-4b7b-8799-25a5f97bc3b2";
    public const string OtherSub = "5e2b1c1d-0000-4000-8000-000000000002";
    public const string Principal = AccessFixtures.Principal;
    public const string ClientId = "4024ab25-56a8-4370-aea6-6389221caf29";
    public static readonly string IdentityId = $"/subscriptions/{Sub}/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pool-id";

    public FakeAzure()
    {
        Identities = new FakeIdentities();
        Vaults = new FakeVaults();
        Authorization = new FakeAuthorization();
        Certificates = new FakeCertificates();
        Subscriptions = new FakeSubscriptions();
        Identities.Add(new UserAssignedIdentity { Id = IdentityId, Name = "pool-id", PrincipalId = Principal, ClientId = ClientId, TenantId = Tenant });
    }

    public FakeIdentities Identities { get; }
    public FakeVaults Vaults { get; }
    public FakeAuthorization Authorization { get; }
    public FakeCertificates Certificates { get; }
    public FakeSubscriptions Subscriptions { get; }
    public List<TimeSpan> Delays { get; } = new();

    public Core.Operations.Grants.VaultAccessGranter Granter(string? defaultSubscription = Sub, Core.Operations.Grants.GrantOptions? options = null) =>
        new(Identities, Vaults, Authorization, Certificates, Subscriptions, defaultSubscription, options ?? new Core.Operations.Grants.GrantOptions
        {
            Delay = (delay, _) => { lock (Delays) Delays.Add(delay); return Task.CompletedTask; },
            Jitter = () => 1.0,
        });

    public static string VaultId(string name, string subscription = Sub, string group = "rg1") =>
        $"/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{name}";

    public static Uri VaultUri(string name) => new($"https://{name}.vault.azure.net/");

    /// <summary>A vault with one certificate per name, all existing.</summary>
    public KeyVaultResource AddVault(string name, bool rbac = false, string subscription = Sub, string tenant = Tenant, string[]? certificates = null, string group = "rg1")
    {
        var vault = new KeyVaultResource
        {
            Id = VaultId(name, subscription, group),
            Name = name,
            TenantId = tenant,
            VaultUri = VaultUri(name),
            EnableRbacAuthorization = rbac,
        };
        Vaults.Add(subscription, vault);
        foreach (var certificate in certificates ?? new[] { "cert1" })
        {
            Certificates.Add(vault.VaultUri!, certificate);
        }

        return vault;
    }

    public static string Url(string vault, string certificate = "cert1") => $"https://{vault}.vault.azure.net/secrets/{certificate}";
}

internal sealed class FakeIdentities : IManagedIdentityClient
{
    private readonly Dictionary<string, UserAssignedIdentity> _identities = new(StringComparer.OrdinalIgnoreCase);
    public int Reads { get; private set; }

    public void Add(UserAssignedIdentity identity) => _identities[identity.Id] = identity;

    public Task<UserAssignedIdentity> GetUserAssignedIdentityAsync(string identityId, CancellationToken cancellationToken)
    {
        Reads++;
        return _identities.TryGetValue(identityId, out var identity)
            ? Task.FromResult(identity)
            : Task.FromException<UserAssignedIdentity>(AzureFailures.NotFound(identityId));
    }
}

internal sealed class FakeVaults : IKeyVaultManagementClient
{
    private readonly object _sync = new();
    private readonly Dictionary<string, List<KeyVaultResource>> _bySubscription = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<string> Gets { get; } = new();
    public ConcurrentQueue<string> Lists { get; } = new();
    public ConcurrentQueue<(string VaultId, VaultAccessPolicy Policy)> Adds { get; } = new();
    public HashSet<string> ForbiddenSubscriptions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Failures the next access policy adds meet, per vault id, before one succeeds.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<BatchRotationException>> AddFailures { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string subscription, KeyVaultResource vault)
    {
        lock (_sync)
        {
            if (!_bySubscription.TryGetValue(subscription, out var list)) _bySubscription[subscription] = list = new();
            list.Add(vault);
        }
    }

    public void FailAdds(string vaultId, params BatchRotationException[] failures) =>
        AddFailures[vaultId] = new ConcurrentQueue<BatchRotationException>(failures);

    public KeyVaultResource Current(string vaultId)
    {
        lock (_sync)
        {
            return _bySubscription.Values.SelectMany(v => v).Single(v => string.Equals(v.Id, vaultId, StringComparison.OrdinalIgnoreCase));
        }
    }

    public void SetPolicies(string vaultId, params VaultAccessPolicy[] policies) => Replace(vaultId, v => v with { AccessPolicies = policies });

    public Task<KeyVaultResource> GetVaultAsync(string vaultId, CancellationToken cancellationToken)
    {
        Gets.Enqueue(vaultId);
        return Task.FromResult(Current(vaultId));
    }

    public Task<IReadOnlyList<KeyVaultResource>> ListVaultsAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        Lists.Enqueue(subscriptionId);
        if (ForbiddenSubscriptions.Contains(subscriptionId))
        {
            return Task.FromException<IReadOnlyList<KeyVaultResource>>(AzureFailures.Forbidden("/subscriptions/" + subscriptionId));
        }

        lock (_sync)
        {
            IReadOnlyList<KeyVaultResource> list = _bySubscription.TryGetValue(subscriptionId, out var vaults) ? vaults.ToList() : new List<KeyVaultResource>();
            return Task.FromResult(list);
        }
    }

    public Task<IReadOnlyList<VaultAccessPolicy>> AddAccessPolicyAsync(string vaultId, VaultAccessPolicy policy, CancellationToken cancellationToken)
    {
        Adds.Enqueue((vaultId, policy));
        if (AddFailures.TryGetValue(vaultId, out var failures) && failures.TryDequeue(out var failure))
        {
            return Task.FromException<IReadOnlyList<VaultAccessPolicy>>(failure);
        }

        Replace(vaultId, vault =>
        {
            var policies = vault.AccessPolicies.ToList();
            var index = policies.FindIndex(p => p.ObjectId == policy.ObjectId && p.TenantId == policy.TenantId && p.ApplicationId == policy.ApplicationId);
            if (index < 0)
            {
                policies.Add(policy);
            }
            else
            {
                var merged = policies[index].Permissions.Secrets.Union(policy.Permissions.Secrets, StringComparer.OrdinalIgnoreCase).ToList();
                policies[index] = policies[index] with { Permissions = policies[index].Permissions with { Secrets = merged } };
            }

            return vault with { AccessPolicies = policies };
        });
        IReadOnlyList<VaultAccessPolicy> sent = new[] { policy };
        return Task.FromResult(sent);
    }

    public Task<IReadOnlyList<VaultAccessPolicy>> RemoveAccessPolicyAsync(string vaultId, VaultAccessPolicy policy, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A grant must never remove an access policy.");

    public Task<VaultKey> GetKeyAsync(string vaultId, string keyName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<VaultKey>> ListKeysAsync(string vaultId, CancellationToken cancellationToken) => throw new NotSupportedException();

    private void Replace(string vaultId, Func<KeyVaultResource, KeyVaultResource> change)
    {
        lock (_sync)
        {
            foreach (var list in _bySubscription.Values)
            {
                var index = list.FindIndex(v => string.Equals(v.Id, vaultId, StringComparison.OrdinalIgnoreCase));
                if (index >= 0)
                {
                    list[index] = change(list[index]);
                    return;
                }
            }
        }

        throw new InvalidOperationException($"No vault {vaultId}.");
    }
}

internal sealed class FakeAuthorization : IAuthorizationClient
{
    private readonly object _sync = new();
    private readonly List<RoleAssignment> _assignments = new();

    public ConcurrentQueue<string> Creates { get; } = new();
    public ConcurrentQueue<string> Deletes { get; } = new();
    public ConcurrentQueue<string> DefinitionReads { get; } = new();
    public ConcurrentQueue<string> Lists { get; } = new();

    /// <summary>Decides a failure for a create at a scope (null: succeed).</summary>
    public Func<string, BatchRotationException?> CreateFailure { get; set; } = _ => null;

    public IReadOnlyList<RoleAssignment> Assignments
    {
        get { lock (_sync) return _assignments.ToList(); }
    }

    public RoleAssignment Assign(string scope, string roleGuid, string principal = FakeAzure.Principal, string? condition = null)
    {
        var assignment = new RoleAssignment
        {
            Id = $"{scope}/providers/Microsoft.Authorization/roleAssignments/{Guid.NewGuid()}",
            Scope = scope,
            RoleDefinitionId = BuiltInRoles.RoleDefinitionResourceId(FakeAzure.Sub, roleGuid),
            PrincipalId = principal,
            PrincipalType = "ServicePrincipal",
            Condition = condition,
        };
        lock (_sync) _assignments.Add(assignment);
        return assignment;
    }

    public Task<IReadOnlyList<RoleAssignment>> ListRoleAssignmentsAsync(string scope, string? principalId, CancellationToken cancellationToken)
    {
        Lists.Enqueue(scope);
        lock (_sync)
        {
            IReadOnlyList<RoleAssignment> found = _assignments
                .Where(a => principalId == null || string.Equals(a.PrincipalId, principalId, StringComparison.OrdinalIgnoreCase))
                .Where(a => IsAtOrAbove(a.Scope!, scope) || IsAtOrAbove(scope, a.Scope!))
                .ToList();
            return Task.FromResult(found);
        }
    }

    public Task<RoleAssignmentCreateResult> CreateRoleAssignmentAsync(string scope, string roleDefinitionId, string principalId, string principalType, CancellationToken cancellationToken)
    {
        Creates.Enqueue(scope);
        if (CreateFailure(scope) is { } failure)
        {
            return Task.FromException<RoleAssignmentCreateResult>(failure);
        }

        lock (_sync)
        {
            if (_assignments.Any(a => string.Equals(a.Scope, scope, StringComparison.OrdinalIgnoreCase)
                                      && BuiltInRoles.GuidOf(a.RoleDefinitionId!) == BuiltInRoles.GuidOf(roleDefinitionId)
                                      && a.PrincipalId == principalId))
            {
                return Task.FromResult(new RoleAssignmentCreateResult(RoleAssignmentOutcome.AlreadyExists, null));
            }
        }

        var created = Assign(scope, BuiltInRoles.GuidOf(roleDefinitionId), principalId);
        return Task.FromResult(new RoleAssignmentCreateResult(RoleAssignmentOutcome.Created, created));
    }

    public Task<DeleteOutcome> DeleteRoleAssignmentAsync(string roleAssignmentId, CancellationToken cancellationToken)
    {
        Deletes.Enqueue(roleAssignmentId);
        lock (_sync) _assignments.RemoveAll(a => a.Id == roleAssignmentId);
        return Task.FromResult(DeleteOutcome.Deleted);
    }

    public Task<RoleDefinition> GetRoleDefinitionAsync(string scope, string roleDefinitionGuid, CancellationToken cancellationToken)
    {
        DefinitionReads.Enqueue(roleDefinitionGuid);
        var entry = AccessFixtures.BuiltInDefinitions.FirstOrDefault(d => d.Guid == BuiltInRoles.GuidOf(roleDefinitionGuid));
        if (entry == null)
        {
            return Task.FromException<RoleDefinition>(AzureFailures.NotFound(roleDefinitionGuid, "RoleDefinitionDoesNotExist"));
        }

        return Task.FromResult(new RoleDefinition
        {
            Id = BuiltInRoles.RoleDefinitionResourceId(FakeAzure.Sub, entry.Guid),
            Name = entry.Guid,
            RoleName = entry.RoleName,
            Permissions = new[] { new RolePermission(entry.Actions, entry.NotActions, entry.DataActions, entry.NotDataActions) },
        });
    }

    public Task<IReadOnlyList<RoleDefinition>> ListRoleDefinitionsAsync(string scope, string? roleName, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private static bool IsAtOrAbove(string above, string below) =>
        below.Equals(above, StringComparison.OrdinalIgnoreCase) || below.StartsWith(above.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase);
}

internal sealed class FakeCertificates : IKeyVaultCertificateClient
{
    private readonly HashSet<string> _existing = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> ForbiddenVaults { get; } = new(StringComparer.OrdinalIgnoreCase);
    public ConcurrentQueue<string> Reads { get; } = new();
    public Dictionary<string, CertificatePolicy> Policies { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Add(Uri vaultUri, string name) => _existing.Add(Base(vaultUri) + name);

    /// <summary>As the real client: the base ends with a slash whether ARM gave one or not.</summary>
    private static string Base(Uri vaultUri) => vaultUri.AbsoluteUri.TrimEnd('/') + "/";

    public Task<CertificateMetadata> GetCertificateAsync(Uri vaultUri, string name, CancellationToken cancellationToken)
    {
        var vault = Base(vaultUri);
        Reads.Enqueue(vault + "certificates/" + name);
        if (ForbiddenVaults.Contains(vault))
        {
            return Task.FromException<CertificateMetadata>(new BatchRotationException(AzureErrorIds.AzurePermissionDenied, ErrorKind.PermissionDenied, "Key Vault answered 403 (Forbidden).", vaultUri.AbsoluteUri)
            { Status = 403, AzureErrorCode = "Forbidden", RequestId = "kv-request" });
        }

        if (!_existing.Contains(vault + name))
        {
            return Task.FromException<CertificateMetadata>(AzureFailures.NotFound(vault + "certificates/" + name, "CertificateNotFound"));
        }

        return Task.FromResult(new CertificateMetadata
        {
            Id = vault + "certificates/" + name + "/0123456789abcdef0123456789abcdef",
            Name = name,
            Attributes = new CertificateAttributes { Enabled = true },
            Policy = Policies.TryGetValue(name, out var policy)
                ? policy
                : new CertificatePolicy { IssuerName = "Self", LifetimeActions = new[] { new LifetimeAction(LifetimeAction.AutoRenew, 80, null) } },
        });
    }

    public Task<CertificateMetadata> GetCertificateVersionAsync(Uri vaultUri, string name, string version, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<CertificateVersionItem>> ListCertificateVersionsAsync(Uri vaultUri, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<CertificatePolicy> GetCertificatePolicyAsync(Uri vaultUri, string name, CancellationToken cancellationToken) => throw new NotSupportedException();
}

internal sealed class FakeSubscriptions : ISubscriptionClient
{
    public List<AzureSubscription> Visible { get; } = new();
    public int Lists { get; private set; }

    public Task<IReadOnlyList<AzureSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken)
    {
        Lists++;
        IReadOnlyList<AzureSubscription> list = Visible.ToList();
        return Task.FromResult(list);
    }

    public Task<AzureSubscription> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
