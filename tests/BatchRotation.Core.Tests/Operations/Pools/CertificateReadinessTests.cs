using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations.Pools;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Tests.Operations.Pools;

public sealed class CertificateReadinessTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CertificateUrl Url = CertificateUrl.Parse("https://kv1.vault.azure.net/secrets/web");

    private static CertificateMetadata Certificate(string? issuer = "Self", string[]? actions = null, bool? enabled = true, DateTimeOffset? expires = null, bool policy = true) => new()
    {
        Id = "https://kv1.vault.azure.net/certificates/web/0123456789abcdef0123456789abcdef",
        Version = "0123456789abcdef0123456789abcdef",
        Attributes = new CertificateAttributes { Enabled = enabled, Expires = expires ?? Now.AddMonths(3) },
        Policy = policy
            ? new CertificatePolicy
            {
                IssuerName = issuer,
                LifetimeActions = (actions ?? new[] { LifetimeAction.AutoRenew }).Select(a => new LifetimeAction(a, 80, null)).ToList(),
            }
            : null,
    };

    [Fact]
    public void A_self_issued_auto_renewing_certificate_passes_silently()
    {
        Assert.Empty(CertificateReadiness.Check(Url, Certificate(), Now));
    }

    [Fact]
    public void An_integrated_ca_with_auto_renew_passes()
    {
        Assert.Empty(CertificateReadiness.Check(Url, Certificate(issuer: "DigiCert", actions: new[] { LifetimeAction.EmailContacts, LifetimeAction.AutoRenew }), Now));
    }

    [Fact]
    public void Expiry_is_judged_against_the_given_time()
    {
        var failure = Assert.Throws<BatchRotationException>(() => CertificateReadiness.Check(Url, Certificate(expires: Now), Now));
        Assert.Equal(PoolErrorIds.CertificateExpired, failure.ErrorId);
        Assert.Empty(CertificateReadiness.Check(Url, Certificate(expires: Now.AddSeconds(1)), Now));
    }

    [Fact]
    public void Disabled_wins_over_expired()
    {
        var failure = Assert.Throws<BatchRotationException>(() => CertificateReadiness.Check(Url, Certificate(enabled: false, expires: Now.AddDays(-1)), Now));
        Assert.Equal(PoolErrorIds.CertificateDisabled, failure.ErrorId);
        Assert.Equal(Url.SecretUrl, failure.Target);
    }

    [Fact]
    public void Email_only_lifetime_actions_never_renew()
    {
        var failure = Assert.Throws<BatchRotationException>(() => CertificateReadiness.Check(Url, Certificate(actions: new[] { LifetimeAction.EmailContacts }), Now));

        Assert.Equal(PoolErrorIds.CertificateNotAutoRenewed, failure.ErrorId);
        Assert.Contains("EmailContacts", failure.Message);
        Assert.Contains("AutoRenew", failure.Remedy);
    }

    [Fact]
    public void An_unknown_issuer_is_a_warning_not_a_failure()
    {
        var warning = Assert.Single(CertificateReadiness.Check(Url, Certificate(issuer: "Unknown", actions: new[] { LifetimeAction.EmailContacts }), Now));

        Assert.Contains("never renews it by itself", warning);
    }

    [Fact]
    public void A_missing_policy_is_a_warning()
    {
        Assert.Single(CertificateReadiness.Check(Url, Certificate(policy: false), Now));
    }
}
