using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>Key vaults, access policy changes (add/remove only) and key metadata over <see cref="IArmRestClient"/>.</summary>
    public sealed class KeyVaultManagementClient : IKeyVaultManagementClient
    {
        internal const string VaultType = "Microsoft.KeyVault/vaults";
        private static readonly Regex KeyNamePattern = new Regex("^[0-9a-zA-Z-]{1,127}$", RegexOptions.CultureInvariant);
        private readonly IArmRestClient _arm;
        private readonly string _apiVersion;

        public KeyVaultManagementClient(IArmRestClient arm, string apiVersion)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _apiVersion = string.IsNullOrWhiteSpace(apiVersion) ? throw new ArgumentException("An api-version is needed.", nameof(apiVersion)) : apiVersion;
        }

        public async Task<KeyVaultResource> GetVaultAsync(string vaultId, CancellationToken cancellationToken)
        {
            var id = ArmResourceId.Require(vaultId, VaultType);
            var result = await _arm.GetAsync(id.Id, _apiVersion, cancellationToken).ConfigureAwait(false);
            return KeyVaultResource.FromJson(ResultBody.Require(result, id.Id));
        }

        public async Task<IReadOnlyList<KeyVaultResource>> ListVaultsAsync(string subscriptionId, CancellationToken cancellationToken)
        {
            var path = ArmResourceId.ForSubscription(subscriptionId) + "/providers/Microsoft.KeyVault/vaults";
            var items = await _arm.ListAsync(path, _apiVersion, null, cancellationToken).ConfigureAwait(false);
            return items.Select(KeyVaultResource.FromJson).ToList();
        }

        public Task<IReadOnlyList<VaultAccessPolicy>> AddAccessPolicyAsync(string vaultId, VaultAccessPolicy policy, CancellationToken cancellationToken) =>
            UpdateAccessPoliciesAsync(vaultId, "add", policy, cancellationToken);

        public Task<IReadOnlyList<VaultAccessPolicy>> RemoveAccessPolicyAsync(string vaultId, VaultAccessPolicy policy, CancellationToken cancellationToken) =>
            UpdateAccessPoliciesAsync(vaultId, "remove", policy, cancellationToken);

        public async Task<VaultKey> GetKeyAsync(string vaultId, string keyName, CancellationToken cancellationToken)
        {
            var id = ArmResourceId.Require(vaultId, VaultType);
            if (keyName == null || !KeyNamePattern.IsMatch(keyName))
            {
                throw new BatchRotationException(AzureErrorIds.InvalidName, ErrorKind.InvalidArgument, $"'{keyName}' is not a valid key name (1-127 letters, digits and hyphens).", keyName);
            }

            var path = id.Id + "/keys/" + keyName;
            var result = await _arm.GetAsync(path, _apiVersion, cancellationToken).ConfigureAwait(false);
            return VaultKey.FromJson(ResultBody.Require(result, path));
        }

        public async Task<IReadOnlyList<VaultKey>> ListKeysAsync(string vaultId, CancellationToken cancellationToken)
        {
            var id = ArmResourceId.Require(vaultId, VaultType);
            var items = await _arm.ListAsync(id.Id + "/keys", _apiVersion, null, cancellationToken).ConfigureAwait(false);
            return items.Select(VaultKey.FromJson).ToList();
        }

        /// <summary>
        /// <c>PUT {vault}/accessPolicies/{add|remove}</c> with one entry. Concurrent updates of one vault can
        /// conflict (409): that surfaces as a <see cref="BatchRotationException"/> with status 409 and is the
        /// caller's to retry (the grant operation does, with jitter, for every write it makes to a vault).
        /// </summary>
        private async Task<IReadOnlyList<VaultAccessPolicy>> UpdateAccessPoliciesAsync(
            string vaultId, string operationKind, VaultAccessPolicy policy, CancellationToken cancellationToken)
        {
            if (policy == null)
            {
                throw new ArgumentNullException(nameof(policy));
            }

            var id = ArmResourceId.Require(vaultId, VaultType);
            var path = id.Id + "/accessPolicies/" + operationKind;
            var body = new JsonObject
            {
                ["properties"] = new JsonObject { ["accessPolicies"] = new JsonArray(policy.ToJson()) },
            };

            var result = await _arm.PutAsync(path, _apiVersion, body, ArmWriteCondition.None, cancellationToken).ConfigureAwait(false);
            var json = ResultBody.Require(result, path);
            return Json.Array(json, "properties", "accessPolicies").Select(VaultAccessPolicy.FromJson).ToList();
        }
    }
}
