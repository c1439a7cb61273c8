using System;
using System.Collections.Generic;
using System.Linq;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations
{
    /// <summary>
    /// Azure's vaults, role assignments and role definitions in the access rules' terms: the one mapping that
    /// Grant-PoolVaultAccess, New-RotatingBatchPool and Test-PoolCertificate judge access with.
    /// </summary>
    internal static class AccessModelMapping
    {
        private const string RoleAssignmentsSegment = "/providers/Microsoft.Authorization/roleAssignments/";

        public static VaultAccessModel ToAccessModel(KeyVaultResource vault) => new VaultAccessModel(
            KeyVaultId.Parse(vault.Id),
            vault.TenantId ?? string.Empty,
            vault.EnableRbacAuthorization,
            vault.AccessPolicies
                .Select(p => new AccessPolicyEntry(p.TenantId, p.ObjectId, p.Permissions.Secrets, p.Permissions.Certificates, p.Permissions.Keys)
                {
                    ApplicationId = string.IsNullOrWhiteSpace(p.ApplicationId) ? null : p.ApplicationId,
                })
                .ToList());

        /// <summary>The assignment in the rules' terms; null when Azure left out what is needed to judge it.</summary>
        public static RoleAssignmentEntry? ToEntry(RoleAssignment assignment)
        {
            var scope = assignment.Scope ?? ScopeFromId(assignment.Id);
            if (scope == null || string.IsNullOrWhiteSpace(assignment.RoleDefinitionId) || string.IsNullOrWhiteSpace(assignment.PrincipalId))
            {
                return null;
            }

            return new RoleAssignmentEntry(scope, assignment.RoleDefinitionId!, assignment.PrincipalId!);
        }

        /// <summary>The assignments (those Azure described fully) and definitions as the rules' RBAC state.</summary>
        public static RbacState ToRbacState(IEnumerable<RoleAssignment> assignments, IEnumerable<RoleDefinition> definitions) =>
            new RbacState(
                assignments.Select(ToEntry).Where(e => e != null).Select(e => e!).ToList(),
                definitions.Select(ToEntry).ToList());

        public static RoleDefinitionEntry ToEntry(RoleDefinition definition) => new RoleDefinitionEntry(
            string.IsNullOrEmpty(definition.Id) ? definition.Name : definition.Id,
            definition.RoleName ?? definition.Name,
            definition.Permissions.SelectMany(p => p.Actions).ToList(),
            definition.Permissions.SelectMany(p => p.NotActions).ToList(),
            definition.Permissions.SelectMany(p => p.DataActions).ToList(),
            definition.Permissions.SelectMany(p => p.NotDataActions).ToList());

        private static string? ScopeFromId(string id)
        {
            var marker = id.LastIndexOf(RoleAssignmentsSegment, StringComparison.OrdinalIgnoreCase);
            return marker < 0 ? null : marker == 0 ? "/" : id.Substring(0, marker);
        }
    }
}
