using BatchRotation.Emulator.Arm.Authorization;
using BatchRotation.Emulator.Arm.Resources;
using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Infrastructure;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm;

/// <summary>
/// The checks ARM makes before a resource provider sees a request, in ARM's order: the subscription
/// exists, the api-version is supported, the caller is authorized, the resource group exists (and, for a
/// write, is not being deleted). Each returns the error result to send, or null to go on. Call under the
/// state's lock.
/// </summary>
public static class ArmGuard
{
    /// <param name="provider">Resource provider namespace, e.g. <c>Microsoft.Batch</c>.</param>
    /// <param name="resourceType">The type as named in ARM's messages, e.g. <c>batchAccounts</c>.</param>
    /// <param name="scope">The resource id (or scope) the action is authorized against.</param>
    /// <param name="action">The RBAC action, e.g. <c>Microsoft.Batch/batchAccounts/pools/write</c>.</param>
    /// <param name="resourceGroup">The resource group that must exist, if any.</param>
    public static IResult? Check(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string provider, string resourceType, string scope, string action, string? resourceGroup = null)
    {
        var state = runtime.State;
        ResourceGroupStore.CompleteDue(state, runtime.Clock.UtcNow);
        if (!state.SubscriptionExists(subscriptionId)) return ArmErrors.SubscriptionNotFound(subscriptionId);
        if (ApiVersionError(context, provider, resourceType) is { } versionError) return versionError;
        var caller = context.RequiredCaller();
        if (!AuthorizationEngine.HasAction(state, caller.PrincipalId, scope, action)) return ArmErrors.AuthorizationFailed(caller, action, scope);
        if (resourceGroup is not null)
        {
            var group = ResourceGroupStore.Get(state, subscriptionId, resourceGroup);
            if (group is null) return ArmErrors.ResourceGroupNotFound(resourceGroup);
            if (ResourceGroupStore.IsDeleting(group) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                return ArmErrors.Result(409, "ResourceGroupBeingDeleted", $"The resource group '{group.Name}' is in deprovisioning state and cannot perform this operation.");
        }
        return null;
    }

    /// <summary>400 when api-version is missing or not one the provider supports.</summary>
    public static IResult? ApiVersionError(HttpContext context, string provider, string resourceType)
    {
        var apiVersion = context.Request.Query["api-version"].ToString();
        if (apiVersion.Length == 0)
            return ArmErrors.Result(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        var supported = ArmApiVersions.Supported[provider];
        if (supported.Contains(apiVersion, StringComparer.OrdinalIgnoreCase)) return null;
        return provider.Equals("Microsoft.Resources", StringComparison.OrdinalIgnoreCase)
            ? ArmErrors.Result(400, "InvalidApiVersionParameter",
                $"The api-version '{apiVersion}' is invalid. The supported versions are '{string.Join(",", supported.Reverse())}'.")
            : ArmErrors.Result(400, "NoRegisteredProviderFound",
                $"No registered resource provider found for location 'westeurope' and API version '{apiVersion}' for type '{resourceType}'. The supported api-versions are '{string.Join(", ", supported)}'. The supported locations are 'westeurope, northeurope, eastus, westus2, usgovvirginia'.");
    }
}
