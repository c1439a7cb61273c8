using System.Text.Json.Nodes;
using BatchRotation.Emulator.Infrastructure;

namespace BatchRotation.Emulator.Errors;

/// <summary>Azure Resource Manager's error envelope: <c>{"error":{"code","message","target"?,"details"?}}</c>.</summary>
public static class ArmErrors
{
    public static IResult Result(int status, string code, string message, string? target = null, JsonArray? details = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (target is not null) error["target"] = target;
        if (details is not null) error["details"] = details;
        return Results.Json(new JsonObject { ["error"] = error }, statusCode: status);
    }

    public static Task WriteAsync(HttpContext context, int status, string code, string message) =>
        Result(status, code, message).ExecuteAsync(context);

    public static IResult ResourceNotFound(string resourceType, string name, string resourceGroup) =>
        Result(404, "ResourceNotFound",
            $"The Resource '{resourceType}/{name}' under resource group '{resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");

    public static IResult ResourceGroupNotFound(string resourceGroup) =>
        Result(404, "ResourceGroupNotFound", $"Resource group '{resourceGroup}' could not be found.");

    public static IResult SubscriptionNotFound(string subscriptionId) =>
        Result(404, "SubscriptionNotFound", $"The subscription '{subscriptionId}' could not be found.");

    public static IResult InvalidRequestContent(string message) =>
        Result(400, "InvalidRequestContent", message);

    public static IResult AuthorizationFailed(Identity.Caller caller, string action, string scope) =>
        Result(403, "AuthorizationFailed",
            $"The client '{caller.ClientId}' with object id '{caller.PrincipalId}' does not have authorization to perform action '{action}' over scope '{scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.");

    public static IResult Throttled(HttpContext context, string subscriptionId, int retryAfterSeconds) =>
        Result(429, "SubscriptionRequestsThrottled",
            $"Number of '{(HttpMethods.IsGet(context.Request.Method) ? "read" : "write")}' requests for subscription '{subscriptionId}' actor '{context.Caller()?.PrincipalId}' exceeded. Please try again after '{retryAfterSeconds}' seconds after the additional '{retryAfterSeconds}' seconds.");

    public static IResult InternalServerError(HttpContext context) =>
        Result(500, "InternalServerError",
            $"Encountered internal server error. Diagnostic information: timestamp '{DateTimeOffset.UtcNow:yyyyMMddTHHmmssZ}', tracking id '{context.RequestId()}', request correlation id '{context.RequestId()}'.");
}
