using System;
using System.Collections.Generic;
using System.Linq;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// Least-privilege findings for a pool identity on a vault. The identity needs secrets get/list (access
    /// policies) or Key Vault Secrets User (RBAC) and nothing else (FACTS §3).
    /// </summary>
    public static class ExcessPrivilegeAnalyzer
    {
        private static readonly HashSet<string> NeededSecretPermissions = new HashSet<string>(KeyVaultActions.RequiredSecretPermissions, StringComparer.OrdinalIgnoreCase);

        public static IReadOnlyList<ExcessPrivilegeFinding> Analyze(VaultAccessModel vault, RbacState rbac, string principalId)
        {
            SecretAccessEvaluator.Check(vault, rbac, principalId);
            var findings = new List<ExcessPrivilegeFinding>();
            if (!vault.UsesRbac)
            {
                AnalyzePolicies(vault, principalId, findings);
            }

            var assignments = RoleAssignmentScopes.Reaching(rbac, principalId, vault.VaultId.Id, vault.VaultId)
                .Concat(RoleAssignmentScopes.Inside(rbac, principalId, vault.VaultId));
            foreach (var role in assignments)
            {
                AnalyzeRole(vault, role, findings);
            }

            return findings;
        }

        private static void AnalyzePolicies(VaultAccessModel vault, string principalId, List<ExcessPrivilegeFinding> findings)
        {
            foreach (var policy in vault.AccessPolicies ?? Array.Empty<AccessPolicyEntry>())
            {
                if (policy == null || !PrincipalIds.Same(policy.ObjectId, principalId) || !PrincipalIds.Same(policy.TenantId, vault.TenantId))
                {
                    continue;
                }

                const string source = "access policy";
                var extraSecrets = Clean(policy.Secrets).Where(p => !NeededSecretPermissions.Contains(p)).ToArray();
                if (extraSecrets.Length > 0)
                {
                    findings.Add(new ExcessPrivilegeFinding(ExcessPrivilegeKind.SecretWrite, source, extraSecrets,
                        $"The access policy for principal {principalId} allows secret permissions {string.Join(", ", extraSecrets)}; the pool needs only get and list."));
                }

                var keys = Clean(policy.Keys);
                if (keys.Length > 0)
                {
                    findings.Add(new ExcessPrivilegeFinding(ExcessPrivilegeKind.KeyAccess, source, keys,
                        $"The access policy for principal {principalId} allows key permissions {string.Join(", ", keys)}; the Key Vault extension uses no keys."));
                }

                var certificates = Clean(policy.Certificates);
                if (certificates.Length > 0)
                {
                    findings.Add(new ExcessPrivilegeFinding(ExcessPrivilegeKind.CertificateAccess, source, certificates,
                        $"The access policy for principal {principalId} allows certificate permissions {string.Join(", ", certificates)}; "
                        + "the extension reads the certificate through its secret and needs no certificate permission."));
                }
            }
        }

        private static void AnalyzeRole(VaultAccessModel vault, ApplicableRoleAssignment role, List<ExcessPrivilegeFinding> findings)
        {
            if (role.Definition == null)
            {
                return;
            }

            var source = $"role '{role.RoleName}' at {RoleAssignmentScopes.Describe(role.Scope, vault.VaultId)}";
            if (vault.UsesRbac)
            {
                Probe(findings, ExcessPrivilegeKind.SecretWrite, source, KeyVaultActions.SecretWrites, role.Definition.AllowsDataAction,
                    "can change, delete or purge secrets");
                Probe(findings, ExcessPrivilegeKind.KeyAccess, source, KeyVaultActions.KeyOperations, role.Definition.AllowsDataAction,
                    "can manage or use keys, which the Key Vault extension never needs");
                Probe(findings, ExcessPrivilegeKind.CertificateAccess, source, KeyVaultActions.CertificateManagement, role.Definition.AllowsDataAction,
                    "can manage certificates; the pool needs only to read their secrets");
            }

            Probe(findings, ExcessPrivilegeKind.RoleAssignmentWrite, source, new[] { KeyVaultActions.RoleAssignmentsWrite }, role.Definition.AllowsAction,
                "can assign roles, and so grant itself any access");
            Probe(findings, ExcessPrivilegeKind.VaultAccessWrite, source, KeyVaultActions.VaultAccessWrites, role.Definition.AllowsAction,
                vault.UsesRbac
                    ? "can change the vault, including its permission model; a pool identity should not manage the vault"
                    : "can change the vault's access policies, and so grant itself any data access");
        }

        private static void Probe(List<ExcessPrivilegeFinding> findings, ExcessPrivilegeKind kind, string source, IReadOnlyList<string> probes, Func<string, bool> allows, string what)
        {
            var allowed = probes.Where(allows).ToArray();
            if (allowed.Length > 0)
            {
                findings.Add(new ExcessPrivilegeFinding(kind, source, allowed, $"The pool identity's {source} {what}."));
            }
        }

        private static string[] Clean(IReadOnlyList<string>? permissions) =>
            (permissions ?? Array.Empty<string>())
                .Where(p => !string.IsNullOrWhiteSpace(p))
                .Select(p => p.Trim().ToLowerInvariant())
                .Distinct()
                .ToArray();
    }
}
