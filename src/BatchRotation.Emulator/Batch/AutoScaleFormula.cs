using System.Globalization;
using System.Text.RegularExpressions;

namespace BatchRotation.Emulator.Batch;

/// <summary>The outcome of evaluating an autoscale formula, as the pool's <c>autoScaleRun</c> reports it.</summary>
public sealed record AutoScaleResult(int Dedicated, int LowPriority, string Results, string? ErrorCode, string? Error);

/// <summary>
/// Autoscale formulas, evaluated as far as the emulator goes: constant assignments to
/// <c>$TargetDedicatedNodes</c>, <c>$TargetLowPriorityNodes</c> and <c>$NodeDeallocationOption</c>
/// (statements separated by <c>;</c> or new lines). Anything else is reported in <c>autoScaleRun.error</c>
/// and leaves the targets as they were (a documented deviation).
/// </summary>
public static partial class AutoScaleFormula
{
    [GeneratedRegex(@"^\s*\$(?<name>[A-Za-z]+)\s*=\s*(?<value>[A-Za-z0-9]+)\s*$")]
    private static partial Regex Assignment();

    public static AutoScaleResult Evaluate(string formula, int currentDedicated, int currentLowPriority)
    {
        var dedicated = 0;
        var lowPriority = 0;
        var option = "requeue";
        foreach (var statement in formula.Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Assignment().Match(statement);
            if (!match.Success) return Unsupported(currentDedicated, currentLowPriority, statement);
            var name = match.Groups["name"].Value;
            var value = match.Groups["value"].Value;
            switch (name)
            {
                case "TargetDedicatedNodes" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var d):
                    dedicated = d;
                    break;
                case "TargetLowPriorityNodes" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var l):
                    lowPriority = l;
                    break;
                case "NodeDeallocationOption" when value.ToLowerInvariant() is "requeue" or "terminate" or "taskcompletion" or "retaineddata":
                    option = value.ToLowerInvariant();
                    break;
                default:
                    return Unsupported(currentDedicated, currentLowPriority, statement);
            }
        }
        return new AutoScaleResult(dedicated, lowPriority,
            $"$TargetDedicatedNodes={dedicated};$TargetLowPriorityNodes={lowPriority};$NodeDeallocationOption={option}", null, null);
    }

    private static AutoScaleResult Unsupported(int dedicated, int lowPriority, string statement) =>
        new(dedicated, lowPriority, "", "FormulaNotSupportedByEmulator",
            $"The emulator evaluates only constant assignments to $TargetDedicatedNodes, $TargetLowPriorityNodes and $NodeDeallocationOption; it cannot evaluate '{statement}'.");
}
