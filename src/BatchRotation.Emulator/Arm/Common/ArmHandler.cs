using System.Text.Json.Nodes;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Identity;
using BatchRotation.Emulator.Infrastructure;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.Common;

/// <summary>
/// Runs an ARM handler: reads the request body first (asynchronously, outside the lock), then calls the
/// handler under <see cref="EmulatorState.Sync"/> and turns an <see cref="ArmException"/> into its response.
/// </summary>
public static class ArmHandler
{
    public static async Task<IResult> Run(HttpContext context, EmulatorRuntime runtime, Func<ArmCall, IResult> handler)
    {
        var body = await ReadBodyAsync(context);
        lock (runtime.State.Sync)
        {
            try
            {
                return handler(new ArmCall(context, runtime, body));
            }
            catch (ArmException e)
            {
                return e.ToResult();
            }
        }
    }

    /// <summary>For handlers that must wait between steps (e.g. a write that occupies its vault): they take the lock themselves.</summary>
    public static async Task<IResult> RunAsync(HttpContext context, EmulatorRuntime runtime, Func<ArmCall, Task<IResult>> handler)
    {
        var body = await ReadBodyAsync(context);
        try
        {
            return await handler(new ArmCall(context, runtime, body));
        }
        catch (ArmException e)
        {
            return e.ToResult();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }
}

/// <summary>One ARM request as a handler sees it.</summary>
public sealed class ArmCall(HttpContext http, EmulatorRuntime runtime, byte[] body)
{
    private JsonObject? _parsed;

    public HttpContext Http { get; } = http;
    public EmulatorRuntime Runtime { get; } = runtime;
    public EmulatorState State => Runtime.State;
    public Caller Caller => Http.RequiredCaller();
    public DateTimeOffset Now { get; } = runtime.Clock.UtcNow;
    public string ApiVersion => Http.Request.Query["api-version"].ToString();
    public string Method => Http.Request.Method;

    /// <summary>The request path as sent (casing kept), without a trailing slash.</summary>
    public string Path => (Http.Request.Path.Value ?? "").TrimEnd('/');

    /// <summary>ARM's checks in ARM's order (<see cref="ArmGuard.Check"/>); throws the refusal.</summary>
    public void Guard(string subscriptionId, string provider, string resourceType, string scope, string action, string? resourceGroup = null)
    {
        if (ArmGuard.Check(Http, Runtime, subscriptionId, provider, resourceType, scope, action, resourceGroup) is { } refusal)
            throw ArmException.From(refusal);
    }

    /// <summary>
    /// ARM's checks without the authorization step, for collection reads that ARM filters by what the caller may
    /// read instead of refusing (lists at subscription scope).
    /// </summary>
    public void GuardUnauthorized(string subscriptionId, string provider, string resourceType, string? resourceGroup = null)
    {
        Resources.ResourceGroupStore.CompleteDue(State, Now);
        if (!State.SubscriptionExists(subscriptionId)) throw ArmException.From(Errors.ArmErrors.SubscriptionNotFound(subscriptionId));
        if (ArmGuard.ApiVersionError(Http, provider, resourceType) is { } versionError) throw ArmException.From(versionError);
        if (resourceGroup is not null && Resources.ResourceGroupStore.Get(State, subscriptionId, resourceGroup) is null)
            throw ArmException.From(Errors.ArmErrors.ResourceGroupNotFound(resourceGroup));
    }

    public bool CallerMay(string scope, string action) =>
        Authorization.AuthorizationEngine.HasAction(State, Caller.PrincipalId, scope, action);

    /// <summary>The body as a JSON object; an empty body reads as <c>{}</c>. Malformed JSON is ARM's 400 InvalidRequestContent.</summary>
    public JsonObject Body => _parsed ??= ArmJson.ParseObject(body);

    public bool HasBody => body.Length > 0 && body.Any(b => !char.IsWhiteSpace((char)b));

    public string Query(string name) => Http.Request.Query[name].ToString();

    /// <summary>How ARM's <c>systemData</c> names the caller.</summary>
    public (string By, string ByType) SystemDataIdentity()
    {
        var principal = State.Principals.GetValueOrDefault(Caller.PrincipalId);
        return principal?.Kind == PrincipalKind.ManagedIdentity ? (Caller.PrincipalId, "ManagedIdentity") : (Caller.ClientId, "Application");
    }
}
