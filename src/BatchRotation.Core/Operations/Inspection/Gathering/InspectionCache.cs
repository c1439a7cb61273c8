using System;
using System.Collections.Generic;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Operations.Inspection.Gathering
{
    /// <summary>
    /// What one run has read, shared by every pool of the run: each account, identity, vault, certificate and
    /// role-assignment listing is read once however many pools use it. Each kind is bounded (least recently used
    /// entries are dropped), so memory stays flat on large estates.
    /// </summary>
    internal sealed class InspectionCache
    {
        public InspectionCache(int capacity)
        {
            Accounts = new BoundedTaskCache<Lookup<BatchAccount>>(capacity);
            Identities = new BoundedTaskCache<Lookup<UserAssignedIdentity>>(capacity);
            VaultIndexes = new BoundedTaskCache<Lookup<VaultIndex>>(capacity);
            Vaults = new BoundedTaskCache<Lookup<KeyVaultResource>>(capacity);
            Certificates = new BoundedTaskCache<Lookup<CertificateMetadata>>(capacity);
            RoleAssignments = new BoundedTaskCache<Lookup<RoleAssignmentSet>>(capacity);
            RoleDefinitions = new BoundedTaskCache<Lookup<RoleDefinition>>(Math.Max(64, capacity / 8));
            Subscriptions = new BoundedTaskCache<Lookup<IReadOnlyList<AzureSubscription>>>(1);
        }

        /// <summary>The caller's subscriptions (one entry), listed only when a vault is in none of the known ones.</summary>
        public BoundedTaskCache<Lookup<IReadOnlyList<AzureSubscription>>> Subscriptions { get; }

        public BoundedTaskCache<Lookup<BatchAccount>> Accounts { get; }

        public BoundedTaskCache<Lookup<UserAssignedIdentity>> Identities { get; }

        /// <summary>Per subscription: which vault serves which data-plane URI (ids only, not the vaults).</summary>
        public BoundedTaskCache<Lookup<VaultIndex>> VaultIndexes { get; }

        public BoundedTaskCache<Lookup<KeyVaultResource>> Vaults { get; }

        public BoundedTaskCache<Lookup<CertificateMetadata>> Certificates { get; }

        public BoundedTaskCache<Lookup<RoleAssignmentSet>> RoleAssignments { get; }

        public BoundedTaskCache<Lookup<RoleDefinition>> RoleDefinitions { get; }
    }

    /// <summary>The vaults of one subscription by data-plane URI: just the ids, so that the index stays small.</summary>
    internal sealed class VaultIndex
    {
        private readonly Dictionary<string, string> _idByUri;

        public VaultIndex(IEnumerable<KeyVaultResource> vaults)
        {
            _idByUri = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var vault in vaults)
            {
                if (vault.VaultUri != null && vault.Id.Length > 0)
                {
                    _idByUri[Key(vault.VaultUri)] = vault.Id;
                }
            }
        }

        public int Count => _idByUri.Count;

        public string? Find(Uri vaultUri) => _idByUri.TryGetValue(Key(vaultUri), out var id) ? id : null;

        public static string Key(Uri vaultUri) => vaultUri.AbsoluteUri.TrimEnd('/').ToLowerInvariant();
    }
}
