namespace BatchRotation.Emulator.Arm;

/// <summary>The api-versions the emulator accepts per resource provider, newest last.</summary>
public static class ArmApiVersions
{
    public static readonly IReadOnlyDictionary<string, string[]> Supported = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.Batch"] = ["2023-11-01", "2024-02-01", "2024-07-01", "2025-06-01"],
        ["Microsoft.KeyVault"] = ["2023-02-01", "2023-07-01", "2024-11-01", "2025-05-01", "2026-02-01"],
        ["Microsoft.ManagedIdentity"] = ["2023-01-31", "2024-11-30"],
        ["Microsoft.Authorization"] = ["2020-04-01-preview", "2020-10-01-preview", "2022-04-01"],
        ["Microsoft.Resources"] = ["2021-04-01", "2022-09-01", "2024-03-01"],
    };
}
