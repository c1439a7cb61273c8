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

        /// <summary>A pool name or wildcard pattern (<c>*</c>, <c>?</c>, <c>[a-z]</c>); null for every pool.</summary>
        public string? NamePattern { get; private set; }

        public IReadOnlyList<string> SubscriptionIds { get; private set; } = Array.Empty<string>();

        public IReadOnlyList<RotatingBatchPool> Pools { get; private set; } = Array.Empty<RotatingBatchPool>();

        /// <summary>The pools of one account; an invalid name or pattern is refused here, before any call.</summary>
        public static PoolInspectionRequest ForAccount(string subscriptionId, string resourceGroupName, string accountName, string? namePattern = null)
        {
            var pattern = string.IsNullOrWhiteSpace(namePattern) ? null : namePattern!.Trim();
            if (pattern != null)
            {
                Operations.Pools.PoolNamePattern.Parse(pattern);
            }

            return new PoolInspectionRequest { Account = BatchAccountId.Create(subscriptionId, resourceGroupName, accountName), NamePattern = pattern };
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
