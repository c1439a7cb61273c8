using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Operations
{
    /// <summary>
    /// Finds the vault behind each vault URI by comparing it with the <c>vaultUri</c> that ARM reports for every
    /// vault the caller can see (an opaque base URI, never built from a name). Subscriptions are searched in the
    /// order given, then (when a subscription client is given) every other subscription the caller can list;
    /// each subscription's vaults are listed once, and only while some URI is unmatched. Only vaults found this
    /// way are ever sent a Key Vault token, so a mistyped or hostile URL never receives the caller's credentials.
    /// Used by Grant-PoolVaultAccess and New-RotatingBatchPool.
    /// </summary>
    internal sealed class VaultLocator
    {
        private readonly IKeyVaultManagementClient _vaults;
        private readonly ISubscriptionClient? _subscriptions;
        private readonly IOperationSink _sink;
        private readonly Dictionary<string, IReadOnlyList<KeyVaultResource>> _listed = new Dictionary<string, IReadOnlyList<KeyVaultResource>>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _searched = new List<string>();
        private readonly List<string> _unreadable = new List<string>();

        public VaultLocator(IKeyVaultManagementClient vaults, ISubscriptionClient? subscriptions, IOperationSink sink)
        {
            _vaults = vaults;
            _subscriptions = subscriptions;
            _sink = sink;
        }

        /// <summary>Subscriptions whose vaults were listed.</summary>
        public IReadOnlyList<string> Searched => _searched;

        /// <summary>Subscriptions whose vaults could not be listed (no permission, or not found).</summary>
        public IReadOnlyList<string> Unreadable => _unreadable;

        /// <summary>The vault for each URI that could be found (keys are the URIs as given).</summary>
        public async Task<IReadOnlyDictionary<Uri, KeyVaultResource>> LocateAsync(
            IReadOnlyCollection<Uri> vaultUris, IEnumerable<string?> preferredSubscriptions, CancellationToken cancellationToken)
        {
            var found = new Dictionary<Uri, KeyVaultResource>();
            foreach (var subscription in preferredSubscriptions.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (found.Count == vaultUris.Count)
                {
                    return found;
                }

                await SearchAsync(subscription, vaultUris, found, cancellationToken).ConfigureAwait(false);
            }

            if (found.Count == vaultUris.Count || _subscriptions == null)
            {
                return found;
            }

            IReadOnlyList<AzureSubscription> others;
            try
            {
                others = await _subscriptions.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException ex) when (ex.Kind == ErrorKind.PermissionDenied)
            {
                _sink.WriteVerbose($"Could not list the subscriptions to look further for vaults: {ex.Message}");
                return found;
            }

            foreach (var subscription in others.Where(s => !string.Equals(s.State, "Disabled", StringComparison.OrdinalIgnoreCase)))
            {
                if (found.Count == vaultUris.Count)
                {
                    break;
                }

                await SearchAsync(subscription.SubscriptionId, vaultUris, found, cancellationToken).ConfigureAwait(false);
            }

            return found;
        }

        private async Task SearchAsync(string subscriptionId, IReadOnlyCollection<Uri> vaultUris, Dictionary<Uri, KeyVaultResource> found, CancellationToken cancellationToken)
        {
            if (_listed.ContainsKey(subscriptionId) || _unreadable.Contains(subscriptionId, StringComparer.OrdinalIgnoreCase))
            {
                return;
            }

            IReadOnlyList<KeyVaultResource> vaults;
            try
            {
                vaults = await _vaults.ListVaultsAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException ex) when (ex.Kind == ErrorKind.PermissionDenied || ex.Kind == ErrorKind.NotFound)
            {
                _unreadable.Add(subscriptionId);
                _sink.WriteVerbose($"Could not list the vaults of subscription {subscriptionId}: {ex.Message}");
                return;
            }

            _listed[subscriptionId] = vaults;
            _searched.Add(subscriptionId);
            _sink.WriteVerbose($"Subscription {subscriptionId} has {vaults.Count} vault(s) the signed-in principal can see.");
            foreach (var uri in vaultUris.Where(u => !found.ContainsKey(u)))
            {
                var match = vaults.FirstOrDefault(v => v.VaultUri != null && SameBase(v.VaultUri, uri));
                if (match != null)
                {
                    found[uri] = match;
                }
            }
        }

        /// <summary>
        /// Two vault base URIs are the same when their scheme, host, port and path agree (host and path ignoring
        /// case, a trailing slash optional): the base is opaque, only compared.
        /// </summary>
        internal static bool SameBase(Uri vaultUri, Uri candidate) =>
            string.Equals(WithSlash(vaultUri), WithSlash(candidate), StringComparison.OrdinalIgnoreCase);

        private static string WithSlash(Uri uri)
        {
            var text = uri.GetLeftPart(UriPartial.Path);
            return text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/";
        }
    }
}
