using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public sealed class EnvironmentFileReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _cert = TestCertificates.SelfSigned();
    private readonly string _certFile;

    public EnvironmentFileReaderTests()
    {
        _certFile = _folder.Write("emulator-cert.pem", TestCertificates.ToPem(_cert));
    }

    public void Dispose()
    {
        _cert.Dispose();
        _folder.Dispose();
    }

    private string WriteEnv(Action<Dictionary<string, object?>>? change = null)
    {
        var fields = EnvironmentFiles.Fields(_certFile);
        change?.Invoke(fields);
        return _folder.Write("emulator.env.json", EnvironmentFiles.Json(fields));
    }

    private static BatchRotationException Fails(string path) => Assert.Throws<BatchRotationException>(() => EnvironmentFileReader.Load(path));

    [Fact]
    public void ReadsTheEmulatorsFileIntoACustomCloudAndSignIn()
    {
        var env = EnvironmentFileReader.Load(WriteEnv());

        Assert.Equal("BatchRotationEmulator", env.Cloud.Name);
        Assert.True(env.Cloud.IsCustom);
        Assert.Equal("https://127.0.0.1:47443/", env.Cloud.ResourceManagerUrl.AbsoluteUri);
        Assert.Equal("https://127.0.0.1:47443/", env.Cloud.AuthorityHost.AbsoluteUri);
        Assert.Equal("https://management.azure.com//.default", env.Cloud.GetScope(AzureService.ResourceManager));
        Assert.Equal("https://vault.azure.net/.default", env.Cloud.GetScope(AzureService.KeyVault));
        Assert.Equal("https://batch.core.windows.net//.default", env.Cloud.GetScope(AzureService.Batch));
        Assert.Equal(EnvironmentFiles.Tenant, env.TenantId);
        Assert.Equal(EnvironmentFiles.Subscription, env.SubscriptionId);
        Assert.Equal(EnvironmentFiles.Client, env.ClientId);
        Assert.Equal(EnvironmentFiles.Secret, env.ClientSecret);
        Assert.Equal(EnvironmentFiles.Principal, env.PrincipalId);
        Assert.Equal(new Uri("https://127.0.0.1:47443/_emulator/"), env.ControlUrl);
        Assert.Equal(_cert.Thumbprint, env.TrustedCertificate.Thumbprint);
        Assert.Equal(new[] { "127.0.0.1:47443" }, env.Trust.Endpoints);
        Assert.DoesNotContain(EnvironmentFiles.Secret, env.ToString());
    }

    [Fact]
    public void ARelativeCertificateFileIsTakenFromTheEnvironmentFilesFolder()
    {
        var env = EnvironmentFileReader.Load(WriteEnv(f => f["certificateFile"] = "emulator-cert.pem"));
        Assert.Equal(Path.GetFullPath(_certFile), env.CertificateFile);
    }

    [Fact]
    public void OptionalFieldsMayBeAbsent()
    {
        var env = EnvironmentFileReader.Load(WriteEnv(f =>
        {
            f.Remove("principalId");
            f.Remove("controlUrl");
        }));
        Assert.Null(env.PrincipalId);
        Assert.Null(env.ControlUrl);
    }

    [Fact]
    public void AMissingFileIsNotFound()
    {
        var ex = Fails(Path.Combine(_folder.Path, "nope.env.json"));
        Assert.Equal(AzureErrorIds.EnvironmentFileNotFound, ex.ErrorId);
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Contains("emulator", ex.Remedy);
    }

    [Fact]
    public void MalformedJsonIsInvalidWithItsPosition()
    {
        var path = _folder.Write("bad.env.json", "{\n  \"name\": \"x\",\n  oops\n}");
        var ex = Fails(path);
        Assert.Equal(AzureErrorIds.EnvironmentFileInvalid, ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, ex.Kind);
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public void AJsonArrayIsInvalid()
    {
        var ex = Fails(_folder.Write("array.env.json", "[1,2]"));
        Assert.Equal(AzureErrorIds.EnvironmentFileInvalid, ex.ErrorId);
    }

    [Fact]
    public void MissingFieldsAreAllNamed()
    {
        var ex = Fails(WriteEnv(f =>
        {
            f.Remove("clientSecret");
            f.Remove("tenantId");
        }));
        Assert.Equal(AzureErrorIds.EnvironmentFileInvalid, ex.ErrorId);
        Assert.Contains("tenantId", ex.Message);
        Assert.Contains("clientSecret", ex.Message);
    }

    [Fact]
    public void AFieldOfTheWrongKindIsInvalid()
    {
        var ex = Fails(WriteEnv(f => f["clientId"] = 42));
        Assert.Equal(AzureErrorIds.EnvironmentFileInvalid, ex.ErrorId);
        Assert.Contains("clientId", ex.Message);
    }

    [Fact]
    public void ANonGuidTenantIsInvalid()
    {
        var ex = Fails(WriteEnv(f => f["tenantId"] = "contoso"));
        Assert.Equal(AzureErrorIds.EnvironmentFileInvalid, ex.ErrorId);
        Assert.Contains("tenantId", ex.Message);
    }

    [Theory]
    [InlineData("resourceManagerUrl")]
    [InlineData("authorityHost")]
    [InlineData("controlUrl")]
    public void AnHttpEndpointIsRefused(string field)
    {
        var ex = Fails(WriteEnv(f => f[field] = "http://127.0.0.1:47443/"));
        Assert.Equal(AzureErrorIds.InsecureEndpoint, ex.ErrorId);
        Assert.Contains(field, ex.Message);
    }

    [Fact]
    public void ARelativeEndpointIsInvalid()
    {
        var ex = Fails(WriteEnv(f => f["resourceManagerUrl"] = "/relative"));
        Assert.Equal(AzureErrorIds.EnvironmentFileInvalid, ex.ErrorId);
    }

    [Fact]
    public void TheNameOfABuiltInCloudIsInvalid()
    {
        var ex = Fails(WriteEnv(f => f["name"] = "AzureCloud"));
        Assert.Equal(AzureErrorIds.EnvironmentFileInvalid, ex.ErrorId);
        Assert.Contains("built-in", ex.Message);
    }

    [Fact]
    public void AMissingCertificateFileIsReported()
    {
        var ex = Fails(WriteEnv(f => f["certificateFile"] = Path.Combine(_folder.Path, "missing.pem")));
        Assert.Equal(AzureErrorIds.TrustedCertificateNotFound, ex.ErrorId);
    }

    [Theory]
    [InlineData("not a pem at all")]
    [InlineData("-----BEGIN CERTIFICATE-----\n%%%% not base64 %%%%\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAECAwQFBgcICQ==\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END PRIVATE KEY-----\n")]
    public void AnInvalidPemIsReported(string pem)
    {
        var certFile = _folder.Write("broken.pem", pem);
        var ex = Fails(WriteEnv(f => f["certificateFile"] = certFile));
        Assert.Equal(AzureErrorIds.TrustedCertificateInvalid, ex.ErrorId);
        Assert.Equal(certFile, ex.Target);
    }

    [Fact]
    public void APemWithAKeyBeforeTheCertificateIsRead()
    {
        var certFile = _folder.Write("both.pem", "-----BEGIN PRIVATE KEY-----\nAAEC\n-----END PRIVATE KEY-----\n" + TestCertificates.ToPem(_cert));
        var env = EnvironmentFileReader.Load(WriteEnv(f => f["certificateFile"] = certFile));
        Assert.Equal(_cert.Thumbprint, env.TrustedCertificate.Thumbprint);
    }

    [Fact]
    public void ParseNamesTheSourceInErrors()
    {
        var ex = Assert.Throws<BatchRotationException>(() => EnvironmentFileReader.Parse("{}", "/somewhere/emulator.env.json"));
        Assert.Equal("/somewhere/emulator.env.json", ex.Target);
        Assert.Contains("resourceManagerUrl", ex.Message);
    }
}
