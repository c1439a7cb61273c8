using System;
using System.Threading;
using BatchRotation.Core.Operations;

namespace BatchRotation.Core.Connection
{
    /// <summary>
    /// Passes what an interactive sign-in must show the user (the device code and where to enter it) to the
    /// operation that is running when the credential asks: Connect-BatchRotation's first, then whichever
    /// cmdlet needs a new token later. It arrives as a warning, which the cmdlets write on the pipeline thread.
    /// </summary>
    public sealed class SignInPrompts
    {
        private IOperationSink? _sink;

        /// <summary>Sends later prompts to <paramref name="sink"/>.</summary>
        public void AttachTo(IOperationSink sink) =>
            Interlocked.Exchange(ref _sink, sink ?? throw new ArgumentNullException(nameof(sink)));

        /// <summary>Shows <paramref name="message"/> through the sink attached last (dropped when none is).</summary>
        public void Show(string message) => Volatile.Read(ref _sink)?.WriteWarning(message);
    }
}
