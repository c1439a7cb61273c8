using System;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Model
{
    /// <summary>
    /// A Batch pool as this module sees it: who it is, which identity it runs as, which certificates its
    /// Key Vault extension observes and how its nodes are doing. Produced by New-RotatingBatchPool and
    /// Get-RotatingBatchPool for pools made by any tool (a pool without the extension too), consumed by
    /// Test-PoolCertificate and Grant-PoolVaultAccess. Only plain .NET types, so that it formats and
    /// serialises anywhere.
    /// </summary>
    public sealed class RotatingBatchPool
    {
        public string PoolResourceId { get; set; } = string.Empty;

        public string SubscriptionId { get; set; } = string.Empty;

        public string ResourceGroupName { get; set; } = string.Empty;

        public string AccountName { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        /// <summary>The account's data-plane endpoint from ARM (host[:port][/path], no scheme).</summary>
        public string? AccountEndpoint { get; set; }

        /// <summary>Linux or Windows, from the node agent SKU; null when the pool has no VM configuration.</summary>
        public OsFamily? Os { get; set; }

        public string? VmSize { get; set; }

        /// <summary><c>publisher:offer:sku:version</c>.</summary>
        public string? ImageReference { get; set; }

        public string? NodeAgentSkuId { get; set; }

        /// <summary>
        /// The user-assigned identity the Key Vault extension signs in as (the one whose client id is the
        /// extension's <c>msiClientId</c>), else the pool's only identity; null when that cannot be told.
        /// </summary>
        public string? IdentityResourceId { get; set; }

        public string? IdentityClientId { get; set; }

        public string? IdentityPrincipalId { get; set; }

        /// <summary>Every user-assigned identity of the pool.</summary>
        public string[] IdentityResourceIds { get; set; } = Array.Empty<string>();

        /// <summary>The URLs the Key Vault extension observes, exactly as configured.</summary>
        public string[] CertificateUrl { get; set; } = Array.Empty<string>();

        /// <summary><c>KeyVaultForLinux</c> or <c>KeyVaultForWindows</c>; null when the pool has no Key Vault extension.</summary>
        public string? ExtensionType { get; set; }

        public string? ExtensionName { get; set; }

        public string? ExtensionVersion { get; set; }

        public TimeSpan? PollingInterval { get; set; }

        public bool? RequireInitialSync { get; set; }

        public string? ProvisioningState { get; set; }

        public string? AllocationState { get; set; }

        public int TargetDedicatedNodes { get; set; }

        public int TargetLowPriorityNodes { get; set; }

        public int CurrentDedicatedNodes { get; set; }

        public int CurrentLowPriorityNodes { get; set; }

        public string? ETag { get; set; }

        public bool HasKeyVaultExtension => ExtensionType != null;

        public override string ToString() => PoolResourceId;
    }
}
