using System.Text.Json.Nodes;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.KeyVault;

/// <summary>
/// Soft-deleted vaults: LIST <c>/subscriptions/{s}/providers/Microsoft.KeyVault/deletedVaults</c>, GET and purge
/// <c>.../locations/{location}/deletedVaults/{name}</c>. Recovery is a vault PUT with <c>createMode: recover</c>.
/// </summary>
public static class DeletedVaultEndpoints
{
    private const string ReadAction = "Microsoft.KeyVault/deletedVaults/read";
    private const string PurgeAction = "Microsoft.KeyVault/locations/deletedVaults/purge/action";

    public static void Map(WebApplication app)
    {
        app.MapGet("/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/deletedVaults", (string subscriptionId, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call =>
            {
                var scope = ResourceIds.Subscription(subscriptionId);
                call.Guard(subscriptionId, VaultEndpoints.Provider, "deletedVaults", scope, ReadAction);
                var items = call.State.ListByType(VaultStore.DeletedVaultType, scope).Select(d => (JsonNode)VaultStore.DeletedResponse(d)).ToList();
                return Results.Json(ArmPaging.Page(call, items, topAllowed: false));
            }));

        const string item = "/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{vaultName}";
        app.MapGet(item, (string subscriptionId, string location, string vaultName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call =>
            {
                var deleted = Find(call, subscriptionId, location, vaultName, ReadAction);
                return Results.Json(VaultStore.DeletedResponse(deleted));
            }));
        app.MapPost(item + "/purge", (string subscriptionId, string location, string vaultName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call =>
            {
                var deleted = Find(call, subscriptionId, location, vaultName, PurgeAction);
                if ((bool?)deleted.Body["properties"]?["purgeProtectionEnabled"] == true)
                    throw new ArmException(409, "Conflict",
                        $"Operation 'DeletedVaultPurge' is not allowed for vault '{deleted.Name}' because purge protection is enabled. The vault will be purged on its scheduled purge date.");
                call.State.Resources.Remove(deleted.Id);
                return Results.StatusCode(200);
            }));
    }

    private static ArmResource Find(ArmCall call, string subscriptionId, string location, string vaultName, string action)
    {
        var id = VaultStore.DeletedVaultId(subscriptionId, ArmLocations.Normalize(location), vaultName);
        call.Guard(subscriptionId, VaultEndpoints.Provider, "deletedVaults", id, action);
        return call.State.Get(id) is { } deleted && deleted.Type.Equals(VaultStore.DeletedVaultType, StringComparison.OrdinalIgnoreCase)
            ? deleted
            : throw new ArmException(404, "ResourceNotFound", $"The Resource 'Microsoft.KeyVault/locations/{location}/deletedVaults/{vaultName}' was not found.");
    }
}
