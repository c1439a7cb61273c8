using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>
    /// The <see cref="IOperationSink"/> a Core operation talks to. Safe to call from any thread: every
    /// call becomes a message in a queue that <see cref="OperationPump"/> drains on the pipeline thread.
    /// <see cref="ShouldProcess"/> blocks its caller until the pipeline thread has answered, or until
    /// the operation is cancelled (then it throws <see cref="OperationCanceledException"/>).
    /// </summary>
    internal sealed class QueuedOperationSink : IOperationSink
    {
        private readonly BlockingCollection<Action<IPipelineWriter>> _queue;
        private readonly CancellationToken _cancellation;

        public QueuedOperationSink(BlockingCollection<Action<IPipelineWriter>> queue, CancellationToken cancellation)
        {
            _queue = queue;
            _cancellation = cancellation;
        }

        public void WriteVerbose(string message) => Post(w => w.WriteVerbose(message));

        public void WriteWarning(string message) => Post(w => w.WriteWarning(message));

        public void WriteProgress(OperationProgress progress) => Post(w => w.WriteProgress(progress));

        public void WriteError(BatchRotationException error) => Post(w => w.WriteError(error));

        /// <summary>Queues one output object; used for the streamed-output variant of the pump.</summary>
        public void WriteObject(object? item) => Post(w => w.WriteObject(item));

        public bool ShouldProcess(string target, string action)
        {
            var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(w =>
            {
                try
                {
                    answer.TrySetResult(w.ShouldProcess(target, action));
                }
                catch
                {
                    // The pipeline refused to ask (stopped, -Confirm "Suspend"...): the Core thread must
                    // not wait forever. It sees a cancellation; the pump rethrows the original exception.
                    answer.TrySetCanceled();
                    throw;
                }
            });

            // Wait(token) throws OperationCanceledException when the operation is cancelled, which also
            // happens when the pump stops draining (it cancels the operation's token on its way out).
            try
            {
                answer.Task.Wait(_cancellation);
            }
            catch (AggregateException e) when (e.InnerException is TaskCanceledException)
            {
                throw new OperationCanceledException(_cancellation);
            }

            return answer.Task.Result;
        }

        private void Post(Action<IPipelineWriter> message)
        {
            // After the pump has gone (stop, or an exception on the pipeline thread) nobody will read the
            // message: drop it rather than fail the Core thread with an unrelated exception.
            try
            {
                _queue.Add(message);
            }
            catch (InvalidOperationException) when (_queue.IsAddingCompleted)
            {
            }
        }
    }
}
