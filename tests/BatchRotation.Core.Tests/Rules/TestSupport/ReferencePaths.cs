namespace BatchRotation.Core.Tests.Rules.TestSupport;

/// <summary>
/// Where the shared reference material lives: <c>&lt;repo&gt;/../shared/reference</c>, the repo being the first
/// directory above the test assembly that holds BatchRotation.sln. Null when either is missing.
/// </summary>
public static class ReferencePaths
{
    private static readonly Lazy<string?> Root = new(() => FindReferenceRoot(AppContext.BaseDirectory));

    public static string? ReferenceRoot => Root.Value;

    public static string MissingReason => "The shared reference material (<repo>/../shared/reference) is not present on this machine.";

    /// <summary>A path under the reference root; only call from a test marked [ReferenceFact] or [ReferenceTheory].</summary>
    public static string Get(params string[] parts) =>
        Path.Combine(new[] { ReferenceRoot ?? throw new InvalidOperationException(MissingReason) }.Concat(parts).ToArray());

    public static string BatchManagementSwagger =>
        Get("azure-rest-api-specs", "specification", "batch", "resource-manager", "Microsoft.Batch", "stable", "2025-06-01", "BatchManagement.json");

    public static string BatchManagementExamples =>
        Get("azure-rest-api-specs", "specification", "batch", "resource-manager", "Microsoft.Batch", "stable", "2025-06-01", "examples");

    public static string KeyVaultManagementSwagger =>
        Get("azure-rest-api-specs", "specification", "keyvault", "resource-manager", "Microsoft.KeyVault", "stable", "2025-05-01", "keyvault.json");

    public static string RoleAssignmentsSwagger =>
        Get("azure-rest-api-specs", "specification", "authorization", "resource-manager", "Microsoft.Authorization", "stable", "2022-04-01", "authorization-RoleAssignmentsCalls.json");

    /// <summary>Walks up from <paramref name="start"/> to the repository root and returns its ../shared/reference when that exists.</summary>
    public static string? FindReferenceRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchRotation.sln")))
            {
                var reference = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "reference"));
                return Directory.Exists(reference) ? reference : null;
            }
        }

        return null;
    }
}
