using System;

namespace BatchRotation.Core.Rules
{
    /// <summary>The resource id of a Batch account.</summary>
    public sealed class BatchAccountId : IEquatable<BatchAccountId>
    {
        public const string Shape = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Batch/batchAccounts/{account}";

        private BatchAccountId(ResourceId id)
        {
            Id = id;
        }

        public ResourceId Id { get; }

        public string SubscriptionId => Id.SubscriptionId!;

        public string ResourceGroupName => Id.ResourceGroupName!;

        public string AccountName => Id.Name!;

        public static BatchAccountId Parse(string? input)
        {
            var id = ResourceId.ParseOfType(input, AzureResourceTypes.BatchAccount, Shape);
            AzureNames.ValidateBatchAccountReference(id.Name);
            AzureNames.ValidateResourceGroupName(id.ResourceGroupName);
            return new BatchAccountId(id);
        }

        public static BatchAccountId Create(string subscriptionId, string resourceGroupName, string accountName)
        {
            AzureNames.ValidateResourceGroupName(resourceGroupName);
            AzureNames.ValidateBatchAccountName(accountName);
            return Parse($"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Batch/batchAccounts/{accountName}");
        }

        public BatchPoolId Pool(string poolName) => BatchPoolId.Parse(Id.Value + "/pools/" + poolName);

        public bool Equals(BatchAccountId? other) => other != null && Id.Equals(other.Id);

        public override bool Equals(object? obj) => Equals(obj as BatchAccountId);

        public override int GetHashCode() => Id.GetHashCode();

        public override string ToString() => Id.Value;
    }
}
