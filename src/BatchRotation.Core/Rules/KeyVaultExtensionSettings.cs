using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// Builds the Key Vault VM extension's public <c>settings</c> object per OS and version (FACTS §2;
    /// learn.microsoft.com/azure/virtual-machines/extensions/key-vault-linux and key-vault-windows).
    /// </summary>
    public static class KeyVaultExtensionSettings
    {
        public const string MsiEndpoint = "http://169.254.169.254/metadata/identity";
        public const string DefaultCertificateStoreName = "MY";
        public const string DefaultWindowsStoreLocation = "LocalMachine";

        /// <summary>The documented default folder of Linux 1.0 and 2.0.</summary>
        public const string DefaultLinuxStoreLocationV1V2 = "/var/lib/waagent/Microsoft.Azure.KeyVault";

        /// <summary>The documented default folder of Linux 3.0 (it differs from 1.0/2.0).</summary>
        public const string DefaultLinuxStoreLocationV3 = "/var/lib/waagent/Microsoft.Azure.KeyVault.Store";

        public static readonly TimeSpan DefaultPollingInterval = TimeSpan.FromSeconds(3600);

        public static JsonObject Build(KeyVaultExtensionSettingsRequest request)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var version = request.Version ?? throw new ArgumentException("The request names no extension version.", nameof(request));
            RefuseOptionsMissingFrom(version, request);

            var urls = ObservedUrls(request);
            var polling = PollingSeconds(version, request.PollingInterval);
            var secrets = version.Os == OsFamily.Windows
                ? WindowsSecretsSettings(version, request, urls, polling)
                : LinuxSecretsSettings(version, request, urls, polling);

            return new JsonObject
            {
                ["secretsManagementSettings"] = secrets,
                ["authenticationSettings"] = new JsonObject
                {
                    ["msiEndpoint"] = MsiEndpoint,
                    ["msiClientId"] = ClientId(request.MsiClientId),
                },
            };
        }

        private static void RefuseOptionsMissingFrom(KeyVaultExtensionVersion version, KeyVaultExtensionSettingsRequest request)
        {
            if (request.RequireInitialSync != null) ExtensionOption.RequireInitialSync.EnsureSupportedBy(version);
            if (request.CertificateStoreName != null) ExtensionOption.CertificateStoreName.EnsureSupportedBy(version);
            if (request.KeyExportable != null) ExtensionOption.KeyExportable.EnsureSupportedBy(version);
            if (request.Accounts != null) ExtensionOption.Accounts.EnsureSupportedBy(version);
            if (request.Acls != null) ExtensionOption.Acls.EnsureSupportedBy(version);
            if (request.LinkOnRenewal != null) ExtensionOption.LinkOnRenewal.EnsureSupportedBy(version);
            if (request.CustomSymbolicLinkName != null) ExtensionOption.CustomSymbolicLinkName.EnsureSupportedBy(version);
        }

        private static JsonObject LinuxSecretsSettings(KeyVaultExtensionVersion version, KeyVaultExtensionSettingsRequest request, IReadOnlyList<string> urls, string polling)
        {
            var v3 = version.Equals(KeyVaultExtensionVersion.Linux3);
            var location = ExtensionSettingValues.LinuxStoreLocation(
                request.CertificateStoreLocation ?? (v3 ? DefaultLinuxStoreLocationV3 : DefaultLinuxStoreLocationV1V2));
            var settings = new JsonObject { ["pollingIntervalInS"] = polling };
            if (!v3)
            {
                settings["certificateStoreLocation"] = location;
                settings["requireInitialSync"] = request.RequireInitialSync ?? true;
                settings["observedCertificates"] = new JsonArray(urls.Select(u => (JsonNode)JsonValue.Create(u)).ToArray());
                return settings;
            }

            var acls = ExtensionSettingValues.Acls(request.Acls);
            var link = ExtensionSettingValues.SymbolicLinkName(request.CustomSymbolicLinkName, urls.Count);
            settings["requireInitialSync"] = request.RequireInitialSync ?? true;
            if (acls != null)
            {
                settings["aclEnabled"] = true;
            }

            settings["observedCertificates"] = new JsonArray(urls.Select(url =>
            {
                var certificate = new JsonObject { ["url"] = url, ["certificateStoreLocation"] = location };
                if (link != null)
                {
                    certificate["customSymbolicLinkName"] = link;
                }

                if (acls != null)
                {
                    certificate["acls"] = acls.DeepClone();
                }

                return (JsonNode)certificate;
            }).ToArray());
            return settings;
        }

        private static JsonObject WindowsSecretsSettings(KeyVaultExtensionVersion version, KeyVaultExtensionSettingsRequest request, IReadOnlyList<string> urls, string polling)
        {
            var location = ExtensionSettingValues.WindowsStoreLocation(request.CertificateStoreLocation ?? DefaultWindowsStoreLocation);
            var storeName = ExtensionSettingValues.StoreName(request.CertificateStoreName ?? DefaultCertificateStoreName);
            var settings = new JsonObject { ["pollingIntervalInS"] = polling };
            if (version.Equals(KeyVaultExtensionVersion.Windows1))
            {
                settings["certificateStoreName"] = storeName;
                settings["certificateStoreLocation"] = location;
                settings["linkOnRenewal"] = request.LinkOnRenewal ?? true;
                settings["requireInitialSync"] = request.RequireInitialSync ?? true;
                settings["observedCertificates"] = new JsonArray(urls.Select(u => (JsonNode)JsonValue.Create(u)).ToArray());
                return settings;
            }

            var v3 = version.Equals(KeyVaultExtensionVersion.Windows3);
            if (v3)
            {
                settings["linkOnRenewal"] = request.LinkOnRenewal ?? true;
                settings["requireInitialSync"] = request.RequireInitialSync ?? true;
            }

            var accounts = ExtensionSettingValues.Accounts(request.Accounts);
            settings["observedCertificates"] = new JsonArray(urls.Select(url =>
            {
                var certificate = new JsonObject
                {
                    ["url"] = url,
                    ["certificateStoreName"] = storeName,
                    ["certificateStoreLocation"] = location,
                };
                if (v3)
                {
                    certificate["keyExportable"] = request.KeyExportable ?? false;
                }

                if (accounts != null)
                {
                    certificate["accounts"] = accounts.DeepClone();
                }

                return (JsonNode)certificate;
            }).ToArray());
            return settings;
        }

        private static IReadOnlyList<string> ObservedUrls(KeyVaultExtensionSettingsRequest request)
        {
            var certificates = request.ObservedCertificates;
            if (certificates == null || certificates.Count == 0 || certificates.Any(c => c == null))
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.NoObservedCertificates,
                    "The Key Vault extension needs at least one certificate to observe.",
                    null,
                    "Give the certificates' Secret Identifiers, e.g. https://myvault.vault.azure.net/secrets/mycert.");
            }

            return certificates.Distinct().Select(c => c.SecretUrl).ToArray();
        }

        private static string PollingSeconds(KeyVaultExtensionVersion version, TimeSpan? interval)
        {
            var value = interval ?? DefaultPollingInterval;
            var seconds = value.TotalSeconds;
            if (value.Ticks % TimeSpan.TicksPerSecond != 0 || seconds < 1)
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidPollingInterval,
                    $"The polling interval {value} must be a positive whole number of seconds.",
                    value);
            }

            if (version.Equals(KeyVaultExtensionVersion.Windows4) && (seconds < 300 || seconds > 3600))
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidPollingInterval,
                    $"{version} polls only every 300 to 3600 seconds (5 to 60 minutes); {seconds.ToString(CultureInfo.InvariantCulture)} s is outside that range.",
                    value);
            }

            // FACTS §2: the extension rejects a number here ("not a string").
            return ((long)seconds).ToString(CultureInfo.InvariantCulture);
        }

        private static string ClientId(string? msiClientId)
        {
            if (msiClientId == null || !Guid.TryParse(msiClientId.Trim(), out var clientId) || clientId == Guid.Empty)
            {
                throw RuleErrors.Invalid(
                    RuleErrorIds.InvalidMsiClientId,
                    $"'{msiClientId}' is not a managed identity client id (a GUID).",
                    msiClientId,
                    "Use the user-assigned identity's Client ID (not its Object/Principal ID): 'az identity show --query clientId'.");
            }

            return clientId.ToString("D");
        }
    }
}
