using BatchRotation.Core.Operations.Inspection.Gathering;

namespace BatchRotation.Core.Tests.Operations.Inspection;

public class GatheringPartsTests
{
    [Fact]
    public async Task The_cache_coalesces_concurrent_requests_into_one_load()
    {
        var cache = new BoundedTaskCache<string>(8);
        var loads = 0;
        var release = new TaskCompletionSource<string>();

        var first = cache.GetOrAdd("KEY", () => { Interlocked.Increment(ref loads); return release.Task; });
        var second = cache.GetOrAdd("key", () => { Interlocked.Increment(ref loads); return Task.FromResult("other"); });
        release.SetResult("value");

        Assert.Equal("value", await first);
        Assert.Equal("value", await second);
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task The_cache_drops_the_least_recently_used_entry_beyond_its_capacity()
    {
        var cache = new BoundedTaskCache<int>(2);
        var loads = new List<string>();
        Task<int> Load(string key) => cache.GetOrAdd(key, () => { loads.Add(key); return Task.FromResult(key.Length); });

        await Load("a");
        await Load("bb");
        await Load("a");     // a is now the most recent
        await Load("ccc");   // evicts bb
        await Load("a");
        await Load("bb");    // loaded again

        Assert.Equal(["a", "bb", "ccc", "bb"], loads);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task The_gate_holds_at_most_its_limit_in_flight()
    {
        using var gate = new AzureCallGate(2);
        var inFlight = 0;
        var max = 0;

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => gate.RunAsync(async token =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (gate) max = Math.Max(max, now);
            await Task.Delay(10, token);
            Interlocked.Decrement(ref inFlight);
            return 0;
        }, CancellationToken.None)));

        Assert.Equal(2, max);
        Assert.Equal(10, gate.Calls);
    }

    [Fact]
    public async Task The_gate_passes_on_failures_other_than_throttling_at_once()
    {
        using var gate = new AzureCallGate(1, delay: (_, _) => throw new InvalidOperationException("must not wait"));
        var attempts = 0;

        var lookup = await gate.LookupAsync<string>(_ =>
        {
            attempts++;
            throw new BatchRotation.Core.Errors.BatchRotationException("AzurePermissionDenied", BatchRotation.Core.Errors.ErrorKind.PermissionDenied, "no") { Status = 403 };
        }, CancellationToken.None);

        Assert.Equal(1, attempts);
        Assert.Equal(BatchRotation.Core.Operations.Inspection.LookupOutcome.Denied, lookup.Outcome);
    }
}
