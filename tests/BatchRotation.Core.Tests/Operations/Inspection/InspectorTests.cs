using System.Collections.Concurrent;
using BatchRotation.Core.Model;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Core.Tests.Operations.Inspection.Support;

namespace BatchRotation.Core.Tests.Operations.Inspection;

/// <summary>The operation over an in-memory estate: what it reads, how often, how concurrently, and what it reports.</summary>
public class InspectorTests
{
    private static InspectionOptions Options(int throttleLimit = 4, NodeScope node = NodeScope.All) =>
        new() { ThrottleLimit = throttleLimit, Node = node, Clock = () => PoolFactsBuilder.Now };

    private static PoolInspectionRequest Account(string? name = null) =>
        PoolInspectionRequest.ForAccount(PoolFactsBuilder.Sub, "rg1", "acct1", name);

    private static async Task<(List<PoolCertificateReport> Reports, ListSink Sink, PoolCertificateInspector Inspector)> RunAsync(
        FakeEstate estate, PoolInspectionRequest request, InspectionOptions? options = null, List<TimeSpan>? delays = null)
    {
        var reports = new List<PoolCertificateReport>();
        var sink = new ListSink();
        var inspector = new PoolCertificateInspector(options ?? Options(), (d, _) =>
        {
            lock (delays ?? new List<TimeSpan>()) delays?.Add(d);
            return Task.CompletedTask;
        });
        await inspector.InspectAsync(request, estate.Clients, sink, r => reports.Add(r), CancellationToken.None);
        return (reports, sink, inspector);
    }

    [Fact]
    public async Task Shared_vaults_identities_certificates_and_role_listings_are_read_once_per_run()
    {
        var estate = new FakeEstate(pools: 20, vaults: 2);

        var (reports, sink, inspector) = await RunAsync(estate, Account());

        Assert.Equal(20, reports.Count);
        Assert.All(reports, r => Assert.True(r.IsCompliant, ReportExtensions.Describe(r)));
        Assert.Equal(1, estate.CallsTo("GetAccountAsync"));
        Assert.Equal(1, estate.CallsTo("ListPoolsAsync"));
        Assert.Equal(1, estate.CallsTo("GetUserAssignedIdentityAsync"));
        Assert.Equal(1, estate.CallsTo("ListVaultsAsync"));
        Assert.Equal(2, estate.CallsTo("GetVaultAsync"));
        Assert.Equal(2, estate.CallsTo("GetCertificateAsync"));
        Assert.Equal(2, estate.CallsTo("ListRoleAssignmentsAsync"));
        Assert.Equal(20, estate.CallsTo("ListNodesAsync"));
        Assert.Equal(40, estate.CallsTo("GetNodeExtensionAsync"));
        Assert.Equal(estate.Calls.Values.Sum(), inspector.AzureCalls);
        Assert.True(inspector.AllCompliant);
        Assert.Empty(sink.Errors);
        Assert.Contains(sink.Verbose, v => v.Contains("Tested 20 pool(s)"));
    }

    [Fact]
    public async Task A_second_run_of_the_same_inspector_reuses_what_the_first_read()
    {
        var estate = new FakeEstate(pools: 3, vaults: 1);
        var inspector = new PoolCertificateInspector(Options());
        var sink = new ListSink();

        await inspector.InspectAsync(PoolInspectionRequest.ForPools([RotatingBatchPoolFactory.From(estate.Pools[0], "acct1.westeurope.batch.azure.com")]), estate.Clients, sink, _ => { }, CancellationToken.None);
        await inspector.InspectAsync(PoolInspectionRequest.ForPools([RotatingBatchPoolFactory.From(estate.Pools[1], "acct1.westeurope.batch.azure.com")]), estate.Clients, sink, _ => { }, CancellationToken.None);

        Assert.Equal(2, inspector.Tested);
        Assert.Equal(1, estate.CallsTo("GetCertificateAsync"));
        Assert.Equal(2, estate.CallsTo("TryGetPoolAsync"));
        Assert.Equal(0, estate.CallsTo("GetAccountAsync")); // the piped pools carry their account endpoint
    }

    [Fact]
    public async Task Piped_pools_are_read_again_a_missing_one_is_an_error_and_the_account_endpoint_is_read_once()
    {
        var estate = new FakeEstate(pools: 5, vaults: 1);
        var inputs = estate.Pools.Select(p => RotatingBatchPoolFactory.From(p, null)).ToList();
        inputs.Add(new RotatingBatchPool { PoolResourceId = PoolFactsBuilder.AccountId + "/pools/gone", Name = "gone" });

        var (reports, sink, inspector) = await RunAsync(estate, PoolInspectionRequest.ForPools(inputs));

        Assert.Equal(5, reports.Count);
        Assert.All(reports, r => Assert.True(r.IsCompliant));
        Assert.Equal(6, estate.CallsTo("TryGetPoolAsync"));
        Assert.Equal(1, estate.CallsTo("GetAccountAsync"));
        Assert.Equal(InspectionErrorIds.PoolNotFound, Assert.Single(sink.Errors).ErrorId);
        Assert.False(inspector.AllCompliant);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Calls_run_concurrently_but_never_more_than_the_throttle_limit(int limit)
    {
        var estate = new FakeEstate(pools: 12, vaults: 3) { Latency = TimeSpan.FromMilliseconds(15) };

        var (reports, _, _) = await RunAsync(estate, Account(), Options(limit));

        Assert.Equal(12, reports.Count);
        Assert.InRange(estate.MaxInFlight, limit == 1 ? 1 : 2, limit);
    }

    [Fact]
    public async Task Reports_stream_out_while_other_pools_are_still_being_read()
    {
        var estate = new FakeEstate(pools: 6, vaults: 1);
        var firstEmitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        estate.Before["ListNodesAsync"] = async args =>
        {
            if ((string)args[1]! == "pool5")
            {
                await firstEmitted.Task.WaitAsync(TimeSpan.FromSeconds(10)); // pool5 finishes only after another report is out
            }
        };
        var reports = new ConcurrentQueue<PoolCertificateReport>();
        var inspector = new PoolCertificateInspector(Options());

        await inspector.InspectAsync(Account(), estate.Clients, new ListSink(), r =>
        {
            reports.Enqueue(r);
            firstEmitted.TrySetResult();
        }, CancellationToken.None);

        Assert.Equal(6, reports.Count);
        Assert.Equal("pool5", reports.Last().Name);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_pipelines_retries_slows_the_run_but_does_not_break_it()
    {
        var estate = new FakeEstate(pools: 4, vaults: 1);
        var throttles = 3;
        estate.Before["GetVaultAsync"] = _ => Interlocked.Decrement(ref throttles) >= 0 ? throw FakeEstate.Throttled() : Task.CompletedTask;
        var delays = new List<TimeSpan>();

        var (reports, sink, inspector) = await RunAsync(estate, Account(), delays: delays);

        Assert.Equal(4, reports.Count);
        Assert.All(reports, r => Assert.True(r.IsCompliant));
        Assert.Equal(4, estate.CallsTo("GetVaultAsync"));
        Assert.Equal(3, inspector.ThrottledCalls);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], delays);
        Assert.Contains(sink.Verbose, v => v.Contains("still throttling"));
    }

    [Fact]
    public async Task Throttling_that_never_ends_leaves_the_checks_skipped_not_passed()
    {
        var estate = new FakeEstate(pools: 1, vaults: 1);
        estate.Before["GetCertificateAsync"] = _ => throw FakeEstate.Throttled();

        var (reports, _, inspector) = await RunAsync(estate, Account());

        var report = Assert.Single(reports);
        report.Expect(PoolCheckIds.CertificateExists, CheckStatus.Skipped, "429");
        Assert.False(report.IsCompliant);
        Assert.Equal(1 + BatchRotation.Core.Operations.Inspection.Gathering.AzureCallGate.ThrottleRetries, estate.CallsTo("GetCertificateAsync"));
        Assert.False(inspector.AllCompliant);
    }

    [Fact]
    public async Task A_vault_in_another_subscription_is_found_through_the_callers_subscriptions_once_per_run()
    {
        var estate = new FakeEstate(pools: 4, vaults: 2) { VaultSubscription = "99999999-0000-0000-0000-000000000000" };

        var (reports, _, _) = await RunAsync(estate, Account());

        Assert.All(reports, r => Assert.True(r.IsCompliant, ReportExtensions.Describe(r)));
        Assert.Equal(1, estate.CallsTo("ListSubscriptionsAsync"));
        Assert.Equal(2, estate.CallsTo("ListVaultsAsync")); // the pools' subscription, then the other enabled one
    }

    [Fact]
    public async Task A_vault_that_does_not_answer_is_not_searched_for_in_every_subscription()
    {
        var estate = new FakeEstate(pools: 2, vaults: 1) { VaultSubscription = "99999999-0000-0000-0000-000000000000" };
        estate.Before["GetCertificateAsync"] = _ => throw new BatchRotation.Core.Errors.BatchRotationException(
            "AzureResourceNotFound", BatchRotation.Core.Errors.ErrorKind.NotFound, "no vault") { Status = 404, AzureErrorCode = "VaultNotFound" };

        var (reports, _, _) = await RunAsync(estate, Account());

        Assert.All(reports, r => r.Expect(PoolCheckIds.CertificateVaultExists, CheckStatus.Failed));
        Assert.Equal(0, estate.CallsTo("ListSubscriptionsAsync"));
    }

    [Fact]
    public async Task A_pool_named_exactly_that_does_not_exist_is_one_error_and_no_report()
    {
        var estate = new FakeEstate(pools: 2, vaults: 1);

        var (reports, sink, inspector) = await RunAsync(estate, Account("nosuchpool"));

        Assert.Empty(reports);
        var error = Assert.Single(sink.Errors);
        Assert.Equal(InspectionErrorIds.PoolNotFound, error.ErrorId);
        Assert.Equal(PoolFactsBuilder.AccountId + "/pools/nosuchpool", error.Target);
        Assert.False(inspector.AllCompliant);
        Assert.Equal(1, inspector.Errors);
    }

    [Fact]
    public async Task Several_names_and_patterns_test_each_matching_pool_once_and_report_each_missing_name()
    {
        var estate = new FakeEstate(pools: 12, vaults: 1);

        var (reports, sink, _) = await RunAsync(estate,
            PoolInspectionRequest.ForAccount(PoolFactsBuilder.Sub, "rg1", "acct1", ["pool1", "pool1*", "POOL2", "gone"]));

        Assert.Equal(["pool1", "pool10", "pool11", "pool2"], reports.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, estate.CallsTo("ListPoolsAsync"));
        var error = Assert.Single(sink.Errors);
        Assert.Equal(InspectionErrorIds.PoolNotFound, error.ErrorId);
        Assert.Equal(PoolFactsBuilder.AccountId + "/pools/gone", error.Target);
    }

    [Theory]
    [InlineData("pool1*", 3)]
    [InlineData("POOL?", 10)]
    [InlineData("pool[0-2]", 3)]
    [InlineData("nothing*", 0)]
    [InlineData("pool3", 1)]
    public async Task Names_match_as_powershell_wildcards(string pattern, int expected)
    {
        var estate = new FakeEstate(pools: 12, vaults: 1);

        var (reports, sink, _) = await RunAsync(estate, Account(pattern), Options(node: NodeScope.None));

        Assert.Equal(expected, reports.Count);
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public async Task A_missing_account_is_one_error()
    {
        var estate = new FakeEstate(pools: 1, vaults: 1);
        estate.Before["GetAccountAsync"] = _ => throw FakeEstate.NotFound("acct1");

        var (reports, sink, _) = await RunAsync(estate, Account());

        Assert.Empty(reports);
        Assert.Equal(InspectionErrorIds.BatchAccountNotFound, Assert.Single(sink.Errors).ErrorId);
    }

    [Fact]
    public async Task Every_pool_of_a_subscription_is_tested_and_its_vaults_searched()
    {
        var estate = new FakeEstate(pools: 3, vaults: 1);

        var (reports, _, _) = await RunAsync(estate, PoolInspectionRequest.ForSubscriptions([PoolFactsBuilder.Sub]));

        Assert.Equal(3, reports.Count);
        Assert.Equal(1, estate.CallsTo("ListAccountsAsync"));
        Assert.Equal(1, estate.CallsTo("ListVaultsAsync"));
    }

    [Fact]
    public async Task A_subscription_whose_accounts_cannot_be_listed_is_one_error_and_the_others_go_on()
    {
        var estate = new FakeEstate(pools: 2, vaults: 1);
        estate.Before["ListAccountsAsync"] = args => (string)args[0]! == "deadbeef-0000-0000-0000-000000000000"
            ? throw new BatchRotation.Core.Errors.BatchRotationException("AzurePermissionDenied", BatchRotation.Core.Errors.ErrorKind.PermissionDenied, "403") { Status = 403, RequestId = "req-1" }
            : Task.CompletedTask;

        var (reports, sink, _) = await RunAsync(estate, PoolInspectionRequest.ForSubscriptions(["deadbeef-0000-0000-0000-000000000000", PoolFactsBuilder.Sub]));

        Assert.Equal(2, reports.Count);
        var error = Assert.Single(sink.Errors);
        Assert.Equal(InspectionErrorIds.PoolListFailed, error.ErrorId);
        Assert.Equal("req-1", error.RequestId);
    }

    [Fact]
    public async Task Progress_counts_the_pools_and_completes()
    {
        var estate = new FakeEstate(pools: 5, vaults: 1);

        var (_, sink, _) = await RunAsync(estate, Account());

        var progress = sink.Progress.ToList();
        Assert.Contains(progress, p => p.Status == "5 of 5 pool(s) tested, 0 not compliant");
        Assert.True(progress[^1].Completed);
        Assert.All(progress, p => Assert.Equal(PoolCertificateInspector.ProgressActivityId, p.ActivityId));
    }

    [Fact]
    public async Task Only_reads_are_made()
    {
        var estate = new FakeEstate(pools: 2, vaults: 1);

        await RunAsync(estate, Account());

        Assert.All(estate.Calls.Keys, m => Assert.True(m.StartsWith("Get", StringComparison.Ordinal) || m.StartsWith("List", StringComparison.Ordinal) || m.StartsWith("TryGet", StringComparison.Ordinal), m));
    }

    [Fact]
    public async Task Cancellation_stops_the_run()
    {
        var estate = new FakeEstate(pools: 5, vaults: 1) { Latency = TimeSpan.FromMilliseconds(50) };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new PoolCertificateInspector(Options()).InspectAsync(Account(), estate.Clients, new ListSink(), _ => { }, cancel.Token));
    }
}
