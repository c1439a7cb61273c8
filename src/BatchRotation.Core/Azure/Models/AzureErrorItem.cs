using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>An error item (<c>code</c>, <c>message</c>) as found in resize errors and similar lists.</summary>
    public sealed record AzureErrorItem(string? Code, string? Message)
    {
        internal static AzureErrorItem FromJson(JsonElement json) => new AzureErrorItem(Json.Str(json, "code"), Json.Str(json, "message"));
    }
}
