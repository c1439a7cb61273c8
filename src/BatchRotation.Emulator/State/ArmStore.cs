namespace BatchRotation.Emulator.State;

/// <summary>Queries and updates over the ARM resources of an <see cref="EmulatorState"/>. Call under its lock.</summary>
public static class ArmStore
{
    public const string ResourceGroupType = "Microsoft.Resources/resourceGroups";

    public static ArmResource? Get(this EmulatorState state, string id) =>
        state.Resources.TryGetValue(id.TrimEnd('/'), out var resource) ? resource : null;

    public static void Put(this EmulatorState state, ArmResource resource) =>
        state.Resources[resource.Id.TrimEnd('/')] = resource;

    /// <summary>Removes a resource and everything below it (child resources, role assignments at its scope).</summary>
    public static void RemoveWithChildren(this EmulatorState state, string id)
    {
        foreach (var key in state.Resources.Keys.Where(k => ResourceIds.IsAtOrAbove(id, k)).ToList())
        {
            state.Resources.Remove(key);
        }
    }

    public static bool SubscriptionExists(this EmulatorState state, string subscriptionId) =>
        state.SubscriptionIds.Contains(subscriptionId, StringComparer.OrdinalIgnoreCase);

    public static bool ResourceGroupExists(this EmulatorState state, string subscriptionId, string resourceGroup) =>
        state.Resources.TryGetValue(ResourceIds.ResourceGroup(subscriptionId, resourceGroup), out var rg) && rg.Type == ResourceGroupType;

    /// <summary>Resources of one type whose id lies under <paramref name="scope"/>, in creation order.</summary>
    public static IEnumerable<ArmResource> ListByType(this EmulatorState state, string type, string scope) =>
        state.Resources.Values
            .Where(r => r.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && ResourceIds.IsAtOrAbove(scope, r.Id))
            .OrderBy(r => r.CreatedAt)
            .ThenBy(r => r.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>The single resource of a type with this name (vault and account names are globally unique).</summary>
    public static ArmResource? FindByName(this EmulatorState state, string type, string name) =>
        state.Resources.Values.FirstOrDefault(r =>
            r.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && r.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
