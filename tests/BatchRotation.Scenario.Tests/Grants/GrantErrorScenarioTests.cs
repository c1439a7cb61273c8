using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations.Grants;
using BatchRotation.Core.Rules;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Grants;

/// <summary>Each error a user of Grant-PoolVaultAccess meets, against the emulator: id, kind, target, request id, and the others going on.</summary>
public sealed class GrantErrorScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>
{
    [Fact]
    public async Task A_missing_identity_is_identity_not_found_with_azures_request_id()
    {
        var group = await scenario.ResourceGroupAsync();
        var vault = await scenario.VaultAsync(group, rbac: false, "web");
        var missing = $"{scenario.Emulator.ResourceGroupId(group)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/nobody";

        var error = await Assert.ThrowsAsync<BatchRotationException>(() =>
            scenario.Granter().GrantAsync(new GrantRequest(missing, new[] { vault.Url("web") }), new RecordingSink(), CancellationToken.None));

        Assert.Equal(GrantErrorIds.IdentityNotFound, error.ErrorId);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.Status);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Contains(error.RequestId!, error.Message);
    }

    [Fact]
    public async Task A_malformed_identity_id_or_url_uses_the_rules_ids()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var vault = await scenario.VaultAsync(group, rbac: false, "web");

        var badId = await Assert.ThrowsAsync<BatchRotationException>(() =>
            scenario.Granter().GrantAsync(new GrantRequest("/subscriptions/x/resourceGroups/rg", new[] { vault.Url("web") }), new RecordingSink(), CancellationToken.None));
        Assert.Equal(RuleErrorIds.InvalidResourceId, badId.ErrorId);

        var sink = new RecordingSink();
        var result = await scenario.Granter().GrantAsync(new GrantRequest(identity.Id, new[] { vault.Url("web") + "/not-a-version", vault.Url("web") }), sink, CancellationToken.None);
        var error = Assert.Single(sink.Errors);
        Assert.Equal(RuleErrorIds.InvalidCertificateUrl, error.ErrorId);
        Assert.Equal(vault.Url("web") + "/not-a-version", error.Target);
        Assert.Equal(VaultGrantStatus.Granted, Assert.Single(result!.Grants).Status);
    }

    [Fact]
    public async Task A_vault_nobody_has_is_not_found_naming_the_subscription_searched_while_the_other_vault_is_granted()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var vault = await scenario.VaultAsync(group, rbac: false, "web");
        var ghost = new Uri(scenario.Emulator.Endpoint, "keyvault/ghostvault1/secrets/web").AbsoluteUri;
        var sink = new RecordingSink();

        var result = await scenario.Granter().GrantAsync(new GrantRequest(identity.Id, new[] { ghost, vault.Url("web") }), sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(GrantErrorIds.VaultNotFound, error.ErrorId);
        Assert.Contains(scenario.SubscriptionId, error.Message);
        Assert.Equal(new[] { VaultGrantStatus.Failed, VaultGrantStatus.Granted }, result!.Grants.Select(g => g.Status));
        Assert.Equal(new[] { ghost, vault.Url("web") }, result.CertificateUrl);
        Assert.Equal(new[] { ghost }, result.FailedCertificateUrl);
    }

    [Fact]
    public async Task A_missing_certificate_is_certificate_not_found_for_that_url()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var vault = await scenario.VaultAsync(group, rbac: false, "web");
        var sink = new RecordingSink();

        var result = await scenario.Granter().GrantAsync(new GrantRequest(identity.Id, new[] { vault.Url("web"), vault.Url("missing") }), sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(GrantErrorIds.CertificateNotFound, error.ErrorId);
        Assert.Equal(vault.Url("missing"), error.Target);
        Assert.Equal(404, error.Status);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal(new[] { vault.Url("web"), vault.Url("missing") }, result!.CertificateUrl);
        Assert.Equal(VaultGrantStatus.Granted, Assert.Single(result.Grants).Status);
    }

    [Fact]
    public async Task A_vault_of_another_tenant_is_refused_and_left_untouched()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        const string foreignTenant = "5f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
        var vault = await scenario.VaultInTenantAsync(group, foreignTenant);
        var mark = await scenario.JournalMarkAsync();
        var sink = new RecordingSink();

        var result = await scenario.Granter().GrantAsync(new GrantRequest(identity.Id, new[] { vault.Url("web") }), sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(GrantErrorIds.VaultInAnotherTenant, error.ErrorId);
        Assert.Contains(foreignTenant, error.Message);
        Assert.Empty(await scenario.WritesSinceAsync(mark));
        Assert.Equal(VaultGrantStatus.Failed, Assert.Single(result!.Grants).Status);
    }

    [Fact]
    public async Task A_reader_may_not_write_policies_and_is_told_which_role_it_needs()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var vault = await scenario.VaultAsync(group, rbac: false, "web");
        var reader = await scenario.PrincipalWithRoleAsync(scenario.Emulator.ResourceGroupId(group), ArmSeeder.ReaderRole);
        var sink = new RecordingSink();

        var result = await scenario.Granter(scenario.ClientsFor(reader.ClientId, reader.ClientSecret))
            .GrantAsync(new GrantRequest(identity.Id, new[] { vault.Url("web") }), sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(GrantErrorIds.AccessPolicyWriteDenied, error.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("AuthorizationFailed", error.AzureErrorCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Contains("Key Vault Contributor", error.Remedy);
        Assert.Contains(sink.Warnings, w => w.Contains("cannot be proven"));
        Assert.Equal(VaultGrantStatus.Failed, Assert.Single(result!.Grants).Status);
        Assert.DoesNotContain(await scenario.PoliciesAsync(vault), p => p.ObjectId == identity.PrincipalId);
    }

    [Fact]
    public async Task A_reader_may_not_assign_roles_and_nothing_is_left_half_written()
    {
        var group = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var vault = await scenario.VaultAsync(group, rbac: true, "web", "api");
        var reader = await scenario.PrincipalWithRoleAsync(scenario.Emulator.ResourceGroupId(group), ArmSeeder.ReaderRole);
        var sink = new RecordingSink();

        var result = await scenario.Granter(scenario.ClientsFor(reader.ClientId, reader.ClientSecret)).GrantAsync(
            new GrantRequest(identity.Id, new[] { vault.Url("web"), vault.Url("api") }) { RbacScope = RbacGrantScope.Secret }, sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(GrantErrorIds.RoleAssignmentWriteDenied, error.ErrorId);
        Assert.Contains("User Access Administrator", error.Remedy);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal(VaultGrantStatus.Failed, Assert.Single(result!.Grants).Status);
        Assert.Empty(await scenario.AssignmentsAsync(vault.Id, identity.PrincipalId));
    }

    [Fact]
    public async Task A_failed_vault_does_not_stop_the_others()
    {
        var group = await scenario.ResourceGroupAsync();
        var writableGroup = await scenario.ResourceGroupAsync();
        var identity = await scenario.IdentityAsync(group);
        var readOnly = await scenario.VaultAsync(group, rbac: false, "web");
        var writable = await scenario.VaultAsync(writableGroup, rbac: false, "api");
        var writableRbac = await scenario.VaultAsync(writableGroup, rbac: true, "app");
        var principal = await scenario.PrincipalWithRoleAsync(scenario.Emulator.ResourceGroupId(group), ArmSeeder.ReaderRole);
        await scenario.Emulator.AssignRoleAsync(scenario.Emulator.ResourceGroupId(writableGroup), ArmSeeder.OwnerRole, principal.PrincipalId);
        var sink = new RecordingSink();

        var result = await scenario.Granter(scenario.ClientsFor(principal.ClientId, principal.ClientSecret)).GrantAsync(
            new GrantRequest(identity.Id, new[] { readOnly.Url("web"), writable.Url("api"), writableRbac.Url("app") }), sink, CancellationToken.None);

        Assert.Equal(GrantErrorIds.AccessPolicyWriteDenied, Assert.Single(sink.Errors).ErrorId);
        Assert.Equal(new[] { VaultGrantStatus.Failed, VaultGrantStatus.Granted, VaultGrantStatus.Granted }, result!.Grants.Select(g => g.Status));
        Assert.Equal(new[] { readOnly.Url("web"), writable.Url("api"), writableRbac.Url("app") }, result.CertificateUrl);
        Assert.Equal(new[] { readOnly.Url("web") }, result.FailedCertificateUrl);
        Assert.Contains(await scenario.PoliciesAsync(writable), p => p.ObjectId == identity.PrincipalId);
        Assert.Single(await scenario.AssignmentsAsync(writableRbac.Id, identity.PrincipalId));
    }
}
