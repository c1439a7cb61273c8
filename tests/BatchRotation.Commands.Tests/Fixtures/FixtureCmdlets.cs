using System.Management.Automation;
using BatchRotation.Commands.Infrastructure;

// Cmdlet classes that exist only to be read as metadata by the rule tests, so that every rule is shown
// to pass on a good cmdlet and to fail on a bad one even while the module has few cmdlets. They are
// compiled against PowerShellStandard.Library and never instantiated or run.
namespace BatchRotation.Commands.Tests.Fixtures
{
    public sealed class GoodFixtureOutput
    {
        public string Name { get; set; } = string.Empty;
    }

    /// <summary>Follows every rule.</summary>
    [Cmdlet(VerbsCommon.Set, "GoodFixture", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(GoodFixtureOutput))]
    public sealed class SetGoodFixtureCommand : BatchRotationCmdlet
    {
        public const string ByName = "ByName";
        public const string ByInputObject = "ByInputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        public string Name { get; set; } = null!;

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByInputObject)]
        public GoodFixtureOutput InputObject { get; set; } = null!;

        [Parameter]
        public SwitchParameter Force { get; set; }
    }

    /// <summary>Breaks the class-level rules: not sealed, unapproved verb, wrong base, no [OutputType], literal set name.</summary>
    [Cmdlet("Frobnicate", "BadFixture")]
    public class FrobnicateBadFixtureCommand : PSCmdlet
    {
        [Parameter(ParameterSetName = "Literal")]
        public string Path { get; set; } = null!;
    }

    /// <summary>Changes state without SupportsShouldProcess; its help entry is incomplete.</summary>
    [Cmdlet(VerbsCommon.Remove, "NoShouldProcessFixture")]
    [OutputType(typeof(string))]
    public sealed class RemoveNoShouldProcessFixtureCommand : BatchRotationCmdlet
    {
        [Parameter(Mandatory = true)]
        public string Id { get; set; } = null!;
    }

    /// <summary>Lets a private dependency's type reach the pipeline, and holds one in a field.</summary>
    [Cmdlet(VerbsCommon.Get, "LeakyFixture")]
    [OutputType(typeof(LeakyFixtureOutput))]
    public sealed class GetLeakyFixtureCommand : BatchRotationCmdlet
    {
#pragma warning disable CS0169 // never used: it exists to be found
        private Azure.Core.AccessToken _token;
#pragma warning restore CS0169

        [Parameter]
        public string Name { get; set; } = null!;
    }

    public sealed class LeakyFixtureOutput
    {
        public string Name { get; set; } = string.Empty;

        public Azure.ETag Tag { get; set; }
    }
}
