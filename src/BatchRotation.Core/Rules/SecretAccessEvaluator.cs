using System;
using System.Collections.Generic;
using System.Linq;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// Can a principal read a secret? With access policies: a policy for the principal in the vault's tenant
    /// whose secret permissions include <c>get</c> (or <c>all</c>). With Azure RBAC: a role assigned at the
    /// secret, the vault or any scope above whose data actions allow <c>getSecret</c>. Only the vault's own
    /// model counts (FACTS §3: switching to RBAC invalidates the access policies).
    /// </summary>
    public static class SecretAccessEvaluator
    {
        public static SecretAccessResult CanReadSecret(VaultAccessModel vault, RbacState rbac, string principalId, string secretName)
        {
            Check(vault, rbac, principalId);
            var secretScope = vault.VaultId.SecretScope(secretName);
            var notes = new List<string>();
            var policy = EvaluatePolicies(vault, principalId, notes);
            var roles = RoleAssignmentScopes.Reaching(rbac, principalId, secretScope, vault.VaultId);
            var grant = roles.FirstOrDefault(r => r.Definition != null && r.Definition.AllowsDataAction(KeyVaultActions.GetSecret));

            if (!vault.UsesRbac)
            {
                if (grant != null)
                {
                    notes.Add($"Role '{grant.RoleName}' at {RoleAssignmentScopes.Describe(grant.Scope, vault.VaultId)} would allow reading only if the vault used Azure RBAC; "
                        + "with access policies, role assignments grant no data access.");
                }

                return policy with { Notes = notes };
            }

            if (policy.CanRead)
            {
                notes.Add($"The access policy for principal {principalId} is ignored: the vault uses Azure RBAC, which disables access policies.");
            }

            foreach (var role in roles.Where(r => r != grant))
            {
                notes.Add(DescribeNonGranting(role, vault.VaultId));
            }

            if (grant == null)
            {
                return new SecretAccessResult(
                    false,
                    SecretAccessSource.None,
                    $"The vault uses Azure RBAC, and no role assigned to principal {principalId} at the secret '{secretName}', the vault or a scope above it "
                    + $"allows {KeyVaultActions.GetSecret}.")
                {
                    Notes = notes,
                };
            }

            var where = RoleAssignmentScopes.Describe(grant.Scope, vault.VaultId);
            var explanation = grant.Inherited
                ? $"Role '{grant.RoleName}' is assigned to principal {principalId} at {where} and inherited by the vault."
                : $"Role '{grant.RoleName}' is assigned to principal {principalId} at {where}.";
            return new SecretAccessResult(true, SecretAccessSource.RoleAssignment, explanation)
            {
                RoleName = grant.RoleName,
                RoleDefinitionGuid = BuiltInRoles.GuidOf(grant.Assignment.RoleDefinitionId),
                Scope = grant.Scope,
                Inherited = grant.Inherited,
                Notes = notes,
            };
        }

        /// <summary>The secret permissions the principal's applicable policies allow, lower case.</summary>
        internal static IReadOnlyCollection<string> PolicySecretPermissions(VaultAccessModel vault, string principalId, List<string>? notes)
        {
            var permissions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var policy in vault.AccessPolicies ?? Array.Empty<AccessPolicyEntry>())
            {
                if (policy == null || !PrincipalIds.Same(policy.ObjectId, principalId))
                {
                    continue;
                }

                if (!PrincipalIds.Same(policy.TenantId, vault.TenantId))
                {
                    notes?.Add($"An access policy for principal {principalId} names tenant {policy.TenantId}, not the vault's tenant {vault.TenantId}; it does not apply.");
                    continue;
                }

                if (policy.ApplicationId != null)
                {
                    notes?.Add($"An access policy for principal {principalId} is a compound identity with application {policy.ApplicationId}; it applies only when that application acts for the principal.");
                    continue;
                }

                foreach (var permission in policy.Secrets ?? Array.Empty<string>())
                {
                    if (permission != null)
                    {
                        permissions.Add(permission.Trim().ToLowerInvariant());
                    }
                }
            }

            return permissions;
        }

        private static SecretAccessResult EvaluatePolicies(VaultAccessModel vault, string principalId, List<string> notes)
        {
            var ownNotes = new List<string>();
            var permissions = PolicySecretPermissions(vault, principalId, ownNotes);
            var hasPolicy = (vault.AccessPolicies ?? Array.Empty<AccessPolicyEntry>()).Any(p =>
                p != null && PrincipalIds.Same(p.ObjectId, principalId) && PrincipalIds.Same(p.TenantId, vault.TenantId) && p.ApplicationId == null);
            if (!vault.UsesRbac)
            {
                notes.AddRange(ownNotes);
            }

            var listed = permissions.Count == 0 ? "none" : string.Join(", ", permissions.OrderBy(p => p, StringComparer.Ordinal));
            if (permissions.Contains("get") || permissions.Contains("all"))
            {
                return new SecretAccessResult(true, SecretAccessSource.AccessPolicy,
                    $"The access policy for principal {principalId} allows secret permissions: {listed}.");
            }

            return new SecretAccessResult(false, SecretAccessSource.None, hasPolicy
                ? $"The vault uses access policies; the policy for principal {principalId} allows secret permissions: {listed}, but not 'get'."
                : $"The vault uses access policies, and none of them is for principal {principalId} in the vault's tenant {vault.TenantId}.");
        }

        private static string DescribeNonGranting(ApplicableRoleAssignment role, KeyVaultId vault)
        {
            var where = RoleAssignmentScopes.Describe(role.Scope, vault);
            if (role.Definition == null)
            {
                return $"The definition of role {role.RoleName} assigned at {where} was not provided; its permissions are unknown.";
            }

            if (role.Definition.AllowsDataAction(KeyVaultActions.GetSecret))
            {
                return $"Role '{role.RoleName}' at {where} also allows reading the secret.";
            }

            return role.Definition.DataActions == null || role.Definition.DataActions.Count == 0
                ? $"Role '{role.RoleName}' at {where} is a management-plane role: it grants no data access and cannot read secrets."
                : $"Role '{role.RoleName}' at {where} does not allow {KeyVaultActions.GetSecret}.";
        }

        internal static void Check(VaultAccessModel vault, RbacState rbac, string principalId)
        {
            if (vault == null) throw new ArgumentNullException(nameof(vault));
            if (rbac == null) throw new ArgumentNullException(nameof(rbac));
            if (vault.VaultId == null || string.IsNullOrWhiteSpace(vault.TenantId))
            {
                throw RuleErrors.Invalid(RuleErrorIds.InvalidAccessModel, "The vault access model needs the vault id and its tenant id.", vault);
            }

            if (string.IsNullOrWhiteSpace(principalId))
            {
                throw RuleErrors.Invalid(RuleErrorIds.InvalidAccessModel, "A principal (object) id is needed to evaluate access.", principalId,
                    "Use the identity's Principal (Object) ID: 'az identity show --query principalId'.");
            }
        }
    }
}
