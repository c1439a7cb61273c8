using System.Text.Json.Nodes;

namespace BatchRotation.Emulator.Errors;

/// <summary>Key Vault's data-plane error envelope: <c>{"error":{"code","message","innererror"?}}</c>.</summary>
public static class KeyVaultErrors
{
    public static IResult Result(int status, string code, string message, string? innerCode = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (innerCode is not null) error["innererror"] = new JsonObject { ["code"] = innerCode };
        return Results.Json(new JsonObject { ["error"] = error }, statusCode: status);
    }

    public static IResult Throttled() =>
        Result(429, "Throttled", "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached");

    public static IResult InternalServerError() =>
        Result(500, "InternalServerError", "The server encountered an internal error. Please retry the request.");
}
