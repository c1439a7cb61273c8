namespace BatchRotation.Core.Azure
{
    /// <summary>
    /// The api-version sent to each service: one value per service, so that moving to a newer version
    /// is a one-line change (FACTS §9). Every cloud uses <see cref="Current"/> unless it says otherwise.
    /// </summary>
    public sealed record AzureApiVersions
    {
        /// <summary>Microsoft.Batch (accounts, pools). 2025-06-01 is the current stable version.</summary>
        public const string BatchManagementDefault = "2025-06-01";

        /// <summary>Microsoft.KeyVault (vaults, access policies, keys).</summary>
        public const string KeyVaultManagementDefault = "2025-05-01";

        /// <summary>
        /// The Key Vault data plane. 7.6 is live in every cloud; the newest OpenAPI file is 2025-07-01 and
        /// the certificate shapes read here are the same in both.
        /// </summary>
        public const string KeyVaultDataDefault = "7.6";

        /// <summary>Microsoft.ManagedIdentity (user-assigned identities).</summary>
        public const string ManagedIdentityDefault = "2024-11-30";

        /// <summary>Microsoft.Authorization (role assignments and definitions).</summary>
        public const string AuthorizationDefault = "2022-04-01";

        /// <summary>The Batch data plane (nodes, node extensions).</summary>
        public const string BatchDataDefault = "2025-06-01.21.0";

        /// <summary>Microsoft.Resources (the subscriptions the caller can see).</summary>
        public const string ResourcesDefault = "2022-12-01";

        /// <summary>The versions this module uses.</summary>
        public static AzureApiVersions Current { get; } = new AzureApiVersions();

        public string BatchManagement { get; init; } = BatchManagementDefault;

        public string KeyVaultManagement { get; init; } = KeyVaultManagementDefault;

        public string KeyVaultData { get; init; } = KeyVaultDataDefault;

        public string ManagedIdentity { get; init; } = ManagedIdentityDefault;

        public string Authorization { get; init; } = AuthorizationDefault;

        public string BatchData { get; init; } = BatchDataDefault;

        public string Resources { get; init; } = ResourcesDefault;
    }
}
