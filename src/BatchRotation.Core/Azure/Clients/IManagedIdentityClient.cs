using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>User-assigned managed identities (Microsoft.ManagedIdentity).</summary>
    public interface IManagedIdentityClient
    {
        /// <summary>The identity with its principal id, client id and tenant id.</summary>
        Task<UserAssignedIdentity> GetUserAssignedIdentityAsync(string identityId, CancellationToken cancellationToken);
    }
}
