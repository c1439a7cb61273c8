namespace BatchRotation.Emulator.Arm;

/// <summary>Registers every Azure Resource Manager route the emulator answers.</summary>
public static class ArmEndpoints
{
    public static void Map(WebApplication app)
    {
    }
}
