using System.Management.Automation;
using BatchRotation.Commands.Infrastructure;
using BatchRotation.Core.Model;
using BatchRotation.Core.Operations;
using BatchRotation.Core.Operations.Pools;

namespace BatchRotation.Commands.Cmdlets
{
    /// <summary>
    /// Gets Batch pools as the module's pool objects, for pools made by any tool (with or without the Key Vault
    /// extension): of one account (optionally by name or wildcard), by resource id, or of every Batch account in
    /// subscriptions. Pools are written as they are read.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "RotatingBatchPool", DefaultParameterSetName = BySubscriptionSet)]
    [OutputType(typeof(RotatingBatchPool))]
    public sealed class GetRotatingBatchPoolCommand : BatchRotationCmdlet
    {
        public const string ByNameSet = "ByName";
        public const string ByAccountIdSet = "ByAccountId";
        public const string ByPoolIdSet = "ByPoolId";
        public const string BySubscriptionSet = "BySubscription";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet)]
        [ValidateNotNullOrEmpty]
        public string ResourceGroupName { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByNameSet)]
        [ValidateNotNullOrEmpty]
        public string AccountName { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ByAccountIdSet)]
        [ValidateNotNullOrEmpty]
        public string AccountResourceId { get; set; } = null!;

        [Parameter(Position = 2, ParameterSetName = ByNameSet)]
        [Parameter(ParameterSetName = ByAccountIdSet)]
        [Alias("PoolName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ByPoolIdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] PoolResourceId { get; set; } = null!;

        [Parameter(ParameterSetName = BySubscriptionSet)]
        [ValidateNotNullOrEmpty]
        public string[] SubscriptionId { get; set; } = null!;

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case ByPoolIdSet:
                    var ids = PoolResourceId;
                    StreamOperation<RotatingBatchPool>((sink, emit, token) => Reader(sink).GetByIdsAsync(ids, sink, emit, token));
                    break;
                case BySubscriptionSet:
                    var subscriptions = MyInvocation.BoundParameters.ContainsKey(nameof(SubscriptionId)) ? SubscriptionId : null;
                    StreamOperation<RotatingBatchPool>((sink, emit, token) => Reader(sink).ListBySubscriptionsAsync(
                        subscriptions ?? new[] { AccountReference.RequireSubscription(Context.SubscriptionId) }, sink, emit, token));
                    break;
                default:
                    var names = MyInvocation.BoundParameters.ContainsKey(nameof(Name)) ? Name : null;
                    var accountId = ParameterSetName == ByAccountIdSet ? AccountResourceId : null;
                    var resourceGroup = ResourceGroupName;
                    var accountName = AccountName;
                    StreamOperation<RotatingBatchPool>((sink, emit, token) =>
                    {
                        var account = AccountReference.Resolve(accountId, Context.SubscriptionId, resourceGroup, accountName);
                        return Reader(sink).ListByAccountAsync(account, names, sink, emit, token);
                    });
                    break;
            }
        }

        private PoolReader Reader(IOperationSink sink) => new PoolReader(PoolClients.From(CreateClients(sink)));
    }
}
