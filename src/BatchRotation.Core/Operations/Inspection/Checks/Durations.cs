using System;
using System.Globalization;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>Durations as people read them: "90 s", "1 h", "73 days".</summary>
    internal static class Durations
    {
        public static string Describe(TimeSpan span)
        {
            var culture = CultureInfo.InvariantCulture;
            if (span < TimeSpan.Zero)
            {
                return "-" + Describe(span.Negate());
            }

            if (span.TotalDays >= 2)
            {
                return Math.Floor(span.TotalDays).ToString(culture) + " days";
            }

            if (span.TotalHours >= 2)
            {
                return Math.Floor(span.TotalHours).ToString(culture) + " h";
            }

            if (span.TotalHours >= 1 && span.Ticks % TimeSpan.TicksPerHour == 0)
            {
                return span.TotalHours.ToString("0", culture) + " h";
            }

            if (span.TotalMinutes >= 2 && span.Ticks % TimeSpan.TicksPerMinute == 0)
            {
                return span.TotalMinutes.ToString("0", culture) + " min";
            }

            return span.TotalSeconds.ToString("0", culture) + " s";
        }
    }
}
