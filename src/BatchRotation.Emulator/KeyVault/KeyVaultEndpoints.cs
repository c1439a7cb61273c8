namespace BatchRotation.Emulator.KeyVault;

/// <summary>Registers every Key Vault data-plane route (per vault, under /keyvault/{vault}/).</summary>
public static class KeyVaultEndpoints
{
    public static void Map(WebApplication app)
    {
    }
}
