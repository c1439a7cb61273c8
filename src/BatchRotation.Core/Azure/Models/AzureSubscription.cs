using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>A subscription the caller can see (subscriptions.json 2022-12-01).</summary>
    public sealed record AzureSubscription
    {
        public string SubscriptionId { get; init; } = string.Empty;

        public string? DisplayName { get; init; }

        public string? TenantId { get; init; }

        /// <summary><c>Enabled</c>, <c>Warned</c>, <c>PastDue</c>, <c>Disabled</c> or <c>Deleted</c>.</summary>
        public string? State { get; init; }

        internal static AzureSubscription FromJson(JsonElement json) => new AzureSubscription
        {
            SubscriptionId = Json.Str(json, "subscriptionId") ?? string.Empty,
            DisplayName = Json.Str(json, "displayName"),
            TenantId = Json.Str(json, "tenantId"),
            State = Json.Str(json, "state"),
        };
    }
}
