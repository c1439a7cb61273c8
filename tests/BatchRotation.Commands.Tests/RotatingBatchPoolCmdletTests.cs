using BatchRotation.Commands.Tests.Support;

namespace BatchRotation.Commands.Tests;

/// <summary>New-RotatingBatchPool's and Get-RotatingBatchPool's interface as issue 4 fixes it, read from the built module's metadata.</summary>
public class RotatingBatchPoolCmdletTests
{
    private static CmdletMetadata Cmdlet(string name) =>
        CmdletMetadata.ReadAll(MetadataContexts.CommandsAssembly).Single(c => c.Name == name);

    private static string Set(params string[] names) => string.Join(" ", names.Select(n => n.ToLowerInvariant()).OrderBy(n => n, StringComparer.Ordinal));

    private static readonly string[] NewOptions =
    [
        "Name", "IdentityResourceId", "CertificateUrl", "VmSize", "TargetDedicatedNodes", "TargetLowPriorityNodes", "ExtensionVersion",
        "PollingInterval", "RequireInitialSync", "CertificateStoreLocation", "CertificateStoreName", "KeyExportable", "CertificateAccount",
        "LinkOnRenewal", "SubnetId", "SkipAccessCheck", "Wait", "Timeout", "Force", "AsTemplate",
    ];

    [Fact]
    public void New_takes_the_account_by_names_or_id_and_the_image_by_alias_or_reference()
    {
        var cmdlet = Cmdlet("New-RotatingBatchPool");

        Assert.True(cmdlet.SupportsShouldProcess);
        Assert.Equal("ByName", cmdlet.DefaultParameterSetName);
        var sets = cmdlet.ParameterSets.ToDictionary(s => s.Key, s => Set(s.Value.ToArray()));
        Assert.Equal(4, sets.Count);
        Assert.Equal(Set(["ResourceGroupName", "AccountName", "Image", .. NewOptions]), sets["ByName"]);
        Assert.Equal(Set(["ResourceGroupName", "AccountName", "ImageReference", "NodeAgentSkuId", .. NewOptions]), sets["ByNameWithImageReference"]);
        Assert.Equal(Set(["AccountResourceId", "Image", .. NewOptions]), sets["ByAccountId"]);
        Assert.Equal(Set(["AccountResourceId", "ImageReference", "NodeAgentSkuId", .. NewOptions]), sets["ByAccountIdWithImageReference"]);
        Assert.All(cmdlet.Parameters.Single(p => p.Name == "ImageReference").Uses, u => Assert.True(u.Mandatory));
    }

    [Fact]
    public void New_binds_the_identity_and_the_certificates_by_property_name_as_Grant_PoolVaultAccess_writes_them()
    {
        var parameters = Cmdlet("New-RotatingBatchPool").Parameters.ToDictionary(p => p.Name);

        Assert.True(Assert.Single(parameters["IdentityResourceId"].Uses) is { Mandatory: true, FromPipelineByName: true });
        Assert.True(Assert.Single(parameters["CertificateUrl"].Uses) is { Mandatory: true, FromPipelineByName: true });
        Assert.Equal(typeof(string[]).FullName, parameters["CertificateUrl"].Type.FullName);
        Assert.DoesNotContain(parameters.Values, p => p.Name is not "IdentityResourceId" and not "CertificateUrl" && p.Uses.Any(u => u.FromPipeline || u.FromPipelineByName));

        var grant = Cmdlet("Grant-PoolVaultAccess").OutputTypeObjects.Single();
        Assert.Equal(typeof(string).FullName, grant.GetProperty("IdentityResourceId")!.PropertyType.FullName);
        Assert.Equal(typeof(string[]).FullName, grant.GetProperty("CertificateUrl")!.PropertyType.FullName);
    }

    [Fact]
    public void New_has_typed_options_and_writes_a_pool_or_the_template_string()
    {
        var cmdlet = Cmdlet("New-RotatingBatchPool");
        var types = cmdlet.Parameters.ToDictionary(p => p.Name, p => p.Type.FullName);

        Assert.Equal(typeof(TimeSpan).FullName, types["PollingInterval"]);
        Assert.Equal(typeof(TimeSpan).FullName, types["Timeout"]);
        Assert.Equal(typeof(bool).FullName, types["RequireInitialSync"]);
        Assert.Equal(typeof(int).FullName, types["TargetDedicatedNodes"]);
        foreach (var name in new[] { "KeyExportable", "LinkOnRenewal", "SkipAccessCheck", "Wait", "Force", "AsTemplate" })
        {
            Assert.Equal("System.Management.Automation.SwitchParameter", types[name]);
        }

        Assert.Equal(new[] { "BatchRotation.Core.Model.RotatingBatchPool", "System.String" }, cmdlet.OutputTypes.OrderBy(t => t, StringComparer.Ordinal));
    }

    [Fact]
    public void Get_reads_by_account_by_pool_id_from_the_pipeline_or_by_subscription()
    {
        var cmdlet = Cmdlet("Get-RotatingBatchPool");

        Assert.False(cmdlet.SupportsShouldProcess);
        Assert.Equal("BySubscription", cmdlet.DefaultParameterSetName);
        var sets = cmdlet.ParameterSets.ToDictionary(s => s.Key, s => Set(s.Value.ToArray()));
        Assert.Equal(Set("ResourceGroupName", "AccountName", "Name"), sets["ByName"]);
        Assert.Equal(Set("AccountResourceId", "Name"), sets["ByAccountId"]);
        Assert.Equal(Set("PoolResourceId"), sets["ByPoolId"]);
        Assert.Equal(Set("SubscriptionId"), sets["BySubscription"]);

        var parameters = cmdlet.Parameters.ToDictionary(p => p.Name);
        Assert.True(Assert.Single(parameters["PoolResourceId"].Uses) is { Mandatory: true, FromPipelineByName: true });
        Assert.Equal(typeof(string[]).FullName, parameters["Name"].Type.FullName);
        Assert.Contains(parameters["Name"].Uses, u => u is { SetName: "ByName", Position: 2, Mandatory: false });
        Assert.Equal(new[] { "BatchRotation.Core.Model.RotatingBatchPool" }, cmdlet.OutputTypes);
        Assert.NotNull(cmdlet.OutputTypeObjects.Single().GetProperty("PoolResourceId"));
    }
}
