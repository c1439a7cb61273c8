using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.Authorization;

/// <summary>Reads over the stored role assignments. Call under the state's lock.</summary>
public static class RoleAssignmentStore
{
    public static IEnumerable<ArmResource> All(EmulatorState state) =>
        state.Resources.Values.Where(r => r.Type.Equals(AuthorizationEngine.RoleAssignmentType, StringComparison.OrdinalIgnoreCase));

    public static string ScopeOf(ArmResource assignment) => (string?)assignment.Body["properties"]?["scope"] ?? "";

    public static string? PrincipalOf(ArmResource assignment) => (string?)assignment.Body["properties"]?["principalId"];

    public static string RoleGuidOf(ArmResource assignment) =>
        AuthorizationEngine.RoleGuid((string?)assignment.Body["properties"]?["roleDefinitionId"]);
}
