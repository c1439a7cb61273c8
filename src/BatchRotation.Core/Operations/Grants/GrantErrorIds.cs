namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>
    /// Stable ErrorIds of Grant-PoolVaultAccess (they become PowerShell ErrorIds: never rename one). Malformed
    /// input uses the rules' ids: <see cref="Rules.RuleErrorIds.InvalidCertificateUrl"/> and
    /// <see cref="Rules.RuleErrorIds.InvalidResourceId"/>.
    /// </summary>
    public static class GrantErrorIds
    {
        public const string IdentityNotFound = nameof(IdentityNotFound);
        public const string IdentityHasNoPrincipal = nameof(IdentityHasNoPrincipal);
        public const string VaultNotFound = nameof(VaultNotFound);
        public const string VaultInAnotherTenant = nameof(VaultInAnotherTenant);
        public const string VaultAccessModelMismatch = nameof(VaultAccessModelMismatch);
        public const string CertificateNotFound = nameof(CertificateNotFound);
        public const string AccessPolicyWriteDenied = nameof(AccessPolicyWriteDenied);
        public const string RoleAssignmentWriteDenied = nameof(RoleAssignmentWriteDenied);
        public const string VaultWriteConflict = nameof(VaultWriteConflict);
        public const string PoolHasNoIdentity = nameof(PoolHasNoIdentity);
        public const string PoolHasNoCertificates = nameof(PoolHasNoCertificates);
    }
}
