using System.Management.Automation;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>
    /// Writes what the pump drains to a cmdlet's streams. Used only on the pipeline thread. Every text
    /// passes through the sign-in's redactor once more, so that no stream shows a token or secret even
    /// if a message escaped the Core's own redaction.
    /// </summary>
    internal sealed class CmdletPipelineWriter : IPipelineWriter
    {
        private readonly PSCmdlet _cmdlet;
        private readonly Redactor _redactor;

        public CmdletPipelineWriter(PSCmdlet cmdlet, Redactor redactor)
        {
            _cmdlet = cmdlet;
            _redactor = redactor;
        }

        public void WriteObject(object? item) => _cmdlet.WriteObject(item, enumerateCollection: false);

        public void WriteVerbose(string message) => _cmdlet.WriteVerbose(_redactor.Redact(message) ?? string.Empty);

        public void WriteWarning(string message) => _cmdlet.WriteWarning(_redactor.Redact(message) ?? string.Empty);

        public void WriteError(BatchRotationException error) => _cmdlet.WriteError(ErrorRecords.From(error, _redactor));

        public bool ShouldProcess(string target, string action) => _cmdlet.ShouldProcess(target, action);

        public void WriteProgress(OperationProgress progress)
        {
            // ProgressRecord rejects an empty activity or status and a percentage above 100.
            var record = new ProgressRecord(
                progress.ActivityId,
                string.IsNullOrEmpty(progress.Activity) ? "BatchRotation" : _redactor.Redact(progress.Activity),
                string.IsNullOrEmpty(progress.Status) ? "..." : _redactor.Redact(progress.Status))
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
