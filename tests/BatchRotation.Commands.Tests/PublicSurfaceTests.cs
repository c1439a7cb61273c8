using BatchRotation.Commands.Tests.Support;

namespace BatchRotation.Commands.Tests;

/// <summary>
/// No type of a private dependency may appear where PowerShell or a user meets the module: in the
/// public surface of the Commands assembly, or anywhere reachable from a cmdlet's parameters and
/// output types. (BatchRotation.Core's own public API may use Azure.Core types internally between
/// our two assemblies; it is checked only as far as the pipeline reaches into it.)
/// </summary>
public class PublicSurfaceTests
{
    private static readonly IReadOnlySet<string> OwnAssemblies = new HashSet<string> { "BatchRotation.Commands", "BatchRotation.Core" };

    [Fact]
    public void The_Commands_assembly_exposes_no_private_dependency_type()
    {
        Assert.Empty(PublicSurface.LeaksInAssembly(MetadataContexts.CommandsAssembly, MetadataContexts.PrivateDependencyNames));
    }

    [Fact]
    public void No_cmdlet_parameter_or_output_reaches_a_private_dependency_type()
    {
        var leaks = CmdletMetadata.ReadAll(MetadataContexts.CommandsAssembly)
            .SelectMany(c => PublicSurface.LeaksThroughPipeline(c, MetadataContexts.PrivateDependencyNames, OwnAssemblies));
        Assert.Empty(leaks);
    }

    [Fact]
    public void No_cmdlet_class_holds_a_private_dependency_type_in_a_field()
    {
        var fields = CmdletMetadata.ReadAll(MetadataContexts.CommandsAssembly)
            .SelectMany(c => PublicSurface.PrivateFieldTypes(c, MetadataContexts.PrivateDependencyNames));
        Assert.Empty(fields);
    }

    [Fact]
    public void A_private_dependency_type_in_a_cmdlet_field_is_found()
    {
        var cmdlet = CmdletMetadata.ReadAll(MetadataContexts.FixtureAssembly).Single(c => c.Name == "Get-LeakyFixture");
        var found = Assert.Single(PublicSurface.PrivateFieldTypes(cmdlet, MetadataContexts.PrivateDependencyNames));
        Assert.Contains("Azure.Core.AccessToken", found);
        Assert.Empty(PublicSurface.PrivateFieldTypes(
            CmdletMetadata.ReadAll(MetadataContexts.FixtureAssembly).Single(c => c.Name == "Set-GoodFixture"),
            MetadataContexts.PrivateDependencyNames));
    }

    [Fact]
    public void A_leak_through_an_output_property_is_found()
    {
        var fixtureAssemblies = new HashSet<string> { "BatchRotation.Commands.Tests" };
        var leaky = CmdletMetadata.ReadAll(MetadataContexts.FixtureAssembly).Single(c => c.Name == "Get-LeakyFixture");
        var leak = Assert.Single(PublicSurface.LeaksThroughPipeline(leaky, MetadataContexts.PrivateDependencyNames, fixtureAssemblies));
        Assert.Contains("LeakyFixtureOutput.Tag", leak);
        Assert.Contains("Azure.ETag", leak);

        var good = CmdletMetadata.ReadAll(MetadataContexts.FixtureAssembly).Single(c => c.Name == "Set-GoodFixture");
        Assert.Empty(PublicSurface.LeaksThroughPipeline(good, MetadataContexts.PrivateDependencyNames, fixtureAssemblies));
    }

    [Fact]
    public void A_leak_in_a_public_signature_is_found()
    {
        var leaks = PublicSurface.LeaksInAssembly(MetadataContexts.FixtureAssembly, MetadataContexts.PrivateDependencyNames).ToList();
        Assert.Contains(leaks, l => l.Contains("LeakyFixtureOutput.Tag"));
        Assert.DoesNotContain(leaks, l => l.Contains("GoodFixture"));
    }
}
