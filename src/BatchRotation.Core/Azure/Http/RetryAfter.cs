using System;
using System.Globalization;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>
    /// Reads how long a service asked the client to wait: <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c>
    /// (milliseconds) or <c>Retry-After</c> (seconds or an HTTP date), in that order.
    /// </summary>
    internal static class RetryAfter
    {
        /// <summary>The delay the headers ask for, or null when they ask for none (or cannot be read).</summary>
        public static TimeSpan? Parse(Func<string, string?> getHeader, DateTimeOffset now)
        {
            foreach (var name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
            {
                var ms = getHeader(name);
                if (ms != null && double.TryParse(ms.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
                    && milliseconds >= 0 && !double.IsInfinity(milliseconds))
                {
                    return TimeSpan.FromMilliseconds(milliseconds);
                }
            }

            var value = getHeader("Retry-After")?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds - 1));
            }

            if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }
    }
}
