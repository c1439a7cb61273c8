using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Model;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>
    /// Get-RotatingBatchPool: reads pools made by any tool (with or without the Key Vault extension, with broken
    /// settings too) and emits each as a <see cref="RotatingBatchPool"/> as soon as it is read. A pool named
    /// exactly that does not exist is a non-terminating <c>PoolNotFound</c> with its id as target; a wildcard that
    /// matches nothing is not an error.
    /// </summary>
    public sealed class PoolReader
    {
        private const int ActivityId = 44;
        private readonly PoolClients _clients;

        public PoolReader(PoolClients clients)
        {
            _clients = clients ?? throw new ArgumentNullException(nameof(clients));
        }

        /// <summary>The pools of one account whose names match <paramref name="names"/> (all when null or empty).</summary>
        public async Task ListByAccountAsync(
            BatchAccountId accountId, IReadOnlyList<string>? names, IOperationSink sink, Action<RotatingBatchPool> emit, CancellationToken cancellationToken)
        {
            if (accountId == null) throw new ArgumentNullException(nameof(accountId));
            var patterns = (names ?? Array.Empty<string>()).Select(PoolNamePattern.Parse).ToList();
            var account = await ReadAccountAsync(accountId, cancellationToken).ConfigureAwait(false);

            IReadOnlyList<BatchPool>? listed = null;
            if (patterns.Count == 0 || patterns.Any(p => p.IsWildcard))
            {
                listed = await _clients.BatchManagement.ListPoolsAsync(accountId.ToString(), cancellationToken).ConfigureAwait(false);
            }

            if (patterns.Count == 0)
            {
                Emit(listed!, account, sink, emit);
                return;
            }

            var emitted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pattern in patterns)
            {
                if (pattern.IsWildcard)
                {
                    Emit(listed!.Where(p => pattern.IsMatch(p.Name) && emitted.Add(p.Id)), account, sink, emit);
                    continue;
                }

                var poolId = accountId.Pool(pattern.Literal!);
                var pool = listed?.FirstOrDefault(p => pattern.IsMatch(p.Name))
                    ?? await _clients.BatchManagement.TryGetPoolAsync(poolId.ToString(), cancellationToken).ConfigureAwait(false);
                if (pool == null)
                {
                    sink.WriteError(PoolNotFound(poolId.ToString(), $"Account '{accountId.AccountName}' has no pool named '{pattern.Literal}'."));
                }
                else if (emitted.Add(pool.Id))
                {
                    Emit(new[] { pool }, account, sink, emit);
                }
            }
        }

        /// <summary>Pools by resource id; each account is read once for its endpoint.</summary>
        public async Task GetByIdsAsync(IReadOnlyList<string> poolIds, IOperationSink sink, Action<RotatingBatchPool> emit, CancellationToken cancellationToken)
        {
            if (poolIds == null) throw new ArgumentNullException(nameof(poolIds));
            var accounts = new Dictionary<BatchAccountId, BatchAccount?>();
            foreach (var text in poolIds)
            {
                BatchPoolId poolId;
                try
                {
                    poolId = BatchPoolId.Parse(text);
                }
                catch (BatchRotationException e)
                {
                    sink.WriteError(e);
                    continue;
                }

                if (!accounts.TryGetValue(poolId.Account, out var account))
                {
                    account = await TryReadAccountAsync(poolId.Account, cancellationToken).ConfigureAwait(false);
                    accounts[poolId.Account] = account;
                }

                var pool = account == null ? null : await _clients.BatchManagement.TryGetPoolAsync(poolId.ToString(), cancellationToken).ConfigureAwait(false);
                if (pool == null)
                {
                    sink.WriteError(PoolNotFound(poolId.ToString(), account == null
                        ? $"Batch account '{poolId.Account.AccountName}' of pool '{poolId.PoolName}' was not found."
                        : $"Account '{poolId.Account.AccountName}' has no pool named '{poolId.PoolName}'."));
                    continue;
                }

                Emit(new[] { pool }, account!, sink, emit);
            }
        }

        /// <summary>Every pool of every Batch account in the subscriptions; a subscription or account that cannot be read is a non-terminating error.</summary>
        public async Task ListBySubscriptionsAsync(IReadOnlyList<string> subscriptionIds, IOperationSink sink, Action<RotatingBatchPool> emit, CancellationToken cancellationToken)
        {
            if (subscriptionIds == null) throw new ArgumentNullException(nameof(subscriptionIds));
            foreach (var subscription in subscriptionIds.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var activity = $"Reading the Batch pools of subscription {subscription}";
                IReadOnlyList<BatchAccount> accounts;
                try
                {
                    accounts = await _clients.BatchManagement.ListAccountsAsync(subscription, cancellationToken).ConfigureAwait(false);
                }
                catch (BatchRotationException e)
                {
                    sink.WriteError(e);
                    continue;
                }

                for (var i = 0; i < accounts.Count; i++)
                {
                    var account = accounts[i];
                    sink.WriteProgress(new OperationProgress(ActivityId, activity, $"Account {account.Name} ({i + 1} of {accounts.Count})")
                    {
                        PercentComplete = 100 * i / accounts.Count,
                    });
                    try
                    {
                        var pools = await _clients.BatchManagement.ListPoolsAsync(account.Id, cancellationToken).ConfigureAwait(false);
                        Emit(pools, account, sink, emit);
                    }
                    catch (BatchRotationException e)
                    {
                        sink.WriteError(e);
                    }
                }

                sink.WriteProgress(new OperationProgress(ActivityId, activity, "Done") { Completed = true });
            }
        }

        private static void Emit(IEnumerable<BatchPool> pools, BatchAccount account, IOperationSink sink, Action<RotatingBatchPool> emit)
        {
            foreach (var pool in pools)
            {
                RotatingBatchPool item;
                try
                {
                    item = RotatingBatchPoolFactory.From(pool, account.AccountEndpoint);
                }
                catch (BatchRotationException e)
                {
                    // A pool ARM lists always has a pool id; this guards against a malformed answer only.
                    sink.WriteError(e);
                    continue;
                }

                emit(item);
            }
        }

        private async Task<BatchAccount> ReadAccountAsync(BatchAccountId accountId, CancellationToken cancellationToken) =>
            await TryReadAccountAsync(accountId, cancellationToken).ConfigureAwait(false)
            ?? throw new BatchRotationException(PoolErrorIds.AccountNotFound, ErrorKind.NotFound,
                $"Batch account '{accountId.AccountName}' was not found in resource group '{accountId.ResourceGroupName}' of subscription {accountId.SubscriptionId}.",
                accountId.ToString())
            {
                Remedy = "Check the resource group and account names (and the subscription you signed in to with Connect-BatchRotation).",
            };

        private async Task<BatchAccount?> TryReadAccountAsync(BatchAccountId accountId, CancellationToken cancellationToken)
        {
            try
            {
                return await _clients.BatchManagement.GetAccountAsync(accountId.ToString(), cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException e) when (AzureFailures.IsNotFound(e))
            {
                return null;
            }
        }

        private static BatchRotationException PoolNotFound(string poolId, string message) =>
            new BatchRotationException(PoolErrorIds.PoolNotFound, ErrorKind.NotFound, message, poolId)
            {
                Remedy = "Check the name, or list the account's pools with Get-RotatingBatchPool -ResourceGroupName <rg> -AccountName <account>.",
            };
    }
}
