using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>
    /// Checks that each certificate exists by reading its metadata (never its secret). A missing certificate is an
    /// error for that URL. When the caller may not read the vault's data plane, existence cannot be proven: that is
    /// a warning, and the grant goes on (it is right either way).
    /// </summary>
    internal sealed class CertificateChecker
    {
        private readonly IKeyVaultCertificateClient _certificates;
        private readonly IOperationSink _sink;

        public CertificateChecker(IKeyVaultCertificateClient certificates, IOperationSink sink)
        {
            _certificates = certificates;
            _sink = sink;
        }

        /// <summary>The certificates that exist or cannot be checked; each missing one is reported and left out.</summary>
        public async Task<IReadOnlyList<CertificateUrl>> KeepExistingAsync(KeyVaultResource vault, IReadOnlyList<CertificateUrl> certificates, CancellationToken cancellationToken)
        {
            var kept = new List<CertificateUrl>();
            var canRead = vault.VaultUri != null;
            foreach (var certificate in certificates)
            {
                if (!canRead)
                {
                    kept.Add(certificate);
                    continue;
                }

                try
                {
                    var metadata = await _certificates.GetCertificateAsync(vault.VaultUri!, certificate.Name, cancellationToken).ConfigureAwait(false);
                    WarnAboutRotation(certificate, metadata);
                    kept.Add(certificate);
                }
                catch (BatchRotationException ex) when (ex.Kind == ErrorKind.NotFound)
                {
                    _sink.WriteError(GrantErrors.CertificateNotFound(certificate.Original, vault.Name, certificate.Name, ex));
                }
                catch (BatchRotationException ex)
                {
                    canRead = false;
                    kept.Add(certificate);
                    _sink.WriteWarning(
                        $"Could not read the certificates of vault {vault.Name} ({ex.AzureErrorCode ?? ex.ErrorId}{(ex.Status == null ? string.Empty : ", " + ex.Status)}), "
                        + "so whether its certificates exist cannot be proven; access is granted anyway. "
                        + "To have them checked, give the signed-in principal certificate get permission (or the Key Vault Certificate User role) on the vault.");
                }
            }

            return kept;
        }

        private void WarnAboutRotation(CertificateUrl certificate, CertificateMetadata metadata)
        {
            if (metadata.Attributes.Enabled == false)
            {
                _sink.WriteWarning($"The latest version of certificate '{certificate.Name}' ({certificate.SecretUrl}) is disabled: the Key Vault extension cannot download it until it is enabled.");
            }

            if (metadata.Policy != null && !metadata.Policy.HasAutoRenew)
            {
                _sink.WriteWarning($"Certificate '{certificate.Name}' ({certificate.SecretUrl}) has no AutoRenew lifetime action (issuer '{metadata.Policy.IssuerName ?? "unknown"}'): "
                    + "Key Vault will not renew it by itself, so the pool will never see a new version unless someone renews or imports one.");
            }
        }
    }
}
