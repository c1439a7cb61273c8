using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;

namespace BatchRotation.Core.Connection
{
    /// <summary>The default subscription of a new sign-in: the one asked for, read to prove it exists, or the only one the account sees.</summary>
    internal static class SubscriptionCheck
    {
        public static async Task<(string? Id, string? Name)> RunAsync(
            BatchRotationContext context, ISubscriptionClient subscriptions, string account, IOperationSink sink, CancellationToken cancellationToken) =>
            context.SubscriptionId is { } id
                ? (id, await ReadAsync(context, subscriptions, id, account, sink, cancellationToken).ConfigureAwait(false))
                : await ChooseAsync(context, subscriptions, sink, cancellationToken).ConfigureAwait(false);

        private static async Task<string?> ReadAsync(
            BatchRotationContext context, ISubscriptionClient subscriptions, string subscriptionId, string account, IOperationSink sink, CancellationToken cancellationToken)
        {
            AzureSubscription subscription;
            try
            {
                subscription = await subscriptions.GetSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
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

            var name = subscription.DisplayName;
            var state = subscription.State;
            if (state != null && !string.Equals(state, "Enabled", StringComparison.OrdinalIgnoreCase))
            {
                sink.WriteWarning($"Subscription {name ?? subscriptionId} is {state}: Azure accepts no changes in it until it is enabled again.");
            }

            sink.WriteVerbose($"Default subscription: {name ?? "(no name)"} ({subscriptionId}).");
            return name;
        }

        private static async Task<(string? Id, string? Name)> ChooseAsync(
            BatchRotationContext context, ISubscriptionClient subscriptions, IOperationSink sink, CancellationToken cancellationToken)
        {
            IReadOnlyList<AzureSubscription> visible;
            try
            {
                visible = await subscriptions.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException ex)
            {
                sink.WriteVerbose(context.Redactor.Redact($"No default subscription: the subscriptions could not be listed ({ex.Message})."));
                return (null, null);
            }

            if (visible.Count == 1)
            {
                var only = visible[0];
                sink.WriteVerbose($"Default subscription: {only.DisplayName ?? "(no name)"} ({only.SubscriptionId}), the only one the account sees.");
                return (only.SubscriptionId, only.DisplayName);
            }

            sink.WriteVerbose(visible.Count == 0
                ? "No default subscription: the account sees none. Cmdlets need full resource ids."
                : $"No default subscription: the account sees {visible.Count}. Give -SubscriptionId to choose one, or use full resource ids.");
            return (null, null);
        }
    }
}
