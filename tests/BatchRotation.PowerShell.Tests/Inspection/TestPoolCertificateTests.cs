using System.Text.Json.Nodes;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.PowerShell.Tests.Infrastructure;

namespace BatchRotation.PowerShell.Tests.Inspection;

/// <summary>
/// Test-PoolCertificate in a real PowerShell engine with the built module, against the emulator: the objects a
/// compliance suite asserts on, -Quiet, piped pools, the views, progress, errors and ErrorIds, and no writes.
/// </summary>
public sealed class TestPoolCertificateTests(PowerShellFixture fixture) : IClassFixture<PowerShellFixture>, IAsyncLifetime
{
    private const string CommandId = "BatchRotation.Commands.Cmdlets.TestPoolCertificateCommand";
    private string _group = null!;
    private SeededAccount _account = null!;
    private SeededIdentity _identity = null!;
    private SeededCertificate _certificate = null!;

    public async Task InitializeAsync()
    {
        var emulator = fixture.Emulator;
        _group = await fixture.ResourceGroupAsync();
        _account = await fixture.AccountAsync(_group);
        _identity = await fixture.IdentityAsync(_group);
        var vault = await fixture.VaultAsync(_group);
        _certificate = await fixture.CertificateAsync(vault);
        await emulator.AddAccessPolicyAsync(vault, _identity.PrincipalId, secrets: ["get", "list"]);
        await CreatePoolAsync("clean", _certificate.VersionlessSecretId.ToString());
        await CreatePoolAsync("pinned", _certificate.SecretId.ToString());
        await emulator.WaitForNodesAsync(_account.Name, "clean", 1);
        await emulator.WaitForNodesAsync(_account.Name, "pinned", 1);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task CreatePoolAsync(string name, string url) =>
        fixture.Emulator.CreatePoolAsync(_group, _account.Name, name, BatchSeeder.PoolBody(
            dedicated: 1,
            identityIds: [_identity.Id],
            extensions: [BatchSeeder.KeyVaultExtension(BatchSeeder.KeyVaultSettings([url], _identity.ClientId))]));

    private (string, object?)[] Names(string? pool = null) => [("group", _group), ("account", _account.Name), ("pool", pool)];

    [Fact]
    public void A_clean_pool_gives_a_compliant_report_that_a_suite_filters_by_check_id()
    {
        using var session = fixture.Connected();

        var report = session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name $pool", Names("clean")).Single();

        Assert.Equal("BatchRotation.Core.Operations.Inspection.PoolCertificateReport", report.TypeName());
        Assert.Equal(true, report.Property("IsCompliant"));
        var versionless = session.Run(
            "(Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name $pool).Checks | Where-Object Id -eq 'Certificate.Versionless' | ForEach-Object { $_.Status.ToString() }",
            Names("clean")).Single();
        Assert.Equal("Passed", versionless);
        var thumbprint = session.Run("(Test-PoolCertificate $group $account $pool).Certificates[0].Thumbprint", Names("clean")).Single();
        Assert.Equal(_certificate.Thumbprint, thumbprint);
    }

    [Fact]
    public void A_pool_with_a_versioned_url_fails_with_the_remedy_to_run()
    {
        using var session = fixture.Connected();

        var check = session.Run(
            "(Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name $pool).Checks | Where-Object Id -eq 'Certificate.Versionless'",
            Names("pinned")).Single();

        Assert.Equal("Failed", check.Text("Status"));
        Assert.Equal(_certificate.SecretId.ToString(), check.Text("Target"));
        Assert.Contains("New-RotatingBatchPool", check.Text("Remedy"));
    }

    [Fact]
    public void Quiet_answers_one_boolean_for_the_whole_input()
    {
        using var session = fixture.Connected();

        Assert.Equal(true, session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name $pool -Quiet", Names("clean")).Single());
        Assert.Equal(false, session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Quiet", Names()).Single());
    }

    [Fact]
    public void Piped_pools_are_tested_one_report_each_with_progress()
    {
        using var session = fixture.Connected();

        var result = session.Run("Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account | Test-PoolCertificate -Node Unhealthy", Names()).Succeeded();

        Assert.Equal(["clean", "pinned"], result.Output.Select(r => r.Text("Name")!).Order());
        Assert.Contains(result.Progress, p => p.Activity == "Testing pool certificates" && p.StatusDescription.Contains("2 of 2 pool(s) tested"));
    }

    [Fact]
    public void The_views_show_a_line_per_pool_the_checks_grouped_by_pool_and_the_certificates()
    {
        using var session = fixture.Connected();

        var table = session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name $pool | Out-Default", Names("clean")).Succeeded().HostText;
        var checks = session.Run("(Test-PoolCertificate $group $account $pool).Checks | Out-Default", Names("clean")).Succeeded().HostText;
        var certificates = session.Run("(Test-PoolCertificate $group $account $pool).Certificates | Out-Default", Names("clean")).Succeeded().HostText;

        Assert.Matches(@"Name\s+Account\s+Compliant\s+Failed\s+Warnings\s+Skipped\s+Certificates\s+Nodes", table);
        Assert.Matches(@"clean\s+" + _account.Name + @"\s+True\s+0\s+0\s+0\s+web \(" + _certificate.Version[..8] + @"\)\s+1/1 ok", table);
        Assert.Contains("Pool: clean", checks);
        Assert.Matches(@"Passed\s+Certificate\.Versionless", checks);
        Assert.Contains(_certificate.Thumbprint, certificates);
    }

    [Fact]
    public void A_missing_pool_is_a_non_terminating_error_with_the_pool_as_target()
    {
        using var session = fixture.Connected();

        var result = session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name $pool", Names("nosuchpool"));
        var stopped = session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name $pool -ErrorAction Stop", Names("nosuchpool"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("PoolNotFound," + CommandId, error.FullyQualifiedErrorId);
        Assert.Equal($"{_account.Id}/pools/nosuchpool", error.TargetObject);
        Assert.Null(result.Terminating);
        Assert.Equal("PoolNotFound," + CommandId, stopped.Failure().FullyQualifiedErrorId);
    }

    [Fact]
    public void A_negative_expiry_warning_is_refused_before_any_call()
    {
        using var session = fixture.Connected();

        var result = session.Run(
            "try { Test-PoolCertificate -ResourceGroupName $group -AccountName $account -ExpiryWarning ([TimeSpan]::FromDays(-1)); 'went on' } catch { $_.FullyQualifiedErrorId }",
            Names());

        Assert.Equal("InvalidExpiryWarning," + CommandId, result.Single());
    }

    [Fact]
    public async Task Testing_writes_nothing_and_reads_no_secret()
    {
        using var session = fixture.Connected();
        var mark = await fixture.JournalMarkAsync();

        session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account", Names()).Succeeded();

        Assert.Empty(await fixture.WritesSinceAsync(mark));
        var urls = (await fixture.Emulator.JournalAsync(mark)).Select(e => (string)e!["url"]!).ToList();
        Assert.Contains(urls, u => u.Contains("/certificates/web"));
        Assert.DoesNotContain(urls, u => u.Contains("/secrets/"));
    }
}
