using System.Text.Json.Nodes;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Inspection;

/// <summary>An estate scan against the emulator: shared resources read once per run, and throttling slows it down without breaking it.</summary>
public sealed class EstateScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>
{
    [Fact]
    public async Task Each_vault_certificate_identity_and_role_listing_is_read_once_per_run()
    {
        var estate = await Estate.CreateAsync(scenario, pools: 6, vaults: 2);
        var mark = await scenario.JournalMarkAsync();

        var (reports, notCompliant, inspector) = await estate.ScanAsync(throttleLimit: 4);

        Assert.Equal(6, reports);
        Assert.Equal(0, notCompliant);
        var requests = (await scenario.RequestsSinceAsync(mark)).Select(r => r.Url.Split('?')[0]).ToList();
        int Count(Func<string, bool> match) => requests.Count(match);
        foreach (var vault in estate.Vaults)
        {
            Assert.Equal(1, Count(u => u.EndsWith("/vaults/" + vault.Name, StringComparison.OrdinalIgnoreCase)));
            Assert.Equal(1, Count(u => u.EndsWith($"/keyvault/{vault.Name}/certificates/shared", StringComparison.OrdinalIgnoreCase)));
            Assert.Equal(1, Count(u => u.Contains("/vaults/" + vault.Name + "/providers/Microsoft.Authorization/roleAssignments", StringComparison.OrdinalIgnoreCase)));
        }

        Assert.Equal(1, Count(u => u.EndsWith("/userAssignedIdentities/estate-identity", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(1, Count(u => u.EndsWith("/providers/Microsoft.KeyVault/vaults", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(1, Count(u => u.EndsWith($"/batchAccounts/{estate.Account}/pools", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(6, Count(u => u.EndsWith("/nodes", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(requests.Count, inspector.AzureCalls);
    }

    [Fact]
    public async Task Throttling_with_retry_after_slows_the_scan_but_every_pool_is_judged()
    {
        var estate = await Estate.CreateAsync(scenario, pools: 8, vaults: 2);
        var mark = await scenario.JournalMarkAsync();
        var sink = new RecordingSink();
        await estate.FaultsAsync(new JsonObject { ["service"] = "all", ["throttleRate"] = 0.3, ["retryAfterSeconds"] = 1 });
        (int Reports, int NotCompliant, PoolCertificateInspector Inspector) result;
        try
        {
            result = await estate.ScanAsync(throttleLimit: 8, sink);
        }
        finally
        {
            await estate.FaultsAsync(new JsonObject());
        }

        Assert.Equal(8, result.Reports);
        Assert.Equal(0, result.NotCompliant);
        Assert.Empty(sink.Errors);
        var requests = await scenario.RequestsSinceAsync(mark);
        Assert.Contains(requests, r => r.Status == 429);
        Assert.True(result.Inspector.AllCompliant);
    }
}
