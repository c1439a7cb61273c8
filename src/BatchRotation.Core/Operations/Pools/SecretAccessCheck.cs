using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>
    /// Checks, before the pool exists, that the pool identity can already read the secret behind every observed
    /// certificate (FACTS §2: with requireInitialSync the nodes would otherwise wait for access that a later grant
    /// cannot give them in time). Access policies come with the vault; role assignments and their definitions are
    /// read once per RBAC vault.
    /// </summary>
    internal sealed class SecretAccessCheck
    {
        private readonly IAuthorizationClient _authorization;
        private readonly IOperationSink _sink;

        public SecretAccessCheck(IAuthorizationClient authorization, IOperationSink sink)
        {
            _authorization = authorization;
            _sink = sink;
        }

        public async Task EnsureReadableAsync(
            string identityResourceId,
            string principalId,
            IReadOnlyList<CertificateUrl> urls,
            IReadOnlyDictionary<CertificateUrl, KeyVaultResource> vaults,
            CancellationToken cancellationToken)
        {
            var denied = new List<(CertificateUrl Url, string Why)>();
            foreach (var group in urls.GroupBy(u => vaults[u].Id, StringComparer.OrdinalIgnoreCase))
            {
                var vault = vaults[group.First()];
                var model = AccessModelMapping.ToAccessModel(vault);
                var rbac = vault.EnableRbacAuthorization
                    ? await ReadRbacAsync(vault, principalId, cancellationToken).ConfigureAwait(false)
                    : RbacState.Empty;
                foreach (var url in group)
                {
                    var result = SecretAccessEvaluator.CanReadSecret(model, rbac, principalId, url.Name);
                    foreach (var note in result.Notes)
                    {
                        _sink.WriteVerbose(note);
                    }

                    if (result.CanRead)
                    {
                        _sink.WriteVerbose($"The pool identity can read secret '{url.Name}' of vault {vault.Name}: {result.Explanation}");
                    }
                    else
                    {
                        denied.Add((url, result.Explanation));
                    }
                }
            }

            if (denied.Count > 0)
            {
                throw CannotRead(identityResourceId, denied);
            }
        }

        /// <summary>The exact command that grants what is missing.</summary>
        internal static string GrantCommand(string identityResourceId, IEnumerable<CertificateUrl> urls) =>
            $"Grant-PoolVaultAccess -IdentityResourceId '{identityResourceId}' -CertificateUrl "
            + string.Join(",", urls.Select(u => "'" + u.SecretUrl + "'"));

        private async Task<RbacState> ReadRbacAsync(KeyVaultResource vault, string principalId, CancellationToken cancellationToken)
        {
            IReadOnlyList<RoleAssignment> assignments;
            try
            {
                assignments = await _authorization.ListRoleAssignmentsAsync(vault.Id, principalId, cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException e) when (AzureFailures.IsPermissionDenied(e))
            {
                throw AzureFailures.Relabel(e, PoolErrorIds.AccessCheckNotPossible, ErrorKind.PermissionDenied,
                    $"Vault {vault.Name} uses Azure RBAC, and the role assignments at it could not be read to check the pool identity's access.",
                    vault.Id,
                    "Ask for read access to role assignments at the vault (e.g. Reader), or pass -SkipAccessCheck if you know the identity has "
                    + "'Key Vault Secrets User' there.");
            }

            var entries = assignments.Select(AccessModelMapping.ToEntry).Where(e => e != null).Select(e => e!).ToList();
            var definitions = new List<RoleDefinitionEntry>();
            foreach (var guid in entries.Select(e => BuiltInRoles.GuidOf(e.RoleDefinitionId)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                try
                {
                    var definition = await _authorization.GetRoleDefinitionAsync(vault.Id, guid, cancellationToken).ConfigureAwait(false);
                    definitions.Add(AccessModelMapping.ToEntry(definition));
                }
                catch (BatchRotationException e) when (AzureFailures.IsNotFound(e) || AzureFailures.IsPermissionDenied(e))
                {
                    // The evaluator reports an assignment whose definition is unknown as granting nothing, with a note.
                    _sink.WriteVerbose($"Role definition {guid} could not be read: {e.Message}");
                }
            }

            return new RbacState(entries, definitions);
        }

        private static BatchRotationException CannotRead(string identityResourceId, IReadOnlyList<(CertificateUrl Url, string Why)> denied)
        {
            var lines = string.Join(" ", denied.Select(d => $"'{d.Url.SecretUrl}': {d.Why}"));
            var message = $"The pool identity cannot read {AzureFailures.Plural(denied.Count, "secret", "secrets")} it would observe, so its nodes could not "
                + $"install {(denied.Count == 1 ? "that certificate" : "those certificates")}. {lines}";
            return new BatchRotationException(PoolErrorIds.IdentityCannotReadSecret, ErrorKind.PermissionDenied, message, denied[0].Url.SecretUrl)
            {
                Remedy = "Grant the access before the pool exists: " + GrantCommand(identityResourceId, denied.Select(d => d.Url))
                    + " ; then run this command again, or pipe the grant into it (Grant-PoolVaultAccess ... | New-RotatingBatchPool <the other parameters>). "
                    + "Use -SkipAccessCheck only when the identity gets its access in a way this check cannot see.",
            };
        }
    }
}
