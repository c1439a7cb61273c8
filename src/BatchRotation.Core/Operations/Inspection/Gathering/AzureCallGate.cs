using System;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Operations.Inspection.Gathering
{
    /// <summary>
    /// Every Azure call of a run passes here: at most <c>limit</c> are in flight at once, and a call that is
    /// still throttled (429) after the pipeline's own retries, which honour Retry-After, is tried again after a
    /// growing pause while keeping its slot, so that throttling slows the run down instead of failing it.
    /// </summary>
    internal sealed class AzureCallGate : IDisposable
    {
        /// <summary>Extra attempts after the pipeline gave up on a 429.</summary>
        public const int ThrottleRetries = 4;

        private readonly SemaphoreSlim _slots;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly Action<string>? _verbose;
        private long _calls;
        private long _throttled;

        public AzureCallGate(int limit, Action<string>? verbose = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "The throttle limit must be at least 1.");
            }

            Limit = limit;
            _slots = new SemaphoreSlim(limit, limit);
            _delay = delay ?? Task.Delay;
            _verbose = verbose;
        }

        public int Limit { get; }

        /// <summary>Calls made (each attempt counts once).</summary>
        public long Calls => Interlocked.Read(ref _calls);

        /// <summary>Calls that were still throttled after the pipeline's retries.</summary>
        public long Throttled => Interlocked.Read(ref _throttled);

        public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                for (var attempt = 0; ; attempt++)
                {
                    Interlocked.Increment(ref _calls);
                    try
                    {
                        return await call(cancellationToken).ConfigureAwait(false);
                    }
                    catch (BatchRotationException error) when (error.Status == 429 && attempt < ThrottleRetries)
                    {
                        Interlocked.Increment(ref _throttled);
                        var pause = TimeSpan.FromSeconds(Math.Min(30, 2 << attempt));
                        _verbose?.Invoke($"Azure is still throttling after retries ({error.Message}); waiting {pause.TotalSeconds:0} s before trying again.");
                        await _delay(pause, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                _slots.Release();
            }
        }

        /// <summary>Runs a read and turns an Azure failure into a <see cref="Lookup{T}"/> (cancellation still throws).</summary>
        public async Task<Lookup<T>> LookupAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
            where T : class
        {
            try
            {
                return Lookup<T>.Found(await RunAsync(call, cancellationToken).ConfigureAwait(false));
            }
            catch (BatchRotationException error)
            {
                return Lookup<T>.From(error);
            }
        }

        public void Dispose() => _slots.Dispose();
    }
}
