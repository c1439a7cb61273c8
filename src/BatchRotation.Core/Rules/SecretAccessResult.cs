using System.Collections.Generic;

namespace BatchRotation.Core.Rules
{
    /// <summary>Whether a principal can read a secret, how (policy, or role at a scope, possibly inherited) or why not.</summary>
    public sealed record SecretAccessResult(bool CanRead, SecretAccessSource Source, string Explanation)
    {
        public string? RoleName { get; init; }

        public string? RoleDefinitionGuid { get; init; }

        /// <summary>The scope of the granting assignment.</summary>
        public ResourceId? Scope { get; init; }

        /// <summary>True when the granting assignment is above the vault (resource group, subscription, management group, root).</summary>
        public bool Inherited { get; init; }

        /// <summary>Other facts worth telling: ignored policies, roles that grant no data access, unknown role definitions.</summary>
        public IReadOnlyList<string> Notes { get; init; } = System.Array.Empty<string>();
    }
}
