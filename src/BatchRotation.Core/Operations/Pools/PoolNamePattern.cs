using System;
using System.Text;
using System.Text.RegularExpressions;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>
    /// A pool name or a PowerShell-style wildcard pattern (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-c]</c>, a backtick
    /// escapes the next character), matched without regard to case as Azure compares names.
    /// </summary>
    public sealed class PoolNamePattern
    {
        private readonly Regex? _regex;

        private PoolNamePattern(string text, string? literal, Regex? regex)
        {
            Text = text;
            Literal = literal;
            _regex = regex;
        }

        public string Text { get; }

        /// <summary>The name itself when the pattern has no wildcard (escapes removed); null for a wildcard pattern.</summary>
        public string? Literal { get; }

        public bool IsWildcard => Literal == null;

        public static PoolNamePattern Parse(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                throw Invalid(text, "it is empty");
            }

            var pattern = new StringBuilder("^");
            var literal = new StringBuilder();
            var wildcard = false;
            for (var i = 0; i < text!.Length; i++)
            {
                var c = text[i];
                if (c == '`' && i + 1 < text.Length)
                {
                    i++;
                    pattern.Append(Regex.Escape(text[i].ToString()));
                    literal.Append(text[i]);
                }
                else if (c == '*')
                {
                    wildcard = true;
                    pattern.Append(".*");
                }
                else if (c == '?')
                {
                    wildcard = true;
                    pattern.Append('.');
                }
                else if (c == '[')
                {
                    var end = text.IndexOf(']', i + 1);
                    if (end < 0 || end == i + 1)
                    {
                        throw Invalid(text, "a '[' has no matching ']'");
                    }

                    wildcard = true;
                    pattern.Append('[').Append(CharacterClass(text.Substring(i + 1, end - i - 1))).Append(']');
                    i = end;
                }
                else
                {
                    pattern.Append(Regex.Escape(c.ToString()));
                    literal.Append(c);
                }
            }

            pattern.Append('$');
            return wildcard
                ? new PoolNamePattern(text, null, new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase))
                : new PoolNamePattern(text, literal.ToString(), null);
        }

        public bool IsMatch(string name) =>
            _regex != null ? _regex.IsMatch(name) : string.Equals(name, Literal, StringComparison.OrdinalIgnoreCase);

        public override string ToString() => Text;

        private static string CharacterClass(string inner)
        {
            var result = new StringBuilder();
            foreach (var c in inner)
            {
                result.Append(c == '-' ? "-" : Regex.Escape(c.ToString()).Replace("]", "\\]"));
            }

            return result.ToString();
        }

        private static BatchRotationException Invalid(string? text, string why) =>
            new BatchRotationException(PoolErrorIds.InvalidPoolNamePattern, ErrorKind.InvalidArgument,
                $"'{text}' is not a pool name or wildcard pattern: {why}.", text)
            {
                Remedy = "Use a pool name, or a pattern with * and ? such as 'web-*'.",
            };
    }
}
