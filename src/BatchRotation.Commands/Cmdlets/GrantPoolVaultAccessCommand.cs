using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using BatchRotation.Commands.Infrastructure;
using BatchRotation.Core.Model;
using BatchRotation.Core.Operations.Grants;
using BatchRotation.Core.Rules;

namespace BatchRotation.Commands.Cmdlets
{
    /// <summary>
    /// Grants a pool's user-assigned identity least-privilege read access to the secrets behind its certificates,
    /// in each certificate's vault, before the pool exists (or repairs an existing pool's grants). By-name input is
    /// collected and granted once in EndProcessing, so a pipeline into New-RotatingBatchPool gets one object.
    /// The default set is ByPool because PowerShell binds pipeline input to the default set first: a pool object
    /// has IdentityResourceId and CertificateUrl properties too, and with ByIdentity as the default it bound by
    /// name (all pools granted as one, a pool without identity failing validation). Records without a pool's type
    /// still bind ByIdentity by name, and named or positional arguments select ByIdentity.
    /// </summary>
    [Cmdlet(VerbsSecurity.Grant, "PoolVaultAccess", DefaultParameterSetName = ByPoolSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PoolVaultAccess))]
    public sealed class GrantPoolVaultAccessCommand : BatchRotationCmdlet
    {
        public const string ByIdentitySet = "ByIdentity";
        public const string ByPoolSet = "ByPool";

        private readonly List<KeyValuePair<string, string[]>> _pending = new List<KeyValuePair<string, string[]>>();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdentitySet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string IdentityResourceId { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByIdentitySet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] CertificateUrl { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ByPoolSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public RotatingBatchPool InputObject { get; set; } = null!;

        [Parameter]
        public GrantAccessModel AccessModel { get; set; } = GrantAccessModel.Auto;

        [Parameter]
        public RbacGrantScope RbacScope { get; set; } = RbacGrantScope.Vault;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByPoolSet)
            {
                var pool = InputObject;
                var repaired = RunOperation((sink, token) =>
                    VaultAccessGranter.Create(CreateClients(sink), Context).RepairPoolAsync(pool, AccessModel, RbacScope, sink, token));
                if (repaired != null)
                {
                    WriteObject(repaired);
                }

                return;
            }

            _pending.Add(new KeyValuePair<string, string[]>(IdentityResourceId, CertificateUrl));
        }

        protected override void EndProcessing()
        {
            var requests = _pending
                .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
                .Select(g => new GrantRequest(g.First().Key, g.SelectMany(p => p.Value).ToArray()) { AccessModel = AccessModel, RbacScope = RbacScope })
                .ToList();
            if (requests.Count == 0)
            {
                return;
            }

            if (requests.Count == 1)
            {
                // One identity: if it cannot be granted at all, nothing can proceed (a terminating error).
                var granted = RunOperation((sink, token) =>
                    VaultAccessGranter.Create(CreateClients(sink), Context).GrantAsync(requests[0], sink, token));
                if (granted != null)
                {
                    WriteObject(granted);
                }

                return;
            }

            StreamOperation<PoolVaultAccess>(async (sink, emit, token) =>
            {
                var granter = VaultAccessGranter.Create(CreateClients(sink), Context);
                foreach (var request in requests)
                {
                    var granted = await granter.TryGrantAsync(request, sink, token).ConfigureAwait(false);
                    if (granted != null)
                    {
                        emit(granted);
                    }
                }
            });
        }
    }
}
