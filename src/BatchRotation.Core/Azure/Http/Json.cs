using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>
    /// Lenient readers over <see cref="JsonElement"/>: a missing property, or one of another JSON kind than
    /// asked for, reads as null instead of throwing, so that resources sent by any tool can be read (the raw
    /// element stays available to judge them as sent).
    /// </summary>
    internal static class Json
    {
        public static JsonElement? Get(JsonElement element, params string[] path)
        {
            var current = element;
            foreach (var name in path)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next))
                {
                    return null;
                }

                current = next;
            }

            return current;
        }

        public static JsonElement? Obj(JsonElement element, params string[] path)
        {
            var value = Get(element, path);
            return value?.ValueKind == JsonValueKind.Object ? value : null;
        }

        public static string? Str(JsonElement element, params string[] path)
        {
            var value = Get(element, path);
            return value?.ValueKind == JsonValueKind.String ? value.Value.GetString() : null;
        }

        public static bool? Bool(JsonElement element, params string[] path)
        {
            var value = Get(element, path);
            return value?.ValueKind == JsonValueKind.True ? true : value?.ValueKind == JsonValueKind.False ? false : (bool?)null;
        }

        public static int? Int(JsonElement element, params string[] path)
        {
            var value = Get(element, path);
            return value?.ValueKind == JsonValueKind.Number && value.Value.TryGetInt32(out var i) ? i : (int?)null;
        }

        public static long? Long(JsonElement element, params string[] path)
        {
            var value = Get(element, path);
            return value?.ValueKind == JsonValueKind.Number && value.Value.TryGetInt64(out var l) ? l : (long?)null;
        }

        /// <summary>An ISO 8601 timestamp string.</summary>
        public static DateTimeOffset? Time(JsonElement element, params string[] path)
        {
            var text = Str(element, path);
            return text != null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
                ? t
                : (DateTimeOffset?)null;
        }

        /// <summary>A Unix time in seconds (Key Vault's <c>nbf</c>, <c>exp</c>, <c>created</c>, <c>updated</c>).</summary>
        public static DateTimeOffset? UnixTime(JsonElement element, params string[] path)
        {
            var seconds = Long(element, path);
            if (seconds == null || seconds < -62135596800L || seconds > 253402300799L)
            {
                return null;
            }

            return DateTimeOffset.FromUnixTimeSeconds(seconds.Value);
        }

        public static IEnumerable<JsonElement> Array(JsonElement element, params string[] path)
        {
            var value = Get(element, path);
            return value?.ValueKind == JsonValueKind.Array ? value.Value.EnumerateArray().ToList() : Enumerable.Empty<JsonElement>();
        }

        public static IReadOnlyList<string> StrList(JsonElement element, params string[] path) =>
            Array(element, path).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();

        public static IReadOnlyDictionary<string, string> StrMap(JsonElement element, params string[] path)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var value = Obj(element, path);
            if (value != null)
            {
                foreach (var property in value.Value.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        result[property.Name] = property.Value.GetString()!;
                    }
                }
            }

            return result;
        }
    }
}
