using System.Management.Automation;
using BatchRotation.PowerShell.Tests.Infrastructure;

namespace BatchRotation.PowerShell.Tests;

/// <summary>The built module in a fresh runspace: import, exports, help, removal and import again.</summary>
public sealed class ModuleTests
{
    public static TheoryData<string> Cmdlets => new(BuiltModule.CmdletsToExport);

    [Fact]
    public void Imports_in_a_fresh_runspace_without_errors_or_warnings()
    {
        using var session = PowerShellSession.Start();

        var module = session.ImportResult.Single();

        Assert.Empty(session.ImportResult.Warnings);
        Assert.Equal("BatchRotation", module.Text("Name"));
        Assert.Equal(Version.Parse(BuiltModule.Version), module.Property("Version"));
        Assert.Equal("Binary", module.Text("ModuleType"));
        Assert.Equal(BuiltModule.ModuleBase.TrimEnd('/'), module.Text("ModuleBase")!.TrimEnd('/'));
        Assert.Equal(["BatchRotation.format.ps1xml"], module.Texts("ExportedFormatFiles").Select(Path.GetFileName));
        Assert.Equal(["BatchRotation.types.ps1xml"], module.Texts("ExportedTypeFiles").Select(Path.GetFileName));
    }

    [Fact]
    public void Exports_exactly_the_cmdlets_of_the_manifest_and_nothing_else()
    {
        using var session = PowerShellSession.Start();

        var commands = session.Run("Get-Command -Module BatchRotation").Succeeded().Output;

        Assert.Equal(BuiltModule.CmdletsToExport.Order(), commands.Select(c => c.Text("Name")!).Order());
        Assert.All(commands, c => Assert.Equal("Cmdlet", c.Text("CommandType")));
        Assert.NotEmpty(BuiltModule.CmdletsToExport);
    }

    [Fact]
    public void Its_format_views_are_used_by_the_formatter()
    {
        using var session = PowerShellSession.Start();

        // The context view is a list (Pester checks the same through Out-String).
        var text = session.Run("Get-BatchRotationContext | Out-Default").Succeeded().HostText;

        Assert.Matches(@"(?m)^Connected\s+: False", text);
        Assert.Matches(@"(?m)^SignInMethod\s+: Default", text);
    }

    [Fact]
    public void A_broken_format_file_fails_the_import()
    {
        var manifest = BuiltModule.CopyTo(BuiltModule.TempFolder());
        var format = Path.Combine(Path.GetDirectoryName(manifest)!, "BatchRotation.format.ps1xml");
        File.WriteAllText(format, File.ReadAllText(format).Replace("</ViewDefinitions>", "<View><Name>broken"));

        using var session = PowerShellSession.Start(manifest);

        var failure = Assert.Single(session.ImportResult.AllErrors);
        Assert.Equal("FormatXmlUpdateException,Microsoft.PowerShell.Commands.ImportModuleCommand", failure.FullyQualifiedErrorId);
        Assert.Contains("BatchRotation.format.ps1xml", failure.Exception.Message);
        Assert.Empty(session.Run("Get-Module -Name BatchRotation").Succeeded().Output);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_has_help_with_a_synopsis_a_description_examples_and_every_parameter_described(string name)
    {
        using var session = PowerShellSession.Start();

        var help = session.Run("Get-Help -Name $name -Full", ("name", name)).Single();
        var parameters = session.Run(
            "(Get-Command -Name $name).Parameters.Keys | Where-Object { $_ -notin ([System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters) }",
            ("name", name)).Succeeded().Output.Select(p => p.ToString()).ToList();

        var synopsis = help.Text("Synopsis")!.Trim();
        Assert.False(string.IsNullOrWhiteSpace(synopsis));
        // Without MAML help, PowerShell makes the synopsis up from the syntax.
        Assert.DoesNotContain(name + " ", synopsis);
        Assert.NotEmpty(Paragraphs(help.Property("description")));
        Assert.NotEmpty(help.Property("examples")!.Items("example"));
        var described = parameters.Count == 0
            ? []
            : help.Property("parameters")!.Items("parameter").ToDictionary(p => p.Text("name")!, StringComparer.OrdinalIgnoreCase);
        Assert.All(parameters, parameter =>
        {
            Assert.True(described.TryGetValue(parameter, out var entry), $"-{parameter} of {name} is not in the help");
            Assert.True(Paragraphs(entry!.Property("description")).Any(), $"-{parameter} of {name} has no description");
        });
    }

    [Fact]
    public void The_about_topic_is_found()
    {
        using var session = PowerShellSession.Start();

        var help = session.Run("Get-Help -Name about_BatchRotation").Single();

        Assert.Contains("Grant-PoolVaultAccess", help.ToString());
    }

    [Fact]
    public void Can_be_removed_and_imported_again_in_the_same_runspace()
    {
        using var session = PowerShellSession.Start();
        session.Run("$null = Get-BatchRotationContext").Succeeded();

        session.Run("Remove-Module -Name BatchRotation -ErrorAction Stop").Succeeded();
        var afterRemoval = session.Run("Get-Command -Name Get-BatchRotationContext -ErrorAction SilentlyContinue");
        var again = session.Run("Import-Module -Name $manifest -ErrorAction Stop -PassThru; Get-BatchRotationContext", ("manifest", BuiltModule.ManifestPath));

        Assert.Empty(afterRemoval.Output);
        again.Succeeded();
        Assert.Empty(again.Warnings);
        Assert.Equal("BatchRotation", again.Output[0].Text("Name"));
        Assert.Equal(false, again.Output[1].Property("IsConnected"));
    }

    /// <summary>
    /// The resolver for dependencies/ is process-wide: Remove-Module in one runspace (a -Parallel block, a job) must
    /// not take it from another that still uses the module. This host provides Azure.Core and the other private
    /// dependencies itself, so a missing resolver would not fail a cmdlet here as it would in pwsh: the test looks
    /// at the installed resolver directly.
    /// </summary>
    [Fact]
    public void Removing_the_module_in_one_runspace_leaves_the_private_dependency_resolver_to_the_others()
    {
        const string resolverInstalled =
            "$null -ne [BatchRotation.Commands.Infrastructure.ModuleAssemblyInitializer].GetField('s_resolver', [System.Reflection.BindingFlags]'NonPublic,Static').GetValue($null)";
        using var user = PowerShellSession.Start();
        using (var other = PowerShellSession.Start())
        {
            other.Run("Remove-Module -Name BatchRotation -ErrorAction Stop").Succeeded();
        }

        Assert.Equal([true], user.Run(resolverInstalled).Succeeded().Objects);
        Assert.Equal([false], user.Run("(Get-BatchRotationContext).IsConnected").Succeeded().Objects);
    }

    [Fact]
    public void Import_Module_Force_over_a_loaded_copy_keeps_it_working()
    {
        using var session = PowerShellSession.Start();

        var result = session.Run("Import-Module -Name $manifest -Force -ErrorAction Stop; (Get-BatchRotationContext).IsConnected", ("manifest", BuiltModule.ManifestPath));

        Assert.Equal([false], result.Succeeded().Objects);
    }

    /// <summary>The text of a MAML description (paragraph objects with a Text property), or nothing.</summary>
    private static IEnumerable<string> Paragraphs(object? description) =>
        description is null
            ? []
            : (description is System.Collections.IEnumerable items && description is not string ? items.Cast<object>() : [description])
                .Select(p => (PSObject.AsPSObject(p).Properties["Text"]?.Value ?? p).ToString()!)
                .Where(t => !string.IsNullOrWhiteSpace(t));
}
