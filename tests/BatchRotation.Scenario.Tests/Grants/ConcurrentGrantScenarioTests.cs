using System.Diagnostics;
using System.Text.Json.Nodes;
using BatchRotation.Core.Operations.Grants;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Grants;

/// <summary>
/// Many runbooks granting on one vault at once: every grant ends present, every unrelated policy stays as it
/// was, and ARM's 409 conflicts are retried. Its own emulator, because it slows the vault's writes down.
/// </summary>
public sealed class ConcurrentGrantScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>
{
    private const int Unrelated = 50;
    private const int Parallel = 20;

    [Fact]
    public async Task Twenty_parallel_grants_on_one_vault_all_land_and_keep_fifty_unrelated_policies()
    {
        var group = await scenario.ResourceGroupAsync();
        var vault = await scenario.VaultAsync(group, rbac: false, "shared");
        var unrelated = new Dictionary<string, string[]>();
        for (var i = 0; i < Unrelated; i++)
        {
            var objectId = Guid.NewGuid().ToString();
            var secrets = (i % 3) switch { 0 => new[] { "get" }, 1 => new[] { "get", "list", "set" }, _ => new[] { "list" } };
            unrelated[objectId] = secrets;
            await scenario.Emulator.AddAccessPolicyAsync(vault, objectId, secrets: secrets, certificates: i % 2 == 0 ? new[] { "get" } : null);
        }

        var identities = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => scenario.IdentityAsync(group)));
        // Each write keeps the vault busy long enough that parallel writers overlap, as on a busy real vault.
        (await scenario.Emulator.ControlAsync(HttpMethod.Post, "arm", new JsonObject { ["vaultWriteDurationMs"] = 150 })).EnsureSuccessStatusCode();
        var mark = await scenario.JournalMarkAsync();
        var options = new GrantOptions { ConflictBaseDelay = TimeSpan.FromMilliseconds(300), ConflictMaxDelay = TimeSpan.FromSeconds(3), MaxConflictAttempts = 30 };
        var sinks = identities.Select(_ => new RecordingSink()).ToArray();
        var clock = Stopwatch.StartNew();

        var results = await Task.WhenAll(identities.Select((identity, i) => Task.Run(() =>
            scenario.Granter(options: options).GrantAsync(new GrantRequest(identity.Id, new[] { vault.Url("shared") }), sinks[i], CancellationToken.None))));

        clock.Stop();
        Assert.All(sinks, s => Assert.Empty(s.Errors));
        Assert.All(results, r => Assert.Equal(VaultGrantStatus.Granted, Assert.Single(r!.Grants).Status));

        var policies = await scenario.PoliciesAsync(vault);
        foreach (var identity in identities)
        {
            var mine = Assert.Single(policies, p => p.ObjectId == identity.PrincipalId);
            Assert.Equal(new[] { "get", "list" }, mine.Permissions.Secrets.OrderBy(p => p));
        }

        foreach (var (objectId, secrets) in unrelated)
        {
            var policy = Assert.Single(policies, p => p.ObjectId == objectId);
            Assert.Equal(secrets, policy.Permissions.Secrets);
        }

        Assert.Equal(Unrelated + Parallel + 1, policies.Count);
        var writes = await scenario.RequestsSinceAsync(mark);
        Assert.DoesNotContain(writes, r => r.Method == "PUT" && r.Url.StartsWith(vault.Id + "?", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(writes, r => r.Method == "PUT" && r.Url.Contains("/accessPolicies/add") && r.Status == 409);
        Assert.Equal(Parallel, writes.Count(r => r.Method == "PUT" && r.Url.Contains("/accessPolicies/add") && r.Status == 200));
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"The parallel grants took {clock.Elapsed}.");
    }
}
