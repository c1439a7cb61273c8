using System;
using System.Collections.Generic;
using System.Linq;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// Decides the least grant that lets a principal read secrets: with access policies, the missing ones of
    /// secrets <c>get</c> and <c>list</c>; with Azure RBAC, Key Vault Secrets User at the vault or at each
    /// secret, unless a role already reaches the secret (directly or inherited).
    /// </summary>
    public static class GrantPlanner
    {
        public static GrantPlan Plan(VaultAccessModel vault, RbacState rbac, string principalId, IReadOnlyList<string> secretNames, RbacGrantScope scope = RbacGrantScope.Vault)
        {
            SecretAccessEvaluator.Check(vault, rbac, principalId);
            if (secretNames == null || secretNames.Count == 0)
            {
                throw RuleErrors.Invalid(RuleErrorIds.NoObservedCertificates, "No secrets were named to grant access to.", null);
            }

            var names = secretNames.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var current = names.ToDictionary(n => n, n => SecretAccessEvaluator.CanReadSecret(vault, rbac, principalId, n), StringComparer.OrdinalIgnoreCase);
            if (!vault.UsesRbac)
            {
                return new GrantPlan(PolicyAddition(vault, principalId), Array.Empty<RoleAssignmentToCreate>(), current);
            }

            var unreadable = names.Where(n => !current[n].CanRead).ToArray();
            var roleDefinitionId = BuiltInRoles.RoleDefinitionResourceId(vault.VaultId.SubscriptionId, BuiltInRoles.KeyVaultSecretsUser);
            var assignments = unreadable.Length == 0
                ? Array.Empty<RoleAssignmentToCreate>()
                : scope == RbacGrantScope.Vault
                    ? new[] { new RoleAssignmentToCreate(vault.VaultId.Id, roleDefinitionId, principalId) }
                    : unreadable.Select(n => new RoleAssignmentToCreate(vault.VaultId.SecretScope(n), roleDefinitionId, principalId)).ToArray();
            return new GrantPlan(null, assignments, current);
        }

        private static AccessPolicyAddition? PolicyAddition(VaultAccessModel vault, string principalId)
        {
            var existing = SecretAccessEvaluator.PolicySecretPermissions(vault, principalId, notes: null);
            if (existing.Contains("all"))
            {
                return null;
            }

            var missing = KeyVaultActions.RequiredSecretPermissions.Where(p => !existing.Contains(p)).ToArray();
            return missing.Length == 0 ? null : new AccessPolicyAddition(vault.TenantId, principalId, missing);
        }
    }
}
