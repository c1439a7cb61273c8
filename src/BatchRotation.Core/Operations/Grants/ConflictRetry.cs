using System;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>
    /// Retries a write that ARM refused with 409 because another change to the same vault was in progress
    /// (parallel runbooks granting on one vault). The waits grow exponentially and are jittered, so that
    /// writers that collided once do not collide again. A refusal that is not a conflict is not retried.
    /// </summary>
    internal sealed class ConflictRetry
    {
        private static readonly object RandomLock = new object();
        private static readonly Random SharedRandom = new Random();
        private readonly GrantOptions _options;
        private readonly IOperationSink _sink;

        public ConflictRetry(GrantOptions options, IOperationSink sink)
        {
            _options = options;
            _sink = sink;
        }

        public async Task<T> RunAsync<T>(string vaultId, string what, Func<Task<T>> write, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await write().ConfigureAwait(false);
                }
                catch (BatchRotationException ex) when (IsConflict(ex))
                {
                    if (attempt >= _options.MaxConflictAttempts)
                    {
                        throw GrantErrors.VaultWriteConflict(vaultId, attempt, ex);
                    }

                    var delay = DelayBefore(attempt + 1);
                    _sink.WriteVerbose($"Another change to {vaultId} was in progress ({ex.AzureErrorCode ?? "409"}); retrying {what} in {delay.TotalSeconds:0.0} s (attempt {attempt + 1} of {_options.MaxConflictAttempts}).");
                    await _options.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>A 409 that means "busy, try again": not an "already exists" answer.</summary>
        internal static bool IsConflict(BatchRotationException ex) =>
            ex.Status == 409 && ex.Kind != ErrorKind.ResourceExists;

        internal TimeSpan DelayBefore(int attempt)
        {
            var exponent = Math.Min(attempt - 2, 16);
            var mean = Math.Min(_options.ConflictBaseDelay.TotalMilliseconds * Math.Pow(2, exponent), _options.ConflictMaxDelay.TotalMilliseconds);
            return TimeSpan.FromMilliseconds(mean * NextJitter());
        }

        private double NextJitter()
        {
            if (_options.Jitter != null)
            {
                return _options.Jitter();
            }

            lock (RandomLock)
            {
                return 0.5 + SharedRandom.NextDouble();
            }
        }
    }
}
