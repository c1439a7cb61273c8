using System.Text.RegularExpressions;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.Authorization;

/// <summary>
/// The <c>$filter</c> of a role assignment list: none (at, above and below the scope), <c>atScope()</c> (at or
/// above), <c>principalId eq '{id}'</c> or <c>assignedTo('{id}')</c> (that principal's, at, above and below),
/// and <c>atScope() and assignedTo('{id}')</c>.
/// </summary>
public sealed partial record RoleAssignmentFilter(bool AtScopeOnly, string? PrincipalId)
{
    public static RoleAssignmentFilter Parse(string filter)
    {
        var text = filter.Trim();
        if (text.Length == 0) return new(false, null);
        var atScope = false;
        string? principalId = null;
        foreach (var clause in AndSeparator().Split(text))
        {
            var part = clause.Trim();
            if (AtScopePattern().IsMatch(part)) { atScope = true; continue; }
            if (PrincipalPattern().Match(part) is { Success: true } principal) { principalId = principal.Groups["id"].Value; continue; }
            if (AssignedToPattern().Match(part) is { Success: true } assigned) { principalId = assigned.Groups["id"].Value; continue; }
            throw new ArmException(400, "UnsupportedQuery",
                $"The filter '{filter}' is not supported. Supported filters are either 'atScope()' or 'principalId eq '{{value}}'' or 'assignedTo('{{value}}')'.");
        }
        return new(atScope, principalId);
    }

    public bool Matches(ArmResource assignment, string scope)
    {
        var assignmentScope = RoleAssignmentStore.ScopeOf(assignment);
        var atOrAbove = ResourceIds.IsAtOrAbove(assignmentScope, scope);
        var below = ResourceIds.IsAtOrAbove(scope, assignmentScope);
        if (AtScopeOnly ? !atOrAbove : !(atOrAbove || below)) return false;
        return PrincipalId is null || string.Equals(RoleAssignmentStore.PrincipalOf(assignment), PrincipalId, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^atScope\(\)$", RegexOptions.IgnoreCase)]
    private static partial Regex AtScopePattern();

    [GeneratedRegex(@"^principalId\s+eq\s+'(?<id>[^']+)'$", RegexOptions.IgnoreCase)]
    private static partial Regex PrincipalPattern();

    [GeneratedRegex(@"^assignedTo\('(?<id>[^']+)'\)$", RegexOptions.IgnoreCase)]
    private static partial Regex AssignedToPattern();
}
