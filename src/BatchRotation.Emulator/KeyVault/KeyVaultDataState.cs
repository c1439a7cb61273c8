namespace BatchRotation.Emulator.KeyVault;

/// <summary>The Key Vault data plane's state: what each vault holds. Persisted with the rest of the state.</summary>
public sealed class KeyVaultDataState
{
    /// <summary>Forgets every vault's contents (the control surface's reset).</summary>
    public void Clear()
    {
    }
}
