using System;

namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>
    /// One vault's part of a grant: which vault, through which permission model, what access (secret permissions
    /// of an access policy, or a role) at which scopes, and whether it was granted now or already present.
    /// </summary>
    public sealed class VaultAccessGrant
    {
        /// <summary>The vault's name; null when no visible vault has the URI.</summary>
        public string? VaultName { get; set; }

        public string? VaultResourceId { get; set; }

        /// <summary>The vault's data-plane URI, as the certificate URLs name it.</summary>
        public string VaultUri { get; set; } = string.Empty;

        /// <summary>Null when the vault could not be read.</summary>
        public KeyVaultPermissionModel? AccessModel { get; set; }

        /// <summary>
        /// Access policies: the secret permissions added (Granted) or the identity's existing ones that already
        /// allow reading (AlreadyPresent). Empty for Azure RBAC.
        /// </summary>
        public string[] Permissions { get; set; } = Array.Empty<string>();

        /// <summary>Azure RBAC: the role assigned now, or the role that already lets the identity read.</summary>
        public string? RoleName { get; set; }

        public string? RoleDefinitionId { get; set; }

        /// <summary>Azure RBAC: the scopes of the role assignments made now or found (vault, secret, or a scope above).</summary>
        public string[] Scope { get; set; } = Array.Empty<string>();

        public VaultGrantStatus Status { get; set; }

        /// <summary>How access is in place, why nothing was written, or what failed.</summary>
        public string Detail { get; set; } = string.Empty;

        /// <summary>The ErrorId of the failure, when <see cref="Status"/> is Failed.</summary>
        public string? ErrorId { get; set; }

        /// <summary>The normalised certificate URLs of this vault that this entry covers.</summary>
        public string[] CertificateUrl { get; set; } = Array.Empty<string>();

        /// <summary>Permissions or role, for display.</summary>
        public string Access =>
            AccessModel == KeyVaultPermissionModel.AccessPolicy && Permissions.Length > 0
                ? "secrets: " + string.Join(", ", Permissions)
                : RoleName ?? string.Empty;

        public override string ToString() => $"{VaultName ?? VaultUri}: {Status}";
    }
}
