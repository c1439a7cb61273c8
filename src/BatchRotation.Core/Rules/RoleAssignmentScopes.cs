using System.Collections.Generic;
using System.Linq;

namespace BatchRotation.Core.Rules
{
    internal static class RoleAssignmentScopes
    {
        /// <summary>
        /// The principal's assignments that reach <paramref name="target"/> (made there or inherited from above),
        /// nearest scope first. Inherited means made above the vault itself.
        /// </summary>
        public static IReadOnlyList<ApplicableRoleAssignment> Reaching(RbacState rbac, string principalId, ResourceId target, KeyVaultId vault)
        {
            var result = new List<ApplicableRoleAssignment>();
            foreach (var assignment in rbac.Assignments ?? System.Array.Empty<RoleAssignmentEntry>())
            {
                if (assignment == null || !PrincipalIds.Same(assignment.PrincipalId, principalId))
                {
                    continue;
                }

                var scope = ScopeOf(assignment);
                if (!scope.AppliesTo(target, rbac.ManagementGroupAncestors))
                {
                    continue;
                }

                var inherited = !vault.Id.IsEqualOrParentOf(scope);
                result.Add(new ApplicableRoleAssignment(assignment, scope, rbac.FindDefinition(assignment.RoleDefinitionId), inherited));
            }

            return result
                .OrderBy(a => a.Inherited)
                .ThenBy(a => Remoteness(a.Scope.Kind))
                .ThenByDescending(a => a.Scope.Value.Length)
                .ToArray();
        }

        /// <summary>The principal's assignments anywhere inside the vault (secret scopes), which do not reach the vault itself.</summary>
        public static IReadOnlyList<ApplicableRoleAssignment> Inside(RbacState rbac, string principalId, KeyVaultId vault)
        {
            var result = new List<ApplicableRoleAssignment>();
            foreach (var assignment in rbac.Assignments ?? System.Array.Empty<RoleAssignmentEntry>())
            {
                if (assignment == null || !PrincipalIds.Same(assignment.PrincipalId, principalId))
                {
                    continue;
                }

                var scope = ScopeOf(assignment);
                if (vault.Id.IsEqualOrParentOf(scope) && !scope.Equals(vault.Id))
                {
                    result.Add(new ApplicableRoleAssignment(assignment, scope, rbac.FindDefinition(assignment.RoleDefinitionId), false));
                }
            }

            return result;
        }

        private static int Remoteness(ResourceScopeKind kind) => kind switch
        {
            ResourceScopeKind.Resource => 0,
            ResourceScopeKind.ResourceGroup => 1,
            ResourceScopeKind.Subscription => 2,
            ResourceScopeKind.ManagementGroup => 3,
            _ => 4,
        };

        public static string Describe(ResourceId scope, KeyVaultId vault)
        {
            if (scope.Equals(vault.Id))
            {
                return "the vault scope";
            }

            switch (scope.Kind)
            {
                case ResourceScopeKind.Tenant:
                    return "the tenant root scope '/'";
                case ResourceScopeKind.ManagementGroup:
                    return $"management group '{scope.ManagementGroupName}'";
                case ResourceScopeKind.Subscription:
                    return $"subscription '{scope.SubscriptionId}'";
                case ResourceScopeKind.ResourceGroup:
                    return $"resource group '{scope.ResourceGroupName}'";
                default:
                    return scope.IsOfType(AzureResourceTypes.KeyVaultSecret) ? $"the secret scope {scope.Value}" : $"scope {scope.Value}";
            }
        }

        private static ResourceId ScopeOf(RoleAssignmentEntry assignment)
        {
            if (ResourceId.TryParse(assignment.Scope, out var scope, out var problem))
            {
                return scope;
            }

            throw RuleErrors.Invalid(
                RuleErrorIds.InvalidAccessModel,
                $"The role assignment scope '{assignment.Scope}' is not an Azure scope: {problem}.",
                assignment);
        }
    }
}
