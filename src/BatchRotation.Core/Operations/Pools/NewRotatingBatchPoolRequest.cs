using System;
using System.Collections.Generic;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>
    /// What New-RotatingBatchPool asks for. The account is named by <see cref="AccountResourceId"/> or by
    /// <see cref="ResourceGroupName"/> and <see cref="AccountName"/> in <see cref="SubscriptionId"/>. Optional
    /// extension settings left null take the documented defaults; one given for an OS or extension version that
    /// has no such setting is refused (never dropped).
    /// </summary>
    public sealed record NewRotatingBatchPoolRequest(string PoolName, string IdentityResourceId, IReadOnlyList<string> CertificateUrls, string VmSize)
    {
        public string? AccountResourceId { get; init; }

        /// <summary>
        /// The signed-in context's subscription: where <see cref="ResourceGroupName"/> is, and (after the identity's and
        /// the account's) where the certificates' vaults are looked for.
        /// </summary>
        public string? SubscriptionId { get; init; }

        public string? ResourceGroupName { get; init; }

        public string? AccountName { get; init; }

        /// <summary>A catalog alias such as <c>Ubuntu2404</c>; null (and no <see cref="ImageReference"/>) for the default image.</summary>
        public string? Image { get; init; }

        /// <summary><c>publisher:offer:sku[:version]</c>, with <see cref="NodeAgentSkuId"/> unless the image is in the catalog.</summary>
        public string? ImageReference { get; init; }

        public string? NodeAgentSkuId { get; init; }

        public int TargetDedicatedNodes { get; init; } = 1;

        public int TargetLowPriorityNodes { get; init; }

        /// <summary>e.g. <c>3.0</c>; null for the OS's default (Linux 3.0, Windows 3.0).</summary>
        public string? ExtensionVersion { get; init; }

        public TimeSpan? PollingInterval { get; init; }

        public bool? RequireInitialSync { get; init; }

        public string? CertificateStoreLocation { get; init; }

        public string? CertificateStoreName { get; init; }

        public bool? KeyExportable { get; init; }

        public IReadOnlyList<string>? CertificateAccounts { get; init; }

        public bool? LinkOnRenewal { get; init; }

        public string? SubnetId { get; init; }

        /// <summary>Do not check that the identity can read each secret (the nodes will fail if it cannot).</summary>
        public bool SkipAccessCheck { get; init; }

        /// <summary>Delete an existing pool of that name (after ShouldProcess) and create it again.</summary>
        public bool Force { get; init; }

        /// <summary>Follow allocation and each node's Key Vault extension until every node is ready or one fails.</summary>
        public bool Wait { get; init; }

        /// <summary>How long <see cref="Wait"/> waits; default 30 minutes.</summary>
        public TimeSpan? Timeout { get; init; }
    }
}
