using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Inspection;

/// <summary>A correctly made pool passes every check, with both permission models, and stays compliant across a renewal.</summary>
public sealed class CleanPoolScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>
{
    [Theory]
    [InlineData(VaultPermissionModel.AccessPolicies)]
    [InlineData(VaultPermissionModel.Rbac)]
    public async Task A_clean_pool_passes_every_check(VaultPermissionModel model)
    {
        var world = await InspectionWorld.CreateAsync(scenario, model);
        var pool = await world.CreatePoolAsync(world.PoolBody(dedicated: 2));

        var report = await world.TestAsync(pool);

        Assert.True(report.IsCompliant, ReportAssertions.Describe(report));
        Assert.All(report.Checks, c => Assert.True(c.Status == CheckStatus.Passed, $"{c.Id}: {c.Status} {c.Message}"));
        var expected = PoolCheckCatalog.All.Select(d => d.Id).ToHashSet();
        Assert.Equal(expected, report.Checks.Select(c => c.Id).ToHashSet());
        var certificate = Assert.Single(report.Certificates);
        Assert.Equal(world.Certificate.Version, certificate.CurrentVersion);
        Assert.Equal(world.Certificate.Thumbprint, certificate.Thumbprint);
        Assert.Equal(world.SecretUrl, certificate.SecretUrl);
        Assert.True(certificate.AutoRenew);
        Assert.Equal("Self", certificate.Issuer);
        Assert.True(certificate.IdentityCanRead);
        Assert.Equal(2, report.Nodes!.Total);
        Assert.Equal(2, report.Nodes.ExtensionSucceeded);
        Assert.Equal(world.Identity.Id, report.IdentityResourceId, ignoreCase: true);
        Assert.Equal(world.Identity.PrincipalId, report.IdentityPrincipalId);
    }

    [Fact]
    public async Task After_a_renewal_and_one_polling_interval_the_report_shows_the_new_version_and_stays_compliant()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var pool = await world.CreatePoolAsync(world.PoolBody(world.Settings(pollingIntervalInS: "600")));
        var before = await world.TestAsync(pool);
        Assert.True(before.IsCompliant, ReportAssertions.Describe(before));

        var renewed = await scenario.Emulator.RenewCertificateAsync(world.Vault, "poolcert");
        await scenario.Emulator.AdvanceAsync(601);
        var after = await world.TestAsync(pool);

        Assert.NotEqual(world.Certificate.Version, renewed.Version);
        var certificate = Assert.Single(after.Certificates);
        Assert.Equal(renewed.Version, certificate.CurrentVersion);
        Assert.Equal(renewed.Thumbprint, certificate.Thumbprint);
        Assert.NotEqual(before.Certificates[0].Thumbprint, certificate.Thumbprint);
        Assert.True(after.IsCompliant, ReportAssertions.Describe(after));
        // The node really follows: it holds the new version (the emulator's view of the node).
        var node = (string)(await scenario.Emulator.ListNodesAsync(world.Account, pool))[0]!["id"]!;
        var held = (await scenario.Emulator.NodeCertificatesAsync(world.Account, pool, node))["extensions"]![0]!["certificates"]![0]!;
        Assert.Equal(renewed.Version, (string?)held["version"]);
    }

    [Fact]
    public async Task Only_certificate_metadata_is_read_never_a_secret()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var pool = await world.CreatePoolAsync(world.PoolBody());
        var mark = await scenario.JournalMarkAsync();

        await world.TestAsync(pool);

        var requests = await scenario.RequestsSinceAsync(mark);
        Assert.Contains(requests, r => r.Url.Contains("/certificates/poolcert", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(requests, r => r.Url.Contains("/secrets/", StringComparison.OrdinalIgnoreCase));
        Assert.All(requests, r => Assert.Equal("GET", r.Method));
    }
}
