using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>
    /// Finds the vault behind each certificate URL among the vaults ARM lists in the given subscriptions, by
    /// comparing the URL's vault base with each vault's <c>vaultUri</c> as an opaque prefix (no DNS pattern).
    /// Only vaults found this way are ever sent a Key Vault token: a URL pointing anywhere else is refused,
    /// so a mistyped or hostile URL cannot receive the caller's credentials.
    /// </summary>
    internal sealed class VaultLocator
    {
        private readonly IKeyVaultManagementClient _vaults;
        private readonly IOperationSink _sink;

        public VaultLocator(IKeyVaultManagementClient vaults, IOperationSink sink)
        {
            _vaults = vaults;
            _sink = sink;
        }

        /// <summary>
        /// The vault of every URL. Subscriptions are listed in order, each at most once, and only while some URL
        /// is still unmatched.
        /// </summary>
        public async Task<IReadOnlyDictionary<CertificateUrl, KeyVaultResource>> LocateAsync(
            IReadOnlyList<CertificateUrl> urls, IEnumerable<string> subscriptionIds, CancellationToken cancellationToken)
        {
            var found = new Dictionary<CertificateUrl, KeyVaultResource>();
            var searched = new List<string>();
            var unreadable = new List<BatchRotationException>();
            foreach (var subscription in subscriptionIds.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (urls.All(found.ContainsKey))
                {
                    break;
                }

                IReadOnlyList<KeyVaultResource> vaults;
                try
                {
                    vaults = await _vaults.ListVaultsAsync(subscription, cancellationToken).ConfigureAwait(false);
                }
                catch (BatchRotationException e) when (AzureFailures.IsPermissionDenied(e) || AzureFailures.IsNotFound(e))
                {
                    _sink.WriteVerbose($"Could not list the vaults of subscription {subscription}: {e.Message}");
                    unreadable.Add(e);
                    continue;
                }

                searched.Add(subscription);
                foreach (var url in urls.Where(u => !found.ContainsKey(u)))
                {
                    var vault = vaults.FirstOrDefault(v => IsVaultOf(v, url));
                    if (vault != null)
                    {
                        found[url] = vault;
                        _sink.WriteVerbose($"Certificate '{url.Name}' is in vault {vault.Id}.");
                    }
                }
            }

            var missing = urls.FirstOrDefault(u => !found.ContainsKey(u));
            if (missing != null)
            {
                throw NotFound(missing, searched, unreadable);
            }

            return found;
        }

        /// <summary>True when the vault's <c>vaultUri</c> is the URL's vault base (case-insensitive, trailing slash ignored).</summary>
        public static bool IsVaultOf(KeyVaultResource vault, CertificateUrl url) =>
            vault.VaultUri != null
            && string.Equals(WithSlash(vault.VaultUri.AbsoluteUri), WithSlash(url.VaultUri.AbsoluteUri), StringComparison.OrdinalIgnoreCase);

        private static string WithSlash(string uri) => uri.EndsWith("/", StringComparison.Ordinal) ? uri : uri + "/";

        private static BatchRotationException NotFound(CertificateUrl url, IReadOnlyList<string> searched, IReadOnlyList<BatchRotationException> unreadable)
        {
            var where = searched.Count == 0 ? "no subscription could be searched" : "searched subscription(s) " + string.Join(", ", searched);
            var message = $"No key vault with the URI {url.VaultUri} was found for certificate URL '{url.Original}' ({where}).";
            if (unreadable.Count > 0)
            {
                message += " Listing vaults failed for: " + string.Join("; ", unreadable.Select(e => e.Message));
            }

            return new BatchRotationException(PoolErrorIds.CertificateVaultNotFound, ErrorKind.NotFound, message, url.Original)
            {
                Remedy = "Check the URL (copy the certificate's Secret Identifier from the portal). The vault must be in the subscription of the "
                    + "identity, of the Batch account or of your sign-in, and you need read access to it (e.g. Reader on the vault).",
            };
        }
    }
}
