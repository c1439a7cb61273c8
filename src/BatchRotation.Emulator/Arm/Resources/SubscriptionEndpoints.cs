using System.Text.Json.Nodes;
using BatchRotation.Emulator.Arm.Authorization;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.Resources;

/// <summary><c>GET /subscriptions/{id}</c> and <c>GET /subscriptions</c> (the subscriptions the caller has any role in).</summary>
public static class SubscriptionEndpoints
{
    private const string Provider = "Microsoft.Resources";
    private const string ReadAction = "Microsoft.Resources/subscriptions/read";

    public static void Map(WebApplication app)
    {
        app.MapGet("/subscriptions/{subscriptionId}", (string subscriptionId, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call =>
            {
                call.Guard(subscriptionId, Provider, "subscriptions", ResourceIds.Subscription(subscriptionId), ReadAction);
                var canonical = call.State.SubscriptionIds.First(s => s.Equals(subscriptionId, StringComparison.OrdinalIgnoreCase));
                return Results.Json(Shape(call.State, canonical));
            }));

        app.MapGet("/subscriptions", (HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call =>
            {
                if (ArmGuard.ApiVersionError(call.Http, Provider, "subscriptions") is { } versionError) throw ArmException.From(versionError);
                var visible = call.State.SubscriptionIds
                    .Where(s => HasAnyAssignmentIn(call, ResourceIds.Subscription(s)))
                    .Select(s => (JsonNode)Shape(call.State, s))
                    .ToList();
                var page = ArmPaging.Page(call, visible, topAllowed: false);
                page["count"] = new JsonObject { ["type"] = "Total", ["value"] = visible.Count };
                return Results.Json(page);
            }));
    }

    /// <summary>A subscription is listed when the caller holds a role assignment at it, above it or anywhere below it.</summary>
    private static bool HasAnyAssignmentIn(ArmCall call, string subscriptionScope) =>
        call.State.Resources.Values.Any(r =>
            r.Type.Equals(AuthorizationEngine.RoleAssignmentType, StringComparison.OrdinalIgnoreCase)
            && string.Equals((string?)r.Body["properties"]?["principalId"], call.Caller.PrincipalId, StringComparison.OrdinalIgnoreCase)
            && ((string?)r.Body["properties"]?["scope"] is { } scope
                && (ResourceIds.IsAtOrAbove(scope, subscriptionScope) || ResourceIds.IsAtOrAbove(subscriptionScope, scope))));

    private static JsonObject Shape(EmulatorState state, string subscriptionId) => new()
    {
        ["id"] = ResourceIds.Subscription(subscriptionId),
        ["authorizationSource"] = "RoleBased",
        ["managedByTenants"] = new JsonArray(),
        ["subscriptionId"] = subscriptionId,
        ["tenantId"] = state.TenantId,
        ["displayName"] = "BatchRotation emulator subscription",
        ["state"] = "Enabled",
        ["subscriptionPolicies"] = new JsonObject
        {
            ["locationPlacementId"] = "Public_2014-09-01",
            ["quotaId"] = "PayAsYouGo_2014-09-01",
            ["spendingLimit"] = "Off",
        },
    };
}
