using System.Text.Json.Nodes;
using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Identity;
using BatchRotation.Emulator.Infrastructure;

namespace BatchRotation.Emulator.Batch;

/// <summary>
/// Errors of the Microsoft.Batch resource provider in ARM's envelope. For pool operations the provider
/// relays the Batch service's error: the code is the service's, the message ends with
/// <c>RequestId:…</c> and <c>Time:…</c>, the target is <c>BatchAccount</c> and the details carry the
/// service's values (<c>Reason</c>, <c>PropertyName</c>, <c>PropertyPath</c>), as seen in Azure/Batch#85
/// and Azure/azure-sdk-for-net#40325.
/// </summary>
public static class BatchRpErrors
{
    public static IResult Relayed(HttpContext context, DateTimeOffset now, int status, string code, string message, params (string Code, string Message)[] details)
    {
        var array = details.Length == 0
            ? null
            : new JsonArray(details.Select(d => (JsonNode)new JsonObject { ["code"] = d.Code, ["message"] = d.Message }).ToArray());
        return ArmErrors.Result(status, code, $"{message}\nRequestId:{context.RequestId()}\nTime:{now.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}", "BatchAccount", array);
    }

    public static IResult InvalidRequestBody(HttpContext context, DateTimeOffset now, string reason, string propertyPath) =>
        Relayed(context, now, 400, "InvalidRequestBody", "The specified Request Body is not syntactically valid.",
            ("Reason", reason), ("PropertyPath", propertyPath));

    public static IResult PropertyCannotBeUpdated(HttpContext context, DateTimeOffset now, string propertyName, string propertyPath) =>
        Relayed(context, now, 400, "PropertyCannotBeUpdated", "A property that cannot be updated was specified as part of the request.",
            ("Reason", "A property that cannot be updated was specified as part of the request."),
            ("PropertyName", propertyName), ("PropertyPath", propertyPath));

    public static IResult MissingRequiredProperty(HttpContext context, DateTimeOffset now, string propertyName, string propertyPath) =>
        Relayed(context, now, 400, "MissingRequiredProperty", "A required property was not specified in the request body.",
            ("PropertyName", propertyName), ("PropertyPath", propertyPath));

    public static IResult InvalidPropertyValue(HttpContext context, DateTimeOffset now, string propertyName, string propertyPath, string reason) =>
        Relayed(context, now, 400, "InvalidPropertyValue", "The value provided for one of the properties in the request body is invalid.",
            ("Reason", reason), ("PropertyName", propertyName), ("PropertyPath", propertyPath));

    public static IResult PoolNotFound(HttpContext context, DateTimeOffset now) =>
        Relayed(context, now, 404, "PoolNotFound", "The specified pool does not exist.");

    public static IResult PoolExists(HttpContext context, DateTimeOffset now) =>
        Relayed(context, now, 409, "PoolExists", "The specified pool already exists.");

    public static IResult PoolBeingDeleted(HttpContext context, DateTimeOffset now) =>
        Relayed(context, now, 409, "PoolBeingDeleted", "The specified pool has been marked for deletion and is being reclaimed.");

    public static IResult ConditionNotMet(HttpContext context, DateTimeOffset now) =>
        Relayed(context, now, 412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.");

    /// <summary>ARM's 404 for a nested resource whose parent is missing.</summary>
    public static IResult ParentResourceNotFound(string parentName) =>
        ArmErrors.Result(404, "ParentResourceNotFound",
            $"Can not perform requested operation on nested resource. Parent resource '{parentName}' not found.");

    /// <summary>
    /// ARM's linked access check: writing a resource that references user-assigned identities needs
    /// <c>Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action</c> on each of them.
    /// </summary>
    public static IResult LinkedAuthorizationFailed(Caller caller, string action, string scope, IEnumerable<string> linkedScopes) =>
        ArmErrors.Result(403, "LinkedAuthorizationFailed",
            $"The client '{caller.ClientId}' with object id '{caller.PrincipalId}' has permission to perform action '{action}' on scope '{scope}'; however, it does not have permission to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action' on the linked scope(s) '{string.Join(",", linkedScopes)}' or the linked scope(s) are invalid.");

    /// <summary>ARM's answer when a user-assigned identity named in the request does not exist.</summary>
    public static IResult IdentityNotFound(string resourceId, string identityId) =>
        ArmErrors.Result(400, "FailedIdentityOperation",
            $"Identity operation for resource '{resourceId}' failed with error 'Failed to perform resource identity operation. Status: 'NotFound'. Response: '{{\"error\":{{\"code\":\"NotFound\",\"message\":\"Resource '{identityId}' does not exist or one of its parent resources does not exist.\"}}}}'.'.");
}
