using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Model;
using BatchRotation.Core.Operations.Inspection.Checks;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Inspection.Gathering
{
    /// <summary>
    /// Reads what the checks need about one pool: its identities, each observed certificate's vault (found by its
    /// data-plane URI among the vaults of the known subscriptions), the certificate's metadata, the identity's role
    /// assignments at each vault, and the nodes with their Key Vault extension. Shared resources come from the run's
    /// cache; independent reads run concurrently through the gate. Only <c>/certificates/</c> metadata is read from
    /// Key Vault, never a secret.
    /// </summary>
    internal sealed class PoolFactGatherer
    {
        private readonly InspectionClients _clients;
        private readonly InspectionCache _cache;
        private readonly AzureCallGate _gate;
        private readonly InspectionOptions _options;
        private readonly IReadOnlyList<string> _vaultSubscriptions;

        public PoolFactGatherer(InspectionClients clients, InspectionCache cache, AzureCallGate gate, InspectionOptions options, IReadOnlyList<string> vaultSubscriptions)
        {
            _clients = clients;
            _cache = cache;
            _gate = gate;
            _options = options;
            _vaultSubscriptions = vaultSubscriptions;
        }

        public async Task<PoolFacts> GatherAsync(BatchPool pool, string? accountEndpoint, CancellationToken cancellationToken)
        {
            var view = RotatingBatchPoolFactory.From(pool, accountEndpoint);
            var nodesTask = NodesAsync(pool, view, accountEndpoint, cancellationToken);
            var identities = await IdentitiesAsync(pool, cancellationToken).ConfigureAwait(false);
            var principal = view.IdentityPrincipalId
                ?? identities.FirstOrDefault(i => string.Equals(i.ResourceId, view.IdentityResourceId, StringComparison.OrdinalIgnoreCase))?.Identity.Value?.PrincipalId;

            var vaults = new Dictionary<string, Task<VaultFact>>(StringComparer.OrdinalIgnoreCase);
            var certificateTasks = view.CertificateUrl.Select(url => CertificateAsync(view, url, principal, vaults, cancellationToken)).ToArray();
            var certificates = await Task.WhenAll(certificateTasks).ConfigureAwait(false);
            var nodes = await nodesTask.ConfigureAwait(false);
            return new PoolFacts(pool, view)
            {
                Identities = identities,
                Certificates = certificates,
                Nodes = nodes,
            };
        }

        private async Task<IReadOnlyList<IdentityFact>> IdentitiesAsync(BatchPool pool, CancellationToken cancellationToken)
        {
            var references = pool.Identity?.UserAssignedIdentities ?? Array.Empty<UserAssignedIdentityReference>();
            var reads = references.Select(async r => new IdentityFact(r.ResourceId, await _cache.Identities.GetOrAdd(r.ResourceId,
                () => _gate.LookupAsync(token => _clients.ManagedIdentities.GetUserAssignedIdentityAsync(r.ResourceId, token), cancellationToken)).ConfigureAwait(false)));
            return await Task.WhenAll(reads).ConfigureAwait(false);
        }

        private async Task<ObservedCertificateFact> CertificateAsync(
            RotatingBatchPool view, string url, string? principal, Dictionary<string, Task<VaultFact>> vaults, CancellationToken cancellationToken)
        {
            if (!CertificateUrl.TryParse(url, out var parsed, out var problem))
            {
                return new ObservedCertificateFact(url) { ParseProblem = problem };
            }

            var certificateTask = _cache.Certificates.GetOrAdd(VaultIndex.Key(parsed.VaultUri) + "|" + parsed.Name.ToLowerInvariant(),
                () => _gate.LookupAsync(token => _clients.Certificates.GetCertificateAsync(parsed.VaultUri, parsed.Name, token), cancellationToken));
            Task<VaultFact> vaultTask;
            lock (vaults)
            {
                var key = VaultIndex.Key(parsed.VaultUri);
                if (!vaults.TryGetValue(key, out vaultTask!))
                {
                    vaultTask = VaultAsync(view, parsed.VaultUri, principal, certificateTask, cancellationToken);
                    vaults[key] = vaultTask;
                }
            }

            return new ObservedCertificateFact(url)
            {
                Parsed = parsed,
                Vault = await vaultTask.ConfigureAwait(false),
                Certificate = await certificateTask.ConfigureAwait(false),
            };
        }

        private async Task<VaultFact> VaultAsync(
            RotatingBatchPool view, Uri vaultUri, string? principal, Task<Lookup<CertificateMetadata>> probe, CancellationToken cancellationToken)
        {
            var resource = await FindVaultAsync(view, vaultUri, probe, cancellationToken).ConfigureAwait(false);
            if (!resource.IsFound || principal == null)
            {
                return new VaultFact(vaultUri, resource);
            }

            var vault = resource.Value!;
            var roles = await _cache.RoleAssignments.GetOrAdd(vault.Id + "|" + principal,
                () => RoleAssignmentsAsync(vault, principal, cancellationToken)).ConfigureAwait(false);
            return new VaultFact(vaultUri, resource) { RoleAssignments = roles };
        }

        /// <summary>
        /// The vault serving <paramref name="vaultUri"/>, searched in the pool's subscription first, then the request's,
        /// then every other subscription the caller can list (each subscription's vaults are listed once per run) unless
        /// the data plane already showed that no vault answers at that URI (<paramref name="probe"/>).
        /// </summary>
        private async Task<Lookup<KeyVaultResource>> FindVaultAsync(
            RotatingBatchPool view, Uri vaultUri, Task<Lookup<CertificateMetadata>> probe, CancellationToken cancellationToken)
        {
            var known = new[] { view.SubscriptionId }.Concat(_vaultSubscriptions)
                .Where(s => !string.IsNullOrEmpty(s))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();
            var problems = new List<string>();
            var anyListed = false;
            var found = await SearchAsync(known, vaultUri, problems, listed => anyListed |= listed, cancellationToken).ConfigureAwait(false);
            if (found != null)
            {
                return found;
            }

            if (_clients.Subscriptions != null && !NoVaultAnswers(await probe.ConfigureAwait(false)))
            {
                var all = await _cache.Subscriptions.GetOrAdd("all",
                    () => _gate.LookupAsync(token => _clients.Subscriptions.ListSubscriptionsAsync(token), cancellationToken)).ConfigureAwait(false);
                if (all.IsFound)
                {
                    var others = all.Value!
                        .Where(s => !string.Equals(s.State, "Disabled", StringComparison.OrdinalIgnoreCase) && !string.Equals(s.State, "Deleted", StringComparison.OrdinalIgnoreCase))
                        .Select(s => s.SubscriptionId)
                        .Where(s => s.Length > 0 && !known.Contains(s, StringComparer.OrdinalIgnoreCase))
                        .ToArray();
                    found = await SearchAsync(others, vaultUri, problems, listed => anyListed |= listed, cancellationToken).ConfigureAwait(false);
                    if (found != null)
                    {
                        return found;
                    }
                }
                else
                {
                    problems.Add($"the caller's subscriptions could not be listed: {all.Problem}");
                }
            }

            var text = string.Join("; ", problems);
            return anyListed ? Lookup<KeyVaultResource>.NotFound(text) : Lookup<KeyVaultResource>.Denied(text);
        }

        private static bool NoVaultAnswers(Lookup<CertificateMetadata> probe) =>
            string.Equals(probe.AzureErrorCode, "VaultNotFound", StringComparison.OrdinalIgnoreCase) || probe.ErrorId == Azure.AzureErrorIds.AzureConnectionFailed;

        private async Task<Lookup<KeyVaultResource>?> SearchAsync(
            IReadOnlyList<string> subscriptions, Uri vaultUri, List<string> problems, Action<bool> listed, CancellationToken cancellationToken)
        {
            foreach (var subscription in subscriptions)
            {
                var index = await _cache.VaultIndexes.GetOrAdd(subscription,
                    () => VaultIndexAsync(subscription, cancellationToken)).ConfigureAwait(false);
                if (!index.IsFound)
                {
                    problems.Add($"the vaults of subscription {subscription} could not be listed: {index.Problem}");
                    continue;
                }

                listed(true);
                var id = index.Value!.Find(vaultUri);
                if (id != null)
                {
                    return await _cache.Vaults.GetOrAdd(id,
                        () => _gate.LookupAsync(token => _clients.KeyVaultManagement.GetVaultAsync(id, token), cancellationToken)).ConfigureAwait(false);
                }

                problems.Add($"subscription {subscription} has no vault with URI {vaultUri}");
            }

            return null;
        }

        private async Task<Lookup<VaultIndex>> VaultIndexAsync(string subscription, CancellationToken cancellationToken)
        {
            var listed = await _gate.LookupAsync(token => _clients.KeyVaultManagement.ListVaultsAsync(subscription, token), cancellationToken).ConfigureAwait(false);
            return listed.IsFound ? Lookup<VaultIndex>.Found(new VaultIndex(listed.Value!)) : listed.As<VaultIndex>();
        }

        private async Task<Lookup<RoleAssignmentSet>> RoleAssignmentsAsync(KeyVaultResource vault, string principal, CancellationToken cancellationToken)
        {
            var listed = await _gate.LookupAsync(token => _clients.Authorization.ListRoleAssignmentsAsync(vault.Id, principal, token), cancellationToken).ConfigureAwait(false);
            if (!listed.IsFound)
            {
                return listed.As<RoleAssignmentSet>();
            }

            var subscription = ResourceId.TryParse(vault.Id, out var id, out _) ? id.SubscriptionId : null;
            var scope = subscription == null ? "/" : "/subscriptions/" + subscription;
            var guids = listed.Value!
                .Where(a => a.RoleDefinitionId != null)
                .Select(a => BuiltInRoles.GuidOf(a.RoleDefinitionId!))
                .Distinct(StringComparer.OrdinalIgnoreCase);
            var definitions = await Task.WhenAll(guids.Select(guid => _cache.RoleDefinitions.GetOrAdd(scope + "|" + guid,
                () => _gate.LookupAsync(token => _clients.Authorization.GetRoleDefinitionAsync(scope, guid, token), cancellationToken)))).ConfigureAwait(false);
            return Lookup<RoleAssignmentSet>.Found(new RoleAssignmentSet(listed.Value!, definitions.Where(d => d.IsFound).Select(d => d.Value!).ToArray()));
        }

        private async Task<NodeFacts?> NodesAsync(BatchPool pool, RotatingBatchPool view, string? accountEndpoint, CancellationToken cancellationToken)
        {
            var scope = _options.Node;
            if (scope == NodeScope.None)
            {
                return null;
            }

            if (string.IsNullOrEmpty(accountEndpoint))
            {
                return new NodeFacts(Lookup<IReadOnlyList<NodeFact>>.Failed("The Batch account's endpoint is not known."), scope);
            }

            var listed = await _gate.LookupAsync(token => _clients.BatchNodes.ListNodesAsync(accountEndpoint!, view.Name, token), cancellationToken).ConfigureAwait(false);
            if (!listed.IsFound)
            {
                return new NodeFacts(listed.As<IReadOnlyList<NodeFact>>(), scope);
            }

            var extensions = ExtensionReading.KeyVaultExtensions(pool);
            var extensionName = extensions.Count == 1 ? extensions[0].Name : null;
            var facts = await Task.WhenAll(listed.Value!.Select(async node =>
            {
                if (extensionName == null || (scope == NodeScope.Unhealthy && !NodeChecks.IsUnhealthy(node)))
                {
                    return new NodeFact(node, null);
                }

                var extension = await _gate.LookupAsync(
                    token => _clients.BatchNodes.GetNodeExtensionAsync(accountEndpoint!, view.Name, node.Id, extensionName, token), cancellationToken).ConfigureAwait(false);
                return new NodeFact(node, extension);
            })).ConfigureAwait(false);
            return new NodeFacts(Lookup<IReadOnlyList<NodeFact>>.Found(facts), scope);
        }
    }
}
