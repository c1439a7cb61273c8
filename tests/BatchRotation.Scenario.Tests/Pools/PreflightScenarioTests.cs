using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations.Pools;
using BatchRotation.Core.Rules;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Pools;

/// <summary>Every pre-flight failure leaves the request journal without a single write to ARM, Key Vault or Batch.</summary>
public sealed class PreflightScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>
{
    public static TheoryData<string, string> Failures => new()
    {
        { "bad pool name", RuleErrorIds.InvalidPoolName },
        { "missing account", PoolErrorIds.AccountNotFound },
        { "missing identity", PoolErrorIds.IdentityNotFound },
        { "unknown vault", PoolErrorIds.CertificateVaultNotFound },
        { "missing certificate", PoolErrorIds.CertificateNotFound },
        { "disabled certificate", PoolErrorIds.CertificateDisabled },
        { "certificate without AutoRenew", PoolErrorIds.CertificateNotAutoRenewed },
        { "no access policy", PoolErrorIds.IdentityCannotReadSecret },
        { "rbac vault without a role", PoolErrorIds.IdentityCannotReadSecret },
        { "linkOnRenewal on Linux", RuleErrorIds.ExtensionOptionNotSupported },
        { "Windows 4.0 on Server 2019", RuleErrorIds.ExtensionVersionNotSupportedOnImage },
        { "existing pool", PoolErrorIds.PoolAlreadyExists },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failed_check_writes_nothing(string problem, string errorId)
    {
        var world = await scenario.NewWorldAsync(problem == "rbac vault without a role" ? VaultPermissionModel.Rbac : VaultPermissionModel.AccessPolicies);
        if (problem != "no access policy" && problem != "rbac vault without a role")
        {
            await scenario.GrantAsync(world);
        }

        var request = await Arrange(problem, world);
        var mark = await scenario.JournalMarkAsync();

        var failure = await Assert.ThrowsAsync<BatchRotationException>(() =>
            scenario.Provisioner().CreateAsync(request, new RecordingSink(), CancellationToken.None));

        Assert.Equal(errorId, failure.ErrorId);
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
        Assert.Empty(await scenario.WritesSinceAsync(mark));
        if (problem == "unknown vault")
        {
            Assert.DoesNotContain(await scenario.Emulator.JournalAsync(mark), e => ((string)e!["url"]!).Contains("/keyvault/nosuchvault", StringComparison.OrdinalIgnoreCase));
        }

        if (problem is "missing account" or "missing identity")
        {
            Assert.False(string.IsNullOrEmpty(failure.RequestId));
        }
    }

    private async Task<NewRotatingBatchPoolRequest> Arrange(string problem, PoolWorld world)
    {
        var request = scenario.Request(world, "checked");
        var vaultBase = world.Vault.VaultUri.AbsoluteUri;
        switch (problem)
        {
            case "bad pool name":
                return request with { PoolName = "no spaces allowed" };
            case "missing account":
                return request with { AccountName = "nosuchaccount" };
            case "missing identity":
                return request with { IdentityResourceId = world.Identity.Id.Replace("pool-identity", "nobody", StringComparison.Ordinal) };
            case "unknown vault":
                return request with { CertificateUrls = new[] { vaultBase.Replace(world.Vault.Name, "nosuchvault", StringComparison.Ordinal) + "secrets/web-tls" } };
            case "missing certificate":
                return request with { CertificateUrls = new[] { vaultBase + "secrets/nothing-here" } };
            case "disabled certificate":
                await scenario.Emulator.CreateCertificateAsync(world.Vault, "disabled", new CertificateSeed { Enabled = false });
                return request with { CertificateUrls = new[] { vaultBase + "secrets/disabled" } };
            case "certificate without AutoRenew":
                await scenario.Emulator.CreateCertificateAsync(world.Vault, "emailonly", new CertificateSeed { AutoRenew = false });
                await scenario.GrantAsync(world, vaultBase + "secrets/emailonly");
                return request with { CertificateUrls = new[] { vaultBase + "secrets/emailonly" } };
            case "linkOnRenewal on Linux":
                return request with { LinkOnRenewal = true };
            case "Windows 4.0 on Server 2019":
                return request with { Image = "WindowsServer2019", ExtensionVersion = "4.0" };
            case "existing pool":
                await scenario.Emulator.CreatePoolAsync(world.ResourceGroup, world.Account, "checked", BatchSeeder.PoolBody(dedicated: 0));
                return request;
            default:
                return request;
        }
    }

    [Fact]
    public async Task A_certificate_key_vault_cannot_renew_is_accepted_with_a_warning()
    {
        var world = await scenario.NewWorldAsync(certificate: new CertificateSeed { Issuer = "Unknown", AutoRenew = false });
        await scenario.GrantAsync(world);
        var sink = new RecordingSink();

        var pool = await scenario.Provisioner().CreateAsync(scenario.Request(world, "imported"), sink, CancellationToken.None);

        Assert.NotNull(pool);
        Assert.Contains(sink.Warnings, w => w.Contains("issuer 'Unknown'") && w.Contains("never renews it by itself"));
    }
}
