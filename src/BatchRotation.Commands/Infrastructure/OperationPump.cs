using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Operations;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>
    /// Runs one Core operation on the thread pool while the calling (pipeline) thread drains the
    /// messages the operation reports, so that nothing touches a PowerShell stream off the pipeline
    /// thread. The caller blocks here once per record.
    /// </summary>
    internal static class OperationPump
    {
        /// <summary>
        /// Runs <paramref name="operation"/> and writes everything it reports through
        /// <paramref name="writer"/> on the calling thread, in the order it was reported.
        /// </summary>
        /// <returns>
        /// null when the operation completed; otherwise the exception it failed with, unwrapped from
        /// any <see cref="AggregateException"/>. When <paramref name="stop"/> is cancelled the pump
        /// stops draining at once and returns an <see cref="OperationCanceledException"/> even if the
        /// operation has not yet noticed the cancellation.
        /// </returns>
        /// <remarks>
        /// Exceptions thrown by <paramref name="writer"/> (the pipeline was stopped, -ErrorAction Stop
        /// turned a WriteError into a terminating error, ...) cancel the operation and propagate from
        /// here unchanged: they are PowerShell's, not the operation's.
        /// </remarks>
        public static Exception? Run(
            Func<QueuedOperationSink, CancellationToken, Task> operation,
            IPipelineWriter writer,
            CancellationToken stop)
        {
            var queue = new BlockingCollection<Action<IPipelineWriter>>();
            var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var sink = new QueuedOperationSink(queue, cancellation.Token);

            Task running = Task.Run(
                () => operation(sink, cancellation.Token)
                      ?? throw new InvalidOperationException("The operation returned no task."),
                CancellationToken.None);

            // When the operation ends (however it ends) nothing more will be queued. The source is
            // disposed only then, because the operation may still hold its token after a stop.
            running.ContinueWith(
                _ =>
                {
                    queue.CompleteAdding();
                    cancellation.Dispose();
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);

            try
            {
                foreach (Action<IPipelineWriter> message in queue.GetConsumingEnumerable(stop))
                {
                    message(writer);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return new OperationCanceledException(stop);
            }
            catch
            {
                // A writer exception: the pipeline will not take more, so the operation must end too.
                Cancel(cancellation);
                throw;
            }

            if (running.IsFaulted)
            {
                return Unwrap(running.Exception);
            }

            return running.IsCanceled ? new TaskCanceledException(running) : null;
        }

        /// <summary>Flattens <paramref name="exception"/> to the single exception it carries, if it carries one.</summary>
        internal static Exception? Unwrap(Exception? exception)
        {
            while (exception is AggregateException aggregate)
            {
                var inner = aggregate.Flatten().InnerExceptions;
                if (inner.Count != 1)
                {
                    // Several failures at once: keep them together rather than pick one arbitrarily,
                    // unless they are all cancellations (then any one says what happened).
                    return inner.All(e => e is OperationCanceledException) ? inner[0] : aggregate;
                }

                exception = inner[0];
            }

            return exception;
        }

        private static void Cancel(CancellationTokenSource source)
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The operation had already completed and its continuation disposed the source.
            }
        }
    }
}
