using System.Net.Security;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public class PinnedCertificateTrustTests
{
    private static readonly Uri Emulator = new("https://127.0.0.1:47443/");

    [Fact]
    public void TrustsThePinnedSelfSignedCertificateForThePinnedEndpoint()
    {
        using var cert = TestCertificates.SelfSigned();
        var trust = new PinnedCertificateTrust(cert, new[] { Emulator });

        // The platform reports an untrusted root (the certificate is in no machine store); the pin accepts it.
        Assert.True(trust.Validate(new Uri("https://127.0.0.1:47443/subscriptions"), cert, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.True(trust.Validate(new Uri("https://127.0.0.1:47443/keyvault/v1/certificates/c"), cert, null, SslPolicyErrors.None));
    }

    [Fact]
    public void RejectsAnotherCertificateForThePinnedEndpoint()
    {
        using var pinned = TestCertificates.SelfSigned();
        using var other = TestCertificates.SelfSigned();
        var trust = new PinnedCertificateTrust(pinned, new[] { Emulator });

        Assert.False(trust.Validate(Emulator, other, null, SslPolicyErrors.RemoteCertificateChainErrors));
        // Even if the platform had trusted the other certificate, only the anchor counts for this endpoint.
        Assert.False(trust.Validate(Emulator, other, null, SslPolicyErrors.None));
    }

    [Fact]
    public void RejectsACertificateWithTheSameSubjectButAnotherKey()
    {
        using var pinned = TestCertificates.SelfSigned("CN=Same Name");
        using var impostor = TestCertificates.SelfSigned("CN=Same Name");
        var trust = new PinnedCertificateTrust(pinned, new[] { Emulator });
        Assert.False(trust.Validate(Emulator, impostor, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void AcceptsALeafIssuedByAPinnedAuthority()
    {
        using var root = TestCertificates.CertificateAuthority();
        using var leaf = TestCertificates.IssuedBy(root);
        var trust = new PinnedCertificateTrust(root, new[] { Emulator });
        Assert.True(trust.Validate(Emulator, leaf, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void RejectsALeafIssuedByAnotherAuthority()
    {
        using var pinnedRoot = TestCertificates.CertificateAuthority("CN=Pinned Root");
        using var otherRoot = TestCertificates.CertificateAuthority("CN=Other Root");
        using var leaf = TestCertificates.IssuedBy(otherRoot);
        var trust = new PinnedCertificateTrust(pinnedRoot, new[] { Emulator });
        Assert.False(trust.Validate(Emulator, leaf, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void RejectsANameMismatchEvenWithThePinnedCertificate()
    {
        using var cert = TestCertificates.SelfSigned();
        var trust = new PinnedCertificateTrust(cert, new[] { Emulator });
        Assert.False(trust.Validate(Emulator, cert, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(trust.Validate(Emulator, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Fact]
    public void RejectsAnExpiredPinnedCertificate()
    {
        using var expired = TestCertificates.SelfSigned(notBefore: DateTimeOffset.UtcNow.AddDays(-30), notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        var trust = new PinnedCertificateTrust(expired, new[] { Emulator });
        Assert.False(trust.Validate(Emulator, expired, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void RejectsACertificateNotMeantForServers()
    {
        using var clientOnly = TestCertificates.SelfSigned(serverAuth: false);
        var trust = new PinnedCertificateTrust(clientOnly, new[] { Emulator });
        Assert.False(trust.Validate(Emulator, clientOnly, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void OtherHostsGetThePlatformsVerdictOnly()
    {
        using var cert = TestCertificates.SelfSigned();
        var trust = new PinnedCertificateTrust(cert, new[] { Emulator });
        var azure = new Uri("https://management.azure.com/subscriptions");

        // The pinned certificate presented by another host is not trusted there.
        Assert.False(trust.Validate(azure, cert, null, SslPolicyErrors.RemoteCertificateChainErrors));
        // A certificate the platform accepts is accepted, whatever it is.
        using var other = TestCertificates.SelfSigned();
        Assert.True(trust.Validate(azure, other, null, SslPolicyErrors.None));
        Assert.False(trust.Validate(azure, other, null, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void AnotherPortOnTheSameHostIsAnotherEndpoint()
    {
        using var cert = TestCertificates.SelfSigned();
        var trust = new PinnedCertificateTrust(cert, new[] { Emulator });
        Assert.False(trust.AppliesTo(new Uri("https://127.0.0.1:47444/")));
        Assert.False(trust.Validate(new Uri("https://127.0.0.1:47444/"), cert, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.True(trust.AppliesTo(new Uri("https://127.0.0.1:47443/anything")));
    }

    [Fact]
    public void PlainHttpUrlsNeverMatchThePin()
    {
        using var cert = TestCertificates.SelfSigned();
        var trust = new PinnedCertificateTrust(cert, new[] { Emulator });
        Assert.False(trust.AppliesTo(new Uri("http://127.0.0.1:47443/")));
        Assert.Throws<ArgumentException>(() => new PinnedCertificateTrust(cert, new[] { new Uri("http://127.0.0.1:47443/") }));
    }

    [Fact]
    public void DescribesItselfByThumbprintAndEndpoints()
    {
        using var cert = TestCertificates.SelfSigned();
        var trust = new PinnedCertificateTrust(cert, new[] { Emulator, new Uri("https://127.0.0.1:47443/other") });
        Assert.Equal(new[] { "127.0.0.1:47443" }, trust.Endpoints);
        Assert.Contains(cert.Thumbprint, trust.ToString());
    }
}
