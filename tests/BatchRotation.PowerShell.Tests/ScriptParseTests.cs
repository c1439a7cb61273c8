using System.Management.Automation.Language;
using BatchRotation.PowerShell.Tests.Infrastructure;

namespace BatchRotation.PowerShell.Tests;

/// <summary>
/// The repository's PowerShell scripts parse with PowerShell's own parser. Pester cannot run here, so this at least
/// catches syntax errors in the Pester files, their helpers, the demo and build.ps1 before a real PowerShell meets them.
/// </summary>
public sealed class ScriptParseTests
{
    public static TheoryData<string> Scripts() => new(ScriptPaths());

    /// <summary>build.ps1 and every *.ps1 under tests/, relative to the repository root.</summary>
    private static IReadOnlyList<string> ScriptPaths()
    {
        var root = BuiltModule.RepoRoot;
        return new[] { Path.Combine(root, "build.ps1") }
            .Concat(Directory.GetFiles(Path.Combine(root, "tests"), "*.ps1", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public void The_Pester_files_and_build_script_are_found()
    {
        var scripts = ScriptPaths();

        Assert.Contains("build.ps1", scripts);
        Assert.Contains("tests/pester/TestHelpers.ps1", scripts);
        Assert.True(scripts.Count(s => s.StartsWith("tests/pester/", StringComparison.Ordinal) && s.EndsWith(".Tests.ps1", StringComparison.Ordinal)) >= 5, string.Join(", ", scripts));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Parses_without_errors(string script)
    {
        var path = Path.Combine(BuiltModule.RepoRoot, script);

        Parser.ParseFile(path, out _, out var errors);

        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{script}:{e.Extent.StartLineNumber}:{e.Extent.StartColumnNumber}: {e.Message} ({e.ErrorId})")));
    }
}
