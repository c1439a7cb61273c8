using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchRotation.Emulator.Batch;

/// <summary>A string enum as the resource provider's model declares it (matched case-insensitively).</summary>
public sealed record SchemaEnum(string Name, string[] Values);

/// <summary>One member of a model type. Kind: V value, O object, A array, M map, F free-form object.</summary>
public sealed record SchemaMember(string Name, char Kind, string? Target, SchemaEnum? Enum);

public sealed record SchemaType(IReadOnlyList<SchemaMember> Members)
{
    public SchemaMember? Find(string name) =>
        Members.FirstOrDefault(m => m.Name.Equals(name, StringComparison.Ordinal))
        ?? Members.FirstOrDefault(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Why a request body was refused, in the resource provider's words (Json.NET's messages).</summary>
public sealed record SchemaViolation(string Reason, string PropertyPath);

/// <summary>
/// The Batch resource provider's strict deserialization of request bodies: every member must exist on the
/// model of its api-version (case-insensitively, as Json.NET matches), and enum values must be known.
/// The message names the JSON path, line and position the way Json.NET reports them.
/// </summary>
public static partial class BatchSchema
{
    private static SchemaType T(params SchemaMember[] members) => new(members);

    private static SchemaMember M(string name, char kind, string? target, SchemaEnum? schemaEnum) => new(name, kind, target, schemaEnum);

    private static IReadOnlyDictionary<string, SchemaType> TypesFor(string apiVersion) =>
        apiVersion == "2024-07-01" || string.CompareOrdinal(apiVersion, "2025-06-01") < 0 ? Types2024_07_01 : Types2025_06_01;

    /// <summary>Null when the body deserializes into <paramref name="rootType"/>; otherwise the first violation.</summary>
    public static SchemaViolation? Validate(JsonNode body, string rootType, string apiVersion, byte[] raw)
    {
        var types = TypesFor(apiVersion);
        var positions = new Lazy<JsonPositions>(() => JsonPositions.Index(raw));
        return Check(body, rootType, "", types, positions);
    }

    private static SchemaViolation? Check(JsonNode? node, string typeName, string path, IReadOnlyDictionary<string, SchemaType> types, Lazy<JsonPositions> positions)
    {
        if (node is null) return null;
        if (node is not JsonObject obj)
        {
            return Violation(ConversionError(node, typeName), path, positions, value: true);
        }
        if (!types.TryGetValue(typeName, out var type)) return null;
        foreach (var (name, value) in obj)
        {
            var memberPath = JsonPositions.Append(path, name);
            var member = type.Find(name);
            if (member is null)
            {
                return Violation($"Could not find member '{name}' on object of type '{typeName}'.", memberPath, positions, value: false);
            }
            if (value is null) continue;
            switch (member.Kind)
            {
                case 'V' when member.Enum is { } schemaEnum:
                    if (value.GetValueKind() != JsonValueKind.String
                        || !schemaEnum.Values.Contains((string)value!, StringComparer.OrdinalIgnoreCase))
                    {
                        return Violation($"Error converting value {Display(value)} to type '{schemaEnum.Name}'.", memberPath, positions, value: true);
                    }
                    break;
                case 'O':
                    if (Check(value, member.Target!, memberPath, types, positions) is { } nested) return nested;
                    break;
                case 'A':
                    if (value is not JsonArray array)
                    {
                        return Violation($"Error converting value {Display(value)} to type 'IList<{member.Target}>'.", memberPath, positions, value: true);
                    }
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (Check(array[i], member.Target!, $"{memberPath}[{i}]", types, positions) is { } item) return item;
                    }
                    break;
                case 'M':
                    if (value is not JsonObject map)
                    {
                        return Violation($"Error converting value {Display(value)} to type 'IDictionary<string, {member.Target}>'.", memberPath, positions, value: true);
                    }
                    foreach (var (key, entry) in map)
                    {
                        if (Check(entry, member.Target!, JsonPositions.Append(memberPath, key), types, positions) is { } inner) return inner;
                    }
                    break;
            }
        }
        return null;
    }

    private static string ConversionError(JsonNode node, string typeName) => $"Error converting value {Display(node)} to type '{typeName}'.";

    private static string Display(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => "\"" + (string)node! + "\"",
        JsonValueKind.Object or JsonValueKind.Array => node.ToJsonString(),
        _ => node.ToJsonString(),
    };

    private static SchemaViolation Violation(string message, string path, Lazy<JsonPositions> positions, bool value)
    {
        var (line, position) = positions.Value.Find(path, value);
        return new SchemaViolation($"{message} Path '{path}', line {line}, position {position}.", path);
    }
}

/// <summary>
/// Where each property of a JSON text is, as Json.NET reports it: for a property name the position just
/// after its colon, for a value the position just after it; lines from 1, positions counted in characters.
/// </summary>
public sealed class JsonPositions
{
    private readonly Dictionary<string, (int Line, int Position)> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Line, int Position)> _values = new(StringComparer.Ordinal);

    public (int Line, int Position) Find(string path, bool value) =>
        (value ? _values : _names).TryGetValue(path, out var found) ? found
        : _names.TryGetValue(path, out var name) ? name
        : (1, 1);

    /// <summary>Json.NET's path syntax: <c>a.b[0]</c>, and <c>a['x/y']</c> for names that are not plain identifiers.</summary>
    public static string Append(string path, string name)
    {
        var plain = name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '$');
        if (plain) return path.Length == 0 ? name : path + "." + name;
        return path + "['" + name.Replace("'", "\\'") + "']";
    }

    public static JsonPositions Index(byte[] utf8)
    {
        var result = new JsonPositions();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new Stack<(bool IsArray, string Path, int Index)>();
        string? pendingName = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                    {
                        pendingName = Append(stack.Peek().Path, reader.GetString()!);
                        var colon = IndexOfColon(utf8, (int)reader.BytesConsumed);
                        result._names[pendingName] = LineAndPosition(utf8, colon + 1);
                        break;
                    }
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                    {
                        var path = CurrentPath(stack, ref pendingName);
                        stack.Push((reader.TokenType == JsonTokenType.StartArray, path, 0));
                        break;
                    }
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                    {
                        var (_, path, _) = stack.Pop();
                        if (path.Length > 0) result._values[path] = LineAndPosition(utf8, (int)reader.BytesConsumed);
                        break;
                    }
                    default:
                    {
                        var path = CurrentPath(stack, ref pendingName);
                        result._values[path] = LineAndPosition(utf8, (int)reader.BytesConsumed);
                        break;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // The text was already parsed once; positions are best effort.
        }
        return result;
    }

    private static string CurrentPath(Stack<(bool IsArray, string Path, int Index)> stack, ref string? pendingName)
    {
        if (stack.Count == 0) return "";
        var (isArray, path, index) = stack.Pop();
        string current;
        if (isArray)
        {
            current = $"{path}[{index}]";
            stack.Push((true, path, index + 1));
        }
        else
        {
            current = pendingName ?? path;
            stack.Push((false, path, index));
        }
        pendingName = null;
        return current;
    }

    private static int IndexOfColon(byte[] utf8, int from)
    {
        for (var i = from; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)':') return i;
        }
        return Math.Max(0, from - 1);
    }

    /// <summary>Line (from 1) and position (characters on that line up to and including byte <paramref name="endExclusive"/>-1).</summary>
    private static (int Line, int Position) LineAndPosition(byte[] utf8, int endExclusive)
    {
        endExclusive = Math.Clamp(endExclusive, 0, utf8.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < endExclusive; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, Encoding.UTF8.GetCharCount(utf8, lineStart, endExclusive - lineStart));
    }
}
