using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>
    /// Every check New-RotatingBatchPool makes before it writes anything. Only reads: names and options locally,
    /// then the account, the identity, the vaults, the certificates and the identity's access to each secret.
    /// The first problem found is thrown with its own ErrorId (the access check reports every unreadable secret at once).
    /// </summary>
    internal sealed class PoolPreflight
    {
        private const int ActivityId = 41;
        private const string Activity = "New-RotatingBatchPool: pre-flight checks";
        private readonly PoolClients _clients;
        private readonly IOperationSink _sink;
        private readonly Func<DateTimeOffset> _now;

        public PoolPreflight(PoolClients clients, IOperationSink sink, Func<DateTimeOffset> now)
        {
            _clients = clients;
            _sink = sink;
            _now = now;
        }

        public async Task<PoolPlan> RunAsync(NewRotatingBatchPoolRequest request, CancellationToken cancellationToken)
        {
            var local = CheckLocally(request);

            Progress("Reading the Batch account", 10);
            var account = await ReadAccountAsync(local.PoolId.Account, cancellationToken).ConfigureAwait(false);

            Progress("Reading the pool identity", 20);
            var identity = await ReadIdentityAsync(local.IdentityId, cancellationToken).ConfigureAwait(false);

            var body = PoolBody(request, local, identity);

            Progress("Finding the certificates' vaults", 35);
            var subscriptions = new[] { local.IdentityId.SubscriptionId, local.PoolId.Account.SubscriptionId, request.SubscriptionId ?? string.Empty };
            var vaults = await LocateVaultsAsync(local.Certificates, subscriptions, cancellationToken).ConfigureAwait(false);
            CheckTenants(identity, vaults);

            Progress("Checking the certificates", 55);
            foreach (var url in local.Certificates)
            {
                await CheckCertificateAsync(url, vaults[url], cancellationToken).ConfigureAwait(false);
            }

            if (request.SkipAccessCheck)
            {
                _sink.WriteWarning("-SkipAccessCheck: the pool identity's access to the secrets was not checked. If it cannot read them, "
                    + "the Key Vault extension fails on every node" + (request.RequireInitialSync == false ? "." : " and, with requireInitialSync, the nodes become unusable."));
            }
            else
            {
                Progress("Checking the pool identity's access to each secret", 75);
                await new SecretAccessCheck(_clients.Authorization, _sink)
                    .EnsureReadableAsync(identity.Id.Length > 0 ? identity.Id : local.IdentityId.ToString(), RequirePrincipal(identity), local.Certificates, vaults, cancellationToken)
                    .ConfigureAwait(false);
            }

            _sink.WriteProgress(new OperationProgress(ActivityId, Activity, "Done") { Completed = true });
            return new PoolPlan(local.PoolId, account, identity, local.Image, local.Version, local.Certificates, body);
        }

        /// <summary>Everything that needs no Azure call: names, ids, URLs, image, extension version, timeout.</summary>
        internal LocalChecks CheckLocally(NewRotatingBatchPoolRequest request)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            AzureNames.ValidatePoolName(request.PoolName);
            var account = AccountReference.Resolve(request.AccountResourceId, request.SubscriptionId, request.ResourceGroupName, request.AccountName);
            var poolId = account.Pool(request.PoolName);
            var identityId = UserAssignedIdentityId.Parse(request.IdentityResourceId);
            var certificates = NormaliseUrls(request.CertificateUrls);
            var image = ImageCatalog.Resolve(request.ImageReference ?? request.Image, request.NodeAgentSkuId);
            if (ImageCatalog.GetSupportNote(image) is { } note)
            {
                _sink.WriteWarning(note);
            }

            var version = ExtensionVersionRules.Choose(image, request.ExtensionVersion);
            CheckTimeout(request);
            return new LocalChecks(poolId, identityId, certificates, image, version);
        }

        private IReadOnlyList<CertificateUrl> NormaliseUrls(IReadOnlyList<string>? inputs)
        {
            if (inputs == null || inputs.Count == 0)
            {
                throw new BatchRotationException(RuleErrorIds.NoObservedCertificates, ErrorKind.InvalidArgument,
                    "A rotating pool needs at least one certificate URL to observe.", null)
                {
                    Remedy = "Give -CertificateUrl with the certificates' Secret Identifiers, e.g. https://myvault.vault.azure.net/secrets/mycert.",
                };
            }

            var result = new List<CertificateUrl>();
            foreach (var input in inputs)
            {
                var url = CertificateUrl.Parse(input);
                if (url.GetVersionWarning() is { } versionWarning)
                {
                    _sink.WriteWarning(versionWarning);
                }

                if (url.GetPathNote() is { } pathNote)
                {
                    _sink.WriteVerbose(pathNote);
                }

                if (result.Contains(url))
                {
                    _sink.WriteVerbose($"'{input}' names the same secret as an earlier URL ({url.SecretUrl}); it is observed once.");
                    continue;
                }

                result.Add(url);
            }

            return result;
        }

        private static void CheckTimeout(NewRotatingBatchPoolRequest request)
        {
            if (request.Timeout == null)
            {
                return;
            }

            if (!request.Wait)
            {
                throw new BatchRotationException(PoolErrorIds.TimeoutWithoutWait, ErrorKind.InvalidArgument,
                    "-Timeout limits how long -Wait waits for the nodes; without -Wait it has no meaning.", request.Timeout)
                {
                    Remedy = "Add -Wait, or leave out -Timeout.",
                };
            }

            if (request.Timeout.Value <= TimeSpan.Zero)
            {
                throw new BatchRotationException(PoolErrorIds.InvalidTimeout, ErrorKind.InvalidArgument,
                    $"The timeout {request.Timeout.Value} must be positive.", request.Timeout);
            }
        }

        private async Task<BatchAccount> ReadAccountAsync(BatchAccountId accountId, CancellationToken cancellationToken)
        {
            try
            {
                return await _clients.BatchManagement.GetAccountAsync(accountId.ToString(), cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException e) when (AzureFailures.IsNotFound(e))
            {
                throw AzureFailures.Relabel(e, PoolErrorIds.AccountNotFound, ErrorKind.NotFound,
                    $"Batch account '{accountId.AccountName}' was not found in resource group '{accountId.ResourceGroupName}' of subscription {accountId.SubscriptionId}.",
                    accountId.ToString(),
                    "Check the resource group and account names (and the subscription you signed in to with Connect-BatchRotation).");
            }
        }

        private async Task<UserAssignedIdentity> ReadIdentityAsync(UserAssignedIdentityId identityId, CancellationToken cancellationToken)
        {
            try
            {
                return await _clients.ManagedIdentities.GetUserAssignedIdentityAsync(identityId.ToString(), cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException e) when (AzureFailures.IsNotFound(e))
            {
                throw AzureFailures.Relabel(e, PoolErrorIds.IdentityNotFound, ErrorKind.NotFound,
                    $"User-assigned managed identity '{identityId.Name}' was not found in resource group '{identityId.ResourceGroupName}' of subscription {identityId.SubscriptionId}.",
                    identityId.ToString(),
                    "Create it first ('az identity create'), or correct -IdentityResourceId (copy the identity's Resource ID from its Properties page).");
            }
        }

        private async Task<IReadOnlyDictionary<CertificateUrl, KeyVaultResource>> LocateVaultsAsync(
            IReadOnlyList<CertificateUrl> certificates, IEnumerable<string> subscriptions, CancellationToken cancellationToken)
        {
            var locator = new VaultLocator(_clients.KeyVaultManagement, subscriptions: null, _sink);
            var byUri = await locator.LocateAsync(certificates.Select(c => c.VaultUri).ToList(), subscriptions, cancellationToken).ConfigureAwait(false);
            var vaults = new Dictionary<CertificateUrl, KeyVaultResource>();
            foreach (var url in certificates)
            {
                if (!byUri.TryGetValue(url.VaultUri, out var vault))
                {
                    throw VaultNotFound(url, locator.Searched, locator.Unreadable);
                }

                vaults[url] = vault;
                _sink.WriteVerbose($"Certificate '{url.Name}' is in vault {vault.Id}.");
            }

            return vaults;
        }

        private static BatchRotationException VaultNotFound(CertificateUrl url, IReadOnlyList<string> searched, IReadOnlyList<string> unreadable)
        {
            var where = searched.Count == 0 ? "no subscription could be searched" : "searched subscription(s) " + string.Join(", ", searched);
            var notListed = unreadable.Count == 0 ? string.Empty : $"; could not list the vaults of {string.Join(", ", unreadable)}";
            return new BatchRotationException(
                PoolErrorIds.CertificateVaultNotFound,
                ErrorKind.NotFound,
                $"No key vault with the URI {url.VaultUri} was found for certificate URL '{url.Original}' ({where}{notListed}).",
                url.Original)
            {
                Remedy = "Check the URL (copy the certificate's Secret Identifier from the portal). The vault must be in the subscription of the "
                    + "identity, of the Batch account or of your sign-in, and you need read access to it (e.g. Reader on the vault).",
            };
        }

        private System.Text.Json.Nodes.JsonObject PoolBody(NewRotatingBatchPoolRequest request, LocalChecks local, UserAssignedIdentity identity)
        {
            // FACTS §2: the extension signs in with the identity's client id, never its principal id.
            var settings = new KeyVaultExtensionSettingsRequest(local.Version, local.Certificates, identity.ClientId ?? string.Empty)
            {
                PollingInterval = request.PollingInterval,
                RequireInitialSync = request.RequireInitialSync,
                CertificateStoreLocation = request.CertificateStoreLocation,
                CertificateStoreName = request.CertificateStoreName,
                KeyExportable = request.KeyExportable,
                Accounts = request.CertificateAccounts,
                LinkOnRenewal = request.LinkOnRenewal,
            };
            var extension = KeyVaultExtensionEntry.Build(settings);
            var spec = new PoolSpec(request.VmSize, local.Image, local.IdentityId, new[] { extension })
            {
                TargetDedicatedNodes = request.TargetDedicatedNodes,
                TargetLowPriorityNodes = request.TargetLowPriorityNodes,
                SubnetId = request.SubnetId,
            };
            return PoolBodyBuilder.Build(spec);
        }

        private static void CheckTenants(UserAssignedIdentity identity, IReadOnlyDictionary<CertificateUrl, KeyVaultResource> vaults)
        {
            foreach (var pair in vaults)
            {
                var vault = pair.Value;
                if (identity.TenantId != null && vault.TenantId != null && !SameGuid(identity.TenantId, vault.TenantId))
                {
                    throw new BatchRotationException(PoolErrorIds.CertificateVaultInOtherTenant, ErrorKind.InvalidArgument,
                        $"Vault {vault.Name} (of certificate '{pair.Key.Name}') belongs to tenant {vault.TenantId}, but identity {identity.Name} to tenant {identity.TenantId}: "
                        + "a managed identity can only sign in to vaults of its own tenant.",
                        pair.Key.Original)
                    {
                        Remedy = "Use a certificate from a vault in the identity's tenant, or an identity of the vault's tenant.",
                    };
                }
            }
        }

        private async Task CheckCertificateAsync(CertificateUrl url, KeyVaultResource vault, CancellationToken cancellationToken)
        {
            CertificateMetadata certificate;
            try
            {
                certificate = await _clients.Certificates.GetCertificateAsync(vault.VaultUri!, url.Name, cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException e) when (AzureFailures.IsNotFound(e))
            {
                throw AzureFailures.Relabel(e, PoolErrorIds.CertificateNotFound, ErrorKind.NotFound,
                    $"Vault {vault.Name} has no certificate named '{url.Name}' (from '{url.Original}').",
                    url.Original,
                    "Check the name in the URL; a plain secret is not enough: the extension needs a Key Vault certificate.");
            }

            foreach (var warning in CertificateReadiness.Check(url, certificate, _now()))
            {
                _sink.WriteWarning(warning);
            }

            _sink.WriteVerbose($"Certificate '{url.Name}': latest version {certificate.Version}, thumbprint {certificate.ThumbprintHex}, "
                + $"expires {certificate.Attributes.Expires?.UtcDateTime:yyyy-MM-dd}, issuer {certificate.Policy?.IssuerName}.");
        }

        private static string RequirePrincipal(UserAssignedIdentity identity) =>
            identity.PrincipalId ?? throw new BatchRotationException(PoolErrorIds.IdentityHasNoPrincipal, ErrorKind.InvalidData,
                $"Identity {identity.Id} has no principal id, so its access cannot be checked.", identity.Id)
            {
                Remedy = "Check that the identity is a user-assigned managed identity that has finished provisioning, or pass -SkipAccessCheck.",
            };

        private static bool SameGuid(string a, string b) =>
            Guid.TryParse(a, out var x) && Guid.TryParse(b, out var y) ? x == y : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private void Progress(string status, int percent) =>
            _sink.WriteProgress(new OperationProgress(ActivityId, Activity, status) { PercentComplete = percent });

        internal sealed record LocalChecks(
            BatchPoolId PoolId,
            UserAssignedIdentityId IdentityId,
            IReadOnlyList<CertificateUrl> Certificates,
            PoolImage Image,
            KeyVaultExtensionVersion Version);
    }
}
