using System.Collections.Generic;

namespace BatchRotation.Core.Rules
{
    /// <summary>A role definition's permissions. <see cref="Id"/> may be the GUID or the full role definition id.</summary>
    public sealed record RoleDefinitionEntry(
        string Id,
        string RoleName,
        IReadOnlyList<string> Actions,
        IReadOnlyList<string> NotActions,
        IReadOnlyList<string> DataActions,
        IReadOnlyList<string> NotDataActions)
    {
        public string Guid => BuiltInRoles.GuidOf(Id);

        public bool AllowsAction(string action) => ActionPattern.IsPermitted(Actions, NotActions, action);

        public bool AllowsDataAction(string dataAction) => ActionPattern.IsPermitted(DataActions, NotDataActions, dataAction);
    }
}
