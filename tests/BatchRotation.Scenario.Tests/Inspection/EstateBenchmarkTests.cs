using System.Diagnostics;
using System.Text.Json.Nodes;
using BatchRotation.Scenario.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BatchRotation.Scenario.Tests.Inspection;

/// <summary>Runs only when BATCHROTATION_BENCHMARK=1: the estate measurement takes about a minute.</summary>
public sealed class EstateBenchmarkFactAttribute : FactAttribute
{
    public EstateBenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("BATCHROTATION_BENCHMARK") != "1")
        {
            Skip = "Opt-in measurement: set BATCHROTATION_BENCHMARK=1 to run it.";
        }
    }
}

/// <summary>
/// Measures an estate scan against the emulator with 20 ms injected latency on every service: requests per
/// pool, wall time at ThrottleLimit 1 and 8, and managed memory for 50 and 200 pools sharing 5 vaults.
/// Figures go to the test output (dotnet test --logger "console;verbosity=detailed").
/// </summary>
public sealed class EstateBenchmarkTests(ScenarioFixture scenario, ITestOutputHelper output) : IClassFixture<ScenarioFixture>
{
    [EstateBenchmarkFact]
    public async Task Estate_scan_is_economical_concurrent_and_flat_in_memory()
    {
        var small = await Estate.CreateAsync(scenario, pools: 50, vaults: 5);
        await small.FaultsAsync(new JsonObject { ["service"] = "all", ["latencyMs"] = 20 });
        try
        {
            await small.ScanAsync(throttleLimit: 8); // warm-up: sign-in tokens, JIT

            var mark = await scenario.JournalMarkAsync();
            var serial = await TimeAsync(() => small.ScanAsync(throttleLimit: 1));
            var requests = (await scenario.RequestsSinceAsync(mark)).Count;
            var parallel = await TimeAsync(() => small.ScanAsync(throttleLimit: 8));
            var smallMemory = await MemoryAsync(small);

            await small.FaultsAsync(new JsonObject());
            var large = await Estate.CreateAsync(scenario, pools: 200, vaults: 5);
            await small.FaultsAsync(new JsonObject { ["service"] = "all", ["latencyMs"] = 20 });
            var largeMark = await scenario.JournalMarkAsync();
            var largeTime = await TimeAsync(() => large.ScanAsync(throttleLimit: 8));
            var largeRequests = (await scenario.RequestsSinceAsync(largeMark)).Count;
            var largeMemory = await MemoryAsync(large);

            output.WriteLine($"50 pools, 5 vaults, 20 ms latency: {requests} requests ({requests / 50.0:0.00} per pool)");
            output.WriteLine($"wall time ThrottleLimit 1: {serial.TotalSeconds:0.00} s, ThrottleLimit 8: {parallel.TotalSeconds:0.00} s, ratio {serial.TotalSeconds / parallel.TotalSeconds:0.0}");
            output.WriteLine($"200 pools, 5 vaults: {largeRequests} requests ({largeRequests / 200.0:0.00} per pool), {largeTime.TotalSeconds:0.00} s at ThrottleLimit 8");
            output.WriteLine($"live managed heap above the level before the scan (peak / retained after): 50 pools {smallMemory.Peak / 1048576.0:0.0} / {smallMemory.Retained / 1048576.0:0.0} MB, 200 pools {largeMemory.Peak / 1048576.0:0.0} / {largeMemory.Retained / 1048576.0:0.0} MB");

            Assert.InRange(requests / 50.0, 2.0, 2.5); // one node list and one node extension per pool, plus the shared reads once
            Assert.True(serial.TotalSeconds / parallel.TotalSeconds > 3, "ThrottleLimit 8 should be several times faster than 1");
            Assert.True(largeMemory.Peak < 4 * Math.Max(smallMemory.Peak, 8 * 1048576), "memory must not grow with the number of pools");
        }
        finally
        {
            await small.FaultsAsync(new JsonObject());
        }
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> scan)
    {
        var watch = Stopwatch.StartNew();
        await scan();
        return watch.Elapsed;
    }

    /// <summary>
    /// Peak live managed heap (sampled with a full collection every 20 ms, so garbage does not count) and the heap
    /// retained after the scan, both above the level before it. The emulator shares the process: its state does
    /// not grow during a read-only scan, and its per-request garbage is collected before each sample.
    /// </summary>
    private static async Task<(long Peak, long Retained)> MemoryAsync(Estate estate)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
                await Task.Delay(20);
            }
        });
        await estate.ScanAsync(throttleLimit: 8);
        stop.Cancel();
        await sampler;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return (peak, after - before);
    }
}
