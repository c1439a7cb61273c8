using BatchRotation.Commands.Tests.Support;

namespace BatchRotation.Commands.Tests;

/// <summary>Test-PoolCertificate's interface as issue 5 fixes it, read from the built module's metadata.</summary>
public class TestPoolCertificateCmdletTests
{
    private static CmdletMetadata TestCmdlet() =>
        CmdletMetadata.ReadAll(MetadataContexts.CommandsAssembly).Single(c => c.Name == "Test-PoolCertificate");

    private static string Set(params string[] names) => string.Join(" ", names.Select(n => n.ToLowerInvariant()).OrderBy(n => n, StringComparer.Ordinal));

    [Fact]
    public void Takes_an_account_and_name_subscriptions_or_pool_objects_by_value_with_shared_options()
    {
        var cmdlet = TestCmdlet();

        Assert.Equal("ByName", cmdlet.DefaultParameterSetName);
        Assert.False(cmdlet.SupportsShouldProcess); // it only reads
        var sets = cmdlet.ParameterSets.ToDictionary(s => s.Key, s => Set(s.Value.ToArray()));
        var options = new[] { "Node", "ExpiryWarning", "ThrottleLimit", "Quiet" };
        Assert.Equal(Set(["ResourceGroupName", "AccountName", "Name", .. options]), sets["ByName"]);
        Assert.Equal(Set(["SubscriptionId", .. options]), sets["BySubscription"]);
        Assert.Equal(Set(["InputObject", .. options]), sets["ByInputObject"]);
        Assert.Equal(3, sets.Count);

        var input = cmdlet.Parameters.Single(p => p.Name == "InputObject");
        Assert.True(Assert.Single(input.Uses) is { Mandatory: true, FromPipeline: true, SetName: "ByInputObject" });
        Assert.Equal("BatchRotation.Core.Model.RotatingBatchPool[]", input.Type.FullName);
        Assert.Equal(typeof(string[]).FullName, cmdlet.Parameters.Single(p => p.Name == "SubscriptionId").Type.FullName);
        Assert.True(Assert.Single(cmdlet.Parameters.Single(p => p.Name == "ResourceGroupName").Uses) is { Mandatory: true, Position: 0 });
        Assert.True(Assert.Single(cmdlet.Parameters.Single(p => p.Name == "AccountName").Uses) is { Mandatory: true, Position: 1 });
        Assert.True(Assert.Single(cmdlet.Parameters.Single(p => p.Name == "Name").Uses) is { Mandatory: false, Position: 2 });
    }

    [Fact]
    public void Node_is_an_enum_expiry_a_timespan_and_quiet_a_switch()
    {
        var parameters = TestCmdlet().Parameters.ToDictionary(p => p.Name, p => p.Type);

        Assert.True(parameters["Node"].IsEnum);
        Assert.Equal(new[] { "All", "Unhealthy", "None" }, parameters["Node"].GetEnumNames());
        Assert.Equal(typeof(TimeSpan).FullName, parameters["ExpiryWarning"].FullName);
        Assert.Equal(typeof(int).FullName, parameters["ThrottleLimit"].FullName);
        Assert.Equal("System.Management.Automation.SwitchParameter", parameters["Quiet"].FullName);
    }

    [Fact]
    public void Writes_reports_of_plain_types_or_one_boolean()
    {
        var outputs = TestCmdlet().OutputTypeObjects.Select(t => t.FullName).OrderBy(n => n).ToArray();
        Assert.Equal(new[] { "BatchRotation.Core.Operations.Inspection.PoolCertificateReport", "System.Boolean" }, outputs);

        var report = TestCmdlet().OutputTypeObjects.Single(t => t.Name == "PoolCertificateReport");
        var properties = report.GetProperties().ToDictionary(p => p.Name, p => p.PropertyType.FullName);
        Assert.Equal(typeof(bool).FullName, properties["IsCompliant"]);
        Assert.Equal("BatchRotation.Core.Operations.Inspection.PoolCheck[]", properties["Checks"]);
        Assert.Equal("BatchRotation.Core.Operations.Inspection.CertificateStatus[]", properties["Certificates"]);
        Assert.Equal("BatchRotation.Core.Operations.Inspection.PoolNodeRollup", properties["Nodes"]);
        Assert.Equal(typeof(string).FullName, properties["PoolResourceId"]);
        var check = report.Assembly.GetType("BatchRotation.Core.Operations.Inspection.PoolCheck")!;
        Assert.Equal(
            new[] { "Category", "Id", "Message", "Pool", "Remedy", "Status", "Target" },
            check.GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Every_type_a_report_carries_has_a_view()
    {
        var views = FormatFile.ViewTypeNames(Path.Combine(RepoPaths.ModuleBase, "BatchRotation.format.ps1xml"));
        foreach (var type in new[] { "PoolCertificateReport", "PoolCheck", "CertificateStatus", "PoolNodeRollup", "NodeStatus" })
        {
            Assert.Contains("BatchRotation.Core.Operations.Inspection." + type, views);
        }
    }
}
