using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations.Inspection.Checks;
using BatchRotation.Core.Operations.Inspection.Gathering;

namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>
    /// Test-PoolCertificate's operation: finds the pools a request names, gathers the facts of each (shared
    /// resources read once per run, independent calls concurrent within the throttle limit) and emits one
    /// <see cref="PoolCertificateReport"/> per pool as soon as that pool is judged. Reports are not kept, and
    /// the run's cache is bounded, so memory stays flat however many pools there are.
    /// </summary>
    /// <remarks>
    /// One inspector is one run: call <see cref="InspectAsync"/> once, or several times (a cmdlet feeding piped
    /// pools in batches); every call shares the cache and the counters. Never reads a secret's value or a
    /// private key: Key Vault is read through <c>/certificates/</c> metadata only.
    /// </remarks>
    public sealed class PoolCertificateInspector
    {
        public const int ProgressActivityId = 5;
        private const string Activity = "Testing pool certificates";

        private readonly InspectionOptions _options;
        private readonly InspectionCache _cache;
        private readonly Func<TimeSpan, CancellationToken, Task>? _delay;
        private int _tested;
        private int _notCompliant;
        private int _errors;
        private long _calls;
        private long _throttled;

        public PoolCertificateInspector(InspectionOptions? options = null)
            : this(options, null)
        {
        }

        internal PoolCertificateInspector(InspectionOptions? options, Func<TimeSpan, CancellationToken, Task>? delay)
        {
            _options = options ?? new InspectionOptions();
            if (_options.ThrottleLimit < 1)
            {
                throw new BatchRotationException(InspectionErrorIds.InvalidThrottleLimit, ErrorKind.InvalidArgument,
                    $"The throttle limit {_options.ThrottleLimit} must be at least 1.", _options.ThrottleLimit);
            }

            if (_options.ExpiryWarning < TimeSpan.Zero)
            {
                throw new BatchRotationException(InspectionErrorIds.InvalidExpiryWarning, ErrorKind.InvalidArgument,
                    $"The expiry warning {_options.ExpiryWarning} is negative.", _options.ExpiryWarning)
                {
                    Remedy = "Give a positive time span, e.g. -ExpiryWarning (New-TimeSpan -Days 30).",
                };
            }

            _cache = new InspectionCache(Math.Max(16, _options.CacheCapacity));
            _delay = delay;
        }

        public InspectionOptions Options => _options;

        /// <summary>Pools judged so far in this run.</summary>
        public int Tested => Volatile.Read(ref _tested);

        /// <summary>Pools judged not compliant so far.</summary>
        public int NotCompliant => Volatile.Read(ref _notCompliant);

        /// <summary>Non-terminating errors written so far (pools or accounts not found, lists refused).</summary>
        public int Errors => Volatile.Read(ref _errors);

        /// <summary>Azure calls made so far (each attempt once).</summary>
        public long AzureCalls => Interlocked.Read(ref _calls);

        /// <summary>Calls still throttled after the pipeline's retries, and tried again.</summary>
        public long ThrottledCalls => Interlocked.Read(ref _throttled);

        /// <summary>True when at least one pool was judged, every one compliant, and no error was written: the -Quiet answer.</summary>
        public bool AllCompliant => Tested > 0 && NotCompliant == 0 && Errors == 0;

        public async Task InspectAsync(
            PoolInspectionRequest request, InspectionClients clients, IOperationSink sink, Action<PoolCertificateReport> emit, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (clients == null) throw new ArgumentNullException(nameof(clients));
            if (sink == null) throw new ArgumentNullException(nameof(sink));
            if (emit == null) throw new ArgumentNullException(nameof(emit));

            var counting = new CountingSink(sink, () => Interlocked.Increment(ref _errors));
            using var gate = new AzureCallGate(_options.ThrottleLimit, sink.WriteVerbose, _delay);
            using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var vaultSubscriptions = request.NamedSubscriptions().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var gatherer = new PoolFactGatherer(clients, _cache, gate, _options, vaultSubscriptions);
            var source = new PoolSource(clients, _cache, gate, counting);
            var emitLock = new object();
            var running = new HashSet<Task>();
            using var slots = new SemaphoreSlim(Math.Max(2, _options.ThrottleLimit * 2));
            var started = Tested;
            Exception? unexpected = null;

            async Task TestPoolAsync(BatchPool pool, string? endpoint)
            {
                try
                {
                    var facts = await gatherer.GatherAsync(pool, endpoint, failure.Token).ConfigureAwait(false);
                    var report = PoolReportBuilder.Build(facts, _options, _options.Now());
                    lock (emitLock)
                    {
                        emit(report);
                    }

                    Interlocked.Increment(ref _tested);
                    if (!report.IsCompliant)
                    {
                        Interlocked.Increment(ref _notCompliant);
                    }
                }
                catch (BatchRotationException error) when (error.Kind != ErrorKind.AuthenticationError)
                {
                    counting.WriteError(new BatchRotationException(InspectionErrorIds.PoolTestFailed, error.Kind,
                        $"Pool {pool.Id} could not be tested: {error.Message}", pool.Id, error)
                    {
                        Remedy = error.Remedy,
                    });
                }
                catch (Exception error) when (!(error is OperationCanceledException))
                {
                    unexpected ??= error;
                    failure.Cancel();
                }
                finally
                {
                    slots.Release();
                    Progress(sink, source.Known, started, false);
                }
            }

            async Task ConsumeAsync(BatchPool pool, string? endpoint)
            {
                await slots.WaitAsync(failure.Token).ConfigureAwait(false);
                var task = TestPoolAsync(pool, endpoint);
                lock (running)
                {
                    running.Add(task);
                }

                _ = task.ContinueWith(
                    t =>
                    {
                        lock (running)
                        {
                            running.Remove(t);
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            Progress(sink, 0, started, false);
            try
            {
                await source.ForEachAsync(request, ConsumeAsync, failure.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (unexpected != null && !cancellationToken.IsCancellationRequested)
            {
                // A pool failed unexpectedly and stopped the run; its exception is rethrown below.
            }
            finally
            {
                Task[] remaining;
                lock (running)
                {
                    remaining = running.ToArray();
                }

                try
                {
                    await Task.WhenAll(remaining).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (unexpected != null || cancellationToken.IsCancellationRequested)
                {
                }

                Interlocked.Add(ref _calls, gate.Calls);
                Interlocked.Add(ref _throttled, gate.Throttled);
                Progress(sink, source.Known, started, true);
            }

            if (unexpected != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(unexpected).Throw();
            }

            sink.WriteVerbose(string.Format(CultureInfo.InvariantCulture,
                "Tested {0} pool(s) with {1} Azure call(s) ({2} still throttled after retries); {3} not compliant.",
                Tested - started, gate.Calls, gate.Throttled, NotCompliant));
        }

        private void Progress(IOperationSink sink, int known, int started, bool completed)
        {
            var done = Tested - started;
            var status = known == 0 && !completed
                ? "Finding pools..."
                : string.Format(CultureInfo.InvariantCulture, "{0} of {1} pool(s) tested, {2} not compliant", done, Math.Max(known, done), NotCompliant);
            sink.WriteProgress(new OperationProgress(ProgressActivityId, Activity, status)
            {
                PercentComplete = known > 0 ? Math.Min(100, done * 100 / known) : -1,
                Completed = completed,
            });
        }

        /// <summary>Counts the non-terminating errors written, for the -Quiet answer.</summary>
        private sealed class CountingSink : IOperationSink
        {
            private readonly IOperationSink _inner;
            private readonly Action _counted;

            public CountingSink(IOperationSink inner, Action counted)
            {
                _inner = inner;
                _counted = counted;
            }

            public void WriteVerbose(string message) => _inner.WriteVerbose(message);

            public void WriteWarning(string message) => _inner.WriteWarning(message);

            public void WriteProgress(OperationProgress progress) => _inner.WriteProgress(progress);

            public void WriteError(BatchRotationException error)
            {
                _counted();
                _inner.WriteError(error);
            }

            public bool ShouldProcess(string target, string action) => _inner.ShouldProcess(target, action);
        }
    }
}
