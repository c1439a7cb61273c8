using System.Management.Automation;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>Writes what the pump drains to a cmdlet's streams. Used only on the pipeline thread.</summary>
    internal sealed class CmdletPipelineWriter : IPipelineWriter
    {
        private readonly PSCmdlet _cmdlet;

        public CmdletPipelineWriter(PSCmdlet cmdlet) => _cmdlet = cmdlet;

        public void WriteObject(object? item) => _cmdlet.WriteObject(item, enumerateCollection: false);

        public void WriteVerbose(string message) => _cmdlet.WriteVerbose(message);

        public void WriteWarning(string message) => _cmdlet.WriteWarning(message);

        public void WriteError(BatchRotationException error) => _cmdlet.WriteError(ErrorRecords.From(error));

        public bool ShouldProcess(string target, string action) => _cmdlet.ShouldProcess(target, action);

        public void WriteProgress(OperationProgress progress)
        {
            // ProgressRecord rejects an empty activity or status and a percentage above 100.
            var record = new ProgressRecord(
                progress.ActivityId,
                string.IsNullOrEmpty(progress.Activity) ? "BatchRotation" : progress.Activity,
                string.IsNullOrEmpty(progress.Status) ? "..." : progress.Status)
            {
                PercentComplete = progress.PercentComplete is < -1 or > 100 ? -1 : progress.PercentComplete,
                RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };

            if (progress.ParentActivityId is int parent && parent != progress.ActivityId)
            {
                record.ParentActivityId = parent;
            }

            _cmdlet.WriteProgress(record);
        }
    }
}
