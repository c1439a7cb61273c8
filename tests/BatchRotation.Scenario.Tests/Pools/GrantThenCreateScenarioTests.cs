using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations.Pools;
using BatchRotation.Core.Rules;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Pools;

/// <summary>
/// The whole flow against the emulator, clock sped up: grant the identity access, create the pool with -Wait,
/// and every node is idle with the Key Vault extension succeeded and the certificate on disk. Without access
/// (and -SkipAccessCheck) the nodes fail with the extension's own message.
/// </summary>
public sealed class GrantThenCreateScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>
{
    [Fact]
    public async Task Linux_grant_then_create_with_wait_gives_ready_nodes_holding_the_certificate()
    {
        await scenario.SpeedUpClockAsync();
        var world = await scenario.NewWorldAsync();
        var access = await scenario.GrantAsync(world);
        var sink = new RecordingSink();

        // As the pipeline binds it: IdentityResourceId and CertificateUrl come from Grant-PoolVaultAccess's object.
        var request = scenario.Request(world, "linux", access.CertificateUrl) with
        {
            IdentityResourceId = access.IdentityResourceId,
            TargetDedicatedNodes = 2,
            Wait = true,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var pool = await scenario.Provisioner().CreateAsync(request, sink, CancellationToken.None);

        Assert.NotNull(pool);
        Assert.Equal("Steady", pool!.AllocationState);
        Assert.Equal(2, pool.CurrentDedicatedNodes);
        Assert.Equal(OsFamily.Linux, pool.Os);
        Assert.Equal("KeyVaultForLinux", pool.ExtensionType);
        Assert.Equal(world.Identity.ClientId, pool.IdentityClientId);
        Assert.Equal(new[] { world.SecretUrl }, pool.CertificateUrl);
        Assert.Empty(sink.Errors);
        Assert.Contains(sink.Progress, p => p.ActivityId == 42 && p.Status.Contains("Key Vault extension ready on"));

        var nodes = await scenario.Emulator.ListNodesAsync(world.Account, "linux");
        Assert.Equal(2, nodes.Count);
        foreach (var node in nodes)
        {
            Assert.Equal("idle", (string?)node!["state"]);
            var held = (await scenario.Emulator.NodeCertificatesAsync(world.Account, "linux", (string)node["id"]!)).ToJsonString();
            Assert.Contains(world.Certificate.Version, held);
        }
    }

    [Fact]
    public async Task Windows_on_an_rbac_vault_grant_then_create_with_wait_gives_ready_nodes()
    {
        await scenario.SpeedUpClockAsync();
        var world = await scenario.NewWorldAsync(VaultPermissionModel.Rbac);
        var access = await scenario.GrantAsync(world);
        var sink = new RecordingSink();

        var request = scenario.Request(world, "windows", access.CertificateUrl) with
        {
            Image = "WindowsServer2022",
            Wait = true,
            Timeout = TimeSpan.FromMinutes(2),
            CertificateStoreName = "My",
        };
        var pool = await scenario.Provisioner().CreateAsync(request, sink, CancellationToken.None);

        Assert.Equal(OsFamily.Windows, pool!.Os);
        Assert.Equal("KeyVaultForWindows", pool.ExtensionType);
        Assert.Equal("3.0", pool.ExtensionVersion);
        Assert.Equal(1, pool.CurrentDedicatedNodes);
        Assert.Contains(sink.Verbose, v => v.Contains("Key Vault Secrets User"));
        var node = Assert.Single(await scenario.Emulator.ListNodesAsync(world.Account, "windows"));
        Assert.Equal("idle", (string?)node!["state"]);
    }

    [Fact]
    public async Task Without_access_the_check_refuses_and_with_SkipAccessCheck_the_nodes_end_unusable_with_the_extension_message()
    {
        await scenario.SpeedUpClockAsync();
        var world = await scenario.NewWorldAsync();
        var request = scenario.Request(world, "noaccess") with { Wait = true, Timeout = TimeSpan.FromMinutes(2) };

        var refused = await Assert.ThrowsAsync<BatchRotationException>(() => scenario.Provisioner().CreateAsync(request, new RecordingSink(), CancellationToken.None));
        Assert.Equal(PoolErrorIds.IdentityCannotReadSecret, refused.ErrorId);
        Assert.Contains("Grant-PoolVaultAccess -IdentityResourceId", refused.Remedy);

        var sink = new RecordingSink();
        var failed = await Assert.ThrowsAsync<BatchRotationException>(() =>
            scenario.Provisioner().CreateAsync(request with { SkipAccessCheck = true }, sink, CancellationToken.None));

        Assert.Equal(PoolErrorIds.PoolNodesFailed, failed.ErrorId);
        var nodeError = Assert.Single(sink.Errors);
        Assert.Equal(PoolErrorIds.PoolNodeFailed, nodeError.ErrorId);
        Assert.Contains("unusable", nodeError.Message);
        Assert.Contains("Forbidden", nodeError.Message, StringComparison.OrdinalIgnoreCase);
        var node = Assert.Single(await scenario.Emulator.ListNodesAsync(world.Account, "noaccess"));
        Assert.Equal("unusable", (string?)node!["state"]);
        Assert.Equal((string?)node["id"], nodeError.Target);
    }

    [Fact]
    public async Task Without_requireInitialSync_and_without_access_the_idle_node_is_reported_with_the_failed_extension()
    {
        await scenario.SpeedUpClockAsync();
        var world = await scenario.NewWorldAsync();
        var sink = new RecordingSink();
        var request = scenario.Request(world, "nosync") with
        {
            RequireInitialSync = false,
            SkipAccessCheck = true,
            Wait = true,
            Timeout = TimeSpan.FromMinutes(2),
        };

        var failed = await Assert.ThrowsAsync<BatchRotationException>(() => scenario.Provisioner().CreateAsync(request, sink, CancellationToken.None));

        Assert.Equal(PoolErrorIds.PoolNodesFailed, failed.ErrorId);
        var nodeError = Assert.Single(sink.Errors);
        Assert.Contains("idle", nodeError.Message);
        Assert.Contains("Key Vault extension: failed", nodeError.Message);
    }

    [Fact]
    public async Task Granting_after_a_refusal_lets_the_same_request_succeed()
    {
        await scenario.SpeedUpClockAsync();
        var world = await scenario.NewWorldAsync();
        var request = scenario.Request(world, "later") with { Wait = true, Timeout = TimeSpan.FromMinutes(2) };
        await Assert.ThrowsAsync<BatchRotationException>(() => scenario.Provisioner().CreateAsync(request, new RecordingSink(), CancellationToken.None));

        await scenario.GrantAsync(world);
        var pool = await scenario.Provisioner().CreateAsync(request, new RecordingSink(), CancellationToken.None);

        Assert.Equal(1, pool!.CurrentDedicatedNodes);
    }
}
