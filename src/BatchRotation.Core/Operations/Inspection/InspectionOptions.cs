using System;

namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>How Test-PoolCertificate judges and how hard it may press Azure.</summary>
    public sealed record InspectionOptions
    {
        public static readonly TimeSpan DefaultExpiryWarning = TimeSpan.FromDays(30);

        public const int DefaultThrottleLimit = 8;

        /// <summary>Which nodes' extension status is read.</summary>
        public NodeScope Node { get; init; } = NodeScope.All;

        /// <summary>A certificate expiring sooner than this from now is a warning.</summary>
        public TimeSpan ExpiryWarning { get; init; } = DefaultExpiryWarning;

        /// <summary>The most Azure calls in flight at once.</summary>
        public int ThrottleLimit { get; init; } = DefaultThrottleLimit;

        /// <summary>The time the verdict is about; null means the machine's clock (tests pass the emulator's simulated time).</summary>
        public Func<DateTimeOffset>? Clock { get; init; }

        /// <summary>How many resources of each kind (vaults, identities, certificates...) the run remembers.</summary>
        public int CacheCapacity { get; init; } = 2048;

        internal DateTimeOffset Now() => Clock?.Invoke() ?? DateTimeOffset.UtcNow;
    }
}
