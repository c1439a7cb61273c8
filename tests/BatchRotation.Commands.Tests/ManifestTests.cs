using BatchRotation.Commands.Tests.Support;

namespace BatchRotation.Commands.Tests;

/// <summary>
/// The built manifest, read with <see cref="Psd1Parser"/> (the subset of psd1 syntax the module uses).
/// Whether PowerShell accepts it is checked by tests/pester/Module.Tests.ps1 (Test-ModuleManifest,
/// Import-Module) in a real PowerShell.
/// </summary>
public class ManifestTests
{
    private static readonly Lazy<Dictionary<string, object?>> s_manifest = new(() =>
        Psd1Parser.ParseHashtable(File.ReadAllText(Path.Combine(RepoPaths.ModuleBase, "BatchRotation.psd1"))));

    private static Dictionary<string, object?> Manifest => s_manifest.Value;

    private static IReadOnlyList<string> Strings(string key) =>
        Assert.IsType<List<object?>>(Manifest[key]).Select(v => Assert.IsType<string>(v)).ToList();

    [Fact]
    public void ModuleVersion_is_stamped_from_VersionPrefix()
    {
        Assert.Equal(RepoPaths.Version, Manifest["ModuleVersion"]);
    }

    [Fact]
    public void The_built_manifest_differs_from_the_source_only_in_ModuleVersion()
    {
        string[] Lines(string path) => File.ReadAllText(path).Replace("\r\n", "\n").TrimEnd().Split('\n');
        var source = Lines(RepoPaths.SourceManifest);
        var built = Lines(Path.Combine(RepoPaths.ModuleBase, "BatchRotation.psd1"));
        Assert.Equal(source.Length, built.Length);
        var different = source.Zip(built).Where(p => p.First != p.Second).ToList();
        var line = Assert.Single(different);
        Assert.Contains("ModuleVersion", line.Second);
    }

    [Fact]
    public void It_loads_the_Commands_assembly_on_both_editions_from_5_1()
    {
        Assert.Equal("BatchRotation.Commands.dll", Manifest["RootModule"]);
        Assert.Equal(new[] { "Desktop", "Core" }, Strings("CompatiblePSEditions"));
        Assert.Equal("5.1", Manifest["PowerShellVersion"]);
        Assert.True(Guid.TryParse(Assert.IsType<string>(Manifest["GUID"]), out _));
        Assert.False(string.IsNullOrWhiteSpace(Manifest["Description"] as string));
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("AliasesToExport")]
    [InlineData("VariablesToExport")]
    public void Nothing_but_cmdlets_is_exported(string key)
    {
        Assert.Empty(Strings(key));
    }

    [Fact]
    public void CmdletsToExport_is_explicit_and_names_exactly_the_cmdlet_classes()
    {
        var exported = Strings("CmdletsToExport");
        Assert.DoesNotContain(exported, n => n.IndexOfAny(['*', '?', '[']) >= 0);
        var cmdlets = CmdletMetadata.ReadAll(MetadataContexts.CommandsAssembly).Select(c => c.Name);
        Assert.Equal(cmdlets.OrderBy(n => n, StringComparer.Ordinal), exported.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Private_dependencies_are_never_loaded_by_the_manifest()
    {
        Assert.False(Manifest.ContainsKey("RequiredAssemblies"), "RequiredAssemblies loads into the shared context");
        Assert.False(Manifest.ContainsKey("NestedModules"), "NestedModules loads into the shared context");
        Assert.False(Manifest.ContainsKey("ScriptsToProcess"));
    }

    [Theory]
    [InlineData("FormatsToProcess", "BatchRotation.format.ps1xml")]
    [InlineData("TypesToProcess", "BatchRotation.types.ps1xml")]
    public void Format_and_type_files_are_listed_and_shipped(string key, string file)
    {
        Assert.Equal(new[] { file }, Strings(key));
        Assert.Contains(ModuleFileList.Entries, e => e.Path == file && e.From == "module");
        Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleBase, file)));
    }
}
