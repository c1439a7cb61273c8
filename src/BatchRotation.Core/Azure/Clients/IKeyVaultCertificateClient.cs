using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>
    /// Certificate metadata from the Key Vault data plane. Only <c>/certificates/</c> paths are read: no method
    /// reads a secret's value or a private key. <c>vaultUri</c> is the vault's <c>properties.vaultUri</c> from ARM,
    /// used as an opaque base.
    /// </summary>
    public interface IKeyVaultCertificateClient
    {
        /// <summary>The latest version, with its policy (<c>GET {vault}/certificates/{name}</c>).</summary>
        Task<CertificateMetadata> GetCertificateAsync(Uri vaultUri, string name, CancellationToken cancellationToken);

        /// <summary>One version (<c>GET {vault}/certificates/{name}/{version}</c>).</summary>
        Task<CertificateMetadata> GetCertificateVersionAsync(Uri vaultUri, string name, string version, CancellationToken cancellationToken);

        /// <summary>All versions (<c>GET {vault}/certificates/{name}/versions</c>, every page).</summary>
        Task<IReadOnlyList<CertificateVersionItem>> ListCertificateVersionsAsync(Uri vaultUri, string name, CancellationToken cancellationToken);

        /// <summary>The policy (<c>GET {vault}/certificates/{name}/policy</c>).</summary>
        Task<CertificatePolicy> GetCertificatePolicyAsync(Uri vaultUri, string name, CancellationToken cancellationToken);
    }
}
