using System;
using System.Collections.Generic;
using System.Linq;
using BatchRotation.Core.Model;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>Which pools to test: the pools of one account (optionally by wildcard), every pool of subscriptions, or given pools.</summary>
    public sealed class PoolInspectionRequest
    {
        private PoolInspectionRequest()
        {
        }

        /// <summary>The account whose pools are tested; null unless made with <see cref="ForAccount"/>.</summary>
        public BatchAccountId? Account { get; private set; }

        /// <summary>Pool names or wildcard patterns (<c>*</c>, <c>?</c>, <c>[a-z]</c>); empty for every pool of the account.</summary>
        public IReadOnlyList<string> NamePatterns { get; private set; } = Array.Empty<string>();

        public IReadOnlyList<string> SubscriptionIds { get; private set; } = Array.Empty<string>();

        public IReadOnlyList<RotatingBatchPool> Pools { get; private set; } = Array.Empty<RotatingBatchPool>();

        /// <summary>The pools of one account; an invalid name or pattern is refused here, before any call.</summary>
        public static PoolInspectionRequest ForAccount(string subscriptionId, string resourceGroupName, string accountName, string? namePattern = null) =>
            ForAccount(subscriptionId, resourceGroupName, accountName, namePattern == null ? Array.Empty<string>() : new[] { namePattern });

        /// <summary>The pools of one account matching any of the names or patterns (all pools when none is given).</summary>
        public static PoolInspectionRequest ForAccount(string subscriptionId, string resourceGroupName, string accountName, IEnumerable<string?> namePatterns)
        {
            var patterns = (namePatterns ?? throw new ArgumentNullException(nameof(namePatterns)))
                .Where(p => !string.IsNullOrWhiteSpace(p))
                .Select(p => p!.Trim())
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();
            foreach (var pattern in patterns)
            {
                Operations.Pools.PoolNamePattern.Parse(pattern);
            }

            return new PoolInspectionRequest { Account = BatchAccountId.Create(subscriptionId, resourceGroupName, accountName), NamePatterns = patterns };
        }

        public static PoolInspectionRequest ForSubscriptions(IEnumerable<string> subscriptionIds)
        {
            var ids = (subscriptionIds ?? throw new ArgumentNullException(nameof(subscriptionIds)))
                .Where(s => !string.IsNullOrWhiteSpace(s))
                .Select(s => s.Trim())
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();
            if (ids.Length == 0)
            {
                throw new ArgumentException("At least one subscription id is needed.", nameof(subscriptionIds));
            }

            return new PoolInspectionRequest { SubscriptionIds = ids };
        }

        public static PoolInspectionRequest ForPools(IEnumerable<RotatingBatchPool> pools) =>
            new PoolInspectionRequest { Pools = (pools ?? throw new ArgumentNullException(nameof(pools))).Where(p => p != null).ToArray() };

        /// <summary>The subscriptions this request names (searched for vaults besides each pool's own).</summary>
        internal IEnumerable<string> NamedSubscriptions() =>
            SubscriptionIds
                .Concat(Account == null ? Array.Empty<string>() : new[] { Account.SubscriptionId })
                .Concat(Pools.Select(p => p.SubscriptionId));
    }
}
