using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
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
}
