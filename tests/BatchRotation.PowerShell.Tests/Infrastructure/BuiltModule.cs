using System.Collections;
using System.Management.Automation.Language;
using System.Xml.Linq;

namespace BatchRotation.PowerShell.Tests.Infrastructure;

/// <summary>
/// The module as `dotnet build` assembles it in out/BatchRotation/&lt;version&gt;/ (this project builds
/// BatchRotation.Commands first, without referencing it). The tests import a copy taken once per run, the
/// way a user copies the folder into a module path: another engineer's build recreates out/ meanwhile.
/// </summary>
public static class BuiltModule
{
    public const string Name = "BatchRotation";

    private static readonly Lazy<string> s_root = new(FindRoot);
    private static readonly Lazy<string> s_version = new(ReadVersionPrefix);
    private static readonly Lazy<string> s_copy = new(() => Copy(TempFolder()));
    private static readonly Lazy<IReadOnlyList<string>> s_cmdlets = new(ReadCmdletsToExport);

    /// <summary>The folder holding BatchRotation.sln.</summary>
    public static string RepoRoot => s_root.Value;

    /// <summary>VersionPrefix of Directory.Build.props: the one version source.</summary>
    public static string Version => s_version.Value;

    /// <summary>out/BatchRotation/&lt;version&gt;/ as built.</summary>
    public static string BuiltFolder => Path.Combine(RepoRoot, "out", Name, Version);

    /// <summary>The manifest of this run's copy of the built folder: what the tests import.</summary>
    public static string ManifestPath => Path.Combine(s_copy.Value, Name + ".psd1");

    public static string ModuleBase => s_copy.Value;

    /// <summary>CmdletsToExport of the built manifest, read with PowerShell's own parser.</summary>
    public static IReadOnlyList<string> CmdletsToExport => s_cmdlets.Value;

    /// <summary>A further copy of the built folder under <paramref name="parent"/> (for tests that break a file); returns its manifest.</summary>
    public static string CopyTo(string parent) => Path.Combine(Copy(parent), Name + ".psd1");

    /// <summary>A fresh folder under the temp directory, deleted when the test process ends.</summary>
    public static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "batchrotation-powershell-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return folder;
    }

    private static string Copy(string parent)
    {
        if (!File.Exists(Path.Combine(BuiltFolder, Name + ".psd1")))
        {
            throw new InvalidOperationException($"The built module is not in {BuiltFolder}: build BatchRotation.Commands (this project's build does).");
        }

        var target = Path.Combine(parent, Name, Version);
        foreach (var file in Directory.GetFiles(BuiltFolder, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(BuiltFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return target;
    }

    private static IReadOnlyList<string> ReadCmdletsToExport()
    {
        var ast = Parser.ParseFile(ManifestPath, out _, out var errors);
        if (errors.Length > 0)
        {
            throw new InvalidOperationException($"{ManifestPath} does not parse: {string.Join("; ", errors.Select(e => e.Message))}");
        }

        var manifest = (Hashtable)((HashtableAst)ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)!).SafeGetValue();
        return ((object[])manifest["CmdletsToExport"]!).Cast<string>().ToList();
    }

    private static string FindRoot()
    {
        var start = Path.GetDirectoryName(typeof(BuiltModule).Assembly.Location)!;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchRotation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No BatchRotation.sln above {start}.");
    }

    private static string ReadVersionPrefix()
    {
        var values = XDocument.Load(Path.Combine(RepoRoot, "Directory.Build.props")).Descendants("VersionPrefix").Select(e => e.Value.Trim()).ToList();
        return values.Count == 1 && values[0].Length > 0
            ? values[0]
            : throw new InvalidOperationException("Directory.Build.props must define VersionPrefix exactly once.");
    }
}
