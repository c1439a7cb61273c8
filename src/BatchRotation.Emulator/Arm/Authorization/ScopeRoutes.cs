namespace BatchRotation.Emulator.Arm.Authorization;

/// <summary>
/// Route templates for Microsoft.Authorization's extension resources, which live under any scope:
/// <c>{scope}/providers/Microsoft.Authorization/...</c>. ASP.NET routing cannot put a catch-all in the
/// middle of a template, so every scope shape the emulator answers is registered: the subscription, a
/// resource group, and a resource with up to three levels of child types (e.g. a vault's secret).
/// </summary>
public static class ScopeRoutes
{
    public const string AuthorizationProviderSegment = "/providers/Microsoft.Authorization/";

    /// <summary>Templates for <paramref name="suffix"/> (e.g. <c>roleAssignments/{roleAssignmentName}</c>) under every supported scope.</summary>
    public static IEnumerable<string> Templates(string suffix, bool includeTenantRoot = false)
    {
        var tail = AuthorizationProviderSegment + suffix;
        if (includeTenantRoot) yield return tail;
        const string subscription = "/subscriptions/{subscriptionId}";
        yield return subscription + tail;
        const string group = subscription + "/resourceGroups/{resourceGroupName}";
        yield return group + tail;
        var resource = group + "/providers/{resourceProviderNamespace}/{type1}/{name1}";
        yield return resource + tail;
        yield return resource + "/{type2}/{name2}" + tail;
        yield return resource + "/{type2}/{name2}/{type3}/{name3}" + tail;
        yield return resource + "/{type2}/{name2}/{type3}/{name3}/{type4}/{name4}" + tail;
    }

    /// <summary>The scope part of a request path (casing kept): everything before the last <c>/providers/Microsoft.Authorization/</c>; "/" for the tenant root.</summary>
    public static string ScopeOf(string path)
    {
        var index = path.LastIndexOf(AuthorizationProviderSegment, StringComparison.OrdinalIgnoreCase);
        var scope = index <= 0 ? "/" : path[..index];
        return scope;
    }
}
