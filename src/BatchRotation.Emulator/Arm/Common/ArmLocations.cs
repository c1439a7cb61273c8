namespace BatchRotation.Emulator.Arm.Common;

/// <summary>Azure regions as ARM normalizes them ("West Europe" → "westeurope").</summary>
public static class ArmLocations
{
    public static readonly string[] Known =
    [
        "eastasia", "southeastasia", "australiaeast", "australiasoutheast", "brazilsouth", "canadacentral", "canadaeast",
        "switzerlandnorth", "germanywestcentral", "eastus2", "eastus", "centralus", "northcentralus", "francecentral",
        "uksouth", "ukwest", "centralindia", "southindia", "jioindiawest", "italynorth", "japaneast", "japanwest",
        "koreacentral", "koreasouth", "mexicocentral", "northeurope", "norwayeast", "polandcentral", "qatarcentral",
        "spaincentral", "swedencentral", "uaenorth", "westcentralus", "westeurope", "westus2", "westus", "southcentralus",
        "westus3", "southafricanorth", "israelcentral", "newzealandnorth",
    ];

    public static string Normalize(string location) => location.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();

    public static bool IsKnown(string location) => Known.Contains(Normalize(location), StringComparer.Ordinal);

    public static string List => string.Join(",", Known);
}
