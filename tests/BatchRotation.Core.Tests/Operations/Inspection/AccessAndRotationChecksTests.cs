using System.Text.Json.Nodes;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Operations.Inspection.Support;

namespace BatchRotation.Core.Tests.Operations.Inspection;

public class AccessAndRotationChecksTests
{
    private const string ResourceGroupScope = "/subscriptions/" + PoolFactsBuilder.Sub + "/resourceGroups/rg1";

    [Fact]
    public void No_policy_for_the_identity_fails_with_the_grant_to_run()
    {
        var builder = new PoolFactsBuilder();
        builder.AccessPolicies.Clear();

        var report = builder.Report();

        var check = report.Expect(PoolCheckIds.AccessSecretReadable, CheckStatus.Failed, "cannot read secret 'cert1'");
        Assert.Equal($"Grant-PoolVaultAccess -IdentityResourceId '{PoolFactsBuilder.IdentityId}' -CertificateUrl '{PoolFactsBuilder.SecretUrl}'", check.Remedy);
        Assert.False(report.Certificates[0].IdentityCanRead);
    }

    [Fact]
    public void A_policy_with_list_but_not_get_fails()
    {
        var builder = new PoolFactsBuilder();
        builder.AccessPolicies[0]!["permissions"]!["secrets"] = new JsonArray("list");

        builder.Report().Expect(PoolCheckIds.AccessSecretReadable, CheckStatus.Failed, "not 'get'");
    }

    [Fact]
    public void On_an_rbac_vault_secrets_user_at_the_vault_passes()
    {
        var builder = new PoolFactsBuilder();
        builder.UseRbac();
        builder.AccessPolicies.Clear();
        builder.AssignRole(PoolFactsBuilder.VaultId, BuiltInRoles.KeyVaultSecretsUser, "Key Vault Secrets User", dataActions: [KeyVaultActions.GetSecret]);

        var report = builder.Report();

        report.Expect(PoolCheckIds.AccessSecretReadable, CheckStatus.Passed, "Key Vault Secrets User");
        report.Expect(PoolCheckIds.AccessLeastPrivilege, CheckStatus.Passed);
        Assert.Equal("role 'Key Vault Secrets User'", report.Certificates[0].Access);
    }

    [Fact]
    public void On_an_rbac_vault_a_role_on_the_resource_group_is_inherited()
    {
        var builder = new PoolFactsBuilder();
        builder.UseRbac();
        builder.AssignRole(ResourceGroupScope, BuiltInRoles.KeyVaultSecretsUser, "Key Vault Secrets User", dataActions: [KeyVaultActions.GetSecret]);

        var report = builder.Report();

        report.Expect(PoolCheckIds.AccessSecretReadable, CheckStatus.Passed, "inherited");
        Assert.Contains("(inherited)", report.Certificates[0].Access);
    }

    [Fact]
    public void On_an_rbac_vault_a_role_on_the_secret_passes()
    {
        var builder = new PoolFactsBuilder();
        builder.UseRbac();
        builder.AssignRole(PoolFactsBuilder.VaultId + "/secrets/cert1", BuiltInRoles.KeyVaultSecretsUser, "Key Vault Secrets User", dataActions: [KeyVaultActions.GetSecret]);

        builder.Report().Expect(PoolCheckIds.AccessSecretReadable, CheckStatus.Passed);
    }

    [Fact]
    public void On_an_rbac_vault_access_policies_do_not_count()
    {
        var builder = new PoolFactsBuilder();
        builder.UseRbac();

        builder.Report().Expect(PoolCheckIds.AccessSecretReadable, CheckStatus.Failed, "ignored");
    }

    [Fact]
    public void Key_vault_contributor_grants_no_data_access()
    {
        var builder = new PoolFactsBuilder();
        builder.UseRbac();
        builder.AssignRole(PoolFactsBuilder.VaultId, BuiltInRoles.KeyVaultContributor, "Key Vault Contributor", actions: ["Microsoft.KeyVault/*"]);

        var report = builder.Report();

        report.Expect(PoolCheckIds.AccessSecretReadable, CheckStatus.Failed, "management-plane role");
        report.Expect(PoolCheckIds.AccessLeastPrivilege, CheckStatus.Warning, "Key Vault Contributor");
    }

    [Fact]
    public void Unreadable_role_assignments_skip_access_on_an_rbac_vault_but_not_on_a_policy_vault()
    {
        var rbac = new PoolFactsBuilder { RolesLookup = Lookup<RoleAssignmentSet>.Denied("ARM answered 403 (AuthorizationFailed)") };
        rbac.UseRbac();
        var report = rbac.Report();
        report.Expect(PoolCheckIds.AccessSecretReadable, CheckStatus.Skipped, "AuthorizationFailed");
        report.Expect(PoolCheckIds.AccessLeastPrivilege, CheckStatus.Skipped, "roles were not judged");

        var policies = new PoolFactsBuilder { RolesLookup = Lookup<RoleAssignmentSet>.Denied("ARM answered 403 (AuthorizationFailed)") };
        var policyReport = policies.Report();
        policyReport.Expect(PoolCheckIds.AccessSecretReadable, CheckStatus.Passed);
        policyReport.Expect(PoolCheckIds.AccessLeastPrivilege, CheckStatus.Skipped);
    }

    [Fact]
    public void Extra_policy_permissions_are_a_least_privilege_warning_naming_them()
    {
        var builder = new PoolFactsBuilder();
        builder.AccessPolicies[0]!["permissions"] = new JsonObject
        {
            ["secrets"] = new JsonArray("get", "list", "set", "delete"),
            ["certificates"] = new JsonArray("get", "import"),
        };

        var report = builder.Report();

        var check = report.Expect(PoolCheckIds.AccessLeastPrivilege, CheckStatus.Warning, "set, delete");
        Assert.Contains("certificate permissions get, import", check.Message);
        Assert.Equal(PoolFactsBuilder.VaultId, check.Target);
        Assert.Contains("Remove-AzKeyVaultAccessPolicy -VaultName 'kv1' -ObjectId " + PoolFactsBuilder.PrincipalId, check.Remedy);
        Assert.Contains("Grant-PoolVaultAccess", check.Remedy);
    }

    [Fact]
    public void An_owner_role_on_a_policy_vault_is_flagged_because_it_can_rewrite_the_policies()
    {
        var builder = new PoolFactsBuilder();
        builder.AssignRole(ResourceGroupScope, BuiltInRoles.Owner, "Owner", actions: ["*"]);

        builder.Report().Expect(PoolCheckIds.AccessLeastPrivilege, CheckStatus.Warning, "Owner");
    }

    [Fact]
    public void Least_privilege_is_judged_once_per_vault()
    {
        var builder = new PoolFactsBuilder();
        builder.SecretsManagement["observedCertificates"]!.AsArray().Add(new JsonObject { ["url"] = PoolFactsBuilder.VaultUri + "secrets/cert2" });

        var report = builder.Report();

        Assert.Single(report.Checks, c => c.Id == PoolCheckIds.AccessLeastPrivilege);
        Assert.Equal(2, report.Checks.Count(c => c.Id == PoolCheckIds.AccessSecretReadable));
        Assert.Equal(2, report.Certificates.Length);
    }

    [Fact]
    public void An_unknown_extension_identity_skips_access()
    {
        var builder = new PoolFactsBuilder();
        var identities = builder.Pool["identity"]!["userAssignedIdentities"]!.AsObject();
        identities[PoolFactsBuilder.IdentityId.Replace("uami1", "uami2")] = new JsonObject { ["principalId"] = "55555555-5555-5555-5555-555555555555", ["clientId"] = "66666666-6666-6666-6666-666666666666" };
        builder.Authentication["msiClientId"] = "77777777-7777-7777-7777-777777777777";

        var report = builder.Report();

        report.Expect(PoolCheckIds.AccessSecretReadable, CheckStatus.Skipped, "cannot be told");
        report.Expect(PoolCheckIds.ExtensionMsiClientId, CheckStatus.Failed);
    }

    [Theory]
    [InlineData("3600", 80, null, CheckStatus.Passed)]
    [InlineData("3600", null, 1, CheckStatus.Passed)]
    [InlineData("86400", null, 1, CheckStatus.Failed)]
    [InlineData("50000", null, 1, CheckStatus.Warning)]
    [InlineData("2592000", 95, null, CheckStatus.Failed)]
    public void The_polling_interval_must_fit_well_inside_the_renewal_window(string polling, int? percent, int? days, CheckStatus status)
    {
        var builder = new PoolFactsBuilder();
        builder.SecretsManagement["pollingIntervalInS"] = polling;
        builder.Policy["lifetime_actions"]![0]!["trigger"] = percent is int p ? new JsonObject { ["lifetime_percentage"] = p } : new JsonObject { ["days_before_expiry"] = days };

        var check = builder.Report().Expect(PoolCheckIds.RotationPollingInterval, status, "Nodes poll every");

        if (status != CheckStatus.Passed)
        {
            Assert.Contains("-PollingInterval", check.Remedy);
        }
    }

    [Fact]
    public void Rotation_timing_uses_the_default_interval_when_none_is_set()
    {
        var builder = new PoolFactsBuilder();
        builder.SecretsManagement.Remove("pollingIntervalInS");

        builder.Report().Expect(PoolCheckIds.RotationPollingInterval, CheckStatus.Passed, "every 1 h");
    }

    [Fact]
    public void Rotation_timing_is_skipped_when_the_interval_cannot_be_read()
    {
        var builder = new PoolFactsBuilder();
        builder.SecretsManagement["pollingIntervalInS"] = 3600;

        builder.Report().Expect(PoolCheckIds.RotationPollingInterval, CheckStatus.Skipped, PoolCheckIds.ExtensionPollingInterval);
    }
}
