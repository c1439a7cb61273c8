using System.Text.Json.Nodes;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Model;
using BatchRotation.Core.Operations.Pools;
using BatchRotation.Core.Rules;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Pools;

/// <summary>Get-RotatingBatchPool's reader against pools made by another tool, some with broken extension settings.</summary>
public sealed class GetRotatingBatchPoolScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>
{
    private async Task<(PoolWorld World, string[] Names)> SeedOtherToolsPoolsAsync()
    {
        var world = await scenario.NewWorldAsync();
        var emulator = scenario.Emulator;
        var versioned = world.Certificate.SecretId.AbsoluteUri;
        var identities = new[] { world.Identity.Id };

        // The Batch article's own shape: versioned URL, polling as a number, no authenticationSettings.
        var article = BatchSeeder.KeyVaultSettings(new[] { versioned }, msiClientId: null, pollingIntervalInS: "3600", objects: false);
        article["secretsManagementSettings"]!["pollingIntervalInS"] = 3600;
        await emulator.CreatePoolAsync(world.ResourceGroup, world.Account, "article",
            BatchSeeder.PoolBody(dedicated: 0, identityIds: identities, extensions: new[] { BatchSeeder.KeyVaultExtension(article, typeHandlerVersion: "2.0") }));

        // Settings double-encoded as a string, as PowerShell's ConvertTo-Json often sends them.
        var encoded = JsonValue.Create(BatchSeeder.KeyVaultSettings(new[] { world.SecretUrl }, world.Identity.ClientId).ToJsonString());
        await emulator.CreatePoolAsync(world.ResourceGroup, world.Account, "double-encoded",
            BatchSeeder.PoolBody(dedicated: 0, identityIds: identities, extensions: new[] { BatchSeeder.KeyVaultExtension(encoded) }));

        // No identity, no extension.
        await emulator.CreatePoolAsync(world.ResourceGroup, world.Account, "plain", BatchSeeder.PoolBody(dedicated: 0));
        return (world, new[] { "article", "double-encoded", "plain" });
    }

    [Fact]
    public async Task Pools_made_by_other_tools_come_back_as_objects_with_what_can_be_read()
    {
        var (world, names) = await SeedOtherToolsPoolsAsync();
        var output = new List<RotatingBatchPool>();
        var sink = new RecordingSink();

        await scenario.Reader().ListByAccountAsync(BatchAccountId.Parse(world.AccountId), null, sink, output.Add, CancellationToken.None);

        Assert.Empty(sink.Errors);
        Assert.Equal(names.OrderBy(n => n), output.Select(p => p.Name).OrderBy(n => n));
        var article = output.Single(p => p.Name == "article");
        Assert.Equal(new[] { world.Certificate.SecretId.AbsoluteUri }, article.CertificateUrl);
        Assert.Equal(TimeSpan.FromHours(1), article.PollingInterval);
        Assert.Equal("2.0", article.ExtensionVersion);
        Assert.Equal(world.Identity.Id, article.IdentityResourceId, ignoreCase: true);
        Assert.Equal(world.Identity.ClientId, article.IdentityClientId);
        var encoded = output.Single(p => p.Name == "double-encoded");
        Assert.True(encoded.HasKeyVaultExtension);
        Assert.Empty(encoded.CertificateUrl);
        var plain = output.Single(p => p.Name == "plain");
        Assert.False(plain.HasKeyVaultExtension);
        Assert.Empty(plain.IdentityResourceIds);
        Assert.All(output, p => Assert.Equal(world.AccountId + "/pools/" + p.Name, p.PoolResourceId, ignoreCase: true));
        Assert.All(output, p => Assert.False(string.IsNullOrEmpty(p.AccountEndpoint)));
    }

    [Fact]
    public async Task By_name_wildcard_by_id_and_by_subscription()
    {
        var (world, _) = await SeedOtherToolsPoolsAsync();
        var account = BatchAccountId.Parse(world.AccountId);

        var wildcard = new List<RotatingBatchPool>();
        var wildcardSink = new RecordingSink();
        await scenario.Reader().ListByAccountAsync(account, new[] { "d*", "zzz*" }, wildcardSink, wildcard.Add, CancellationToken.None);
        Assert.Equal("double-encoded", Assert.Single(wildcard).Name);
        Assert.Empty(wildcardSink.Errors);

        var byId = new List<RotatingBatchPool>();
        var byIdSink = new RecordingSink();
        await scenario.Reader().GetByIdsAsync(new[] { world.PoolId("plain"), world.PoolId("missing") }, byIdSink, byId.Add, CancellationToken.None);
        Assert.Equal("plain", Assert.Single(byId).Name);
        var missing = Assert.Single(byIdSink.Errors);
        Assert.Equal(PoolErrorIds.PoolNotFound, missing.ErrorId);
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        Assert.Equal(world.PoolId("missing"), missing.Target);

        var all = new List<RotatingBatchPool>();
        await scenario.Reader().ListBySubscriptionsAsync(new[] { scenario.SubscriptionId }, new RecordingSink(), all.Add, CancellationToken.None);
        Assert.Equal(3, all.Count(p => string.Equals(p.AccountName, world.Account, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_pool_made_by_New_RotatingBatchPool_reads_back_the_same()
    {
        var world = await scenario.NewWorldAsync();
        await scenario.GrantAsync(world);
        var created = await scenario.Provisioner().CreateAsync(scenario.Request(world, "ours") with { TargetDedicatedNodes = 0 }, new RecordingSink(), CancellationToken.None);

        var read = new List<RotatingBatchPool>();
        await scenario.Reader().GetByIdsAsync(new[] { created!.PoolResourceId }, new RecordingSink(), read.Add, CancellationToken.None);

        var pool = Assert.Single(read);
        Assert.Equal(created.CertificateUrl, pool.CertificateUrl);
        Assert.Equal(created.IdentityClientId, pool.IdentityClientId);
        Assert.Equal(world.Identity.ClientId, pool.IdentityClientId);
        Assert.Equal(created.ExtensionVersion, pool.ExtensionVersion);
        Assert.True(pool.RequireInitialSync);
    }
}
