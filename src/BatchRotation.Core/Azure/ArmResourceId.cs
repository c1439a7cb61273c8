using System;
using System.Collections.Generic;
using System.Linq;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure
{
    /// <summary>
    /// An Azure Resource Manager resource id, parsed: subscription, resource group, provider, the full resource
    /// type (e.g. <c>Microsoft.Batch/batchAccounts/pools</c>) and name. Also builds the ids the module uses.
    /// </summary>
    public sealed class ArmResourceId
    {
        private ArmResourceId(string id, string subscriptionId, string? resourceGroup, string? provider, string? resourceType, string? name, IReadOnlyList<string> names)
        {
            Id = id;
            SubscriptionId = subscriptionId;
            ResourceGroup = resourceGroup;
            Provider = provider;
            ResourceType = resourceType;
            Name = name;
            Names = names;
        }

        /// <summary>The id, normalised to start with '/' and end without one.</summary>
        public string Id { get; }

        public string SubscriptionId { get; }

        public string? ResourceGroup { get; }

        /// <summary>The resource provider namespace, e.g. <c>Microsoft.Batch</c>; null for a subscription or resource group.</summary>
        public string? Provider { get; }

        /// <summary>The full type, e.g. <c>Microsoft.Batch/batchAccounts/pools</c>; null for a subscription or resource group.</summary>
        public string? ResourceType { get; }

        /// <summary>The last name (the resource's own); null for a subscription or resource group.</summary>
        public string? Name { get; }

        /// <summary>The names along the type, e.g. account then pool.</summary>
        public IReadOnlyList<string> Names { get; }

        /// <exception cref="BatchRotationException"><c>InvalidResourceId</c>.</exception>
        public static ArmResourceId Parse(string id) =>
            TryParse(id, out var parsed) ? parsed : throw Invalid(id, "it is not an Azure resource id (/subscriptions/{id}/resourceGroups/{group}/providers/{namespace}/{type}/{name}).");

        public static bool TryParse(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ArmResourceId? parsed)
        {
            parsed = null;
            if (string.IsNullOrWhiteSpace(id))
            {
                return false;
            }

            var trimmed = id!.Trim();
            if (!trimmed.StartsWith("/", StringComparison.Ordinal) || trimmed.IndexOfAny(new[] { '?', '#', '\\' }) >= 0)
            {
                return false;
            }

            var segments = trimmed.Trim('/').Split('/');
            if (segments.Any(s => s.Length == 0 || s == "." || s == "..")
                || segments.Length < 2
                || !string.Equals(segments[0], "subscriptions", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var subscription = segments[1];
            var index = 2;
            string? group = null;
            if (segments.Length > index && string.Equals(segments[index], "resourceGroups", StringComparison.OrdinalIgnoreCase))
            {
                if (segments.Length < index + 2)
                {
                    return false;
                }

                group = segments[index + 1];
                index += 2;
            }

            string? provider = null;
            string? type = null;
            string? name = null;
            var names = new List<string>();
            if (segments.Length > index)
            {
                if (!string.Equals(segments[index], "providers", StringComparison.OrdinalIgnoreCase) || segments.Length < index + 4)
                {
                    return false;
                }

                provider = segments[index + 1];
                var rest = segments.Skip(index + 2).ToArray();
                if (rest.Length % 2 != 0)
                {
                    return false;
                }

                var types = new List<string> { provider };
                for (var i = 0; i < rest.Length; i += 2)
                {
                    types.Add(rest[i]);
                    names.Add(rest[i + 1]);
                }

                type = string.Join("/", types);
                name = names[names.Count - 1];
            }

            parsed = new ArmResourceId("/" + string.Join("/", segments), subscription, group, provider, type, name, names);
            return true;
        }

        /// <summary>Parses <paramref name="id"/> and checks its type (case-insensitive).</summary>
        /// <exception cref="BatchRotationException"><c>InvalidResourceId</c>.</exception>
        public static ArmResourceId Require(string id, string expectedType)
        {
            var parsed = Parse(id);
            if (!string.Equals(parsed.ResourceType, expectedType, StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(id, $"it is a {parsed.ResourceType ?? "subscription or resource group"} id, not a {expectedType} id.");
            }

            return parsed;
        }

        public static string ForSubscription(string subscriptionId) => "/subscriptions/" + Segment(subscriptionId, nameof(subscriptionId));

        public static string ForResourceGroup(string subscriptionId, string resourceGroup) =>
            ForSubscription(subscriptionId) + "/resourceGroups/" + Segment(resourceGroup, nameof(resourceGroup));

        public static string ForBatchAccount(string subscriptionId, string resourceGroup, string account) =>
            ForResourceGroup(subscriptionId, resourceGroup) + "/providers/Microsoft.Batch/batchAccounts/" + Segment(account, nameof(account));

        public static string ForPool(string subscriptionId, string resourceGroup, string account, string pool) =>
            ForBatchAccount(subscriptionId, resourceGroup, account) + "/pools/" + Segment(pool, nameof(pool));

        public static string ForVault(string subscriptionId, string resourceGroup, string vault) =>
            ForResourceGroup(subscriptionId, resourceGroup) + "/providers/Microsoft.KeyVault/vaults/" + Segment(vault, nameof(vault));

        public static string ForUserAssignedIdentity(string subscriptionId, string resourceGroup, string identity) =>
            ForResourceGroup(subscriptionId, resourceGroup) + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + Segment(identity, nameof(identity));

        /// <summary>A role definition id in a subscription (<c>/subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}</c>).</summary>
        public static string ForRoleDefinition(string subscriptionId, string roleDefinitionGuid) =>
            ForSubscription(subscriptionId) + "/providers/Microsoft.Authorization/roleDefinitions/" + Segment(roleDefinitionGuid, nameof(roleDefinitionGuid));

        /// <summary>The id of the resource that contains this one (e.g. a pool's account), or null at provider level.</summary>
        public string? ParentResourceId =>
            Names.Count > 1 ? Id.Substring(0, Id.LastIndexOf('/', Id.LastIndexOf('/') - 1)) : null;

        private static string Segment(string value, string what)
        {
            if (string.IsNullOrWhiteSpace(value) || value.IndexOfAny(new[] { '/', '?', '#', '\\' }) >= 0)
            {
                throw Invalid(value ?? string.Empty, $"{what} '{value}' cannot be part of a resource id.");
            }

            return value.Trim();
        }

        private static BatchRotationException Invalid(string id, string why) =>
            new BatchRotationException(AzureErrorIds.InvalidResourceId, ErrorKind.InvalidArgument, $"'{id}' is not usable: {why}", id);

        /// <inheritdoc />
        public override string ToString() => Id;
    }
}
