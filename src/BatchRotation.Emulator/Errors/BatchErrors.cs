using System.Text.Json.Nodes;
using BatchRotation.Emulator.Infrastructure;

namespace BatchRotation.Emulator.Errors;

/// <summary>
/// The Batch data plane's OData error envelope:
/// <c>{"odata.metadata", "code", "message":{"lang","value"}, "values":[{key,value}]}</c>, where the
/// message ends with the request id and time as the service writes them.
/// </summary>
public static class BatchErrors
{
    public const string ContentType = "application/json;odata=minimalmetadata";

    public static IResult Result(HttpContext context, int status, string code, string message, params (string Key, string Value)[] values)
    {
        var body = new JsonObject
        {
            ["odata.metadata"] = $"{BaseUri(context)}$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element",
            ["code"] = code,
            ["message"] = new JsonObject
            {
                ["lang"] = "en-US",
                ["value"] = $"{message}\nRequestId:{context.RequestId()}\nTime:{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffffffZ}",
            },
        };
        if (values.Length > 0)
        {
            body["values"] = new JsonArray(values.Select(v => (JsonNode)new JsonObject { ["key"] = v.Key, ["value"] = v.Value }).ToArray());
        }
        return Results.Text(body.ToJsonString(), ContentType, contentEncoding: null, statusCode: status);
    }

    public static IResult Throttled(HttpContext context) =>
        Result(context, 429, "TooManyRequests", "The server is receiving too many requests. Please retry after some time.");

    public static IResult InternalServerError(HttpContext context) =>
        Result(context, 500, "InternalError", "Server encountered an internal error. Please try again after some time.");

    /// <summary>The account's data-plane base URI ("https://127.0.0.1:port/batch/{account}/").</summary>
    public static string BaseUri(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var rest = path.Length > ServiceRouting.BatchPrefix.Length ? path[ServiceRouting.BatchPrefix.Length..] : "";
        var account = rest.Split('/', 2)[0];
        return $"{context.Request.Scheme}://{context.Request.Host}{ServiceRouting.BatchPrefix}{account}/";
    }
}
