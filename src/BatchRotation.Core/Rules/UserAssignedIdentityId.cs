using System;

namespace BatchRotation.Core.Rules
{
    /// <summary>The resource id of a user-assigned managed identity (the pool identity).</summary>
    public sealed class UserAssignedIdentityId : IEquatable<UserAssignedIdentityId>
    {
        public const string Shape = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}";

        private UserAssignedIdentityId(ResourceId id)
        {
            Id = id;
        }

        public ResourceId Id { get; }

        public string SubscriptionId => Id.SubscriptionId!;

        public string ResourceGroupName => Id.ResourceGroupName!;

        public string Name => Id.Name!;

        public static UserAssignedIdentityId Parse(string? input) =>
            new UserAssignedIdentityId(ResourceId.ParseOfType(input, AzureResourceTypes.UserAssignedIdentity, Shape));

        public bool Equals(UserAssignedIdentityId? other) => other != null && Id.Equals(other.Id);

        public override bool Equals(object? obj) => Equals(obj as UserAssignedIdentityId);

        public override int GetHashCode() => Id.GetHashCode();

        public override string ToString() => Id.Value;
    }
}
