using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Core.Tests.Operations.Inspection.Support;

namespace BatchRotation.Core.Tests.Operations.Inspection;

public class NodeChecksTests
{
    private static PoolFactsBuilder WithNodes(params (System.Text.Json.Nodes.JsonObject Node, System.Text.Json.Nodes.JsonObject? Extension)[] nodes)
    {
        var builder = new PoolFactsBuilder();
        builder.Nodes.Clear();
        builder.Nodes.AddRange(nodes);
        return builder;
    }

    private static System.Text.Json.Nodes.JsonObject Succeeded() => PoolFactsBuilder.Extension("ProvisioningState/succeeded", "Info", "Enable succeeded");

    [Fact]
    public void Unusable_and_start_task_failed_nodes_fail_with_their_errors()
    {
        var report = WithNodes(
            (PoolFactsBuilder.Node("n1", "idle"), Succeeded()),
            (PoolFactsBuilder.Node("n2", "unusable", ("VMExtensionProvisioningError", "VM has reported a failure when processing extension 'KVExtension'")), PoolFactsBuilder.Extension("ProvisioningState/failed", "Error", "Failed to parse the configuration settings with: 'not a string'")),
            (PoolFactsBuilder.Node("n3", "starttaskfailed"), Succeeded())).Report();

        var check = report.Expect(PoolCheckIds.NodesUsable, CheckStatus.Failed, "2 of 3 nodes");
        Assert.Contains("n2 (unusable: VMExtensionProvisioningError: VM has reported a failure", check.Message);
        Assert.Contains("n3 (starttaskfailed)", check.Message);
        report.Expect(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Failed, "n2 (unusable): Failed to parse the configuration settings with: 'not a string'");
        Assert.Equal(2, report.Nodes!.Unusable);
        Assert.Equal("idle=1, starttaskfailed=1, unusable=1", report.Nodes.States);
    }

    [Fact]
    public void An_idle_node_whose_extension_failed_is_found()
    {
        var report = WithNodes(
            (PoolFactsBuilder.Node("n1", "idle"), PoolFactsBuilder.Extension("ProvisioningState/failed", "Error", "Secret download failed: 403 Forbidden"))).Report();

        report.Expect(PoolCheckIds.NodesUsable, CheckStatus.Passed);
        report.Expect(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Failed, "Secret download failed: 403 Forbidden");
        var node = Assert.Single(report.Nodes!.Nodes);
        Assert.Equal(NodeStatus.ExtensionFailed, node.ExtensionState);
        Assert.Equal("Secret download failed: 403 Forbidden", node.ExtensionMessage);
    }

    [Fact]
    public void An_error_substatus_counts_as_a_failure()
    {
        var extension = Succeeded();
        extension["instanceView"]!["subStatuses"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["code"] = "ComponentStatus/failed", ["level"] = "Error", ["message"] = "certificate download failed" });

        WithNodes((PoolFactsBuilder.Node("n1", "idle"), extension)).Report()
            .Expect(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Failed, "certificate download failed");
    }

    [Fact]
    public void A_status_code_with_a_number_appended_is_still_recognised()
    {
        WithNodes((PoolFactsBuilder.Node("n1", "idle"), PoolFactsBuilder.Extension("ProvisioningState/succeeded/0", "Info", "Enable succeeded"))).Report()
            .Expect(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Passed);
    }

    [Fact]
    public void A_transitioning_extension_is_a_warning_to_run_again()
    {
        var report = WithNodes(
            (PoolFactsBuilder.Node("n1", "idle"), Succeeded()),
            (PoolFactsBuilder.Node("n2", "starting"), PoolFactsBuilder.Extension("ProvisioningState/transitioning", "Warning", "Initial sync attempt 1 of 26 failed, retrying"))).Report();

        var check = report.Expect(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Warning, "still provisioning on 1 of 2");
        Assert.Contains("again", check.Remedy);
        Assert.Equal(1, report.Nodes!.ExtensionPending);
    }

    [Fact]
    public void A_node_still_starting_without_extension_is_pending_but_an_idle_one_is_missing_it()
    {
        var builder = WithNodes((PoolFactsBuilder.Node("n1", "starting"), null), (PoolFactsBuilder.Node("n2", "idle"), null));
        builder.NodeExtensionLookups["n1"] = Lookup<NodeExtension>.NotFound("404 NodeExtensionNotFound");
        builder.NodeExtensionLookups["n2"] = Lookup<NodeExtension>.NotFound("404 NodeExtensionNotFound");

        var report = builder.Report();

        report.Expect(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Failed, "n2 (idle): The node has no extension named 'KVExtension'");
        Assert.Equal(NodeStatus.ExtensionTransitioning, report.Nodes!.Nodes.Single(n => n.NodeId == "n1").ExtensionState);
    }

    [Fact]
    public void Node_extensions_that_cannot_be_read_are_skipped_not_passed()
    {
        var builder = WithNodes((PoolFactsBuilder.Node("n1", "idle"), null));
        builder.NodeExtensionLookups["n1"] = Lookup<NodeExtension>.Denied("The Batch service answered 403");

        builder.Report().Expect(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Skipped, "could not be read");
    }

    [Fact]
    public void Nodes_that_cannot_be_listed_skip_both_node_checks()
    {
        var builder = new PoolFactsBuilder { NodesLookup = Lookup<IReadOnlyList<NodeFact>>.Denied("The Batch service answered 403 (Forbidden)") };

        var report = builder.Report();

        report.Expect(PoolCheckIds.NodesUsable, CheckStatus.Skipped, "Forbidden");
        report.Expect(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Skipped, "Forbidden");
        Assert.False(report.IsCompliant);
    }

    [Fact]
    public void A_pool_without_nodes_has_nothing_to_prove_on_nodes()
    {
        var report = WithNodes().Report();

        report.Expect(PoolCheckIds.NodesUsable, CheckStatus.Passed, "no nodes");
        report.Expect(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Passed, "no nodes");
        Assert.Equal(0, report.Nodes!.Total);
    }

    [Fact]
    public void With_node_scope_none_there_are_no_node_checks()
    {
        var report = new PoolFactsBuilder { NodeScope = NodeScope.None }.Report();

        Assert.DoesNotContain(report.Checks, c => c.Category == "Nodes");
        Assert.Null(report.Nodes);
        Assert.True(report.IsCompliant);
    }

    [Fact]
    public void With_node_scope_unhealthy_idle_nodes_are_not_inspected_and_the_message_says_so()
    {
        var builder = WithNodes((PoolFactsBuilder.Node("n1", "idle"), null), (PoolFactsBuilder.Node("n2", "idle"), null));
        builder.NodeScope = NodeScope.Unhealthy;

        var report = builder.Report();

        report.Expect(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Passed, "2 idle or running node(s) were not inspected (-Node Unhealthy)");
        Assert.Equal(0, report.Nodes!.Inspected);
        Assert.Empty(report.Nodes.Nodes);
    }

    [Fact]
    public void Messages_name_at_most_ten_nodes_and_count_the_rest()
    {
        var nodes = Enumerable.Range(1, 13)
            .Select(i => (PoolFactsBuilder.Node($"n{i}", "unusable"), (System.Text.Json.Nodes.JsonObject?)PoolFactsBuilder.Extension("ProvisioningState/failed", "Error", "boom")))
            .ToArray();

        var report = WithNodes(nodes).Report();

        var check = report.Expect(PoolCheckIds.NodesUsable, CheckStatus.Failed, "and 3 more");
        Assert.DoesNotContain("n11 ", check.Message);
        Assert.Equal(13, report.Nodes!.Nodes.Length);
    }
}
