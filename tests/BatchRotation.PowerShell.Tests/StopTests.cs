using System.Diagnostics;
using System.Management.Automation;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.PowerShell.Tests.Infrastructure;

namespace BatchRotation.PowerShell.Tests;

/// <summary>Ctrl+C (PowerShell.Stop) on a long -Wait, with the emulator's clock at real speed so that the wait really is long.</summary>
public sealed class StopTests(PowerShellFixture fixture) : IClassFixture<PowerShellFixture>
{
    [Fact]
    public async Task Stopping_a_long_New_RotatingBatchPool_Wait_ends_it_promptly_and_quietly_and_the_session_goes_on()
    {
        var group = await fixture.ResourceGroupAsync();
        var account = await fixture.AccountAsync(group);
        var identity = await fixture.IdentityAsync(group);
        var vault = await fixture.VaultAsync(group);
        var certificate = await fixture.CertificateAsync(vault);
        await fixture.Emulator.AddAccessPolicyAsync(vault, identity.PrincipalId, secrets: ["get", "list"]);
        using var session = fixture.Connected();
        using var shell = session.Create();
        shell.AddScript("New-RotatingBatchPool -ResourceGroupName $group -AccountName $account -Name slow -VmSize Standard_D2s_v3 -IdentityResourceId $identity -CertificateUrl $url -Wait -Timeout 01:00:00");
        foreach (var (name, value) in new (string, object)[] { ("group", group), ("account", account.Name), ("identity", identity.Id), ("url", certificate.VersionlessSecretId.ToString()) })
        {
            session.Runspace.SessionStateProxy.SetVariable(name, value);
        }

        var output = new PSDataCollection<PSObject>();
        var running = shell.BeginInvoke<PSObject, PSObject>(null, output);
        // Stop once the pool is created and the command follows its nodes (allocation alone takes 30 s here).
        await WaitUntilAsync(async () => (await fixture.Emulator.JournalAsync()).Any(e =>
            (string?)e!["method"] == "PUT" && ((string)e["url"]!).Contains("/pools/slow?") && (int)e["status"]! is >= 200 and < 300), TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => Task.FromResult(shell.Streams.Progress.Count > 0), TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        Assert.Equal(PSInvocationState.Running, shell.InvocationStateInfo.State);

        var clock = Stopwatch.StartNew();
        shell.Stop();
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Stop took {clock.Elapsed}.");
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(running));
        Assert.Empty(output);
        Assert.Empty(shell.Streams.Error);
        Assert.Equal(true, session.Run("(Get-BatchRotationContext).IsConnected").Single());
        // The pool was created before the wait began; stopping the wait leaves it as it is.
        Assert.NotNull(await fixture.Emulator.GetResourceAsync(fixture.Emulator.PoolId(group, account.Name, "slow"), BatchSeeder.ApiVersion));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, "The condition was not met in time.");
            await Task.Delay(50);
        }
    }
}
