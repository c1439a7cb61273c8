using System.Text;
using System.Text.RegularExpressions;

namespace BatchRotation.Core.Operations.Inspection.Gathering
{
    /// <summary>
    /// A pool name or a PowerShell-style wildcard (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[a-z]</c>, backtick escapes),
    /// matched case-insensitively as Azure compares pool names.
    /// </summary>
    internal sealed class PoolNamePattern
    {
        private readonly Regex _regex;

        public PoolNamePattern(string pattern)
        {
            Text = pattern;
            var builder = new StringBuilder("^");
            var literal = new StringBuilder();
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '`' && i + 1 < pattern.Length)
                {
                    builder.Append(Regex.Escape(pattern[++i].ToString()));
                    literal.Append(pattern[i]);
                    continue;
                }

                switch (c)
                {
                    case '*':
                        builder.Append(".*");
                        HasWildcards = true;
                        break;
                    case '?':
                        builder.Append('.');
                        HasWildcards = true;
                        break;
                    case '[':
                        var close = pattern.IndexOf(']', i + 1);
                        if (close > i + 1)
                        {
                            builder.Append('[').Append(pattern.Substring(i + 1, close - i - 1).Replace("\\", "\\\\").Replace("^", "\\^")).Append(']');
                            HasWildcards = true;
                            i = close;
                        }
                        else
                        {
                            builder.Append(Regex.Escape("["));
                            literal.Append(c);
                        }

                        break;
                    default:
                        builder.Append(Regex.Escape(c.ToString()));
                        literal.Append(c);
                        break;
                }
            }

            _regex = new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
            Literal = literal.ToString();
        }

        public string Text { get; }

        /// <summary>True when the pattern can match more than one name.</summary>
        public bool HasWildcards { get; }

        /// <summary>The name itself, when the pattern has no wildcards (escapes removed).</summary>
        public string Literal { get; }

        public bool IsMatch(string name) => _regex.IsMatch(name);
    }
}
