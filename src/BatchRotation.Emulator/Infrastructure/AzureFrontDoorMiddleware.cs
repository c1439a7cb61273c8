using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Identity;

namespace BatchRotation.Emulator.Infrastructure;

/// <summary>
/// What happens to every request before a handler sees it, in Azure's order: the service's standard
/// headers and request id, injected latency and faults, authentication, and finally the journal entry.
/// </summary>
public sealed class AzureFrontDoorMiddleware(RequestDelegate next, EmulatorRuntime runtime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var service = ServiceRouting.Classify(context.Request.Path);
        context.SetService(service);
        context.Response.OnStarting(() =>
        {
            ServiceHeaders.Apply(context, service);
            return Task.CompletedTask;
        });

        if (service is ServiceKind.Control or ServiceKind.Unknown)
        {
            await next(context);
            return;
        }

        var dropped = false;
        try
        {
            dropped = await InjectFaultAsync(context, service);
            if (dropped || context.Response.HasStarted) return;
            if (service is ServiceKind.Arm or ServiceKind.KeyVault or ServiceKind.Batch
                && !await ServiceAuthentication.AuthenticateAsync(context, service, runtime))
            {
                return;
            }
            await next(context);
        }
        finally
        {
            runtime.Journal.Record(
                DateTimeOffset.UtcNow,
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                ServiceRouting.ServiceName(service),
                dropped ? 0 : context.Response.StatusCode,
                context.Caller()?.PrincipalId,
                context.RequestId());
        }
    }

    /// <summary>Applies latency and decides on a fault; returns true when the connection was dropped.</summary>
    private async Task<bool> InjectFaultAsync(HttpContext context, ServiceKind service)
    {
        var settings = runtime.Faults.Get(service);
        if (settings.LatencyMs > 0) await Task.Delay(settings.LatencyMs, context.RequestAborted);

        switch (runtime.Faults.Decide(service))
        {
            case FaultDecision.Drop:
                context.Abort();
                return true;
            case FaultDecision.Throttle:
                context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ThrottleResult(context, service, settings.RetryAfterSeconds).ExecuteAsync(context);
                return false;
            case FaultDecision.ServerError:
                await ServerErrorResult(context, service).ExecuteAsync(context);
                return false;
            default:
                return false;
        }
    }

    private IResult ThrottleResult(HttpContext context, ServiceKind service, int retryAfterSeconds) => service switch
    {
        ServiceKind.Arm => ArmErrors.Throttled(context, State.ResourceIds.SubscriptionOf(context.Request.Path.Value ?? "") ?? runtime.State.SubscriptionIds[0], retryAfterSeconds),
        ServiceKind.KeyVault => KeyVaultErrors.Throttled(),
        ServiceKind.Batch => BatchErrors.Throttled(context),
        _ => Results.Json(new { error = "temporarily_unavailable", error_description = "AADSTS50196: The server terminated an operation because it encountered a client request loop." }, statusCode: 429),
    };

    private static IResult ServerErrorResult(HttpContext context, ServiceKind service) => service switch
    {
        ServiceKind.Arm => ArmErrors.InternalServerError(context),
        ServiceKind.KeyVault => KeyVaultErrors.InternalServerError(),
        ServiceKind.Batch => BatchErrors.InternalServerError(context),
        _ => Results.Json(new { error = "temporarily_unavailable", error_description = "AADSTS90033: A transient error has occurred. Please try again." }, statusCode: 503),
    };
}
