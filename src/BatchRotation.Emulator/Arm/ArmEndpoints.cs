using BatchRotation.Emulator.Arm.Authorization;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.Arm.KeyVault;
using BatchRotation.Emulator.Arm.ManagedIdentity;
using BatchRotation.Emulator.Arm.Resources;

namespace BatchRotation.Emulator.Arm;

/// <summary>Registers every Azure Resource Manager route the emulator answers (Batch registers its own).</summary>
public static class ArmEndpoints
{
    public static void Map(WebApplication app)
    {
        SubscriptionEndpoints.Map(app);
        ResourceGroupEndpoints.Map(app);
        UserAssignedIdentityEndpoints.Map(app);
        VaultEndpoints.Map(app);
        AccessPolicyEndpoints.Map(app);
        DeletedVaultEndpoints.Map(app);
        VaultKeyEndpoints.Map(app);
        RoleDefinitionEndpoints.Map(app);
        RoleAssignmentEndpoints.Map(app);
        ArmSettingsEndpoints.Map(app);
    }
}
