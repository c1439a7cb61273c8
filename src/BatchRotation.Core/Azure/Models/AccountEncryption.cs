using System;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>
    /// A Batch account's encryption (<c>properties.encryption</c>): <c>Microsoft.Batch</c> (Microsoft-managed
    /// keys) or <c>Microsoft.KeyVault</c> with the key identifier of a customer-managed key.
    /// </summary>
    public sealed record AccountEncryption(string KeySource, string? KeyIdentifier)
    {
        public const string MicrosoftBatch = "Microsoft.Batch";
        public const string MicrosoftKeyVault = "Microsoft.KeyVault";

        /// <summary>Microsoft-managed keys.</summary>
        public static AccountEncryption MicrosoftManaged { get; } = new AccountEncryption(MicrosoftBatch, null);

        /// <summary>A customer-managed key in Key Vault, by key identifier (with or without version).</summary>
        public static AccountEncryption CustomerManaged(string keyIdentifier)
        {
            if (string.IsNullOrWhiteSpace(keyIdentifier))
            {
                throw new ArgumentException("A key identifier is needed.", nameof(keyIdentifier));
            }

            return new AccountEncryption(MicrosoftKeyVault, keyIdentifier.Trim());
        }

        /// <summary>True for a customer-managed key.</summary>
        public bool IsCustomerManaged => string.Equals(KeySource, MicrosoftKeyVault, StringComparison.OrdinalIgnoreCase);
    }
}
