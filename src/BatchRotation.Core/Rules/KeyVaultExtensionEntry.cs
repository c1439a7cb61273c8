using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// The pool's <c>virtualMachineConfiguration.extensions[]</c> entry for the Key Vault extension. Automatic
    /// upgrade is on: both extension articles deploy it with <c>autoUpgradeMinorVersion</c> and
    /// <c>enableAutomaticUpgrade</c> true, and the Windows article states it supports Automatic Extension Upgrade.
    /// </summary>
    public static class KeyVaultExtensionEntry
    {
        public static JsonObject Build(KeyVaultExtensionVersion version, JsonObject settings, string? name = null)
        {
            if (version == null)
            {
                throw new ArgumentNullException(nameof(version));
            }

            if (settings == null)
            {
                throw new ArgumentNullException(nameof(settings));
            }

            var extensionName = name ?? version.ExtensionType;
            if (extensionName.Trim().Length == 0 || extensionName.Trim() != extensionName || extensionName.Any(c => char.IsControl(c) || c == '/' || c == '\\'))
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidExtensionName,
                    $"'{name}' is not a usable extension name: no spaces at the ends, no '/' or '\\'.",
                    name);
            }

            return new JsonObject
            {
                ["name"] = extensionName,
                ["publisher"] = KeyVaultExtensionVersion.Publisher,
                ["type"] = version.ExtensionType,
                ["typeHandlerVersion"] = version.TypeHandlerVersion,
                ["autoUpgradeMinorVersion"] = true,
                ["enableAutomaticUpgrade"] = true,
                ["settings"] = settings.DeepClone(),
            };
        }

        /// <summary>Settings and entry in one step.</summary>
        public static JsonObject Build(KeyVaultExtensionSettingsRequest request, string? name = null) =>
            Build(request.Version, KeyVaultExtensionSettings.Build(request), name);
    }
}
