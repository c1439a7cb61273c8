using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;
using static BatchRotation.Core.Tests.Rules.TestSupport.AccessFixtures;

namespace BatchRotation.Core.Tests.Rules;

public class ExcessPrivilegeAnalyzerTests
{
    [Fact]
    public void Exactly_get_and_list_is_clean()
    {
        Assert.Empty(ExcessPrivilegeAnalyzer.Analyze(PolicyVault(Policy(Principal, new[] { "Get", "list" })), RbacState.Empty, Principal));
    }

    [Fact]
    public void Secrets_User_on_the_vault_is_clean()
    {
        Assert.Empty(ExcessPrivilegeAnalyzer.Analyze(RbacVault(), Rbac(Assign(VaultId, BuiltInRoles.KeyVaultSecretsUser)), Principal));
        Assert.Empty(ExcessPrivilegeAnalyzer.Analyze(RbacVault(), Rbac(Assign(VaultId + "/secrets/cert1", BuiltInRoles.KeyVaultSecretsUser)), Principal));
    }

    [Fact]
    public void The_batch_articles_policy_is_flagged_for_its_certificate_permissions()
    {
        // FACTS §3: the Batch article grants secrets and certificates; the extension needs only secrets.
        var findings = ExcessPrivilegeAnalyzer.Analyze(PolicyVault(Policy(Principal, new[] { "get", "list" }, certificates: new[] { "Get", "list" })), RbacState.Empty, Principal);
        var finding = Assert.Single(findings);
        Assert.Equal(ExcessPrivilegeKind.CertificateAccess, finding.Kind);
        Assert.Equal("access policy", finding.Source);
        Assert.Equal(new[] { "get", "list" }, finding.Permissions);
        Assert.Equal($"The access policy for principal {Principal} allows certificate permissions get, list; the extension reads the certificate through its secret and needs no certificate permission.", finding.Message);
    }

    [Fact]
    public void Secret_writes_and_key_permissions_in_a_policy_are_flagged()
    {
        var findings = ExcessPrivilegeAnalyzer.Analyze(PolicyVault(Policy(Principal, new[] { "get", "list", "set", "Delete", "purge" }, keys: new[] { "unwrapKey" })), RbacState.Empty, Principal);
        Assert.Equal(new[] { ExcessPrivilegeKind.SecretWrite, ExcessPrivilegeKind.KeyAccess }, findings.Select(f => f.Kind));
        Assert.Equal(new[] { "set", "delete", "purge" }, findings[0].Permissions);
        Assert.Equal($"The access policy for principal {Principal} allows secret permissions set, delete, purge; the pool needs only get and list.", findings[0].Message);
        Assert.Equal($"The access policy for principal {Principal} allows key permissions unwrapkey; the Key Vault extension uses no keys.", findings[1].Message);
    }

    [Fact]
    public void All_secret_permissions_is_flagged()
    {
        var finding = Assert.Single(ExcessPrivilegeAnalyzer.Analyze(PolicyVault(Policy(Principal, new[] { "all" })), RbacState.Empty, Principal));
        Assert.Equal(ExcessPrivilegeKind.SecretWrite, finding.Kind);
        Assert.Equal(new[] { "all" }, finding.Permissions);
    }

    [Fact]
    public void Other_principals_and_tenants_are_not_analysed()
    {
        var vault = PolicyVault(Policy(OtherPrincipal, new[] { "all" }), Policy(Principal, new[] { "all" }, tenant: OtherTenant));
        Assert.Empty(ExcessPrivilegeAnalyzer.Analyze(vault, Rbac(Assign(VaultId, BuiltInRoles.Owner, OtherPrincipal)), Principal));
    }

    // role, expected kinds
    public static TheoryData<string, ExcessPrivilegeKind[]> RbacRoles => new()
    {
        { BuiltInRoles.KeyVaultAdministrator, new[] { ExcessPrivilegeKind.SecretWrite, ExcessPrivilegeKind.KeyAccess, ExcessPrivilegeKind.CertificateAccess } },
        { BuiltInRoles.KeyVaultSecretsOfficer, new[] { ExcessPrivilegeKind.SecretWrite } },
        { BuiltInRoles.KeyVaultCertificatesOfficer, new[] { ExcessPrivilegeKind.CertificateAccess } },
        { BuiltInRoles.KeyVaultCryptoOfficer, new[] { ExcessPrivilegeKind.KeyAccess } },
        { BuiltInRoles.KeyVaultCryptoServiceEncryptionUser, new[] { ExcessPrivilegeKind.KeyAccess } },
        { BuiltInRoles.KeyVaultDataAccessAdministrator, new[] { ExcessPrivilegeKind.RoleAssignmentWrite } },
        { BuiltInRoles.Owner, new[] { ExcessPrivilegeKind.RoleAssignmentWrite, ExcessPrivilegeKind.VaultAccessWrite } },
        { BuiltInRoles.Contributor, new[] { ExcessPrivilegeKind.VaultAccessWrite } },
        { BuiltInRoles.KeyVaultContributor, new[] { ExcessPrivilegeKind.VaultAccessWrite } },
        { BuiltInRoles.UserAccessAdministrator, new[] { ExcessPrivilegeKind.RoleAssignmentWrite } },
        { BuiltInRoles.KeyVaultSecretsUser, Array.Empty<ExcessPrivilegeKind>() },
        { BuiltInRoles.KeyVaultReader, Array.Empty<ExcessPrivilegeKind>() },
        { BuiltInRoles.KeyVaultCertificateUser, Array.Empty<ExcessPrivilegeKind>() },
        { BuiltInRoles.Reader, Array.Empty<ExcessPrivilegeKind>() },
    };

    [Theory]
    [MemberData(nameof(RbacRoles))]
    public void Rbac_roles_on_the_vault_are_judged_by_what_they_allow(string role, ExcessPrivilegeKind[] kinds)
    {
        var findings = ExcessPrivilegeAnalyzer.Analyze(RbacVault(), Rbac(Assign(VaultId, role)), Principal);
        Assert.Equal(kinds, findings.Select(f => f.Kind));
        Assert.All(findings, f => Assert.Equal($"role '{BuiltInRoles.NameOf(role)}' at the vault scope", f.Source));
    }

    [Fact]
    public void A_finding_lists_the_permissions_at_fault_and_says_what_they_allow()
    {
        var finding = Assert.Single(ExcessPrivilegeAnalyzer.Analyze(RbacVault(), Rbac(Assign(ResourceGroup, BuiltInRoles.KeyVaultSecretsOfficer)), Principal));
        Assert.Equal(KeyVaultActions.SecretWrites, finding.Permissions);
        Assert.Equal("The pool identity's role 'Key Vault Secrets Officer' at resource group 'rg1' can change, delete or purge secrets.", finding.Message);
    }

    [Fact]
    public void Inherited_and_secret_scope_assignments_are_analysed_too()
    {
        var rbac = Rbac(
            Assign(Subscription, BuiltInRoles.Contributor),
            Assign(VaultId + "/secrets/cert9", BuiltInRoles.KeyVaultSecretsOfficer),
            Assign(ResourceGroup + "/providers/Microsoft.KeyVault/vaults/kv2", BuiltInRoles.KeyVaultAdministrator));
        var findings = ExcessPrivilegeAnalyzer.Analyze(RbacVault(), rbac, Principal);
        Assert.Equal(
            new[]
            {
                "role 'Contributor' at subscription 'a925f2f7-5c63-4b7b-8799-25a5f97bc3b2'",
                $"role 'Key Vault Secrets Officer' at the secret scope {VaultId}/secrets/cert9",
            },
            findings.Select(f => f.Source));
    }

    [Fact]
    public void Data_roles_on_an_access_policy_vault_grant_nothing_but_management_roles_still_count()
    {
        var rbac = Rbac(Assign(VaultId, BuiltInRoles.KeyVaultAdministrator), Assign(VaultId, BuiltInRoles.KeyVaultContributor));
        var finding = Assert.Single(ExcessPrivilegeAnalyzer.Analyze(PolicyVault(Policy(Principal, new[] { "get", "list" })), rbac, Principal));
        Assert.Equal(ExcessPrivilegeKind.VaultAccessWrite, finding.Kind);
        Assert.Equal("The pool identity's role 'Key Vault Contributor' at the vault scope can change the vault's access policies, and so grant itself any data access.", finding.Message);
        Assert.Equal(new[] { "Microsoft.KeyVault/vaults/write", "Microsoft.KeyVault/vaults/accessPolicies/write" }, finding.Permissions);
    }

    [Fact]
    public void Custom_roles_are_judged_by_their_actions()
    {
        var custom = new RoleDefinitionEntry("5a5a5a5a-0000-0000-0000-000000000000", "Secret rotator", Array.Empty<string>(), Array.Empty<string>(),
            new[] { "Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/setSecret/action" }, Array.Empty<string>());
        var rbac = new RbacState(new[] { Assign(VaultId, custom.Id) }, new[] { custom });
        var finding = Assert.Single(ExcessPrivilegeAnalyzer.Analyze(RbacVault(), rbac, Principal));
        Assert.Equal(new[] { "Microsoft.KeyVault/vaults/secrets/setSecret/action" }, finding.Permissions);
        Assert.Equal("role 'Secret rotator' at the vault scope", finding.Source);
    }
}
