using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Operations;
using BatchRotation.Core.Operations.Grants;

namespace BatchRotation.Core.Tests.Operations.Grants;

public class VaultLookupTests
{
    [Fact]
    public async Task Searches_the_identitys_subscription_first_and_lists_each_subscription_once()
    {
        var azure = new FakeAzure();
        azure.AddVault("kv1");
        azure.AddVault("kv2");

        await azure.Granter(defaultSubscription: FakeAzure.Sub).GrantAsync(
            new GrantRequest(FakeAzure.IdentityId, new[] { FakeAzure.Url("kv1"), FakeAzure.Url("kv2") }), new TestSink(), CancellationToken.None);

        Assert.Equal(new[] { FakeAzure.Sub }, azure.Vaults.Lists.ToArray());
        Assert.Equal(0, azure.Subscriptions.Lists);
        Assert.Equal(2, azure.Vaults.Gets.Count);
    }

    [Fact]
    public async Task Finds_a_vault_in_the_contexts_subscription_and_then_in_any_visible_one()
    {
        var azure = new FakeAzure();
        const string third = "0f0f0f0f-0000-4000-8000-000000000003";
        azure.AddVault("kv1", subscription: FakeAzure.OtherSub);
        azure.AddVault("kv3", subscription: third);
        azure.Subscriptions.Visible.Add(new AzureSubscription { SubscriptionId = FakeAzure.Sub });
        azure.Subscriptions.Visible.Add(new AzureSubscription { SubscriptionId = FakeAzure.OtherSub });
        azure.Subscriptions.Visible.Add(new AzureSubscription { SubscriptionId = "0e0e0e0e-0000-4000-8000-000000000004", State = "Disabled" });
        azure.Subscriptions.Visible.Add(new AzureSubscription { SubscriptionId = third });

        var result = await azure.Granter(defaultSubscription: FakeAzure.OtherSub).GrantAsync(
            new GrantRequest(FakeAzure.IdentityId, new[] { FakeAzure.Url("kv1"), FakeAzure.Url("kv3") }), new TestSink(), CancellationToken.None);

        Assert.Equal(new[] { FakeAzure.Sub, FakeAzure.OtherSub, third }, azure.Vaults.Lists.ToArray());
        Assert.Equal(1, azure.Subscriptions.Lists);
        Assert.All(result!.Grants, g => Assert.Equal(VaultGrantStatus.Granted, g.Status));
        Assert.Equal(FakeAzure.VaultId("kv3", third), result.Grants[1].VaultResourceId);
    }

    [Fact]
    public async Task The_vault_uri_is_compared_as_an_opaque_base()
    {
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1");
        azure.Vaults.SetPolicies(vault.Id);
        var emulated = new KeyVaultResource
        {
            Id = FakeAzure.VaultId("emu"),
            Name = "emu",
            TenantId = FakeAzure.Tenant,
            VaultUri = new Uri("https://127.0.0.1:47443/keyvault/emu"),
        };
        azure.Vaults.Add(FakeAzure.Sub, emulated);
        azure.Certificates.Add(new Uri("https://127.0.0.1:47443/keyvault/emu/"), "cert1");

        var result = await azure.Granter().GrantAsync(
            new GrantRequest(FakeAzure.IdentityId, new[] { "https://127.0.0.1:47443/keyvault/EMU/secrets/cert1" }), new TestSink(), CancellationToken.None);

        var grant = Assert.Single(result!.Grants);
        Assert.Equal("emu", grant.VaultName);
        Assert.Equal(VaultGrantStatus.Granted, grant.Status);
    }

    [Theory]
    [InlineData("https://kv1.vault.azure.net", "https://KV1.vault.azure.net/", true)]
    [InlineData("https://kv1.vault.azure.net:443/", "https://kv1.vault.azure.net/", true)]
    [InlineData("https://127.0.0.1:1/keyvault/a/", "https://127.0.0.1:1/keyvault/a", true)]
    [InlineData("https://127.0.0.1:1/keyvault/a/", "https://127.0.0.1:1/keyvault/ab/", false)]
    [InlineData("https://127.0.0.1:1/keyvault/a/", "https://127.0.0.1:2/keyvault/a/", false)]
    [InlineData("https://kv1.vault.azure.net/", "https://kv1.vault.azure.cn/", false)]
    public void Same_base_ignores_case_and_trailing_slash_only(string vaultUri, string candidate, bool same) =>
        Assert.Equal(same, VaultLocator.SameBase(new Uri(vaultUri), new Uri(candidate)));
}
