using System.Management.Automation;
using BatchRotation.Commands.Infrastructure;
using BatchRotation.Core.Model;

namespace BatchRotation.Commands.Cmdlets
{
    /// <summary>
    /// Shows the sign-in the cmdlets of this session use: Connect-BatchRotation's, or (when nothing is
    /// connected) the default chain they fall back to. Never signs in and never fails for want of a sign-in.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "BatchRotationContext")]
    [OutputType(typeof(BatchRotationContextInfo))]
    public sealed class GetBatchRotationContextCommand : BatchRotationCmdlet
    {
        protected override void ProcessRecord() =>
            WriteObject(SessionContext.Connection?.Info
                        ?? BatchRotationContextInfo.From(SessionContext.Resolve(), signedIn: null, isConnected: false));
    }
}
