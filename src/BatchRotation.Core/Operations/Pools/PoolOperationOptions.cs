using System;
using System.Threading;
using System.Threading.Tasks;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>Time as the pool operations see it (replaceable in tests) and how often -Wait polls.</summary>
    public sealed record PoolOperationOptions
    {
        public static PoolOperationOptions Default { get; } = new PoolOperationOptions();

        /// <summary>The default of -Timeout.</summary>
        public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromMinutes(30);

        public Func<DateTimeOffset> UtcNow { get; init; } = () => DateTimeOffset.UtcNow;

        public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = (delay, token) => Task.Delay(delay, token);

        /// <summary>The first pause between two polls of -Wait; it doubles up to <see cref="MaxPollInterval"/>.</summary>
        public TimeSpan InitialPollInterval { get; init; } = TimeSpan.FromSeconds(1);

        public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(15);
    }
}
