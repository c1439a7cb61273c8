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

    /// <summary>The management attributes of a certificate version.</summary>
    public sealed record CertificateAttributes
    {
        public bool? Enabled { get; init; }

        public DateTimeOffset? NotBefore { get; init; }

        public DateTimeOffset? Expires { get; init; }

        public DateTimeOffset? Created { get; init; }

        public DateTimeOffset? Updated { get; init; }

        public string? RecoveryLevel { get; init; }

        public int? RecoverableDays { get; init; }

        /// <summary>Reads the <c>attributes</c> of <paramref name="owner"/>.</summary>
        internal static CertificateAttributes FromJson(JsonElement owner) => new CertificateAttributes
        {
            Enabled = Json.Bool(owner, "attributes", "enabled"),
            NotBefore = Json.UnixTime(owner, "attributes", "nbf"),
            Expires = Json.UnixTime(owner, "attributes", "exp"),
            Created = Json.UnixTime(owner, "attributes", "created"),
            Updated = Json.UnixTime(owner, "attributes", "updated"),
            RecoveryLevel = Json.Str(owner, "attributes", "recoveryLevel"),
            RecoverableDays = Json.Int(owner, "attributes", "recoverableDays"),
        };
    }

    /// <summary>A certificate's policy: issuer, key, subject, validity and lifetime actions.</summary>
    public sealed record CertificatePolicy
    {
        public string? Id { get; init; }

        /// <summary><c>Self</c>, <c>Unknown</c> (imported or external CA: never renews by itself) or an integrated CA issuer.</summary>
        public string? IssuerName { get; init; }

        public string? IssuerCertificateType { get; init; }

        public string? KeyType { get; init; }

        public int? KeySize { get; init; }

        public bool? Exportable { get; init; }

        public bool? ReuseKey { get; init; }

        /// <summary>The secret's content type (<c>application/x-pkcs12</c> or <c>application/x-pem-file</c>).</summary>
        public string? ContentType { get; init; }

        public string? Subject { get; init; }

        public int? ValidityInMonths { get; init; }

        public IReadOnlyList<LifetimeAction> LifetimeActions { get; init; } = new LifetimeAction[0];

        public bool? Enabled { get; init; }

        /// <summary>True when a lifetime action renews the certificate automatically.</summary>
        public bool HasAutoRenew => LifetimeActions.Any(a => string.Equals(a.ActionType, LifetimeAction.AutoRenew, StringComparison.OrdinalIgnoreCase));

        internal static CertificatePolicy FromJson(JsonElement json) => new CertificatePolicy
        {
            Id = Json.Str(json, "id"),
            IssuerName = Json.Str(json, "issuer", "name"),
            IssuerCertificateType = Json.Str(json, "issuer", "cty"),
            KeyType = Json.Str(json, "key_props", "kty"),
            KeySize = Json.Int(json, "key_props", "key_size"),
            Exportable = Json.Bool(json, "key_props", "exportable"),
            ReuseKey = Json.Bool(json, "key_props", "reuse_key"),
            ContentType = Json.Str(json, "secret_props", "contentType"),
            Subject = Json.Str(json, "x509_props", "subject"),
            ValidityInMonths = Json.Int(json, "x509_props", "validity_months"),
            LifetimeActions = Json.Array(json, "lifetime_actions")
                .Select(a => new LifetimeAction(
                    Json.Str(a, "action", "action_type"),
                    Json.Int(a, "trigger", "lifetime_percentage"),
                    Json.Int(a, "trigger", "days_before_expiry")))
                .ToList(),
            Enabled = Json.Bool(json, "attributes", "enabled"),
        };
    }

    /// <summary>A lifetime action: what happens (<c>AutoRenew</c> or <c>EmailContacts</c>) and when.</summary>
    public sealed record LifetimeAction(string? ActionType, int? LifetimePercentage, int? DaysBeforeExpiry)
    {
        public const string AutoRenew = "AutoRenew";
        public const string EmailContacts = "EmailContacts";
    }

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

    internal static class CertificateIds
    {
        /// <summary>The name and version of <c>.../certificates/{name}/{version}</c>, from the end of the path.</summary>
        public static (string? Name, string? Version) NameAndVersion(string id)
        {
            if (!Uri.TryCreate(id, UriKind.Absolute, out var uri))
            {
                return (null, null);
            }

            var segments = uri.AbsolutePath.Trim('/').Split('/');
            for (var i = segments.Length - 2; i >= 0; i--)
            {
                if (string.Equals(segments[i], "certificates", StringComparison.OrdinalIgnoreCase))
                {
                    var name = Uri.UnescapeDataString(segments[i + 1]);
                    var version = i + 2 < segments.Length ? Uri.UnescapeDataString(segments[i + 2]) : null;
                    return (name, version);
                }
            }

            return (null, null);
        }

        public static string? X5tToHex(string? x5t)
        {
            if (string.IsNullOrEmpty(x5t))
            {
                return null;
            }

            try
            {
                var base64 = x5t!.Replace('-', '+').Replace('_', '/');
                base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
                return string.Concat(Convert.FromBase64String(base64).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
