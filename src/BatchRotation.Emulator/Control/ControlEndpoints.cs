using System.Text.Json;
using System.Text.Json.Nodes;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Infrastructure;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Control;

/// <summary>
/// The emulator's own control surface under <c>/_emulator/</c>, clearly apart from the Azure APIs:
/// reset, the request journal, simulated time, fault injection and extra sign-ins. Whatever Azure
/// has an API for is seeded through that API instead.
/// </summary>
public static class ControlEndpoints
{
    public static void Map(WebApplication app)
    {
        var control = app.MapGroup("/_emulator");

        control.MapGet("/", (EmulatorRuntime runtime) => Results.Json(new JsonObject
        {
            ["endpoint"] = runtime.Endpoint.ToString(),
            ["tenantId"] = runtime.State.TenantId,
            ["subscriptionIds"] = new JsonArray(runtime.State.SubscriptionIds.Select(s => (JsonNode)s).ToArray()),
            ["clock"] = ClockJson(runtime),
        }));

        control.MapPost("/reset", (EmulatorRuntime runtime) =>
        {
            runtime.Reset();
            return Results.NoContent();
        });

        control.MapGet("/journal", (long? since, EmulatorRuntime runtime) =>
            Results.Json(runtime.Journal.Since(since ?? 0), JsonOptions));
        control.MapDelete("/journal", (EmulatorRuntime runtime) =>
        {
            runtime.Journal.Clear();
            return Results.NoContent();
        });

        control.MapGet("/clock", (EmulatorRuntime runtime) => Results.Json(ClockJson(runtime)));
        control.MapPost("/clock", async (HttpContext context, EmulatorRuntime runtime) =>
        {
            var body = await ReadObjectAsync(context);
            if (body is null) return BadRequest("Send a JSON object {advanceSeconds?, scale?}.");
            if (body["advanceSeconds"] is { } advance)
            {
                if (!TryDouble(advance, out var seconds) || seconds < 0) return BadRequest("advanceSeconds must be a non-negative number.");
                runtime.Clock.Advance(TimeSpan.FromSeconds(seconds));
            }
            if (body["scale"] is { } scaleNode)
            {
                if (!TryDouble(scaleNode, out var scale) || scale <= 0) return BadRequest("scale must be a positive number.");
                runtime.Clock.Scale = scale;
            }
            return Results.Json(ClockJson(runtime));
        });

        control.MapGet("/faults", (EmulatorRuntime runtime) =>
            Results.Json(runtime.Faults.All().ToDictionary(p => ServiceRouting.ServiceName(p.Key), p => p.Value), JsonOptions));
        control.MapPost("/faults", async (HttpContext context, EmulatorRuntime runtime) =>
        {
            var body = await ReadObjectAsync(context);
            if (body is null) return BadRequest("Send a JSON object {service, latencyMs?, throttleRate?, retryAfterSeconds?, serverErrorRate?, dropRate?, throttleNext?, serverErrorNext?, dropNext?}.");
            if (body.Count == 0)
            {
                runtime.Faults.ClearAll();
                return Results.NoContent();
            }
            var services = ParseServices((string?)body["service"]);
            if (services is null) return BadRequest("service must be one of arm, keyvault, batch, entra, all.");
            FaultSettings settings;
            try
            {
                settings = body.Deserialize<FaultSettings>(JsonOptions) ?? new FaultSettings();
            }
            catch (JsonException e)
            {
                return BadRequest($"The fault settings are not valid: {e.Message}");
            }
            if (new[] { settings.ThrottleRate, settings.ServerErrorRate, settings.DropRate }.Any(r => r is < 0 or > 1)
                || settings.ThrottleRate + settings.ServerErrorRate + settings.DropRate > 1)
                return BadRequest("Rates are probabilities between 0 and 1 and may not add up to more than 1.");
            if (settings.LatencyMs < 0 || settings.RetryAfterSeconds < 0) return BadRequest("latencyMs and retryAfterSeconds may not be negative.");
            foreach (var service in services) runtime.Faults.Set(service, settings);
            return Results.NoContent();
        });

        control.MapPost("/principals", async (HttpContext context, EmulatorRuntime runtime) =>
        {
            var body = await ReadObjectAsync(context) ?? new JsonObject();
            var displayName = (string?)body["displayName"] ?? "BatchRotation test principal";
            var principal = Seed.NewServicePrincipal(runtime.State.TenantId, displayName);
            lock (runtime.State.Sync)
            {
                runtime.State.Principals[principal.PrincipalId] = principal;
            }
            return Results.Json(new JsonObject
            {
                ["clientId"] = principal.ClientId,
                ["clientSecret"] = principal.ClientSecret,
                ["principalId"] = principal.PrincipalId,
                ["tenantId"] = principal.TenantId,
                ["displayName"] = principal.DisplayName,
            }, statusCode: 201);
        });
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static async Task<JsonObject?> ReadObjectAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0) return new JsonObject();
        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return node as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IResult BadRequest(string message) =>
        Results.Json(new JsonObject { ["error"] = message }, statusCode: 400);

    private static JsonObject ClockJson(EmulatorRuntime runtime) => new()
    {
        ["now"] = runtime.Clock.UtcNow.ToString("O"),
        ["scale"] = runtime.Clock.Scale,
    };

    private static bool TryDouble(JsonNode node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.TryGetValue(out value);
    }

    private static ServiceKind[]? ParseServices(string? service) => service?.ToLowerInvariant() switch
    {
        "arm" => [ServiceKind.Arm],
        "keyvault" => [ServiceKind.KeyVault],
        "batch" => [ServiceKind.Batch],
        "entra" => [ServiceKind.Entra],
        "all" => FaultInjector.InjectableServices,
        _ => null,
    };
}
