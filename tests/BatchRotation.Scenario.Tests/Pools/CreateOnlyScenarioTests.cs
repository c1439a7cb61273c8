using System.Text.Json.Nodes;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations.Pools;
using BatchRotation.Core.Rules;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Pools;

/// <summary>Create-only PUT, -Force recreation, versioned URLs and -AsTemplate against the emulator.</summary>
public sealed class CreateOnlyScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>
{
    [Fact]
    public async Task A_versioned_url_is_normalised_with_a_warning_and_azure_stores_the_versionless_one()
    {
        var world = await scenario.NewWorldAsync();
        await scenario.GrantAsync(world);
        var sink = new RecordingSink();

        var pool = await scenario.Provisioner().CreateAsync(scenario.Request(world, "versioned", world.Certificate.SecretId.AbsoluteUri), sink, CancellationToken.None);

        Assert.Equal(new[] { world.SecretUrl }, pool!.CertificateUrl);
        Assert.Contains(sink.Warnings, w => w.Contains(world.Certificate.Version) && w.Contains("never rotates"));
        var stored = await scenario.Emulator.GetResourceAsync(world.PoolId("versioned"), BatchSeeder.ApiVersion);
        var url = (string?)stored!["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["extensions"]![0]!["settings"]!["secretsManagementSettings"]!["observedCertificates"]![0]!["url"];
        Assert.Equal(world.SecretUrl, url);
    }

    [Fact]
    public async Task An_existing_pool_is_refused_without_Force_and_recreated_with_it_after_counting_its_work()
    {
        await scenario.SpeedUpClockAsync();
        var world = await scenario.NewWorldAsync();
        await scenario.GrantAsync(world);
        var first = await scenario.Provisioner().CreateAsync(scenario.Request(world, "busy") with { TargetDedicatedNodes = 2, Wait = true }, new RecordingSink(), CancellationToken.None);
        var nodes = await scenario.Emulator.ListNodesAsync(world.Account, "busy");
        await scenario.Emulator.SetRunningTasksAsync(world.Account, "busy", (string)nodes[0]!["id"]!, 3);

        var mark = await scenario.JournalMarkAsync();
        var refused = await Assert.ThrowsAsync<BatchRotationException>(() =>
            scenario.Provisioner().CreateAsync(scenario.Request(world, "busy"), new RecordingSink(), CancellationToken.None));
        Assert.Equal(PoolErrorIds.PoolAlreadyExists, refused.ErrorId);
        Assert.Equal(ErrorKind.ResourceExists, refused.Kind);
        Assert.Contains("-Force", refused.Remedy);
        Assert.Empty(await scenario.WritesSinceAsync(mark));

        var declined = new RecordingSink(shouldProcess: false);
        Assert.Null(await scenario.Provisioner().CreateAsync(scenario.Request(world, "busy") with { Force = true }, declined, CancellationToken.None));
        Assert.Empty(await scenario.WritesSinceAsync(mark));

        var sink = new RecordingSink();
        var second = await scenario.Provisioner().CreateAsync(scenario.Request(world, "busy") with { Force = true, PollingInterval = TimeSpan.FromMinutes(10) }, sink, CancellationToken.None);

        Assert.Contains(sink.Warnings, w => w.Contains("2 nodes and 3 running tasks"));
        Assert.Contains(sink.ShouldProcessCalls, c => c.Action.StartsWith("Delete the existing pool (2 nodes and 3 running tasks)", StringComparison.Ordinal));
        var writes = await scenario.WritesSinceAsync(mark);
        Assert.Equal(2, writes.Count);
        Assert.StartsWith("DELETE ", writes[0]);
        Assert.StartsWith("PUT ", writes[1]);
        Assert.Contains(world.PoolId("busy"), writes[1]);
        Assert.Equal(TimeSpan.FromMinutes(10), second!.PollingInterval);
        Assert.NotEqual(first!.PollingInterval, second.PollingInterval);
    }

    [Fact]
    public async Task WhatIf_creates_nothing()
    {
        var world = await scenario.NewWorldAsync();
        await scenario.GrantAsync(world);
        var mark = await scenario.JournalMarkAsync();
        var sink = new RecordingSink(shouldProcess: false);

        var pool = await scenario.Provisioner().CreateAsync(scenario.Request(world, "whatif"), sink, CancellationToken.None);

        Assert.Null(pool);
        Assert.Empty(await scenario.WritesSinceAsync(mark));
        Assert.Contains(sink.ShouldProcessCalls, c => c.Target == world.PoolId("whatif") && c.Action.Contains("Linux pool 'whatif'"));
        Assert.Null(await scenario.Emulator.GetResourceAsync(world.PoolId("whatif"), BatchSeeder.ApiVersion));
    }

    [Fact]
    public async Task The_template_writes_nothing_and_is_a_body_azure_accepts_as_it_is()
    {
        var world = await scenario.NewWorldAsync();
        await scenario.GrantAsync(world);
        var mark = await scenario.JournalMarkAsync();

        var json = await scenario.Provisioner().BuildTemplateAsync(scenario.Request(world, "template") with { Image = "WindowsServer2025", ExtensionVersion = "4.0" }, new RecordingSink(), CancellationToken.None);

        Assert.Empty(await scenario.WritesSinceAsync(mark));
        var body = (JsonObject)JsonNode.Parse(json)!;
        var response = await scenario.Emulator.PutPoolAsync(world.ResourceGroup, world.Account, "template", body, new Dictionary<string, string> { ["If-None-Match"] = "*" });
        Assert.Equal(200, response.Status);
        var pool = Assert.Single(await CollectAsync(world, "template"));
        Assert.Equal("KeyVaultForWindows", pool.ExtensionType);
        Assert.Equal("4.0", pool.ExtensionVersion);
        Assert.Equal(world.Identity.ClientId, pool.IdentityClientId);
    }

    private async Task<List<BatchRotation.Core.Model.RotatingBatchPool>> CollectAsync(PoolWorld world, string name)
    {
        var result = new List<BatchRotation.Core.Model.RotatingBatchPool>();
        await scenario.Reader().ListByAccountAsync(BatchAccountId.Parse(world.AccountId), new[] { name }, new RecordingSink(), result.Add, CancellationToken.None);
        return result;
    }
}
