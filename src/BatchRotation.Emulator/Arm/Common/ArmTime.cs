using System.Globalization;

namespace BatchRotation.Emulator.Arm.Common;

/// <summary>Timestamps as ARM writes them.</summary>
public static class ArmTime
{
    /// <summary>ISO 8601 with seven fractional digits and Z, as in <c>systemData</c> (<c>2020-01-01T12:00:00.0000000Z</c>).</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Seconds since the Unix epoch, as Key Vault's <c>attributes.created</c>.</summary>
    public static long UnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();
}
