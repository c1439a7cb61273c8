using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchRotation.Emulator.Tests.Infrastructure;

/// <summary>
/// Compares the emulator's JSON with a real example field by field: every property the example has
/// must be present with the same JSON kind (string, number, bool, object, array) and, for the
/// properties named in <c>sameValues</c>, the same value. Arrays are compared by their first item.
/// </summary>
public static class JsonShape
{
    public static void AssertCovers(JsonNode expected, JsonNode? actual, params string[] ignoredPaths) =>
        Compare(expected, actual, "$", ignoredPaths.ToHashSet(StringComparer.Ordinal), []);

    public static void AssertCoversWithValues(JsonNode expected, JsonNode? actual, string[] sameValues, params string[] ignoredPaths) =>
        Compare(expected, actual, "$", ignoredPaths.ToHashSet(StringComparer.Ordinal), sameValues.ToHashSet(StringComparer.Ordinal));

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, HashSet<string> ignored, HashSet<string> sameValues)
    {
        if (ignored.Contains(path)) return;
        if (expected is null)
        {
            return;
        }
        if (actual is null) throw new Xunit.Sdk.XunitException($"{path}: missing (the real response has {Kind(expected)}).");
        if (Kind(expected) != Kind(actual))
            throw new Xunit.Sdk.XunitException($"{path}: the real response has {Kind(expected)}, the emulator sent {Kind(actual)} ({actual.ToJsonString()}).");

        switch (expected)
        {
            case JsonObject expectedObject:
                foreach (var (name, value) in expectedObject)
                {
                    Compare(value, actual.AsObject()[name], $"{path}.{name}", ignored, sameValues);
                }
                break;
            case JsonArray expectedArray when expectedArray.Count > 0:
                var actualArray = actual.AsArray();
                if (actualArray.Count == 0) throw new Xunit.Sdk.XunitException($"{path}: the emulator sent an empty array.");
                Compare(expectedArray[0], actualArray[0], $"{path}[0]", ignored, sameValues);
                break;
            default:
                if (sameValues.Contains(path) && !JsonNode.DeepEquals(expected, actual))
                    throw new Xunit.Sdk.XunitException($"{path}: the real response has {expected.ToJsonString()}, the emulator sent {actual.ToJsonString()}.");
                break;
        }
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };
}
