namespace BatchRotation.Emulator.Arm.Authorization;

/// <summary>A role definition: what its assignments allow on the management plane and on data planes.</summary>
public sealed record RoleDefinition(
    string Guid,
    string RoleName,
    string Description,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> NotActions,
    IReadOnlyList<string> DataActions,
    IReadOnlyList<string> NotDataActions)
{
    public bool AllowsAction(string action) =>
        Actions.Any(p => ActionPattern.Matches(p, action)) && !NotActions.Any(p => ActionPattern.Matches(p, action));

    public bool AllowsDataAction(string dataAction) =>
        DataActions.Any(p => ActionPattern.Matches(p, dataAction)) && !NotDataActions.Any(p => ActionPattern.Matches(p, dataAction));
}

/// <summary>ARM's action patterns: case-insensitive, <c>*</c> matches any run of characters.</summary>
public static class ActionPattern
{
    public static bool Matches(string pattern, string action)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1) return string.Equals(pattern, action, StringComparison.OrdinalIgnoreCase);
        if (!action.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase)) return false;
        var position = parts[0].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = action.IndexOf(parts[i], position, StringComparison.OrdinalIgnoreCase);
            if (found < 0) return false;
            position = found + parts[i].Length;
        }
        var last = parts[^1];
        return action.Length - position >= last.Length && action.EndsWith(last, StringComparison.OrdinalIgnoreCase);
    }
}
