using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>Batch accounts and pools through Azure Resource Manager (Microsoft.Batch).</summary>
    public interface IBatchManagementClient
    {
        Task<BatchAccount> GetAccountAsync(string accountId, CancellationToken cancellationToken);

        Task<IReadOnlyList<BatchAccount>> ListAccountsAsync(string subscriptionId, CancellationToken cancellationToken);

        Task<IReadOnlyList<BatchAccount>> ListAccountsByResourceGroupAsync(string subscriptionId, string resourceGroup, CancellationToken cancellationToken);

        /// <summary>PATCHes only <c>properties.encryption</c> of the account.</summary>
        Task<BatchAccount> UpdateAccountEncryptionAsync(string accountId, AccountEncryption encryption, CancellationToken cancellationToken);

        Task<BatchPool> GetPoolAsync(string poolId, CancellationToken cancellationToken);

        /// <summary>The pool, or null when it does not exist.</summary>
        Task<BatchPool?> TryGetPoolAsync(string poolId, CancellationToken cancellationToken);

        Task<IReadOnlyList<BatchPool>> ListPoolsAsync(string accountId, CancellationToken cancellationToken);

        /// <summary>
        /// Creates the pool with <c>If-None-Match: *</c>: an existing pool is never overwritten (the call fails with
        /// ErrorKind.ResourceExists instead). The body is sent exactly as given.
        /// </summary>
        Task<BatchPool> CreatePoolAsync(string poolId, JsonObject pool, CancellationToken cancellationToken);

        /// <summary>Deletes the pool and waits for the long-running operation to finish.</summary>
        Task<DeleteOutcome> DeletePoolAsync(string poolId, CancellationToken cancellationToken);
    }
}
