using System.Text.Json.Nodes;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// A role assignment to create with <c>PUT {Scope}/providers/Microsoft.Authorization/roleAssignments/{new GUID}</c>.
    /// <see cref="RoleDefinitionId"/> is the full id under the vault's subscription.
    /// </summary>
    public sealed record RoleAssignmentToCreate(ResourceId Scope, string RoleDefinitionId, string PrincipalId)
    {
        public const string PrincipalType = "ServicePrincipal";

        public string RoleName => BuiltInRoles.NameOf(RoleDefinitionId) ?? BuiltInRoles.GuidOf(RoleDefinitionId);

        public JsonObject ToRequestBody() => new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["roleDefinitionId"] = RoleDefinitionId,
                ["principalId"] = PrincipalId,
                ["principalType"] = PrincipalType,
            },
        };
    }
}
