using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>
    /// A certificate's public metadata (Key Vault <c>CertificateBundle</c>): ids, thumbprint, public DER,
    /// attributes and (for the latest version) the policy. Never the private key.
    /// </summary>
    public sealed record CertificateMetadata
    {
        /// <summary>The versioned certificate id (<c>{vault}/certificates/{name}/{version}</c>).</summary>
        public string Id { get; init; } = string.Empty;

        /// <summary>The certificate name, read from <see cref="Id"/>.</summary>
        public string? Name { get; init; }

        /// <summary>The version, read from <see cref="Id"/>.</summary>
        public string? Version { get; init; }

        /// <summary>The key id (<c>kid</c>).</summary>
        public string? KeyId { get; init; }

        /// <summary>The secret id (<c>sid</c>), versioned: the URL the Key Vault extension reads (without its version).</summary>
        public string? SecretId { get; init; }

        /// <summary>The base64url SHA-1 thumbprint (<c>x5t</c>).</summary>
        public string? X5t { get; init; }

        /// <summary>The public certificate, base64 DER (<c>cer</c>).</summary>
        public string? Cer { get; init; }

        public string? ContentType { get; init; }

        public CertificateAttributes Attributes { get; init; } = new CertificateAttributes();

        /// <summary>The policy, present when the latest version was read.</summary>
        public CertificatePolicy? Policy { get; init; }

        public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

        /// <summary>The thumbprint as upper-case hex (from <see cref="X5t"/>), as Windows and the extension show it.</summary>
        public string? ThumbprintHex => CertificateIds.X5tToHex(X5t);

        internal static CertificateMetadata FromJson(JsonElement json)
        {
            var id = Json.Str(json, "id") ?? string.Empty;
            var (name, version) = CertificateIds.NameAndVersion(id);
            var policy = Json.Obj(json, "policy");
            return new CertificateMetadata
            {
                Id = id,
                Name = name,
                Version = version,
                KeyId = Json.Str(json, "kid"),
                SecretId = Json.Str(json, "sid"),
                X5t = Json.Str(json, "x5t"),
                Cer = Json.Str(json, "cer"),
                ContentType = Json.Str(json, "contentType"),
                Attributes = CertificateAttributes.FromJson(json),
                Policy = policy == null ? null : CertificatePolicy.FromJson(policy.Value),
                Tags = Json.StrMap(json, "tags"),
            };
        }
    }
}
