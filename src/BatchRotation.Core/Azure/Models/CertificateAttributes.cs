using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
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
}
