using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;

namespace BatchRotation.Core.Tests.Rules;

public class ResourceIdTests
{
    private const string Sub = "/subscriptions/00000000-0000-0000-0000-000000000001";
    private const string Rg = Sub + "/resourceGroups/rg1";
    private const string Vault = Rg + "/providers/Microsoft.KeyVault/vaults/kv1";

    // input, kind, subscription, resource group, management group, provider namespace, resource type, name
    public static TheoryData<string, ResourceScopeKind, string?, string?, string?, string?, string?, string?> Shapes => new()
    {
        { "/", ResourceScopeKind.Tenant, null, null, null, null, null, null },
        { "/providers/Microsoft.Management/managementGroups/mg1", ResourceScopeKind.ManagementGroup, null, null, "mg1", null, null, "mg1" },
        { Sub, ResourceScopeKind.Subscription, "00000000-0000-0000-0000-000000000001", null, null, null, null, "00000000-0000-0000-0000-000000000001" },
        { Rg + "/", ResourceScopeKind.ResourceGroup, "00000000-0000-0000-0000-000000000001", "rg1", null, null, null, "rg1" },
        { Vault, ResourceScopeKind.Resource, "00000000-0000-0000-0000-000000000001", "rg1", null, "Microsoft.KeyVault", "Microsoft.KeyVault/vaults", "kv1" },
        { Vault + "/secrets/cert1", ResourceScopeKind.Resource, "00000000-0000-0000-0000-000000000001", "rg1", null, "Microsoft.KeyVault", "Microsoft.KeyVault/vaults/secrets", "cert1" },
        { Rg + "/providers/Microsoft.Batch/batchAccounts/acct/pools/p1", ResourceScopeKind.Resource, "00000000-0000-0000-0000-000000000001", "rg1", null, "Microsoft.Batch", "Microsoft.Batch/batchAccounts/pools", "p1" },
        { "/SUBSCRIPTIONS/s/RESOURCEGROUPS/Rg/PROVIDERS/microsoft.managedidentity/USERASSIGNEDIDENTITIES/Id1", ResourceScopeKind.Resource, "s", "Rg", null, "microsoft.managedidentity", "microsoft.managedidentity/USERASSIGNEDIDENTITIES", "Id1" },
        { Sub + "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6", ResourceScopeKind.Resource, "00000000-0000-0000-0000-000000000001", null, null, "Microsoft.Authorization", "Microsoft.Authorization/roleDefinitions", "4633458b-17de-408a-b874-0445c86b69e6" },
        { "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6", ResourceScopeKind.Resource, null, null, null, "Microsoft.Authorization", "Microsoft.Authorization/roleDefinitions", "4633458b-17de-408a-b874-0445c86b69e6" },
        { Vault + "/providers/Microsoft.Authorization/roleAssignments/05c5a614-a7d6-4502-b150-c2fb455033ff", ResourceScopeKind.Resource, "00000000-0000-0000-0000-000000000001", "rg1", null, "Microsoft.Authorization", "Microsoft.Authorization/roleAssignments", "05c5a614-a7d6-4502-b150-c2fb455033ff" },
        { "/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/roleAssignments/a", ResourceScopeKind.Resource, null, null, "mg1", "Microsoft.Authorization", "Microsoft.Authorization/roleAssignments", "a" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Parses_every_scope_and_resource_shape(string input, ResourceScopeKind kind, string? subscription, string? resourceGroup, string? managementGroup, string? providerNamespace, string? resourceType, string? name)
    {
        var id = ResourceId.Parse(input);

        Assert.Equal(kind, id.Kind);
        Assert.Equal(subscription, id.SubscriptionId);
        Assert.Equal(resourceGroup, id.ResourceGroupName);
        Assert.Equal(managementGroup, id.ManagementGroupName);
        Assert.Equal(providerNamespace, id.ProviderNamespace);
        Assert.Equal(resourceType, id.ResourceType);
        Assert.Equal(name, id.Name);
        Assert.Equal(input == "/" ? "/" : input.TrimEnd('/'), id.Value);
    }

    [Fact]
    public void Child_resources_keep_their_type_name_pairs_in_order()
    {
        var id = ResourceId.Parse(Rg + "/providers/Microsoft.Batch/batchAccounts/acct/pools/p1");
        Assert.Equal(new[] { new ResourceTypeAndName("batchAccounts", "acct"), new ResourceTypeAndName("pools", "p1") }, id.ResourceTypes);
    }

    [Theory]
    [InlineData(null, "it is empty")]
    [InlineData("", "it is empty")]
    [InlineData("subscriptions/s", "it must start with '/'")]
    [InlineData("/subscriptions", "'subscriptions' is not followed by a subscription id")]
    [InlineData("/subscriptions/s/resourceGroups", "'resourceGroups' is not followed by a resource group name")]
    [InlineData("/subscriptions/s/resourceGroups/rg/vaults/v", "'vaults' appears where 'providers' was expected")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers", "'providers' is not followed by a provider namespace such as Microsoft.Batch")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/KeyVault/vaults/v", "'providers' is not followed by a provider namespace such as Microsoft.Batch")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault", "the provider 'Microsoft.KeyVault' is not followed by a resource type and name")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults", "the resource type 'vaults' has no name after it")]
    [InlineData("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v/secrets", "the resource type 'secrets' has no name after it")]
    [InlineData("/subscriptions/s//resourceGroups/rg", "it contains an empty segment ('//')")]
    [InlineData("/subscriptions/s/resourceGroups/my rg", "it contains white space, '?', '#' or '\\'")]
    [InlineData("/subscriptions/s?api-version=1", "it contains white space, '?', '#' or '\\'")]
    [InlineData("/resourceGroups/rg", "it must start with /subscriptions/, /providers/ or be '/', not '/resourceGroups'")]
    [InlineData("/providers/Microsoft.Management/managementGroups", "'managementGroups' is not followed by a management group name")]
    public void Malformed_ids_are_refused_with_the_reason(string? input, string reason)
    {
        var error = Expect.Error(RuleErrorIds.InvalidResourceId, () => ResourceId.Parse(input));
        Assert.Equal($"'{input}' is not an Azure resource id: {reason}.", error.Message);
        Assert.Equal("Copy the id from the portal (the resource's JSON View) or from 'az resource show --query id'.", error.Remedy);
        Assert.False(ResourceId.TryParse(input, out _, out var problem));
        Assert.Equal(reason, problem);
    }

    [Fact]
    public void A_typed_parse_names_the_expected_type_and_shape()
    {
        var error = Expect.Error(RuleErrorIds.InvalidResourceId, () => ResourceId.ParseOfType(Vault, "Microsoft.Batch/batchAccounts", "/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Batch/batchAccounts/{a}"));
        Assert.Equal($"'{Vault}' is not a Microsoft.Batch/batchAccounts resource id: it is a Microsoft.KeyVault/vaults resource. Expected /subscriptions/{{s}}/resourceGroups/{{rg}}/providers/Microsoft.Batch/batchAccounts/{{a}}.", error.Message);
    }

    [Theory]
    [InlineData(Rg, "it is a resource group scope, not a resource")]
    [InlineData("/", "it is a tenant root scope, not a resource")]
    [InlineData("/subscriptions/s/providers/Microsoft.KeyVault/vaults/v", "it names no resource group")]
    [InlineData(Vault + "/providers/Microsoft.KeyVault/vaults/v2", "it is an extension resource of another resource")]
    public void A_typed_parse_refuses_other_scopes(string input, string reason)
    {
        var error = Expect.Error(RuleErrorIds.InvalidResourceId, () => ResourceId.ParseOfType(input, AzureResourceTypes.KeyVault, KeyVaultId.Shape));
        Assert.Equal($"'{input}' is not a Microsoft.KeyVault/vaults resource id: {reason}. Expected {KeyVaultId.Shape}.", error.Message);
    }

    [Fact]
    public void Equality_ignores_case_and_a_trailing_slash()
    {
        var a = ResourceId.Parse(Vault);
        var b = ResourceId.Parse(Vault.ToUpperInvariant() + "/");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ResourceId.Parse(Vault + "2"));
    }

    [Theory]
    [InlineData("/", Vault, true)]
    [InlineData(Sub, Vault, true)]
    [InlineData(Rg, Vault, true)]
    [InlineData(Vault, Vault, true)]
    [InlineData(Vault, Vault + "/secrets/c1", true)]
    [InlineData("/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000001/resourcegroups/RG1", Vault + "/secrets/c1", true)]
    [InlineData(Vault + "/secrets/c1", Vault, false)]
    [InlineData(Vault + "/secrets/c1", Vault + "/secrets/c2", false)]
    [InlineData(Vault + "/secrets/c1", Vault + "/secrets/c10", false)]
    [InlineData(Rg + "2", Vault, false)]
    [InlineData(Rg + "/providers/Microsoft.KeyVault/vaults/kv", Vault, false)]
    [InlineData("/subscriptions/other", Vault, false)]
    public void IsEqualOrParentOf_compares_whole_segments(string scope, string target, bool expected)
    {
        Assert.Equal(expected, ResourceId.Parse(scope).IsEqualOrParentOf(ResourceId.Parse(target)));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(new[] { "mg1" }, true)]
    [InlineData(new[] { "MG1", "root" }, true)]
    [InlineData(new[] { "mg2" }, false)]
    [InlineData(new string[0], false)]
    public void A_management_group_scope_applies_when_it_is_an_ancestor_or_unknown(string[]? ancestors, bool expected)
    {
        var mg = ResourceId.Parse("/providers/Microsoft.Management/managementGroups/mg1");
        Assert.Equal(expected, mg.AppliesTo(ResourceId.Parse(Vault), ancestors));
    }

    [Fact]
    public void Path_scopes_apply_by_containment_whatever_the_ancestors()
    {
        var vault = ResourceId.Parse(Vault);
        Assert.True(ResourceId.Parse(Sub).AppliesTo(vault, Array.Empty<string>()));
        Assert.False(ResourceId.Parse("/subscriptions/x").AppliesTo(vault, null));
        Assert.True(ResourceId.Root.AppliesTo(vault, Array.Empty<string>()));
    }

    [Fact]
    public void Child_builds_a_child_resource_id()
    {
        var secret = ResourceId.Parse(Vault).Child("secrets", "cert1");
        Assert.Equal(Vault + "/secrets/cert1", secret.Value);
        Assert.True(secret.IsOfType(AzureResourceTypes.KeyVaultSecret));
        Assert.Throws<InvalidOperationException>(() => ResourceId.Parse(Rg).Child("x", "y"));
    }
}
