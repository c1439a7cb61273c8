using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>Batch accounts and pools over <see cref="IArmRestClient"/>, api-version from the cloud's table.</summary>
    public sealed class BatchManagementClient : IBatchManagementClient
    {
        internal const string AccountType = "Microsoft.Batch/batchAccounts";
        internal const string PoolType = "Microsoft.Batch/batchAccounts/pools";
        private readonly IArmRestClient _arm;
        private readonly string _apiVersion;

        public BatchManagementClient(IArmRestClient arm, string apiVersion)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _apiVersion = string.IsNullOrWhiteSpace(apiVersion) ? throw new ArgumentException("An api-version is needed.", nameof(apiVersion)) : apiVersion;
        }

        public async Task<BatchAccount> GetAccountAsync(string accountId, CancellationToken cancellationToken)
        {
            var id = ArmResourceId.Require(accountId, AccountType);
            var result = await _arm.GetAsync(id.Id, _apiVersion, cancellationToken).ConfigureAwait(false);
            return BatchAccount.FromJson(ResultBody.Require(result, id.Id));
        }

        public async Task<IReadOnlyList<BatchAccount>> ListAccountsAsync(string subscriptionId, CancellationToken cancellationToken)
        {
            var path = ArmResourceId.ForSubscription(subscriptionId) + "/providers/Microsoft.Batch/batchAccounts";
            var items = await _arm.ListAsync(path, _apiVersion, null, cancellationToken).ConfigureAwait(false);
            return items.Select(BatchAccount.FromJson).ToList();
        }

        public async Task<IReadOnlyList<BatchAccount>> ListAccountsByResourceGroupAsync(string subscriptionId, string resourceGroup, CancellationToken cancellationToken)
        {
            var path = ArmResourceId.ForResourceGroup(subscriptionId, resourceGroup) + "/providers/Microsoft.Batch/batchAccounts";
            var items = await _arm.ListAsync(path, _apiVersion, null, cancellationToken).ConfigureAwait(false);
            return items.Select(BatchAccount.FromJson).ToList();
        }

        public async Task<BatchAccount> UpdateAccountEncryptionAsync(string accountId, AccountEncryption encryption, CancellationToken cancellationToken)
        {
            if (encryption == null)
            {
                throw new ArgumentNullException(nameof(encryption));
            }

            var id = ArmResourceId.Require(accountId, AccountType);
            var encryptionJson = new JsonObject { ["keySource"] = encryption.KeySource };
            if (encryption.KeyIdentifier != null)
            {
                encryptionJson["keyVaultProperties"] = new JsonObject { ["keyIdentifier"] = encryption.KeyIdentifier };
            }

            var body = new JsonObject { ["properties"] = new JsonObject { ["encryption"] = encryptionJson } };
            var result = await _arm.PatchAsync(id.Id, _apiVersion, body, null, cancellationToken).ConfigureAwait(false);
            return BatchAccount.FromJson(ResultBody.Require(result, id.Id));
        }

        public async Task<BatchPool> GetPoolAsync(string poolId, CancellationToken cancellationToken)
        {
            var id = ArmResourceId.Require(poolId, PoolType);
            var result = await _arm.GetAsync(id.Id, _apiVersion, cancellationToken).ConfigureAwait(false);
            return BatchPool.FromJson(ResultBody.Require(result, id.Id), result.ETag);
        }

        public async Task<BatchPool?> TryGetPoolAsync(string poolId, CancellationToken cancellationToken)
        {
            var id = ArmResourceId.Require(poolId, PoolType);
            var result = await _arm.GetIfExistsAsync(id.Id, _apiVersion, cancellationToken).ConfigureAwait(false);
            return result == null ? null : BatchPool.FromJson(ResultBody.Require(result, id.Id), result.ETag);
        }

        public async Task<IReadOnlyList<BatchPool>> ListPoolsAsync(string accountId, CancellationToken cancellationToken)
        {
            var id = ArmResourceId.Require(accountId, AccountType);
            var items = await _arm.ListAsync(id.Id + "/pools", _apiVersion, null, cancellationToken).ConfigureAwait(false);
            return items.Select(item => BatchPool.FromJson(item)).ToList();
        }

        public async Task<BatchPool> CreatePoolAsync(string poolId, JsonObject pool, CancellationToken cancellationToken)
        {
            if (pool == null)
            {
                throw new ArgumentNullException(nameof(pool));
            }

            var id = ArmResourceId.Require(poolId, PoolType);
            var result = await _arm.PutAsync(id.Id, _apiVersion, pool, ArmWriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
            return BatchPool.FromJson(ResultBody.Require(result, id.Id), result.ETag);
        }

        public Task<DeleteOutcome> DeletePoolAsync(string poolId, CancellationToken cancellationToken)
        {
            var id = ArmResourceId.Require(poolId, PoolType);
            return _arm.DeleteAsync(id.Id, _apiVersion, cancellationToken);
        }
    }
}
