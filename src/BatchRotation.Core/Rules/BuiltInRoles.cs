using System;
using System.Collections.Generic;

namespace BatchRotation.Core.Rules
{
    /// <summary>Built-in Azure role definition GUIDs the module grants or recognises (FACTS §3; Azure built-in roles).</summary>
    public static class BuiltInRoles
    {
        public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
        public const string KeyVaultCertificateUser = "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba";
        public const string KeyVaultCryptoServiceEncryptionUser = "e147488a-f6f5-4113-8e2d-b22465e65bf6";
        public const string KeyVaultReader = "21090545-7ca7-4776-b22c-e363652d74d2";
        public const string KeyVaultCertificatesOfficer = "a4417e6f-fecd-4de8-b567-7b0420556985";
        public const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
        public const string KeyVaultCryptoOfficer = "14b46e9e-c2b7-41b4-b07b-48a6ebf60603";
        public const string KeyVaultCryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424";
        public const string KeyVaultAdministrator = "00482a5a-887f-4fb3-b363-3b7fe8e74483";
        public const string KeyVaultDataAccessAdministrator = "8b54135c-b56d-4d72-a534-26097cfdc8d8";
        public const string KeyVaultContributor = "f25e0fa2-a7c8-4377-a976-54943a77a395";
        public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
        public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
        public const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
        public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

        private static readonly Dictionary<string, string> Names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [KeyVaultSecretsUser] = "Key Vault Secrets User",
            [KeyVaultCertificateUser] = "Key Vault Certificate User",
            [KeyVaultCryptoServiceEncryptionUser] = "Key Vault Crypto Service Encryption User",
            [KeyVaultReader] = "Key Vault Reader",
            [KeyVaultCertificatesOfficer] = "Key Vault Certificates Officer",
            [KeyVaultSecretsOfficer] = "Key Vault Secrets Officer",
            [KeyVaultCryptoOfficer] = "Key Vault Crypto Officer",
            [KeyVaultCryptoUser] = "Key Vault Crypto User",
            [KeyVaultAdministrator] = "Key Vault Administrator",
            [KeyVaultDataAccessAdministrator] = "Key Vault Data Access Administrator",
            [KeyVaultContributor] = "Key Vault Contributor",
            [Owner] = "Owner",
            [Contributor] = "Contributor",
            [Reader] = "Reader",
            [UserAccessAdministrator] = "User Access Administrator",
        };

        public static string? NameOf(string roleDefinitionIdOrGuid) =>
            Names.TryGetValue(GuidOf(roleDefinitionIdOrGuid), out var name) ? name : null;

        /// <summary>
        /// The GUID of a role definition given as a bare GUID or as a resource id
        /// (<c>/subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}</c> or <c>/providers/...</c>).
        /// </summary>
        public static string GuidOf(string roleDefinitionIdOrGuid)
        {
            if (roleDefinitionIdOrGuid == null)
            {
                throw new ArgumentNullException(nameof(roleDefinitionIdOrGuid));
            }

            var text = roleDefinitionIdOrGuid.Trim().TrimEnd('/');
            var slash = text.LastIndexOf('/');
            var last = slash < 0 ? text : text.Substring(slash + 1);
            return Guid.TryParse(last, out var guid) ? guid.ToString("D") : last.ToLowerInvariant();
        }

        /// <summary>The role definition id used in a role assignment body.</summary>
        public static string RoleDefinitionResourceId(string subscriptionId, string roleGuid) =>
            $"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{GuidOf(roleGuid)}";
    }
}
