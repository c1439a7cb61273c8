using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>
    /// Turns candidate values into tab-completion results: keeps those that start with what was typed
    /// (case-insensitive, surrounding quotes ignored), sorts them and quotes those that need it.
    /// An <see cref="IArgumentCompleter"/> of a cmdlet gathers its candidates (from the Core, with a
    /// short timeout) and returns <c>CompletionHelper.Complete(candidates, wordToComplete)</c>.
    /// </summary>
    internal static class CompletionHelper
    {
        public static IEnumerable<CompletionResult> Complete(IEnumerable<string> candidates, string? wordToComplete) =>
            Filter(candidates, wordToComplete)
                .Select(value => new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, value));

        internal static IEnumerable<string> Filter(IEnumerable<string> candidates, string? wordToComplete)
        {
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return candidates
                .Where(c => !string.IsNullOrEmpty(c) && c.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(c => c, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Single-quotes a value that PowerShell would otherwise split or interpret.</summary>
        internal static string Quote(string value)
        {
            bool plain = value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':')
                && !value.StartsWith("-", StringComparison.Ordinal);
            return plain ? value : "'" + value.Replace("'", "''") + "'";
        }
    }
}
