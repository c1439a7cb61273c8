namespace BatchRotation.Core.Rules
{
    /// <summary>A role assignment: scope (an ARM id or <c>/</c>), role definition (id or GUID), principal object id.</summary>
    public sealed record RoleAssignmentEntry(string Scope, string RoleDefinitionId, string PrincipalId);
}
