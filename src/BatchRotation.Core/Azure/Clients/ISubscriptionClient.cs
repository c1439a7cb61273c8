using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>The subscriptions the signed-in principal can see (Microsoft.Resources).</summary>
    public interface ISubscriptionClient
    {
        /// <summary><c>GET /subscriptions</c>, every page.</summary>
        Task<IReadOnlyList<AzureSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken);

        /// <summary><c>GET /subscriptions/{id}</c>: its name and state.</summary>
        Task<AzureSubscription> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken);
    }
}
