using System.Reflection;
using BatchRotation.Commands.Tests.Support;

namespace BatchRotation.Commands.Tests;

/// <summary>The built folder out/BatchRotation/&lt;version&gt;/ against the explicit file list.</summary>
public class ModuleFolderTests
{
    private static string Relative(string path) =>
        Path.GetRelativePath(RepoPaths.ModuleBase, path).Replace(Path.DirectorySeparatorChar, '/');

    [Fact]
    public void The_module_folder_is_named_after_the_version_source()
    {
        Assert.True(Directory.Exists(RepoPaths.ModuleBase), $"{RepoPaths.ModuleBase} does not exist: build BatchRotation.Commands.");
        Assert.Matches(@"^\d+\.\d+\.\d+$", RepoPaths.Version);
    }

    [Fact]
    public void The_file_list_is_well_formed()
    {
        var entries = ModuleFileList.Entries;
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Contains(e.From, new[] { "manifest", "build", "module" }));
        Assert.All(entries, e => Assert.DoesNotContain('\\', e.Path));
        Assert.All(entries, e => Assert.False(e.Path.IndexOfAny(['*', '?']) >= 0, $"{e.Path} is a wildcard"));
        Assert.Equal(entries.Count, entries.Select(e => e.Path.ToLowerInvariant()).Distinct().Count());
        Assert.Single(entries, e => e.From == "manifest" && e.Path == "BatchRotation.psd1");
    }

    [Fact]
    public void Every_listed_file_is_in_the_folder()
    {
        var missing = ModuleFileList.Entries.Where(e => !File.Exists(Path.Combine(RepoPaths.ModuleBase, e.Path))).Select(e => e.Path);
        Assert.Empty(missing);
    }

    [Fact]
    public void The_folder_holds_nothing_that_is_not_listed()
    {
        var listed = ModuleFileList.Entries.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        var extra = Directory.GetFiles(RepoPaths.ModuleBase, "*", SearchOption.AllDirectories).Select(Relative).Where(p => !listed.Contains(p));
        Assert.Empty(extra);
    }

    [Fact]
    public void Only_the_module_assemblies_sit_at_the_root()
    {
        var rootAssemblies = Directory.GetFiles(RepoPaths.ModuleBase, "*.dll").Select(Path.GetFileName).OrderBy(n => n);
        Assert.Equal(new[] { "BatchRotation.Commands.dll", "BatchRotation.Core.dll" }, rootAssemblies);
        Assert.All(ModuleFileList.Entries.Where(e => e.IsAssembly && !e.Path.StartsWith("BatchRotation.", StringComparison.Ordinal)),
            e => Assert.True(e.IsDependency, $"{e.Path} is a dependency outside dependencies/"));
        Assert.Contains("Azure.Core", MetadataContexts.PrivateDependencyNames);
        Assert.Contains("Azure.Identity", MetadataContexts.PrivateDependencyNames);
        Assert.Contains("Microsoft.Identity.Client", MetadataContexts.PrivateDependencyNames);
    }

    [Fact]
    public void PowerShell_itself_is_not_shipped()
    {
        Assert.DoesNotContain(ModuleFileList.Entries, e => e.Path.EndsWith("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_assemblies_carry_the_module_version()
    {
        var expected = Version.Parse(RepoPaths.Version + ".0");
        Assert.Equal(expected, MetadataContexts.CommandsAssembly.GetName().Version);
        Assert.Equal(expected, MetadataContexts.CoreAssembly.GetName().Version);
    }

    /// <summary>
    /// Every assembly the module's assemblies reference, transitively, is either in the folder or part
    /// of netstandard 2.0 (which .NET Framework 4.7.2+ and .NET 6+ provide) or PowerShell itself. This is
    /// what makes the module loadable on a machine that has nothing else.
    /// </summary>
    [Fact]
    public void Every_referenced_assembly_is_shipped_or_provided_by_the_platform()
    {
        var shipped = Directory.GetFiles(RepoPaths.ModuleBase, "*.dll", SearchOption.AllDirectories)
            .ToDictionary(f => AssemblyName.GetAssemblyName(f).Name!, f => f, StringComparer.OrdinalIgnoreCase);
        var netstandardRef = Path.Combine(RepoPaths.NuGetPackageRoot, "netstandard.library", "2.0.3", "build", "netstandard2.0", "ref");
        Assert.True(Directory.Exists(netstandardRef), $"NETStandard.Library's reference assemblies are not at {netstandardRef}.");
        var platform = Directory.GetFiles(netstandardRef, "*.dll").Select(Path.GetFileNameWithoutExtension)
            .Append("System.Management.Automation")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var problems = new List<string>();
        foreach (var (name, file) in shipped)
        {
            foreach (var reference in MetadataContexts.Module.LoadFromAssemblyPath(file).GetReferencedAssemblies())
            {
                if (platform.Contains(reference.Name!))
                {
                    continue;
                }

                if (!shipped.TryGetValue(reference.Name!, out var target))
                {
                    problems.Add($"{name} references {reference.FullName}, which is neither shipped nor part of netstandard 2.0.");
                }
                else if (AssemblyName.GetAssemblyName(target).Version < reference.Version)
                {
                    problems.Add($"{name} references {reference.FullName}, but the module ships {AssemblyName.GetAssemblyName(target).Version}.");
                }
            }
        }

        Assert.Empty(problems);
    }
}
