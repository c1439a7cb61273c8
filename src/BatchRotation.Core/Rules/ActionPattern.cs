using System;
using System.Collections.Generic;
using System.Linq;

namespace BatchRotation.Core.Rules
{
    /// <summary>Azure RBAC action strings with <c>*</c> wildcards: case-insensitive, <c>*</c> anywhere, matching any run of characters including '/'.</summary>
    public static class ActionPattern
    {
        public static bool Matches(string pattern, string action)
        {
            if (pattern == null) throw new ArgumentNullException(nameof(pattern));
            if (action == null) throw new ArgumentNullException(nameof(action));

            int p = 0, a = 0, star = -1, resume = 0;
            while (a < action.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    resume = a;
                }
                else if (p < pattern.Length && char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(action[a]))
                {
                    p++;
                    a++;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    a = ++resume;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }

        /// <summary>True when some allowed pattern matches the action and no excluded pattern does (actions minus notActions).</summary>
        public static bool IsPermitted(IEnumerable<string>? allowed, IEnumerable<string>? excluded, string action) =>
            (allowed ?? Enumerable.Empty<string>()).Any(pattern => Matches(pattern, action))
            && !(excluded ?? Enumerable.Empty<string>()).Any(pattern => Matches(pattern, action));
    }
}
