using System.Reflection;

namespace BatchRotation.Commands.Tests.Support;

/// <summary>
/// The design rules every cmdlet class must follow, checked on metadata. Each returns the violations
/// it finds as readable sentences (empty = fine), so a failing test says what to fix.
/// </summary>
internal static class CmdletRules
{
    public const string BaseClassName = "BatchRotation.Commands.Infrastructure.BatchRotationCmdlet";

    public static IEnumerable<string> Check(CmdletMetadata cmdlet)
    {
        string name = $"{cmdlet.Name} ({cmdlet.Type.FullName})";
        if (!cmdlet.Type.IsSealed)
        {
            yield return $"{name} is not sealed.";
        }

        if (!cmdlet.Type.IsPublic)
        {
            yield return $"{name} is not public: PowerShell cannot export it.";
        }

        if (!ApprovedVerbs.All.Contains(cmdlet.Verb))
        {
            yield return $"{name} uses '{cmdlet.Verb}', which is not an approved verb in Windows PowerShell 5.1.";
        }

        if (!DerivesFrom(cmdlet.Type, BaseClassName))
        {
            yield return $"{name} does not derive from {BaseClassName}.";
        }

        if (cmdlet.OutputTypes.Count == 0)
        {
            yield return $"{name} has no [OutputType].";
        }

        if (ApprovedVerbs.StateChanging.Contains(cmdlet.Verb) && !cmdlet.SupportsShouldProcess)
        {
            yield return $"{name} changes state ('{cmdlet.Verb}') but does not declare SupportsShouldProcess = true.";
        }

        var constants = ConstantStrings(cmdlet.Type);
        var usedSets = cmdlet.ParameterSetNames.ToList();
        if (cmdlet.DefaultParameterSetName is { } defaultSet)
        {
            usedSets.Add(defaultSet);
            if (usedSets.Count > 1 && !cmdlet.ParameterSetNames.Contains(defaultSet))
            {
                yield return $"{name}: DefaultParameterSetName '{defaultSet}' is not a parameter set of any parameter.";
            }
        }

        foreach (string set in usedSets.Distinct(StringComparer.Ordinal))
        {
            if (!constants.Contains(set))
            {
                yield return $"{name}: parameter set '{set}' is not declared as a const string field of the cmdlet (or its base).";
            }
        }

        foreach (var parameter in cmdlet.Parameters)
        {
            var duplicated = parameter.Uses.GroupBy(u => u.SetName).Where(g => g.Count() > 1).Select(g => g.Key);
            foreach (string set in duplicated)
            {
                yield return $"{name}: parameter {parameter.Name} has two [Parameter] attributes for set '{set}'.";
            }
        }
    }

    private static bool DerivesFrom(Type type, string baseFullName)
    {
        for (Type? t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.FullName == baseFullName)
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> ConstantStrings(Type type)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        for (Type? t = type; t is not null && t.FullName != "System.Object"; t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (field.IsLiteral && field.GetRawConstantValue() is string value)
                {
                    result.Add(value);
                }
            }
        }

        return result;
    }
}
