using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchRotation.Emulator.Batch;

/// <summary>One observed certificate of the Key Vault VM extension.</summary>
public sealed record ObservedCertificate(string Url, string? StoreLocation);

/// <summary>The extension's <c>authenticationSettings</c>.</summary>
public sealed record ExtensionAuthentication(string? MsiEndpoint, string? MsiClientId);

/// <summary>
/// The Key Vault VM extension's settings as the handler on the node reads them (FACTS §2), per type and
/// major version: Linux 1.0/2.0 and Windows 1.0 observe URL strings, Linux 3.0 and Windows 3.0/4.0 observe
/// objects; <c>pollingIntervalInS</c> is a string; Windows stores are <c>LocalMachine</c>/<c>CurrentUser</c>
/// (case-sensitive); Windows 4.0 polls every 300–3600 s and always requires the initial sync.
/// </summary>
public sealed class KeyVaultExtensionSettings
{
    public const string Publisher = "Microsoft.Azure.KeyVault";
    public const string LinuxType = "KeyVaultForLinux";
    public const string WindowsType = "KeyVaultForWindows";

    private const string ParseFailure = "Failed to parse the configuration settings with: ";

    public bool IsWindows { get; private init; }

    public int MajorVersion { get; private init; }

    public int PollingIntervalSeconds { get; private init; } = BatchTimings.DefaultPollingIntervalSeconds;

    public bool RequireInitialSync { get; private init; }

    public IReadOnlyList<ObservedCertificate> ObservedCertificates { get; private init; } = [];

    /// <summary>Null when <c>settings.authenticationSettings</c> is absent.</summary>
    public ExtensionAuthentication? Authentication { get; private init; }

    /// <summary>True when the extension is the Key Vault VM extension (publisher and type, case-insensitive).</summary>
    public static bool IsKeyVaultExtension(JsonObject extension) =>
        string.Equals(BatchHttp.String(extension["publisher"]), Publisher, StringComparison.OrdinalIgnoreCase)
        && (string.Equals(BatchHttp.String(extension["type"]), LinuxType, StringComparison.OrdinalIgnoreCase)
            || string.Equals(BatchHttp.String(extension["type"]), WindowsType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the settings of a Key Vault extension; on failure, the message the handler reports.</summary>
    public static (KeyVaultExtensionSettings? Settings, string? Error) Parse(JsonObject extension)
    {
        var type = BatchHttp.String(extension["type"]) ?? "";
        var isWindows = type.Equals(WindowsType, StringComparison.OrdinalIgnoreCase);
        var version = BatchHttp.String(extension["typeHandlerVersion"]) ?? "";
        var major = MajorOf(version);
        var supported = isWindows ? new[] { 1, 3, 4 } : new[] { 1, 2, 3 };
        if (major is null || !supported.Contains(major.Value))
        {
            return (null, $"Extension with publisher '{Publisher}', type '{type}', and type handler version '{version}' could not be found in the extension repository.");
        }

        var settings = extension["settings"];
        if (settings is not JsonObject root) return (null, ParseFailure + "'not an object'");
        if (root["secretsManagementSettings"] is not { } smsNode) return (null, ParseFailure + "'secretsManagementSettings' is missing");
        if (smsNode is not JsonObject sms) return (null, ParseFailure + "'not an object'");

        var polling = BatchTimings.DefaultPollingIntervalSeconds;
        if (sms["pollingIntervalInS"] is { } pollingNode)
        {
            if (pollingNode.GetValueKind() != JsonValueKind.String) return (null, ParseFailure + "'not a string'");
            var text = (string)pollingNode!;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out polling) || polling <= 0)
                return (null, ParseFailure + $"'pollingIntervalInS' value '{text}' is not a positive number of seconds");
        }
        if (isWindows && major == 4 && polling is < 300 or > 3600)
            return (null, ParseFailure + $"'pollingIntervalInS' value '{polling}' is out of the supported range 300-3600");

        var requireInitialSync = false;
        if (sms["requireInitialSync"] is { } syncNode)
        {
            switch (syncNode.GetValueKind())
            {
                case JsonValueKind.True: requireInitialSync = true; break;
                case JsonValueKind.False: requireInitialSync = false; break;
                case JsonValueKind.String when bool.TryParse((string)syncNode!, out var parsed): requireInitialSync = parsed; break;
                default: return (null, ParseFailure + "'not a boolean'");
            }
        }
        if (isWindows && major == 4) requireInitialSync = true;

        string? defaultStore = null;
        if (isWindows && sms["certificateStoreLocation"] is { } storeNode)
        {
            if (storeNode.GetValueKind() != JsonValueKind.String) return (null, ParseFailure + "'not a string'");
            defaultStore = (string)storeNode!;
            if (StoreProblem(defaultStore) is { } problem) return (null, ParseFailure + problem);
        }

        if (sms["observedCertificates"] is not { } observedNode) return (null, ParseFailure + "'observedCertificates' is missing");
        if (observedNode is not JsonArray observedArray) return (null, ParseFailure + "'not an array'");
        // Linux 3.0 and Windows 3.0/4.0 observe objects; Linux 1.0/2.0 and Windows 1.0 observe URL strings.
        var objects = major >= 3;
        var observed = new List<ObservedCertificate>();
        foreach (var item in observedArray)
        {
            if (!objects)
            {
                if (item is null || item.GetValueKind() != JsonValueKind.String) return (null, ParseFailure + "'not a string'");
                observed.Add(new ObservedCertificate((string)item!, defaultStore));
                continue;
            }
            if (item is not JsonObject certificate) return (null, ParseFailure + "'not an object'");
            if (certificate["url"] is not { } urlNode) return (null, ParseFailure + "'url' is missing");
            if (urlNode.GetValueKind() != JsonValueKind.String) return (null, ParseFailure + "'not a string'");
            string? store = null;
            if (isWindows && certificate["certificateStoreLocation"] is { } itemStore)
            {
                if (itemStore.GetValueKind() != JsonValueKind.String) return (null, ParseFailure + "'not a string'");
                store = (string)itemStore!;
                if (StoreProblem(store) is { } problem) return (null, ParseFailure + problem);
            }
            if (isWindows && major == 4 && certificate.ContainsKey("keyExportable"))
                return (null, ParseFailure + "'keyExportable' is not supported by this version");
            observed.Add(new ObservedCertificate((string)urlNode!, store));
        }

        ExtensionAuthentication? authentication = null;
        if (root["authenticationSettings"] is { } authNode)
        {
            if (authNode is not JsonObject auth) return (null, ParseFailure + "'not an object'");
            string? endpoint = null, clientId = null;
            if (auth["msiEndpoint"] is { } endpointNode)
            {
                if (endpointNode.GetValueKind() != JsonValueKind.String) return (null, ParseFailure + "'not a string'");
                endpoint = (string)endpointNode!;
            }
            if (auth["msiClientId"] is { } clientNode)
            {
                if (clientNode.GetValueKind() != JsonValueKind.String) return (null, ParseFailure + "'not a string'");
                clientId = (string)clientNode!;
            }
            authentication = new ExtensionAuthentication(endpoint, clientId);
        }

        return (new KeyVaultExtensionSettings
        {
            IsWindows = isWindows,
            MajorVersion = major.Value,
            PollingIntervalSeconds = polling,
            RequireInitialSync = requireInitialSync,
            ObservedCertificates = observed,
            Authentication = authentication,
        }, null);
    }

    private static string? StoreProblem(string store) =>
        store is "LocalMachine" or "CurrentUser" ? null : $"'certificateStoreLocation' value '{store}' is invalid (LocalMachine or CurrentUser, case-sensitive)";

    private static int? MajorOf(string version)
    {
        var first = version.Split('.')[0];
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var major) && version.Contains('.') ? major : null;
    }
}
