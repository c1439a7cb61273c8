using System.Reflection;
using BatchRotation.Commands.Tests.Support;
using BatchRotation.Core.Azure;

namespace BatchRotation.Commands.Tests;

/// <summary>The sign-in cmdlets' interface as issue 6 fixes it, read from the built module's metadata.</summary>
public class ConnectionCmdletTests
{
    private static CmdletMetadata Cmdlet(string name) =>
        CmdletMetadata.ReadAll(MetadataContexts.CommandsAssembly).Single(c => c.Name == name);

    private static string Set(params string[] names) => string.Join(" ", names.Select(n => n.ToLowerInvariant()).OrderBy(n => n, StringComparer.Ordinal));

    [Fact]
    public void Connect_has_one_parameter_set_per_way_of_signing_in()
    {
        var connect = Cmdlet("Connect-BatchRotation");

        Assert.Equal("DefaultChain", connect.DefaultParameterSetName);
        var sets = connect.ParameterSets.ToDictionary(s => s.Key, s => Set(s.Value.ToArray()));
        Assert.Equal(Set("Environment", "TenantId", "SubscriptionId"), sets["DefaultChain"]);
        Assert.Equal(Set("Environment", "TenantId", "SubscriptionId", "Identity", "ManagedIdentityClientId"), sets["ManagedIdentity"]);
        Assert.Equal(Set("Environment", "TenantId", "SubscriptionId", "UseDeviceCode"), sets["DeviceCode"]);
        Assert.Equal(Set("EnvironmentFile", "SubscriptionId"), sets["EnvironmentFile"]);
        Assert.Equal(4, sets.Count);

        var mandatory = connect.Parameters.Where(p => p.Uses.Any(u => u.Mandatory)).Select(p => p.Name).OrderBy(n => n);
        Assert.Equal(new[] { "EnvironmentFile", "Identity", "UseDeviceCode" }, mandatory);
        Assert.False(connect.SupportsShouldProcess);
    }

    [Fact]
    public void Connects_Environment_completes_exactly_the_built_in_clouds()
    {
        var property = MetadataContexts.CommandsAssembly.GetType("BatchRotation.Commands.Cmdlets.ConnectBatchRotationCommand", throwOnError: true)!
            .GetProperty("Environment")!;
        var validateSet = Assert.Single(property.GetCustomAttributesData(), a => a.AttributeType.Name == "ValidateSetAttribute");
        var values = ((IEnumerable<CustomAttributeTypedArgument>)validateSet.ConstructorArguments[0].Value!).Select(v => (string)v.Value!);

        Assert.Equal(AzureCloud.KnownClouds.Select(c => c.Name), values);
    }

    [Fact]
    public void Get_and_Disconnect_take_no_input_and_Disconnect_never_prompts()
    {
        Assert.Empty(Cmdlet("Get-BatchRotationContext").Parameters);

        var disconnect = Cmdlet("Disconnect-BatchRotation");
        Assert.Equal(new[] { "PassThru" }, disconnect.Parameters.Select(p => p.Name));
        // Forgetting an in-memory sign-in changes nothing outside the runspace: no -WhatIf/-Confirm, no prompt in a runbook's finally block.
        Assert.False(disconnect.SupportsShouldProcess);
    }

    [Fact]
    public void All_three_write_the_context_info()
    {
        foreach (var name in new[] { "Connect-BatchRotation", "Get-BatchRotationContext", "Disconnect-BatchRotation" })
        {
            Assert.Equal(new[] { "BatchRotation.Core.Model.BatchRotationContextInfo" }, Cmdlet(name).OutputTypes);
        }
    }
}
