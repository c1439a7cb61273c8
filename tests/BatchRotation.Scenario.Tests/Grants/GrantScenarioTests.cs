using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations.Grants;
using BatchRotation.Core.Rules;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Grants;

/// <summary>Grant-PoolVaultAccess's Core against the emulator: both permission models, idempotent reruns, inheritance.</summary>
public sealed class GrantScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>
{
    [Fact]
    public async Task Access_policy_vault_gets_secrets_get_list_for_the_identity_and_keeps_every_other_policy()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var vault = await scenario.VaultAsync(group, rbac: false, "web");
        var before = await scenario.PoliciesAsync(vault);
        var sink = new RecordingSink();

        var result = await scenario.Granter().GrantAsync(new GrantRequest(identity.Id, new[] { vault.Url("web") }), sink, CancellationToken.None);

        Assert.Empty(sink.Errors);
        var grant = Assert.Single(result!.Grants);
        Assert.Equal(VaultGrantStatus.Granted, grant.Status);
        Assert.Equal(KeyVaultPermissionModel.AccessPolicy, grant.AccessModel);
        Assert.Equal(vault.Id, grant.VaultResourceId, ignoreCase: true);
        Assert.Equal(identity.ClientId, result.IdentityClientId);
        Assert.Equal(identity.PrincipalId, result.IdentityPrincipalId);
        Assert.Equal(new[] { vault.Url("web") }, result.CertificateUrl);

        var after = await scenario.PoliciesAsync(vault);
        var mine = Assert.Single(after, p => p.ObjectId == identity.PrincipalId);
        Assert.Equal(new[] { "get", "list" }, mine.Permissions.Secrets.OrderBy(p => p));
        Assert.Empty(mine.Permissions.Certificates);
        Assert.Empty(mine.Permissions.Keys);
        foreach (var policy in before)
        {
            Assert.Contains(after, p => p.ObjectId == policy.ObjectId && p.Permissions.Secrets.SequenceEqual(policy.Permissions.Secrets));
        }
    }

    [Fact]
    public async Task A_rerun_on_an_access_policy_vault_writes_nothing_at_all()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var vault = await scenario.VaultAsync(group, rbac: false, "web", "api");
        var request = new GrantRequest(identity.Id, new[] { vault.Url("web"), vault.Url("api") });
        await scenario.Granter().GrantAsync(request, new RecordingSink(), CancellationToken.None);
        var mark = await scenario.JournalMarkAsync();
        var sink = new RecordingSink();

        var rerun = await scenario.Granter().GrantAsync(request, sink, CancellationToken.None);

        Assert.Empty(await scenario.WritesSinceAsync(mark));
        Assert.Empty(sink.ShouldProcessCalls);
        var grant = Assert.Single(rerun!.Grants);
        Assert.Equal(VaultGrantStatus.AlreadyPresent, grant.Status);
        Assert.Equal(new[] { "get", "list" }, grant.Permissions);
        var requests = await scenario.RequestsSinceAsync(mark);
        Assert.Single(requests, r => r.Method == "GET" && r.Url.StartsWith(vault.Id + "?", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(requests, r => r.Method == "PUT" && r.Url.StartsWith(vault.Id + "?", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Rbac_vault_gets_key_vault_secrets_user_at_the_vault_and_a_rerun_writes_nothing()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var vault = await scenario.VaultAsync(group, rbac: true, "web");
        var sink = new RecordingSink();

        var result = await scenario.Granter().GrantAsync(new GrantRequest(identity.Id, new[] { vault.Url("web") }), sink, CancellationToken.None);

        var grant = Assert.Single(result!.Grants);
        Assert.Equal(VaultGrantStatus.Granted, grant.Status);
        Assert.Equal(KeyVaultPermissionModel.Rbac, grant.AccessModel);
        Assert.Equal("Key Vault Secrets User", grant.RoleName);
        var assignment = Assert.Single(await scenario.AssignmentsAsync(vault.Id, identity.PrincipalId));
        Assert.Equal(vault.Id, assignment.Scope, ignoreCase: true);
        Assert.Equal(BuiltInRoles.KeyVaultSecretsUser, BuiltInRoles.GuidOf(assignment.RoleDefinitionId!));
        Assert.Equal("ServicePrincipal", assignment.PrincipalType);
        Assert.DoesNotContain(await scenario.PoliciesAsync(vault), p => p.ObjectId == identity.PrincipalId);

        var mark = await scenario.JournalMarkAsync();
        var rerun = await scenario.Granter().GrantAsync(new GrantRequest(identity.Id, new[] { vault.Url("web") }), new RecordingSink(), CancellationToken.None);

        Assert.Empty(await scenario.WritesSinceAsync(mark));
        var again = Assert.Single(rerun!.Grants);
        Assert.Equal(VaultGrantStatus.AlreadyPresent, again.Status);
        Assert.Equal(new[] { vault.Id }, again.Scope, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Secret_scope_assigns_the_role_on_each_secret_only()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var vault = await scenario.VaultAsync(group, rbac: true, "web", "api");

        var result = await scenario.Granter().GrantAsync(
            new GrantRequest(identity.Id, new[] { vault.Url("web"), vault.Url("api") }) { RbacScope = RbacGrantScope.Secret },
            new RecordingSink(), CancellationToken.None);

        Assert.Equal(VaultGrantStatus.Granted, Assert.Single(result!.Grants).Status);
        var scopes = (await scenario.AssignmentsAsync(vault.Id, identity.PrincipalId)).Select(a => a.Scope!).OrderBy(s => s).ToList();
        Assert.Equal(new[] { vault.Id + "/secrets/api", vault.Id + "/secrets/web" }, scopes, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_role_inherited_from_the_resource_group_is_already_present_and_nothing_is_written()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var vault = await scenario.VaultAsync(group, rbac: true, "web");
        await scenario.Emulator.AssignRoleAsync(scenario.Emulator.ResourceGroupId(group), ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId);
        var mark = await scenario.JournalMarkAsync();

        var result = await scenario.Granter().GrantAsync(new GrantRequest(identity.Id, new[] { vault.Url("web") }), new RecordingSink(), CancellationToken.None);

        Assert.Empty(await scenario.WritesSinceAsync(mark));
        var grant = Assert.Single(result!.Grants);
        Assert.Equal(VaultGrantStatus.AlreadyPresent, grant.Status);
        Assert.Equal(new[] { scenario.Emulator.ResourceGroupId(group) }, grant.Scope, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("inherited", grant.Detail);
    }

    [Fact]
    public async Task A_broader_existing_policy_is_already_present()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var vault = await scenario.VaultAsync(group, rbac: false, "web");
        await scenario.Emulator.AddAccessPolicyAsync(vault, identity.PrincipalId, secrets: new[] { "get", "list", "set" }, certificates: new[] { "get" });
        var mark = await scenario.JournalMarkAsync();

        var result = await scenario.Granter().GrantAsync(new GrantRequest(identity.Id, new[] { vault.Url("web") }), new RecordingSink(), CancellationToken.None);

        Assert.Empty(await scenario.WritesSinceAsync(mark));
        var grant = Assert.Single(result!.Grants);
        Assert.Equal(VaultGrantStatus.AlreadyPresent, grant.Status);
        Assert.Equal(new[] { "get", "list", "set" }, grant.Permissions);
    }

    [Fact]
    public async Task Several_vaults_with_several_certificates_are_each_read_once_and_granted_in_their_own_model()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var policyVault = await scenario.VaultAsync(group, rbac: false, "a", "b");
        var rbacVault = await scenario.VaultAsync(group, rbac: true, "c", "d");
        var mark = await scenario.JournalMarkAsync();
        var sink = new RecordingSink();

        var result = await scenario.Granter().GrantAsync(
            new GrantRequest(identity.Id, new[] { policyVault.Url("a"), rbacVault.Url("c"), policyVault.Url("b"), rbacVault.Url("d") }),
            sink, CancellationToken.None);

        Assert.Equal(new[] { KeyVaultPermissionModel.AccessPolicy, KeyVaultPermissionModel.Rbac }, result!.Grants.Select(g => g.AccessModel!.Value));
        Assert.All(result.Grants, g => Assert.Equal(VaultGrantStatus.Granted, g.Status));
        Assert.Equal(4, result.CertificateUrl.Length);
        var requests = await scenario.RequestsSinceAsync(mark);
        foreach (var vault in new[] { policyVault, rbacVault })
        {
            Assert.Single(requests, r => r.Method == "GET" && r.Url.StartsWith(vault.Id + "?", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(requests, r => r.Method == "PUT" && r.Url.StartsWith(vault.Id + "?", StringComparison.OrdinalIgnoreCase));
        }

        Assert.Single(requests, r => r.Method == "GET" && r.Url.Contains("/providers/Microsoft.KeyVault/vaults?", StringComparison.OrdinalIgnoreCase));
        Assert.Single(requests, r => r.Method == "PUT" && r.Url.Contains("/accessPolicies/add", StringComparison.OrdinalIgnoreCase));
        Assert.Single(requests, r => r.Method == "PUT" && r.Url.Contains("/roleAssignments/", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, sink.Progress.Count(p => p.Status.StartsWith("Vault ", StringComparison.Ordinal)));
        Assert.Contains(sink.Progress, p => p.Completed);
    }

    [Fact]
    public async Task When_not_confirmed_nothing_is_written()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var policyVault = await scenario.VaultAsync(group, rbac: false, "a");
        var rbacVault = await scenario.VaultAsync(group, rbac: true, "b");
        var mark = await scenario.JournalMarkAsync();
        var sink = new RecordingSink(shouldProcess: false);

        var result = await scenario.Granter().GrantAsync(new GrantRequest(identity.Id, new[] { policyVault.Url("a"), rbacVault.Url("b") }), sink, CancellationToken.None);

        Assert.Empty(await scenario.WritesSinceAsync(mark));
        Assert.Equal(2, sink.ShouldProcessCalls.Count);
        Assert.Contains(sink.ShouldProcessCalls, c => c.Target.Equals(policyVault.Id, StringComparison.OrdinalIgnoreCase) && c.Action.Contains("secret permissions get, list"));
        Assert.Contains(sink.ShouldProcessCalls, c => c.Target.Equals(rbacVault.Id, StringComparison.OrdinalIgnoreCase) && c.Action.Contains("Key Vault Secrets User"));
        Assert.All(result!.Grants, g => Assert.Equal(VaultGrantStatus.Skipped, g.Status));
        Assert.DoesNotContain(await scenario.PoliciesAsync(policyVault), p => p.ObjectId == identity.PrincipalId);
        Assert.Empty(await scenario.AssignmentsAsync(rbacVault.Id, identity.PrincipalId));
    }

    [Fact]
    public async Task A_versioned_certificates_url_is_normalised_with_a_warning()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var vault = await scenario.VaultAsync(group, rbac: false);
        var certificate = await scenario.Emulator.CreateCertificateAsync(vault, "web", GrantWorld.FastCertificate);
        var sink = new RecordingSink();

        var result = await scenario.Granter().GrantAsync(new GrantRequest(identity.Id, new[] { certificate.Id.AbsoluteUri }), sink, CancellationToken.None);

        Assert.Equal(new[] { vault.Url("web") }, result!.CertificateUrl);
        Assert.Contains(sink.Warnings, w => w.Contains(certificate.Version) && w.Contains("never rotates"));
    }
}
