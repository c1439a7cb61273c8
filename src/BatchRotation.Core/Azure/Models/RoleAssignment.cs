using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>A role assignment (authorization-RoleAssignmentsCalls.json 2022-04-01).</summary>
    public sealed record RoleAssignment
    {
        public string Id { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        /// <summary>Where the assignment is made; may be a parent of the scope that was listed (inherited).</summary>
        public string? Scope { get; init; }

        public string? RoleDefinitionId { get; init; }

        public string? PrincipalId { get; init; }

        public string? PrincipalType { get; init; }

        public string? Condition { get; init; }

        internal static RoleAssignment FromJson(JsonElement json) => new RoleAssignment
        {
            Id = Json.Str(json, "id") ?? string.Empty,
            Name = Json.Str(json, "name") ?? string.Empty,
            Scope = Json.Str(json, "properties", "scope"),
            RoleDefinitionId = Json.Str(json, "properties", "roleDefinitionId"),
            PrincipalId = Json.Str(json, "properties", "principalId"),
            PrincipalType = Json.Str(json, "properties", "principalType"),
            Condition = Json.Str(json, "properties", "condition"),
        };
    }
}
