using System;

namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>
    /// What a pool observes for one certificate and what the vault holds now: the current version, its
    /// thumbprint and validity, whether it renews itself, and whether the pool identity can read it. Read
    /// from <c>/certificates/</c> metadata only; never a secret value or a private key.
    /// </summary>
    public sealed class CertificateStatus
    {
        public string Pool { get; set; } = string.Empty;

        /// <summary>The URL exactly as the pool's extension observes it.</summary>
        public string Url { get; set; } = string.Empty;

        /// <summary>The versionless <c>/secrets/</c> URL it should be; null when the URL cannot be read.</summary>
        public string? SecretUrl { get; set; }

        /// <summary>The version the URL pins, when it names one (such a pool never rotates).</summary>
        public string? PinnedVersion { get; set; }

        public string? VaultName { get; set; }

        /// <summary>The vault's ARM resource id, when the vault was found.</summary>
        public string? VaultResourceId { get; set; }

        public string? Name { get; set; }

        /// <summary>The version Key Vault serves now (the one nodes download on their next poll).</summary>
        public string? CurrentVersion { get; set; }

        /// <summary>SHA-1 thumbprint of the current version, upper-case hex as Windows shows it.</summary>
        public string? Thumbprint { get; set; }

        public DateTimeOffset? NotBefore { get; set; }

        public DateTimeOffset? NotAfter { get; set; }

        public bool? Enabled { get; set; }

        /// <summary>True when the policy has an AutoRenew lifetime action.</summary>
        public bool? AutoRenew { get; set; }

        /// <summary>The policy's issuer: <c>Self</c>, an integrated CA, or <c>Unknown</c> (never renews by itself).</summary>
        public string? Issuer { get; set; }

        /// <summary>When AutoRenew fires, e.g. <c>80% of lifetime</c> or <c>30 days before expiry</c>.</summary>
        public string? RenewalTrigger { get; set; }

        /// <summary>Whether the pool identity can read the secret; null when that could not be told.</summary>
        public bool? IdentityCanRead { get; set; }

        /// <summary>How the identity can read it (access policy, or a role at a scope), or why not.</summary>
        public string? Access { get; set; }

        public override string ToString() => SecretUrl ?? Url;
    }
}
