using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Tests.Rules.TestSupport;

/// <summary>
/// A vault, principals and built-in role definitions with their documented permissions
/// (learn.microsoft.com/azure/role-based-access-control/built-in-roles, security section).
/// </summary>
public static class AccessFixtures
{
    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string OtherTenant = "11111111-1111-1111-1111-111111111111";
    public const string Principal = "ce2ce14e-85d7-4629-bdbc-454d0519d987";
    public const string OtherPrincipal = "0b5fe924-9a61-425c-96af-cfe6e287ca2d";
    public const string Subscription = "/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2";
    public const string ResourceGroup = Subscription + "/resourceGroups/rg1";
    public const string VaultId = ResourceGroup + "/providers/Microsoft.KeyVault/vaults/kv1";

    public static KeyVaultId Vault { get; } = KeyVaultId.Parse(VaultId);

    private static readonly string[] None = Array.Empty<string>();

    private static readonly string[] KeyVaultManagementReads =
    {
        "Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*",
        "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*", "Microsoft.KeyVault/checkNameAvailability/read",
        "Microsoft.KeyVault/deletedVaults/read", "Microsoft.KeyVault/locations/*/read", "Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/operations/read",
    };

    public static IReadOnlyList<RoleDefinitionEntry> BuiltInDefinitions { get; } = new[]
    {
        new RoleDefinitionEntry("/providers/Microsoft.Authorization/roleDefinitions/" + BuiltInRoles.Owner, "Owner", new[] { "*" }, None, None, None),
        new RoleDefinitionEntry(BuiltInRoles.Contributor, "Contributor", new[] { "*" },
            new[] { "Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action" }, None, None),
        new RoleDefinitionEntry(BuiltInRoles.Reader, "Reader", new[] { "*/read" }, None, None, None),
        new RoleDefinitionEntry(BuiltInRoles.UserAccessAdministrator, "User Access Administrator", new[] { "*/read", "Microsoft.Authorization/*", "Microsoft.Support/*" }, None, None, None),
        new RoleDefinitionEntry(BuiltInRoles.KeyVaultContributor, "Key Vault Contributor",
            new[] { "Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.KeyVault/*", "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*" },
            new[] { "Microsoft.KeyVault/locations/deletedVaults/purge/action", "Microsoft.KeyVault/hsmPools/*", "Microsoft.KeyVault/managedHsms/*" }, None, None),
        new RoleDefinitionEntry(BuiltInRoles.KeyVaultAdministrator, "Key Vault Administrator", KeyVaultManagementReads, None, new[] { "Microsoft.KeyVault/vaults/*" }, None),
        new RoleDefinitionEntry(BuiltInRoles.KeyVaultReader, "Key Vault Reader", KeyVaultManagementReads, None,
            new[] { "Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/secrets/readMetadata/action" }, None),
        new RoleDefinitionEntry(BuiltInRoles.KeyVaultSecretsUser, "Key Vault Secrets User", None, None,
            new[] { "Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action" }, None),
        new RoleDefinitionEntry(BuiltInRoles.KeyVaultSecretsOfficer, "Key Vault Secrets Officer", KeyVaultManagementReads, None, new[] { "Microsoft.KeyVault/vaults/secrets/*" }, None),
        new RoleDefinitionEntry(BuiltInRoles.KeyVaultCertificateUser, "Key Vault Certificate User", None, None,
            new[] { "Microsoft.KeyVault/vaults/certificates/read", "Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action", "Microsoft.KeyVault/vaults/keys/read" }, None),
        new RoleDefinitionEntry(BuiltInRoles.KeyVaultCertificatesOfficer, "Key Vault Certificates Officer", KeyVaultManagementReads, None,
            new[] { "Microsoft.KeyVault/vaults/certificatecas/*", "Microsoft.KeyVault/vaults/certificates/*", "Microsoft.KeyVault/vaults/certificatecontacts/write" }, None),
        new RoleDefinitionEntry(BuiltInRoles.KeyVaultCryptoOfficer, "Key Vault Crypto Officer", KeyVaultManagementReads, None,
            new[] { "Microsoft.KeyVault/vaults/keys/*", "Microsoft.KeyVault/vaults/keyrotationpolicies/*" }, None),
        new RoleDefinitionEntry(BuiltInRoles.KeyVaultCryptoServiceEncryptionUser, "Key Vault Crypto Service Encryption User",
            new[] { "Microsoft.EventGrid/eventSubscriptions/write", "Microsoft.EventGrid/eventSubscriptions/read", "Microsoft.EventGrid/eventSubscriptions/delete" }, None,
            new[] { "Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action" }, None),
        new RoleDefinitionEntry(BuiltInRoles.KeyVaultDataAccessAdministrator, "Key Vault Data Access Administrator",
            new[] { "Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete", "Microsoft.Authorization/*/read", "Microsoft.KeyVault/vaults/*/read" }, None, None, None),
    };

    public static VaultAccessModel PolicyVault(params AccessPolicyEntry[] policies) => new(Vault, Tenant, false, policies);

    public static VaultAccessModel RbacVault(params AccessPolicyEntry[] policies) => new(Vault, Tenant, true, policies);

    public static AccessPolicyEntry Policy(string principal, string[]? secrets = null, string[]? certificates = null, string[]? keys = null, string tenant = Tenant) =>
        new(tenant, principal, secrets ?? None, certificates ?? None, keys ?? None);

    public static RbacState Rbac(params RoleAssignmentEntry[] assignments) => new(assignments, BuiltInDefinitions);

    /// <summary>An assignment with the role definition id in the full subscription form ARM returns.</summary>
    public static RoleAssignmentEntry Assign(string scope, string roleGuid, string principal = Principal) =>
        new(scope, $"{Subscription}/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}", principal);
}
