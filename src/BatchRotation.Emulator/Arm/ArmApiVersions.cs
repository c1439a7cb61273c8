namespace BatchRotation.Emulator.Arm;

/// <summary>The api-versions the emulator accepts per resource provider, oldest first.</summary>
public static class ArmApiVersions
{
    public static readonly IReadOnlyDictionary<string, string[]> Supported = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.Batch"] = ["2023-11-01", "2024-02-01", "2024-07-01", "2025-06-01"],
        ["Microsoft.KeyVault"] = ["2023-02-01", "2023-07-01", "2024-11-01", "2025-05-01", "2026-02-01"],
        ["Microsoft.ManagedIdentity"] = ["2023-01-31", "2024-11-30"],
        ["Microsoft.Authorization"] = ["2020-04-01-preview", "2020-10-01-preview", "2022-04-01"],
        // One namespace for resource groups and subscriptions: ARM accepts any of its versions on both.
        ["Microsoft.Resources"] = ["2016-06-01", "2020-01-01", "2021-01-01", "2021-04-01", "2022-09-01", "2022-12-01", "2024-03-01"],
    };

    /// <summary>Key Vault management versions from which new vaults default to Azure RBAC (FACTS §9).</summary>
    public const string KeyVaultRbacDefaultSince = "2026-02-01";
}
