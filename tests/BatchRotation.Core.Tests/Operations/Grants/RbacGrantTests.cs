using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Operations.Grants;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Tests.Operations.Grants;

public class RbacGrantTests
{
    private const string RgScope = "/subscriptions/" + FakeAzure.Sub + "/resourceGroups/rg1";

    private static GrantRequest Request(params string[] urls) => new(FakeAzure.IdentityId, urls);

    [Fact]
    public async Task Assigns_key_vault_secrets_user_at_the_vault()
    {
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1", rbac: true);
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), sink, CancellationToken.None);

        Assert.Equal(vault.Id, Assert.Single(azure.Authorization.Creates));
        var assignment = Assert.Single(azure.Authorization.Assignments);
        Assert.Equal(BuiltInRoles.KeyVaultSecretsUser, BuiltInRoles.GuidOf(assignment.RoleDefinitionId!));
        Assert.Empty(azure.Vaults.Adds);
        var grant = Assert.Single(result!.Grants);
        Assert.Equal(VaultGrantStatus.Granted, grant.Status);
        Assert.Equal(KeyVaultPermissionModel.Rbac, grant.AccessModel);
        Assert.Equal("Key Vault Secrets User", grant.RoleName);
        Assert.Equal(BuiltInRoles.KeyVaultSecretsUser, grant.RoleDefinitionId);
        Assert.Equal(new[] { vault.Id }, grant.Scope);
        Assert.Empty(grant.Permissions);
        Assert.Contains(sink.Warnings, w => w.Contains("few minutes"));
        var (target, action) = Assert.Single(sink.ShouldProcessCalls);
        Assert.Equal(vault.Id, target);
        Assert.Contains("'Key Vault Secrets User'", action);
        Assert.Contains(vault.Id, action);
    }

    [Fact]
    public async Task Assigns_per_secret_with_secret_scope_and_only_for_unreadable_secrets()
    {
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1", rbac: true, certificates: new[] { "a", "b", "c" });
        azure.Authorization.Assign(vault.Id + "/secrets/b", BuiltInRoles.KeyVaultSecretsUser);

        var result = await azure.Granter().GrantAsync(
            Request(FakeAzure.Url("kv1", "a"), FakeAzure.Url("kv1", "b"), FakeAzure.Url("kv1", "c")) with { RbacScope = RbacGrantScope.Secret },
            new TestSink(), CancellationToken.None);

        Assert.Equal(new[] { vault.Id + "/secrets/a", vault.Id + "/secrets/c" }, azure.Authorization.Creates.ToArray());
        var grant = Assert.Single(result!.Grants);
        Assert.Equal(VaultGrantStatus.Granted, grant.Status);
        Assert.Equal(new[] { vault.Id + "/secrets/a", vault.Id + "/secrets/c" }, grant.Scope);
        Assert.Contains("secret scope", grant.Detail);
    }

    [Fact]
    public async Task A_role_inherited_from_the_resource_group_is_already_present()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1", rbac: true);
        azure.Authorization.Assign(RgScope, BuiltInRoles.KeyVaultSecretsUser);
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), sink, CancellationToken.None);

        Assert.Empty(azure.Authorization.Creates);
        Assert.Empty(sink.ShouldProcessCalls);
        var grant = Assert.Single(result!.Grants);
        Assert.Equal(VaultGrantStatus.AlreadyPresent, grant.Status);
        Assert.Equal("Key Vault Secrets User", grant.RoleName);
        Assert.Equal(new[] { RgScope }, grant.Scope);
        Assert.Contains("resource group 'rg1'", grant.Detail);
        Assert.Contains("inherited", grant.Detail);
        Assert.DoesNotContain(sink.Warnings, w => w.Contains("few minutes"));
    }

    [Fact]
    public async Task A_broader_data_role_is_already_present_but_a_management_role_is_not()
    {
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1", rbac: true);
        azure.Authorization.Assign(vault.Id, BuiltInRoles.KeyVaultContributor);
        azure.Authorization.Assign("/subscriptions/" + FakeAzure.Sub, BuiltInRoles.Reader);
        var sink = new TestSink();

        var first = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), sink, CancellationToken.None);

        Assert.Equal(VaultGrantStatus.Granted, Assert.Single(first!.Grants).Status);
        Assert.Contains(sink.Verbose, v => v.Contains("Key Vault Contributor") && v.Contains("management-plane"));

        var other = new FakeAzure();
        other.AddVault("kv1", rbac: true);
        other.Authorization.Assign(FakeAzure.VaultId("kv1"), BuiltInRoles.KeyVaultAdministrator);
        var second = await other.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), new TestSink(), CancellationToken.None);

        var grant = Assert.Single(second!.Grants);
        Assert.Equal(VaultGrantStatus.AlreadyPresent, grant.Status);
        Assert.Equal("Key Vault Administrator", grant.RoleName);
        Assert.Empty(other.Authorization.Creates);
    }

    [Fact]
    public async Task A_conditional_assignment_is_not_taken_as_access()
    {
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1", rbac: true);
        azure.Authorization.Assign(vault.Id, BuiltInRoles.KeyVaultSecretsUser, condition: "@Resource[Microsoft.KeyVault/vaults/secrets:name] StringEquals 'other'");

        var result = await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")), new TestSink(), CancellationToken.None);

        Assert.Equal(VaultGrantStatus.Granted, Assert.Single(result!.Grants).Status);
        Assert.Single(azure.Authorization.Creates);
    }

    [Fact]
    public async Task Each_role_definition_is_read_once_per_invocation()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1", rbac: true);
        azure.AddVault("kv2", rbac: true);
        azure.Authorization.Assign(RgScope, BuiltInRoles.KeyVaultSecretsUser);

        await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1"), FakeAzure.Url("kv2")), new TestSink(), CancellationToken.None);

        Assert.Single(azure.Authorization.DefinitionReads);
        Assert.Equal(2, azure.Authorization.Lists.Count);
    }

    [Fact]
    public async Task When_a_later_assignment_fails_the_ones_made_for_that_vault_are_removed()
    {
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1", rbac: true, certificates: new[] { "a", "b" });
        azure.AddVault("kv2", rbac: true);
        azure.Authorization.CreateFailure = scope => scope.EndsWith("/secrets/b", StringComparison.Ordinal) ? AzureFailures.Forbidden(scope) : null;
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(
            Request(FakeAzure.Url("kv1", "a"), FakeAzure.Url("kv1", "b"), FakeAzure.Url("kv2")) with { RbacScope = RbacGrantScope.Secret },
            sink, CancellationToken.None);

        var error = Assert.Single(sink.Errors);
        Assert.Equal(GrantErrorIds.RoleAssignmentWriteDenied, error.ErrorId);
        Assert.Equal(vault.Id + "/secrets/b", error.Target);
        Assert.Contains("User Access Administrator", error.Remedy);
        Assert.Contains("Key Vault Data Access Administrator", error.Remedy);
        Assert.Contains("removed again", error.Message);
        Assert.Equal("AuthorizationFailed", error.AzureErrorCode);
        Assert.NotNull(error.RequestId);
        Assert.Contains(error.RequestId!, error.Message);
        Assert.Single(azure.Authorization.Deletes);
        Assert.DoesNotContain(azure.Authorization.Assignments, a => a.Scope!.StartsWith(vault.Id, StringComparison.OrdinalIgnoreCase));

        Assert.Equal(VaultGrantStatus.Failed, result!.Grants[0].Status);
        Assert.Equal(GrantErrorIds.RoleAssignmentWriteDenied, result.Grants[0].ErrorId);
        Assert.Equal(VaultGrantStatus.Granted, result.Grants[1].Status);
        Assert.Equal(new[] { FakeAzure.Url("kv1", "a"), FakeAzure.Url("kv1", "b"), FakeAzure.Url("kv2") }, result.CertificateUrl);
        Assert.Equal(new[] { FakeAzure.Url("kv1", "a"), FakeAzure.Url("kv1", "b") }, result.FailedCertificateUrl);
    }

    [Fact]
    public async Task When_one_of_several_assignments_is_declined_none_is_made()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1", rbac: true, certificates: new[] { "a", "b" });
        var sink = new TestSink { Decide = (_, action) => !action.Contains("/secrets/b") };

        var result = await azure.Granter().GrantAsync(
            Request(FakeAzure.Url("kv1", "a"), FakeAzure.Url("kv1", "b")) with { RbacScope = RbacGrantScope.Secret }, sink, CancellationToken.None);

        Assert.Equal(2, sink.ShouldProcessCalls.Count);
        Assert.Empty(azure.Authorization.Creates);
        Assert.Equal(VaultGrantStatus.Skipped, Assert.Single(result!.Grants).Status);
    }

    [Fact]
    public async Task Refuses_a_vault_that_uses_access_policies_when_rbac_is_asked_for()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1");
        var sink = new TestSink();

        await azure.Granter().GrantAsync(Request(FakeAzure.Url("kv1")) with { AccessModel = GrantAccessModel.Rbac }, sink, CancellationToken.None);

        Assert.Equal(GrantErrorIds.VaultAccessModelMismatch, Assert.Single(sink.Errors).ErrorId);
        Assert.Empty(azure.Authorization.Creates);
        Assert.Empty(azure.Vaults.Adds);
    }
}
