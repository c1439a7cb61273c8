namespace BatchRotation.Core.Rules
{
    /// <summary>The ARM resource types the module works with.</summary>
    public static class AzureResourceTypes
    {
        public const string UserAssignedIdentity = "Microsoft.ManagedIdentity/userAssignedIdentities";
        public const string BatchAccount = "Microsoft.Batch/batchAccounts";
        public const string BatchPool = "Microsoft.Batch/batchAccounts/pools";
        public const string KeyVault = "Microsoft.KeyVault/vaults";
        public const string KeyVaultSecret = "Microsoft.KeyVault/vaults/secrets";
        public const string Subnet = "Microsoft.Network/virtualNetworks/subnets";
    }
}
