using System.Text.Json.Nodes;
using BatchRotation.Core.Operations.Grants;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Core.Operations.Pools;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Inspection;

/// <summary>
/// The main job without PowerShell: exactly the demo's steps (tests/demo/Demo.ps1) through the Core operations
/// behind Grant-PoolVaultAccess, New-RotatingBatchPool -Wait and Test-PoolCertificate, against the emulator.
/// </summary>
public sealed class MainJobScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>
{
    [Fact]
    public async Task MainJob_end_to_end()
    {
        var emulator = scenario.Emulator;
        var token = CancellationToken.None;

        // What an administrator already has: an account, an identity, a vault and a certificate that renews itself.
        var resourceGroup = ArmSeeder.UniqueName("rg-mainjob-");
        await emulator.CreateResourceGroupAsync(resourceGroup);
        var account = ArmSeeder.UniqueName("mainjob");
        await emulator.CreateAccountAsync(resourceGroup, account);
        var identity = await emulator.CreateUserAssignedIdentityAsync(resourceGroup, "demo-pool-identity");
        var vault = await emulator.CreateVaultAsync(resourceGroup, ArmSeeder.UniqueName("kv"));
        var certificate = await emulator.CreateCertificateAsync(vault, "web");
        var clock = await emulator.ControlAsync(HttpMethod.Post, "clock", new JsonObject { ["scale"] = 600 });
        clock.EnsureSuccessStatusCode();

        // Grant-PoolVaultAccess
        var sink = new RecordingSink();
        var access = await VaultAccessGranter.Create(scenario.Clients, scenario.Context)
            .GrantAsync(new GrantRequest(identity.Id, [certificate.VersionlessSecretId.ToString()]), sink, token);
        Assert.NotNull(access);

        // | New-RotatingBatchPool -Wait (binding IdentityResourceId and CertificateUrl by name)
        var provisioner = new PoolProvisioner(PoolClients.From(scenario.Clients), new PoolOperationOptions
        {
            InitialPollInterval = TimeSpan.FromMilliseconds(200),
            MaxPollInterval = TimeSpan.FromSeconds(1),
        });
        var pool = await provisioner.CreateAsync(
            new NewRotatingBatchPoolRequest("demo-pool", access!.IdentityResourceId, access.CertificateUrl, "Standard_D2s_v3")
            {
                SubscriptionId = scenario.SubscriptionId,
                ResourceGroupName = resourceGroup,
                AccountName = account,
                TargetDedicatedNodes = 2,
                Wait = true,
                Timeout = TimeSpan.FromMinutes(2),
            },
            sink,
            token);
        Assert.NotNull(pool);

        // | Test-PoolCertificate
        var options = new InspectionOptions { Clock = () => emulator.Host.Runtime.Clock.UtcNow };
        var before = await TestAsync(PoolInspectionRequest.ForPools([pool!]), options);
        Assert.True(before.IsCompliant, ReportAssertions.Describe(before));
        Assert.Equal(certificate.Version, before.Certificates[0].CurrentVersion);
        Assert.Equal(certificate.Thumbprint, before.Certificates[0].Thumbprint);
        Assert.Equal(2, before.Nodes!.ExtensionSucceeded);

        // Key Vault renews the certificate; one polling interval (3600 s by default) passes.
        var renewed = await emulator.RenewCertificateAsync(vault, "web");
        await emulator.AdvanceAsync(3601);

        // Test-PoolCertificate -ResourceGroupName -AccountName -Name again
        var after = await TestAsync(PoolInspectionRequest.ForAccount(scenario.SubscriptionId, resourceGroup, account, "demo-pool"), options);
        Assert.True(after.IsCompliant, ReportAssertions.Describe(after));
        Assert.Equal(renewed.Version, after.Certificates[0].CurrentVersion);
        Assert.Equal(renewed.Thumbprint, after.Certificates[0].Thumbprint);
        Assert.NotEqual(before.Certificates[0].Thumbprint, after.Certificates[0].Thumbprint);
        Assert.Empty(sink.Errors);

        // Every node holds the new certificate (the emulator's view of the nodes' disks).
        foreach (var node in after.Nodes!.Nodes)
        {
            var held = await emulator.NodeCertificatesAsync(account, "demo-pool", node.NodeId);
            Assert.Equal(renewed.Thumbprint, (string?)held["extensions"]![0]!["certificates"]![0]!["thumbprint"]);
        }
    }

    private async Task<PoolCertificateReport> TestAsync(PoolInspectionRequest request, InspectionOptions options)
    {
        var reports = new List<PoolCertificateReport>();
        var sink = new RecordingSink();
        await new PoolCertificateInspector(options).InspectAsync(request, InspectionClients.From(scenario.Clients), sink, reports.Add, CancellationToken.None);
        Assert.Empty(sink.Errors);
        return Assert.Single(reports);
    }
}
