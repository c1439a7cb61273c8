using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Hosting;

namespace BatchRotation.Emulator.Batch;

/// <summary>Small helpers shared by the Batch handlers: bodies, times, entity tags, JSON answers.</summary>
public static class BatchHttp
{
    public const string BatchAccountType = "Microsoft.Batch/batchAccounts";
    public const string PoolType = "Microsoft.Batch/batchAccounts/pools";
    public const string UserAssignedIdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";
    /// <summary>The action ARM's linked access check needs on each user-assigned identity (as roles grant it).</summary>
    public const string AssignAction = "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action";

    public static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    /// <summary>Parses a request body as ARM does: empty is <c>{}</c>; malformed JSON or a non-object is ARM's InvalidRequestContent.</summary>
    public static (JsonObject? Body, IResult? Error) ParseObject(byte[] raw)
    {
        if (raw.Length == 0 || raw.All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')) return (new JsonObject(), null);
        try
        {
            var node = JsonNode.Parse(raw, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
            if (node is JsonObject obj) return (obj, null);
            return (null, ArmErrors.InvalidRequestContent(
                $"The request content was invalid and could not be deserialized: 'Cannot deserialize the current JSON {(node is JsonArray ? "array" : "value")} into type 'ResourceDefinition'.'."));
        }
        catch (JsonException e)
        {
            return (null, ArmErrors.InvalidRequestContent($"The request content was invalid and could not be deserialized: '{e.Message}'."));
        }
    }

    /// <summary>Times as the Batch service writes them: seven fractional digits and Z.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string HttpDate(DateTimeOffset time) => time.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The hexadecimal entity-tag value Batch uses: the modification time in .NET ticks, strictly increasing.</summary>
    public static string NextETagValue(DateTimeOffset time, string? previous)
    {
        var ticks = time.UtcTicks;
        if (previous is not null && TryTicks(previous, out var previousTicks) && ticks <= previousTicks) ticks = previousTicks + 1;
        return "0x" + ticks.ToString("X", CultureInfo.InvariantCulture);
    }

    private static bool TryTicks(string etag, out long ticks)
    {
        var value = etag.Replace("W/", "", StringComparison.Ordinal).Trim('"');
        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return long.TryParse(value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ticks);
        ticks = 0;
        return false;
    }

    /// <summary>Compares entity tags as the service does: the weak prefix and quotes do not matter.</summary>
    public static bool SameETag(string a, string b)
    {
        static string Normalize(string tag) => tag.Trim().Replace("W/", "", StringComparison.Ordinal).Trim('"');
        return string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A JSON answer with ARM's content type.</summary>
    public static IResult Json(JsonNode body, int status = 200) =>
        Results.Text(body.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>A Batch data-plane answer: JSON with exactly <c>application/json;odata=minimalmetadata</c>.</summary>
    public static IResult OData(JsonNode body, int status = 200) => new ODataResult(body.ToJsonString(), status);

    private sealed class ODataResult(string json, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.ContentType = "application/json;odata=minimalmetadata";
            return httpContext.Response.WriteAsync(json, Encoding.UTF8);
        }
    }

    public static string AccountEndpoint(EmulatorRuntime runtime, string accountName) =>
        $"{runtime.Endpoint.Authority}/batch/{accountName}";

    /// <summary>The absolute URL of a path on this emulator, keeping the request's api-version.</summary>
    public static string Absolute(EmulatorRuntime runtime, string path, string apiVersion) =>
        $"{runtime.Endpoint.GetLeftPart(UriPartial.Authority)}{path}?api-version={apiVersion}";

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static int? Int(JsonNode? node)
    {
        if (node is not JsonValue value) return null;
        if (value.TryGetValue<int>(out var number)) return number;
        if (value.TryGetValue<long>(out var big) && big is >= int.MinValue and <= int.MaxValue) return (int)big;
        if (value.TryGetValue<double>(out var real) && Math.Abs(real % 1) < double.Epsilon) return (int)real;
        return null;
    }
}
