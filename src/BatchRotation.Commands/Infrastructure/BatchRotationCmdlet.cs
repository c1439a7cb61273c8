using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Connection;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>
    /// Base class of every BatchRotation cmdlet: runs one Core operation per record on the thread pool
    /// and writes what it reports on the pipeline thread.
    /// </summary>
    /// <remarks>
    /// How a cmdlet uses it (bind, call one Core operation, let the base do the rest):
    /// <code>
    /// [Cmdlet(VerbsSecurity.Grant, "PoolVaultAccess", SupportsShouldProcess = true)]
    /// [OutputType(typeof(PoolVaultAccess))]
    /// public sealed class GrantPoolVaultAccessCommand : BatchRotationCmdlet
    /// {
    ///     [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    ///     public string IdentityResourceId { get; set; } = null!;
    ///
    ///     protected override void ProcessRecord() =>
    ///         StreamOperation&lt;PoolVaultAccess&gt;((sink, emit, token) =>
    ///             Granter.GrantAsync(new GrantRequest(IdentityResourceId), sink, emit, token));
    /// }
    /// </code>
    /// <list type="bullet">
    /// <item>The operation receives an <see cref="IOperationSink"/> (verbose, warning, progress, per-item
    /// errors, ShouldProcess) and a token that is cancelled by Ctrl+C (<see cref="StopProcessing"/>).
    /// It runs on the thread pool; every sink call is queued and written on the pipeline thread.
    /// <see cref="IOperationSink.ShouldProcess"/> blocks the Core's thread until the user answers.</item>
    /// <item><see cref="IOperationSink.WriteError"/> writes a non-terminating error for one item; an
    /// exception thrown by the operation becomes a terminating error (so -ErrorAction Stop and
    /// try/catch behave). A <see cref="BatchRotationException"/> keeps its ErrorId, kind, target and
    /// remedy; anything else gets a constant ErrorId (see <see cref="OperationFailure"/>). A
    /// cancellation after Ctrl+C is silent.</item>
    /// <item>The cmdlet blocks once per record, inside the Run/Stream call. Core code awaits with
    /// ConfigureAwait(false) and never calls a PowerShell API.</item>
    /// </list>
    /// </remarks>
    public abstract class BatchRotationCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        // The runspace's sign-in, read on the pipeline thread before each operation starts: the
        // operation runs on the thread pool, where Runspace.DefaultRunspace (SessionContext's key) is null.
        private BatchRotationContext? _context;
        private BatchRotationConnection? _connection;

        /// <summary>Cancelled when the user presses Ctrl+C (or the pipeline is stopped otherwise).</summary>
        protected CancellationToken StopToken => _stopping.Token;

        /// <summary>Runs an operation that reports through the sink only.</summary>
        protected void RunOperation(Func<IOperationSink, CancellationToken, Task> operation) =>
            Pump((sink, token) => operation(sink, token));

        /// <summary>Runs an operation and returns its result to the cmdlet (which decides what to write).</summary>
        protected TResult RunOperation<TResult>(Func<IOperationSink, CancellationToken, Task<TResult>> operation)
        {
            TResult result = default!;
            Pump(async (sink, token) => result = await operation(sink, token).ConfigureAwait(false));
            return result;
        }

        /// <summary>
        /// Runs an operation that produces output objects one by one; each object passed to the emit
        /// callback is written to the pipeline as soon as the pipeline thread gets to it.
        /// </summary>
        protected void StreamOperation<TOutput>(Func<IOperationSink, Action<TOutput>, CancellationToken, Task> operation) =>
            Pump((sink, token) => operation(sink, item => sink.WriteObject(item), token));

        /// <summary>
        /// The sign-in of this runspace (Connect-BatchRotation's, else Azure.Identity's default chain), as it
        /// was when the current operation started. Safe to use inside an operation.
        /// </summary>
        protected BatchRotationContext Context => _context ?? SessionContext.Resolve();

        /// <summary>
        /// The Azure clients for one operation, reporting each call (method, URL, status, request id;
        /// never a token) to the operation's verbose stream. An interactive sign-in's prompt (a new device
        /// code) also goes to this operation.
        /// </summary>
        protected AzureClients CreateClients(IOperationSink sink)
        {
            _connection?.Prompts.AttachTo(sink);
            return AzureClients.Create(Context, sink.WriteVerbose);
        }

        /// <summary>Writes a non-terminating error for one failed item, with that item as its target.</summary>
        protected void WriteError(BatchRotationException error) => WriteError(ErrorRecords.From(error, ErrorRedactor));

        /// <summary>Masks the sign-in's secrets (and tokens) in everything written to the error, verbose and warning streams.</summary>
        private Redactor ErrorRedactor => (_context ?? SessionContext.Connected)?.Redactor ?? Redactor.Default;

        protected override void StopProcessing()
        {
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The command already finished.
            }

            base.StopProcessing();
        }

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                _stopping.Dispose();
            }
        }

        private void Pump(Func<QueuedOperationSink, CancellationToken, Task> operation)
        {
            _context = SessionContext.Resolve();
            _connection = SessionContext.Connection;
            Exception? failure = OperationPump.Run(operation, new CmdletPipelineWriter(this, ErrorRedactor), _stopping.Token);
            if (failure is null)
            {
                return;
            }

            if (failure is OperationCanceledException && _stopping.IsCancellationRequested)
            {
                // The user stopped the command: PowerShell ends the pipeline quietly on this exception,
                // and the cmdlet's own code after the Run/Stream call does not run.
                throw new PipelineStoppedException();
            }

            ThrowTerminatingError(ErrorRecords.From(failure, ErrorRedactor));
        }
    }
}
