using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;

namespace BatchRotation.Core.Tests.Rules.TestSupport;

/// <summary>
/// A small Swagger 2.0 schema validator for request bodies: type, properties, required, enum (honouring
/// x-ms-enum modelAsString), local $ref, allOf, items, additionalProperties, readOnly (must not be sent),
/// length/range/pattern, and the formats int32, int64, date-time, duration and uuid. Objects that declare
/// properties are closed: a property they do not declare is an error, so a misspelt field cannot pass.
/// Objects declaring no properties (e.g. an extension's settings) are free-form.
/// </summary>
public sealed class SwaggerValidator
{
    private readonly JsonObject _definitions;

    public SwaggerValidator(JsonObject document)
    {
        _definitions = document["definitions"] as JsonObject ?? throw new ArgumentException("The document has no definitions.");
    }

    public static SwaggerValidator Load(string path) =>
        new(JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException(path + " is not a JSON object."));

    public IReadOnlyList<string> Validate(JsonNode? instance, string definitionName)
    {
        var errors = new List<string>();
        ValidateNode(instance, Definition(definitionName), "$", errors);
        return errors;
    }

    private JsonObject Definition(string name) =>
        _definitions[name] as JsonObject ?? throw new ArgumentException($"No definition '{name}'.");

    private JsonObject Resolve(JsonObject schema)
    {
        var seen = 0;
        while (schema["$ref"] is JsonValue reference)
        {
            var text = reference.GetValue<string>();
            const string local = "#/definitions/";
            if (!text.StartsWith(local, StringComparison.Ordinal))
            {
                throw new NotSupportedException($"Only local references are supported, not '{text}'.");
            }

            schema = Definition(text.Substring(local.Length));
            if (++seen > 64)
            {
                throw new InvalidDataException("Reference cycle at " + text);
            }
        }

        return schema;
    }

    private void ValidateNode(JsonNode? node, JsonObject rawSchema, string path, List<string> errors)
    {
        var schema = Resolve(rawSchema);
        if (node == null)
        {
            errors.Add($"{path}: null is not allowed.");
            return;
        }

        var type = schema["type"]?.GetValue<string>() ?? (schema["properties"] != null || HasAllOf(schema) ? "object" : null);
        switch (type)
        {
            case "object":
                ValidateObject(node, schema, path, errors);
                break;
            case "array":
                if (node is not JsonArray array)
                {
                    errors.Add($"{path}: expected an array, got {node.GetValueKind()}.");
                    break;
                }

                if (schema["items"] is JsonObject items)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        ValidateNode(array[i], items, $"{path}[{i}]", errors);
                    }
                }

                break;
            case "string":
                if (node.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add($"{path}: expected a string, got {node.GetValueKind()}.");
                    break;
                }

                ValidateString(node.GetValue<string>(), schema, path, errors);
                break;
            case "integer":
            case "number":
                ValidateNumber(node, schema, type, path, errors);
                break;
            case "boolean":
                if (node.GetValueKind() != JsonValueKind.True && node.GetValueKind() != JsonValueKind.False)
                {
                    errors.Add($"{path}: expected a boolean, got {node.GetValueKind()}.");
                }

                break;
        }
    }

    private void ValidateObject(JsonNode node, JsonObject schema, string path, List<string> errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add($"{path}: expected an object, got {node.GetValueKind()}.");
            return;
        }

        var declared = DeclaredProperties(schema);
        foreach (var required in AllRequired(schema))
        {
            if (!obj.ContainsKey(required))
            {
                errors.Add($"{path}: required property '{required}' is missing.");
            }
        }

        var additional = schema["additionalProperties"];
        var closed = declared.Count > 0 || HasAllOf(schema);
        foreach (var (name, value) in obj)
        {
            var propertyPath = $"{path}.{name}";
            if (declared.TryGetValue(name, out var propertySchema))
            {
                if (IsReadOnly(propertySchema))
                {
                    errors.Add($"{propertyPath}: the property is read-only and must not be sent.");
                    continue;
                }

                ValidateNode(value, propertySchema, propertyPath, errors);
            }
            else if (additional is JsonObject additionalSchema)
            {
                ValidateNode(value, additionalSchema, propertyPath, errors);
            }
            else if (additional is JsonValue allowed && allowed.GetValueKind() == JsonValueKind.False)
            {
                errors.Add($"{propertyPath}: additional properties are not allowed.");
            }
            else if (closed && additional == null)
            {
                errors.Add($"{propertyPath}: the schema declares no such property.");
            }
        }
    }

    private Dictionary<string, JsonObject> DeclaredProperties(JsonObject schema)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in properties)
            {
                result[name] = (JsonObject)value!;
            }
        }

        foreach (var part in schema["allOf"] as JsonArray ?? new JsonArray())
        {
            foreach (var (name, value) in DeclaredProperties(Resolve((JsonObject)part!)))
            {
                result.TryAdd(name, value);
            }
        }

        return result;
    }

    private IEnumerable<string> AllRequired(JsonObject schema)
    {
        foreach (var name in schema["required"] as JsonArray ?? new JsonArray())
        {
            yield return name!.GetValue<string>();
        }

        foreach (var part in schema["allOf"] as JsonArray ?? new JsonArray())
        {
            foreach (var name in AllRequired(Resolve((JsonObject)part!)))
            {
                yield return name;
            }
        }
    }

    private bool HasAllOf(JsonObject schema) => schema["allOf"] is JsonArray { Count: > 0 };

    private bool IsReadOnly(JsonObject propertySchema) =>
        propertySchema["readOnly"]?.GetValue<bool>() == true
        || (propertySchema["$ref"] != null && Resolve(propertySchema)["readOnly"]?.GetValue<bool>() == true);

    private static void ValidateString(string value, JsonObject schema, string path, List<string> errors)
    {
        if (schema["enum"] is JsonArray values && !IsExtensibleEnum(schema)
            && !values.Any(v => string.Equals(v?.GetValue<string>(), value, StringComparison.Ordinal)))
        {
            errors.Add($"{path}: '{value}' is not one of {string.Join(", ", values.Select(v => v!.GetValue<string>()))}.");
        }

        if (schema["minLength"] is JsonValue min && value.Length < min.GetValue<int>())
        {
            errors.Add($"{path}: shorter than {min}.");
        }

        if (schema["maxLength"] is JsonValue max && value.Length > max.GetValue<int>())
        {
            errors.Add($"{path}: longer than {max}.");
        }

        if (schema["pattern"] is JsonValue pattern && !Regex.IsMatch(value, pattern.GetValue<string>()))
        {
            errors.Add($"{path}: '{value}' does not match {pattern}.");
        }

        var format = schema["format"]?.GetValue<string>();
        var valid = format switch
        {
            "date-time" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
            "duration" => TryDuration(value),
            "uuid" => Guid.TryParse(value, out _),
            _ => true,
        };
        if (!valid)
        {
            errors.Add($"{path}: '{value}' is not a valid {format}.");
        }
    }

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static bool IsExtensibleEnum(JsonObject schema) =>
        schema["x-ms-enum"]?["modelAsString"]?.GetValue<bool>() == true;

    private static bool TryDuration(string value)
    {
        try
        {
            XmlConvert.ToTimeSpan(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void ValidateNumber(JsonNode node, JsonObject schema, string type, string path, List<string> errors)
    {
        if (node.GetValueKind() != JsonValueKind.Number)
        {
            errors.Add($"{path}: expected {type}, got {node.GetValueKind()}.");
            return;
        }

        var value = Number(node);
        if (type == "integer" && Math.Floor(value) != value)
        {
            errors.Add($"{path}: {value} is not an integer.");
            return;
        }

        var format = schema["format"]?.GetValue<string>();
        if (format == "int32" && (value < int.MinValue || value > int.MaxValue))
        {
            errors.Add($"{path}: {value} does not fit int32.");
        }

        if (schema["minimum"] is JsonValue min && value < Number(min))
        {
            errors.Add($"{path}: {value} is below the minimum {min}.");
        }

        if (schema["maximum"] is JsonValue max && value > Number(max))
        {
            errors.Add($"{path}: {value} is above the maximum {max}.");
        }
    }
}
