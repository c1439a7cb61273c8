using BatchRotation.Emulator.Identity;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.ManagedIdentity;

/// <summary>User-assigned identities and the service principals behind them. Call under the state's lock.</summary>
public static class IdentityStore
{
    public const string IdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";

    /// <summary>Removes the identity's service principal from the directory (the resource itself is removed by the caller).</summary>
    public static void Delete(EmulatorState state, ArmResource identity)
    {
        if ((string?)identity.Body["properties"]?["principalId"] is { } principalId
            && state.Principals.TryGetValue(principalId, out var principal)
            && principal.Kind == PrincipalKind.ManagedIdentity)
        {
            state.Principals.Remove(principalId);
        }
    }

    /// <summary>The principal of a user-assigned identity, by the identity's resource id (case-insensitive).</summary>
    public static Principal? PrincipalOf(EmulatorState state, string identityResourceId) =>
        state.Principals.Values.FirstOrDefault(p =>
            p.Kind == PrincipalKind.ManagedIdentity && p.ManagedIdentityResourceId is { } id && ResourceIds.Equal(id, identityResourceId));
}
