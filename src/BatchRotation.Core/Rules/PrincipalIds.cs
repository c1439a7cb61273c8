using System;

namespace BatchRotation.Core.Rules
{
    internal static class PrincipalIds
    {
        /// <summary>Object and tenant ids are GUIDs; compare them whatever their casing or braces.</summary>
        public static bool Same(string? a, string? b)
        {
            if (a == null || b == null)
            {
                return false;
            }

            return Guid.TryParse(a, out var x) && Guid.TryParse(b, out var y)
                ? x == y
                : string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
        }
    }
}
