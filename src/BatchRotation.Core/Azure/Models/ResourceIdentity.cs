using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>
    /// A resource's managed identity block (<c>identity</c>): type, the system-assigned principal (if any) and
    /// the user-assigned identities with their principal and client ids.
    /// </summary>
    public sealed record ResourceIdentity
    {
        /// <summary><c>None</c>, <c>SystemAssigned</c>, <c>UserAssigned</c> (pools: only <c>UserAssigned</c> or <c>None</c>).</summary>
        public string Type { get; init; } = "None";

        public string? PrincipalId { get; init; }

        public string? TenantId { get; init; }

        public IReadOnlyList<UserAssignedIdentityReference> UserAssignedIdentities { get; init; } = new UserAssignedIdentityReference[0];

        internal static ResourceIdentity? FromJson(JsonElement resource)
        {
            var identity = Json.Obj(resource, "identity");
            if (identity == null)
            {
                return null;
            }

            var assigned = Json.Obj(identity.Value, "userAssignedIdentities");
            var references = assigned == null
                ? new List<UserAssignedIdentityReference>()
                : assigned.Value.EnumerateObject()
                    .Select(p => new UserAssignedIdentityReference(p.Name, Json.Str(p.Value, "principalId"), Json.Str(p.Value, "clientId")))
                    .ToList();
            return new ResourceIdentity
            {
                Type = Json.Str(identity.Value, "type") ?? "None",
                PrincipalId = Json.Str(identity.Value, "principalId"),
                TenantId = Json.Str(identity.Value, "tenantId"),
                UserAssignedIdentities = references,
            };
        }
    }

    /// <summary>One user-assigned identity attached to a resource: its resource id and, as filled by Azure, its ids.</summary>
    public sealed record UserAssignedIdentityReference(string ResourceId, string? PrincipalId, string? ClientId);
}
