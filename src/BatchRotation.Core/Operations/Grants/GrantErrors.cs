using System;
using System.Collections.Generic;
using System.Linq;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>The errors of Grant-PoolVaultAccess: each with its kind, target and a sentence saying what to do.</summary>
    internal static class GrantErrors
    {
        public static BatchRotationException IdentityNotFound(string identityId, BatchRotationException cause) =>
            FromAzure(
                GrantErrorIds.IdentityNotFound,
                ErrorKind.NotFound,
                $"The user-assigned identity {identityId} does not exist (or the signed-in principal cannot see it).",
                identityId,
                "Check the resource id (az identity show --ids <id> --query id), create the identity first, "
                + "or sign in with a principal that can read it (Reader on its resource group).",
                cause);

        public static BatchRotationException IdentityHasNoPrincipal(string identityId) =>
            new BatchRotationException(
                GrantErrorIds.IdentityHasNoPrincipal,
                ErrorKind.InvalidData,
                $"Azure returned the identity {identityId} without a principal id, so no access can be granted to it.",
                identityId)
            {
                Remedy = "Wait a minute for a newly created identity to be provisioned, then run the command again.",
            };

        public static BatchRotationException VaultNotFound(string vaultUri, IEnumerable<string> certificateUrls, IReadOnlyList<string> searched, IReadOnlyList<string> unreadable)
        {
            var where = searched.Count == 0 ? "no subscription could be searched" : "searched subscription(s) " + string.Join(", ", searched);
            var notListed = unreadable.Count == 0 ? string.Empty : $"; could not list the vaults of {string.Join(", ", unreadable)}";
            return new BatchRotationException(
                GrantErrorIds.VaultNotFound,
                ErrorKind.NotFound,
                $"No key vault the signed-in principal can see has the URI {vaultUri} (named by {string.Join(", ", certificateUrls)}); {where}{notListed}.",
                vaultUri)
            {
                Remedy = "Check the certificate URL (copy the certificate's Secret Identifier from the portal) and make sure the signed-in principal "
                    + "can read the vault (Reader on the vault, its resource group or its subscription).",
            };
        }

        public static BatchRotationException VaultInAnotherTenant(string vaultId, string? vaultTenant, string? identityTenant) =>
            new BatchRotationException(
                GrantErrorIds.VaultInAnotherTenant,
                ErrorKind.InvalidOperation,
                $"The vault {vaultId} belongs to tenant {vaultTenant}, but the identity belongs to tenant {identityTenant}: "
                + "a managed identity can only be granted access to vaults of its own tenant.",
                vaultId)
            {
                Remedy = "Use a certificate from a vault in the identity's tenant, or an identity created in the vault's tenant.",
            };

        public static BatchRotationException AccessModelMismatch(string vaultId, KeyVaultPermissionModel vaultModel, GrantAccessModel asked) =>
            new BatchRotationException(
                GrantErrorIds.VaultAccessModelMismatch,
                ErrorKind.InvalidOperation,
                vaultModel == KeyVaultPermissionModel.Rbac
                    ? $"The vault {vaultId} uses Azure RBAC, so an access policy (-AccessModel {asked}) would be ignored."
                    : $"The vault {vaultId} uses access policies, so a role assignment (-AccessModel {asked}) would grant no data access.",
                vaultId)
            {
                Remedy = "Use -AccessModel Auto to follow the vault's permission model.",
            };

        public static BatchRotationException CertificateNotFound(string certificateUrl, string vaultName, string name, BatchRotationException cause) =>
            FromAzure(
                GrantErrorIds.CertificateNotFound,
                ErrorKind.NotFound,
                $"The vault {vaultName} has no certificate named '{name}' ({certificateUrl}).",
                certificateUrl,
                "Check the certificate name, or create the certificate (with an AutoRenew lifetime action) before granting access to it.",
                cause);

        public static BatchRotationException AccessPolicyWriteDenied(string vaultId, BatchRotationException cause) =>
            FromAzure(
                GrantErrorIds.AccessPolicyWriteDenied,
                ErrorKind.PermissionDenied,
                $"The signed-in principal may not change the access policies of {vaultId}: {cause.Message}",
                vaultId,
                "Changing access policies needs Microsoft.KeyVault/vaults/accessPolicies/write: ask for the Key Vault Contributor "
                + "or Contributor role on the vault (or its resource group), or have someone with it run this command.",
                cause);

        public static BatchRotationException RoleAssignmentWriteDenied(string scope, BatchRotationException cause, IReadOnlyList<string> rollbackProblems) =>
            FromAzure(
                GrantErrorIds.RoleAssignmentWriteDenied,
                ErrorKind.PermissionDenied,
                $"The signed-in principal may not assign roles at {scope}: {cause.Message}{Rollback(rollbackProblems)}",
                scope,
                "Assigning roles needs Microsoft.Authorization/roleAssignments/write: ask for the Owner, User Access Administrator "
                + "or Key Vault Data Access Administrator role on the vault (or its resource group), or have someone with it run this command.",
                cause);

        public static BatchRotationException VaultWriteConflict(string vaultId, int attempts, BatchRotationException cause) =>
            FromAzure(
                GrantErrorIds.VaultWriteConflict,
                ErrorKind.ResourceUnavailable,
                $"Other changes to {vaultId} kept conflicting with this one; gave up after {attempts} attempts: {cause.Message}",
                vaultId,
                "Run the command again when fewer changes are made to the vault at once; nothing was changed by this attempt.",
                cause);

        /// <summary>Any other failure of a vault's writes, with what was undone.</summary>
        public static BatchRotationException WithRollback(BatchRotationException cause, IReadOnlyList<string> rollbackProblems) =>
            rollbackProblems.Count == 0
                ? cause
                : new BatchRotationException(cause.ErrorId, cause.Kind, cause.Message + Rollback(rollbackProblems), cause.Target, cause)
                {
                    Remedy = cause.Remedy,
                };

        public static BatchRotationException PoolHasNoIdentity(object pool) =>
            new BatchRotationException(
                GrantErrorIds.PoolHasNoIdentity,
                ErrorKind.InvalidData,
                $"The pool {pool} has no user-assigned identity that its Key Vault extension signs in as, so there is nobody to grant access to.",
                pool)
            {
                Remedy = "Recreate the pool with a user-assigned identity (New-RotatingBatchPool), or grant access with -IdentityResourceId and -CertificateUrl.",
            };

        public static BatchRotationException PoolHasNoCertificates(object pool) =>
            new BatchRotationException(
                GrantErrorIds.PoolHasNoCertificates,
                ErrorKind.InvalidData,
                $"The pool {pool} observes no Key Vault certificate, so there is nothing to grant access to.",
                pool)
            {
                Remedy = "Grant access with -IdentityResourceId and -CertificateUrl for the certificates the pool should observe.",
            };

        private static string Rollback(IReadOnlyList<string> problems) =>
            problems.Count == 0 ? string.Empty : " " + string.Join(" ", problems);

        private static BatchRotationException FromAzure(string errorId, ErrorKind kind, string message, object target, string remedy, BatchRotationException cause)
        {
            var requestId = cause.RequestId == null ? string.Empty : $" (Azure request id {cause.RequestId}{(cause.AzureErrorCode == null ? string.Empty : ", code " + cause.AzureErrorCode)})";
            return new BatchRotationException(errorId, kind, message.TrimEnd('.') + "." + requestId, target, cause)
            {
                Remedy = remedy,
            };
        }
    }
}
