namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>Stable ErrorIds of New-RotatingBatchPool and Get-RotatingBatchPool. They become PowerShell ErrorIds: never rename one.</summary>
    public static class PoolErrorIds
    {
        public const string NoSubscription = nameof(NoSubscription);
        public const string AccountNotFound = nameof(AccountNotFound);
        public const string IdentityNotFound = nameof(IdentityNotFound);
        public const string IdentityHasNoPrincipal = nameof(IdentityHasNoPrincipal);
        public const string CertificateVaultNotFound = nameof(CertificateVaultNotFound);
        public const string CertificateVaultInOtherTenant = nameof(CertificateVaultInOtherTenant);
        public const string CertificateNotFound = nameof(CertificateNotFound);
        public const string CertificateDisabled = nameof(CertificateDisabled);
        public const string CertificateExpired = nameof(CertificateExpired);
        public const string CertificateNotAutoRenewed = nameof(CertificateNotAutoRenewed);
        public const string IdentityCannotReadSecret = nameof(IdentityCannotReadSecret);
        public const string AccessCheckNotPossible = nameof(AccessCheckNotPossible);
        public const string PoolAlreadyExists = nameof(PoolAlreadyExists);
        public const string TimeoutWithoutWait = nameof(TimeoutWithoutWait);
        public const string InvalidTimeout = nameof(InvalidTimeout);
        public const string PoolAllocationFailed = nameof(PoolAllocationFailed);
        public const string PoolNodeFailed = nameof(PoolNodeFailed);
        public const string PoolNodesFailed = nameof(PoolNodesFailed);
        public const string PoolWaitTimedOut = nameof(PoolWaitTimedOut);
        public const string PoolDisappeared = nameof(PoolDisappeared);
        public const string PoolNotFound = nameof(PoolNotFound);
        public const string InvalidPoolNamePattern = nameof(InvalidPoolNamePattern);
    }
}
