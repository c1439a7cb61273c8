using System;
using System.Collections.Generic;
using System.Linq;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// Role assignments and the definitions they use. <see cref="ManagementGroupAncestors"/> names the management
    /// groups above the vault's subscription; null when unknown (then a management group assignment listed for
    /// the vault is taken to be inherited, as ARM lists it only then).
    /// </summary>
    public sealed record RbacState(IReadOnlyList<RoleAssignmentEntry> Assignments, IReadOnlyList<RoleDefinitionEntry> Definitions)
    {
        public static RbacState Empty { get; } = new RbacState(Array.Empty<RoleAssignmentEntry>(), Array.Empty<RoleDefinitionEntry>());

        public IReadOnlyList<string>? ManagementGroupAncestors { get; init; }

        public RoleDefinitionEntry? FindDefinition(string roleDefinitionId)
        {
            var guid = BuiltInRoles.GuidOf(roleDefinitionId);
            return (Definitions ?? Array.Empty<RoleDefinitionEntry>()).FirstOrDefault(d => d != null && string.Equals(d.Guid, guid, StringComparison.OrdinalIgnoreCase));
        }
    }
}
