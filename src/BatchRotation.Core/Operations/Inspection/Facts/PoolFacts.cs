using System;
using System.Collections.Generic;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Model;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>
    /// Everything the checks judge for one pool, gathered from Azure (or built by a test). The checks are
    /// pure functions of these facts and the options: no I/O happens while a report is built.
    /// </summary>
    public sealed class PoolFacts
    {
        public PoolFacts(BatchPool pool, RotatingBatchPool view)
        {
            Pool = pool ?? throw new ArgumentNullException(nameof(pool));
            View = view ?? throw new ArgumentNullException(nameof(view));
        }

        /// <summary>The pool exactly as ARM returned it (settings are judged as sent, never coerced).</summary>
        public BatchPool Pool { get; }

        /// <summary>The module's tolerant reading of the pool.</summary>
        public RotatingBatchPool View { get; }

        /// <summary>Each user-assigned identity of the pool, as read from ARM.</summary>
        public IReadOnlyList<IdentityFact> Identities { get; init; } = Array.Empty<IdentityFact>();

        /// <summary>One entry per URL the extension observes, in the pool's order.</summary>
        public IReadOnlyList<ObservedCertificateFact> Certificates { get; init; } = Array.Empty<ObservedCertificateFact>();

        /// <summary>The nodes; null when they were not read (-Node None).</summary>
        public NodeFacts? Nodes { get; init; }
    }

    /// <summary>A pool identity and what ARM says about it.</summary>
    public sealed record IdentityFact(string ResourceId, Lookup<UserAssignedIdentity> Identity);

    /// <summary>One observed URL: how it parses, its vault and its certificate's metadata.</summary>
    public sealed class ObservedCertificateFact
    {
        public ObservedCertificateFact(string url)
        {
            Url = url;
        }

        public string Url { get; }

        /// <summary>The parsed URL; null when it is not a Key Vault object URL (see <see cref="ParseProblem"/>).</summary>
        public CertificateUrl? Parsed { get; init; }

        public string? ParseProblem { get; init; }

        /// <summary>The vault serving the URL; null when the URL could not be parsed.</summary>
        public VaultFact? Vault { get; init; }

        /// <summary>The certificate's current version with its policy; null when it was not read.</summary>
        public Lookup<CertificateMetadata>? Certificate { get; init; }
    }

    /// <summary>
    /// A vault as far as the checks need it: its ARM resource (permission model, access policies) and the
    /// pool identity's role assignments that reach it, with their definitions.
    /// </summary>
    public sealed class VaultFact
    {
        public VaultFact(Uri vaultUri, Lookup<KeyVaultResource> resource)
        {
            VaultUri = vaultUri;
            Resource = resource;
        }

        /// <summary>The data-plane base URI taken from the observed URL.</summary>
        public Uri VaultUri { get; }

        /// <summary>The vault in ARM: NotFound when no visible subscription has a vault with this URI.</summary>
        public Lookup<KeyVaultResource> Resource { get; }

        /// <summary>The identity's role assignments at, above and below the vault; null when not read.</summary>
        public Lookup<RoleAssignmentSet>? RoleAssignments { get; init; }
    }

    /// <summary>Role assignments of one principal around one vault, with the definitions of the roles they use.</summary>
    public sealed record RoleAssignmentSet(IReadOnlyList<RoleAssignment> Assignments, IReadOnlyList<RoleDefinition> Definitions);

    /// <summary>The nodes of a pool and, for those inspected, their Key Vault extension.</summary>
    public sealed class NodeFacts
    {
        public NodeFacts(Lookup<IReadOnlyList<NodeFact>> nodes, NodeScope scope)
        {
            Nodes = nodes;
            Scope = scope;
        }

        public Lookup<IReadOnlyList<NodeFact>> Nodes { get; }

        public NodeScope Scope { get; }
    }

    /// <summary>One node; <see cref="Extension"/> is null when the node was not inspected.</summary>
    public sealed record NodeFact(ComputeNode Node, Lookup<NodeExtension>? Extension);
}
