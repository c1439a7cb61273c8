namespace BatchRotation.Core.Operations
{
    /// <summary>
    /// Where a Core operation reports what it does. The cmdlets implement it by queueing each call and
    /// writing it on the pipeline thread; tests implement it with a recording sink. Implementations must
    /// be safe to call from any thread.
    /// </summary>
    public interface IOperationSink
    {
        void WriteVerbose(string message);

        void WriteWarning(string message);

        void WriteProgress(OperationProgress progress);

        /// <summary>Reports a non-terminating failure for one item; the operation goes on with the others.</summary>
        void WriteError(Errors.BatchRotationException error);

        /// <summary>
        /// Asks whether a change may be made (PowerShell's ShouldProcess: -WhatIf, -Confirm). May block
        /// until the user answers. <paramref name="target"/> names the resource, <paramref name="action"/>
        /// what would happen to it.
        /// </summary>
        bool ShouldProcess(string target, string action);
    }
}
