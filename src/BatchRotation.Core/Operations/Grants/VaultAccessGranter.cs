using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Model;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>
    /// Grants a user-assigned identity least-privilege read access to the secrets behind certificates, in every
    /// vault the certificate URLs name (FACTS §3): access policy <c>secrets get, list</c> through
    /// <c>accessPolicies/add</c>, or Key Vault Secrets User at the vault or secret scope. Never PUTs a vault,
    /// never removes or replaces anyone's access, writes nothing when access is already there, and reports a
    /// failing vault without stopping the others.
    /// </summary>
    public sealed class VaultAccessGranter
    {
        private const int ProgressId = 1;
        private readonly IManagedIdentityClient _identities;
        private readonly IKeyVaultManagementClient _vaults;
        private readonly IAuthorizationClient _authorization;
        private readonly IKeyVaultCertificateClient _certificates;
        private readonly ISubscriptionClient? _subscriptions;
        private readonly string? _defaultSubscriptionId;
        private readonly GrantOptions _options;

        public VaultAccessGranter(
            IManagedIdentityClient identities,
            IKeyVaultManagementClient vaults,
            IAuthorizationClient authorization,
            IKeyVaultCertificateClient certificates,
            ISubscriptionClient? subscriptions,
            string? defaultSubscriptionId,
            GrantOptions? options = null)
        {
            _identities = identities ?? throw new ArgumentNullException(nameof(identities));
            _vaults = vaults ?? throw new ArgumentNullException(nameof(vaults));
            _authorization = authorization ?? throw new ArgumentNullException(nameof(authorization));
            _certificates = certificates ?? throw new ArgumentNullException(nameof(certificates));
            _subscriptions = subscriptions;
            _defaultSubscriptionId = defaultSubscriptionId;
            _options = options ?? GrantOptions.Default;
        }

        /// <summary>A granter over the clients of one sign-in, searching the context's subscription after the identity's.</summary>
        public static VaultAccessGranter Create(AzureClients clients, BatchRotationContext context, GrantOptions? options = null)
        {
            if (clients == null) throw new ArgumentNullException(nameof(clients));
            if (context == null) throw new ArgumentNullException(nameof(context));
            return new VaultAccessGranter(
                clients.ManagedIdentities,
                clients.KeyVaultManagement,
                clients.Authorization,
                clients.Certificates,
                clients.Subscriptions,
                context.SubscriptionId,
                options);
        }

        /// <summary>
        /// Grants and returns what was done: one object for the identity, with an entry per vault. A malformed URL,
        /// a missing certificate or a failing vault is reported through <paramref name="sink"/> and left out; the
        /// rest goes on. Throws when nothing can proceed (malformed identity id, identity not found). Returns null
        /// when no certificate URL was usable (each was reported).
        /// </summary>
        public async Task<PoolVaultAccess?> GrantAsync(GrantRequest request, IOperationSink sink, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (sink == null) throw new ArgumentNullException(nameof(sink));

            var identityId = UserAssignedIdentityId.Parse(request.IdentityResourceId);
            if (request.CertificateUrls == null || request.CertificateUrls.Count == 0)
            {
                throw RuleErrors.Invalid(RuleErrorIds.NoObservedCertificates, "No certificate URL was given to grant access to.", request.Describe(),
                    "Name at least one certificate with -CertificateUrl.");
            }

            var (certificates, failedInputs) = ParseCertificateUrls(request.CertificateUrls, sink);
            if (certificates.Count == 0)
            {
                return null;
            }

            var activity = $"Granting vault access to identity '{identityId.Name}'";
            sink.WriteProgress(new OperationProgress(ProgressId, activity, "Reading the identity"));
            var identity = await ReadIdentityAsync(identityId, cancellationToken).ConfigureAwait(false);

            var byVault = certificates.GroupBy(c => c.VaultUri.AbsoluteUri, StringComparer.OrdinalIgnoreCase).ToList();
            sink.WriteProgress(new OperationProgress(ProgressId, activity, $"Finding {byVault.Count} vault(s)"));
            var locator = new VaultLocator(_vaults, _subscriptions, sink);
            var found = await locator.LocateAsync(
                byVault.Select(g => g.First().VaultUri).ToList(),
                new[] { identityId.SubscriptionId, _defaultSubscriptionId },
                cancellationToken).ConfigureAwait(false);

            var processor = new VaultGrantProcessor(_vaults, _authorization, _certificates, _options, sink);
            var outcomes = new List<VaultOutcome>();
            for (var i = 0; i < byVault.Count; i++)
            {
                var group = byVault[i].ToList();
                var vaultUri = group[0].VaultUri;
                if (!found.TryGetValue(vaultUri, out var vault))
                {
                    var error = GrantErrors.VaultNotFound(vaultUri.AbsoluteUri, group.Select(c => c.Original), locator.Searched, locator.Unreadable);
                    sink.WriteError(error);
                    outcomes.Add(new VaultOutcome(NotFoundEntry(vaultUri, group, error), Array.Empty<CertificateUrl>(), group));
                    continue;
                }

                sink.WriteProgress(new OperationProgress(ProgressId, activity, $"Vault {vault.Name} ({i + 1} of {byVault.Count})")
                {
                    PercentComplete = 100 * i / byVault.Count,
                });
                outcomes.Add(await processor.GrantAsync(vault, group, identity, request, cancellationToken).ConfigureAwait(false));
            }

            sink.WriteProgress(new OperationProgress(ProgressId, activity, "Done") { PercentComplete = 100, Completed = true });
            if (outcomes.Any(o => o.Entry.Status == VaultGrantStatus.Granted && o.Entry.AccessModel == KeyVaultPermissionModel.Rbac))
            {
                sink.WriteWarning("Azure role assignments can take a few minutes to take effect. Nodes created before then may fail to download "
                    + "the certificates (with requireInitialSync they can end unusable): wait a few minutes before creating the pool.");
            }

            return Assemble(identity, certificates, failedInputs, outcomes);
        }

        /// <summary>
        /// Like <see cref="GrantAsync"/>, but a failure of the whole request (malformed identity id, identity not
        /// found) is reported through <paramref name="sink"/> as an error for this request, and null is returned:
        /// for a pipeline of several requests, where the next one can still proceed.
        /// </summary>
        public async Task<PoolVaultAccess?> TryGrantAsync(GrantRequest request, IOperationSink sink, CancellationToken cancellationToken)
        {
            if (sink == null) throw new ArgumentNullException(nameof(sink));
            try
            {
                return await GrantAsync(request, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException ex) when (IsRequestFailure(ex))
            {
                sink.WriteError(ex);
                return null;
            }
        }

        /// <summary>Repairs an existing pool's grants: its Key Vault extension's identity, for every certificate the extension observes.</summary>
        public Task<PoolVaultAccess?> RepairPoolAsync(
            RotatingBatchPool pool, GrantAccessModel accessModel, RbacGrantScope rbacScope, IOperationSink sink, CancellationToken cancellationToken)
        {
            if (pool == null) throw new ArgumentNullException(nameof(pool));
            if (sink == null) throw new ArgumentNullException(nameof(sink));
            if (string.IsNullOrWhiteSpace(pool.IdentityResourceId))
            {
                sink.WriteError(GrantErrors.PoolHasNoIdentity(pool));
                return Task.FromResult<PoolVaultAccess?>(null);
            }

            if (pool.CertificateUrl == null || pool.CertificateUrl.Length == 0)
            {
                sink.WriteError(GrantErrors.PoolHasNoCertificates(pool));
                return Task.FromResult<PoolVaultAccess?>(null);
            }

            var request = new GrantRequest(pool.IdentityResourceId!, pool.CertificateUrl)
            {
                AccessModel = accessModel,
                RbacScope = rbacScope,
                Source = pool,
            };
            return TryGrantAsync(request, sink, cancellationToken);
        }

        private static bool IsRequestFailure(BatchRotationException ex) =>
            ex.ErrorId == GrantErrorIds.IdentityNotFound
            || ex.ErrorId == GrantErrorIds.IdentityHasNoPrincipal
            || ex.ErrorId == RuleErrorIds.InvalidResourceId
            || ex.ErrorId == RuleErrorIds.NoObservedCertificates;

        private static (List<CertificateUrl> Valid, List<string> Failed) ParseCertificateUrls(IReadOnlyList<string> inputs, IOperationSink sink)
        {
            var valid = new List<CertificateUrl>();
            var failed = new List<string>();
            foreach (var input in inputs)
            {
                CertificateUrl url;
                try
                {
                    url = CertificateUrl.Parse(input);
                }
                catch (BatchRotationException ex)
                {
                    sink.WriteError(ex);
                    failed.Add(input ?? string.Empty);
                    continue;
                }

                var versionWarning = url.GetVersionWarning();
                if (versionWarning != null)
                {
                    sink.WriteWarning(versionWarning);
                }

                var pathNote = url.GetPathNote();
                if (pathNote != null)
                {
                    sink.WriteVerbose(pathNote);
                }

                if (valid.Contains(url))
                {
                    sink.WriteVerbose($"'{url.Original}' names the same secret as an earlier URL ({url.SecretUrl}); it is granted once.");
                    continue;
                }

                valid.Add(url);
            }

            return (valid, failed);
        }

        private async Task<GrantIdentity> ReadIdentityAsync(UserAssignedIdentityId identityId, CancellationToken cancellationToken)
        {
            Azure.Models.UserAssignedIdentity identity;
            try
            {
                identity = await _identities.GetUserAssignedIdentityAsync(identityId.Id.Value, cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException ex) when (ex.Kind == ErrorKind.NotFound)
            {
                throw GrantErrors.IdentityNotFound(identityId.Id.Value, ex);
            }

            if (string.IsNullOrWhiteSpace(identity.PrincipalId))
            {
                throw GrantErrors.IdentityHasNoPrincipal(identityId.Id.Value);
            }

            var resourceId = string.IsNullOrEmpty(identity.Id) ? identityId.Id.Value : identity.Id;
            var name = string.IsNullOrEmpty(identity.Name) ? identityId.Name : identity.Name;
            return new GrantIdentity(resourceId, name, identity.PrincipalId!, identity.ClientId, identity.TenantId);
        }

        private static VaultAccessGrant NotFoundEntry(Uri vaultUri, IReadOnlyList<CertificateUrl> certificates, BatchRotationException error) => new VaultAccessGrant
        {
            VaultUri = vaultUri.AbsoluteUri,
            Status = VaultGrantStatus.Failed,
            ErrorId = error.ErrorId,
            Detail = error.Message,
            CertificateUrl = certificates.Select(c => c.SecretUrl).ToArray(),
        };

        private static PoolVaultAccess Assemble(GrantIdentity identity, IReadOnlyList<CertificateUrl> certificates, IReadOnlyList<string> failedInputs, IReadOnlyList<VaultOutcome> outcomes)
        {
            var covered = new HashSet<CertificateUrl>(outcomes.SelectMany(o => o.Covered));
            var failed = new HashSet<CertificateUrl>(outcomes.SelectMany(o => o.Failed));
            // Every certificate asked for goes on, failed ones included: a pool created from this object then
            // observes exactly what was asked, and New-RotatingBatchPool's own checks refuse an incomplete set
            // instead of silently creating a pool without the certificates that could not be granted.
            return new PoolVaultAccess
            {
                IdentityResourceId = identity.ResourceId,
                IdentityName = identity.Name,
                IdentityClientId = identity.ClientId,
                IdentityPrincipalId = identity.PrincipalId,
                TenantId = identity.TenantId,
                CertificateUrl = certificates.Select(c => c.SecretUrl).Concat(failedInputs).ToArray(),
                FailedCertificateUrl = failedInputs.Concat(certificates.Where(c => failed.Contains(c) && !covered.Contains(c)).Select(c => c.Original)).ToArray(),
                Grants = outcomes.Select(o => o.Entry).ToArray(),
            };
        }
    }
}
