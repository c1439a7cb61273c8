using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>
    /// What the <see cref="OperationPump"/> may do to the PowerShell pipeline. It calls these methods
    /// only on the thread that called <see cref="OperationPump.Run"/> (the pipeline thread). The cmdlet
    /// base class implements it with <see cref="CmdletPipelineWriter"/>; the tests with a recorder.
    /// Exceptions thrown here (PipelineStoppedException, ActionPreferenceStopException under
    /// -ErrorAction Stop, ...) propagate out of <see cref="OperationPump.Run"/> unchanged.
    /// </summary>
    internal interface IPipelineWriter
    {
        void WriteObject(object? item);

        void WriteVerbose(string message);

        void WriteWarning(string message);

        void WriteProgress(OperationProgress progress);

        void WriteError(BatchRotationException error);

        bool ShouldProcess(string target, string action);
    }
}
