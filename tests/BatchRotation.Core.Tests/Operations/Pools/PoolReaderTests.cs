using System.Text.Json.Nodes;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Model;
using BatchRotation.Core.Operations.Pools;
using BatchRotation.Core.Rules;
using static BatchRotation.Core.Tests.Operations.Pools.FakePoolWorld;

namespace BatchRotation.Core.Tests.Operations.Pools;

public sealed class PoolReaderTests
{
    private static readonly string OtherAccountId = $"/subscriptions/{Sub}/resourceGroups/rg2/providers/Microsoft.Batch/batchAccounts/acct2";
    private readonly FakePoolWorld _world = new();
    private readonly TestSink _sink = new();
    private readonly List<RotatingBatchPool> _output = new();

    public PoolReaderTests()
    {
        foreach (var name in new[] { "web-eu", "web-us", "api" })
        {
            _world.Pools[AccountId + "/pools/" + name] = ExistingPoolBody(AccountId + "/pools/" + name, 1);
        }

        _world.Accounts[OtherAccountId] = new BatchAccount { Id = OtherAccountId, Name = "acct2", AccountEndpoint = "acct2.batch" };
        _world.Pools[OtherAccountId + "/pools/batch"] = ExistingPoolBody(OtherAccountId + "/pools/batch", 0);
    }

    private PoolReader Reader => new(_world.Clients);

    private static BatchAccountId Account => BatchAccountId.Parse(AccountId);

    [Fact]
    public async Task Lists_every_pool_of_an_account_with_its_endpoint()
    {
        await Reader.ListByAccountAsync(Account, null, _sink, _output.Add, CancellationToken.None);

        Assert.Equal(new[] { "web-eu", "web-us", "api" }, _output.Select(p => p.Name));
        Assert.All(_output, p => Assert.Equal(Endpoint, p.AccountEndpoint));
        Assert.All(_output, p => Assert.False(p.HasKeyVaultExtension));
    }

    [Fact]
    public async Task A_wildcard_filters_and_one_that_matches_nothing_is_no_error()
    {
        await Reader.ListByAccountAsync(Account, new[] { "WEB-*", "nothing*" }, _sink, _output.Add, CancellationToken.None);

        Assert.Equal(new[] { "web-eu", "web-us" }, _output.Select(p => p.Name));
        Assert.Empty(_sink.Errors);
    }

    [Fact]
    public async Task A_missing_pool_named_exactly_is_a_non_terminating_PoolNotFound_with_its_id()
    {
        await Reader.ListByAccountAsync(Account, new[] { "missing", "api" }, _sink, _output.Add, CancellationToken.None);

        var error = Assert.Single(_sink.Errors);
        Assert.Equal(PoolErrorIds.PoolNotFound, error.ErrorId);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(AccountId + "/pools/missing", error.Target);
        Assert.Equal("api", Assert.Single(_output).Name);
        Assert.DoesNotContain(_world.Calls, c => c.StartsWith("LIST pools", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_account_ends_the_command()
    {
        var failure = await Assert.ThrowsAsync<BatchRotationException>(() =>
            Reader.ListByAccountAsync(BatchAccountId.Parse(AccountId.Replace("acct1", "nope")), null, _sink, _output.Add, CancellationToken.None));

        Assert.Equal(PoolErrorIds.AccountNotFound, failure.ErrorId);
    }

    [Fact]
    public async Task Pools_by_id_read_each_account_once_and_report_each_missing_pool()
    {
        var ids = new[] { AccountId + "/pools/api", AccountId + "/pools/gone", AccountId + "/pools/web-eu", OtherAccountId.Replace("acct2", "acct9") + "/pools/x", "not-an-id" };

        await Reader.GetByIdsAsync(ids, _sink, _output.Add, CancellationToken.None);

        Assert.Equal(new[] { "api", "web-eu" }, _output.Select(p => p.Name));
        Assert.Equal(1, _world.Calls.Count(c => c == "GET " + AccountId));
        Assert.Equal(
            new object?[] { AccountId + "/pools/gone", OtherAccountId.Replace("acct2", "acct9") + "/pools/x", "not-an-id" },
            _sink.Errors.Select(e => e.Target));
        Assert.Equal(new[] { PoolErrorIds.PoolNotFound, PoolErrorIds.PoolNotFound, RuleErrorIds.InvalidResourceId }, _sink.Errors.Select(e => e.ErrorId));
    }

    [Fact]
    public async Task Every_account_of_every_subscription_streams_its_pools_and_a_failure_does_not_stop_the_rest()
    {
        _world.UnlistableSubscriptions.Add(OtherSub);

        await Reader.ListBySubscriptionsAsync(new[] { OtherSub, Sub }, _sink, _output.Add, CancellationToken.None);

        Assert.Equal(new[] { "web-eu", "web-us", "api", "batch" }.OrderBy(n => n), _output.Select(p => p.Name).OrderBy(n => n));
        var error = Assert.Single(_sink.Errors);
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Contains(_sink.Progress, p => p.Completed);
    }

    [Fact]
    public async Task A_pool_with_broken_extension_settings_still_yields_an_object()
    {
        var id = AccountId + "/pools/broken";
        var body = ExistingPoolBody(id, 1);
        body["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["extensions"] = new JsonArray(new JsonObject
        {
            ["name"] = "kv", ["publisher"] = "Microsoft.Azure.KeyVault", ["type"] = "KeyVaultForLinux", ["typeHandlerVersion"] = "2.0",
            ["settings"] = "{\"secretsManagementSettings\":{}}",
        });
        _world.Pools[id] = body;

        await Reader.ListByAccountAsync(Account, new[] { "broken" }, _sink, _output.Add, CancellationToken.None);

        var pool = Assert.Single(_output);
        Assert.Equal("KeyVaultForLinux", pool.ExtensionType);
        Assert.Empty(pool.CertificateUrl);
    }
}
