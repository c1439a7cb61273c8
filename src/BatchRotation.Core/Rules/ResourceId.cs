using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// An ARM resource id or scope: the tenant root <c>/</c>, a management group, a subscription, a
    /// resource group, a resource (with child and extension resources). Comparisons ignore case, as ARM does.
    /// </summary>
    public sealed class ResourceId : IEquatable<ResourceId>
    {
        private readonly string[] _segments;

        internal ResourceId(string[] segments, ResourceScopeKind kind, string? managementGroup, string? subscriptionId,
            string? resourceGroupName, string? providerNamespace, IReadOnlyList<ResourceTypeAndName> resourceTypes)
        {
            _segments = segments;
            Kind = kind;
            ManagementGroupName = managementGroup;
            SubscriptionId = subscriptionId;
            ResourceGroupName = resourceGroupName;
            ProviderNamespace = providerNamespace;
            ResourceTypes = resourceTypes;
            Value = "/" + string.Join("/", segments);
        }

        /// <summary>The id with a leading slash and no trailing slash, casing as given; <c>/</c> for the tenant root.</summary>
        public string Value { get; }

        public ResourceScopeKind Kind { get; }

        public string? ManagementGroupName { get; }

        public string? SubscriptionId { get; }

        public string? ResourceGroupName { get; }

        /// <summary>The namespace of the last <c>providers</c> block, e.g. <c>Microsoft.KeyVault</c>.</summary>
        public string? ProviderNamespace { get; }

        /// <summary>The type/name pairs of the last <c>providers</c> block, outermost first.</summary>
        public IReadOnlyList<ResourceTypeAndName> ResourceTypes { get; }

        /// <summary>Full resource type, e.g. <c>Microsoft.Batch/batchAccounts/pools</c>; null for scopes that are not resources.</summary>
        public string? ResourceType =>
            Kind == ResourceScopeKind.Resource
                ? ProviderNamespace + "/" + string.Join("/", ResourceTypes.Select(t => t.Type))
                : null;

        /// <summary>The last name in the id: resource name, resource group, subscription or management group.</summary>
        public string? Name => _segments.Length == 0 ? null : _segments[_segments.Length - 1];

        public static ResourceId Root { get; } = new ResourceId(Array.Empty<string>(), ResourceScopeKind.Tenant, null, null, null, null, Array.Empty<ResourceTypeAndName>());

        public static ResourceId Parse(string? input) => ResourceIdParser.Parse(input, expectation: null);

        public static bool TryParse(string? input, [NotNullWhen(true)] out ResourceId? id, [NotNullWhen(false)] out string? problem) =>
            ResourceIdParser.TryParse(input, out id, out problem);

        /// <summary>Parses and checks the resource type; the error names the type and shape that was expected.</summary>
        public static ResourceId ParseOfType(string? input, string resourceType, string expectedShape, bool requireResourceGroup = true) =>
            ResourceIdParser.Parse(input, new ResourceIdExpectation(resourceType, expectedShape, requireResourceGroup));

        public bool IsOfType(string resourceType) =>
            ResourceType != null && string.Equals(ResourceType, resourceType, StringComparison.OrdinalIgnoreCase);

        /// <summary>A child resource of this resource, e.g. <c>vaultId.Child("secrets", "cert1")</c>.</summary>
        public ResourceId Child(string childType, string childName)
        {
            if (Kind != ResourceScopeKind.Resource)
            {
                throw new InvalidOperationException($"{Value} is not a resource; it cannot have child resources.");
            }

            return ResourceIdParser.Parse(Value + "/" + childType + "/" + childName, expectation: null);
        }

        /// <summary>
        /// True when this scope is <paramref name="other"/> or contains it by path (tenant root, subscription,
        /// resource group, parent resource). Management groups contain subscriptions only through a hierarchy
        /// that ids do not show: use <see cref="AppliesTo"/> with the known ancestors for that.
        /// </summary>
        public bool IsEqualOrParentOf(ResourceId other)
        {
            if (other == null)
            {
                throw new ArgumentNullException(nameof(other));
            }

            if (_segments.Length > other._segments.Length)
            {
                return false;
            }

            for (var i = 0; i < _segments.Length; i++)
            {
                if (!string.Equals(_segments[i], other._segments[i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True when a role assignment at this scope is inherited by (or made directly at) <paramref name="target"/>.
        /// A management group scope applies when its name is among <paramref name="managementGroupAncestors"/>;
        /// when the ancestors are unknown (null) it is taken to apply, because ARM lists a management group
        /// assignment for a scope (<c>atScope()</c>) only when it is inherited there.
        /// </summary>
        public bool AppliesTo(ResourceId target, IReadOnlyCollection<string>? managementGroupAncestors)
        {
            if (Kind == ResourceScopeKind.ManagementGroup)
            {
                if (target.Kind == ResourceScopeKind.ManagementGroup || target.Kind == ResourceScopeKind.Tenant)
                {
                    return IsEqualOrParentOf(target);
                }

                return managementGroupAncestors == null
                    || managementGroupAncestors.Contains(ManagementGroupName!, StringComparer.OrdinalIgnoreCase);
            }

            return IsEqualOrParentOf(target);
        }

        public bool Equals(ResourceId? other) =>
            other != null && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => Equals(obj as ResourceId);

        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

        public override string ToString() => Value;
    }
}
