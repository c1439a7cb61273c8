using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;
using static BatchRotation.Core.Tests.Rules.TestSupport.AccessFixtures;

namespace BatchRotation.Core.Tests.Rules;

public class SecretAccessEvaluatorTests
{
    private const string SecretScope = VaultId + "/secrets/cert1";

    [Theory]
    [InlineData(new[] { "get" }, true)]
    [InlineData(new[] { "GET", "List" }, true)]
    [InlineData(new[] { "all" }, true)]
    [InlineData(new[] { "list" }, false)]
    [InlineData(new[] { "set", "delete" }, false)]
    [InlineData(new string[0], false)]
    public void Access_policy_secret_permissions_decide(string[] secrets, bool canRead)
    {
        var result = SecretAccessEvaluator.CanReadSecret(PolicyVault(Policy(Principal, secrets)), RbacState.Empty, Principal, "cert1");
        Assert.Equal(canRead, result.CanRead);
        Assert.Equal(canRead ? SecretAccessSource.AccessPolicy : SecretAccessSource.None, result.Source);
    }

    [Fact]
    public void A_granting_policy_is_explained()
    {
        var result = SecretAccessEvaluator.CanReadSecret(PolicyVault(Policy(Principal, new[] { "list", "Get" })), RbacState.Empty, Principal, "cert1");
        Assert.Equal($"The access policy for principal {Principal} allows secret permissions: get, list.", result.Explanation);
        Assert.Empty(result.Notes);
        Assert.Null(result.Scope);
    }

    [Fact]
    public void A_policy_without_get_is_explained()
    {
        var result = SecretAccessEvaluator.CanReadSecret(PolicyVault(Policy(Principal, new[] { "list" })), RbacState.Empty, Principal, "cert1");
        Assert.Equal($"The vault uses access policies; the policy for principal {Principal} allows secret permissions: list, but not 'get'.", result.Explanation);
    }

    [Fact]
    public void Permissions_from_several_policies_of_the_principal_add_up()
    {
        var vault = PolicyVault(Policy(Principal, new[] { "list" }), Policy(Principal, new[] { "get" }), Policy(OtherPrincipal, new[] { "all" }));
        Assert.True(SecretAccessEvaluator.CanReadSecret(vault, RbacState.Empty, Principal, "cert1").CanRead);
    }

    [Fact]
    public void No_policy_for_the_principal()
    {
        var result = SecretAccessEvaluator.CanReadSecret(PolicyVault(Policy(OtherPrincipal, new[] { "get" })), RbacState.Empty, Principal, "cert1");
        Assert.False(result.CanRead);
        Assert.Equal($"The vault uses access policies, and none of them is for principal {Principal} in the vault's tenant {Tenant}.", result.Explanation);
    }

    [Fact]
    public void A_policy_in_another_tenant_does_not_count()
    {
        var result = SecretAccessEvaluator.CanReadSecret(PolicyVault(Policy(Principal, new[] { "get" }, tenant: OtherTenant)), RbacState.Empty, Principal, "cert1");
        Assert.False(result.CanRead);
        Assert.Equal(new[] { $"An access policy for principal {Principal} names tenant {OtherTenant}, not the vault's tenant {Tenant}; it does not apply." }, result.Notes);
    }

    [Fact]
    public void A_compound_identity_policy_does_not_count()
    {
        var policy = Policy(Principal, new[] { "get" }) with { ApplicationId = "aaaaaaaa-0000-0000-0000-000000000000" };
        var result = SecretAccessEvaluator.CanReadSecret(PolicyVault(policy), RbacState.Empty, Principal, "cert1");
        Assert.False(result.CanRead);
        Assert.Single(result.Notes);
    }

    [Fact]
    public void Principal_ids_compare_as_guids()
    {
        var vault = PolicyVault(Policy(Principal.ToUpperInvariant(), new[] { "get" }));
        Assert.True(SecretAccessEvaluator.CanReadSecret(vault, RbacState.Empty, "{" + Principal + "}", "cert1").CanRead);
    }

    [Fact]
    public void With_access_policies_a_role_grants_nothing_and_says_so()
    {
        var result = SecretAccessEvaluator.CanReadSecret(PolicyVault(), Rbac(Assign(VaultId, BuiltInRoles.KeyVaultSecretsUser)), Principal, "cert1");
        Assert.False(result.CanRead);
        Assert.Equal(new[] { "Role 'Key Vault Secrets User' at the vault scope would allow reading only if the vault used Azure RBAC; with access policies, role assignments grant no data access." }, result.Notes);
    }

    // scope, role, can read, inherited, explanation
    public static TheoryData<string, string, bool, bool, string> RbacCases => new()
    {
        { VaultId, BuiltInRoles.KeyVaultSecretsUser, true, false, $"Role 'Key Vault Secrets User' is assigned to principal {Principal} at the vault scope." },
        { SecretScope, BuiltInRoles.KeyVaultSecretsUser, true, false, $"Role 'Key Vault Secrets User' is assigned to principal {Principal} at the secret scope {SecretScope}." },
        { ResourceGroup, BuiltInRoles.KeyVaultSecretsUser, true, true, $"Role 'Key Vault Secrets User' is assigned to principal {Principal} at resource group 'rg1' and inherited by the vault." },
        { Subscription, BuiltInRoles.KeyVaultAdministrator, true, true, $"Role 'Key Vault Administrator' is assigned to principal {Principal} at subscription 'a925f2f7-5c63-4b7b-8799-25a5f97bc3b2' and inherited by the vault." },
        { "/providers/Microsoft.Management/managementGroups/corp", BuiltInRoles.KeyVaultSecretsOfficer, true, true, $"Role 'Key Vault Secrets Officer' is assigned to principal {Principal} at management group 'corp' and inherited by the vault." },
        { "/", BuiltInRoles.KeyVaultCertificateUser, true, true, $"Role 'Key Vault Certificate User' is assigned to principal {Principal} at the tenant root scope '/' and inherited by the vault." },
        { VaultId, BuiltInRoles.Owner, false, false, "" },
        { VaultId, BuiltInRoles.Contributor, false, false, "" },
        { VaultId, BuiltInRoles.KeyVaultContributor, false, false, "" },
        { VaultId, BuiltInRoles.KeyVaultReader, false, false, "" },
        { VaultId, BuiltInRoles.KeyVaultCertificatesOfficer, false, false, "" },
        { VaultId, BuiltInRoles.KeyVaultCryptoOfficer, false, false, "" },
        { VaultId + "/secrets/cert2", BuiltInRoles.KeyVaultSecretsUser, false, false, "" },
        { ResourceGroup + "/providers/Microsoft.KeyVault/vaults/kv2", BuiltInRoles.KeyVaultSecretsUser, false, false, "" },
        { "/subscriptions/00000000-0000-0000-0000-000000000009", BuiltInRoles.KeyVaultSecretsUser, false, false, "" },
    };

    [Theory]
    [MemberData(nameof(RbacCases))]
    public void Rbac_reads_need_getSecret_at_the_secret_the_vault_or_above(string scope, string role, bool canRead, bool inherited, string explanation)
    {
        var result = SecretAccessEvaluator.CanReadSecret(RbacVault(), Rbac(Assign(scope, role)), Principal, "cert1");
        Assert.Equal(canRead, result.CanRead);
        if (canRead)
        {
            Assert.Equal(SecretAccessSource.RoleAssignment, result.Source);
            Assert.Equal(explanation, result.Explanation);
            Assert.Equal(inherited, result.Inherited);
            Assert.Equal(ResourceId.Parse(scope), result.Scope);
            Assert.Equal(role, result.RoleDefinitionGuid);
            Assert.Equal(BuiltInRoles.NameOf(role), result.RoleName);
        }
        else
        {
            Assert.Equal(SecretAccessSource.None, result.Source);
            Assert.Equal($"The vault uses Azure RBAC, and no role assigned to principal {Principal} at the secret 'cert1', the vault or a scope above it allows Microsoft.KeyVault/vaults/secrets/getSecret/action.", result.Explanation);
        }
    }

    [Theory]
    [InlineData(BuiltInRoles.Owner, "Role 'Owner' at the vault scope is a management-plane role: it grants no data access and cannot read secrets.")]
    [InlineData(BuiltInRoles.Contributor, "Role 'Contributor' at the vault scope is a management-plane role: it grants no data access and cannot read secrets.")]
    [InlineData(BuiltInRoles.KeyVaultContributor, "Role 'Key Vault Contributor' at the vault scope is a management-plane role: it grants no data access and cannot read secrets.")]
    [InlineData(BuiltInRoles.KeyVaultReader, "Role 'Key Vault Reader' at the vault scope does not allow Microsoft.KeyVault/vaults/secrets/getSecret/action.")]
    public void Roles_that_do_not_grant_reading_are_noted(string role, string note)
    {
        var result = SecretAccessEvaluator.CanReadSecret(RbacVault(), Rbac(Assign(VaultId, role)), Principal, "cert1");
        Assert.Equal(new[] { note }, result.Notes);
    }

    [Fact]
    public void The_nearest_granting_assignment_is_reported_and_the_others_noted()
    {
        var rbac = Rbac(
            Assign(Subscription, BuiltInRoles.KeyVaultAdministrator),
            Assign(VaultId, BuiltInRoles.Owner),
            Assign(SecretScope, BuiltInRoles.KeyVaultSecretsUser),
            Assign("/", BuiltInRoles.KeyVaultSecretsUser));
        var result = SecretAccessEvaluator.CanReadSecret(RbacVault(), rbac, Principal, "cert1");
        Assert.Equal(ResourceId.Parse(SecretScope), result.Scope);
        Assert.False(result.Inherited);
        Assert.Equal(
            new[]
            {
                "Role 'Owner' at the vault scope is a management-plane role: it grants no data access and cannot read secrets.",
                "Role 'Key Vault Administrator' at subscription 'a925f2f7-5c63-4b7b-8799-25a5f97bc3b2' also allows reading the secret.",
                "Role 'Key Vault Secrets User' at the tenant root scope '/' also allows reading the secret.",
            },
            result.Notes);
    }

    [Fact]
    public void Assignments_of_other_principals_do_not_count()
    {
        var result = SecretAccessEvaluator.CanReadSecret(RbacVault(), Rbac(Assign(VaultId, BuiltInRoles.KeyVaultSecretsUser, OtherPrincipal)), Principal, "cert1");
        Assert.False(result.CanRead);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void With_rbac_an_access_policy_is_ignored_and_noted()
    {
        var result = SecretAccessEvaluator.CanReadSecret(RbacVault(Policy(Principal, new[] { "get" })), RbacState.Empty, Principal, "cert1");
        Assert.False(result.CanRead);
        Assert.Equal(new[] { $"The access policy for principal {Principal} is ignored: the vault uses Azure RBAC, which disables access policies." }, result.Notes);
    }

    [Fact]
    public void A_not_data_action_takes_the_permission_away()
    {
        var custom = new RoleDefinitionEntry("99999999-0000-0000-0000-000000000000", "Everything but secrets", None, None,
            new[] { "Microsoft.KeyVault/vaults/*" }, new[] { "Microsoft.KeyVault/vaults/secrets/*" });
        var rbac = new RbacState(new[] { Assign(VaultId, custom.Id) }, new[] { custom });
        Assert.False(SecretAccessEvaluator.CanReadSecret(RbacVault(), rbac, Principal, "cert1").CanRead);
    }

    [Fact]
    public void An_unknown_role_definition_is_noted_not_guessed()
    {
        var rbac = new RbacState(new[] { Assign(VaultId, BuiltInRoles.KeyVaultSecretsUser) }, Array.Empty<RoleDefinitionEntry>());
        var result = SecretAccessEvaluator.CanReadSecret(RbacVault(), rbac, Principal, "cert1");
        Assert.False(result.CanRead);
        Assert.Equal(new[] { "The definition of role Key Vault Secrets User assigned at the vault scope was not provided; its permissions are unknown." }, result.Notes);
    }

    [Theory]
    [InlineData(new[] { "corp" }, true)]
    [InlineData(new[] { "other" }, false)]
    public void A_management_group_assignment_counts_only_above_the_vault_when_ancestors_are_known(string[] ancestors, bool canRead)
    {
        var rbac = Rbac(Assign("/providers/Microsoft.Management/managementGroups/corp", BuiltInRoles.KeyVaultSecretsUser)) with { ManagementGroupAncestors = ancestors };
        Assert.Equal(canRead, SecretAccessEvaluator.CanReadSecret(RbacVault(), rbac, Principal, "cert1").CanRead);
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        Expect.Error(RuleErrorIds.InvalidAccessModel, () => SecretAccessEvaluator.CanReadSecret(RbacVault(), RbacState.Empty, " ", "cert1"));
        Expect.Error(RuleErrorIds.InvalidAccessModel, () => SecretAccessEvaluator.CanReadSecret(new VaultAccessModel(Vault, "", true, Array.Empty<AccessPolicyEntry>()), RbacState.Empty, Principal, "cert1"));
        var error = Expect.Error(RuleErrorIds.InvalidAccessModel, () => SecretAccessEvaluator.CanReadSecret(RbacVault(), Rbac(new RoleAssignmentEntry("subscriptions/x", BuiltInRoles.Owner, Principal)), Principal, "cert1"));
        Assert.Equal("The role assignment scope 'subscriptions/x' is not an Azure scope: it must start with '/'.", error.Message);
        Expect.Error(RuleErrorIds.InvalidCertificateUrl, () => SecretAccessEvaluator.CanReadSecret(RbacVault(), RbacState.Empty, Principal, "cert_1"));
    }

    private static readonly string[] None = Array.Empty<string>();
}
