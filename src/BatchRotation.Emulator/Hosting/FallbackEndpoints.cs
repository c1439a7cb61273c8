using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Infrastructure;

namespace BatchRotation.Emulator.Hosting;

/// <summary>What each service answers for a path it does not have.</summary>
public static class FallbackEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapFallback((HttpContext context) => context.Service() switch
        {
            ServiceKind.Arm => ArmErrors.Result(404, "InvalidResourceType",
                $"The resource type could not be found for the request '{context.Request.Method} {context.Request.Path}'."),
            ServiceKind.KeyVault => KeyVaultErrors.Result(404, "NotFound", "The requested resource was not found."),
            ServiceKind.Batch => BatchErrors.Result(context, 404, "InvalidUri", "The requested URI does not represent any resource on the server."),
            ServiceKind.Entra => Results.Json(new { error = "invalid_request", error_description = "AADSTS900561: The endpoint only accepts POST requests." }, statusCode: 400),
            _ => Results.Json(new { error = $"The emulator has no endpoint '{context.Request.Method} {context.Request.Path}'." }, statusCode: 404),
        });
    }
}
