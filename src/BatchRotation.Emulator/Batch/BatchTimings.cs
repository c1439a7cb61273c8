namespace BatchRotation.Emulator.Batch;

/// <summary>
/// How long things take in the Batch simulation, in simulated seconds (see the README's control-surface
/// table). Real Azure varies; these keep the order of events real: accounts and deletions answer after a
/// Retry-After, nodes appear after allocation, boot, then run their extensions, and a pool is Steady once
/// its nodes are allocated even if they are still starting.
/// </summary>
public static class BatchTimings
{
    /// <summary>Account create / delete long-running operations (Azure: ~15 s, Retry-After 15).</summary>
    public static readonly TimeSpan AccountOperation = TimeSpan.FromSeconds(15);

    /// <summary>The Retry-After Azure sends on account and pool long-running operations.</summary>
    public const int RetryAfterSeconds = 15;

    /// <summary>From a resize start until its new nodes are allocated (they appear as <c>creating</c>); the pool is then Steady.</summary>
    public static readonly TimeSpan Allocation = TimeSpan.FromSeconds(30);

    /// <summary>From allocation until the VM runs (<c>creating</c> → <c>starting</c>).</summary>
    public static readonly TimeSpan Creating = TimeSpan.FromSeconds(15);

    /// <summary>From allocation until the VM has booted and its extensions start (lastBootTime): boot ~60 s.</summary>
    public static readonly TimeSpan Boot = TimeSpan.FromSeconds(60);

    /// <summary>How long a removed node stays <c>leavingpool</c>.</summary>
    public static readonly TimeSpan LeavingPool = TimeSpan.FromSeconds(30);

    /// <summary>Pool deletion without nodes (the recording: done within 15 s); with nodes, plus <see cref="LeavingPool"/>.</summary>
    public static readonly TimeSpan PoolDelete = TimeSpan.FromSeconds(15);

    /// <summary>Key Vault extension: retries of a failing initial download with requireInitialSync (FACTS §2).</summary>
    public const int InitialSyncRetries = 25;

    /// <summary>Back-off before retry <paramref name="retry"/> (1-based): 2^retry seconds, at most 60 s (25 retries ≈ 21 min).</summary>
    public static TimeSpan InitialSyncBackoff(int retry) => TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, retry)));

    /// <summary>Key Vault extension's default polling interval when the settings give none.</summary>
    public const int DefaultPollingIntervalSeconds = 3600;
}
