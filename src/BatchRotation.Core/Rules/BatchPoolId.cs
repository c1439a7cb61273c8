using System;
using System.Linq;

namespace BatchRotation.Core.Rules
{
    /// <summary>The resource id of a Batch pool: <c>.../batchAccounts/{account}/pools/{pool}</c>.</summary>
    public sealed class BatchPoolId : IEquatable<BatchPoolId>
    {
        public const string Shape = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Batch/batchAccounts/{account}/pools/{pool}";

        private BatchPoolId(ResourceId id, BatchAccountId account)
        {
            Id = id;
            Account = account;
        }

        public ResourceId Id { get; }

        public BatchAccountId Account { get; }

        public string PoolName => Id.Name!;

        public static BatchPoolId Parse(string? input)
        {
            var id = ResourceId.ParseOfType(input, AzureResourceTypes.BatchPool, Shape);
            AzureNames.ValidatePoolName(id.Name);
            var accountName = id.ResourceTypes.First().Name;
            var account = BatchAccountId.Parse($"/subscriptions/{id.SubscriptionId}/resourceGroups/{id.ResourceGroupName}/providers/{id.ProviderNamespace}/{id.ResourceTypes.First().Type}/{accountName}");
            return new BatchPoolId(id, account);
        }

        public bool Equals(BatchPoolId? other) => other != null && Id.Equals(other.Id);

        public override bool Equals(object? obj) => Equals(obj as BatchPoolId);

        public override int GetHashCode() => Id.GetHashCode();

        public override string ToString() => Id.Value;
    }
}
