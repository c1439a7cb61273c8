using System.Collections;
using System.Management.Automation;
using System.Text;
using Xunit.Sdk;

namespace BatchRotation.PowerShell.Tests.Infrastructure;

/// <summary>What one invocation produced: output objects, every stream, the host's text, and the terminating error if there was one.</summary>
public sealed record PsResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<WarningRecord> Warnings,
    IReadOnlyList<VerboseRecord> Verbose,
    IReadOnlyList<ProgressRecord> Progress,
    IReadOnlyList<InformationRecord> Information,
    RuntimeException? Terminating,
    string HostText)
{
    /// <summary>The error that ended the invocation (for -ErrorAction Stop, the error that was turned terminating).</summary>
    public ErrorRecord? TerminatingError => Terminating?.ErrorRecord;

    /// <summary>The output objects without their PSObject wrappers.</summary>
    public IReadOnlyList<object> Objects => Output.Select(PsObjects.Unwrap).ToList();

    /// <summary>The Error stream's records and then the terminating error, if any.</summary>
    public IReadOnlyList<ErrorRecord> AllErrors => TerminatingError is null ? Errors : [.. Errors, TerminatingError];

    public IReadOnlyList<string> WarningTexts => Warnings.Select(w => w.Message).ToList();

    public IReadOnlyList<string> VerboseTexts => Verbose.Select(v => v.Message).ToList();

    /// <summary>Fails the test, with everything that went wrong, unless the invocation ran without any error.</summary>
    public PsResult Succeeded()
    {
        if (Terminating is not null || Errors.Count > 0)
        {
            throw new XunitException("The invocation failed:\n" + Describe());
        }

        return this;
    }

    /// <summary>The only output object (unwrapped), failing the test otherwise.</summary>
    public object Single()
    {
        Succeeded();
        return Output.Count == 1 ? PsObjects.Unwrap(Output[0]) : throw new XunitException($"Expected one output object, got {Output.Count}:\n{Describe()}");
    }

    /// <summary>
    /// The one error of the invocation, whether it ended the script (terminating) or only its statement or
    /// record (Error stream); fails the test unless there is exactly one.
    /// </summary>
    public ErrorRecord Error() =>
        AllErrors.Count == 1 ? AllErrors[0] : throw new XunitException($"Expected one error, got {AllErrors.Count}:\n{Describe()}");

    /// <summary>The terminating error, failing the test if the invocation did not end with one.</summary>
    public ErrorRecord Failure() =>
        TerminatingError ?? throw new XunitException("Expected a terminating error:\n" + Describe());

    /// <summary>
    /// Everything a user can see of this invocation: output objects and their property values (two levels deep),
    /// every stream, error details and exceptions, and the host's text.
    /// </summary>
    public string AllText()
    {
        var text = new StringBuilder(HostText).AppendLine();
        foreach (var item in Output) AppendObject(text, item, depth: 2);
        foreach (var record in AllErrors) AppendError(text, record);
        foreach (var line in Warnings.Select(w => w.Message).Concat(Verbose.Select(v => v.Message)).Concat(Information.Select(i => i.MessageData?.ToString())))
            text.AppendLine(line);
        foreach (var progress in Progress) text.AppendLine(progress.Activity + " " + progress.StatusDescription + " " + progress.CurrentOperation);
        if (Terminating is not null) text.AppendLine(Terminating.ToString());
        return text.ToString();
    }

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"output: {Output.Count} object(s): {string.Join(", ", Output.Take(5))}");
        foreach (var e in Errors) text.AppendLine($"error: {e.FullyQualifiedErrorId}: {e}");
        if (TerminatingError is { } t) text.AppendLine($"terminating: {t.FullyQualifiedErrorId}: {t} ({Terminating!.GetType().Name})");
        foreach (var w in Warnings) text.AppendLine($"warning: {w.Message}");
        return text.ToString();
    }

    private static void AppendError(StringBuilder text, ErrorRecord record)
    {
        text.AppendLine(record.ToString());
        text.AppendLine(record.FullyQualifiedErrorId);
        text.AppendLine(record.CategoryInfo.ToString());
        text.AppendLine(record.TargetObject?.ToString());
        text.AppendLine(record.ErrorDetails?.Message);
        text.AppendLine(record.ErrorDetails?.RecommendedAction);
        text.AppendLine(record.Exception.ToString());
        AppendObject(text, PSObject.AsPSObject(record.Exception), depth: 1);
    }

    private static void AppendObject(StringBuilder text, object? value, int depth)
    {
        if (value is null) return;
        text.AppendLine(value.ToString());
        var unwrapped = value is PSObject pso ? pso.BaseObject : value;
        if (depth == 0 || unwrapped is string || unwrapped.GetType().IsPrimitive || unwrapped.GetType().IsEnum) return;
        if (unwrapped is IEnumerable items)
        {
            foreach (var item in items) AppendObject(text, item, depth - 1);
            return;
        }

        foreach (var property in PSObject.AsPSObject(value).Properties)
        {
            object? propertyValue;
            try { propertyValue = property.Value; }
            catch (GetValueException) { continue; }
            text.Append(property.Name).Append(" = ");
            AppendObject(text, propertyValue, depth - 1);
        }
    }
}
