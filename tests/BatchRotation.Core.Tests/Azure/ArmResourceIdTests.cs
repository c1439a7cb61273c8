using BatchRotation.Core.Azure;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Tests.Azure;

public class ArmResourceIdTests
{
    [Fact]
    public void ParsesANestedResource()
    {
        var id = ArmResourceId.Parse("/subscriptions/s1/resourceGroups/g1/providers/Microsoft.Batch/batchAccounts/a1/pools/p1/");
        Assert.Equal("/subscriptions/s1/resourceGroups/g1/providers/Microsoft.Batch/batchAccounts/a1/pools/p1", id.Id);
        Assert.Equal("s1", id.SubscriptionId);
        Assert.Equal("g1", id.ResourceGroup);
        Assert.Equal("Microsoft.Batch", id.Provider);
        Assert.Equal("Microsoft.Batch/batchAccounts/pools", id.ResourceType);
        Assert.Equal("p1", id.Name);
        Assert.Equal(new[] { "a1", "p1" }, id.Names);
        Assert.Equal("/subscriptions/s1/resourceGroups/g1/providers/Microsoft.Batch/batchAccounts/a1", id.ParentResourceId);
    }

    [Fact]
    public void ParsesSubscriptionAndGroupScopes()
    {
        var sub = ArmResourceId.Parse("/subscriptions/s1");
        Assert.Null(sub.ResourceGroup);
        Assert.Null(sub.ResourceType);
        var group = ArmResourceId.Parse("/subscriptions/s1/resourcegroups/g1");
        Assert.Equal("g1", group.ResourceGroup);
        Assert.Null(group.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("subscriptions/s1")]
    [InlineData("/tenants/t")]
    [InlineData("/subscriptions/s1/resourceGroups")]
    [InlineData("/subscriptions/s1/resourceGroups/g1/providers/Microsoft.Batch/batchAccounts")]
    [InlineData("/subscriptions/s1/resourceGroups/g1/providers/Microsoft.Batch/batchAccounts/a1/pools")]
    [InlineData("/subscriptions/s1/resourceGroups/g1/providers/Microsoft.Batch/batchAccounts/a1?api-version=1")]
    [InlineData("/subscriptions/s1/resourceGroups/../providers/Microsoft.Batch/batchAccounts/a1")]
    public void RefusesWhatIsNotAResourceId(string text)
    {
        Assert.False(ArmResourceId.TryParse(text, out _));
        var ex = Assert.Throws<BatchRotationException>(() => ArmResourceId.Parse(text));
        Assert.Equal(AzureErrorIds.InvalidResourceId, ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
    }

    [Fact]
    public void RequireChecksTheTypeIgnoringCase()
    {
        Assert.Equal("a1", ArmResourceId.Require("/subscriptions/s/resourceGroups/g/providers/microsoft.batch/BATCHACCOUNTS/a1", "Microsoft.Batch/batchAccounts").Name);
        var ex = Assert.Throws<BatchRotationException>(() => ArmResourceId.Require("/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/v", "Microsoft.Batch/batchAccounts"));
        Assert.Contains("Microsoft.KeyVault/vaults", ex.Message);
    }

    [Fact]
    public void BuildsTheIdsTheModuleUses()
    {
        Assert.Equal("/subscriptions/s/resourceGroups/g/providers/Microsoft.Batch/batchAccounts/a/pools/p", ArmResourceId.ForPool("s", "g", "a", "p"));
        Assert.Equal("/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/v", ArmResourceId.ForVault("s", "g", "v"));
        Assert.Equal("/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u", ArmResourceId.ForUserAssignedIdentity("s", "g", "u"));
        Assert.Equal("/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
            ArmResourceId.ForRoleDefinition("s", "4633458b-17de-408a-b874-0445c86b69e6"));
        Assert.Throws<BatchRotationException>(() => ArmResourceId.ForPool("s", "g", "a", "p/../x"));
    }
}
