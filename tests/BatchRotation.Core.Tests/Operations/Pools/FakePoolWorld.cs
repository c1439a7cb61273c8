using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;
using BatchRotation.Core.Operations.Pools;

namespace BatchRotation.Core.Tests.Operations.Pools;

/// <summary>
/// An in-memory Azure for the pool operations: accounts, pools, identities, vaults, certificates, role assignments
/// and scripted nodes. Every call is logged as "VERB what"; writes start with PUT or DELETE, so a test can
/// assert that nothing was written.
/// </summary>
internal sealed class FakePoolWorld :
    IBatchManagementClient, IManagedIdentityClient, IKeyVaultManagementClient, IKeyVaultCertificateClient, IAuthorizationClient, IBatchNodeClient
{
    public const string Sub = "00000000-0000-0000-0000-000000000001";
    public const string OtherSub = "00000000-0000-0000-0000-000000000002";
    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string Rg = "rg1";
    public const string AccountName = "acct1";
    public const string Endpoint = "acct1.westeurope.batch.azure.com";
    public static readonly string AccountId = $"/subscriptions/{Sub}/resourceGroups/{Rg}/providers/Microsoft.Batch/batchAccounts/{AccountName}";
    public static readonly string IdentityId = $"/subscriptions/{Sub}/resourceGroups/{Rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pool-id";
    public const string IdentityClientId = "6f1c1f5e-4f4b-4a8e-9f63-1b0f3c7c2a11";
    public const string IdentityPrincipalId = "ce2ce14e-85d7-4629-bdbc-454d0519d987";
    public static readonly string VaultId = $"/subscriptions/{Sub}/resourceGroups/{Rg}/providers/Microsoft.KeyVault/vaults/kv1";
    public const string VaultUri = "https://kv1.vault.azure.net/";
    public const string SecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string ReaderRole = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

    public FakePoolWorld()
    {
        Accounts[AccountId] = new BatchAccount { Id = AccountId, Name = AccountName, AccountEndpoint = Endpoint, Location = "westeurope" };
        Identities[IdentityId] = new UserAssignedIdentity
        {
            Id = IdentityId, Name = "pool-id", TenantId = Tenant, ClientId = IdentityClientId, PrincipalId = IdentityPrincipalId,
        };
        VaultsBySubscription[Sub] = new List<KeyVaultResource> { Vault(VaultId, VaultUri, rbac: false, IdentityPrincipalId) };
        AddCertificate("web");
        Definitions[SecretsUserRole] = new RoleDefinition
        {
            Id = "/providers/Microsoft.Authorization/roleDefinitions/" + SecretsUserRole, Name = SecretsUserRole, RoleName = "Key Vault Secrets User",
            Permissions = new[] { new RolePermission(Array.Empty<string>(), Array.Empty<string>(), new[] { "Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action" }, Array.Empty<string>()) },
        };
        Definitions[ReaderRole] = new RoleDefinition
        {
            Id = "/providers/Microsoft.Authorization/roleDefinitions/" + ReaderRole, Name = ReaderRole, RoleName = "Reader",
            Permissions = new[] { new RolePermission(new[] { "*/read" }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()) },
        };
    }

    public ConcurrentQueue<string> Calls { get; } = new();

    public IEnumerable<string> Writes => Calls.Where(c => c.StartsWith("PUT", StringComparison.Ordinal) || c.StartsWith("DELETE", StringComparison.Ordinal));

    public Dictionary<string, BatchAccount> Accounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, JsonObject> Pools { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, UserAssignedIdentity> Identities { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, List<KeyVaultResource>> VaultsBySubscription { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> UnlistableSubscriptions { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, CertificateMetadata> Certificates { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<RoleAssignment> RoleAssignments { get; } = new();

    public bool RoleAssignmentsForbidden { get; set; }

    public Dictionary<string, RoleDefinition> Definitions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body of the last create, as sent.</summary>
    public JsonObject? CreatedBody { get; private set; }

    /// <summary>Nodes per pool name, as the data plane would list them now; a test may change them between polls.</summary>
    public Func<string, int, IReadOnlyList<ComputeNode>> Nodes { get; set; } = (_, _) => Array.Empty<ComputeNode>();

    public Dictionary<string, IReadOnlyList<NodeExtension>> NodeExtensions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Called with the pool id and the poll number each time the pool is read during -Wait (after creation).</summary>
    public Func<JsonObject, int, JsonObject> PoolAfterCreate { get; set; } = (pool, _) => pool;

    public int NodeListCount { get; private set; }

    public static KeyVaultResource Vault(string id, string uri, bool rbac, params string[] secretReaders) => new()
    {
        Id = id,
        Name = id.Split('/')[^1],
        TenantId = Tenant,
        VaultUri = new Uri(uri),
        EnableRbacAuthorization = rbac,
        AccessPolicies = secretReaders.Select(p => new VaultAccessPolicy(Tenant, p, new VaultPermissions(secrets: new[] { "get", "list" }))).ToList(),
    };

    public CertificateMetadata AddCertificate(string name, string vaultUri = VaultUri, string issuer = "Self", bool autoRenew = true, bool enabled = true, DateTimeOffset? expires = null)
    {
        var certificate = new CertificateMetadata
        {
            Id = vaultUri + "certificates/" + name + "/0123456789abcdef0123456789abcdef",
            Name = name,
            Version = "0123456789abcdef0123456789abcdef",
            SecretId = vaultUri + "secrets/" + name + "/0123456789abcdef0123456789abcdef",
            X5t = "AQIDBAUGBwgJCgsMDQ4PEBESExQ",
            Attributes = new CertificateAttributes { Enabled = enabled, Expires = expires ?? DateTimeOffset.UtcNow.AddMonths(6) },
            Policy = new CertificatePolicy
            {
                IssuerName = issuer,
                LifetimeActions = new[] { new LifetimeAction(autoRenew ? LifetimeAction.AutoRenew : LifetimeAction.EmailContacts, 80, null) },
            },
        };
        Certificates[vaultUri + name] = certificate;
        return certificate;
    }

    public PoolClients Clients => new(this, this, this, this, this, this);

    public static ComputeNode Node(string id, string state, int runningTasks = 0, params (string Code, string Message)[] errors)
    {
        var json = new JsonObject
        {
            ["id"] = id,
            ["state"] = state,
            ["runningTasksCount"] = runningTasks,
            ["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject { ["code"] = e.Code, ["message"] = e.Message }).ToArray()),
        };
        return ComputeNode.FromJson(JsonDocument.Parse(json.ToJsonString()).RootElement);
    }

    public static NodeExtension Extension(string status, string level, string message, string type = "KeyVaultForLinux")
    {
        var json = new JsonObject
        {
            ["provisioningState"] = status.EndsWith("succeeded", StringComparison.Ordinal) ? "Succeeded" : status.EndsWith("failed", StringComparison.Ordinal) ? "Failed" : "Creating",
            ["vmExtension"] = new JsonObject { ["name"] = type, ["publisher"] = "Microsoft.Azure.KeyVault", ["type"] = type, ["typeHandlerVersion"] = "3.0" },
            ["instanceView"] = new JsonObject
            {
                ["name"] = type,
                ["statuses"] = new JsonArray(new JsonObject { ["code"] = status, ["level"] = level, ["displayStatus"] = "Provisioning", ["message"] = message }),
            },
        };
        return NodeExtension.FromJson(JsonDocument.Parse(json.ToJsonString()).RootElement);
    }

    public static JsonObject ExistingPoolBody(string id, int currentNodes) => new()
    {
        ["id"] = id,
        ["name"] = id.Split('/')[^1],
        ["etag"] = "W/\"0x1\"",
        ["properties"] = new JsonObject
        {
            ["vmSize"] = "STANDARD_D2S_V3",
            ["allocationState"] = "Steady",
            ["currentDedicatedNodes"] = currentNodes,
            ["scaleSettings"] = new JsonObject { ["fixedScale"] = new JsonObject { ["targetDedicatedNodes"] = currentNodes } },
            ["deploymentConfiguration"] = new JsonObject
            {
                ["virtualMachineConfiguration"] = new JsonObject
                {
                    ["imageReference"] = new JsonObject { ["publisher"] = "canonical", ["offer"] = "ubuntu-24_04-lts", ["sku"] = "server" },
                    ["nodeAgentSkuId"] = "batch.node.ubuntu 24.04",
                },
            },
        },
    };

    private static BatchPool ToPool(JsonObject json) => BatchPool.FromJson(JsonDocument.Parse(json.ToJsonString()).RootElement);

    private static BatchRotationException NotFound(string what) =>
        new("AzureResourceNotFound", ErrorKind.NotFound, $"Azure Resource Manager answered 404 (ResourceNotFound) to GET {what}: not found.", what)
        {
            Status = 404, AzureErrorCode = "ResourceNotFound", RequestId = "req-404",
        };

    private static BatchRotationException Forbidden(string what) =>
        new("AzurePermissionDenied", ErrorKind.PermissionDenied, $"403 AuthorizationFailed for {what}", what) { Status = 403, AzureErrorCode = "AuthorizationFailed", RequestId = "req-403" };

    // IBatchManagementClient
    public Task<BatchAccount> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("GET " + accountId);
        return Accounts.TryGetValue(accountId, out var account) ? Task.FromResult(account) : throw NotFound(accountId);
    }

    public Task<IReadOnlyList<BatchAccount>> ListAccountsAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("LIST accounts " + subscriptionId);
        if (UnlistableSubscriptions.Contains(subscriptionId)) throw Forbidden(subscriptionId);
        return Task.FromResult<IReadOnlyList<BatchAccount>>(Accounts.Values.Where(a => a.Id.StartsWith("/subscriptions/" + subscriptionId + "/", StringComparison.OrdinalIgnoreCase)).ToList());
    }

    public Task<IReadOnlyList<BatchAccount>> ListAccountsByResourceGroupAsync(string subscriptionId, string resourceGroup, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<BatchAccount> UpdateAccountEncryptionAsync(string accountId, AccountEncryption encryption, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public async Task<BatchPool> GetPoolAsync(string poolId, CancellationToken cancellationToken) =>
        await TryGetPoolAsync(poolId, cancellationToken) ?? throw NotFound(poolId);

    private readonly Dictionary<string, int> _reads = new(StringComparer.OrdinalIgnoreCase);

    public Task<BatchPool?> TryGetPoolAsync(string poolId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("GET " + poolId);
        if (!Pools.TryGetValue(poolId, out var json)) return Task.FromResult<BatchPool?>(null);
        if (CreatedBody != null)
        {
            _reads[poolId] = _reads.TryGetValue(poolId, out var n) ? n + 1 : 1;
            json = PoolAfterCreate(json, _reads[poolId]);
        }
        return Task.FromResult<BatchPool?>(ToPool(json));
    }

    public Task<IReadOnlyList<BatchPool>> ListPoolsAsync(string accountId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("LIST pools " + accountId);
        if (!Accounts.ContainsKey(accountId)) throw NotFound(accountId);
        return Task.FromResult<IReadOnlyList<BatchPool>>(Pools
            .Where(p => p.Key.StartsWith(accountId + "/pools/", StringComparison.OrdinalIgnoreCase))
            .Select(p => ToPool(p.Value)).ToList());
    }

    public Task<BatchPool> CreatePoolAsync(string poolId, JsonObject pool, CancellationToken cancellationToken)
    {
        Calls.Enqueue("PUT " + poolId);
        if (Pools.ContainsKey(poolId))
        {
            throw new BatchRotationException("AzureResourceExists", ErrorKind.ResourceExists, "409 PoolExists", poolId) { Status = 409, AzureErrorCode = "PoolExists" };
        }
        CreatedBody = (JsonObject)pool.DeepClone();
        var stored = (JsonObject)pool.DeepClone();
        stored["id"] = poolId;
        stored["name"] = poolId.Split('/')[^1];
        stored["etag"] = "W/\"0x2\"";
        var properties = (JsonObject)stored["properties"]!;
        properties["allocationState"] = "Resizing";
        properties["currentDedicatedNodes"] = 0;
        properties["provisioningState"] = "Succeeded";
        var identities = (JsonObject)stored["identity"]!["userAssignedIdentities"]!;
        foreach (var key in identities.Select(p => p.Key).ToList())
        {
            identities[key] = new JsonObject { ["principalId"] = IdentityPrincipalId, ["clientId"] = IdentityClientId };
        }
        Pools[poolId] = stored;
        return Task.FromResult(ToPool(stored));
    }

    public Task<DeleteOutcome> DeletePoolAsync(string poolId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("DELETE " + poolId);
        return Task.FromResult(Pools.Remove(poolId) ? DeleteOutcome.Deleted : DeleteOutcome.AlreadyAbsent);
    }

    // IManagedIdentityClient
    public Task<UserAssignedIdentity> GetUserAssignedIdentityAsync(string identityId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("GET " + identityId);
        return Identities.TryGetValue(identityId, out var identity) ? Task.FromResult(identity) : throw NotFound(identityId);
    }

    // IKeyVaultManagementClient
    public Task<KeyVaultResource> GetVaultAsync(string vaultId, CancellationToken cancellationToken) => throw new NotSupportedException("vaults are located by listing");

    public Task<IReadOnlyList<KeyVaultResource>> ListVaultsAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("LIST vaults " + subscriptionId);
        if (UnlistableSubscriptions.Contains(subscriptionId)) throw Forbidden(subscriptionId);
        return Task.FromResult<IReadOnlyList<KeyVaultResource>>(VaultsBySubscription.TryGetValue(subscriptionId, out var vaults) ? vaults : new List<KeyVaultResource>());
    }

    public Task<IReadOnlyList<VaultAccessPolicy>> AddAccessPolicyAsync(string vaultId, VaultAccessPolicy policy, CancellationToken cancellationToken)
    {
        Calls.Enqueue("PUT accessPolicies/add " + vaultId);
        throw new NotSupportedException();
    }

    public Task<IReadOnlyList<VaultAccessPolicy>> RemoveAccessPolicyAsync(string vaultId, VaultAccessPolicy policy, CancellationToken cancellationToken)
    {
        Calls.Enqueue("PUT accessPolicies/remove " + vaultId);
        throw new NotSupportedException();
    }

    public Task<VaultKey> GetKeyAsync(string vaultId, string keyName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<VaultKey>> ListKeysAsync(string vaultId, CancellationToken cancellationToken) => throw new NotSupportedException();

    // IKeyVaultCertificateClient
    public Task<CertificateMetadata> GetCertificateAsync(Uri vaultUri, string name, CancellationToken cancellationToken)
    {
        Calls.Enqueue("GET " + vaultUri + "certificates/" + name);
        return Certificates.TryGetValue(vaultUri.AbsoluteUri + name, out var certificate)
            ? Task.FromResult(certificate)
            : throw new BatchRotationException("AzureResourceNotFound", ErrorKind.NotFound, "Key Vault answered 404 (CertificateNotFound)", name) { Status = 404, AzureErrorCode = "CertificateNotFound" };
    }

    public Task<CertificateMetadata> GetCertificateVersionAsync(Uri vaultUri, string name, string version, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<CertificateVersionItem>> ListCertificateVersionsAsync(Uri vaultUri, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<CertificatePolicy> GetCertificatePolicyAsync(Uri vaultUri, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    // IAuthorizationClient
    public Task<IReadOnlyList<RoleAssignment>> ListRoleAssignmentsAsync(string scope, string? principalId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("LIST roleAssignments " + scope);
        if (RoleAssignmentsForbidden) throw Forbidden(scope);
        return Task.FromResult<IReadOnlyList<RoleAssignment>>(RoleAssignments.Where(a => principalId == null || a.PrincipalId == principalId).ToList());
    }

    public Task<RoleAssignmentCreateResult> CreateRoleAssignmentAsync(string scope, string roleDefinitionId, string principalId, string principalType, CancellationToken cancellationToken)
    {
        Calls.Enqueue("PUT roleAssignment " + scope);
        throw new NotSupportedException();
    }

    public Task<DeleteOutcome> DeleteRoleAssignmentAsync(string roleAssignmentId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("DELETE " + roleAssignmentId);
        throw new NotSupportedException();
    }

    public Task<RoleDefinition> GetRoleDefinitionAsync(string scope, string roleDefinitionGuid, CancellationToken cancellationToken)
    {
        Calls.Enqueue("GET roleDefinition " + roleDefinitionGuid);
        return Definitions.TryGetValue(roleDefinitionGuid, out var definition) ? Task.FromResult(definition) : throw NotFound(roleDefinitionGuid);
    }

    public Task<IReadOnlyList<RoleDefinition>> ListRoleDefinitionsAsync(string scope, string? roleName, CancellationToken cancellationToken) => throw new NotSupportedException();

    // IBatchNodeClient
    public Task<IReadOnlyList<ComputeNode>> ListNodesAsync(string accountEndpoint, string poolId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("LIST nodes " + poolId);
        NodeListCount++;
        return Task.FromResult(Nodes(poolId, NodeListCount));
    }

    public Task<ComputeNode> GetNodeAsync(string accountEndpoint, string poolId, string nodeId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<NodeExtension>> ListNodeExtensionsAsync(string accountEndpoint, string poolId, string nodeId, CancellationToken cancellationToken)
    {
        Calls.Enqueue("LIST extensions " + nodeId);
        return Task.FromResult(NodeExtensions.TryGetValue(nodeId, out var extensions) ? extensions : (IReadOnlyList<NodeExtension>)Array.Empty<NodeExtension>());
    }

    public Task<NodeExtension> GetNodeExtensionAsync(string accountEndpoint, string poolId, string nodeId, string extensionName, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
