using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.Authorization;

/// <summary>
/// Azure RBAC as ARM and the data planes evaluate it: a principal may do what the roles of its
/// assignments at the resource's scope or any parent scope allow. Call under the state's lock.
/// </summary>
public static class AuthorizationEngine
{
    public const string RoleAssignmentType = Seed.RoleAssignmentType;

    /// <summary>The role assignments of a principal that apply at a resource (its scope or any parent).</summary>
    public static IEnumerable<(ArmResource Assignment, RoleDefinition Role)> EffectiveAssignments(EmulatorState state, string principalId, string resourceId)
    {
        foreach (var assignment in state.Resources.Values)
        {
            if (!assignment.Type.Equals(RoleAssignmentType, StringComparison.OrdinalIgnoreCase)) continue;
            var properties = assignment.Body["properties"];
            if (!string.Equals((string?)properties?["principalId"], principalId, StringComparison.OrdinalIgnoreCase)) continue;
            var scope = (string?)properties?["scope"] ?? "";
            if (!ResourceIds.IsAtOrAbove(scope, resourceId)) continue;
            var role = BuiltInRoles.Find(RoleGuid((string?)properties?["roleDefinitionId"]));
            if (role is not null) yield return (assignment, role);
        }
    }

    public static bool HasAction(EmulatorState state, string principalId, string resourceId, string action) =>
        EffectiveAssignments(state, principalId, resourceId).Any(a => a.Role.AllowsAction(action));

    public static bool HasDataAction(EmulatorState state, string principalId, string resourceId, string dataAction) =>
        EffectiveAssignments(state, principalId, resourceId).Any(a => a.Role.AllowsDataAction(dataAction));

    /// <summary>The role GUID at the end of a role definition id.</summary>
    public static string RoleGuid(string? roleDefinitionId) =>
        roleDefinitionId is null ? "" : roleDefinitionId[(roleDefinitionId.LastIndexOf('/') + 1)..];
}
