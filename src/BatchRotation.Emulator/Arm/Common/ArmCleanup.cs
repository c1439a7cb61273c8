using BatchRotation.Emulator.Arm.KeyVault;
using BatchRotation.Emulator.Arm.ManagedIdentity;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.Common;

/// <summary>
/// What deleting resources does beyond removing them: a user-assigned identity's service principal
/// leaves the directory, a vault with soft delete goes to the deleted vaults. Call under the state's lock.
/// </summary>
public static class ArmCleanup
{
    /// <summary>Deletes everything below <paramref name="scope"/> (not the scope itself), as deleting a resource group does.</summary>
    public static void RemoveEverythingBelow(EmulatorState state, string scope, DateTimeOffset now, Func<ArmResource, bool>? keep = null)
    {
        var below = state.Resources.Values
            .Where(r => !ResourceIds.Equal(r.Id, scope) && ResourceIds.IsAtOrAbove(scope, r.Id) && (keep is null || !keep(r)))
            .ToList();
        foreach (var vault in below.Where(r => r.Type.Equals(VaultStore.VaultType, StringComparison.OrdinalIgnoreCase)))
        {
            VaultStore.Delete(state, vault, now);
        }
        foreach (var identity in below.Where(r => r.Type.Equals(IdentityStore.IdentityType, StringComparison.OrdinalIgnoreCase)))
        {
            IdentityStore.Delete(state, identity);
        }
        foreach (var resource in below)
        {
            state.Resources.Remove(resource.Id);
        }
    }
}
