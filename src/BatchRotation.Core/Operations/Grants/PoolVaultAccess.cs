using System;
using System.Linq;

namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>
    /// What Grant-PoolVaultAccess did for one identity: the identity (resource id, client id, principal id), the
    /// normalised versionless secret URLs whose access is in place, and one entry per vault. Its property names
    /// (<see cref="IdentityResourceId"/>, <see cref="IdentityClientId"/>, <see cref="IdentityPrincipalId"/>,
    /// <see cref="CertificateUrl"/>) are what New-RotatingBatchPool binds by name. Only plain .NET types.
    /// </summary>
    public sealed class PoolVaultAccess
    {
        public string IdentityResourceId { get; set; } = string.Empty;

        public string IdentityName { get; set; } = string.Empty;

        /// <summary>The client id: what the Key Vault extension's <c>msiClientId</c> must be.</summary>
        public string? IdentityClientId { get; set; }

        /// <summary>The principal (object) id: who the grants are for.</summary>
        public string IdentityPrincipalId { get; set; } = string.Empty;

        public string? TenantId { get; set; }

        /// <summary>
        /// The versionless <c>/secrets/</c> URLs the pool's extension should observe: every certificate given,
        /// normalised (a malformed one as given), those that failed included, so that
        /// <c>Grant-PoolVaultAccess | New-RotatingBatchPool</c> never creates a pool short of a certificate: the
        /// pool's pre-flight checks refuse the set while any of them cannot be read (see <see cref="FailedCertificateUrl"/>).
        /// </summary>
        public string[] CertificateUrl { get; set; } = Array.Empty<string>();

        /// <summary>The certificate URLs (as given) that could not be granted: malformed, not found, or in a vault that failed.</summary>
        public string[] FailedCertificateUrl { get; set; } = Array.Empty<string>();

        /// <summary>One entry per vault.</summary>
        public VaultAccessGrant[] Grants { get; set; } = Array.Empty<VaultAccessGrant>();

        /// <summary>True when the identity can read every certificate given: each vault Granted or AlreadyPresent, nothing failed.</summary>
        public bool Complete =>
            FailedCertificateUrl.Length == 0
            && Grants.All(g => g.Status == VaultGrantStatus.Granted || g.Status == VaultGrantStatus.AlreadyPresent);

        public override string ToString() => IdentityResourceId;
    }
}
