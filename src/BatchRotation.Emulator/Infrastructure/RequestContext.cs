using BatchRotation.Emulator.Identity;

namespace BatchRotation.Emulator.Infrastructure;

/// <summary>What the emulator's middleware learned about a request, for the handlers.</summary>
public static class RequestContext
{
    private const string ServiceKey = "emulator.service";
    private const string RequestIdKey = "emulator.requestId";
    private const string CallerKey = "emulator.caller";

    public static ServiceKind Service(this HttpContext context) =>
        context.Items.TryGetValue(ServiceKey, out var value) && value is ServiceKind kind ? kind : ServiceRouting.Classify(context.Request.Path);

    public static void SetService(this HttpContext context, ServiceKind kind) => context.Items[ServiceKey] = kind;

    /// <summary>The x-ms-request-id of this request (Batch: request-id).</summary>
    public static string RequestId(this HttpContext context)
    {
        if (context.Items.TryGetValue(RequestIdKey, out var value) && value is string id) return id;
        id = Guid.NewGuid().ToString();
        context.Items[RequestIdKey] = id;
        return id;
    }

    /// <summary>The signed-in principal; null before authentication or on the unauthenticated endpoints.</summary>
    public static Caller? Caller(this HttpContext context) =>
        context.Items.TryGetValue(CallerKey, out var value) ? value as Caller : null;

    public static Caller RequiredCaller(this HttpContext context) =>
        context.Caller() ?? throw new InvalidOperationException("The request reached a handler without an authenticated caller.");

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[CallerKey] = caller;
}
