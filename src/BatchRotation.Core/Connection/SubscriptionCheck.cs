using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;

namespace BatchRotation.Core.Connection
{
    /// <summary>The default subscription of a new sign-in: the one asked for, read to prove it exists, or the only one the account sees.</summary>
    internal static class SubscriptionCheck
    {
        public static async Task<(string? Id, string? Name)> RunAsync(
            BatchRotationContext context, IArmRestClient arm, string account, IOperationSink sink, CancellationToken cancellationToken) =>
            context.SubscriptionId is { } id
                ? (id, await ReadAsync(context, arm, id, account, sink, cancellationToken).ConfigureAwait(false))
                : await ChooseAsync(context, arm, sink, cancellationToken).ConfigureAwait(false);

        private static async Task<string?> ReadAsync(
            BatchRotationContext context, IArmRestClient arm, string subscriptionId, string account, IOperationSink sink, CancellationToken cancellationToken)
        {
            RestResult result;
            try
            {
                result = await arm.GetAsync("/subscriptions/" + subscriptionId, context.Cloud.ApiVersions.Resources, cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException ex) when (ex.Status == 404)
            {
                throw new BatchRotationException(
                    ConnectionErrorIds.SubscriptionNotFound,
                    ErrorKind.NotFound,
                    context.Redactor.Redact($"Subscription {subscriptionId} was not found in tenant {context.TenantId ?? "(not named)"} of {context.Cloud.Name}: {ex.Message}"),
                    subscriptionId)
                {
                    Remedy = "Check -SubscriptionId, the tenant and the cloud (-Environment); `az account list` or Get-AzSubscription shows the subscriptions you can use.",
                    Status = ex.Status,
                    AzureErrorCode = ex.AzureErrorCode,
                    RequestId = ex.RequestId,
                };
            }
            catch (BatchRotationException ex) when (ex.Status == 403)
            {
                // An account may hold roles on resource groups or resources only: the subscription stays the
                // default, and each cmdlet reports what it cannot do.
                sink.WriteWarning(context.Redactor.Redact(
                    $"{account} cannot read subscription {subscriptionId} ({ex.AzureErrorCode ?? "HTTP 403"}, request id {ex.RequestId ?? "none"}); " +
                    "it stays the default subscription, but calls fail where the account has no role."));
                return null;
            }

            if (result.Body is not JsonElement body || body.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var name = Json.Str(body, "displayName");
            var state = Json.Str(body, "state");
            if (state != null && !string.Equals(state, "Enabled", StringComparison.OrdinalIgnoreCase))
            {
                sink.WriteWarning($"Subscription {name ?? subscriptionId} is {state}: Azure accepts no changes in it until it is enabled again.");
            }

            sink.WriteVerbose($"Default subscription: {name ?? "(no name)"} ({subscriptionId}).");
            return name;
        }

        private static async Task<(string? Id, string? Name)> ChooseAsync(
            BatchRotationContext context, IArmRestClient arm, IOperationSink sink, CancellationToken cancellationToken)
        {
            System.Collections.Generic.IReadOnlyList<JsonElement> visible;
            try
            {
                visible = await arm.ListAsync("/subscriptions", context.Cloud.ApiVersions.Resources, null, cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException ex)
            {
                sink.WriteVerbose(context.Redactor.Redact($"No default subscription: the subscriptions could not be listed ({ex.Message})."));
                return (null, null);
            }

            var subscriptions = visible
                .Select(s => (Id: Json.Str(s, "subscriptionId"), Name: Json.Str(s, "displayName")))
                .Where(s => s.Id != null)
                .ToList();
            if (subscriptions.Count == 1)
            {
                sink.WriteVerbose($"Default subscription: {subscriptions[0].Name ?? "(no name)"} ({subscriptions[0].Id}), the only one the account sees.");
                return subscriptions[0];
            }

            sink.WriteVerbose(subscriptions.Count == 0
                ? "No default subscription: the account sees none. Cmdlets need full resource ids."
                : $"No default subscription: the account sees {subscriptions.Count}. Give -SubscriptionId to choose one, or use full resource ids.");
            return (null, null);
        }
    }
}
