using System.Reflection;
using BatchRotation.Commands.Tests.Support;

namespace BatchRotation.Commands.Tests;

/// <summary>
/// Design rules on every cmdlet class of the module, and the same rules shown to catch the faults of
/// the fixture cmdlets (so the rules are not vacuous while the module has few cmdlets).
/// </summary>
public class CmdletRulesTests
{
    private static IReadOnlyList<CmdletMetadata> ModuleCmdlets => CmdletMetadata.ReadAll(MetadataContexts.CommandsAssembly);

    private static CmdletMetadata Fixture(string name) =>
        CmdletMetadata.ReadAll(MetadataContexts.FixtureAssembly).Single(c => c.Name == name);

    [Fact]
    public void Every_module_cmdlet_follows_the_rules()
    {
        Assert.Empty(ModuleCmdlets.SelectMany(CmdletRules.Check));
    }

    [Fact]
    public void Cmdlet_classes_are_found_by_their_attribute()
    {
        var names = CmdletMetadata.ReadAll(MetadataContexts.FixtureAssembly).Select(c => c.Name);
        Assert.Equal(new[] { "Frobnicate-BadFixture", "Get-LeakyFixture", "Remove-NoShouldProcessFixture", "Set-GoodFixture" }, names);
    }

    [Fact]
    public void A_good_cmdlet_passes()
    {
        var good = Fixture("Set-GoodFixture");
        Assert.Empty(CmdletRules.Check(good));
        Assert.Equal(new[] { "BatchRotation.Commands.Tests.Fixtures.GoodFixtureOutput" }, good.OutputTypes);
        Assert.Equal(new[] { "ByInputObject", "ByName" }, good.ParameterSetNames.OrderBy(n => n));
        Assert.Equal(new[] { "Force", "Name" }, good.ParameterSets["ByName"].OrderBy(n => n));
    }

    [Fact]
    public void A_bad_cmdlet_is_reported_for_each_fault()
    {
        var problems = CmdletRules.Check(Fixture("Frobnicate-BadFixture")).ToList();
        Assert.Contains(problems, p => p.Contains("is not sealed"));
        Assert.Contains(problems, p => p.Contains("not an approved verb"));
        Assert.Contains(problems, p => p.Contains("does not derive from"));
        Assert.Contains(problems, p => p.Contains("no [OutputType]"));
        Assert.Contains(problems, p => p.Contains("'Literal' is not declared as a const"));
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void A_state_changing_cmdlet_without_ShouldProcess_is_reported()
    {
        var problem = Assert.Single(CmdletRules.Check(Fixture("Remove-NoShouldProcessFixture")));
        Assert.Contains("SupportsShouldProcess", problem);
    }

    [Fact]
    public void The_embedded_verb_list_is_Windows_PowerShell_5_1s()
    {
        // PowerShellStandard.Library 5.1 carries the Verbs* classes with their const fields: metadata
        // that is exactly what Windows PowerShell 5.1 approves.
        var fromSma = MetadataContexts.FixtureSma.GetTypes()
            .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet();
        Assert.True(fromSma.Count > 90, $"only {fromSma.Count} verbs found in PowerShellStandard");
        Assert.Empty(fromSma.Except(ApprovedVerbs.All));
        Assert.Empty(ApprovedVerbs.All.Except(fromSma));
        Assert.Empty(ApprovedVerbs.StateChanging.Except(ApprovedVerbs.All));
    }
}
