using System.Xml.Linq;
using BatchRotation.Commands.Tests.Support;

namespace BatchRotation.Commands.Tests;

/// <summary>Every output type has a view; the format and type files are well-formed and in the expected shape.</summary>
public class FormatAndTypeFileTests
{
    private static string ModuleFile(string name) => Path.Combine(RepoPaths.ModuleBase, name);

    [Fact]
    public void Every_output_type_of_the_module_has_a_format_view()
    {
        var views = FormatFile.ViewTypeNames(ModuleFile("BatchRotation.format.ps1xml"));
        Assert.Empty(FormatFile.MissingViews(CmdletMetadata.ReadAll(MetadataContexts.CommandsAssembly), views));
    }

    [Fact]
    public void A_missing_view_is_found()
    {
        var views = FormatFile.ViewTypeNames(Path.Combine(RepoPaths.TestBin, "Fixtures", "fixture-format.xml"));
        Assert.Contains("BatchRotation.Commands.Tests.Fixtures.GoodFixtureOutput", views);
        var missing = FormatFile.MissingViews(CmdletMetadata.ReadAll(MetadataContexts.FixtureAssembly), views).ToList();
        var only = Assert.Single(missing);
        Assert.Contains("LeakyFixtureOutput", only); // System.String (Remove-NoShouldProcessFixture) needs no view
    }

    [Fact]
    public void The_type_file_is_well_formed_and_extends_only_the_modules_types()
    {
        var doc = XDocument.Load(ModuleFile("BatchRotation.types.ps1xml"));
        Assert.Equal("Types", doc.Root!.Name.LocalName);
        Assert.All(doc.Root.Elements("Type"), t =>
            Assert.StartsWith("BatchRotation.", t.Element("Name")?.Value.Trim() ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_view_names_a_type_and_has_a_control()
    {
        var doc = XDocument.Load(ModuleFile("BatchRotation.format.ps1xml"));
        Assert.All(doc.Descendants("View"), v =>
        {
            Assert.False(string.IsNullOrWhiteSpace(v.Element("Name")?.Value));
            Assert.NotEmpty(v.Element("ViewSelectedBy")?.Elements("TypeName") ?? []);
            Assert.Contains(v.Elements(), e => e.Name.LocalName is "TableControl" or "ListControl" or "WideControl" or "CustomControl");
        });
    }
}
