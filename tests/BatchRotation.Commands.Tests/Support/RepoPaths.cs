using System.Reflection;
using System.Xml.Linq;

namespace BatchRotation.Commands.Tests.Support;

/// <summary>Where the repository, the version source and the built module are.</summary>
internal static class RepoPaths
{
    public const string ModuleName = "BatchRotation";

    private static readonly Lazy<string> s_root = new(FindRoot);
    private static readonly Lazy<string> s_version = new(ReadVersionPrefix);

    /// <summary>The folder holding BatchRotation.sln, found by walking up from the test assembly.</summary>
    public static string Root => s_root.Value;

    /// <summary>VersionPrefix from Directory.Build.props: the one version source.</summary>
    public static string Version => s_version.Value;

    public static string ModuleBase => Path.Combine(Root, "out", ModuleName, Version);

    public static string PackageFile => Path.Combine(Root, "out", ModuleName + ".zip");

    public static string ModuleFilesProps => Path.Combine(Root, "src", "BatchRotation.Commands", "Module", "ModuleFiles.props");

    public static string SourceManifest => Path.Combine(Root, ModuleName + ".psd1");

    public static string TestBin => Path.GetDirectoryName(typeof(RepoPaths).Assembly.Location)!;

    public static string NuGetPackageRoot =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value
        ?? throw new InvalidOperationException("NuGetPackageRoot was not stamped into the test assembly.");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestBin); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchRotation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No BatchRotation.sln above {TestBin}.");
    }

    private static string ReadVersionPrefix()
    {
        var props = XDocument.Load(Path.Combine(Root, "Directory.Build.props"));
        var values = props.Descendants("VersionPrefix").Select(e => e.Value.Trim()).ToList();
        return values.Count == 1 && values[0].Length > 0
            ? values[0]
            : throw new InvalidOperationException("Directory.Build.props must define VersionPrefix exactly once.");
    }
}
