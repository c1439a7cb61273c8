namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>Stable ErrorIds of Test-PoolCertificate (non-terminating unless nothing can proceed). Never rename one.</summary>
    public static class InspectionErrorIds
    {
        /// <summary>A pool named exactly (not by wildcard), or piped in, does not exist.</summary>
        public const string PoolNotFound = nameof(PoolNotFound);

        /// <summary>The Batch account named does not exist.</summary>
        public const string BatchAccountNotFound = nameof(BatchAccountNotFound);

        /// <summary>The pools of an account, or the accounts of a subscription, could not be listed.</summary>
        public const string PoolListFailed = nameof(PoolListFailed);

        /// <summary>One pool could not be judged (its facts could not be turned into a report).</summary>
        public const string PoolTestFailed = nameof(PoolTestFailed);

        /// <summary>-ExpiryWarning is negative.</summary>
        public const string InvalidExpiryWarning = nameof(InvalidExpiryWarning);

        /// <summary>-ThrottleLimit is below 1.</summary>
        public const string InvalidThrottleLimit = nameof(InvalidThrottleLimit);
    }
}
