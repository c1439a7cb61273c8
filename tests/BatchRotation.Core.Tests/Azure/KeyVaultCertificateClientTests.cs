using System.Reflection;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public class KeyVaultCertificateClientTests
{
    /// <summary>The body of the GetCertificate example (Key Vault data plane 7.5), verbatim.</summary>
    private const string CertificateJson = """
        {"id":"https://myvault.vault.azure.net/certificates/selfSignedCert01/f60f2a4f8ae442cfb41ca2090bd4b769",
         "kid":"https://myvault.vault.azure.net/keys/selfSignedCert01/f60f2a4f8ae442cfb41ca2090bd4b769",
         "sid":"https://myvault.vault.azure.net/secrets/selfSignedCert01/f60f2a4f8ae442cfb41ca2090bd4b769",
         "x5t":"fLi3U52HunIVNXubkEnf8tP6Wbo",
         "cer":"MIICODCCAeagAwIBAgIQqHmpBAv+CY9IJFoUhlbziTAJBgUrDgMCHQUAMBYxFDASBgNVBAMTC1Jvb3QgQWdlbmN5",
         "attributes":{"enabled":true,"nbf":1430344421,"exp":2208988799,"created":1493938289,"updated":1493938291,"recoveryLevel":"Recoverable+Purgeable"},
         "policy":{"id":"https://myvault.vault.azure.net/certificates/selfSignedCert01/policy",
           "key_props":{"exportable":true,"kty":"RSA","key_size":2048,"reuse_key":false},
           "secret_props":{"contentType":"application/x-pkcs12"},
           "x509_props":{"subject":"CN=KeyVaultTest","ekus":[],"key_usage":[],"validity_months":297},
           "lifetime_actions":[{"trigger":{"lifetime_percentage":80},"action":{"action_type":"EmailContacts"}}],
           "issuer":{"name":"Unknown"},
           "attributes":{"enabled":true,"created":1493938289,"updated":1493938291}}}
        """;

    private static readonly Uri EmulatorVault = new("https://127.0.0.1:47443/keyvault/vault1");

    [Fact]
    public async Task GetCertificateReadsMetadataAndPolicyUnderAnOpaqueVaultBase()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, CertificateJson);

        var cert = await azure.Certificates().GetCertificateAsync(EmulatorVault, "selfSignedCert01", CancellationToken.None);

        var request = azure.Transport.Requests.Single();
        Assert.Equal("https://127.0.0.1:47443/keyvault/vault1/certificates/selfSignedCert01?api-version=7.6", request.Uri.AbsoluteUri);
        Assert.Equal("selfSignedCert01", cert.Name);
        Assert.Equal("f60f2a4f8ae442cfb41ca2090bd4b769", cert.Version);
        Assert.Equal("https://myvault.vault.azure.net/secrets/selfSignedCert01/f60f2a4f8ae442cfb41ca2090bd4b769", cert.SecretId);
        Assert.Equal("fLi3U52HunIVNXubkEnf8tP6Wbo", cert.X5t);
        Assert.Equal("7CB8B7539D87BA7215357B9B9049DFF2D3FA59BA", cert.ThumbprintHex);
        Assert.True(cert.Attributes.Enabled);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(2208988799), cert.Attributes.Expires);
        Assert.Equal("Recoverable+Purgeable", cert.Attributes.RecoveryLevel);
        Assert.Equal("Unknown", cert.Policy!.IssuerName);
        Assert.Equal("application/x-pkcs12", cert.Policy.ContentType);
        Assert.Equal(297, cert.Policy.ValidityInMonths);
        Assert.Equal(new LifetimeAction("EmailContacts", 80, null), Assert.Single(cert.Policy.LifetimeActions));
        Assert.False(cert.Policy.HasAutoRenew);
    }

    [Fact]
    public async Task GetVersionAndPolicyUseTheirPaths()
    {
        var azure = new TestAzure();
        azure.Transport
            .Respond(200, CertificateJson)
            .Respond(200, "{\"issuer\":{\"name\":\"Self\"},\"lifetime_actions\":[{\"trigger\":{\"days_before_expiry\":30},\"action\":{\"action_type\":\"AutoRenew\"}}]}");
        var client = azure.Certificates();

        await client.GetCertificateVersionAsync(new Uri("https://myvault.vault.azure.net/"), "selfSignedCert01", "f60f2a4f8ae442cfb41ca2090bd4b769", CancellationToken.None);
        var policy = await client.GetCertificatePolicyAsync(new Uri("https://myvault.vault.azure.net"), "selfSignedCert01", CancellationToken.None);

        Assert.Equal("https://myvault.vault.azure.net/certificates/selfSignedCert01/f60f2a4f8ae442cfb41ca2090bd4b769?api-version=7.6", azure.Transport.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("https://myvault.vault.azure.net/certificates/selfSignedCert01/policy?api-version=7.6", azure.Transport.Requests[1].Uri.AbsoluteUri);
        Assert.True(policy.HasAutoRenew);
        Assert.Equal(30, policy.LifetimeActions.Single().DaysBeforeExpiry);
    }

    [Fact]
    public async Task ListVersionsFollowsNextLinkAsGiven()
    {
        var azure = new TestAzure();
        var next = "https://127.0.0.1:47443/keyvault/vault1/certificates/c1/versions?api-version=7.6&$skiptoken=abc&maxresults=1";
        azure.Transport
            .Respond(200, "{\"value\":[{\"id\":\"https://127.0.0.1:47443/keyvault/vault1/certificates/c1/v1\",\"x5t\":\"AA\",\"attributes\":{\"enabled\":true,\"exp\":2000000000}}],\"nextLink\":\"" + next + "\"}")
            .Respond(200, "{\"value\":[{\"id\":\"https://127.0.0.1:47443/keyvault/vault1/certificates/c1/v2\",\"attributes\":{\"enabled\":false}}],\"nextLink\":null}");

        var versions = await azure.Certificates().ListCertificateVersionsAsync(EmulatorVault, "c1", CancellationToken.None);

        Assert.Equal(new[] { "v1", "v2" }, versions.Select(v => v.Version));
        Assert.Equal(new bool?[] { true, false }, versions.Select(v => v.Attributes.Enabled));
        Assert.Equal(next, azure.Transport.Requests[1].Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("../secrets/c1")]
    [InlineData("c1/versions")]
    [InlineData("c 1")]
    [InlineData("")]
    public async Task ANameCannotLeaveTheCertificatesPath(string name)
    {
        var azure = new TestAzure();
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Certificates().GetCertificateAsync(EmulatorVault, name, CancellationToken.None));
        Assert.Equal(AzureErrorIds.InvalidName, ex.ErrorId);
        Assert.Empty(azure.Transport.Requests);
    }

    [Theory]
    [InlineData("versions")]
    [InlineData("policy")]
    [InlineData("../x")]
    public async Task AVersionCannotBeAnotherOperation(string version)
    {
        var azure = new TestAzure();
        await Assert.ThrowsAsync<BatchRotationException>(() => azure.Certificates().GetCertificateVersionAsync(EmulatorVault, "c1", version, CancellationToken.None));
        Assert.Empty(azure.Transport.Requests);
    }

    [Fact]
    public async Task AnHttpVaultIsRefused()
    {
        var azure = new TestAzure();
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Certificates().GetCertificateAsync(new Uri("http://myvault.vault.azure.net/"), "c1", CancellationToken.None));
        Assert.Equal(AzureErrorIds.InsecureEndpoint, ex.ErrorId);
        Assert.Empty(azure.Transport.Requests);
    }

    [Fact]
    public async Task ANextLinkOutsideTheVaultsHostIsRefused()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{\"value\":[],\"nextLink\":\"https://othervault.vault.azure.net/certificates/c1/versions?api-version=7.6\"}");
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() =>
            azure.Certificates().ListCertificateVersionsAsync(new Uri("https://myvault.vault.azure.net/"), "c1", CancellationToken.None));
        Assert.Equal(AzureErrorIds.UntrustedEndpoint, ex.ErrorId);
        Assert.Single(azure.Transport.Requests);
    }

    [Fact]
    public void NoMethodReadsSecretsOrKeys()
    {
        var methods = typeof(IKeyVaultCertificateClient).GetMethods().Concat(typeof(KeyVaultCertificateClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)).ToList();
        Assert.NotEmpty(methods);
        Assert.DoesNotContain(methods, m => m.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase) || m.Name.Contains("Key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryCallStaysUnderCertificates()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, CertificateJson).Respond(200, CertificateJson).Respond(200, "{\"value\":[]}").Respond(200, "{}");
        var client = azure.Certificates();
        var vault = new Uri("https://myvault.vault.azure.net/");

        await client.GetCertificateAsync(vault, "c1", CancellationToken.None);
        await client.GetCertificateVersionAsync(vault, "c1", "abc123", CancellationToken.None);
        await client.ListCertificateVersionsAsync(vault, "c1", CancellationToken.None);
        await client.GetCertificatePolicyAsync(vault, "c1", CancellationToken.None);

        Assert.All(azure.Transport.Requests, r =>
        {
            Assert.Equal("GET", r.Method);
            Assert.StartsWith("/certificates/c1", r.Uri.AbsolutePath);
        });
        Assert.Equal(new[] { "https://vault.azure.net/.default" }, azure.Credential.Scopes.Distinct());
    }
}
