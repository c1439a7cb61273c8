using System.Text.Json.Nodes;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.KeyVault;

/// <summary>
/// One vault as the data plane sees it: the ARM resource (created by the ARM side), its data-plane base
/// URI, permission model and contents. Resolve under <c>State.Sync</c>; do not keep it past the lock.
/// </summary>
public sealed class KeyVaultVault
{
    public const string ResourceType = "Microsoft.KeyVault/vaults";

    private KeyVaultVault(ArmResource resource, string baseUri, VaultContents contents, string defaultTenantId)
    {
        Resource = resource;
        BaseUri = baseUri;
        Contents = contents;
        var properties = resource.Body["properties"] as JsonObject;
        TenantId = (string?)properties?["tenantId"] ?? defaultTenantId;
        Rbac = properties?["enableRbacAuthorization"] is JsonValue rbac && rbac.TryGetValue(out bool enabled) && enabled;
        Location = (string?)resource.Body["location"] ?? "";
        var softDelete = properties?["enableSoftDelete"] is not JsonValue sd || !sd.TryGetValue(out bool soft) || soft;
        var purgeProtection = properties?["enablePurgeProtection"] is JsonValue pp && pp.TryGetValue(out bool protect) && protect;
        var retention = properties?["softDeleteRetentionInDays"] is JsonValue days && days.TryGetValue(out int d) ? d : 90;
        SoftDelete = softDelete;
        RecoverableDays = softDelete ? retention : 0;
        // Key Vault's DeletionRecoveryLevel: "Customized" below the default 90 days, "+Purgeable" unless purge protection is on.
        RecoveryLevel = !softDelete
            ? "Purgeable"
            : (retention < 90 ? "CustomizedRecoverable" : "Recoverable") + (purgeProtection ? "" : "+Purgeable");
        PurgeProtection = purgeProtection;
    }

    public ArmResource Resource { get; }

    /// <summary>The vault's ARM resource id.</summary>
    public string Id => Resource.Id;

    /// <summary>The vault's name as ARM stores it.</summary>
    public string Name => Resource.Name;

    /// <summary>The data-plane base URI with a trailing slash, e.g. <c>https://127.0.0.1:47443/keyvault/myvault/</c>.</summary>
    public string BaseUri { get; }

    public VaultContents Contents { get; }

    public string TenantId { get; }

    /// <summary>True when <c>enableRbacAuthorization</c> is true: data actions of role assignments decide, access policies are ignored.</summary>
    public bool Rbac { get; }

    public string Location { get; }

    public bool SoftDelete { get; }

    public bool PurgeProtection { get; }

    public int RecoverableDays { get; }

    public string RecoveryLevel { get; }

    public JsonArray AccessPolicies =>
        Resource.Body["properties"]?["accessPolicies"] as JsonArray ?? [];

    /// <summary>An object identifier: <c>{base}{collection}/{name}[/{version}]</c>.</summary>
    public string Url(string collection, string name, string? version = null) =>
        version is null ? $"{BaseUri}{collection}/{name}" : $"{BaseUri}{collection}/{name}/{version}";

    /// <summary>The base URI every vault has on this emulator: <c>{endpoint}keyvault/{name}/</c>.</summary>
    public static string BaseUriFor(EmulatorRuntime runtime, string vaultName) =>
        $"{runtime.Endpoint.GetLeftPart(UriPartial.Authority)}/keyvault/{vaultName}/";

    /// <summary>The vault with this name, or null when ARM has none. Call under <c>State.Sync</c>.</summary>
    public static KeyVaultVault? Find(EmulatorRuntime runtime, string vaultName)
    {
        var resource = runtime.State.FindByName(ResourceType, vaultName);
        if (resource is null) return null;
        var contents = runtime.State.KeyVault.For(resource.Name, resource.CreatedAt);
        var vault = new KeyVaultVault(resource, BaseUriFor(runtime, resource.Name), contents, runtime.State.TenantId);
        KeyVaultStore.SyncKeysFromArm(runtime.State, vault);
        return vault;
    }
}
