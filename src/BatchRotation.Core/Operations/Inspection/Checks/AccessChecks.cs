using System;
using System.Collections.Generic;
using System.Linq;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Model;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>
    /// Whether the pool identity can read each secret (access policy or RBAC at the secret, the vault or above),
    /// and whether it can do more than that on each vault (least privilege).
    /// </summary>
    internal static class AccessChecks
    {
        /// <summary>The principal id of the identity the extension signs in as, or null when that cannot be told.</summary>
        public static string? PrincipalOf(PoolFacts facts)
        {
            if (!string.IsNullOrEmpty(facts.View.IdentityPrincipalId))
            {
                return facts.View.IdentityPrincipalId;
            }

            var id = facts.View.IdentityResourceId;
            return id == null ? null
                : facts.Identities.FirstOrDefault(i => string.Equals(i.ResourceId, id, StringComparison.OrdinalIgnoreCase))?.Identity.Value?.PrincipalId;
        }

        public static void SecretReadable(PoolFacts facts, ObservedCertificateFact fact, CertificateStatus status, CheckCollector checks)
        {
            var target = fact.Url;
            var parsed = fact.Parsed;
            if (parsed == null)
            {
                checks.Skip(PoolCheckIds.AccessSecretReadable, target, "The URL cannot be read.");
                return;
            }

            var principal = PrincipalOf(facts);
            if (principal == null)
            {
                checks.Skip(PoolCheckIds.AccessSecretReadable, target,
                    "Which identity the extension signs in as cannot be told (its msiClientId matches none of the pool's identities, or the identity could not be read).");
                return;
            }

            var vault = fact.Vault?.Resource;
            if (vault == null || !vault.IsFound)
            {
                checks.Skip(PoolCheckIds.AccessSecretReadable, target,
                    $"The vault's access settings could not be read from ARM: {vault?.Problem ?? "the vault was not found."}",
                    "Run the test as an account with Reader on the vault's subscription or resource group.");
                return;
            }

            var roles = fact.Vault!.RoleAssignments;
            RbacState rbac;
            if (roles != null && roles.IsFound)
            {
                rbac = AccessModelMapping.ToRbacState(roles.Value!.Assignments, roles.Value!.Definitions);
            }
            else if (!vault.Value!.EnableRbacAuthorization)
            {
                rbac = RbacState.Empty;
            }
            else
            {
                checks.Skip(PoolCheckIds.AccessSecretReadable, target,
                    $"Vault '{vault.Value.Name}' uses Azure RBAC, and the role assignments of the pool identity could not be read: {roles?.Problem ?? "they were not read."}",
                    "Run the test as an account that may read role assignments (Reader) at the vault's scope.");
                return;
            }

            SecretAccessResult result;
            try
            {
                result = SecretAccessEvaluator.CanReadSecret(AccessModelMapping.ToAccessModel(vault.Value!), rbac, principal, parsed.Name);
            }
            catch (BatchRotationException error)
            {
                checks.Skip(PoolCheckIds.AccessSecretReadable, target, "Access could not be evaluated: " + error.Message);
                return;
            }

            status.IdentityCanRead = result.CanRead;
            status.Access = result.Source == SecretAccessSource.AccessPolicy ? "access policy"
                : result.Source == SecretAccessSource.RoleAssignment ? $"role '{result.RoleName}'{(result.Inherited ? " (inherited)" : string.Empty)}"
                : "none";
            var notes = result.Notes.Count == 0 ? string.Empty : " " + string.Join(" ", result.Notes);
            if (result.CanRead)
            {
                checks.Pass(PoolCheckIds.AccessSecretReadable, target, $"The pool identity (principal {principal}) can read secret '{parsed.Name}': {result.Explanation}{notes}");
            }
            else
            {
                checks.Fail(PoolCheckIds.AccessSecretReadable, target,
                    $"The pool identity (principal {principal}) cannot read secret '{parsed.Name}', so nodes cannot download the certificate: {result.Explanation}{notes}",
                    Remedies.Grant(facts.View, parsed.SecretUrl));
            }
        }

        /// <summary>Least privilege, once per vault the pool uses.</summary>
        public static void LeastPrivilege(PoolFacts facts, CheckCollector checks)
        {
            var principal = PrincipalOf(facts);
            var vaults = facts.Certificates
                .Where(c => c.Vault != null)
                .GroupBy(c => c.Vault!.VaultUri.AbsoluteUri, StringComparer.OrdinalIgnoreCase)
                .Select(g => (Vault: g.First().Vault!, SecretUrls: g.Where(c => c.Parsed != null).Select(c => c.Parsed!.SecretUrl).Distinct().ToArray()));
            foreach (var (vault, secretUrls) in vaults)
            {
                var resource = vault.Resource;
                var target = resource.Value?.Id ?? vault.VaultUri.AbsoluteUri;
                if (!resource.IsFound)
                {
                    checks.Skip(PoolCheckIds.AccessLeastPrivilege, target, $"The vault's access settings could not be read from ARM: {resource.Problem}");
                    continue;
                }

                if (principal == null)
                {
                    checks.Skip(PoolCheckIds.AccessLeastPrivilege, target, "Which identity the extension signs in as cannot be told.");
                    continue;
                }

                var roles = vault.RoleAssignments;
                var rolesRead = roles != null && roles.IsFound;
                IReadOnlyList<ExcessPrivilegeFinding> findings;
                try
                {
                    findings = ExcessPrivilegeAnalyzer.Analyze(AccessModelMapping.ToAccessModel(resource.Value!), rolesRead ? AccessModelMapping.ToRbacState(roles!.Value!.Assignments, roles!.Value!.Definitions) : RbacState.Empty, principal);
                }
                catch (BatchRotationException error)
                {
                    checks.Skip(PoolCheckIds.AccessLeastPrivilege, target, "Access could not be evaluated: " + error.Message);
                    continue;
                }

                var remedy = LeastPrivilegeRemedy(facts.View, resource.Value!.Name, principal, resource.Value.EnableRbacAuthorization, secretUrls);
                var unread = rolesRead ? string.Empty : $" The identity's role assignments could not be read ({roles?.Problem ?? "not read"}), so roles were not judged.";
                if (findings.Count > 0)
                {
                    checks.Warn(PoolCheckIds.AccessLeastPrivilege, target,
                        "The pool identity has more access than it needs (secrets get/list or Key Vault Secrets User): " + string.Join(" ", findings.Select(f => f.Message)) + unread,
                        remedy);
                }
                else if (!rolesRead)
                {
                    checks.Skip(PoolCheckIds.AccessLeastPrivilege, target, "The access policies grant nothing extra." + unread,
                        "Run the test as an account that may read role assignments (Reader) at the vault's scope.");
                }
                else
                {
                    checks.Pass(PoolCheckIds.AccessLeastPrivilege, target, $"The pool identity has no more access to vault '{resource.Value.Name}' than it needs.");
                }
            }
        }

        private static string LeastPrivilegeRemedy(RotatingBatchPool pool, string vaultName, string principal, bool rbac, IReadOnlyList<string> secretUrls)
        {
            var grant = $"Grant-PoolVaultAccess -IdentityResourceId {Remedies.Quote(pool.IdentityResourceId ?? "<identity resource id>")} -CertificateUrl {string.Join(",", secretUrls.Select(Remedies.Quote))}";
            return rbac
                ? $"Remove each broader role assignment named above (Remove-AzRoleAssignment -ObjectId {principal} -RoleDefinitionName '<role>' -Scope '<scope>'), then make sure the one needed exists: {grant}"
                : $"Replace the identity's access policy with one that allows only secrets get and list: Remove-AzKeyVaultAccessPolicy -VaultName {Remedies.Quote(vaultName)} -ObjectId {principal}; {grant} (nodes retry on their next poll). Remove broader role assignments too (Remove-AzRoleAssignment -ObjectId {principal} -RoleDefinitionName '<role>' -Scope '<scope>').";
        }
    }
}
