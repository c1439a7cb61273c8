using System.Text.Json.Nodes;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.KeyVault;

/// <summary>
/// The management plane's view of a vault's keys: one ARM resource per key (<c>{vaultId}/keys/{name}</c>, type
/// <see cref="VaultStore.KeyType"/>) naming its current version, and one per version
/// (<c>{vaultId}/keys/{name}/versions/{version}</c>, type <see cref="VaultStore.KeyVersionType"/>). The Key Vault
/// data plane reads these to serve key material for versions made here, and calls <see cref="AddVersion"/> when
/// it makes a version itself. Call under the state's lock.
/// </summary>
public static class VaultKeyStore
{
    public static readonly string[] RsaDefaultOps = ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"];
    public static readonly string[] EcDefaultOps = ["sign", "verify"];

    public static string KeyId(string vaultId, string keyName) => $"{vaultId}/keys/{keyName}";

    public static string VersionId(string vaultId, string keyName, string version) => $"{KeyId(vaultId, keyName)}/versions/{version}";

    public static ArmResource? Key(EmulatorState state, string vaultId, string keyName) =>
        state.Get(KeyId(vaultId, keyName)) is { } key && key.Type.Equals(VaultStore.KeyType, StringComparison.OrdinalIgnoreCase) ? key : null;

    public static ArmResource? Version(EmulatorState state, string vaultId, string keyName, string version) =>
        state.Get(VersionId(vaultId, keyName, version)) is { } v && v.Type.Equals(VaultStore.KeyVersionType, StringComparison.OrdinalIgnoreCase) ? v : null;

    /// <summary>The versions of a key, oldest first.</summary>
    public static IReadOnlyList<ArmResource> Versions(EmulatorState state, string vaultId, string keyName) =>
        state.ListByType(VaultStore.KeyVersionType, KeyId(vaultId, keyName)).ToList();

    /// <summary>The version id (32 hex digits) of the key's current version.</summary>
    public static string? CurrentVersion(ArmResource key) => (string?)key.Body["properties"]?["currentVersion"];

    /// <summary>
    /// Records a new current version of a key (creating the key resource on its first version).
    /// <paramref name="properties"/> holds <c>kty</c>, <c>keySize</c>/<c>curveName</c>, <c>keyOps</c> and <c>attributes</c>
    /// (<c>enabled</c>, <c>nbf</c>, <c>exp</c>, <c>exportable</c>); <c>created</c>, <c>updated</c> and <c>recoveryLevel</c> are filled here.
    /// </summary>
    public static ArmResource AddVersion(EmulatorState state, ArmResource vault, string keyName, JsonObject properties, DateTimeOffset now, string? version = null, JsonObject? tags = null)
    {
        version ??= Guid.NewGuid().ToString("N");
        var unix = ArmTime.UnixSeconds(now);
        var attributes = properties["attributes"] as JsonObject ?? new JsonObject();
        var storedAttributes = new JsonObject { ["enabled"] = (bool?)attributes["enabled"] ?? true };
        if (attributes["nbf"] is { } nbf) storedAttributes["nbf"] = nbf.DeepClone();
        if (attributes["exp"] is { } exp) storedAttributes["exp"] = exp.DeepClone();
        storedAttributes["created"] = unix;
        storedAttributes["updated"] = unix;
        storedAttributes["recoveryLevel"] = VaultStore.RecoveryLevel(vault);
        if (attributes["exportable"] is { } exportable) storedAttributes["exportable"] = exportable.DeepClone();

        var stored = new JsonObject
        {
            ["attributes"] = storedAttributes,
            ["kty"] = (string)properties["kty"]!,
            ["keyOps"] = properties["keyOps"]?.DeepClone() ?? new JsonArray(),
        };
        if (properties["keySize"] is { } keySize) stored["keySize"] = keySize.DeepClone();
        if (properties["curveName"] is { } curve) stored["curveName"] = curve.DeepClone();

        var keyId = KeyId(vault.Id, keyName);
        var versionId = VersionId(vault.Id, keyName, version);
        var versionBody = new JsonObject
        {
            ["id"] = versionId,
            ["name"] = version,
            ["type"] = VaultStore.KeyVersionType,
            ["location"] = vault.Body["location"]?.DeepClone(),
            ["tags"] = new JsonObject(),
            ["properties"] = stored.DeepClone(),
        };
        versionBody["properties"]!["version"] = version;
        var versionResource = new ArmResource { Id = versionId, Type = VaultStore.KeyVersionType, CreatedAt = now, ModifiedAt = now, Body = versionBody };
        state.Put(versionResource);

        if (Key(state, vault.Id, keyName) is { } key)
        {
            var keyProperties = stored.DeepClone().AsObject();
            keyProperties["attributes"]!["created"] = key.Body["properties"]?["attributes"]?["created"]?.DeepClone() ?? unix;
            keyProperties["currentVersion"] = version;
            key.Body["properties"] = keyProperties;
            key.ModifiedAt = now;
        }
        else
        {
            var keyProperties = stored.DeepClone().AsObject();
            keyProperties["currentVersion"] = version;
            state.Put(new ArmResource
            {
                Id = keyId,
                Type = VaultStore.KeyType,
                CreatedAt = now,
                ModifiedAt = now,
                Body = new JsonObject
                {
                    ["id"] = keyId,
                    ["name"] = keyName,
                    ["type"] = VaultStore.KeyType,
                    ["location"] = vault.Body["location"]?.DeepClone(),
                    ["tags"] = tags?.DeepClone() ?? new JsonObject(),
                    ["properties"] = keyProperties,
                },
            });
        }
        return versionResource;
    }
}
