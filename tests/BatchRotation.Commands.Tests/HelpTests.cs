using BatchRotation.Commands.Tests.Support;

namespace BatchRotation.Commands.Tests;

/// <summary>
/// Cmdlet help is the hand-written MAML file module/en-US/BatchRotation.Commands.dll-Help.xml; these
/// tests hold it to the cmdlets' metadata. Get-Help itself is exercised in tests/pester/Module.Tests.ps1.
/// </summary>
public class HelpTests
{
    private static string HelpFile => Path.Combine(RepoPaths.ModuleBase, "en-US", "BatchRotation.Commands.dll-Help.xml");

    [Fact]
    public void Every_exported_cmdlet_and_parameter_has_help()
    {
        var help = MamlHelp.Read(HelpFile);
        Assert.Empty(CmdletMetadata.ReadAll(MetadataContexts.CommandsAssembly).SelectMany(c => MamlHelp.Problems(c, help)));
    }

    [Fact]
    public void The_help_file_documents_no_cmdlet_that_does_not_exist()
    {
        var cmdlets = CmdletMetadata.ReadAll(MetadataContexts.CommandsAssembly).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(MamlHelp.Read(HelpFile).Keys, k => !cmdlets.Contains(k));
    }

    [Fact]
    public void The_about_topic_is_shipped_and_names_the_pipeline()
    {
        var about = File.ReadAllText(Path.Combine(RepoPaths.ModuleBase, "en-US", "about_BatchRotation.help.txt"));
        Assert.StartsWith("TOPIC", about);
        Assert.Contains("about_BatchRotation", about);
        Assert.Contains("Grant-PoolVaultAccess  ->  New-RotatingBatchPool  ->  Test-PoolCertificate", about);
        Assert.Contains("Connect-BatchRotation", about);
    }

    [Fact]
    public void Complete_help_passes_and_each_gap_is_found()
    {
        var help = MamlHelp.Read(Path.Combine(RepoPaths.TestBin, "Fixtures", "fixture-help.xml"));
        var fixtures = CmdletMetadata.ReadAll(MetadataContexts.FixtureAssembly).ToDictionary(c => c.Name);

        Assert.Empty(MamlHelp.Problems(fixtures["Set-GoodFixture"], help));
        Assert.Equal(new[] { "Get-LeakyFixture has no help entry." }, MamlHelp.Problems(fixtures["Get-LeakyFixture"], help));

        var problems = MamlHelp.Problems(fixtures["Remove-NoShouldProcessFixture"], help).ToList();
        Assert.Contains(problems, p => p.Contains("no example"));
        Assert.Contains(problems, p => p.Contains("parameter Id is not described"));
        Assert.Contains(problems, p => p.Contains("describes parameter Name, which the cmdlet does not have"));
        Assert.Contains(problems, p => p.Contains("syntax items"));
        Assert.Equal(4, problems.Count);
    }
}
