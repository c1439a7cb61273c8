using System.Management.Automation;
using BatchRotation.Commands.Cmdlets.Connection;
using BatchRotation.Commands.Infrastructure;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Connection;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Model;

namespace BatchRotation.Commands.Cmdlets
{
    /// <summary>
    /// Signs this session in: proves the credential works (a token, who it names, the subscription) and
    /// keeps the sign-in for every later cmdlet of the runspace. Without it the cmdlets use Azure.Identity's
    /// default chain. Not a ShouldProcess cmdlet: it changes nothing outside this runspace.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "BatchRotation", DefaultParameterSetName = DefaultChainSet)]
    [OutputType(typeof(BatchRotationContextInfo))]
    public sealed class ConnectBatchRotationCommand : BatchRotationCmdlet
    {
        public const string DefaultChainSet = "DefaultChain";
        public const string ManagedIdentitySet = "ManagedIdentity";
        public const string DeviceCodeSet = "DeviceCode";
        public const string EnvironmentFileSet = "EnvironmentFile";

        /// <summary>The built-in clouds (the values of AzureCloud.KnownClouds; a Commands test keeps them equal).</summary>
        [Parameter(ParameterSetName = DefaultChainSet)]
        [Parameter(ParameterSetName = ManagedIdentitySet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [ValidateSet("AzureCloud", "AzureUSGovernment", "AzureChinaCloud", IgnoreCase = true)]
        public string? Environment { get; set; }

        [Parameter(ParameterSetName = DefaultChainSet)]
        [Parameter(ParameterSetName = ManagedIdentitySet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ManagedIdentitySet)]
        public SwitchParameter Identity { get; set; }

        [Parameter(ParameterSetName = ManagedIdentitySet)]
        [ValidateNotNullOrEmpty]
        public string? ManagedIdentityClientId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        public SwitchParameter UseDeviceCode { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = EnvironmentFileSet)]
        [ValidateNotNullOrEmpty]
        public string EnvironmentFile { get; set; } = null!;

        protected override void ProcessRecord()
        {
            SignInRequest request;
            try
            {
                request = BuildRequest();
            }
            catch (BatchRotationException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex));
                return;
            }

            var connection = RunOperation((sink, token) => ConnectOperation.ConnectAsync(request, sink, token));
            SessionContext.Connect(connection);
            WriteObject(connection.Info);
        }

        private SignInRequest BuildRequest() => ParameterSetName switch
        {
            EnvironmentFileSet => SignInRequest.EnvironmentFile(EnvironmentFilePath.Resolve(this, EnvironmentFile), SubscriptionId),
            ManagedIdentitySet => new SignInRequest
            {
                Method = SignInMethod.ManagedIdentity,
                CloudName = Environment,
                TenantId = TenantId,
                SubscriptionId = SubscriptionId,
                ManagedIdentityClientId = ManagedIdentityClientId,
            },
            // ConnectOperation routes the device code to the sink, so that it reaches the user on the pipeline thread.
            DeviceCodeSet => new SignInRequest { Method = SignInMethod.DeviceCode, CloudName = Environment, TenantId = TenantId, SubscriptionId = SubscriptionId },
            _ => SignInRequest.Default(Environment, TenantId, SubscriptionId),
        };
    }
}
