using BatchRotation.Core.Operations.Pools;
using static BatchRotation.Core.Tests.Operations.Pools.FakePoolWorld;

namespace BatchRotation.Core.Tests.Operations.Pools;

public sealed class NodeReadinessTests
{
    [Theory]
    [InlineData("idle", "ProvisioningState/succeeded", "Info", NodeReadinessState.Ready)]
    [InlineData("running", "ProvisioningState/succeeded/0", "Info", NodeReadinessState.Ready)]
    [InlineData("idle", "ProvisioningState/failed", "Error", NodeReadinessState.Failed)]
    [InlineData("idle", "ProvisioningState/failed/1", "Error", NodeReadinessState.Failed)]
    [InlineData("idle", "ProvisioningState/transitioning", "Warning", NodeReadinessState.Pending)]
    [InlineData("unusable", "ProvisioningState/failed", "Error", NodeReadinessState.Failed)]
    [InlineData("starttaskfailed", "ProvisioningState/succeeded", "Info", NodeReadinessState.Failed)]
    public void Judges_a_node_by_its_state_and_its_key_vault_extension(string state, string code, string level, NodeReadinessState expected)
    {
        var result = NodeReadiness.Of(Node("n1", state), new[] { Extension(code, level, "message") });

        Assert.Equal(expected, result.Readiness);
    }

    [Theory]
    [InlineData("creating")]
    [InlineData("starting")]
    [InlineData("waitingforstarttask")]
    [InlineData("leavingpool")]
    public void A_node_on_its_way_is_pending_and_its_extensions_are_not_read(string state)
    {
        Assert.False(NodeReadiness.NeedsExtensions(Node("n1", state)));
        Assert.Equal(NodeReadinessState.Pending, NodeReadiness.Of(Node("n1", state), null).Readiness);
    }

    [Fact]
    public void An_idle_node_that_reports_no_key_vault_extension_yet_is_pending()
    {
        var other = Extension("ProvisioningState/succeeded", "Info", "ok", type: "CustomScript");

        Assert.Equal(NodeReadinessState.Pending, NodeReadiness.Of(Node("n1", "idle"), new[] { other }).Readiness);
    }

    [Fact]
    public void An_unusable_node_keeps_the_extension_message_and_the_node_errors()
    {
        var result = NodeReadiness.Of(
            Node("n1", "unusable", 0, ("VMExtensionProvisioningError", "extension failed")),
            new[] { Extension("ProvisioningState/failed", "Error", "Failed to parse the configuration settings with: 'not a string'") });

        Assert.Equal("failed", result.ExtensionStatus);
        Assert.Contains("not a string", result.Message);
        Assert.Contains("[VMExtensionProvisioningError] extension failed", result.Message);
    }
}
