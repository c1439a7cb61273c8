using System.Text.Json;
using System.Text.Json.Nodes;
using BatchRotation.Emulator.Hosting;

namespace BatchRotation.Emulator.Arm.Common;

/// <summary>
/// <c>GET/POST /_emulator/arm</c> (control surface, not Azure): the ARM side's tunables,
/// <c>{pageSize?, vaultWriteDurationMs?, resourceGroupDeletionSeconds?}</c>.
/// </summary>
public static class ArmSettingsEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/_emulator/arm", (EmulatorRuntime runtime) => Results.Json(Json(ArmSettings.For(runtime))));
        app.MapPost("/_emulator/arm", async (HttpContext context, EmulatorRuntime runtime) =>
        {
            JsonObject? body;
            try
            {
                body = context.Request.ContentLength is 0 ? new JsonObject() : await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }
            if (body is null) return Bad("Send a JSON object {pageSize?, vaultWriteDurationMs?, resourceGroupDeletionSeconds?}.");
            var settings = ArmSettings.For(runtime);
            if (!TryInt(body, "pageSize", 1, out var pageSize)) return Bad("pageSize must be an integer of at least 1.");
            if (!TryInt(body, "vaultWriteDurationMs", 0, out var duration)) return Bad("vaultWriteDurationMs must be a non-negative integer.");
            if (!TryInt(body, "resourceGroupDeletionSeconds", 0, out var deletion)) return Bad("resourceGroupDeletionSeconds must be a non-negative integer.");
            lock (runtime.State.Sync)
            {
                if (pageSize is { } p) settings.PageSize = p;
                if (duration is { } d) settings.VaultWriteDurationMs = d;
                if (deletion is { } s) settings.ResourceGroupDeletionSeconds = s;
            }
            return Results.Json(Json(settings));
        });
    }

    private static JsonObject Json(ArmSettings settings) => new()
    {
        ["pageSize"] = settings.PageSize,
        ["vaultWriteDurationMs"] = settings.VaultWriteDurationMs,
        ["resourceGroupDeletionSeconds"] = settings.ResourceGroupDeletionSeconds,
    };

    private static bool TryInt(JsonObject body, string name, int minimum, out int? value)
    {
        value = null;
        if (body[name] is not { } node) return true;
        if (node is JsonValue v && v.TryGetValue<int>(out var parsed) && parsed >= minimum)
        {
            value = parsed;
            return true;
        }
        return false;
    }

    private static IResult Bad(string message) => Results.Json(new JsonObject { ["error"] = message }, statusCode: 400);
}
