using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Model;
using BatchRotation.Core.Operations.Pools;

namespace BatchRotation.Core.Operations.Inspection.Gathering
{
    /// <summary>
    /// Finds the pools a request names, one account at a time, and hands each to the consumer as soon as it is
    /// known (with its account's data-plane endpoint). A pool or account that cannot be found is one
    /// non-terminating error; a failed sign-in ends the run, since nothing else could succeed.
    /// </summary>
    internal sealed class PoolSource
    {
        private readonly InspectionClients _clients;
        private readonly InspectionCache _cache;
        private readonly AzureCallGate _gate;
        private readonly IOperationSink _sink;

        public PoolSource(InspectionClients clients, InspectionCache cache, AzureCallGate gate, IOperationSink sink)
        {
            _clients = clients;
            _cache = cache;
            _gate = gate;
            _sink = sink;
        }

        /// <summary>How many pools the request is known to cover so far (grows while accounts are listed).</summary>
        public int Known { get; private set; }

        public async Task ForEachAsync(PoolInspectionRequest request, Func<BatchPool, string?, Task> consume, CancellationToken cancellationToken)
        {
            if (request.Account != null)
            {
                await AccountAsync(request.Account.Id.Value, request.NamePatterns, consume, cancellationToken).ConfigureAwait(false);
            }

            foreach (var subscription in request.SubscriptionIds)
            {
                IReadOnlyList<BatchAccount> accounts;
                try
                {
                    accounts = await _gate.RunAsync(token => _clients.BatchManagement.ListAccountsAsync(subscription, token), cancellationToken).ConfigureAwait(false);
                }
                catch (BatchRotationException error) when (error.Kind != ErrorKind.AuthenticationError)
                {
                    _sink.WriteError(Wrap(InspectionErrorIds.PoolListFailed, $"The Batch accounts of subscription {subscription} could not be listed: {error.Message}", "/subscriptions/" + subscription, error));
                    continue;
                }

                foreach (var account in accounts)
                {
                    await ListedAccountAsync(account, null, consume, cancellationToken).ConfigureAwait(false);
                }
            }

            // Piped pools are read again (their settings are judged as Azure holds them now), a window at a time.
            var window = Math.Max(4, _gate.Limit * 2);
            for (var start = 0; start < request.Pools.Count; start += window)
            {
                var reads = request.Pools.Skip(start).Take(window).Select(input => InputPoolAsync(input, cancellationToken)).ToArray();
                foreach (var read in reads)
                {
                    var (pool, endpoint) = await read.ConfigureAwait(false);
                    if (pool != null)
                    {
                        Known++;
                        await consume(pool, endpoint).ConfigureAwait(false);
                    }
                }
            }
        }

        private async Task AccountAsync(string accountId, IReadOnlyList<string> namePatterns, Func<BatchPool, string?, Task> consume, CancellationToken cancellationToken)
        {
            var account = await AccountLookupAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (!account.IsFound)
            {
                _sink.WriteError(new BatchRotationException(
                    account.Outcome == LookupOutcome.NotFound ? InspectionErrorIds.BatchAccountNotFound : InspectionErrorIds.PoolListFailed,
                    account.Outcome == LookupOutcome.NotFound ? ErrorKind.NotFound : account.Outcome == LookupOutcome.Denied ? ErrorKind.PermissionDenied : ErrorKind.ResourceUnavailable,
                    $"The Batch account {accountId} could not be read: {account.Problem}",
                    accountId)
                {
                    Remedy = account.Outcome == LookupOutcome.NotFound
                        ? "Check -ResourceGroupName and -AccountName (Get-AzBatchAccount lists the accounts you can see)."
                        : "Run the test as an account with Reader on the Batch account.",
                    AzureErrorCode = account.AzureErrorCode,
                });
                return;
            }

            var patterns = namePatterns.Select(PoolNamePattern.Parse).ToList();
            var literals = patterns.Where(p => !p.IsWildcard).Select(p => p.Literal!).ToList();
            foreach (var literal in literals)
            {
                await NamedPoolAsync(accountId, account.Value!, literal, consume, cancellationToken).ConfigureAwait(false);
            }

            var wildcards = patterns.Where(p => p.IsWildcard).ToList();
            if (patterns.Count == 0 || wildcards.Count > 0)
            {
                // One listing serves every pattern; a pool already read by its name is not tested twice.
                Func<string, bool>? selects = patterns.Count == 0
                    ? null
                    : name => wildcards.Any(w => w.IsMatch(name)) && !literals.Contains(name, StringComparer.OrdinalIgnoreCase);
                await ListedAccountAsync(account.Value!, selects, consume, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task NamedPoolAsync(string accountId, BatchAccount account, string name, Func<BatchPool, string?, Task> consume, CancellationToken cancellationToken)
        {
            var poolId = accountId + "/pools/" + name;
            BatchPool? pool;
            try
            {
                pool = await _gate.RunAsync(token => _clients.BatchManagement.TryGetPoolAsync(poolId, token), cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException error) when (error.Kind != ErrorKind.AuthenticationError)
            {
                _sink.WriteError(Wrap(InspectionErrorIds.PoolListFailed, $"Pool {poolId} could not be read: {error.Message}", poolId, error));
                return;
            }

            if (pool == null)
            {
                _sink.WriteError(PoolNotFound(poolId));
                return;
            }

            Known++;
            await consume(pool, account.AccountEndpoint).ConfigureAwait(false);
        }

        private async Task ListedAccountAsync(BatchAccount account, Func<string, bool>? selects, Func<BatchPool, string?, Task> consume, CancellationToken cancellationToken)
        {
            IReadOnlyList<BatchPool> pools;
            try
            {
                pools = await _gate.RunAsync(token => _clients.BatchManagement.ListPoolsAsync(account.Id, token), cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException error) when (error.Kind != ErrorKind.AuthenticationError)
            {
                _sink.WriteError(Wrap(InspectionErrorIds.PoolListFailed, $"The pools of Batch account {account.Id} could not be listed: {error.Message}", account.Id, error));
                return;
            }

            var selected = selects == null ? pools : pools.Where(p => selects(p.Name)).ToArray();
            Known += selected.Count;
            foreach (var pool in selected)
            {
                await consume(pool, account.AccountEndpoint).ConfigureAwait(false);
            }
        }

        private async Task<(BatchPool? Pool, string? Endpoint)> InputPoolAsync(RotatingBatchPool input, CancellationToken cancellationToken)
        {
            BatchPool? pool;
            try
            {
                pool = await _gate.RunAsync(token => _clients.BatchManagement.TryGetPoolAsync(input.PoolResourceId, token), cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException error) when (error.Kind != ErrorKind.AuthenticationError)
            {
                _sink.WriteError(Wrap(InspectionErrorIds.PoolListFailed, $"Pool {input.PoolResourceId} could not be read: {error.Message}", input.PoolResourceId, error));
                return (null, null);
            }

            if (pool == null)
            {
                _sink.WriteError(PoolNotFound(input.PoolResourceId));
                return (null, null);
            }

            var endpoint = input.AccountEndpoint;
            var marker = input.PoolResourceId.LastIndexOf("/pools/", StringComparison.OrdinalIgnoreCase);
            if (string.IsNullOrEmpty(endpoint) && marker > 0)
            {
                endpoint = (await AccountLookupAsync(input.PoolResourceId.Substring(0, marker), cancellationToken).ConfigureAwait(false)).Value?.AccountEndpoint;
            }

            return (pool, endpoint);
        }

        private async Task<Lookup<BatchAccount>> AccountLookupAsync(string accountId, CancellationToken cancellationToken)
        {
            var account = await _cache.Accounts.GetOrAdd(accountId,
                () => _gate.LookupAsync(token => _clients.BatchManagement.GetAccountAsync(accountId, token), cancellationToken)).ConfigureAwait(false);
            if (account.ErrorId == Azure.AzureErrorIds.AuthenticationFailed || account.ErrorId == Azure.AzureErrorIds.CredentialUnavailable)
            {
                throw new BatchRotationException(account.ErrorId, ErrorKind.AuthenticationError, account.Problem ?? "Signing in failed.", accountId);
            }

            return account;
        }

        private static BatchRotationException PoolNotFound(string poolId) =>
            new BatchRotationException(InspectionErrorIds.PoolNotFound, ErrorKind.NotFound, $"Pool {poolId} does not exist.", poolId)
            {
                Remedy = "Check the pool name (Get-RotatingBatchPool -ResourceGroupName <rg> -AccountName <account> lists the pools).",
            };

        private static BatchRotationException Wrap(string errorId, string message, string target, BatchRotationException inner) =>
            new BatchRotationException(errorId, inner.Kind, message, target, inner)
            {
                Remedy = inner.Remedy,
            };
    }
}
