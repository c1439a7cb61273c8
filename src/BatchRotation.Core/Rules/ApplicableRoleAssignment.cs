namespace BatchRotation.Core.Rules
{
    /// <summary>A principal's role assignment that reaches a target scope, with its definition when known.</summary>
    internal sealed record ApplicableRoleAssignment(RoleAssignmentEntry Assignment, ResourceId Scope, RoleDefinitionEntry? Definition, bool Inherited)
    {
        public string RoleName => Definition?.RoleName ?? BuiltInRoles.NameOf(Assignment.RoleDefinitionId) ?? BuiltInRoles.GuidOf(Assignment.RoleDefinitionId);
    }
}
