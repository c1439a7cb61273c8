using System.Text.Json.Nodes;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations.Pools;
using BatchRotation.Core.Rules;
using static BatchRotation.Core.Tests.Operations.Pools.FakePoolWorld;

namespace BatchRotation.Core.Tests.Operations.Pools;

public sealed class PoolProvisionerTests
{
    private static readonly string PoolId = AccountId + "/pools/web";
    private readonly FakePoolWorld _world = new();
    private readonly TestSink _sink = new();

    private static NewRotatingBatchPoolRequest Request(params string[] urls) =>
        new("web", IdentityId, urls.Length == 0 ? new[] { VaultUri + "secrets/web" } : urls, "Standard_D2s_v5")
        {
            SubscriptionId = Sub,
            ResourceGroupName = Rg,
            AccountName = AccountName,
        };

    private Task<BatchRotation.Core.Model.RotatingBatchPool?> Create(NewRotatingBatchPoolRequest request, TestSink? sink = null) =>
        new PoolProvisioner(_world.Clients).CreateAsync(request, sink ?? _sink, CancellationToken.None);

    private async Task<BatchRotationException> Refused(NewRotatingBatchPoolRequest request)
    {
        var failure = await Assert.ThrowsAsync<BatchRotationException>(() => Create(request));
        Assert.Empty(_world.Writes);
        return failure;
    }

    [Fact]
    public async Task Creates_the_pool_create_only_with_the_identity_client_id_and_the_versionless_secret_url()
    {
        var pool = await Create(Request());

        Assert.NotNull(pool);
        Assert.Equal(new[] { "PUT " + PoolId }, _world.Writes);
        var settings = _world.CreatedBody!["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["extensions"]![0]!["settings"]!;
        Assert.Equal(IdentityClientId, (string?)settings["authenticationSettings"]!["msiClientId"]);
        Assert.Equal(VaultUri + "secrets/web", (string?)settings["secretsManagementSettings"]!["observedCertificates"]![0]!["url"]);
        Assert.Equal(PoolId, pool!.PoolResourceId);
        Assert.Equal(IdentityId, pool.IdentityResourceId);
        Assert.Equal(new[] { VaultUri + "secrets/web" }, pool.CertificateUrl);
        Assert.Equal("KeyVaultForLinux", pool.ExtensionType);
        Assert.Equal("3.0", pool.ExtensionVersion);
        Assert.Equal(Endpoint, pool.AccountEndpoint);
        var asked = Assert.Single(_sink.ShouldProcessCalls);
        Assert.Equal(PoolId, asked.Target);
        Assert.Contains("Create", asked.Action);
    }

    [Fact]
    public async Task All_reads_come_before_the_only_write()
    {
        await Create(Request());

        var calls = _world.Calls.ToList();
        Assert.Equal("PUT " + PoolId, calls[^1]);
        Assert.Contains("GET " + AccountId, calls);
        Assert.Contains("GET " + IdentityId, calls);
        Assert.Contains("LIST vaults " + Sub, calls);
        Assert.Contains("GET " + VaultUri + "certificates/web", calls);
    }

    [Fact]
    public async Task A_versioned_or_certificates_url_is_normalised_and_the_version_is_warned_about()
    {
        await Create(Request(VaultUri + "certificates/web/0123456789abcdef0123456789abcdef"));

        var observed = _world.CreatedBody!["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["extensions"]![0]!["settings"]!["secretsManagementSettings"]!["observedCertificates"]!.AsArray();
        Assert.Equal(VaultUri + "secrets/web", (string?)Assert.Single(observed)!["url"]);
        Assert.Contains(_sink.Warnings, w => w.Contains("pins that one version") && w.Contains("never rotates"));
    }

    [Fact]
    public async Task The_same_secret_named_twice_is_observed_once()
    {
        await Create(Request(VaultUri + "secrets/web", VaultUri + "secrets/WEB/0123456789abcdef0123456789abcdef"));

        var observed = _world.CreatedBody!["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["extensions"]![0]!["settings"]!["secretsManagementSettings"]!["observedCertificates"]!.AsArray();
        Assert.Single(observed);
    }

    [Fact]
    public async Task A_windows_image_gets_the_windows_3_0_settings()
    {
        await Create(Request() with { Image = "WindowsServer2022", CertificateStoreName = "My", KeyExportable = true, CertificateAccounts = new[] { "Network Service" } });

        var extension = _world.CreatedBody!["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["extensions"]![0]!;
        Assert.Equal("KeyVaultForWindows", (string?)extension["type"]);
        Assert.Equal("3.0", (string?)extension["typeHandlerVersion"]);
        var certificate = extension["settings"]!["secretsManagementSettings"]!["observedCertificates"]![0]!;
        Assert.Equal("My", (string?)certificate["certificateStoreName"]);
        Assert.True((bool)certificate["keyExportable"]!);
        Assert.Equal("Network Service", (string?)certificate["accounts"]![0]);
    }

    [Fact]
    public async Task An_account_by_resource_id_needs_no_subscription()
    {
        var request = Request() with { SubscriptionId = null, ResourceGroupName = null, AccountName = null, AccountResourceId = AccountId };

        var pool = await Create(request);

        Assert.Equal(PoolId, pool!.PoolResourceId);
    }

    [Fact]
    public async Task Names_without_a_subscription_are_refused_before_any_call()
    {
        var failure = await Refused(Request() with { SubscriptionId = null });

        Assert.Equal(PoolErrorIds.NoSubscription, failure.ErrorId);
        Assert.Empty(_world.Calls);
    }

    [Theory]
    [InlineData("bad name!", null, RuleErrorIds.InvalidPoolName)]
    [InlineData("web", "KeyExportable", RuleErrorIds.ExtensionOptionNotSupported)]
    [InlineData("web", "ExtensionVersion4", RuleErrorIds.UnsupportedExtensionVersion)]
    [InlineData("web", "Image", RuleErrorIds.UnknownImageAlias)]
    [InlineData("web", "Url", RuleErrorIds.InvalidCertificateUrl)]
    [InlineData("web", "Identity", RuleErrorIds.InvalidResourceId)]
    [InlineData("web", "Timeout", PoolErrorIds.TimeoutWithoutWait)]
    [InlineData("web", "Polling", RuleErrorIds.InvalidPollingInterval)]
    public async Task Invalid_input_is_refused_before_any_write(string name, string? option, string errorId)
    {
        var request = Request() with { PoolName = name };
        request = option switch
        {
            "KeyExportable" => request with { KeyExportable = true },
            "ExtensionVersion4" => request with { ExtensionVersion = "4.0" },
            "Image" => request with { Image = "Ubuntu1804" },
            "Url" => request with { CertificateUrls = new[] { "http://kv1.vault.azure.net/secrets/web" } },
            "Identity" => request with { IdentityResourceId = AccountId },
            "Timeout" => request with { Timeout = TimeSpan.FromMinutes(5) },
            "Polling" => request with { PollingInterval = TimeSpan.FromMilliseconds(1500) },
            _ => request,
        };

        var failure = await Refused(request);

        Assert.Equal(errorId, failure.ErrorId);
    }

    [Fact]
    public async Task Linux_3_0_on_an_image_that_cannot_run_it_is_refused_with_the_version_to_ask_for()
    {
        var failure = await Refused(Request() with { ImageReference = "Canonical:0001-com-ubuntu-server-focal:20_04-lts", NodeAgentSkuId = "batch.node.ubuntu 20.04" });

        Assert.Equal(RuleErrorIds.ExtensionVersionNotSupportedOnImage, failure.ErrorId);
        Assert.Contains("-ExtensionVersion 2.0", failure.Remedy);
    }

    [Fact]
    public async Task A_missing_account_is_AccountNotFound_with_the_request_id()
    {
        _world.Accounts.Clear();

        var failure = await Refused(Request());

        Assert.Equal(PoolErrorIds.AccountNotFound, failure.ErrorId);
        Assert.Equal(ErrorKind.NotFound, failure.Kind);
        Assert.Equal(AccountId, failure.Target);
        Assert.Equal("req-404", failure.RequestId);
    }

    [Fact]
    public async Task A_missing_identity_is_IdentityNotFound()
    {
        _world.Identities.Clear();

        var failure = await Refused(Request());

        Assert.Equal(PoolErrorIds.IdentityNotFound, failure.ErrorId);
        Assert.Equal(IdentityId, failure.Target);
    }

    [Fact]
    public async Task An_identity_without_a_principal_id_cannot_have_its_access_checked()
    {
        _world.Identities[IdentityId] = _world.Identities[IdentityId] with { PrincipalId = null };

        var failure = await Refused(Request());

        Assert.Equal(PoolErrorIds.IdentityHasNoPrincipal, failure.ErrorId);
        Assert.Contains("-SkipAccessCheck", failure.Remedy);
    }

    [Fact]
    public async Task A_url_of_no_known_vault_is_refused_and_never_sent_a_token()
    {
        var failure = await Refused(Request("https://elsewhere.example.com/secrets/web"));

        Assert.Equal(PoolErrorIds.CertificateVaultNotFound, failure.ErrorId);
        Assert.DoesNotContain(_world.Calls, c => c.Contains("elsewhere.example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Vaults_are_found_in_the_next_subscription_only_when_the_first_has_no_match()
    {
        var otherVault = $"/subscriptions/{OtherSub}/resourceGroups/rg2/providers/Microsoft.KeyVault/vaults/kv2";
        _world.VaultsBySubscription[OtherSub] = new List<KeyVaultResource> { Vault(otherVault, "https://kv2.vault.azure.net/", rbac: false, IdentityPrincipalId) };
        _world.AddCertificate("api", "https://kv2.vault.azure.net/");

        await Create(Request() with { SubscriptionId = OtherSub, ResourceGroupName = null, AccountName = null, AccountResourceId = AccountId, CertificateUrls = new[] { "https://kv2.vault.azure.net/secrets/api" } });

        Assert.Equal(new[] { "LIST vaults " + Sub, "LIST vaults " + OtherSub }, _world.Calls.Where(c => c.StartsWith("LIST vaults", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_vault_of_another_tenant_is_refused()
    {
        _world.VaultsBySubscription[Sub][0] = _world.VaultsBySubscription[Sub][0] with { TenantId = "11111111-1111-1111-1111-111111111111" };

        var failure = await Refused(Request());

        Assert.Equal(PoolErrorIds.CertificateVaultInOtherTenant, failure.ErrorId);
    }

    [Fact]
    public async Task A_missing_certificate_is_CertificateNotFound()
    {
        var failure = await Refused(Request(VaultUri + "secrets/nothing"));

        Assert.Equal(PoolErrorIds.CertificateNotFound, failure.ErrorId);
        Assert.Equal(VaultUri + "secrets/nothing", failure.Target);
    }

    [Theory]
    [InlineData("disabled", PoolErrorIds.CertificateDisabled)]
    [InlineData("expired", PoolErrorIds.CertificateExpired)]
    [InlineData("email-only", PoolErrorIds.CertificateNotAutoRenewed)]
    public async Task A_certificate_that_cannot_serve_a_rotating_pool_is_refused(string problem, string errorId)
    {
        _world.AddCertificate("web", enabled: problem != "disabled", autoRenew: problem != "email-only",
            expires: problem == "expired" ? DateTimeOffset.UtcNow.AddDays(-1) : null);

        var failure = await Refused(Request());

        Assert.Equal(errorId, failure.ErrorId);
    }

    [Fact]
    public async Task A_certificate_key_vault_cannot_renew_is_accepted_with_a_warning()
    {
        _world.AddCertificate("web", issuer: "Unknown", autoRenew: false);

        await Create(Request());

        Assert.Contains(_sink.Warnings, w => w.Contains("never renews it by itself"));
        Assert.Single(_world.Writes);
    }

    [Fact]
    public async Task An_identity_without_read_access_is_refused_with_the_exact_grant_command()
    {
        _world.VaultsBySubscription[Sub][0] = Vault(VaultId, VaultUri, rbac: false);
        _world.AddCertificate("api");

        var failure = await Refused(Request(VaultUri + "secrets/web", VaultUri + "secrets/api/0123456789abcdef0123456789abcdef"));

        Assert.Equal(PoolErrorIds.IdentityCannotReadSecret, failure.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, failure.Kind);
        Assert.Contains($"Grant-PoolVaultAccess -IdentityResourceId '{IdentityId}' -CertificateUrl '{VaultUri}secrets/web','{VaultUri}secrets/api'", failure.Remedy);
        Assert.Contains("-SkipAccessCheck", failure.Remedy);
    }

    [Fact]
    public async Task An_access_policy_without_get_is_not_enough()
    {
        _world.VaultsBySubscription[Sub][0] = _world.VaultsBySubscription[Sub][0] with
        {
            AccessPolicies = new[] { new VaultAccessPolicy(Tenant, IdentityPrincipalId, new VaultPermissions(secrets: new[] { "list" })) },
        };

        var failure = await Refused(Request());

        Assert.Equal(PoolErrorIds.IdentityCannotReadSecret, failure.ErrorId);
        Assert.Contains("but not 'get'", failure.Message);
    }

    [Fact]
    public async Task SkipAccessCheck_creates_without_reading_access_and_warns()
    {
        _world.VaultsBySubscription[Sub][0] = Vault(VaultId, VaultUri, rbac: true);
        _world.RoleAssignmentsForbidden = true;

        await Create(Request() with { SkipAccessCheck = true });

        Assert.Single(_world.Writes);
        Assert.DoesNotContain(_world.Calls, c => c.StartsWith("LIST roleAssignments", StringComparison.Ordinal));
        Assert.Contains(_sink.Warnings, w => w.Contains("-SkipAccessCheck"));
    }

    [Fact]
    public async Task An_rbac_vault_grants_through_an_inherited_secrets_user_role()
    {
        _world.VaultsBySubscription[Sub][0] = Vault(VaultId, VaultUri, rbac: true);
        _world.RoleAssignments.Add(new RoleAssignment
        {
            Id = "/subscriptions/" + Sub + "/providers/Microsoft.Authorization/roleAssignments/a1",
            Scope = "/subscriptions/" + Sub + "/resourceGroups/" + Rg,
            RoleDefinitionId = "/subscriptions/" + Sub + "/providers/Microsoft.Authorization/roleDefinitions/" + SecretsUserRole,
            PrincipalId = IdentityPrincipalId,
        });

        await Create(Request());

        Assert.Single(_world.Writes);
        Assert.Contains(_sink.Verbose, v => v.Contains("Key Vault Secrets User") && v.Contains("inherited"));
    }

    [Fact]
    public async Task An_rbac_vault_with_only_a_management_role_is_refused()
    {
        _world.VaultsBySubscription[Sub][0] = Vault(VaultId, VaultUri, rbac: true, IdentityPrincipalId);
        _world.RoleAssignments.Add(new RoleAssignment
        {
            Scope = VaultId,
            RoleDefinitionId = "/subscriptions/" + Sub + "/providers/Microsoft.Authorization/roleDefinitions/" + ReaderRole,
            PrincipalId = IdentityPrincipalId,
        });

        var failure = await Refused(Request());

        Assert.Equal(PoolErrorIds.IdentityCannotReadSecret, failure.ErrorId);
        Assert.Contains("Azure RBAC", failure.Message);
    }

    [Fact]
    public async Task Role_assignments_that_cannot_be_read_make_the_check_impossible_and_name_the_way_out()
    {
        _world.VaultsBySubscription[Sub][0] = Vault(VaultId, VaultUri, rbac: true);
        _world.RoleAssignmentsForbidden = true;

        var failure = await Refused(Request());

        Assert.Equal(PoolErrorIds.AccessCheckNotPossible, failure.ErrorId);
        Assert.Equal("req-403", failure.RequestId);
        Assert.Contains("-SkipAccessCheck", failure.Remedy);
    }

    [Fact]
    public async Task An_existing_pool_is_never_modified_without_Force()
    {
        _world.Pools[PoolId] = ExistingPoolBody(PoolId, 2);

        var failure = await Refused(Request());

        Assert.Equal(PoolErrorIds.PoolAlreadyExists, failure.ErrorId);
        Assert.Equal(ErrorKind.ResourceExists, failure.Kind);
        Assert.Contains("-Force", failure.Remedy);
        Assert.Contains("2 nodes", failure.Message);
    }

    [Fact]
    public async Task Force_says_how_much_work_it_destroys_asks_then_deletes_and_creates()
    {
        _world.Pools[PoolId] = ExistingPoolBody(PoolId, 2);
        _world.Nodes = (_, _) => new[] { Node("n1", "running", 3), Node("n2", "idle") };

        var pool = await Create(Request() with { Force = true });

        Assert.NotNull(pool);
        Assert.Equal(new[] { "DELETE " + PoolId, "PUT " + PoolId }, _world.Writes);
        Assert.Contains(_sink.Warnings, w => w.Contains("2 nodes and 3 running tasks"));
        var asked = Assert.Single(_sink.ShouldProcessCalls);
        Assert.Contains("Delete the existing pool (2 nodes and 3 running tasks)", asked.Action);
    }

    [Fact]
    public async Task Force_declined_deletes_nothing()
    {
        _world.Pools[PoolId] = ExistingPoolBody(PoolId, 1);

        var pool = await Create(Request() with { Force = true }, new TestSink(shouldProcess: false));

        Assert.Null(pool);
        Assert.Empty(_world.Writes);
    }

    [Fact]
    public async Task WhatIf_runs_the_checks_and_creates_nothing()
    {
        var pool = await Create(Request(), new TestSink(shouldProcess: false));

        Assert.Null(pool);
        Assert.Empty(_world.Writes);
        Assert.Contains("GET " + VaultUri + "certificates/web", _world.Calls);
    }

    [Fact]
    public async Task A_pool_created_by_someone_else_meanwhile_is_PoolAlreadyExists_and_untouched()
    {
        _world.Nodes = (_, _) => Array.Empty<ComputeNode>();
        var racing = new RacingWorld(_world);

        var failure = await Assert.ThrowsAsync<BatchRotationException>(() =>
            new PoolProvisioner(racing.Clients).CreateAsync(Request(), _sink, CancellationToken.None));

        Assert.Equal(PoolErrorIds.PoolAlreadyExists, failure.ErrorId);
        Assert.DoesNotContain(_world.Calls, c => c.StartsWith("DELETE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AsTemplate_returns_the_body_without_looking_for_the_pool_or_writing()
    {
        _world.Pools[PoolId] = ExistingPoolBody(PoolId, 1);

        var json = await new PoolProvisioner(_world.Clients).BuildTemplateAsync(Request(), _sink, CancellationToken.None);

        Assert.Empty(_world.Writes);
        Assert.DoesNotContain("GET " + PoolId, _world.Calls);
        var body = JsonNode.Parse(json)!;
        Assert.Equal("UserAssigned", (string?)body["identity"]!["type"]);
        Assert.NotNull(body["identity"]!["userAssignedIdentities"]![IdentityId]);
        Assert.Contains(VaultUri + "secrets/web", json);
        Assert.DoesNotContain("\\u002B", json);
    }

    [Fact]
    public async Task AsTemplate_still_runs_the_access_check()
    {
        _world.VaultsBySubscription[Sub][0] = Vault(VaultId, VaultUri, rbac: false);

        var failure = await Assert.ThrowsAsync<BatchRotationException>(() =>
            new PoolProvisioner(_world.Clients).BuildTemplateAsync(Request(), _sink, CancellationToken.None));

        Assert.Equal(PoolErrorIds.IdentityCannotReadSecret, failure.ErrorId);
    }

    /// <summary>Reports the pool absent to the existence check, then finds it taken at the PUT.</summary>
    private sealed class RacingWorld(FakePoolWorld inner)
    {
        public PoolClients Clients => inner.Clients with { BatchManagement = new Racing(inner) };

        private sealed class Racing(FakePoolWorld world) : BatchRotation.Core.Azure.Clients.IBatchManagementClient
        {
            public Task<BatchAccount> GetAccountAsync(string accountId, CancellationToken cancellationToken) => world.GetAccountAsync(accountId, cancellationToken);
            public Task<IReadOnlyList<BatchAccount>> ListAccountsAsync(string subscriptionId, CancellationToken cancellationToken) => world.ListAccountsAsync(subscriptionId, cancellationToken);
            public Task<IReadOnlyList<BatchAccount>> ListAccountsByResourceGroupAsync(string subscriptionId, string resourceGroup, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<BatchAccount> UpdateAccountEncryptionAsync(string accountId, AccountEncryption encryption, CancellationToken cancellationToken) => throw new NotSupportedException();
            public Task<BatchPool> GetPoolAsync(string poolId, CancellationToken cancellationToken) => world.GetPoolAsync(poolId, cancellationToken);
            public Task<BatchPool?> TryGetPoolAsync(string poolId, CancellationToken cancellationToken) => Task.FromResult<BatchPool?>(null);
            public Task<IReadOnlyList<BatchPool>> ListPoolsAsync(string accountId, CancellationToken cancellationToken) => world.ListPoolsAsync(accountId, cancellationToken);

            public Task<BatchPool> CreatePoolAsync(string poolId, JsonObject pool, CancellationToken cancellationToken)
            {
                world.Pools[poolId] = ExistingPoolBody(poolId, 0);
                return world.CreatePoolAsync(poolId, pool, cancellationToken);
            }

            public Task<DeleteOutcome> DeletePoolAsync(string poolId, CancellationToken cancellationToken) => world.DeletePoolAsync(poolId, cancellationToken);
        }
    }
}
