using System.Collections.Generic;

namespace BatchRotation.Core.Rules
{
    /// <summary>Key Vault RBAC actions: the one the pool needs, and the ones least privilege warns about.</summary>
    public static class KeyVaultActions
    {
        public const string GetSecret = "Microsoft.KeyVault/vaults/secrets/getSecret/action";

        public const string RoleAssignmentsWrite = "Microsoft.Authorization/roleAssignments/write";

        public static IReadOnlyList<string> SecretWrites { get; } = new[]
        {
            "Microsoft.KeyVault/vaults/secrets/setSecret/action",
            "Microsoft.KeyVault/vaults/secrets/update/action",
            "Microsoft.KeyVault/vaults/secrets/delete",
            "Microsoft.KeyVault/vaults/secrets/purge/action",
            "Microsoft.KeyVault/vaults/secrets/recover/action",
            "Microsoft.KeyVault/vaults/secrets/backup/action",
            "Microsoft.KeyVault/vaults/secrets/restore/action",
        };

        public static IReadOnlyList<string> KeyOperations { get; } = new[]
        {
            "Microsoft.KeyVault/vaults/keys/create/action",
            "Microsoft.KeyVault/vaults/keys/import/action",
            "Microsoft.KeyVault/vaults/keys/update/action",
            "Microsoft.KeyVault/vaults/keys/delete",
            "Microsoft.KeyVault/vaults/keys/purge/action",
            "Microsoft.KeyVault/vaults/keys/backup/action",
            "Microsoft.KeyVault/vaults/keys/restore/action",
            "Microsoft.KeyVault/vaults/keys/recover/action",
            "Microsoft.KeyVault/vaults/keys/rotate/action",
            "Microsoft.KeyVault/vaults/keys/release/action",
            "Microsoft.KeyVault/vaults/keys/encrypt/action",
            "Microsoft.KeyVault/vaults/keys/decrypt/action",
            "Microsoft.KeyVault/vaults/keys/wrap/action",
            "Microsoft.KeyVault/vaults/keys/unwrap/action",
            "Microsoft.KeyVault/vaults/keys/sign/action",
        };

        public static IReadOnlyList<string> CertificateManagement { get; } = new[]
        {
            "Microsoft.KeyVault/vaults/certificates/create/action",
            "Microsoft.KeyVault/vaults/certificates/import/action",
            "Microsoft.KeyVault/vaults/certificates/update/action",
            "Microsoft.KeyVault/vaults/certificates/delete",
            "Microsoft.KeyVault/vaults/certificates/purge/action",
            "Microsoft.KeyVault/vaults/certificates/recover/action",
            "Microsoft.KeyVault/vaults/certificates/backup/action",
            "Microsoft.KeyVault/vaults/certificates/restore/action",
            "Microsoft.KeyVault/vaults/certificatecas/write",
            "Microsoft.KeyVault/vaults/certificatecas/delete",
            "Microsoft.KeyVault/vaults/certificatecontacts/write",
        };

        /// <summary>Management-plane actions that let a principal change who may read the vault's data.</summary>
        public static IReadOnlyList<string> VaultAccessWrites { get; } = new[]
        {
            "Microsoft.KeyVault/vaults/write",
            "Microsoft.KeyVault/vaults/accessPolicies/write",
        };

        /// <summary>Access-policy secret permissions the pool identity needs (FACTS §3).</summary>
        public static IReadOnlyList<string> RequiredSecretPermissions { get; } = new[] { "get", "list" };
    }
}
