using System;
using System.Linq;

namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>
    /// Test-PoolCertificate's verdict on one pool: who the pool is, whether it is compliant, every check with
    /// its stable id, the status of each observed certificate and a rollup of the nodes.
    /// </summary>
    public sealed class PoolCertificateReport
    {
        public string PoolResourceId { get; set; } = string.Empty;

        public string SubscriptionId { get; set; } = string.Empty;

        public string ResourceGroupName { get; set; } = string.Empty;

        public string AccountName { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        /// <summary>Linux or Windows; null when the pool has no virtual machine configuration.</summary>
        public string? Os { get; set; }

        public string? ExtensionType { get; set; }

        public string? ExtensionVersion { get; set; }

        /// <summary>The identity the Key Vault extension signs in as (see RotatingBatchPool.IdentityResourceId).</summary>
        public string? IdentityResourceId { get; set; }

        public string? IdentityClientId { get; set; }

        public string? IdentityPrincipalId { get; set; }

        /// <summary>
        /// The URLs the pool's Key Vault extension observes, exactly as configured. With
        /// <see cref="IdentityResourceId"/> it lets <c>Test-PoolCertificate | Grant-PoolVaultAccess</c> repair
        /// missing access (Grant-PoolVaultAccess normalises each URL to the secret it must read).
        /// </summary>
        public string[] CertificateUrl { get; set; } = Array.Empty<string>();

        /// <summary>
        /// True when no check failed and none had to be skipped: every check that applies was verified and
        /// passed (warnings allowed).
        /// </summary>
        public bool IsCompliant => Checks.All(c => c.Status == CheckStatus.Passed || c.Status == CheckStatus.Warning);

        public int FailedCount => Checks.Count(c => c.Status == CheckStatus.Failed);

        public int WarningCount => Checks.Count(c => c.Status == CheckStatus.Warning);

        public int SkippedCount => Checks.Count(c => c.Status == CheckStatus.Skipped);

        public int PassedCount => Checks.Count(c => c.Status == CheckStatus.Passed);

        public PoolCheck[] Checks { get; set; } = Array.Empty<PoolCheck>();

        public CertificateStatus[] Certificates { get; set; } = Array.Empty<CertificateStatus>();

        /// <summary>The nodes; null when they were not read (-Node None).</summary>
        public PoolNodeRollup? Nodes { get; set; }

        /// <summary>The time the verdict is about (the certificates' expiry is judged against it).</summary>
        public DateTimeOffset TestedAt { get; set; }

        public override string ToString() => PoolResourceId;
    }
}
