using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;

namespace BatchRotation.Core.Tests.Rules;

public class CertificateUrlTests
{
    private const string Version = "8f5f3f491afd48cb99286ba2aacd39af";

    // input, vault base, name, version, was /certificates/, secret URL
    public static TheoryData<string, string, string, string?, bool, string> ValidForms => new()
    {
        { "https://myvault.vault.azure.net/secrets/mycert", "https://myvault.vault.azure.net/", "mycert", null, false, "https://myvault.vault.azure.net/secrets/mycert" },
        { "https://myvault.vault.azure.net/secrets/mycert/", "https://myvault.vault.azure.net/", "mycert", null, false, "https://myvault.vault.azure.net/secrets/mycert" },
        { $"https://myvault.vault.azure.net/secrets/mycert/{Version}", "https://myvault.vault.azure.net/", "mycert", Version, false, "https://myvault.vault.azure.net/secrets/mycert" },
        { $"https://myvault.vault.azure.net/secrets/mycert/{Version}/", "https://myvault.vault.azure.net/", "mycert", Version, false, "https://myvault.vault.azure.net/secrets/mycert" },
        { "https://myvault.vault.azure.net/certificates/mycert", "https://myvault.vault.azure.net/", "mycert", null, true, "https://myvault.vault.azure.net/secrets/mycert" },
        { $"https://myvault.vault.azure.net/certificates/mycert/{Version}", "https://myvault.vault.azure.net/", "mycert", Version, true, "https://myvault.vault.azure.net/secrets/mycert" },
        { $"https://MyVault.Vault.Azure.NET/Secrets/My-Cert-1/{Version.ToUpperInvariant()}", "https://myvault.vault.azure.net/", "My-Cert-1", Version, false, "https://myvault.vault.azure.net/secrets/My-Cert-1" },
        { "  https://myvault.vault.azure.net/secrets/mycert  ", "https://myvault.vault.azure.net/", "mycert", null, false, "https://myvault.vault.azure.net/secrets/mycert" },
        { "https://myvault.vault.azure.net:443/secrets/mycert", "https://myvault.vault.azure.net/", "mycert", null, false, "https://myvault.vault.azure.net/secrets/mycert" },
        { "https://127.0.0.1:47443/keyvault/myvault/secrets/mycert", "https://127.0.0.1:47443/keyvault/myvault/", "mycert", null, false, "https://127.0.0.1:47443/keyvault/myvault/secrets/mycert" },
        { $"https://127.0.0.1:47443/keyvault/myvault/certificates/mycert/{Version}/", "https://127.0.0.1:47443/keyvault/myvault/", "mycert", Version, true, "https://127.0.0.1:47443/keyvault/myvault/secrets/mycert" },
        { "https://kv.vault.azure.cn/secrets/a", "https://kv.vault.azure.cn/", "a", null, false, "https://kv.vault.azure.cn/secrets/a" },
        { "https://kv.vault.usgovcloudapi.net/secrets/" + new string('x', 127), "https://kv.vault.usgovcloudapi.net/", new string('x', 127), null, false, "https://kv.vault.usgovcloudapi.net/secrets/" + new string('x', 127) },
        // A 32-hex certificate name directly after /secrets/ is a name, not a version.
        { $"https://myvault.vault.azure.net/secrets/{Version}", "https://myvault.vault.azure.net/", Version, null, false, $"https://myvault.vault.azure.net/secrets/{Version}" },
    };

    [Theory]
    [MemberData(nameof(ValidForms))]
    public void Every_copied_form_parses_to_the_versionless_secret_url(string input, string vaultBase, string name, string? version, bool wasCertificates, string secretUrl)
    {
        var url = CertificateUrl.Parse(input);

        Assert.Equal(vaultBase, url.VaultUri.AbsoluteUri);
        Assert.Equal(name, url.Name);
        Assert.Equal(version, url.Version);
        Assert.Equal(version != null, url.WasVersioned);
        Assert.Equal(wasCertificates, url.WasCertificatesPath);
        Assert.Equal(secretUrl, url.SecretUrl);
        Assert.Equal(vaultBase + "certificates/" + name, url.CertificateMetadataUrl);
        Assert.Equal(input.Trim(), url.Original);
        Assert.Equal(version == null && !wasCertificates, url.WasNormalised);
        Assert.Equal(secretUrl, url.ToString());
    }

    [Theory]
    [InlineData(null, "it is empty.")]
    [InlineData("", "it is empty.")]
    [InlineData("   ", "it is empty.")]
    [InlineData("http://myvault.vault.azure.net/secrets/mycert", "it must start with https:// (Key Vault accepts only HTTPS).")]
    [InlineData("ftp://myvault.vault.azure.net/secrets/mycert", "it must start with https:// (Key Vault accepts only HTTPS).")]
    [InlineData("myvault.vault.azure.net/secrets/mycert", "it is not an absolute URL.")]
    [InlineData("/secrets/mycert", "it is not an absolute URL.")]
    [InlineData("https://myvault.vault.azure.net", "it must end with /secrets/<name> or /certificates/<name>, optionally followed by a version.")]
    [InlineData("https://myvault.vault.azure.net/", "it must end with /secrets/<name> or /certificates/<name>, optionally followed by a version.")]
    [InlineData("https://myvault.vault.azure.net/secrets", "it names no certificate after /secrets/.")]
    [InlineData("https://myvault.vault.azure.net/secrets/", "it names no certificate after /secrets/.")]
    [InlineData("https://myvault.vault.azure.net/certificates/", "it names no certificate after /certificates/.")]
    [InlineData("https://myvault.vault.azure.net/keys/mykey", "it must end with /secrets/<name> or /certificates/<name>, optionally followed by a version.")]
    [InlineData("https://myvault.vault.azure.net/secrets/mycert/notaversion", "the segment after the certificate name ('notaversion') is not a 32-character hexadecimal version.")]
    [InlineData("https://myvault.vault.azure.net/secrets/mycert/8f5f3f491afd48cb99286ba2aacd39a", "the segment after the certificate name ('8f5f3f491afd48cb99286ba2aacd39a') is not a 32-character hexadecimal version.")]
    [InlineData("https://myvault.vault.azure.net/secrets/mycert/8f5f3f491afd48cb99286ba2aacd39af/extra", "it must end with /secrets/<name> or /certificates/<name>, optionally followed by a version.")]
    [InlineData("https://myvault.vault.azure.net/secrets/my_cert", "'my_cert' is not a valid certificate name (1-127 letters, digits and hyphens).")]
    [InlineData("https://myvault.vault.azure.net/secrets/my.cert", "'my.cert' is not a valid certificate name (1-127 letters, digits and hyphens).")]
    [InlineData("https://myvault.vault.azure.net/secrets/mycert?api-version=7.5", "it has a query string or fragment; the extension needs the bare URL.")]
    [InlineData("https://myvault.vault.azure.net/secrets/mycert#x", "it has a query string or fragment; the extension needs the bare URL.")]
    [InlineData("https://myvault.vault.azure.net/secrets/my%20cert", "it contains '\\' or '%', which never occur in a Key Vault URL.")]
    [InlineData("https://myvault.vault.azure.net\\secrets\\mycert", "it contains '\\' or '%', which never occur in a Key Vault URL.")]
    [InlineData("https://myvault.vault.azure.net/secrets/my cert", "it contains white space.")]
    [InlineData("https://myvault.vault.azure.net//secrets/mycert", "it contains an empty path segment ('//').")]
    [InlineData("https://myvault.vault.azure.net/x/../secrets/mycert", "it contains a '.' or '..' path segment.")]
    [InlineData("https://myvault.vault.azure.net/./secrets/mycert", "it contains a '.' or '..' path segment.")]
    [InlineData("https://user:pw@myvault.vault.azure.net/secrets/mycert", "it must not contain user information.")]
    [InlineData("https://127.0.0.1:47443/key~vault/my+vault/secrets/mycert", "the path segment 'my+vault' contains characters a vault URL never has.")]
    public void Malformed_input_is_refused_with_the_reason(string? input, string reason)
    {
        var error = Expect.Error(RuleErrorIds.InvalidCertificateUrl, () => CertificateUrl.Parse(input));
        Assert.Equal($"'{input}' is not a Key Vault certificate URL: {reason}", error.Message);
        Assert.Equal(input, error.Target);
        Assert.StartsWith("Copy the certificate's Secret Identifier from the portal", error.Remedy);

        Assert.False(CertificateUrl.TryParse(input, out var url, out var problem));
        Assert.Null(url);
        Assert.Equal(reason, problem);
    }

    [Fact]
    public void A_name_longer_than_127_characters_is_refused()
    {
        var input = "https://myvault.vault.azure.net/secrets/" + new string('a', 128);
        Expect.Error(RuleErrorIds.InvalidCertificateUrl, () => CertificateUrl.Parse(input));
    }

    [Fact]
    public void A_versioned_url_gets_a_warning_that_says_why()
    {
        var url = CertificateUrl.Parse($"https://testkvwestus2s.vault.azure.net/secrets/authcertforumatesting/{Version}");

        Assert.Equal(
            $"'https://testkvwestus2s.vault.azure.net/secrets/authcertforumatesting/{Version}' names version {Version} of certificate 'authcertforumatesting'. "
            + "A versioned URL pins that one version: when Key Vault renews the certificate it creates a new secret version, and a node observing "
            + "the pinned URL keeps the old certificate forever, so the pool never rotates. "
            + "Using the versionless URL https://testkvwestus2s.vault.azure.net/secrets/authcertforumatesting instead.",
            url.GetVersionWarning());
        Assert.Null(url.GetPathNote());
    }

    [Fact]
    public void A_certificates_url_gets_a_note_that_the_secret_is_observed()
    {
        var url = CertificateUrl.Parse("https://myvault.vault.azure.net/certificates/mycert");

        Assert.Equal(
            "'https://myvault.vault.azure.net/certificates/mycert' is a /certificates/ URL, which never returns the private key; "
            + "the extension must observe the certificate's secret. Using https://myvault.vault.azure.net/secrets/mycert instead.",
            url.GetPathNote());
        Assert.Null(url.GetVersionWarning());
    }

    [Fact]
    public void A_versionless_secret_url_needs_no_warning()
    {
        var url = CertificateUrl.Parse("https://myvault.vault.azure.net/secrets/mycert");
        Assert.Null(url.GetVersionWarning());
        Assert.Null(url.GetPathNote());
    }

    [Fact]
    public void Forms_of_the_same_certificate_are_equal_and_deduplicate()
    {
        var forms = new[]
        {
            "https://myvault.vault.azure.net/secrets/mycert",
            "https://MYVAULT.vault.azure.net/secrets/mycert/",
            $"https://myvault.vault.azure.net/secrets/mycert/{Version}",
            "https://myvault.vault.azure.net/certificates/mycert",
            "https://myvault.vault.azure.net/secrets/MyCert",
        }.Select(CertificateUrl.Parse).ToArray();

        Assert.Single(forms.Distinct());
        Assert.All(forms, f => Assert.Equal(forms[0].GetHashCode(), f.GetHashCode()));
        Assert.True(forms[0].Equals((object)forms[3]));
    }

    [Theory]
    [InlineData("https://myvault.vault.azure.net/secrets/mycert", "https://othervault.vault.azure.net/secrets/mycert")]
    [InlineData("https://myvault.vault.azure.net/secrets/mycert", "https://myvault.vault.azure.net/secrets/mycert2")]
    [InlineData("https://127.0.0.1:47443/keyvault/a/secrets/mycert", "https://127.0.0.1:47443/keyvault/b/secrets/mycert")]
    [InlineData("https://127.0.0.1:47443/keyvault/a/secrets/mycert", "https://127.0.0.1:47444/keyvault/a/secrets/mycert")]
    public void Different_certificates_are_not_equal(string a, string b)
    {
        Assert.NotEqual(CertificateUrl.Parse(a), CertificateUrl.Parse(b));
        Assert.False(CertificateUrl.Parse(a).Equals(null));
    }
}
