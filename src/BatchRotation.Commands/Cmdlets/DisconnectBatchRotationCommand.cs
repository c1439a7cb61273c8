using System.Management.Automation;
using BatchRotation.Commands.Infrastructure;
using BatchRotation.Core.Model;

namespace BatchRotation.Commands.Cmdlets
{
    /// <summary>
    /// Forgets this runspace's sign-in; later cmdlets use Azure.Identity's default chain again.
    /// </summary>
    /// <remarks>
    /// No ShouldProcess: PowerShell asks for it on changes to the system, and this changes nothing outside the
    /// runspace's memory (no file, no Azure resource, no other session); what it forgets, Connect-BatchRotation
    /// restores. Runbooks call it in finally blocks, where no prompt belongs.
    /// </remarks>
    [Cmdlet(VerbsCommunications.Disconnect, "BatchRotation")]
    [OutputType(typeof(BatchRotationContextInfo))]
    public sealed class DisconnectBatchRotationCommand : BatchRotationCmdlet
    {
        /// <summary>Writes the forgotten sign-in to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var forgotten = SessionContext.Disconnect();
            if (forgotten is null)
            {
                WriteVerbose("Nothing was connected in this session; the cmdlets use the default credential chain.");
                return;
            }

            WriteVerbose($"Forgot the sign-in of {forgotten.Info}; the cmdlets of this session use the default credential chain again.");
            if (PassThru)
            {
                WriteObject(forgotten.Info);
            }
        }
    }
}
