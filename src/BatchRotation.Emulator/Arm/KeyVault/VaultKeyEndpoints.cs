using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.KeyVault;

/// <summary>
/// Keys through the management plane (<c>Keys_CreateIfNotExist</c> and reads): PUT creates the first version
/// of an absent key and otherwise returns the existing key without writing; GET, LIST (nextLink), versions
/// LIST and GET. <c>keyUri</c> is the vault's <c>vaultUri</c> + <c>keys/{name}</c>.
/// </summary>
public static partial class VaultKeyEndpoints
{
    private const string WriteAction = "Microsoft.KeyVault/vaults/keys/write";
    private const string ReadAction = "Microsoft.KeyVault/vaults/keys/read";
    private const string VersionReadAction = "Microsoft.KeyVault/vaults/keys/versions/read";
    private static readonly string[] KeyTypes = ["EC", "EC-HSM", "RSA", "RSA-HSM"];
    private static readonly string[] Curves = ["P-256", "P-384", "P-521", "P-256K"];
    private static readonly string[] Operations = ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey", "import", "release"];
    private static readonly int[] RsaSizes = [2048, 3072, 4096];

    public static void Map(WebApplication app)
    {
        const string vault = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}";
        app.MapPut(vault + "/keys/{keyName}", (string subscriptionId, string resourceGroupName, string vaultName, string keyName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => Put(call, subscriptionId, resourceGroupName, vaultName, keyName)));
        app.MapGet(vault + "/keys/{keyName}", (string subscriptionId, string resourceGroupName, string vaultName, string keyName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => Get(call, subscriptionId, resourceGroupName, vaultName, keyName)));
        app.MapGet(vault + "/keys", (string subscriptionId, string resourceGroupName, string vaultName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => List(call, subscriptionId, resourceGroupName, vaultName)));
        app.MapGet(vault + "/keys/{keyName}/versions", (string subscriptionId, string resourceGroupName, string vaultName, string keyName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => ListVersions(call, subscriptionId, resourceGroupName, vaultName, keyName)));
        app.MapGet(vault + "/keys/{keyName}/versions/{keyVersion}", (string subscriptionId, string resourceGroupName, string vaultName, string keyName, string keyVersion, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => GetVersion(call, subscriptionId, resourceGroupName, vaultName, keyName, keyVersion)));
    }

    private static IResult Put(ArmCall call, string subscriptionId, string resourceGroup, string vaultName, string keyName)
    {
        var vault = Vault(call, subscriptionId, resourceGroup, vaultName, keyName, WriteAction);
        if (!KeyNamePattern().IsMatch(keyName))
            throw new ArmException(400, "BadRequest", $"The key name '{keyName}' is invalid. A key name can contain only 1 to 127 letters, digits and hyphens.");
        var body = call.Body;
        var properties = ArmJson.Object(body, "properties", "properties")
            ?? throw ArmException.InvalidRequestContent("Required property 'properties' not found in JSON. Path '', line 1, position 2.");
        var tags = ArmJson.Tags(body);
        var requested = ParseProperties(properties);

        // Create-if-not-exist: an existing key comes back as it is, nothing is written.
        if (VaultKeyStore.Key(call.State, vault.Id, keyName) is { } existing) return Results.Json(KeyResponse(call, vault, existing));
        VaultKeyStore.AddVersion(call.State, vault, keyName, requested, call.Now, tags: tags);
        return Results.Json(KeyResponse(call, vault, VaultKeyStore.Key(call.State, vault.Id, keyName)!));
    }

    private static IResult Get(ArmCall call, string subscriptionId, string resourceGroup, string vaultName, string keyName)
    {
        var vault = Vault(call, subscriptionId, resourceGroup, vaultName, keyName, ReadAction);
        var key = VaultKeyStore.Key(call.State, vault.Id, keyName) ?? throw KeyNotFound(vaultName, keyName, resourceGroup);
        return Results.Json(KeyResponse(call, vault, key));
    }

    private static IResult List(ArmCall call, string subscriptionId, string resourceGroup, string vaultName)
    {
        var vault = Vault(call, subscriptionId, resourceGroup, vaultName, null, ReadAction);
        var keys = call.State.ListByType(VaultStore.KeyType, vault.Id)
            .Select(k => (JsonNode)KeyResponse(call, vault, k))
            .ToList();
        return Results.Json(ArmPaging.Page(call, keys, topAllowed: false));
    }

    private static IResult ListVersions(ArmCall call, string subscriptionId, string resourceGroup, string vaultName, string keyName)
    {
        var vault = Vault(call, subscriptionId, resourceGroup, vaultName, keyName, VersionReadAction);
        if (VaultKeyStore.Key(call.State, vault.Id, keyName) is null) throw KeyNotFound(vaultName, keyName, resourceGroup);
        var versions = VaultKeyStore.Versions(call.State, vault.Id, keyName)
            .Select(v => (JsonNode)VersionResponse(call, vault, keyName, v))
            .ToList();
        return Results.Json(ArmPaging.Page(call, versions, topAllowed: false));
    }

    private static IResult GetVersion(ArmCall call, string subscriptionId, string resourceGroup, string vaultName, string keyName, string keyVersion)
    {
        var vault = Vault(call, subscriptionId, resourceGroup, vaultName, keyName, VersionReadAction);
        var version = VaultKeyStore.Version(call.State, vault.Id, keyName, keyVersion)
            ?? throw ArmFailures.ResourceNotFound(VaultStore.VaultType, $"{vaultName}/keys/{keyName}/versions/{keyVersion}", resourceGroup);
        return Results.Json(VersionResponse(call, vault, keyName, version));
    }

    private static ArmResource Vault(ArmCall call, string subscriptionId, string resourceGroup, string vaultName, string? keyName, string action)
    {
        var vaultId = VaultEndpoints.VaultId(subscriptionId, resourceGroup, vaultName);
        var scope = keyName is null ? vaultId : VaultKeyStore.KeyId(vaultId, keyName);
        call.Guard(subscriptionId, VaultEndpoints.Provider, "vaults/keys", scope, action, resourceGroup);
        return VaultEndpoints.Require(call, subscriptionId, resourceGroup, vaultName);
    }

    private static JsonObject KeyResponse(ArmCall call, ArmResource vault, ArmResource key)
    {
        var body = key.Body.DeepClone().AsObject();
        var properties = body["properties"]!.AsObject();
        var version = (string?)properties["currentVersion"];
        properties.Remove("currentVersion");
        var keyUri = VaultStore.VaultUri(call.Runtime, vault.Name) + "keys/" + key.Name;
        properties["keyUri"] = keyUri;
        properties["keyUriWithVersion"] = keyUri + "/" + version;
        return body;
    }

    private static JsonObject VersionResponse(ArmCall call, ArmResource vault, string keyName, ArmResource version)
    {
        var body = version.Body.DeepClone().AsObject();
        var properties = body["properties"]!.AsObject();
        properties.Remove("version");
        var keyUri = VaultStore.VaultUri(call.Runtime, vault.Name) + "keys/" + keyName;
        properties["keyUri"] = keyUri;
        properties["keyUriWithVersion"] = keyUri + "/" + version.Name;
        return body;
    }

    private static JsonObject ParseProperties(JsonObject properties)
    {
        var kty = ArmJson.String(properties, "kty", "properties.kty");
        var type = KeyTypes.FirstOrDefault(t => t.Equals(kty, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArmException(400, "BadRequest", $"The key type '{kty}' is not valid. Valid key types are 'EC', 'EC-HSM', 'RSA' and 'RSA-HSM'.");
        var rsa = type.StartsWith("RSA", StringComparison.Ordinal);
        var result = new JsonObject { ["kty"] = type };

        var keySize = ArmJson.Int(properties, "keySize", "properties.keySize");
        var curveName = ArmJson.String(properties, "curveName", "properties.curveName");
        if (rsa)
        {
            if (keySize is { } size && !RsaSizes.Contains(size))
                throw new ArmException(400, "BadRequest", $"The key size '{size}' is not valid for key type '{type}'. Valid sizes are 2048, 3072 and 4096.");
            if (curveName is not null) throw new ArmException(400, "BadRequest", $"A curve name cannot be given for key type '{type}'.");
            result["keySize"] = keySize ?? 2048;
        }
        else
        {
            if (keySize is not null) throw new ArmException(400, "BadRequest", $"A key size cannot be given for key type '{type}'.");
            result["curveName"] = Curves.FirstOrDefault(c => c.Equals(curveName ?? "P-256", StringComparison.OrdinalIgnoreCase))
                ?? throw new ArmException(400, "BadRequest", $"The curve name '{curveName}' is not valid. Valid curve names are 'P-256', 'P-384', 'P-521' and 'P-256K'.");
        }

        var ops = ArmJson.StringArray(properties, "keyOps", "properties.keyOps");
        var canonicalOps = new JsonArray();
        foreach (var op in ops ?? [.. rsa ? VaultKeyStore.RsaDefaultOps : VaultKeyStore.EcDefaultOps])
        {
            var canonical = Operations.FirstOrDefault(o => o.Equals(op, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArmException(400, "BadRequest", $"The key operation '{op}' is not valid.");
            if (!canonicalOps.Any(n => (string)n! == canonical)) canonicalOps.Add(canonical);
        }
        result["keyOps"] = canonicalOps;

        var attributes = ArmJson.Object(properties, "attributes", "properties.attributes");
        var parsedAttributes = new JsonObject();
        if (ArmJson.Bool(attributes, "enabled", "properties.attributes.enabled") is { } enabled) parsedAttributes["enabled"] = enabled;
        if (attributes?["nbf"] is { } nbf) parsedAttributes["nbf"] = UnixTime(nbf, "nbf");
        if (attributes?["exp"] is { } exp) parsedAttributes["exp"] = UnixTime(exp, "exp");
        if (ArmJson.Bool(attributes, "exportable", "properties.attributes.exportable") is { } exportable) parsedAttributes["exportable"] = exportable;
        result["attributes"] = parsedAttributes;
        return result;
    }

    private static long UnixTime(JsonNode node, string name) =>
        node is JsonValue value && value.TryGetValue<long>(out var seconds)
            ? seconds
            : throw ArmException.InvalidRequestContent($"Error converting value {node.ToJsonString()} to type 'System.Int64'. Path 'properties.attributes.{name}'");

    private static ArmException KeyNotFound(string vaultName, string keyName, string resourceGroup) =>
        ArmFailures.ResourceNotFound(VaultStore.VaultType, $"{vaultName}/keys/{keyName}", resourceGroup);

    [GeneratedRegex("^[a-zA-Z0-9-]{1,127}$")]
    private static partial Regex KeyNamePattern();
}
