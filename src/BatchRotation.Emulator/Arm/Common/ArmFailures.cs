using BatchRotation.Emulator.Errors;

namespace BatchRotation.Emulator.Arm.Common;

/// <summary>ARM errors shared by several resource types, as exceptions for <see cref="ArmHandler"/>.</summary>
public static class ArmFailures
{
    /// <param name="fullType">e.g. <c>Microsoft.KeyVault/vaults</c>.</param>
    public static ArmException ResourceNotFound(string fullType, string name, string resourceGroup) =>
        ArmException.From(ArmErrors.ResourceNotFound(fullType, name, resourceGroup));

    public static ArmException InvalidResourceLocation(string name, string existingLocation, string resourceGroup, string requestedLocation) =>
        new(409, "InvalidResourceLocation",
            $"The resource '{name}' already exists in location '{existingLocation}' in resource group '{resourceGroup}'. A resource with the same name cannot be created in location '{requestedLocation}'. Please select a new resource name.");

    public static ArmException LocationRequired() =>
        new(400, "LocationRequired", "The location property is required for this definition.");

    public static ArmException LocationNotAvailable(string location, string fullType) =>
        new(400, "LocationNotAvailableForResourceType",
            $"The provided location '{location}' is not available for resource type '{fullType}'. List of available regions for the resource type is '{ArmLocations.List}'.");

    /// <summary>Checks and normalizes a tracked resource's location.</summary>
    public static string RequireLocation(string? location, string fullType)
    {
        if (string.IsNullOrWhiteSpace(location)) throw LocationRequired();
        var normalized = ArmLocations.Normalize(location);
        if (!ArmLocations.IsKnown(normalized)) throw LocationNotAvailable(location, fullType);
        return normalized;
    }
}
