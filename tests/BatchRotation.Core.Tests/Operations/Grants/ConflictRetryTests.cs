using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations.Grants;

namespace BatchRotation.Core.Tests.Operations.Grants;

public class ConflictRetryTests
{
    [Fact]
    public async Task Conflicting_policy_writes_are_retried_with_growing_waits_until_they_succeed()
    {
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1");
        azure.Vaults.FailAdds(vault.Id, AzureFailures.Conflict(vault.Id), AzureFailures.Conflict(vault.Id), AzureFailures.Conflict(vault.Id));
        var sink = new TestSink();

        var result = await azure.Granter().GrantAsync(new GrantRequest(FakeAzure.IdentityId, new[] { FakeAzure.Url("kv1") }), sink, CancellationToken.None);

        Assert.Equal(4, azure.Vaults.Adds.Count);
        Assert.Equal(new[] { 1.0, 2.0, 4.0 }, azure.Delays.Select(d => d.TotalSeconds));
        Assert.Equal(VaultGrantStatus.Granted, Assert.Single(result!.Grants).Status);
        Assert.Equal(3, sink.Verbose.Count(v => v.Contains("retrying adding the access policy")));
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public async Task Endless_conflicts_end_in_an_error_for_that_vault()
    {
        var azure = new FakeAzure();
        var vault = azure.AddVault("kv1");
        azure.Vaults.FailAdds(vault.Id, Enumerable.Range(0, 5).Select(_ => AzureFailures.Conflict(vault.Id)).ToArray());
        var sink = new TestSink();

        var result = await azure.Granter(options: new GrantOptions { MaxConflictAttempts = 3, Delay = (_, _) => Task.CompletedTask })
            .GrantAsync(new GrantRequest(FakeAzure.IdentityId, new[] { FakeAzure.Url("kv1") }), sink, CancellationToken.None);

        Assert.Equal(3, azure.Vaults.Adds.Count);
        var error = Assert.Single(sink.Errors);
        Assert.Equal(GrantErrorIds.VaultWriteConflict, error.ErrorId);
        Assert.Equal("ConflictError", error.AzureErrorCode);
        Assert.Equal(VaultGrantStatus.Failed, Assert.Single(result!.Grants).Status);
    }

    [Fact]
    public void Waits_double_up_to_the_cap_and_are_spread_by_the_jitter()
    {
        var jitter = 0.5;
        var retry = new ConflictRetry(
            new GrantOptions { ConflictBaseDelay = TimeSpan.FromSeconds(1), ConflictMaxDelay = TimeSpan.FromSeconds(5), Jitter = () => jitter },
            new TestSink());

        Assert.Equal(0.5, retry.DelayBefore(2).TotalSeconds, 3);
        Assert.Equal(1.0, retry.DelayBefore(3).TotalSeconds, 3);
        Assert.Equal(2.5, retry.DelayBefore(10).TotalSeconds, 3);
        jitter = 1.49;
        Assert.Equal(7.45, retry.DelayBefore(10).TotalSeconds, 3);
    }

    [Fact]
    public void The_default_jitter_spreads_waits_between_half_and_one_and_a_half_times_the_mean()
    {
        var retry = new ConflictRetry(new GrantOptions { ConflictBaseDelay = TimeSpan.FromSeconds(2) }, new TestSink());

        var waits = Enumerable.Range(0, 200).Select(_ => retry.DelayBefore(2).TotalSeconds).ToList();

        Assert.All(waits, w => Assert.InRange(w, 1.0, 3.0));
        Assert.True(waits.Distinct().Count() > 100);
    }

    [Fact]
    public void Only_busy_conflicts_are_retried()
    {
        Assert.True(ConflictRetry.IsConflict(AzureFailures.Conflict("/v")));
        Assert.False(ConflictRetry.IsConflict(new BatchRotationException("AzureResourceExists", ErrorKind.ResourceExists, "exists") { Status = 409 }));
        Assert.False(ConflictRetry.IsConflict(AzureFailures.Forbidden("/v")));
    }
}
