namespace BatchRotation.Core.Azure
{
    /// <summary>The Azure services the module talks to; each has its own token audience and pipeline.</summary>
    public enum AzureService
    {
        /// <summary>Azure Resource Manager: Batch accounts and pools, vaults, identities, role assignments.</summary>
        ResourceManager,

        /// <summary>The Key Vault data plane (certificate metadata).</summary>
        KeyVault,

        /// <summary>The Batch data plane (nodes and node extensions).</summary>
        Batch,
    }
}
