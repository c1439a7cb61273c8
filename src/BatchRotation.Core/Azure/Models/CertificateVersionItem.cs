using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>One version of a certificate, as listed (<c>CertificateItem</c>).</summary>
    public sealed record CertificateVersionItem
    {
        public string Id { get; init; } = string.Empty;

        public string? Version { get; init; }

        public string? X5t { get; init; }

        public CertificateAttributes Attributes { get; init; } = new CertificateAttributes();

        public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

        internal static CertificateVersionItem FromJson(JsonElement json)
        {
            var id = Json.Str(json, "id") ?? string.Empty;
            return new CertificateVersionItem
            {
                Id = id,
                Version = CertificateIds.NameAndVersion(id).Version,
                X5t = Json.Str(json, "x5t"),
                Attributes = CertificateAttributes.FromJson(json),
                Tags = Json.StrMap(json, "tags"),
            };
        }
    }
}
