using BatchRotation.Core.Errors;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>Names a Batch account either by its resource id or by resource group and name in a subscription.</summary>
    public static class AccountReference
    {
        /// <summary>
        /// The account id from <paramref name="accountResourceId"/> when given, else from
        /// <paramref name="resourceGroupName"/> and <paramref name="accountName"/> in <paramref name="subscriptionId"/>
        /// (the signed-in context's subscription).
        /// </summary>
        public static BatchAccountId Resolve(string? accountResourceId, string? subscriptionId, string? resourceGroupName, string? accountName)
        {
            if (accountResourceId != null)
            {
                return BatchAccountId.Parse(accountResourceId);
            }

            AzureNames.ValidateResourceGroupName(resourceGroupName);
            AzureNames.ValidateBatchAccountReference(accountName);
            return BatchAccountId.Parse(
                $"/subscriptions/{RequireSubscription(subscriptionId)}/resourceGroups/{resourceGroupName}/providers/Microsoft.Batch/batchAccounts/{accountName}");
        }

        /// <summary>The subscription to work in; fails clearly when the sign-in named none.</summary>
        public static string RequireSubscription(string? subscriptionId)
        {
            if (string.IsNullOrWhiteSpace(subscriptionId))
            {
                throw new BatchRotationException(
                    PoolErrorIds.NoSubscription,
                    ErrorKind.InvalidArgument,
                    "No subscription is selected, so the resource group and account names cannot be resolved.",
                    null)
                {
                    Remedy = "Sign in with Connect-BatchRotation -Subscription <id>, or name the account by its resource id with -AccountResourceId.",
                };
            }

            return subscriptionId!.Trim();
        }
    }
}
