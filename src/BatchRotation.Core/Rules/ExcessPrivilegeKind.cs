namespace BatchRotation.Core.Rules
{
    public enum ExcessPrivilegeKind
    {
        /// <summary>Can change or destroy secrets (set, delete, purge, backup/restore...).</summary>
        SecretWrite,

        /// <summary>Any key permission: the extension uses no keys.</summary>
        KeyAccess,

        /// <summary>Certificate permissions: the extension reads only the certificate's secret.</summary>
        CertificateAccess,

        /// <summary>Can assign roles, and so grant itself anything.</summary>
        RoleAssignmentWrite,

        /// <summary>Can change the vault, its access policies or its permission model.</summary>
        VaultAccessWrite,
    }
}
