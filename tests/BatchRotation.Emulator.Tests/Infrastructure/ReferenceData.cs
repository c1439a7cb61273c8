using System.Text.Json.Nodes;

namespace BatchRotation.Emulator.Tests.Infrastructure;

/// <summary>
/// The real examples, recordings and OpenAPI files in <c>../shared/reference</c> beside the clone.
/// A user's clone has no such folder: tests that need it report themselves skipped.
/// </summary>
public static class ReferenceData
{
    public static string? Root { get; } = Locate();

    public static JsonNode Load(string relativePath)
    {
        if (Root is null) throw new InvalidOperationException("The reference folder is absent; use [ReferenceFact].");
        return JsonNode.Parse(File.ReadAllText(Path.Combine(Root, relativePath)))!;
    }

    /// <summary>The 200 (or given status) response body of an OpenAPI example file.</summary>
    public static JsonNode ExampleResponse(string relativePath, string status = "200") =>
        Load(relativePath)["responses"]![status]!["body"]!;

    private static string? Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BatchRotation.sln")))
            {
                var reference = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "reference"));
                return Directory.Exists(reference) ? reference : null;
            }
        }
        return null;
    }
}

/// <summary>A fact that needs <c>../shared/reference</c>; skipped, with the reason, when it is absent.</summary>
public sealed class ReferenceFactAttribute : FactAttribute
{
    public ReferenceFactAttribute()
    {
        if (ReferenceData.Root is null) Skip = "../shared/reference is not beside this clone (contract test).";
    }
}
