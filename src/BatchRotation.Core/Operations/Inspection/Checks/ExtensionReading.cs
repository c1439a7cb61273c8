using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>
    /// The pool's Key Vault extension read as the handler on a node would read it (FACTS §2), without
    /// coercing anything: a number where a string belongs stays a number, so that the checks can say so.
    /// </summary>
    internal sealed class ExtensionReading
    {
        private static readonly Regex VersionPattern = new Regex(@"^(\d+)\.(\d+)$", RegexOptions.CultureInvariant);

        private ExtensionReading(PoolExtension extension)
        {
            Extension = extension;
        }

        public PoolExtension Extension { get; }

        public string Name => Extension.Name ?? "(unnamed)";

        /// <summary>The OS the extension type is for; null for an unknown type.</summary>
        public OsFamily? TypeOs { get; private set; }

        /// <summary>The version, when typeHandlerVersion names one of the type; else null (see <see cref="VersionProblem"/>).</summary>
        public KeyVaultExtensionVersion? Version { get; private set; }

        public string? VersionProblem { get; private set; }

        /// <summary>The settings value as sent, of whatever kind; null when absent.</summary>
        public JsonElement? Settings => Extension.Settings;

        public bool SettingsIsObject => Settings is { ValueKind: JsonValueKind.Object };

        /// <summary><c>settings.secretsManagementSettings</c> when settings is an object and it is present.</summary>
        public JsonElement? SecretsManagement { get; private set; }

        /// <summary><c>settings.authenticationSettings</c> when settings is an object and it is present.</summary>
        public JsonElement? Authentication { get; private set; }

        public static IReadOnlyList<PoolExtension> KeyVaultExtensions(BatchPool pool) =>
            pool.Extensions.Where(e => string.Equals(e.Publisher, KeyVaultExtensionVersion.Publisher, StringComparison.OrdinalIgnoreCase)).ToArray();

        public static ExtensionReading Read(PoolExtension extension)
        {
            var reading = new ExtensionReading(extension);
            reading.TypeOs = string.Equals(extension.Type, "KeyVaultForLinux", StringComparison.OrdinalIgnoreCase) ? OsFamily.Linux
                : string.Equals(extension.Type, "KeyVaultForWindows", StringComparison.OrdinalIgnoreCase) ? OsFamily.Windows
                : (OsFamily?)null;
            reading.ReadVersion();
            if (reading.SettingsIsObject)
            {
                var settings = reading.Settings!.Value;
                reading.SecretsManagement = settings.TryGetProperty("secretsManagementSettings", out var sms) ? sms : (JsonElement?)null;
                reading.Authentication = settings.TryGetProperty("authenticationSettings", out var auth) ? auth : (JsonElement?)null;
            }

            return reading;
        }

        /// <summary>The polling interval in seconds when it is a valid string; the default 3600 when absent; else null.</summary>
        public int? PollingSeconds()
        {
            if (SecretsManagement is not { ValueKind: JsonValueKind.Object } sms)
            {
                return null;
            }

            if (!sms.TryGetProperty("pollingIntervalInS", out var value))
            {
                return (int)KeyVaultExtensionSettings.DefaultPollingInterval.TotalSeconds;
            }

            return value.ValueKind == JsonValueKind.String
                   && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? seconds
                : (int?)null;
        }

        /// <summary>The observed certificate entries (strings or objects) when observedCertificates is an array.</summary>
        public IReadOnlyList<JsonElement>? ObservedEntries() =>
            SecretsManagement is { ValueKind: JsonValueKind.Object } sms
            && sms.TryGetProperty("observedCertificates", out var observed) && observed.ValueKind == JsonValueKind.Array
                ? observed.EnumerateArray().ToArray()
                : null;

        /// <summary>Whether this version observes objects (Linux 3.0, Windows 3.0/4.0) rather than URL strings.</summary>
        public bool ObservesObjects => Version != null && Version.Major >= 3;

        public static string Kind(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True => "a boolean",
            JsonValueKind.False => "a boolean",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            JsonValueKind.Null => "null",
            _ => "undefined",
        };

        private void ReadVersion()
        {
            var text = Extension.TypeHandlerVersion;
            if (text == null)
            {
                VersionProblem = Extension.Raw.ValueKind == JsonValueKind.Object && Extension.Raw.TryGetProperty("typeHandlerVersion", out var raw)
                    ? $"typeHandlerVersion is {Kind(raw)}, not a string such as \"3.0\"."
                    : "typeHandlerVersion is not set.";
                return;
            }

            if (TypeOs == null)
            {
                VersionProblem = $"'{Extension.Type}' is not a Key Vault extension type, so no version of it exists.";
                return;
            }

            var match = VersionPattern.Match(text.Trim());
            var candidate = match.Success
                ? KeyVaultExtensionVersion.SupportedFor(TypeOs.Value).FirstOrDefault(v => v.Major.ToString(CultureInfo.InvariantCulture) == match.Groups[1].Value)
                : null;
            if (candidate == null)
            {
                VersionProblem = $"typeHandlerVersion '{text}' is not a version of {Extension.Type}: use "
                    + string.Join(", ", KeyVaultExtensionVersion.SupportedFor(TypeOs.Value).Select(v => v.TypeHandlerVersion)) + ".";
                return;
            }

            Version = candidate;
        }
    }
}
