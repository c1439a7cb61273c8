using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>
    /// One vault's grant: read the vault once, refuse another tenant or the wrong permission model, check the
    /// certificates exist, read the identity's current access, plan the least grant, confirm each write, write
    /// (retrying conflicts), and undo this vault's new role assignments if a later one fails. A failure is
    /// reported for this vault only.
    /// </summary>
    internal sealed class VaultGrantProcessor
    {
        private readonly IKeyVaultManagementClient _vaults;
        private readonly IAuthorizationClient _authorization;
        private readonly CertificateChecker _checker;
        private readonly RbacStateReader _rbac;
        private readonly ConflictRetry _retry;
        private readonly IOperationSink _sink;

        public VaultGrantProcessor(
            IKeyVaultManagementClient vaults,
            IAuthorizationClient authorization,
            IKeyVaultCertificateClient certificates,
            GrantOptions options,
            IOperationSink sink)
        {
            _vaults = vaults;
            _authorization = authorization;
            _checker = new CertificateChecker(certificates, sink);
            _rbac = new RbacStateReader(authorization, sink);
            _retry = new ConflictRetry(options, sink);
            _sink = sink;
        }

        public async Task<VaultOutcome> GrantAsync(
            KeyVaultResource listed, IReadOnlyList<CertificateUrl> certificates, GrantIdentity identity, GrantRequest request, CancellationToken cancellationToken)
        {
            var entry = new VaultAccessGrant
            {
                VaultName = listed.Name,
                VaultResourceId = listed.Id,
                VaultUri = listed.VaultUri?.AbsoluteUri ?? certificates[0].VaultUri.AbsoluteUri,
                CertificateUrl = certificates.Select(c => c.SecretUrl).ToArray(),
            };

            try
            {
                var vault = await _vaults.GetVaultAsync(listed.Id, cancellationToken).ConfigureAwait(false);
                CheckTenant(vault, identity);
                var model = vault.EnableRbacAuthorization ? KeyVaultPermissionModel.Rbac : KeyVaultPermissionModel.AccessPolicy;
                entry.AccessModel = model;
                CheckModel(vault.Id, model, request.AccessModel);

                var present = await _checker.KeepExistingAsync(vault, certificates, cancellationToken).ConfigureAwait(false);
                var missing = certificates.Where(c => !present.Contains(c)).ToList();
                entry.CertificateUrl = present.Select(c => c.SecretUrl).ToArray();
                if (present.Count == 0)
                {
                    entry.Status = VaultGrantStatus.Failed;
                    entry.ErrorId = GrantErrorIds.CertificateNotFound;
                    entry.Detail = $"None of the certificates named exists in {vault.Name}; nothing was written.";
                    return new VaultOutcome(entry, Array.Empty<CertificateUrl>(), certificates);
                }

                var access = AccessModelMapping.ToAccessModel(vault);
                var rbac = model == KeyVaultPermissionModel.Rbac
                    ? await _rbac.ReadAsync(vault.Id, identity.PrincipalId, cancellationToken).ConfigureAwait(false)
                    : RbacState.Empty;
                var plan = GrantPlanner.Plan(access, rbac, identity.PrincipalId, present.Select(c => c.Name).ToList(), request.RbacScope);
                foreach (var note in plan.CurrentAccess.Values.SelectMany(r => r.Notes).Distinct())
                {
                    _sink.WriteVerbose(note);
                }

                if (plan.NothingToDo)
                {
                    DescribePresent(entry, access, plan, identity);
                }
                else if (plan.AccessPolicyAddition != null)
                {
                    await AddPolicyAsync(entry, vault, access, plan.AccessPolicyAddition, identity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await AssignRolesAsync(entry, vault, plan, identity, cancellationToken).ConfigureAwait(false);
                }

                return new VaultOutcome(entry, present, missing);
            }
            catch (BatchRotationException ex)
            {
                _sink.WriteError(ex);
                entry.Status = VaultGrantStatus.Failed;
                entry.ErrorId = ex.ErrorId;
                entry.Detail = ex.Message;
                return new VaultOutcome(entry, Array.Empty<CertificateUrl>(), certificates);
            }
        }

        private void CheckTenant(KeyVaultResource vault, GrantIdentity identity)
        {
            if (identity.TenantId == null || vault.TenantId == null)
            {
                _sink.WriteVerbose($"The tenant of {(identity.TenantId == null ? "the identity" : "vault " + vault.Name)} is not known; the tenants cannot be compared.");
                return;
            }

            if (!SameGuid(vault.TenantId, identity.TenantId))
            {
                throw GrantErrors.VaultInAnotherTenant(vault.Id, vault.TenantId, identity.TenantId);
            }
        }

        private static void CheckModel(string vaultId, KeyVaultPermissionModel model, GrantAccessModel asked)
        {
            var mismatch = (asked == GrantAccessModel.AccessPolicy && model == KeyVaultPermissionModel.Rbac)
                || (asked == GrantAccessModel.Rbac && model == KeyVaultPermissionModel.AccessPolicy);
            if (mismatch)
            {
                throw GrantErrors.AccessModelMismatch(vaultId, model, asked);
            }
        }

        private static void DescribePresent(VaultAccessGrant entry, VaultAccessModel access, GrantPlan plan, GrantIdentity identity)
        {
            entry.Status = VaultGrantStatus.AlreadyPresent;
            var results = plan.CurrentAccess.Values.ToList();
            if (!access.UsesRbac)
            {
                entry.Permissions = SecretAccessEvaluator.PolicySecretPermissions(access, identity.PrincipalId, notes: null)
                    .OrderBy(p => p, StringComparer.Ordinal)
                    .ToArray();
                entry.Detail = results[0].Explanation + " Nothing was written.";
                return;
            }

            entry.RoleName = string.Join(", ", results.Select(r => r.RoleName).Where(n => n != null).Distinct());
            var guids = results.Select(r => r.RoleDefinitionGuid).Where(g => g != null).Distinct().ToList();
            entry.RoleDefinitionId = guids.Count == 1 ? guids[0] : null;
            entry.Scope = results.Where(r => r.Scope != null).Select(r => r.Scope!.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            entry.Detail = string.Join(" ", results.Select(r => r.Explanation).Distinct()) + " Nothing was written.";
        }

        private async Task AddPolicyAsync(
            VaultAccessGrant entry, KeyVaultResource vault, VaultAccessModel access, AccessPolicyAddition addition, GrantIdentity identity, CancellationToken cancellationToken)
        {
            var existing = SecretAccessEvaluator.PolicySecretPermissions(access, identity.PrincipalId, notes: null);
            var adding = string.Join(", ", addition.SecretPermissions);
            entry.Permissions = addition.SecretPermissions.ToArray();
            var action = $"Add an access policy for {identity.Describe()} with secret permissions {adding} (accessPolicies/add: other principals' policies are not changed)";
            if (!_sink.ShouldProcess(vault.Id, action))
            {
                entry.Status = VaultGrantStatus.Skipped;
                entry.Detail = $"Not confirmed, nothing was written. Would: {action}.";
                return;
            }

            var policy = new VaultAccessPolicy(addition.TenantId, addition.ObjectId, new VaultPermissions(secrets: addition.SecretPermissions));
            await _retry.RunAsync(
                vault.Id,
                "adding the access policy",
                async () =>
                {
                    try
                    {
                        return await _vaults.AddAccessPolicyAsync(vault.Id, policy, cancellationToken).ConfigureAwait(false);
                    }
                    catch (BatchRotationException ex) when (ex.Kind == ErrorKind.PermissionDenied)
                    {
                        throw GrantErrors.AccessPolicyWriteDenied(vault.Id, ex);
                    }
                },
                cancellationToken).ConfigureAwait(false);

            entry.Status = VaultGrantStatus.Granted;
            entry.Detail = existing.Count == 0
                ? $"Added an access policy for {identity.Describe()} with secret permissions {adding}."
                : $"Added secret permissions {adding} to the access policy of {identity.Describe()}, which already had {string.Join(", ", existing.OrderBy(p => p, StringComparer.Ordinal))}.";
        }

        private async Task AssignRolesAsync(VaultAccessGrant entry, KeyVaultResource vault, GrantPlan plan, GrantIdentity identity, CancellationToken cancellationToken)
        {
            var toCreate = plan.RoleAssignments;
            entry.RoleName = toCreate[0].RoleName;
            entry.RoleDefinitionId = BuiltInRoles.GuidOf(toCreate[0].RoleDefinitionId);
            entry.Scope = toCreate.Select(a => a.Scope.Value).ToArray();
            var actions = toCreate.Select(a => $"Assign the role '{a.RoleName}' to {identity.Describe()} at {a.Scope.Value}").ToList();

            // Every change is put to the user before any is made: a vault is granted completely or not at all.
            var confirmed = actions.Select(action => _sink.ShouldProcess(vault.Id, action)).ToList();
            if (confirmed.Contains(false))
            {
                entry.Status = VaultGrantStatus.Skipped;
                entry.Detail = $"Not confirmed, nothing was written. Would: {string.Join("; ", actions)}.";
                return;
            }

            var created = new List<RoleAssignment>();
            foreach (var assignment in toCreate)
            {
                try
                {
                    var result = await _retry.RunAsync(
                        assignment.Scope.Value,
                        "the role assignment",
                        () => _authorization.CreateRoleAssignmentAsync(
                            assignment.Scope.Value, assignment.RoleDefinitionId, assignment.PrincipalId, RoleAssignmentToCreate.PrincipalType, cancellationToken),
                        cancellationToken).ConfigureAwait(false);
                    if (result.Outcome == RoleAssignmentOutcome.Created && result.Assignment != null)
                    {
                        created.Add(result.Assignment);
                    }
                    else
                    {
                        _sink.WriteVerbose($"The role '{assignment.RoleName}' was already assigned to {identity.Describe()} at {assignment.Scope.Value}.");
                    }
                }
                catch (BatchRotationException ex)
                {
                    var problems = await RollbackAsync(created).ConfigureAwait(false);
                    throw ex.Kind == ErrorKind.PermissionDenied
                        ? GrantErrors.RoleAssignmentWriteDenied(assignment.Scope.Value, ex, problems)
                        : GrantErrors.WithRollback(ex, problems);
                }
                catch (OperationCanceledException)
                {
                    await RollbackAsync(created).ConfigureAwait(false);
                    throw;
                }
            }

            entry.Status = VaultGrantStatus.Granted;
            var readable = plan.CurrentAccess.Values.Where(r => r.CanRead).Select(r => r.Explanation).Distinct().ToList();
            entry.Detail = $"Assigned the role '{entry.RoleName}' to {identity.Describe()} at {string.Join(", ", entry.Scope)}."
                + (readable.Count == 0 ? string.Empty : " " + string.Join(" ", readable));
        }

        /// <summary>Removes the role assignments this vault's grant created; says what was removed and what could not be.</summary>
        private async Task<IReadOnlyList<string>> RollbackAsync(IReadOnlyList<RoleAssignment> created)
        {
            var report = new List<string>();
            foreach (var assignment in created.Reverse())
            {
                try
                {
                    // Not cancellable: undoing a half-made grant must finish even after Ctrl+C.
                    await _authorization.DeleteRoleAssignmentAsync(assignment.Id, CancellationToken.None).ConfigureAwait(false);
                    report.Add($"The role assignment {assignment.Id} made for this vault before the failure was removed again.");
                }
                catch (BatchRotationException ex)
                {
                    report.Add($"The role assignment {assignment.Id} made before the failure could not be removed ({ex.Message}); remove it by hand.");
                }
            }

            foreach (var line in report)
            {
                _sink.WriteVerbose(line);
            }

            return report;
        }

        private static bool SameGuid(string a, string b) =>
            Guid.TryParse(a, out var x) && Guid.TryParse(b, out var y) ? x == y : string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
