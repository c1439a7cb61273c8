using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>Subscriptions over <see cref="IArmRestClient"/>.</summary>
    public sealed class SubscriptionClient : ISubscriptionClient
    {
        private readonly IArmRestClient _arm;
        private readonly string _apiVersion;

        public SubscriptionClient(IArmRestClient arm, string apiVersion)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _apiVersion = string.IsNullOrWhiteSpace(apiVersion) ? throw new ArgumentException("An api-version is needed.", nameof(apiVersion)) : apiVersion;
        }

        public async Task<IReadOnlyList<AzureSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken)
        {
            var items = await _arm.ListAsync("/subscriptions", _apiVersion, null, cancellationToken).ConfigureAwait(false);
            return items.Select(AzureSubscription.FromJson).Where(s => s.SubscriptionId.Length > 0).ToList();
        }

        public async Task<AzureSubscription> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken)
        {
            var path = ArmResourceId.ForSubscription(subscriptionId);
            var result = await _arm.GetAsync(path, _apiVersion, cancellationToken).ConfigureAwait(false);
            return AzureSubscription.FromJson(ResultBody.Require(result, path));
        }
    }
}
