using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>A role definition (authorization-RoleDefinitionsCalls.json 2022-04-01).</summary>
    public sealed record RoleDefinition
    {
        public string Id { get; init; } = string.Empty;

        /// <summary>The role definition GUID.</summary>
        public string Name { get; init; } = string.Empty;

        /// <summary>The display name, e.g. <c>Key Vault Secrets User</c>.</summary>
        public string? RoleName { get; init; }

        /// <summary><c>BuiltInRole</c> or <c>CustomRole</c>.</summary>
        public string? RoleType { get; init; }

        public string? Description { get; init; }

        public IReadOnlyList<RolePermission> Permissions { get; init; } = new RolePermission[0];

        public IReadOnlyList<string> AssignableScopes { get; init; } = new string[0];

        internal static RoleDefinition FromJson(JsonElement json) => new RoleDefinition
        {
            Id = Json.Str(json, "id") ?? string.Empty,
            Name = Json.Str(json, "name") ?? string.Empty,
            RoleName = Json.Str(json, "properties", "roleName"),
            RoleType = Json.Str(json, "properties", "type"),
            Description = Json.Str(json, "properties", "description"),
            Permissions = Json.Array(json, "properties", "permissions")
                .Select(p => new RolePermission(
                    Json.StrList(p, "actions"), Json.StrList(p, "notActions"), Json.StrList(p, "dataActions"), Json.StrList(p, "notDataActions")))
                .ToList(),
            AssignableScopes = Json.StrList(json, "properties", "assignableScopes"),
        };
    }

    /// <summary>One permission block of a role definition.</summary>
    public sealed record RolePermission(
        IReadOnlyList<string> Actions,
        IReadOnlyList<string> NotActions,
        IReadOnlyList<string> DataActions,
        IReadOnlyList<string> NotDataActions);
}
