using System;
using System.Management.Automation;
using BatchRotation.Commands.Infrastructure;
using BatchRotation.Core.Model;
using BatchRotation.Core.Operations.Pools;

namespace BatchRotation.Commands.Cmdlets
{
    /// <summary>
    /// Creates a Batch pool whose certificates rotate: the user-assigned identity on the pool and the Key Vault VM
    /// extension observing versionless secret URLs, with settings correct for the OS and extension version. Every
    /// check runs before anything is written; an existing pool is never modified (-Force deletes and recreates it).
    /// ConfirmImpact is Medium: PowerShell has one impact per cmdlet, and High would prompt on every plain create
    /// (and fail unattended runbooks); deleting an existing pool needs the explicit -Force and still goes through
    /// ShouldProcess, so -WhatIf and -Confirm show it.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "RotatingBatchPool", DefaultParameterSetName = ByNameSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RotatingBatchPool), typeof(string))]
    public sealed class NewRotatingBatchPoolCommand : BatchRotationCmdlet
    {
        public const string ByNameSet = "ByName";
        public const string ByNameWithImageReferenceSet = "ByNameWithImageReference";
        public const string ByAccountIdSet = "ByAccountId";
        public const string ByAccountIdWithImageReferenceSet = "ByAccountIdWithImageReference";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameWithImageReferenceSet)]
        [ValidateNotNullOrEmpty]
        public string ResourceGroupName { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByNameSet)]
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByNameWithImageReferenceSet)]
        [ValidateNotNullOrEmpty]
        public string AccountName { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ByAccountIdSet)]
        [Parameter(Mandatory = true, ParameterSetName = ByAccountIdWithImageReferenceSet)]
        [ValidateNotNullOrEmpty]
        public string AccountResourceId { get; set; } = null!;

        [Parameter(Mandatory = true)]
        [Alias("PoolName")]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = null!;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string IdentityResourceId { get; set; } = null!;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] CertificateUrl { get; set; } = null!;

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(VmSizeCompleter))]
        public string VmSize { get; set; } = null!;

        [Parameter(ParameterSetName = ByNameSet)]
        [Parameter(ParameterSetName = ByAccountIdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageAliasCompleter))]
        public string Image { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ByNameWithImageReferenceSet)]
        [Parameter(Mandatory = true, ParameterSetName = ByAccountIdWithImageReferenceSet)]
        [ValidateNotNullOrEmpty]
        public string ImageReference { get; set; } = null!;

        [Parameter(ParameterSetName = ByNameWithImageReferenceSet)]
        [Parameter(ParameterSetName = ByAccountIdWithImageReferenceSet)]
        [ValidateNotNullOrEmpty]
        public string NodeAgentSkuId { get; set; } = null!;

        [Parameter]
        [ValidateRange(0, 10000)]
        public int TargetDedicatedNodes { get; set; } = 1;

        [Parameter]
        [ValidateRange(0, 10000)]
        public int TargetLowPriorityNodes { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ExtensionVersionCompleter))]
        public string ExtensionVersion { get; set; } = null!;

        [Parameter]
        public TimeSpan PollingInterval { get; set; }

        [Parameter]
        public bool RequireInitialSync { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CertificateStoreLocationCompleter))]
        public string CertificateStoreLocation { get; set; } = null!;

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CertificateStoreNameCompleter))]
        public string CertificateStoreName { get; set; } = null!;

        [Parameter]
        public SwitchParameter KeyExportable { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] CertificateAccount { get; set; } = null!;

        [Parameter]
        public SwitchParameter LinkOnRenewal { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SubnetId { get; set; } = null!;

        [Parameter]
        public SwitchParameter SkipAccessCheck { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        public TimeSpan Timeout { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter AsTemplate { get; set; }

        protected override void ProcessRecord()
        {
            var request = new NewRotatingBatchPoolRequest(Name, IdentityResourceId, CertificateUrl, VmSize)
            {
                AccountResourceId = Bound(nameof(AccountResourceId)) ? AccountResourceId : null,
                SubscriptionId = Context.SubscriptionId,
                ResourceGroupName = Bound(nameof(ResourceGroupName)) ? ResourceGroupName : null,
                AccountName = Bound(nameof(AccountName)) ? AccountName : null,
                Image = Bound(nameof(Image)) ? Image : null,
                ImageReference = Bound(nameof(ImageReference)) ? ImageReference : null,
                NodeAgentSkuId = Bound(nameof(NodeAgentSkuId)) ? NodeAgentSkuId : null,
                TargetDedicatedNodes = TargetDedicatedNodes,
                TargetLowPriorityNodes = TargetLowPriorityNodes,
                ExtensionVersion = Bound(nameof(ExtensionVersion)) ? ExtensionVersion : null,
                PollingInterval = Bound(nameof(PollingInterval)) ? PollingInterval : (TimeSpan?)null,
                RequireInitialSync = Bound(nameof(RequireInitialSync)) ? RequireInitialSync : (bool?)null,
                CertificateStoreLocation = Bound(nameof(CertificateStoreLocation)) ? CertificateStoreLocation : null,
                CertificateStoreName = Bound(nameof(CertificateStoreName)) ? CertificateStoreName : null,
                KeyExportable = Bound(nameof(KeyExportable)) ? KeyExportable.ToBool() : (bool?)null,
                CertificateAccounts = Bound(nameof(CertificateAccount)) ? CertificateAccount : null,
                LinkOnRenewal = Bound(nameof(LinkOnRenewal)) ? LinkOnRenewal.ToBool() : (bool?)null,
                SubnetId = Bound(nameof(SubnetId)) ? SubnetId : null,
                SkipAccessCheck = SkipAccessCheck.IsPresent,
                Force = Force.IsPresent,
                Wait = Wait.IsPresent,
                Timeout = Bound(nameof(Timeout)) ? Timeout : (TimeSpan?)null,
            };

            if (AsTemplate.IsPresent)
            {
                WriteObject(RunOperation((sink, token) =>
                    new PoolProvisioner(PoolClients.From(CreateClients(sink))).BuildTemplateAsync(request, sink, token)));
                return;
            }

            var pool = RunOperation((sink, token) =>
                new PoolProvisioner(PoolClients.From(CreateClients(sink))).CreateAsync(request, sink, token));
            if (pool != null)
            {
                WriteObject(pool);
            }
        }

        private bool Bound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
    }
}
