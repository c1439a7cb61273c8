using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>
    /// The Key Vault extension and its settings, per type and version (FACTS §2): presence, type, version,
    /// image support, the shape of settings, polling, authentication, observed certificates, stores and options.
    /// </summary>
    internal static class ExtensionChecks
    {
        private static readonly string[] SettingsDependent =
        {
            PoolCheckIds.ExtensionSecretsManagementSettings,
            PoolCheckIds.ExtensionPollingInterval,
            PoolCheckIds.ExtensionAuthenticationSettings,
            PoolCheckIds.ExtensionMsiClientId,
            PoolCheckIds.ExtensionObservedCertificates,
            PoolCheckIds.ExtensionCertificateStore,
            PoolCheckIds.ExtensionOptions,
        };

        private static readonly string[] SecretsDependent =
        {
            PoolCheckIds.ExtensionPollingInterval,
            PoolCheckIds.ExtensionObservedCertificates,
            PoolCheckIds.ExtensionCertificateStore,
            PoolCheckIds.ExtensionOptions,
        };

        /// <summary>Adds the extension checks; returns the reading of the one Key Vault extension, or null.</summary>
        public static ExtensionReading? Evaluate(PoolFacts facts, CheckCollector checks)
        {
            var pool = facts.View;
            var remedy = Remedies.RecreatePool(pool);
            var found = ExtensionReading.KeyVaultExtensions(facts.Pool);
            if (found.Count != 1)
            {
                var message = found.Count == 0
                    ? "The pool has no Key Vault VM extension (publisher Microsoft.Azure.KeyVault): its nodes never download the certificates."
                    : $"The pool has {found.Count} Key Vault VM extensions ({string.Join(", ", found.Select(e => e.Name))}); a node runs one handler per extension type, so exactly one is needed.";
                checks.Fail(PoolCheckIds.ExtensionPresent, pool.PoolResourceId, message, remedy);
                var reason = found.Count == 0 ? "The pool has no Key Vault extension." : "The pool has more than one Key Vault extension.";
                checks.SkipAll(new[] { PoolCheckIds.ExtensionTypeMatchesOs, PoolCheckIds.ExtensionVersion, PoolCheckIds.ExtensionVersionSupportsImage, PoolCheckIds.ExtensionSettingsObject }
                    .Concat(SettingsDependent), pool.PoolResourceId, reason);
                return null;
            }

            var reading = ExtensionReading.Read(found[0]);
            var target = reading.Name;
            checks.Pass(PoolCheckIds.ExtensionPresent, target, $"The pool has one Key Vault extension, '{reading.Name}' ({reading.Extension.Type} {reading.Extension.TypeHandlerVersion}).");

            TypeMatchesOs(facts, reading, checks, remedy);
            Version(facts, reading, checks, remedy);
            if (!Settings(reading, checks, remedy))
            {
                return reading;
            }

            var secretsUsable = SecretsManagement(reading, checks, remedy);
            Authentication(facts, reading, checks, remedy);
            if (!secretsUsable)
            {
                checks.SkipAll(SecretsDependent, target, "settings.secretsManagementSettings is missing or not an object.");
                return reading;
            }

            PollingInterval(reading, checks, remedy);
            ObservedCertificates(reading, checks, remedy);
            if (reading.Version == null || reading.TypeOs == null)
            {
                checks.SkipAll(new[] { PoolCheckIds.ExtensionCertificateStore, PoolCheckIds.ExtensionOptions }, target,
                    "The extension version is unknown, so the settings it accepts are unknown.");
                return reading;
            }

            CertificateStore(reading, checks, remedy);
            Options(reading, checks, remedy);
            return reading;
        }

        private static void TypeMatchesOs(PoolFacts facts, ExtensionReading reading, CheckCollector checks, string remedy)
        {
            var os = facts.View.Os;
            if (reading.TypeOs == null)
            {
                checks.Fail(PoolCheckIds.ExtensionTypeMatchesOs, reading.Name,
                    $"'{reading.Extension.Type}' is not a Key Vault extension type: use KeyVaultForLinux or KeyVaultForWindows.", remedy);
            }
            else if (os == null)
            {
                checks.Skip(PoolCheckIds.ExtensionTypeMatchesOs, reading.Name, "The pool names no node agent SKU, so its OS is unknown.");
            }
            else if (reading.TypeOs != os)
            {
                checks.Fail(PoolCheckIds.ExtensionTypeMatchesOs, reading.Name,
                    $"The pool runs {os} (node agent '{facts.View.NodeAgentSkuId}') but the extension is {reading.Extension.Type}, which does not install there.", remedy);
            }
            else
            {
                checks.Pass(PoolCheckIds.ExtensionTypeMatchesOs, reading.Name, $"{reading.Extension.Type} matches the pool's {os} nodes.");
            }
        }

        private static void Version(PoolFacts facts, ExtensionReading reading, CheckCollector checks, string remedy)
        {
            if (reading.Version == null)
            {
                checks.Fail(PoolCheckIds.ExtensionVersion, reading.Name, reading.VersionProblem ?? "The extension version is unknown.", remedy);
                checks.Skip(PoolCheckIds.ExtensionVersionSupportsImage, reading.Name, "The extension version is unknown.");
                return;
            }

            var version = reading.Version;
            checks.Pass(PoolCheckIds.ExtensionVersion, reading.Name, $"typeHandlerVersion '{reading.Extension.TypeHandlerVersion}' is {version}.");

            var image = ImageOf(facts);
            if (image == null)
            {
                checks.Skip(PoolCheckIds.ExtensionVersionSupportsImage, reading.Name, "The pool names no valid node agent SKU, so its image cannot be judged.");
                return;
            }

            if (version.Os != image.Os)
            {
                checks.Skip(PoolCheckIds.ExtensionVersionSupportsImage, reading.Name, $"{version} is for {version.Os} and the pool runs {image.Os} (see {PoolCheckIds.ExtensionTypeMatchesOs}).");
                return;
            }

            if (ExtensionVersionRules.IsSupportedOn(version, image, out var reason))
            {
                checks.Pass(PoolCheckIds.ExtensionVersionSupportsImage, reading.Name, $"{version} supports image {image.Reference.ToUrn()} ({image.NodeAgentSkuId}).");
            }
            else if (facts.Pool.ImagePublisher == null && version.Os == OsFamily.Windows)
            {
                checks.Warn(PoolCheckIds.ExtensionVersionSupportsImage, reading.Name,
                    $"The pool uses a custom image, so whether it is Windows Server 2022 or 2025 (needed by {version}) cannot be told.", null);
            }
            else
            {
                checks.Fail(PoolCheckIds.ExtensionVersionSupportsImage, reading.Name, reason,
                    $"{(version.Os == OsFamily.Windows ? "Use extension version 3.0" : "Use extension version 2.0")} or a supported image: {Remedies.RecreatePool(facts.View)} -ExtensionVersion <version>");
            }
        }

        private static PoolImage? ImageOf(PoolFacts facts)
        {
            var pool = facts.Pool;
            if (pool.NodeAgentSkuId == null)
            {
                return null;
            }

            var reference = pool.ImagePublisher != null && pool.ImageOffer != null && pool.ImageSku != null
                ? new ImageReferenceSpec(pool.ImagePublisher, pool.ImageOffer, pool.ImageSku, pool.ImageVersion ?? "latest")
                : new ImageReferenceSpec("custom", "image", "custom");
            try
            {
                return new PoolImage(reference, pool.NodeAgentSkuId);
            }
            catch (Errors.BatchRotationException)
            {
                return null;
            }
        }

        private static bool Settings(ExtensionReading reading, CheckCollector checks, string remedy)
        {
            var settings = reading.Settings;
            if (settings is { ValueKind: JsonValueKind.Object })
            {
                checks.Pass(PoolCheckIds.ExtensionSettingsObject, reading.Name, "settings is a JSON object.");
                return true;
            }

            var message = settings == null
                ? "The extension has no settings: it observes nothing and cannot tell which identity to use."
                : settings.Value.ValueKind == JsonValueKind.String
                    ? "settings is a JSON string (double-encoded, a common slip with ConvertTo-Json), not an object: the handler fails with \"Failed to parse the configuration settings with: 'not an object'\"."
                    : $"settings is {ExtensionReading.Kind(settings.Value)}, not an object: the handler fails with \"Failed to parse the configuration settings with: 'not an object'\".";
            checks.Fail(PoolCheckIds.ExtensionSettingsObject, reading.Name, message, remedy);
            checks.SkipAll(SettingsDependent, reading.Name, "settings is not a JSON object, so none of its values can be read.");
            return false;
        }

        private static bool SecretsManagement(ExtensionReading reading, CheckCollector checks, string remedy)
        {
            var sms = reading.SecretsManagement;
            if (sms is { ValueKind: JsonValueKind.Object })
            {
                checks.Pass(PoolCheckIds.ExtensionSecretsManagementSettings, reading.Name, "settings.secretsManagementSettings is an object.");
                return true;
            }

            checks.Fail(PoolCheckIds.ExtensionSecretsManagementSettings, reading.Name, sms == null
                ? "settings has no secretsManagementSettings: the extension observes no certificate."
                : $"settings.secretsManagementSettings is {ExtensionReading.Kind(sms.Value)}, not an object.", remedy);
            return false;
        }

        private static void PollingInterval(ExtensionReading reading, CheckCollector checks, string remedy)
        {
            var sms = reading.SecretsManagement!.Value;
            if (!sms.TryGetProperty("pollingIntervalInS", out var value))
            {
                checks.Pass(PoolCheckIds.ExtensionPollingInterval, reading.Name, "pollingIntervalInS is not set: the extension polls every 3600 s (its default).");
                return;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                checks.Fail(PoolCheckIds.ExtensionPollingInterval, reading.Name,
                    $"pollingIntervalInS is {ExtensionReading.Kind(value)} ({value.GetRawText()}), not a string: the handler fails with \"Failed to parse the configuration settings with: 'not a string'\".",
                    remedy);
                return;
            }

            var text = value.GetString();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
            {
                checks.Fail(PoolCheckIds.ExtensionPollingInterval, reading.Name, $"pollingIntervalInS '{text}' is not a positive whole number of seconds.", remedy);
                return;
            }

            if (KeyVaultExtensionVersion.Windows4.Equals(reading.Version) && (seconds < 300 || seconds > 3600))
            {
                checks.Fail(PoolCheckIds.ExtensionPollingInterval, reading.Name,
                    $"pollingIntervalInS '{text}' is outside the 300-3600 s that {KeyVaultExtensionVersion.Windows4} accepts.", remedy);
                return;
            }

            checks.Pass(PoolCheckIds.ExtensionPollingInterval, reading.Name, $"pollingIntervalInS is the string \"{text}\": the extension polls every {Durations.Describe(TimeSpan.FromSeconds(seconds))}.");
        }

        private static void Authentication(PoolFacts facts, ExtensionReading reading, CheckCollector checks, string remedy)
        {
            var auth = reading.Authentication;
            if (auth is not { ValueKind: JsonValueKind.Object } authentication)
            {
                checks.Fail(PoolCheckIds.ExtensionAuthenticationSettings, reading.Name, auth == null
                    ? "settings has no authenticationSettings: on a pool (which always has a user-assigned identity) the extension cannot choose an identity and fails with \"Attempt to get non-existent AuthConfig\"."
                    : $"settings.authenticationSettings is {ExtensionReading.Kind(auth.Value)}, not an object.", remedy);
                checks.Skip(PoolCheckIds.ExtensionMsiClientId, reading.Name, "There is no authenticationSettings object to read msiClientId from.");
                return;
            }

            checks.Pass(PoolCheckIds.ExtensionAuthenticationSettings, reading.Name, "settings.authenticationSettings is present.");
            if (!authentication.TryGetProperty("msiClientId", out var client) || client.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(client.GetString()))
            {
                checks.Fail(PoolCheckIds.ExtensionMsiClientId, reading.Name, "authenticationSettings has no msiClientId string: the extension cannot tell which of the pool's identities to use.", remedy);
                return;
            }

            var clientId = client.GetString()!.Trim();
            var identities = IdentityIds(facts);
            var byClient = identities.FirstOrDefault(i => PrincipalIds.Same(i.ClientId, clientId));
            if (byClient.ResourceId != null)
            {
                checks.Pass(PoolCheckIds.ExtensionMsiClientId, reading.Name, $"msiClientId {clientId} is the client id of the pool identity {byClient.ResourceId}.");
                return;
            }

            var byPrincipal = identities.FirstOrDefault(i => PrincipalIds.Same(i.PrincipalId, clientId));
            var message = byPrincipal.ResourceId != null
                ? $"msiClientId {clientId} is the principal (object) id of {byPrincipal.ResourceId}, not its client id {byPrincipal.ClientId}: the extension cannot get a token."
                : identities.Count == 0
                    ? $"msiClientId {clientId} names no identity of the pool: the pool has no user-assigned identity."
                    : $"msiClientId {clientId} is not the client id of any pool identity ({string.Join(", ", identities.Select(i => $"{i.ResourceId}: {i.ClientId ?? "client id unknown"}"))}).";
            checks.Fail(PoolCheckIds.ExtensionMsiClientId, reading.Name, message, remedy);
        }

        private static IReadOnlyList<(string? ResourceId, string? ClientId, string? PrincipalId)> IdentityIds(PoolFacts facts)
        {
            var references = facts.Pool.Identity?.UserAssignedIdentities ?? Array.Empty<Azure.Models.UserAssignedIdentityReference>();
            return references.Select(r =>
            {
                var read = facts.Identities.FirstOrDefault(i => string.Equals(i.ResourceId, r.ResourceId, StringComparison.OrdinalIgnoreCase))?.Identity.Value;
                return ((string?)r.ResourceId, r.ClientId ?? read?.ClientId, r.PrincipalId ?? read?.PrincipalId);
            }).ToArray();
        }

        private static void ObservedCertificates(ExtensionReading reading, CheckCollector checks, string remedy)
        {
            var sms = reading.SecretsManagement!.Value;
            if (!sms.TryGetProperty("observedCertificates", out var observed))
            {
                checks.Fail(PoolCheckIds.ExtensionObservedCertificates, reading.Name, "secretsManagementSettings has no observedCertificates: the extension downloads nothing.", remedy);
                return;
            }

            if (observed.ValueKind != JsonValueKind.Array)
            {
                checks.Fail(PoolCheckIds.ExtensionObservedCertificates, reading.Name, $"observedCertificates is {ExtensionReading.Kind(observed)}, not an array.", remedy);
                return;
            }

            var entries = observed.EnumerateArray().ToArray();
            if (entries.Length == 0)
            {
                checks.Fail(PoolCheckIds.ExtensionObservedCertificates, reading.Name, "observedCertificates is empty: the extension downloads nothing.", remedy);
                return;
            }

            if (reading.Version == null)
            {
                checks.Skip(PoolCheckIds.ExtensionObservedCertificates, reading.Name, "The extension version is unknown, so the shape it reads is unknown.");
                return;
            }

            var problems = new List<string>();
            for (var i = 0; i < entries.Length; i++)
            {
                var entry = entries[i];
                if (!reading.ObservesObjects)
                {
                    if (entry.ValueKind != JsonValueKind.String)
                    {
                        problems.Add($"entry {i} is {ExtensionReading.Kind(entry)}; {reading.Version} reads URL strings");
                    }
                }
                else if (entry.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"entry {i} is {ExtensionReading.Kind(entry)}; {reading.Version} reads objects {{\"url\": ...}}");
                }
                else if (!entry.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String)
                {
                    problems.Add($"entry {i} has no url string");
                }
            }

            if (problems.Count > 0)
            {
                checks.Fail(PoolCheckIds.ExtensionObservedCertificates, reading.Name, "observedCertificates does not have the shape the handler reads: " + string.Join("; ", problems) + ".", remedy);
                return;
            }

            checks.Pass(PoolCheckIds.ExtensionObservedCertificates, reading.Name,
                $"observedCertificates lists {entries.Length} certificate(s) as {(reading.ObservesObjects ? "objects" : "URL strings")}, as {reading.Version} reads them.");
        }

        private static void CertificateStore(ExtensionReading reading, CheckCollector checks, string remedy)
        {
            var sms = reading.SecretsManagement!.Value;
            var version = reading.Version!;
            var failures = new List<string>();
            var notes = new List<string>();
            var entries = reading.ObservedEntries() ?? Array.Empty<JsonElement>();
            if (version.Os == OsFamily.Windows)
            {
                if (version.Major == 1)
                {
                    WindowsStore(sms, "secretsManagementSettings", failures, notes);
                }
                else
                {
                    foreach (var (entry, index) in entries.Select((e, i) => (e, i)).Where(x => x.e.ValueKind == JsonValueKind.Object))
                    {
                        WindowsStore(entry, $"observedCertificates[{index}]", failures, notes);
                    }
                }
            }
            else
            {
                var holders = version.Major >= 3
                    ? entries.Select((e, i) => (Element: e, Where: $"observedCertificates[{i}]")).Where(x => x.Element.ValueKind == JsonValueKind.Object)
                    : new[] { (Element: sms, Where: "secretsManagementSettings") };
                foreach (var (element, where) in holders)
                {
                    if (element.TryGetProperty("certificateStoreLocation", out var location))
                    {
                        LinuxFolder(location, where, failures);
                    }
                }
            }

            if (failures.Count > 0)
            {
                checks.Fail(PoolCheckIds.ExtensionCertificateStore, reading.Name, string.Join(" ", failures), remedy);
            }
            else if (notes.Count > 0)
            {
                checks.Warn(PoolCheckIds.ExtensionCertificateStore, reading.Name, string.Join(" ", notes), remedy);
            }
            else
            {
                checks.Pass(PoolCheckIds.ExtensionCertificateStore, reading.Name, version.Os == OsFamily.Windows
                    ? "The Windows certificate store settings are valid."
                    : "The Linux certificate folder settings are valid (or the default folder is used).");
            }
        }

        private static void WindowsStore(JsonElement holder, string where, List<string> failures, List<string> notes)
        {
            if (holder.TryGetProperty("certificateStoreLocation", out var location))
            {
                var text = location.ValueKind == JsonValueKind.String ? location.GetString() : null;
                if (text != "LocalMachine" && text != "CurrentUser")
                {
                    failures.Add($"{where}.certificateStoreLocation is {(text == null ? ExtensionReading.Kind(location) : $"'{text}'")}; it must be 'LocalMachine' or 'CurrentUser' (case-sensitive).");
                }
            }
            else
            {
                notes.Add($"{where} sets no certificateStoreLocation; name 'LocalMachine' or 'CurrentUser' so that the store is the one you expect.");
            }

            if (holder.TryGetProperty("certificateStoreName", out var name))
            {
                if (name.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetString()))
                {
                    failures.Add($"{where}.certificateStoreName is {ExtensionReading.Kind(name)}; it must name a store such as 'MY'.");
                }
            }
            else
            {
                notes.Add($"{where} sets no certificateStoreName; name a store such as 'MY'.");
            }
        }

        private static void LinuxFolder(JsonElement location, string where, List<string> failures)
        {
            var text = location.ValueKind == JsonValueKind.String ? location.GetString() : null;
            if (text == null || !text.StartsWith("/", StringComparison.Ordinal) || text.Split('/').Contains("..") || text.Trim() != text || text.Any(char.IsControl))
            {
                failures.Add($"{where}.certificateStoreLocation is {(text == null ? ExtensionReading.Kind(location) : $"'{text}'")}; on Linux it must be an absolute folder such as /var/lib/waagent/Microsoft.Azure.KeyVault.Store.");
            }
        }

        private static void Options(ExtensionReading reading, CheckCollector checks, string remedy)
        {
            var version = reading.Version!;
            var sms = reading.SecretsManagement!.Value;
            var failures = new List<string>();
            var notes = new List<string>();
            foreach (var property in sms.EnumerateObject())
            {
                JudgeOption(version, property.Name, "secretsManagementSettings", perCertificate: false, failures, notes);
            }

            var entries = reading.ObservedEntries() ?? Array.Empty<JsonElement>();
            foreach (var (entry, index) in entries.Select((e, i) => (e, i)).Where(x => x.e.ValueKind == JsonValueKind.Object))
            {
                foreach (var property in entry.EnumerateObject())
                {
                    JudgeOption(version, property.Name, $"observedCertificates[{index}]", perCertificate: true, failures, notes);
                }
            }

            if (failures.Count > 0)
            {
                checks.Fail(PoolCheckIds.ExtensionOptions, reading.Name, string.Join(" ", failures.Concat(notes)), remedy);
            }
            else if (notes.Count > 0)
            {
                checks.Warn(PoolCheckIds.ExtensionOptions, reading.Name, string.Join(" ", notes), remedy);
            }
            else
            {
                checks.Pass(PoolCheckIds.ExtensionOptions, reading.Name, $"Every setting exists in {version}.");
            }
        }

        private static void JudgeOption(KeyVaultExtensionVersion version, string name, string where, bool perCertificate, List<string> failures, List<string> notes)
        {
            var known = ExtensionSettingNames.Judge(version, name, perCertificate);
            switch (known.Verdict)
            {
                case SettingVerdict.Valid:
                    return;
                case SettingVerdict.Removed:
                    failures.Add($"{where}.{name} does not exist in {version}{(known.Note == null ? "." : ": " + known.Note)}");
                    return;
                case SettingVerdict.Ignored:
                    notes.Add($"{where}.{name} is ignored by {version}{(known.Note == null ? "." : ": " + known.Note)}");
                    return;
                default:
                    notes.Add($"{where}.{name} is not a setting of any Key Vault extension version; the handler ignores or rejects it.");
                    return;
            }
        }
    }
}
