using BatchRotation.Commands.Tests.Support;

namespace BatchRotation.Commands.Tests;

/// <summary>Grant-PoolVaultAccess's interface as issue 3 fixes it, read from the built module's metadata.</summary>
public class GrantCmdletTests
{
    private static CmdletMetadata Grant() =>
        CmdletMetadata.ReadAll(MetadataContexts.CommandsAssembly).Single(c => c.Name == "Grant-PoolVaultAccess");

    private static string Set(params string[] names) => string.Join(" ", names.Select(n => n.ToLowerInvariant()).OrderBy(n => n, StringComparer.Ordinal));

    [Fact]
    public void Takes_an_identity_and_urls_by_property_name_or_a_pool_by_value()
    {
        var grant = Grant();

        // ByPool: PowerShell binds pipeline input to the default set first, and a pool also has the by-name properties.
        Assert.Equal("ByPool", grant.DefaultParameterSetName);
        var sets = grant.ParameterSets.ToDictionary(s => s.Key, s => Set(s.Value.ToArray()));
        Assert.Equal(Set("IdentityResourceId", "CertificateUrl", "AccessModel", "RbacScope"), sets["ByIdentity"]);
        Assert.Equal(Set("InputObject", "AccessModel", "RbacScope"), sets["ByPool"]);
        Assert.Equal(2, sets.Count);

        var identity = Assert.Single(grant.Parameters.Single(p => p.Name == "IdentityResourceId").Uses);
        var urls = Assert.Single(grant.Parameters.Single(p => p.Name == "CertificateUrl").Uses);
        Assert.True(identity is { Mandatory: true, FromPipelineByName: true, Position: 0 });
        Assert.True(urls is { Mandatory: true, FromPipelineByName: true, Position: 1 });
        Assert.Equal(typeof(string[]).FullName, grant.Parameters.Single(p => p.Name == "CertificateUrl").Type.FullName);

        var input = grant.Parameters.Single(p => p.Name == "InputObject");
        Assert.True(Assert.Single(input.Uses) is { Mandatory: true, FromPipeline: true, SetName: "ByPool" });
        Assert.Equal("BatchRotation.Core.Model.RotatingBatchPool", input.Type.FullName);
    }

    [Fact]
    public void Confirms_changes_at_medium_impact_and_takes_the_access_model_and_scope_as_enums()
    {
        var grant = Grant();
        Assert.True(grant.SupportsShouldProcess);
        var cmdlet = grant.Type.GetCustomAttributesData().Single(a => a.AttributeType.Name == "CmdletAttribute");
        var impact = cmdlet.NamedArguments.Single(a => a.MemberName == "ConfirmImpact");
        Assert.Equal(2, Convert.ToInt32(impact.TypedValue.Value)); // ConfirmImpact.Medium

        var model = grant.Parameters.Single(p => p.Name == "AccessModel").Type;
        var scope = grant.Parameters.Single(p => p.Name == "RbacScope").Type;
        Assert.True(model.IsEnum);
        Assert.Equal(new[] { "Auto", "AccessPolicy", "Rbac" }, model.GetEnumNames());
        Assert.Equal(new[] { "Vault", "Secret" }, scope.GetEnumNames());
    }

    [Fact]
    public void Writes_an_object_whose_property_names_bind_to_pool_creation()
    {
        var output = Assert.Single(Grant().OutputTypeObjects);
        Assert.Equal("BatchRotation.Core.Operations.Grants.PoolVaultAccess", output.FullName);
        var properties = output.GetProperties().ToDictionary(p => p.Name, p => p.PropertyType.FullName);
        Assert.Equal(typeof(string).FullName, properties["IdentityResourceId"]);
        Assert.Equal(typeof(string).FullName, properties["IdentityClientId"]);
        Assert.Equal(typeof(string).FullName, properties["IdentityPrincipalId"]);
        Assert.Equal(typeof(string[]).FullName, properties["CertificateUrl"]);
        Assert.Equal("BatchRotation.Core.Operations.Grants.VaultAccessGrant[]", properties["Grants"]);
    }
}
