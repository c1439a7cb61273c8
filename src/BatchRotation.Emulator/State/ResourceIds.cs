namespace BatchRotation.Emulator.State;

/// <summary>Small helpers over ARM resource ids, which compare case-insensitively.</summary>
public static class ResourceIds
{
    public static string Subscription(string subscriptionId) => $"/subscriptions/{subscriptionId}";

    public static string ResourceGroup(string subscriptionId, string resourceGroup) =>
        $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}";

    public static string Resource(string subscriptionId, string resourceGroup, string provider, string typeAndNames) =>
        $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/{provider}/{typeAndNames}";

    public static bool Equal(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="scope"/> is <paramref name="resourceId"/> itself or one of its ancestors ("/" included).</summary>
    public static bool IsAtOrAbove(string scope, string resourceId)
    {
        var s = scope.TrimEnd('/');
        var r = resourceId.TrimEnd('/');
        if (s.Length == 0) return true;
        return r.Equals(s, StringComparison.OrdinalIgnoreCase)
            || (r.StartsWith(s, StringComparison.OrdinalIgnoreCase) && r[s.Length] == '/');
    }

    /// <summary>The subscription id in a resource id or scope, or null.</summary>
    public static string? SubscriptionOf(string id)
    {
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? parts[1] : null;
    }

    /// <summary>The resource group name in a resource id or scope, or null.</summary>
    public static string? ResourceGroupOf(string id)
    {
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 4 && parts[2].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase) ? parts[3] : null;
    }
}
