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
    /// <summary>The ABAC condition Azure attaches to the role's permissions (version 2.0), if any.</summary>
    public string? Condition { get; init; }

    public bool AllowsAction(string action) =>
        Actions.Any(p => ActionPattern.Matches(p, action)) && !NotActions.Any(p => ActionPattern.Matches(p, action));

    public bool AllowsDataAction(string dataAction) =>
        DataActions.Any(p => ActionPattern.Matches(p, dataAction)) && !NotDataActions.Any(p => ActionPattern.Matches(p, dataAction));
}

/// <summary>
/// ARM's action patterns: case-insensitive; <c>*</c> matches any run of characters, and a whole <c>/*/</c>
/// segment also matches no segment at all (so <c>Microsoft.KeyVault/vaults/*/read</c> covers
/// <c>Microsoft.KeyVault/vaults/read</c>, which is how Key Vault Reader reads vaults and Managed Identity
/// Operator's <c>userAssignedIdentities/*/assign/action</c> assigns identities).
/// </summary>
public static class ActionPattern
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Text.RegularExpressions.Regex> Cache = new(StringComparer.OrdinalIgnoreCase);

    public static bool Matches(string pattern, string action) => Cache.GetOrAdd(pattern, Compile).IsMatch(action);

    private static System.Text.RegularExpressions.Regex Compile(string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '/' && i + 2 < pattern.Length && pattern[i + 1] == '*' && pattern[i + 2] == '/')
            {
                regex.Append("/(?:.*/)?");
                i += 2;
            }
            else if (pattern[i] == '*')
            {
                regex.Append(".*");
            }
            else
            {
                regex.Append(System.Text.RegularExpressions.Regex.Escape(pattern[i].ToString()));
            }
        }
        regex.Append('$');
        return new System.Text.RegularExpressions.Regex(regex.ToString(),
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }
}
