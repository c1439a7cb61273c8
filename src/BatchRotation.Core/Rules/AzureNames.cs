using System;
using System.Text.RegularExpressions;

namespace BatchRotation.Core.Rules
{
    /// <summary>Naming rules of the resources the module names or references.</summary>
    public static class AzureNames
    {
        private static readonly Regex PoolPattern = new Regex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant);
        private static readonly Regex NewAccountPattern = new Regex("^[a-z0-9]{3,24}$", RegexOptions.CultureInvariant);
        private static readonly Regex AccountReferencePattern = new Regex("^[a-zA-Z0-9]{3,24}$", RegexOptions.CultureInvariant);
        private static readonly Regex ResourceGroupPattern = new Regex(@"^[-\w\._\(\)]{1,90}$", RegexOptions.CultureInvariant);
        private static readonly Regex VaultPattern = new Regex("^[a-zA-Z0-9-]{3,24}$", RegexOptions.CultureInvariant);
        private static readonly Regex SecretPattern = new Regex("^[0-9a-zA-Z-]{1,127}$", RegexOptions.CultureInvariant);

        public static bool IsValidPoolName(string? name) => name != null && PoolPattern.IsMatch(name);

        /// <summary>The rule for a new Batch account name: 3-24 lower-case letters and digits.</summary>
        public static bool IsValidBatchAccountName(string? name) => name != null && NewAccountPattern.IsMatch(name);

        public static bool IsValidResourceGroupName(string? name) =>
            name != null && ResourceGroupPattern.IsMatch(name) && !name.EndsWith(".", StringComparison.Ordinal);

        public static bool IsValidKeyVaultName(string? name) => name != null && VaultPattern.IsMatch(name);

        public static bool IsValidSecretName(string? name) => name != null && SecretPattern.IsMatch(name);

        public static void ValidatePoolName(string? name)
        {
            if (!IsValidPoolName(name))
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidPoolName,
                    $"'{name}' is not a valid Batch pool name: use 1 to 64 letters, digits, hyphens and underscores.",
                    name);
            }
        }

        public static void ValidateBatchAccountName(string? name)
        {
            if (!IsValidBatchAccountName(name))
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidBatchAccountName,
                    $"'{name}' is not a valid Batch account name: use 3 to 24 lower-case letters and digits.",
                    name);
            }
        }

        /// <summary>
        /// The looser rule for naming an existing account in a resource id: ARM matches names without regard
        /// to case, so an id may spell the account in upper case.
        /// </summary>
        public static void ValidateBatchAccountReference(string? name)
        {
            if (name == null || !AccountReferencePattern.IsMatch(name))
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidBatchAccountName,
                    $"'{name}' is not a valid Batch account name: Batch account names have 3 to 24 letters and digits.",
                    name);
            }
        }

        public static void ValidateResourceGroupName(string? name)
        {
            if (!IsValidResourceGroupName(name))
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidResourceGroupName,
                    $"'{name}' is not a valid resource group name: use 1 to 90 letters, digits, underscores, hyphens, "
                    + "periods and parentheses, not ending with a period.",
                    name);
            }
        }

        public static void ValidateKeyVaultName(string? name)
        {
            if (!IsValidKeyVaultName(name))
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidKeyVaultName,
                    $"'{name}' is not a valid key vault name: use 3 to 24 letters, digits and hyphens.",
                    name);
            }
        }

        public static void ValidateSecretName(string? name)
        {
            if (!IsValidSecretName(name))
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidCertificateUrl,
                    $"'{name}' is not a valid Key Vault certificate or secret name: use 1 to 127 letters, digits and hyphens.",
                    name);
            }
        }
    }
}
