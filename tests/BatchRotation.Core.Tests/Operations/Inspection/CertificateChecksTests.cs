using System.Text.Json.Nodes;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Core.Tests.Operations.Inspection.Support;

namespace BatchRotation.Core.Tests.Operations.Inspection;

public class CertificateChecksTests
{
    private static PoolFactsBuilder WithUrl(string url)
    {
        var builder = new PoolFactsBuilder();
        builder.SecretsManagement["observedCertificates"]![0]!["url"] = url;
        return builder;
    }

    [Fact]
    public void A_versioned_url_fails_because_the_pool_never_rotates()
    {
        var url = PoolFactsBuilder.SecretUrl + "/" + PoolFactsBuilder.Version;

        var report = WithUrl(url).Report();

        var check = report.Expect(PoolCheckIds.CertificateVersionless, CheckStatus.Failed, "never rotates");
        Assert.Equal(url, check.Target);
        Assert.Contains("still the current version", check.Message);
        Assert.Equal(PoolFactsBuilder.Version, report.Certificates[0].PinnedVersion);
        report.Expect(PoolCheckIds.CertificateSecretsPath, CheckStatus.Passed);
    }

    [Fact]
    public void A_versioned_url_behind_the_current_version_says_which_version_nodes_keep()
    {
        var old = "ffffffffffffffffffffffffffffffff";

        var check = WithUrl(PoolFactsBuilder.SecretUrl + "/" + old).Report().Check(PoolCheckIds.CertificateVersionless);

        Assert.Contains($"already serves version {PoolFactsBuilder.Version}; the nodes keep {old}", check.Message);
    }

    [Fact]
    public void A_certificates_url_fails_the_secrets_path_check()
    {
        var report = WithUrl(PoolFactsBuilder.VaultUri + "certificates/cert1").Report();

        report.Expect(PoolCheckIds.CertificateSecretsPath, CheckStatus.Failed, "never returns the private key");
        report.Expect(PoolCheckIds.CertificateVersionless, CheckStatus.Passed);
        report.Expect(PoolCheckIds.CertificateExists, CheckStatus.Passed);
        Assert.Equal(PoolFactsBuilder.SecretUrl, report.Certificates[0].SecretUrl);
    }

    [Theory]
    [InlineData("http://kv1.vault.azure.net/secrets/cert1")]
    [InlineData("https://kv1.vault.azure.net/keys/cert1")]
    [InlineData("not a url")]
    public void An_unreadable_url_fails_and_skips_everything_about_it(string url)
    {
        var report = WithUrl(url).Report();

        report.Expect(PoolCheckIds.CertificateUrl, CheckStatus.Failed);
        foreach (var id in new[] { PoolCheckIds.CertificateSecretsPath, PoolCheckIds.CertificateVaultExists, PoolCheckIds.CertificateEnabled, PoolCheckIds.AccessSecretReadable, PoolCheckIds.RotationPollingInterval })
        {
            report.Expect(id, CheckStatus.Skipped);
        }
    }

    [Fact]
    public void A_vault_in_no_visible_subscription_that_answers_passes_existence_but_skips_access()
    {
        var builder = new PoolFactsBuilder { VaultLookup = Lookup<KeyVaultResource>.NotFound("subscription x has no vault with URI ...") };

        var report = builder.Report();

        report.Expect(PoolCheckIds.CertificateVaultExists, CheckStatus.Passed, "in none of the subscriptions");
        report.Expect(PoolCheckIds.CertificateExists, CheckStatus.Passed);
        report.Expect(PoolCheckIds.AccessSecretReadable, CheckStatus.Skipped, "could not be read from ARM");
        report.Expect(PoolCheckIds.AccessLeastPrivilege, CheckStatus.Skipped);
    }

    [Theory]
    [InlineData("VaultNotFound", null)]
    [InlineData(null, "AzureConnectionFailed")]
    public void A_vault_that_does_not_answer_fails_existence(string? code, string? errorId)
    {
        var error = new BatchRotation.Core.Errors.BatchRotationException(errorId ?? "AzureResourceNotFound",
            errorId is null ? BatchRotation.Core.Errors.ErrorKind.NotFound : BatchRotation.Core.Errors.ErrorKind.ConnectionError, "no vault")
        { AzureErrorCode = code, Status = errorId is null ? 404 : null };
        var builder = new PoolFactsBuilder
        {
            VaultLookup = Lookup<KeyVaultResource>.NotFound("no vault with URI"),
            CertificateLookup = Lookup<CertificateMetadata>.From(error),
        };

        var report = builder.Report();

        report.Expect(PoolCheckIds.CertificateVaultExists, CheckStatus.Failed, "No vault answers");
        report.Expect(PoolCheckIds.CertificateExists, CheckStatus.Skipped, "vault does not exist");
        report.Expect(PoolCheckIds.CertificateNotExpired, CheckStatus.Skipped);
    }

    [Fact]
    public void A_missing_certificate_fails_and_its_properties_are_skipped()
    {
        var report = WithUrl(PoolFactsBuilder.VaultUri + "secrets/other").Report();

        report.Expect(PoolCheckIds.CertificateExists, CheckStatus.Failed, "has no certificate 'other'");
        report.Expect(PoolCheckIds.CertificateEnabled, CheckStatus.Skipped, "does not exist");
        report.Expect(PoolCheckIds.RotationPollingInterval, CheckStatus.Skipped);
    }

    [Fact]
    public void Metadata_the_caller_may_not_read_is_skipped_with_what_to_grant()
    {
        var builder = new PoolFactsBuilder { CertificateLookup = Lookup<CertificateMetadata>.Denied("Key Vault answered 403 (Forbidden)") };

        var check = builder.Report().Expect(PoolCheckIds.CertificateExists, CheckStatus.Skipped, "may not read certificate metadata");

        Assert.Contains("Key Vault Reader", check.Remedy);
        Assert.Contains("never a secret", check.Remedy);
    }

    [Fact]
    public void A_disabled_current_version_fails()
    {
        var builder = new PoolFactsBuilder();
        builder.Certificate["attributes"]!["enabled"] = false;

        var report = builder.Report();

        var check = report.Expect(PoolCheckIds.CertificateEnabled, CheckStatus.Failed, "disabled");
        Assert.Equal("Update-AzKeyVaultCertificate -VaultName 'kv1' -Name 'cert1' -Enable $true", check.Remedy);
        Assert.False(report.Certificates[0].Enabled);
    }

    [Fact]
    public void An_expired_certificate_fails_and_warns()
    {
        var builder = new PoolFactsBuilder();
        builder.Certificate["attributes"]!["exp"] = PoolFactsBuilder.Now.AddDays(-2).ToUnixTimeSeconds();

        var report = builder.Report();

        report.Expect(PoolCheckIds.CertificateNotExpired, CheckStatus.Failed, "expired on");
        report.Expect(PoolCheckIds.CertificateExpiryWindow, CheckStatus.Warning, "expired 2 days ago");
    }

    [Theory]
    [InlineData(10, 30, CheckStatus.Warning)]
    [InlineData(31, 30, CheckStatus.Passed)]
    [InlineData(31, 60, CheckStatus.Warning)]
    public void Expiry_within_the_warning_window_is_a_warning(int daysLeft, int warningDays, CheckStatus status)
    {
        var builder = new PoolFactsBuilder();
        builder.Certificate["attributes"]!["exp"] = PoolFactsBuilder.Now.AddDays(daysLeft).ToUnixTimeSeconds();

        var report = builder.Report(new InspectionOptions { ExpiryWarning = TimeSpan.FromDays(warningDays) });

        report.Expect(PoolCheckIds.CertificateExpiryWindow, status);
        report.Expect(PoolCheckIds.CertificateNotExpired, CheckStatus.Passed);
    }

    [Fact]
    public void Email_only_lifetime_actions_fail_auto_renew()
    {
        var builder = new PoolFactsBuilder();
        builder.Policy["lifetime_actions"]![0]!["action"]!["action_type"] = "EmailContacts";

        var report = builder.Report();

        var check = report.Expect(PoolCheckIds.CertificateAutoRenew, CheckStatus.Failed, "only send e-mail");
        Assert.Equal("Set-AzKeyVaultCertificatePolicy -VaultName 'kv1' -Name 'cert1' -RenewAtPercentageLifetime 80", check.Remedy);
        report.Expect(PoolCheckIds.RotationPollingInterval, CheckStatus.Skipped, "never renewed automatically");
        Assert.False(report.Certificates[0].AutoRenew);
    }

    [Fact]
    public void No_lifetime_action_fails_auto_renew()
    {
        var builder = new PoolFactsBuilder();
        builder.Policy["lifetime_actions"] = new JsonArray();

        builder.Report().Expect(PoolCheckIds.CertificateAutoRenew, CheckStatus.Failed, "no lifetime action");
    }

    [Fact]
    public void Issuer_unknown_never_renews()
    {
        var builder = new PoolFactsBuilder();
        builder.Policy["issuer"]!["name"] = "Unknown";

        var report = builder.Report();

        report.Expect(PoolCheckIds.CertificateIssuerCanRenew, CheckStatus.Failed, "never rotates by itself");
        Assert.Equal("Unknown", report.Certificates[0].Issuer);
    }

    [Fact]
    public void An_integrated_ca_can_renew()
    {
        var builder = new PoolFactsBuilder();
        builder.Policy["issuer"]!["name"] = "DigiCert";

        builder.Report().Expect(PoolCheckIds.CertificateIssuerCanRenew, CheckStatus.Passed, "DigiCert");
    }

    [Fact]
    public void The_status_row_carries_the_current_version_thumbprint_and_validity()
    {
        var status = new PoolFactsBuilder().Report().Certificates.Single();

        Assert.Equal(PoolFactsBuilder.Version, status.CurrentVersion);
        Assert.Equal("7CB8B7539D87BA7215357B9B9049DFF2D3FA59BA", status.Thumbprint);
        Assert.Equal(PoolFactsBuilder.Now.AddDays(335).ToUnixTimeSeconds(), status.NotAfter!.Value.ToUnixTimeSeconds());
        Assert.Equal("kv1", status.VaultName);
        Assert.Equal(PoolFactsBuilder.VaultId, status.VaultResourceId);
        Assert.Equal("cert1", status.Name);
        Assert.Equal("80% of lifetime", status.RenewalTrigger);
        Assert.Equal("Self", status.Issuer);
        Assert.True(status.IdentityCanRead);
        Assert.Equal("access policy", status.Access);
        Assert.Equal("pool1", status.Pool);
    }
}
