using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>
    /// One VM extension of a pool, as configured. <see cref="Settings"/> is the raw <c>settings</c> value of
    /// whatever JSON kind it was sent as (an object normally; a string when double-encoded).
    /// </summary>
    public sealed record PoolExtension
    {
        public string? Name { get; init; }

        public string? Publisher { get; init; }

        public string? Type { get; init; }

        /// <summary>The version when sent as a string (as the API requires); null otherwise (see <see cref="Raw"/>).</summary>
        public string? TypeHandlerVersion { get; init; }

        public bool? AutoUpgradeMinorVersion { get; init; }

        public bool? EnableAutomaticUpgrade { get; init; }

        /// <summary>The <c>settings</c> value as sent, or null when absent.</summary>
        public JsonElement? Settings { get; init; }

        /// <summary>True when <c>protectedSettings</c> is present (Azure does not return its content).</summary>
        public bool HasProtectedSettings { get; init; }

        public IReadOnlyList<string> ProvisionAfterExtensions { get; init; } = new string[0];

        /// <summary>The extension object as Azure returned it.</summary>
        public JsonElement Raw { get; init; }

        internal static PoolExtension FromJson(JsonElement json) => new PoolExtension
        {
            Name = Json.Str(json, "name"),
            Publisher = Json.Str(json, "publisher"),
            Type = Json.Str(json, "type"),
            TypeHandlerVersion = Json.Str(json, "typeHandlerVersion"),
            AutoUpgradeMinorVersion = Json.Bool(json, "autoUpgradeMinorVersion"),
            EnableAutomaticUpgrade = Json.Bool(json, "enableAutomaticUpgrade"),
            Settings = Json.Get(json, "settings") is JsonElement s && s.ValueKind != JsonValueKind.Null ? s : (JsonElement?)null,
            HasProtectedSettings = Json.Get(json, "protectedSettings") is JsonElement p && p.ValueKind != JsonValueKind.Null,
            ProvisionAfterExtensions = Json.StrList(json, "provisionAfterExtensions"),
            Raw = json,
        };
    }
}
