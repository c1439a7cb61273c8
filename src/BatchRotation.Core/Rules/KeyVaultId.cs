using System;

namespace BatchRotation.Core.Rules
{
    /// <summary>The ARM resource id of a key vault (not its data-plane URI).</summary>
    public sealed class KeyVaultId : IEquatable<KeyVaultId>
    {
        public const string Shape = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.KeyVault/vaults/{vault}";

        private KeyVaultId(ResourceId id)
        {
            Id = id;
        }

        public ResourceId Id { get; }

        public string SubscriptionId => Id.SubscriptionId!;

        public string ResourceGroupName => Id.ResourceGroupName!;

        public string VaultName => Id.Name!;

        public static KeyVaultId Parse(string? input)
        {
            var id = ResourceId.ParseOfType(input, AzureResourceTypes.KeyVault, Shape);
            AzureNames.ValidateKeyVaultName(id.Name);
            AzureNames.ValidateResourceGroupName(id.ResourceGroupName);
            return new KeyVaultId(id);
        }

        /// <summary>The RBAC scope of one secret: <c>{vaultId}/secrets/{name}</c>.</summary>
        public ResourceId SecretScope(string secretName)
        {
            AzureNames.ValidateSecretName(secretName);
            return Id.Child("secrets", secretName);
        }

        public bool Equals(KeyVaultId? other) => other != null && Id.Equals(other.Id);

        public override bool Equals(object? obj) => Equals(obj as KeyVaultId);

        public override int GetHashCode() => Id.GetHashCode();

        public override string ToString() => Id.Value;
    }
}
