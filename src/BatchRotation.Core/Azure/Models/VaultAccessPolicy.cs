using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>One access policy entry of a vault: a principal and its permissions per object kind.</summary>
    public sealed record VaultAccessPolicy
    {
        public VaultAccessPolicy(string tenantId, string objectId, VaultPermissions permissions, string? applicationId = null)
        {
            TenantId = tenantId ?? throw new ArgumentNullException(nameof(tenantId));
            ObjectId = objectId ?? throw new ArgumentNullException(nameof(objectId));
            Permissions = permissions ?? throw new ArgumentNullException(nameof(permissions));
            ApplicationId = applicationId;
        }

        public string TenantId { get; init; }

        /// <summary>The principal (object) id, e.g. a managed identity's principal id.</summary>
        public string ObjectId { get; init; }

        public string? ApplicationId { get; init; }

        public VaultPermissions Permissions { get; init; }

        internal static VaultAccessPolicy FromJson(JsonElement json) => new VaultAccessPolicy(
            Json.Str(json, "tenantId") ?? string.Empty,
            Json.Str(json, "objectId") ?? string.Empty,
            new VaultPermissions(
                Json.StrList(json, "permissions", "keys"),
                Json.StrList(json, "permissions", "secrets"),
                Json.StrList(json, "permissions", "certificates"),
                Json.StrList(json, "permissions", "storage")),
            Json.Str(json, "applicationId"));

        internal JsonObject ToJson()
        {
            var permissions = new JsonObject();
            Add(permissions, "keys", Permissions.Keys);
            Add(permissions, "secrets", Permissions.Secrets);
            Add(permissions, "certificates", Permissions.Certificates);
            Add(permissions, "storage", Permissions.Storage);
            var entry = new JsonObject
            {
                ["tenantId"] = TenantId,
                ["objectId"] = ObjectId,
                ["permissions"] = permissions,
            };
            if (ApplicationId != null)
            {
                entry["applicationId"] = ApplicationId;
            }

            return entry;
        }

        private static void Add(JsonObject target, string name, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                target[name] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }
        }
    }

    /// <summary>Permissions of an access policy entry, per object kind (lowercase names as Azure uses them).</summary>
    public sealed record VaultPermissions
    {
        public VaultPermissions(
            IReadOnlyList<string>? keys = null,
            IReadOnlyList<string>? secrets = null,
            IReadOnlyList<string>? certificates = null,
            IReadOnlyList<string>? storage = null)
        {
            Keys = keys ?? new string[0];
            Secrets = secrets ?? new string[0];
            Certificates = certificates ?? new string[0];
            Storage = storage ?? new string[0];
        }

        public IReadOnlyList<string> Keys { get; init; }

        public IReadOnlyList<string> Secrets { get; init; }

        public IReadOnlyList<string> Certificates { get; init; }

        public IReadOnlyList<string> Storage { get; init; }
    }
}
