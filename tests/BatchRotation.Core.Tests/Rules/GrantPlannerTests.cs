using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;
using static BatchRotation.Core.Tests.Rules.TestSupport.AccessFixtures;

namespace BatchRotation.Core.Tests.Rules;

public class GrantPlannerTests
{
    private static readonly string[] Secrets = { "cert1", "cert2" };
    private const string SecretsUserId = Subscription + "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6";

    [Fact]
    public void A_principal_without_a_policy_gets_secrets_get_and_list()
    {
        var plan = GrantPlanner.Plan(PolicyVault(Policy(OtherPrincipal, new[] { "all" })), RbacState.Empty, Principal, Secrets);
        Assert.Equal(new AccessPolicyAddition(Tenant, Principal, new[] { "get", "list" }).ToRequestBody().ToJsonString(), plan.AccessPolicyAddition!.ToRequestBody().ToJsonString());
        Assert.Empty(plan.RoleAssignments);
        Assert.False(plan.NothingToDo);
        Expect.Json($$"""
            { "properties": { "accessPolicies": [ { "tenantId": "{{Tenant}}", "objectId": "{{Principal}}", "permissions": { "secrets": [ "get", "list" ] } } ] } }
            """, plan.AccessPolicyAddition.ToRequestBody());
        Assert.Equal("add", AccessPolicyAddition.OperationKind);
    }

    [Theory]
    [InlineData("get", "list")]
    [InlineData("LIST", "get")]
    [InlineData("set,delete", "get,list")]
    public void Only_missing_permissions_are_added(string existing, string added)
    {
        var plan = GrantPlanner.Plan(PolicyVault(Policy(Principal, existing.Split(','))), RbacState.Empty, Principal, Secrets);
        Assert.Equal(added.Split(','), plan.AccessPolicyAddition!.SecretPermissions);
    }

    [Theory]
    [InlineData("get,list")]
    [InlineData("Get,List,Set")]
    [InlineData("all")]
    public void Nothing_is_added_when_a_policy_already_covers_it(string existing)
    {
        var plan = GrantPlanner.Plan(PolicyVault(Policy(Principal, existing.Split(','))), RbacState.Empty, Principal, Secrets);
        Assert.True(plan.NothingToDo);
        Assert.Null(plan.AccessPolicyAddition);
    }

    [Fact]
    public void A_policy_in_another_tenant_does_not_cover_and_the_grant_uses_the_vault_tenant()
    {
        var plan = GrantPlanner.Plan(PolicyVault(Policy(Principal, new[] { "get", "list" }, tenant: OtherTenant)), RbacState.Empty, Principal, Secrets);
        Assert.Equal(Tenant, plan.AccessPolicyAddition!.TenantId);
        Assert.Equal(new[] { "get", "list" }, plan.AccessPolicyAddition.SecretPermissions);
    }

    [Fact]
    public void With_rbac_the_vault_scope_gets_one_Secrets_User_assignment()
    {
        var plan = GrantPlanner.Plan(RbacVault(), RbacState.Empty, Principal, Secrets);
        var assignment = Assert.Single(plan.RoleAssignments);
        Assert.Equal(VaultId, assignment.Scope.Value);
        Assert.Equal(SecretsUserId, assignment.RoleDefinitionId);
        Assert.Equal("Key Vault Secrets User", assignment.RoleName);
        Assert.Null(plan.AccessPolicyAddition);
        Expect.Json($$"""
            { "properties": { "roleDefinitionId": "{{SecretsUserId}}", "principalId": "{{Principal}}", "principalType": "ServicePrincipal" } }
            """, assignment.ToRequestBody());
    }

    [Fact]
    public void With_rbac_at_secret_scope_each_unreadable_secret_gets_an_assignment()
    {
        var plan = GrantPlanner.Plan(RbacVault(), Rbac(Assign(VaultId + "/secrets/cert1", BuiltInRoles.KeyVaultSecretsUser)), Principal, new[] { "cert1", "cert2", "cert3", "CERT2" }, RbacGrantScope.Secret);
        Assert.Equal(new[] { VaultId + "/secrets/cert2", VaultId + "/secrets/cert3" }, plan.RoleAssignments.Select(a => a.Scope.Value));
        Assert.All(plan.RoleAssignments, a => Assert.Equal(SecretsUserId, a.RoleDefinitionId));
        Assert.True(plan.CurrentAccess["cert1"].CanRead);
        Assert.False(plan.CurrentAccess["cert2"].CanRead);
    }

    [Theory]
    [InlineData(VaultId, BuiltInRoles.KeyVaultSecretsUser)]
    [InlineData(ResourceGroup, BuiltInRoles.KeyVaultSecretsUser)]
    [InlineData(Subscription, BuiltInRoles.KeyVaultAdministrator)]
    [InlineData("/providers/Microsoft.Management/managementGroups/corp", BuiltInRoles.KeyVaultSecretsOfficer)]
    public void Nothing_is_assigned_when_a_role_already_reaches_the_secrets(string scope, string role)
    {
        var plan = GrantPlanner.Plan(RbacVault(), Rbac(Assign(scope, role)), Principal, Secrets, RbacGrantScope.Secret);
        Assert.True(plan.NothingToDo);
        Assert.All(plan.CurrentAccess.Values, r => Assert.True(r.CanRead));
    }

    [Fact]
    public void Owner_on_the_vault_is_no_reason_to_skip_the_grant()
    {
        var plan = GrantPlanner.Plan(RbacVault(), Rbac(Assign(VaultId, BuiltInRoles.Owner)), Principal, Secrets);
        Assert.Single(plan.RoleAssignments);
    }

    [Fact]
    public void An_access_policy_on_an_rbac_vault_is_no_reason_to_skip_the_grant()
    {
        var plan = GrantPlanner.Plan(RbacVault(Policy(Principal, new[] { "all" })), RbacState.Empty, Principal, Secrets);
        Assert.Single(plan.RoleAssignments);
        Assert.Null(plan.AccessPolicyAddition);
    }

    [Fact]
    public void No_secrets_is_an_error()
    {
        Expect.Error(RuleErrorIds.NoObservedCertificates, () => GrantPlanner.Plan(RbacVault(), RbacState.Empty, Principal, Array.Empty<string>()));
    }

    [ReferenceFact]
    public void The_access_policy_body_validates_against_VaultAccessPolicyParameters()
    {
        var plan = GrantPlanner.Plan(PolicyVault(), RbacState.Empty, Principal, Secrets);
        Assert.Empty(SwaggerValidator.Load(ReferencePaths.KeyVaultManagementSwagger).Validate(plan.AccessPolicyAddition!.ToRequestBody(), "VaultAccessPolicyParameters"));
    }

    [ReferenceFact]
    public void The_role_assignment_body_validates_against_RoleAssignmentCreateParameters()
    {
        var plan = GrantPlanner.Plan(RbacVault(), RbacState.Empty, Principal, Secrets);
        Assert.Empty(SwaggerValidator.Load(ReferencePaths.RoleAssignmentsSwagger).Validate(plan.RoleAssignments[0].ToRequestBody(), "RoleAssignmentCreateParameters"));
    }
}
