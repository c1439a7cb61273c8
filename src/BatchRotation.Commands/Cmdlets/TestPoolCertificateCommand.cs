using System;
using System.Collections.Generic;
using System.Management.Automation;
using BatchRotation.Commands.Infrastructure;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Model;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Core.Operations.Pools;

namespace BatchRotation.Commands.Cmdlets
{
    /// <summary>
    /// Proves, down to every node, that pools' certificates rotate: one report per pool with a check per
    /// item (stable ids), the status of each observed certificate and a rollup of the nodes. Reports stream
    /// out as each pool is judged; -Quiet answers one boolean for the whole input.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "PoolCertificate", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(PoolCertificateReport), ParameterSetName = new[] { ByNameSet, BySubscriptionSet, ByInputObjectSet })]
    [OutputType(typeof(bool))]
    public sealed class TestPoolCertificateCommand : BatchRotationCmdlet
    {
        public const string ByNameSet = "ByName";
        public const string BySubscriptionSet = "BySubscription";
        public const string ByInputObjectSet = "ByInputObject";

        /// <summary>Piped pools are tested in batches of this size, so that they share concurrency and the run's cache.</summary>
        private const int PipelineBatchSize = 50;

        private readonly List<RotatingBatchPool> _pending = new List<RotatingBatchPool>();
        private PoolCertificateInspector? _inspector;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet)]
        [ValidateNotNullOrEmpty]
        public string ResourceGroupName { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByNameSet)]
        [ValidateNotNullOrEmpty]
        public string AccountName { get; set; } = null!;

        [Parameter(Position = 2, ParameterSetName = ByNameSet)]
        [Alias("PoolName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = BySubscriptionSet)]
        [ValidateNotNullOrEmpty]
        public string[] SubscriptionId { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ByInputObjectSet)]
        [ValidateNotNull]
        public RotatingBatchPool[] InputObject { get; set; } = null!;

        [Parameter]
        public NodeScope Node { get; set; } = NodeScope.All;

        [Parameter]
        public TimeSpan ExpiryWarning { get; set; } = InspectionOptions.DefaultExpiryWarning;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = InspectionOptions.DefaultThrottleLimit;

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void BeginProcessing()
        {
            try
            {
                _inspector = new PoolCertificateInspector(new InspectionOptions { Node = Node, ExpiryWarning = ExpiryWarning, ThrottleLimit = ThrottleLimit });
            }
            catch (BatchRotationException error)
            {
                ThrowTerminatingError(ErrorRecords.From(error));
            }
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case ByInputObjectSet:
                    _pending.AddRange(InputObject);
                    if (_pending.Count >= PipelineBatchSize)
                    {
                        TestPending();
                    }

                    break;
                case BySubscriptionSet:
                    Test(PoolInspectionRequest.ForSubscriptions(SubscriptionId));
                    break;
                default:
                    var resourceGroup = ResourceGroupName;
                    var account = AccountName;
                    var names = Name ?? Array.Empty<string>();
                    Test(subscription => PoolInspectionRequest.ForAccount(subscription, resourceGroup, account, names));
                    break;
            }
        }

        protected override void EndProcessing()
        {
            TestPending();
            if (Quiet)
            {
                WriteObject(_inspector!.AllCompliant);
            }
        }

        private void TestPending()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var pools = _pending.ToArray();
            _pending.Clear();
            Test(PoolInspectionRequest.ForPools(pools));
        }

        private void Test(PoolInspectionRequest request) => Test(_ => request);

        /// <summary>Runs one inspection; <paramref name="request"/> receives the sign-in's subscription (for names).</summary>
        private void Test(Func<string, PoolInspectionRequest> request)
        {
            var inspector = _inspector!;
            var quiet = Quiet.IsPresent;
            var byName = ParameterSetName == ByNameSet;
            StreamOperation<PoolCertificateReport>((sink, emit, token) =>
            {
                var clients = InspectionClients.From(CreateClients(sink), searchOtherSubscriptions: true);
                var subscription = byName ? AccountReference.RequireSubscription(Context.SubscriptionId) : string.Empty;
                return inspector.InspectAsync(request(subscription), clients, sink, quiet ? _ => { } : emit, token);
            });
        }
    }
}
