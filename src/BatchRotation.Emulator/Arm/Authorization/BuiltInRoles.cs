namespace BatchRotation.Emulator.Arm.Authorization;

/// <summary>
/// The built-in role definitions the emulator knows, with their real GUIDs, descriptions, actions and data
/// actions as published in learn.microsoft.com/azure/role-based-access-control/built-in-roles (security,
/// privileged, identity and general categories; checked against MicrosoftDocs/azure-docs, 2026).
/// </summary>
public static class BuiltInRoles
{
    public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    public const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    public const string ManagedIdentityOperator = "f1a07417-d97a-45cb-824c-7a7467783830";
    public const string KeyVaultContributor = "f25e0fa2-a7c8-4377-a976-54943a77a395";
    public const string KeyVaultAdministrator = "00482a5a-887f-4fb3-b363-3b7fe8e74483";
    public const string KeyVaultReader = "21090545-7ca7-4776-b22c-e363652d74d2";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    public const string KeyVaultCertificateUser = "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba";
    public const string KeyVaultCertificatesOfficer = "a4417e6f-fecd-4de8-b567-7b0420556985";
    public const string KeyVaultCryptoOfficer = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603";
    public const string KeyVaultCryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424";
    public const string KeyVaultCryptoServiceEncryptionUser = "e147488a-f6f5-4113-8e2d-b22465e65bf6";
    public const string KeyVaultDataAccessAdministrator = "8b54135c-b56d-4d72-a534-26097cfdc8d8";
    public const string KeyVaultCryptoServiceReleaseUser = "08bbd89e-9f13-488c-ac41-acfcb10c90ab";
    public const string RoleBasedAccessControlAdministrator = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";
    public const string ManagedIdentityContributor = "e40ec5ca-96e0-45a2-b4ff-59039f2c2b59";

    /// <summary>The condition Azure puts on Key Vault Data Access Administrator (its role definition, condition version 2.0).</summary>
    public const string DataAccessAdministratorCondition =
        "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{"
        + DataAccessAdministratorRoles + "})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{"
        + DataAccessAdministratorRoles + "}))";

    private const string DataAccessAdministratorRoles =
        KeyVaultAdministrator + ", " + KeyVaultCertificatesOfficer + ", " + KeyVaultCryptoOfficer + ", " + KeyVaultCryptoServiceEncryptionUser + ", "
        + KeyVaultCryptoUser + ", " + KeyVaultReader + ", " + KeyVaultSecretsOfficer + ", " + KeyVaultSecretsUser;

    private static readonly string[] None = [];

    private static readonly string[] KeyVaultManagementReads =
    [
        "Microsoft.Authorization/*/read",
        "Microsoft.Insights/alertRules/*",
        "Microsoft.Resources/deployments/*",
        "Microsoft.Resources/subscriptions/resourceGroups/read",
        "Microsoft.Support/*",
        "Microsoft.KeyVault/checkNameAvailability/read",
        "Microsoft.KeyVault/deletedVaults/read",
        "Microsoft.KeyVault/locations/*/read",
        "Microsoft.KeyVault/vaults/*/read",
        "Microsoft.KeyVault/operations/read",
    ];

    public static IReadOnlyList<RoleDefinition> All { get; } =
    [
        new(Owner, "Owner", "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
            ["*"], None, None, None),
        new(Contributor, "Contributor", "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
            ["*"],
            [
                "Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action",
                "Microsoft.Blueprint/blueprintAssignments/write", "Microsoft.Blueprint/blueprintAssignments/delete",
                "Microsoft.Compute/galleries/share/action", "Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete",
                "Microsoft.Resources/deploymentStacks/manageDenySetting/action", "Microsoft.Subscription/cancel/action", "Microsoft.Subscription/enable/action",
            ],
            None, None),
        new(Reader, "Reader", "View all resources, but does not allow you to make any changes.",
            ["*/read"], None, None, None),
        new(UserAccessAdministrator, "User Access Administrator", "Lets you manage user access to Azure resources.",
            ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"], None, None, None),
        new(ManagedIdentityOperator, "Managed Identity Operator", "Read and Assign User Assigned Identity",
            [
                "Microsoft.ManagedIdentity/userAssignedIdentities/*/read", "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action",
                "Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.Resources/subscriptions/resourceGroups/read",
                "Microsoft.Resources/deployments/*", "Microsoft.Support/*",
            ],
            None, None, None),
        new(KeyVaultContributor, "Key Vault Contributor", "Lets you manage key vaults, but not access to them.",
            ["Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.KeyVault/*", "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*"],
            ["Microsoft.KeyVault/locations/deletedVaults/purge/action", "Microsoft.KeyVault/hsmPools/*", "Microsoft.KeyVault/managedHsms/*"],
            None, None),
        new(KeyVaultAdministrator, "Key Vault Administrator", "Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets. Cannot manage key vault resources or manage role assignments. Only works for key vaults that use the 'Azure role-based access control' permission model.",
            KeyVaultManagementReads, None, ["Microsoft.KeyVault/vaults/*"], None),
        new(KeyVaultReader, "Key Vault Reader", "Read metadata of key vaults and its certificates, keys, and secrets. Cannot read sensitive values such as secret contents or key material. Only works for key vaults that use the 'Azure role-based access control' permission model.",
            KeyVaultManagementReads, None, ["Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"], None),
        new(KeyVaultSecretsUser, "Key Vault Secrets User", "Read secret contents. Only works for key vaults that use the 'Azure role-based access control' permission model.",
            None, None, ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"], None),
        new(KeyVaultSecretsOfficer, "Key Vault Secrets Officer", "Perform any action on the secrets of a key vault, except manage permissions. Only works for key vaults that use the 'Azure role-based access control' permission model.",
            KeyVaultManagementReads, None, ["Microsoft.KeyVault/vaults/secrets/*"], None),
        new(KeyVaultCertificateUser, "Key Vault Certificate User", "Read certificate contents. Only works for key vaults that use the 'Azure role-based access control' permission model.",
            None, None,
            ["Microsoft.KeyVault/vaults/certificates/read", "Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action", "Microsoft.KeyVault/vaults/keys/read"],
            None),
        new(KeyVaultCertificatesOfficer, "Key Vault Certificates Officer", "Perform any action on the certificates of a key vault, except manage permissions. Only works for key vaults that use the 'Azure role-based access control' permission model.",
            KeyVaultManagementReads, None,
            ["Microsoft.KeyVault/vaults/certificatecas/*", "Microsoft.KeyVault/vaults/certificates/*", "Microsoft.KeyVault/vaults/certificatecontacts/write"],
            None),
        new(KeyVaultCryptoOfficer, "Key Vault Crypto Officer", "Perform any action on the keys of a key vault, except manage permissions. Only works for key vaults that use the 'Azure role-based access control' permission model.",
            KeyVaultManagementReads, None, ["Microsoft.KeyVault/vaults/keys/*", "Microsoft.KeyVault/vaults/keyrotationpolicies/*"], None),
        new(KeyVaultCryptoUser, "Key Vault Crypto User", "Perform cryptographic operations using keys. Only works for key vaults that use the 'Azure role-based access control' permission model.",
            None, None,
            [
                "Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/update/action", "Microsoft.KeyVault/vaults/keys/backup/action",
                "Microsoft.KeyVault/vaults/keys/encrypt/action", "Microsoft.KeyVault/vaults/keys/decrypt/action", "Microsoft.KeyVault/vaults/keys/wrap/action",
                "Microsoft.KeyVault/vaults/keys/unwrap/action", "Microsoft.KeyVault/vaults/keys/sign/action", "Microsoft.KeyVault/vaults/keys/verify/action",
            ],
            None),
        new(KeyVaultCryptoServiceEncryptionUser, "Key Vault Crypto Service Encryption User", "Read metadata of keys and perform wrap/unwrap operations. Only works for key vaults that use the 'Azure role-based access control' permission model.",
            ["Microsoft.EventGrid/eventSubscriptions/write", "Microsoft.EventGrid/eventSubscriptions/read", "Microsoft.EventGrid/eventSubscriptions/delete"],
            None,
            ["Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action"],
            None),
        new(KeyVaultDataAccessAdministrator, "Key Vault Data Access Administrator", "Manage access to Azure Key Vault by adding or removing role assignments for the Key Vault Administrator, Key Vault Certificates Officer, Key Vault Crypto Officer, Key Vault Crypto Service Encryption User, Key Vault Crypto User, Key Vault Reader, Key Vault Secrets Officer, or Key Vault Secrets User roles. Includes an ABAC condition to constrain role assignments.",
            [
                "Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete", "Microsoft.Authorization/*/read",
                "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Resources/subscriptions/read",
                "Microsoft.Management/managementGroups/read", "Microsoft.Resources/deployments/*", "Microsoft.Support/*", "Microsoft.KeyVault/vaults/*/read",
            ],
            None, None, None)
        {
            Condition = DataAccessAdministratorCondition,
        },
        new(RoleBasedAccessControlAdministrator, "Role Based Access Control Administrator",
            "Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.",
            ["Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete", "*/read", "Microsoft.Support/*"], None, None, None),
        new(ManagedIdentityContributor, "Managed Identity Contributor", "Create, Read, Update, and Delete User Assigned Identity",
            [
                "Microsoft.ManagedIdentity/userAssignedIdentities/read", "Microsoft.ManagedIdentity/userAssignedIdentities/write",
                "Microsoft.ManagedIdentity/userAssignedIdentities/delete", "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read",
                "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write",
                "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete",
                "Microsoft.ManagedIdentity/userAssignedIdentities/revokeTokens/action", "Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*",
                "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Resources/deployments/*", "Microsoft.Support/*",
            ],
            None, None, None),
        new(KeyVaultCryptoServiceReleaseUser, "Key Vault Crypto Service Release User",
            "Release keys." + " Only works for key vaults that use the 'Azure role-based access control' permission model.",
            None, None, ["Microsoft.KeyVault/vaults/keys/release/action"], None),
    ];

    /// <summary>
    /// The roles a Key Vault Data Access Administrator may assign (its assignment condition); assigning
    /// any other role through that role alone is refused.
    /// </summary>
    public static IReadOnlySet<string> AssignableByDataAccessAdministrator { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // As in Azure's condition: Key Vault Certificate User is not among them.
        KeyVaultAdministrator, KeyVaultCertificatesOfficer, KeyVaultCryptoOfficer, KeyVaultCryptoServiceEncryptionUser,
        KeyVaultCryptoUser, KeyVaultReader, KeyVaultSecretsOfficer, KeyVaultSecretsUser,
    };

    public static RoleDefinition? Find(string guid) =>
        All.FirstOrDefault(r => r.Guid.Equals(guid, StringComparison.OrdinalIgnoreCase));
}
