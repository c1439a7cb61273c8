using System;
using System.Linq;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>Turns what ARM returned about a vault and its role assignments into the access rules' inputs.</summary>
    internal static class AccessModelMapper
    {
        /// <summary>The vault's access model; throws a rules error when its id is not a vault id.</summary>
        public static VaultAccessModel Vault(KeyVaultResource vault) => new VaultAccessModel(
            KeyVaultId.Parse(vault.Id),
            vault.TenantId ?? string.Empty,
            vault.EnableRbacAuthorization,
            vault.AccessPolicies
                .Select(p => new AccessPolicyEntry(p.TenantId, p.ObjectId, p.Permissions.Secrets, p.Permissions.Certificates, p.Permissions.Keys) { ApplicationId = p.ApplicationId })
                .ToArray());

        public static RbacState Rbac(RoleAssignmentSet set) => new RbacState(
            set.Assignments
                .Where(a => a.RoleDefinitionId != null && a.PrincipalId != null)
                .Select(a => new RoleAssignmentEntry(a.Scope ?? ScopeFromId(a.Id), a.RoleDefinitionId!, a.PrincipalId!))
                .ToArray(),
            set.Definitions
                .Select(d => new RoleDefinitionEntry(
                    d.Name.Length > 0 ? d.Name : d.Id,
                    d.RoleName ?? d.Name,
                    d.Permissions.SelectMany(p => p.Actions).ToArray(),
                    d.Permissions.SelectMany(p => p.NotActions).ToArray(),
                    d.Permissions.SelectMany(p => p.DataActions).ToArray(),
                    d.Permissions.SelectMany(p => p.NotDataActions).ToArray()))
                .ToArray());

        private static string ScopeFromId(string assignmentId)
        {
            var marker = assignmentId.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase);
            return marker <= 0 ? "/" : assignmentId.Substring(0, marker);
        }
    }
}
