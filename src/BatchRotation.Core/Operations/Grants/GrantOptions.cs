using System;
using System.Threading;
using System.Threading.Tasks;

namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>How hard a grant retries when parallel changes to one vault conflict (ARM's 409).</summary>
    public sealed record GrantOptions
    {
        public static GrantOptions Default { get; } = new GrantOptions();

        /// <summary>Attempts per write before giving up with <see cref="GrantErrorIds.VaultWriteConflict"/>.</summary>
        public int MaxConflictAttempts { get; init; } = 10;

        /// <summary>The mean wait before the first retry; it doubles per attempt up to <see cref="ConflictMaxDelay"/>.</summary>
        public TimeSpan ConflictBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

        public TimeSpan ConflictMaxDelay { get; init; } = TimeSpan.FromSeconds(20);

        /// <summary>How to wait (tests replace it to run without sleeping).</summary>
        internal Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

        /// <summary>A factor in [0.5, 1.5) spreading the waits of parallel writers (tests fix it).</summary>
        internal Func<double>? Jitter { get; init; }
    }
}
