using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.PowerShell.Tests.Infrastructure;

namespace BatchRotation.PowerShell.Tests;

/// <summary>
/// An account (clock 600x) with a pool made by the module's own pipeline (Grant-PoolVaultAccess | New-RotatingBatchPool
/// -Wait), and two pools made by "another tool" with raw ARM PUTs: one observing a versioned URL, one whose identity
/// cannot read the secret.
/// </summary>
public sealed class InspectedPoolsFixture : PowerShellFixture
{
    protected override double? ClockScale => 600;

    public string Group { get; private set; } = null!;

    public SeededAccount Account { get; private set; } = null!;

    public SeededIdentity Identity { get; private set; } = null!;

    public SeededCertificate Certificate { get; private set; } = null!;

    public (string, object?)[] Variables => [("group", Group), ("account", Account.Name)];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Group = await ResourceGroupAsync();
        Account = await AccountAsync(Group);
        Identity = await IdentityAsync(Group);
        Certificate = await CertificateAsync(await VaultAsync(Group));
        using (var session = Connected())
        {
            session.Run("""
                Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url |
                    New-RotatingBatchPool -ResourceGroupName $group -AccountName $account -Name rotating -VmSize Standard_D2s_v3 -TargetDedicatedNodes 2 -Wait -Timeout 00:03:00
                """, [.. Variables, ("identity", Identity.Id), ("url", Certificate.VersionlessSecretId.ToString())]).Single();
        }

        var stranger = await IdentityAsync(Group);
        await OtherToolPoolAsync("pinned", Certificate.SecretId.ToString(), Identity);
        await OtherToolPoolAsync("noaccess", Certificate.VersionlessSecretId.ToString(), stranger);
    }

    private async Task OtherToolPoolAsync(string name, string url, SeededIdentity identity)
    {
        var settings = BatchSeeder.KeyVaultSettings([url], identity.ClientId);
        await Emulator.CreatePoolAsync(Group, Account.Name, name, BatchSeeder.PoolBody(identityIds: [identity.Id], extensions: [BatchSeeder.KeyVaultExtension(settings)]));
        await Emulator.WaitForNodesAsync(Account.Name, name, count: 1);
    }
}

/// <summary>
/// Test-PoolCertificate on pools made by the module and by another tool, in a real PowerShell (Inspection/ has the
/// views, -Quiet, piping, PoolNotFound and the main job with a renewal).
/// </summary>
public sealed class PoolCertificateComplianceTests(InspectedPoolsFixture fixture) : IClassFixture<InspectedPoolsFixture>
{
    private const string TestId = "BatchRotation.Commands.Cmdlets.TestPoolCertificateCommand";

    [Fact]
    public void A_pool_made_by_the_modules_pipeline_passes_every_check_down_to_its_nodes()
    {
        using var session = fixture.Connected();

        var report = session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name rotating", fixture.Variables).Single();

        Assert.Equal("BatchRotation.Core.Operations.Inspection.PoolCertificateReport", report.TypeName());
        Assert.Equal(true, report.Property("IsCompliant"));
        var checks = report.Items("Checks");
        Assert.True(checks.Count > 25, $"{checks.Count} checks");
        Assert.All(checks, c => Assert.True(c.Text("Status") == "Passed", c.ToString()));
        foreach (var id in new[] { "Certificate.Versionless", "Certificate.SecretsPath", "Access.SecretReadable", "Access.LeastPrivilege", "Nodes.ExtensionSucceeded" })
        {
            Assert.Contains(checks, c => c.Text("Id") == id);
        }

        Assert.Equal($"{fixture.Account.Id}/pools/rotating", report.Text("PoolResourceId"));
        Assert.Equal(fixture.Identity.Id, report.Text("IdentityResourceId"));
        var nodes = report.Property("Nodes")!;
        Assert.Equal(2, nodes.Property("Total"));
        Assert.Equal(2, nodes.Property("ExtensionSucceeded"));
        var certificate = Assert.Single(report.Items("Certificates"));
        Assert.Equal(fixture.Certificate.VersionlessSecretId.ToString(), certificate.Text("SecretUrl"));
        Assert.Equal(fixture.Certificate.Version, certificate.Text("CurrentVersion"));
        Assert.Equal(fixture.Certificate.Thumbprint, certificate.Text("Thumbprint"));
        Assert.Equal(true, certificate.Property("AutoRenew"));
        Assert.Equal(true, certificate.Property("IdentityCanRead"));
    }

    [Fact]
    public void Node_None_leaves_the_node_checks_out()
    {
        using var session = fixture.Connected();

        var report = session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name rotating -Node None", fixture.Variables).Single();

        Assert.DoesNotContain(report.Items("Checks"), c => c.Text("Id")!.StartsWith("Nodes.", StringComparison.Ordinal));
        Assert.Null(report.Property("Nodes"));
        Assert.Equal(true, report.Property("IsCompliant"));
    }

    [Fact]
    public void A_pool_whose_identity_cannot_read_the_secret_fails_access_and_its_nodes_with_the_403()
    {
        using var session = fixture.Connected();

        var report = session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name noaccess", fixture.Variables).Single();

        var checks = report.Items("Checks");
        var access = Assert.Single(checks, c => c.Text("Id") == "Access.SecretReadable");
        Assert.Equal("Failed", access.Text("Status"));
        Assert.Contains("Grant-PoolVaultAccess", access.Text("Remedy"));
        var nodes = Assert.Single(checks, c => c.Text("Id") == "Nodes.ExtensionSucceeded");
        Assert.Equal("Failed", nodes.Text("Status"));
        Assert.Contains("403", nodes.Text("Message"));
    }

    /// <summary>ARCHITECTURE.md's repair pipeline: the report of a pool whose identity cannot read its secret, piped into the grant.</summary>
    [Fact]
    public void A_failing_report_piped_into_Grant_PoolVaultAccess_repairs_the_pools_access()
    {
        using var session = fixture.Connected();

        var result = session.Run("""
            $report = Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name noaccess
            $report | Grant-PoolVaultAccess -WhatIf
            $report
            """, fixture.Variables).Succeeded();

        Assert.Equal(2, result.Output.Count);
        var (access, report) = (result.Objects[0], result.Objects[1]);
        Assert.Equal("BatchRotation.Core.Operations.Grants.PoolVaultAccess", access.TypeName());
        Assert.Equal(report.Text("IdentityResourceId"), access.Text("IdentityResourceId"));
        Assert.Equal([fixture.Certificate.VersionlessSecretId.ToString()], access.Texts("CertificateUrl"));
        Assert.Equal("Skipped", Assert.Single(access.Items("Grants")).Text("Status"));
    }

    [Fact]
    public void Several_names_give_one_report_per_pool_as_Get_RotatingBatchPool_accepts_them()
    {
        using var session = fixture.Connected();

        var reports = session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name rotating, pin*, rotating -Node None", fixture.Variables)
            .Succeeded().Objects;

        Assert.Equal(["pinned", "rotating"], reports.Select(r => r.Text("Name")).Order());
    }

    [Fact]
    public void An_estate_scan_from_Get_RotatingBatchPool_gives_one_report_per_pool()
    {
        using var session = fixture.Connected();

        var reports = session.Run("Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account | Test-PoolCertificate -Node Unhealthy -ThrottleLimit 4", fixture.Variables)
            .Succeeded().Objects;

        Assert.Equal(["noaccess", "pinned", "rotating"], reports.Select(r => r.Text("Name")).Order());
        Assert.Equal(["rotating"], reports.Where(r => Equals(r.Property("IsCompliant"), true)).Select(r => r.Text("Name")));
    }

    [Fact]
    public void Quiet_answers_false_when_a_named_pool_is_missing()
    {
        using var session = fixture.Connected();

        var quiet = session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name nosuchpool -Quiet", fixture.Variables);

        Assert.Equal([false], quiet.Objects);
        Assert.Equal($"PoolNotFound,{TestId}", Assert.Single(quiet.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void An_account_that_does_not_exist_is_BatchAccountNotFound()
    {
        using var session = fixture.Connected();

        var result = session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName nosuchaccount", fixture.Variables);

        Assert.Equal($"BatchAccountNotFound,{TestId}", result.Error().FullyQualifiedErrorId);
        Assert.Empty(result.Output);
    }

}
