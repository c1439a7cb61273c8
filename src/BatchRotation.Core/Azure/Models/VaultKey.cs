using System;
using System.Collections.Generic;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>A key's management-plane view (Microsoft.KeyVault/vaults/keys, keys.json 2025-05-01): metadata only.</summary>
    public sealed record VaultKey
    {
        public string Id { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        /// <summary><c>RSA</c>, <c>RSA-HSM</c>, <c>EC</c>, <c>EC-HSM</c>.</summary>
        public string? KeyType { get; init; }

        public int? KeySize { get; init; }

        public string? CurveName { get; init; }

        public IReadOnlyList<string> KeyOperations { get; init; } = new string[0];

        /// <summary>The versionless data-plane key identifier.</summary>
        public string? KeyUri { get; init; }

        /// <summary>The data-plane identifier of the current version.</summary>
        public string? KeyUriWithVersion { get; init; }

        public bool? Enabled { get; init; }

        public DateTimeOffset? NotBefore { get; init; }

        public DateTimeOffset? Expires { get; init; }

        public string? RecoveryLevel { get; init; }

        internal static VaultKey FromJson(JsonElement json) => new VaultKey
        {
            Id = Json.Str(json, "id") ?? string.Empty,
            Name = Json.Str(json, "name") ?? string.Empty,
            KeyType = Json.Str(json, "properties", "kty"),
            KeySize = Json.Int(json, "properties", "keySize"),
            CurveName = Json.Str(json, "properties", "curveName"),
            KeyOperations = Json.StrList(json, "properties", "keyOps"),
            KeyUri = Json.Str(json, "properties", "keyUri"),
            KeyUriWithVersion = Json.Str(json, "properties", "keyUriWithVersion"),
            Enabled = Json.Bool(json, "properties", "attributes", "enabled"),
            NotBefore = Json.UnixTime(json, "properties", "attributes", "nbf"),
            Expires = Json.UnixTime(json, "properties", "attributes", "exp"),
            RecoveryLevel = Json.Str(json, "properties", "attributes", "recoveryLevel"),
        };
    }
}
