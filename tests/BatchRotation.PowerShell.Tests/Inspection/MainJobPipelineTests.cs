using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.PowerShell.Tests.Infrastructure;

namespace BatchRotation.PowerShell.Tests.Inspection;

/// <summary>
/// The main job in a real PowerShell engine, as tests/demo/Demo.ps1 runs it:
/// Grant-PoolVaultAccess | New-RotatingBatchPool -Wait | Test-PoolCertificate in one pipeline, a renewal,
/// one polling interval, and Test-PoolCertificate again showing the new thumbprint.
/// </summary>
public sealed class MainJobPipelineTests(FastClockFixture fixture) : IClassFixture<FastClockFixture>
{
    [Fact]
    public async Task Grant_New_Wait_Test_then_renew_and_test_again()
    {
        var group = await fixture.ResourceGroupAsync();
        var account = await fixture.AccountAsync(group);
        var identity = await fixture.IdentityAsync(group);
        var vault = await fixture.VaultAsync(group);
        var certificate = await fixture.CertificateAsync(vault);
        using var session = fixture.Connected();
        (string, object?)[] names = [("group", group), ("account", account.Name), ("identity", identity.Id), ("url", certificate.VersionlessSecretId.ToString())];

        var before = session.Run(
            "Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url | " +
            "New-RotatingBatchPool -ResourceGroupName $group -AccountName $account -Name 'demo-pool' -VmSize 'Standard_D2s_v3' -TargetDedicatedNodes 2 -Wait -Timeout '00:03:00' | " +
            "Test-PoolCertificate",
            names).Single();

        Assert.Equal("BatchRotation.Core.Operations.Inspection.PoolCertificateReport", before.TypeName());
        Assert.Equal(true, before.Property("IsCompliant"));
        Assert.Equal(certificate.Thumbprint, before.Items("Certificates")[0].Text("Thumbprint"));

        var renewed = await fixture.Emulator.RenewCertificateAsync(vault, "web");
        await fixture.Emulator.AdvanceAsync(3601);
        var after = session.Run("Test-PoolCertificate -ResourceGroupName $group -AccountName $account -Name 'demo-pool'", names).Single();

        Assert.Equal(true, after.Property("IsCompliant"));
        Assert.Equal(renewed.Version, after.Items("Certificates")[0].Text("CurrentVersion"));
        Assert.Equal(renewed.Thumbprint, after.Items("Certificates")[0].Text("Thumbprint"));
        Assert.Equal("2", after.Property("Nodes")!.Text("ExtensionSucceeded"));
    }
}
