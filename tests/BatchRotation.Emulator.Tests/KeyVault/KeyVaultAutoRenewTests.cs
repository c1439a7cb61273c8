using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;
using static BatchRotation.Emulator.Tests.KeyVault.KeyVaultTestSupport;

namespace BatchRotation.Emulator.Tests.KeyVault;

/// <summary>AutoRenew driven by simulated time. Each test uses its own vault; the clock only moves forward.</summary>
public sealed class KeyVaultAutoRenewTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private async Task<JsonArray> VersionsAsync(SeededVault vault, string name) =>
        (JsonArray)(await emulator.KeyVaultPipeline().SendAsync(RequestMethod.Get, Kv(vault, $"certificates/{name}/versions"))).Json()!["value"]!;

    [Fact]
    public async Task AutoRenew_at_a_lifetime_percentage_makes_a_new_version_once_the_clock_passes_the_trigger()
    {
        var vault = await emulator.NewVaultAsync();
        var original = await emulator.CreateCertificateAsync(vault, "rotating", new CertificateSeed { ValidityMonths = 12, LifetimePercentage = 80 });
        var trigger = original.NotBefore + TimeSpan.FromTicks((original.Expires - original.NotBefore).Ticks / 100 * 80);
        var pipeline = emulator.KeyVaultPipeline();

        await emulator.AdvanceClockAsync(trigger - emulator.SimulatedNow() - TimeSpan.FromDays(1));
        var before = await emulator.GetCertificateAsync(vault, "rotating");
        Assert.Equal(original.Version, before.Version);
        Assert.Single(await VersionsAsync(vault, "rotating"));

        await emulator.AdvanceClockAsync(TimeSpan.FromDays(2));
        var renewed = await emulator.GetCertificateAsync(vault, "rotating");

        Assert.NotEqual(original.Version, renewed.Version);
        Assert.NotEqual(original.Thumbprint, renewed.Thumbprint);
        Assert.True(renewed.Enabled);
        // Issued when the trigger passed (Key Vault backdates notBefore by 10 minutes), valid for the policy's 12 months.
        var created = DateTimeOffset.FromUnixTimeSeconds((long)renewed.Bundle["attributes"]!["created"]!);
        Assert.InRange(created, trigger.AddSeconds(-1), trigger.AddSeconds(1));
        Assert.Equal(created.AddMinutes(-10), renewed.NotBefore);
        Assert.Equal(created.AddMonths(12), renewed.Expires);
        using var x509 = X509CertificateLoader.LoadCertificate(Convert.FromBase64String((string)renewed.Bundle["cer"]!));
        Assert.Equal(renewed.Thumbprint, x509.Thumbprint);
        Assert.Equal(2, (await VersionsAsync(vault, "rotating")).Count);

        // The versionless secret now answers the new version; the old version is still there.
        var secret = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/rotating"))).Json()!;
        Assert.Equal(renewed.SecretId.ToString(), (string?)secret["id"]);
        using var pfx = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String((string)secret["value"]!), null);
        Assert.Equal(renewed.Thumbprint, pfx.Thumbprint);
        var old = (await pipeline.SendAsync(RequestMethod.Get, new Uri(original.SecretId + "?api-version=" + Api))).Json()!;
        using var oldPfx = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String((string)old["value"]!), null);
        Assert.Equal(original.Thumbprint, oldPfx.Thumbprint);
    }

    [Fact]
    public async Task AutoRenew_days_before_expiry_triggers_that_many_days_before_exp()
    {
        var vault = await emulator.NewVaultAsync();
        var original = await emulator.CreateCertificateAsync(vault, "short", new CertificateSeed { ValidityMonths = 1, DaysBeforeExpiry = 10 });
        var trigger = original.Expires - TimeSpan.FromDays(10);

        await emulator.AdvanceClockAsync(trigger - emulator.SimulatedNow() - TimeSpan.FromHours(1));
        Assert.Equal(original.Version, (await emulator.GetCertificateAsync(vault, "short")).Version);
        await emulator.AdvanceClockAsync(TimeSpan.FromHours(2));

        var renewed = await emulator.GetCertificateAsync(vault, "short");
        Assert.NotEqual(original.Version, renewed.Version);
        var created = DateTimeOffset.FromUnixTimeSeconds((long)renewed.Bundle["attributes"]!["created"]!);
        Assert.InRange(created, trigger.AddSeconds(-1), trigger.AddSeconds(1));
    }

    [Fact]
    public async Task A_long_jump_catches_up_renewal_by_renewal_and_the_latest_is_valid_now()
    {
        var vault = await emulator.NewVaultAsync();
        var original = await emulator.CreateCertificateAsync(vault, "longjump", new CertificateSeed { ValidityMonths = 12, LifetimePercentage = 50 });

        await emulator.AdvanceClockAsync(TimeSpan.FromDays(3 * 365));

        var latest = await emulator.GetCertificateAsync(vault, "longjump");
        var now = emulator.SimulatedNow();
        Assert.InRange(now, latest.NotBefore, latest.Expires);
        var versions = await VersionsAsync(vault, "longjump");
        // Every renewal happens at half of its predecessor's lifetime: about one every six months over three years.
        Assert.InRange(versions.Count, 6, 8);
        Assert.Equal(versions.Count, versions.Select(v => (string?)v!["x5t"]).Distinct().Count());
        Assert.NotEqual(original.Thumbprint, latest.Thumbprint);
    }

    [Fact]
    public async Task Issuer_Unknown_never_renews_even_with_an_AutoRenew_action_and_the_control_renew_refuses()
    {
        var vault = await emulator.NewVaultAsync();
        var imported = await emulator.CreateCertificateAsync(vault, "external", new CertificateSeed { Issuer = "Unknown", AutoRenew = true, ValidityMonths = 12 });
        Assert.Equal("Unknown", (string?)imported.Bundle["policy"]!["issuer"]!["name"]);

        await emulator.AdvanceClockAsync(TimeSpan.FromDays(400));

        Assert.Equal(imported.Version, (await emulator.GetCertificateAsync(vault, "external")).Version);
        Assert.Single(await VersionsAsync(vault, "external"));
        var renew = await emulator.ControlAsync(HttpMethod.Post, $"keyvault/{vault.Name}/certificates/external/renew");
        Assert.Equal(409, (int)renew.StatusCode);
        Assert.Single(await VersionsAsync(vault, "external"));
    }

    [Fact]
    public async Task A_Self_certificate_with_only_EmailContacts_does_not_renew()
    {
        var vault = await emulator.NewVaultAsync();
        var original = await emulator.CreateCertificateAsync(vault, "mailonly", new CertificateSeed { AutoRenew = false, ValidityMonths = 12 });

        await emulator.AdvanceClockAsync(TimeSpan.FromDays(370));

        Assert.Equal(original.Version, (await emulator.GetCertificateAsync(vault, "mailonly")).Version);
    }

    [Fact]
    public async Task The_control_renew_makes_a_version_now_and_answers_404_for_what_is_absent()
    {
        var vault = await emulator.NewVaultAsync();
        var original = await emulator.CreateCertificateAsync(vault, "manual");

        var renewed = await emulator.RenewCertificateAsync(vault, "manual");

        Assert.NotEqual(original.Version, renewed.Version);
        Assert.NotEqual(original.Thumbprint, renewed.Thumbprint);
        Assert.Equal((string?)original.Bundle["policy"]!["x509_props"]!["subject"], (string?)renewed.Bundle["policy"]!["x509_props"]!["subject"]);
        var absentCertificate = await emulator.ControlAsync(HttpMethod.Post, $"keyvault/{vault.Name}/certificates/nothing/renew");
        var absentVault = await emulator.ControlAsync(HttpMethod.Post, "keyvault/novaultnamedso/certificates/manual/renew");
        Assert.Equal(404, (int)absentCertificate.StatusCode);
        Assert.Equal(404, (int)absentVault.StatusCode);
        Assert.NotNull(JsonNode.Parse(await absentVault.Content.ReadAsStringAsync())!["error"]);
    }
}
