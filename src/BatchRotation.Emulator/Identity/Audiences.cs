namespace BatchRotation.Emulator.Identity;

/// <summary>The token audiences each service accepts (the real ones).</summary>
public static class Audiences
{
    public const string ResourceManager = "https://management.azure.com/";
    public const string KeyVault = "https://vault.azure.net";
    public const string Batch = "https://batch.core.windows.net/";

    private static readonly string[] ResourceManagerAccepted =
    [
        "https://management.azure.com/", "https://management.azure.com",
        "https://management.core.windows.net/", "https://management.core.windows.net",
    ];

    public static bool Accepts(Infrastructure.ServiceKind service, string audience) => service switch
    {
        Infrastructure.ServiceKind.Arm => ResourceManagerAccepted.Contains(audience, StringComparer.OrdinalIgnoreCase),
        Infrastructure.ServiceKind.KeyVault => audience.TrimEnd('/').Equals(KeyVault, StringComparison.OrdinalIgnoreCase),
        Infrastructure.ServiceKind.Batch => audience.TrimEnd('/').Equals(Batch.TrimEnd('/'), StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>The audience a v2 scope such as <c>https://vault.azure.net/.default</c> asks for.</summary>
    public static string? FromScope(string scope)
    {
        const string suffix = "/.default";
        foreach (var candidate in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                var resource = candidate[..^suffix.Length];
                return resource.Length == 0 ? null : resource;
            }
        }
        return null;
    }

    /// <summary>The audience written into a token for a resource: the service's canonical spelling where known.</summary>
    public static string Canonical(string resource)
    {
        foreach (var known in new[] { ResourceManager, KeyVault, Batch })
        {
            if (resource.TrimEnd('/').Equals(known.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) return known;
        }
        return resource;
    }
}
