using System.Text.Json.Nodes;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations.Pools;
using static BatchRotation.Core.Tests.Operations.Pools.FakePoolWorld;

namespace BatchRotation.Core.Tests.Operations.Pools;

/// <summary>-Wait: allocation, node states and the Key Vault extension's status, with a fake clock.</summary>
public sealed class PoolWaitTests
{
    private static readonly string PoolId = AccountId + "/pools/web";
    private readonly FakePoolWorld _world = new();
    private readonly TestSink _sink = new();
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<TimeSpan> _delays = new();

    private PoolOperationOptions Options => new()
    {
        UtcNow = () => _now,
        Delay = (delay, token) =>
        {
            token.ThrowIfCancellationRequested();
            _delays.Add(delay);
            _now += delay;
            return Task.CompletedTask;
        },
        InitialPollInterval = TimeSpan.FromSeconds(1),
        MaxPollInterval = TimeSpan.FromSeconds(15),
    };

    private NewRotatingBatchPoolRequest Request(int nodes = 2) =>
        new("web", IdentityId, new[] { VaultUri + "secrets/web" }, "Standard_D2s_v5")
        {
            SubscriptionId = Sub,
            ResourceGroupName = Rg,
            AccountName = AccountName,
            TargetDedicatedNodes = nodes,
            Wait = true,
        };

    private Task<BatchRotation.Core.Model.RotatingBatchPool?> Create(NewRotatingBatchPoolRequest request, CancellationToken token = default) =>
        new PoolProvisioner(_world.Clients, Options).CreateAsync(request, _sink, token);

    /// <summary>The pool is Resizing for the first <paramref name="resizingReads"/> reads, then Steady with its target.</summary>
    private void Allocate(int nodes, int resizingReads = 1) =>
        _world.PoolAfterCreate = (pool, read) =>
        {
            var copy = (JsonObject)pool.DeepClone();
            var properties = (JsonObject)copy["properties"]!;
            properties["allocationState"] = read <= resizingReads ? "Resizing" : "Steady";
            properties["currentDedicatedNodes"] = read <= resizingReads ? 0 : nodes;
            return copy;
        };

    [Fact]
    public async Task Waits_until_every_node_is_idle_with_the_extension_succeeded()
    {
        Allocate(2);
        _world.Nodes = (_, poll) => poll switch
        {
            1 => Array.Empty<ComputeNode>(),
            2 => new[] { Node("n1", "starting"), Node("n2", "creating") },
            3 => new[] { Node("n1", "idle"), Node("n2", "starting") },
            _ => new[] { Node("n1", "idle"), Node("n2", "idle") },
        };
        _world.NodeExtensions["n1"] = new[] { Extension("ProvisioningState/succeeded", "Info", "Enable succeeded") };
        _world.NodeExtensions["n2"] = new[] { Extension("ProvisioningState/succeeded/0", "Info", "Enable succeeded") };

        var pool = await Create(Request());

        Assert.Equal(4, _world.NodeListCount);
        Assert.Equal("Steady", pool!.AllocationState);
        Assert.Equal(2, pool.CurrentDedicatedNodes);
        Assert.Empty(_sink.Errors);
        Assert.Contains(_sink.Progress, p => p.Status.Contains("starting 1") && p.Status.Contains("ready on 1"));
        Assert.Contains(_sink.Progress, p => p.Completed && p.ActivityId == 42);
        // An extension already seen succeeded is not read again.
        Assert.Equal(1, _world.Calls.Count(c => c == "LIST extensions n1"));
        Assert.Equal(new[] { 1d, 2, 4 }, _delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task A_node_still_installing_the_extension_is_not_ready()
    {
        Allocate(1, resizingReads: 0);
        _world.Nodes = (_, _) => new[] { Node("n1", "idle") };
        var installs = 0;
        _world.NodeExtensions["n1"] = new[] { Extension("ProvisioningState/transitioning", "Warning", "Initial sync attempt 1 failed, retrying") };

        var pending = Create(Request(1) with { Timeout = TimeSpan.FromSeconds(20) });
        var failure = await Assert.ThrowsAsync<BatchRotationException>(() => pending);
        installs = _world.Calls.Count(c => c == "LIST extensions n1");

        Assert.Equal(PoolErrorIds.PoolWaitTimedOut, failure.ErrorId);
        Assert.Equal(ErrorKind.OperationTimeout, failure.Kind);
        Assert.Equal(PoolId, failure.Target);
        Assert.True(installs > 1);
        Assert.Equal(TimeSpan.FromSeconds(20), _delays.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Fact]
    public async Task Failed_nodes_are_reported_one_by_one_with_the_extension_message_then_the_wait_fails()
    {
        Allocate(3, resizingReads: 0);
        _world.Nodes = (_, _) => new[]
        {
            Node("n1", "unusable", 0, ("VMExtensionProvisioningError", "VM has reported a failure when processing extension 'KeyVaultForLinux'.")),
            Node("n2", "idle"),
            Node("n3", "idle"),
        };
        _world.NodeExtensions["n1"] = new[] { Extension("ProvisioningState/failed", "Error", "Failed to download certificate: Forbidden") };
        _world.NodeExtensions["n2"] = new[] { Extension("ProvisioningState/failed", "Error", "Key Vault answered 403 Forbidden") };
        _world.NodeExtensions["n3"] = new[] { Extension("ProvisioningState/succeeded", "Info", "Enable succeeded") };

        var failure = await Assert.ThrowsAsync<BatchRotationException>(() => Create(Request(3)));

        Assert.Equal(PoolErrorIds.PoolNodesFailed, failure.ErrorId);
        Assert.Equal(PoolId, failure.Target);
        Assert.Contains("2 of 3 nodes", failure.Message);
        var errors = _sink.Errors.ToList();
        Assert.Equal(new[] { "n1", "n2" }, errors.Select(e => e.Target));
        Assert.All(errors, e => Assert.Equal(PoolErrorIds.PoolNodeFailed, e.ErrorId));
        Assert.Contains("Failed to download certificate: Forbidden", errors[0].Message);
        Assert.Contains("VMExtensionProvisioningError", errors[0].Message);
        Assert.Contains("Key Vault answered 403 Forbidden", errors[1].Message);
        Assert.Contains("Grant-PoolVaultAccess", failure.Remedy);
    }

    [Fact]
    public async Task A_failed_node_waits_for_the_others_to_settle_before_reporting()
    {
        Allocate(2, resizingReads: 0);
        _world.Nodes = (_, poll) => poll < 3
            ? new[] { Node("n1", "unusable"), Node("n2", "starting") }
            : new[] { Node("n1", "unusable"), Node("n2", "idle") };
        _world.NodeExtensions["n2"] = new[] { Extension("ProvisioningState/succeeded", "Info", "Enable succeeded") };

        var failure = await Assert.ThrowsAsync<BatchRotationException>(() => Create(Request()));

        Assert.Equal(PoolErrorIds.PoolNodesFailed, failure.ErrorId);
        Assert.Equal(3, _world.NodeListCount);
        Assert.Contains("1 of 2 nodes", failure.Message);
    }

    [Fact]
    public async Task Allocation_errors_end_the_wait()
    {
        _world.PoolAfterCreate = (pool, _) =>
        {
            var copy = (JsonObject)pool.DeepClone();
            copy["properties"]!["allocationState"] = "Steady";
            copy["properties"]!["resizeOperationStatus"] = new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject { ["code"] = "AccountCoreQuotaReached", ["message"] = "The quota was reached." }),
            };
            return copy;
        };

        var failure = await Assert.ThrowsAsync<BatchRotationException>(() => Create(Request()));

        Assert.Equal(PoolErrorIds.PoolAllocationFailed, failure.ErrorId);
        Assert.Contains("AccountCoreQuotaReached", failure.Message);
    }

    [Fact]
    public async Task A_pool_of_no_nodes_is_ready_once_steady()
    {
        Allocate(0);

        var pool = await Create(Request(0));

        Assert.NotNull(pool);
        Assert.Equal(2, _world.NodeListCount);
    }

    [Fact]
    public async Task Ctrl_C_cancels_the_wait()
    {
        Allocate(1, resizingReads: 100);
        using var cancel = new CancellationTokenSource();
        _world.Nodes = (_, poll) =>
        {
            if (poll == 3) cancel.Cancel();
            return Array.Empty<ComputeNode>();
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Create(Request(1), cancel.Token));
    }
}
