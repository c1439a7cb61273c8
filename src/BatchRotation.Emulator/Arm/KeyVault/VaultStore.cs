using System.Text.Json.Nodes;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.KeyVault;

/// <summary>
/// Vaults, soft-deleted vaults and the management-plane keys below them, as ARM resources. Call under the
/// state's lock. Other parts of the emulator (the Key Vault data plane) find a vault with <see cref="FindByName"/>
/// and its base URI with <see cref="VaultUri"/>.
/// </summary>
public static class VaultStore
{
    public const string VaultType = "Microsoft.KeyVault/vaults";
    public const string DeletedVaultType = "Microsoft.KeyVault/deletedVaults";
    public const string KeyType = "Microsoft.KeyVault/vaults/keys";
    public const string KeyVersionType = "Microsoft.KeyVault/vaults/keys/versions";

    /// <summary>Name of the emulator's private part of a deleted vault record (never sent to clients).</summary>
    internal const string PrivateField = "__emulator";

    /// <summary>Soft-deleted vaults are kept this many days unless the vault said otherwise.</summary>
    public const int DefaultRetentionDays = 90;

    /// <summary>The live vault with this name in any subscription and group (vault names are global).</summary>
    public static ArmResource? FindByName(EmulatorState state, string name) => state.FindByName(VaultType, name);

    /// <summary>The soft-deleted vault with this name, if any.</summary>
    public static ArmResource? FindDeleted(EmulatorState state, string name) => state.FindByName(DeletedVaultType, name);

    /// <summary>The vault's data-plane base URI on this emulator: <c>https://127.0.0.1:{port}/keyvault/{name}/</c>.</summary>
    public static string VaultUri(EmulatorRuntime runtime, string vaultName) =>
        $"{runtime.Endpoint.GetLeftPart(UriPartial.Authority)}/keyvault/{vaultName}/";

    public static JsonObject Properties(ArmResource vault) => vault.Body["properties"]!.AsObject();

    public static bool SoftDeleteEnabled(ArmResource vault) => (bool?)Properties(vault)["enableSoftDelete"] ?? true;

    public static bool PurgeProtectionEnabled(ArmResource vault) => (bool?)Properties(vault)["enablePurgeProtection"] ?? false;

    /// <summary>
    /// Key Vault's recovery level for objects in this vault (keys' <c>attributes.recoveryLevel</c>): "Customized"
    /// when the retention is under 90 days, "+Purgeable" unless purge protection is on (as the data plane reports it).
    /// </summary>
    public static string RecoveryLevel(ArmResource vault)
    {
        if (!SoftDeleteEnabled(vault)) return "Purgeable";
        var retention = (int?)Properties(vault)["softDeleteRetentionInDays"] ?? DefaultRetentionDays;
        return (retention < DefaultRetentionDays ? "CustomizedRecoverable" : "Recoverable") + (PurgeProtectionEnabled(vault) ? "" : "+Purgeable");
    }

    public static string DeletedVaultId(string subscriptionId, string location, string name) =>
        $"/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{name}";

    /// <summary>
    /// Deletes a vault: with soft delete it becomes a deleted vault (recoverable with createMode "recover", its
    /// management-plane keys kept with it); without, it is gone. Role assignments at the vault go either way.
    /// </summary>
    public static void Delete(EmulatorState state, ArmResource vault, DateTimeOffset now)
    {
        var subscriptionId = ResourceIds.SubscriptionOf(vault.Id)!;
        if (SoftDeleteEnabled(vault))
        {
            var properties = Properties(vault);
            var location = (string)vault.Body["location"]!;
            var retention = (int?)properties["softDeleteRetentionInDays"] ?? DefaultRetentionDays;
            var id = DeletedVaultId(subscriptionId, location, vault.Name);
            var keys = new JsonArray();
            foreach (var key in state.Resources.Values.Where(r =>
                         (r.Type.Equals(KeyType, StringComparison.OrdinalIgnoreCase) || r.Type.Equals(KeyVersionType, StringComparison.OrdinalIgnoreCase))
                         && ResourceIds.IsAtOrAbove(vault.Id, r.Id)))
            {
                keys.Add(new JsonObject
                {
                    ["id"] = key.Id,
                    ["type"] = key.Type,
                    ["createdAt"] = key.CreatedAt.ToString("O"),
                    ["modifiedAt"] = key.ModifiedAt.ToString("O"),
                    ["body"] = key.Body.DeepClone(),
                });
            }
            state.Put(new ArmResource
            {
                Id = id,
                Type = DeletedVaultType,
                CreatedAt = now,
                ModifiedAt = now,
                Body = new JsonObject
                {
                    ["id"] = id,
                    ["name"] = vault.Name,
                    ["type"] = DeletedVaultType,
                    ["properties"] = new JsonObject
                    {
                        ["vaultId"] = vault.Id,
                        ["location"] = location,
                        ["deletionDate"] = ArmTime.Iso(now),
                        ["scheduledPurgeDate"] = ArmTime.Iso(now.AddDays(retention)),
                        ["tags"] = vault.Body["tags"]?.DeepClone() ?? new JsonObject(),
                        ["purgeProtectionEnabled"] = PurgeProtectionEnabled(vault),
                    },
                    [PrivateField] = new JsonObject
                    {
                        ["vault"] = vault.Body.DeepClone(),
                        ["createdAt"] = vault.CreatedAt.ToString("O"),
                        ["keys"] = keys,
                    },
                },
            });
        }
        state.RemoveWithChildren(vault.Id);
    }

    /// <summary>Brings a soft-deleted vault back under <paramref name="vaultId"/> (createMode "recover").</summary>
    public static ArmResource Recover(EmulatorState state, ArmResource deleted, string vaultId, DateTimeOffset now)
    {
        var saved = deleted.Body[PrivateField]!.AsObject();
        var originalId = (string)deleted.Body["properties"]!["vaultId"]!;
        var body = saved["vault"]!.DeepClone().AsObject();
        body["id"] = vaultId;
        var vault = new ArmResource
        {
            Id = vaultId,
            Type = VaultType,
            Body = body,
            CreatedAt = DateTimeOffset.Parse((string)saved["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture),
            ModifiedAt = now,
        };
        state.Put(vault);
        foreach (var key in saved["keys"]!.AsArray())
        {
            var oldId = (string)key!["id"]!;
            var newId = vaultId + oldId[originalId.Length..];
            var keyBody = key["body"]!.DeepClone().AsObject();
            keyBody["id"] = newId;
            state.Put(new ArmResource
            {
                Id = newId,
                Type = (string)key["type"]!,
                Body = keyBody,
                CreatedAt = DateTimeOffset.Parse((string)key["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture),
                ModifiedAt = DateTimeOffset.Parse((string)key["modifiedAt"]!, System.Globalization.CultureInfo.InvariantCulture),
            });
        }
        state.Resources.Remove(deleted.Id);
        return vault;
    }

    /// <summary>A deleted vault as ARM returns it (without the emulator's saved copy).</summary>
    public static JsonObject DeletedResponse(ArmResource deleted)
    {
        var body = deleted.Body.DeepClone().AsObject();
        body.Remove(PrivateField);
        return body;
    }
}
