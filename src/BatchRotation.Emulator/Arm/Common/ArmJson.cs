using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchRotation.Emulator.Arm.Common;

/// <summary>
/// Reads ARM request bodies the way ARM and its resource providers (Json.NET underneath) do, with their
/// 400 <c>InvalidRequestContent</c> wording for malformed JSON and wrong types.
/// </summary>
public static class ArmJson
{
    public static JsonObject ParseObject(byte[] body)
    {
        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return new JsonObject();
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, AllowDuplicateProperties = false });
        }
        catch (JsonException e) when (e.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            var name = System.Text.RegularExpressions.Regex.Match(e.Message, "'([^']*)'") is { Success: true } m ? m.Groups[1].Value : "";
            throw ArmException.InvalidRequestContent(
                $"Can not add property {name} to Newtonsoft.Json.Linq.JObject. Property with the same name already exists on object.");
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            var text = Encoding.UTF8.GetString(body);
            var character = CharacterAt(text, (int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0));
            var detail = character is null
                ? $"Unexpected end when deserializing object. Path '{JsonNetPath(e.Path)}', line {line}, position {position}."
                : $"Unexpected character encountered while parsing value: {character}. Path '{JsonNetPath(e.Path)}', line {line}, position {position}.";
            throw ArmException.InvalidRequestContent(detail);
        }
        if (node is JsonObject obj) return obj;
        throw ArmException.InvalidRequestContent(
            $"Cannot deserialize the current JSON {Kind(node)} into type 'ResourceDefinition' because the type requires a JSON object (e.g. {{\"name\":\"value\"}}) to deserialize correctly. Path '', line 1, position 1.");
    }

    public static string? String(JsonObject? parent, string name, string path)
    {
        var node = parent?[name];
        if (node is null) return null;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String) return value.GetValue<string>();
        // Json.NET turns a number or a boolean into its text where a string is expected.
        if (node is JsonValue number && number.GetValueKind() == JsonValueKind.Number) return number.ToJsonString();
        if (node is JsonValue boolean && boolean.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return boolean.GetValueKind() == JsonValueKind.True ? "True" : "False";
        throw ArmException.InvalidRequestContent($"Unexpected character encountered while parsing value: {(node is JsonArray ? '[' : '{')}. Path '{path}'");
    }

    public static bool? Bool(JsonObject? parent, string name, string path)
    {
        var node = parent?[name];
        if (node is null) return null;
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.String:
                    var s = value.GetValue<string>();
                    if (bool.TryParse(s, out var parsed)) return parsed;
                    throw ArmException.InvalidRequestContent($"Could not convert string to boolean: {s}. Path '{path}'");
            }
        }
        throw ArmException.InvalidRequestContent($"Error converting value {node.ToJsonString()} to type 'System.Boolean'. Path '{path}'");
    }

    public static int? Int(JsonObject? parent, string name, string path)
    {
        var node = parent?[name];
        if (node is null) return null;
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number)) return number;
            if (value.GetValueKind() == JsonValueKind.String && int.TryParse(value.GetValue<string>(), out var parsed)) return parsed;
            if (value.GetValueKind() == JsonValueKind.String)
                throw ArmException.InvalidRequestContent($"Could not convert string to integer: {value.GetValue<string>()}. Path '{path}'");
        }
        throw ArmException.InvalidRequestContent($"Error converting value {node.ToJsonString()} to type 'System.Int32'. Path '{path}'");
    }

    public static JsonObject? Object(JsonObject? parent, string name, string path)
    {
        var node = parent?[name];
        if (node is null) return null;
        if (node is JsonObject obj) return obj;
        throw ArmException.InvalidRequestContent($"Error converting value {node.ToJsonString()} to type 'Object'. Path '{path}'");
    }

    public static JsonArray? Array(JsonObject? parent, string name, string path)
    {
        var node = parent?[name];
        if (node is null) return null;
        if (node is JsonArray array) return array;
        throw ArmException.InvalidRequestContent(
            $"Cannot deserialize the current JSON {Kind(node)} into type 'System.Collections.Generic.List' because the type requires a JSON array (e.g. [1,2,3]) to deserialize correctly. Path '{path}'");
    }

    /// <summary>An array of strings (e.g. permissions); any other item is InvalidRequestContent.</summary>
    public static List<string>? StringArray(JsonObject? parent, string name, string path)
    {
        var array = Array(parent, name, path);
        if (array is null) return null;
        var result = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue item && item.GetValueKind() == JsonValueKind.String) result.Add(item.GetValue<string>());
            else throw ArmException.InvalidRequestContent($"Error converting value {array[i]?.ToJsonString() ?? "null"} to type 'System.String'. Path '{path}[{i}]'");
        }
        return result;
    }

    /// <summary><c>tags</c>: an object of string values (ARM refuses anything else).</summary>
    public static JsonObject? Tags(JsonObject? parent, string path = "tags")
    {
        var tags = Object(parent, "tags", path);
        if (tags is null) return null;
        var copy = new JsonObject();
        foreach (var (key, value) in tags)
        {
            if (value is null) { copy[key] = null; continue; }
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String) copy[key] = v.GetValue<string>();
            else throw ArmException.InvalidRequestContent($"Unexpected character encountered while parsing value: {(value is JsonArray ? '[' : '{')}. Path '{path}.{key}'");
        }
        return copy;
    }

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    private static string Kind(JsonNode? node) => node switch
    {
        JsonArray => "array (e.g. [1,2,3])",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "string",
        null => "null",
        _ => "primitive",
    };

    private static string JsonNetPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string? CharacterAt(string text, int line, int bytePosition)
    {
        var lines = text.Split('\n');
        if (line >= lines.Length) return null;
        var bytes = Encoding.UTF8.GetBytes(lines[line]);
        if (bytePosition >= bytes.Length) return null;
        var rest = Encoding.UTF8.GetString(bytes, bytePosition, bytes.Length - bytePosition).TrimStart();
        return rest.Length == 0 ? null : rest[..1];
    }
}
