using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>
    /// A user-assigned managed identity (ManagedIdentity.json 2024-11-30). The Key Vault extension needs its
    /// <see cref="ClientId"/>; access grants need its <see cref="PrincipalId"/>.
    /// </summary>
    public sealed record UserAssignedIdentity
    {
        public string Id { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        public string? Location { get; init; }

        public string? TenantId { get; init; }

        public string? PrincipalId { get; init; }

        public string? ClientId { get; init; }

        internal static UserAssignedIdentity FromJson(JsonElement json) => new UserAssignedIdentity
        {
            Id = Json.Str(json, "id") ?? string.Empty,
            Name = Json.Str(json, "name") ?? string.Empty,
            Location = Json.Str(json, "location"),
            TenantId = Json.Str(json, "properties", "tenantId"),
            PrincipalId = Json.Str(json, "properties", "principalId"),
            ClientId = Json.Str(json, "properties", "clientId"),
        };
    }
}
