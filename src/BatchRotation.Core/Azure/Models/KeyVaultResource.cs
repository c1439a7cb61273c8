using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>A key vault (Microsoft.KeyVault/vaults), typed after keyvault.json 2025-05-01.</summary>
    public sealed record KeyVaultResource
    {
        public string Id { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        public string? Location { get; init; }

        public string? TenantId { get; init; }

        /// <summary>The data-plane base URI (<c>properties.vaultUri</c>): opaque, never built from the name.</summary>
        public Uri? VaultUri { get; init; }

        /// <summary>True when the vault uses Azure RBAC for data access; false (also when absent) for access policies.</summary>
        public bool EnableRbacAuthorization { get; init; }

        public bool? EnableSoftDelete { get; init; }

        public bool? EnablePurgeProtection { get; init; }

        public int? SoftDeleteRetentionInDays { get; init; }

        public string? PublicNetworkAccess { get; init; }

        public string? ProvisioningState { get; init; }

        /// <summary>The access policies (meaningful only when <see cref="EnableRbacAuthorization"/> is false).</summary>
        public IReadOnlyList<VaultAccessPolicy> AccessPolicies { get; init; } = new VaultAccessPolicy[0];

        /// <summary>The whole resource as Azure returned it.</summary>
        public JsonElement Raw { get; init; }

        internal static KeyVaultResource FromJson(JsonElement json)
        {
            var uri = Json.Str(json, "properties", "vaultUri");
            return new KeyVaultResource
            {
                Id = Json.Str(json, "id") ?? string.Empty,
                Name = Json.Str(json, "name") ?? string.Empty,
                Location = Json.Str(json, "location"),
                TenantId = Json.Str(json, "properties", "tenantId"),
                VaultUri = uri != null && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? parsed : null,
                EnableRbacAuthorization = Json.Bool(json, "properties", "enableRbacAuthorization") ?? false,
                EnableSoftDelete = Json.Bool(json, "properties", "enableSoftDelete"),
                EnablePurgeProtection = Json.Bool(json, "properties", "enablePurgeProtection"),
                SoftDeleteRetentionInDays = Json.Int(json, "properties", "softDeleteRetentionInDays"),
                PublicNetworkAccess = Json.Str(json, "properties", "publicNetworkAccess"),
                ProvisioningState = Json.Str(json, "properties", "provisioningState"),
                AccessPolicies = Json.Array(json, "properties", "accessPolicies").Select(VaultAccessPolicy.FromJson).ToList(),
                Raw = json,
            };
        }
    }
}
