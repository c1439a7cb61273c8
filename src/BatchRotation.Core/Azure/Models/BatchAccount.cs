using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>A Batch account (Microsoft.Batch/batchAccounts), typed after BatchManagement.json 2025-06-01.</summary>
    public sealed record BatchAccount
    {
        public string Id { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        public string? Location { get; init; }

        /// <summary>The data-plane host (e.g. <c>acct.westeurope.batch.azure.com</c>): opaque, use as given.</summary>
        public string? AccountEndpoint { get; init; }

        public string? ProvisioningState { get; init; }

        /// <summary><c>BatchService</c> or <c>UserSubscription</c>.</summary>
        public string? PoolAllocationMode { get; init; }

        public string? PublicNetworkAccess { get; init; }

        /// <summary>The account's own identity (used for customer-managed keys).</summary>
        public ResourceIdentity? Identity { get; init; }

        /// <summary>The account's encryption (<c>Microsoft.Batch</c> or <c>Microsoft.KeyVault</c> with a key id).</summary>
        public AccountEncryption? Encryption { get; init; }

        /// <summary>The whole resource as Azure returned it.</summary>
        public JsonElement Raw { get; init; }

        internal static BatchAccount FromJson(JsonElement json)
        {
            var encryption = Json.Obj(json, "properties", "encryption");
            return new BatchAccount
            {
                Id = Json.Str(json, "id") ?? string.Empty,
                Name = Json.Str(json, "name") ?? string.Empty,
                Location = Json.Str(json, "location"),
                AccountEndpoint = Json.Str(json, "properties", "accountEndpoint"),
                ProvisioningState = Json.Str(json, "properties", "provisioningState"),
                PoolAllocationMode = Json.Str(json, "properties", "poolAllocationMode"),
                PublicNetworkAccess = Json.Str(json, "properties", "publicNetworkAccess"),
                Identity = ResourceIdentity.FromJson(json),
                Encryption = encryption == null
                    ? null
                    : new AccountEncryption(
                        Json.Str(encryption.Value, "keySource") ?? string.Empty,
                        Json.Str(encryption.Value, "keyVaultProperties", "keyIdentifier")),
                Raw = json,
            };
        }
    }
}
