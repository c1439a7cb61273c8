using Azure.Core.Pipeline;
using Azure.Identity;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public sealed class CredentialFactoryTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _cert = TestCertificates.SelfSigned();

    public void Dispose()
    {
        _cert.Dispose();
        _folder.Dispose();
    }

    private string EnvFile()
    {
        var certFile = _folder.Write("emulator-cert.pem", TestCertificates.ToPem(_cert));
        return _folder.Write("emulator.env.json", EnvironmentFiles.Json(EnvironmentFiles.Fields(certFile)));
    }

    [Fact]
    public void EnvironmentFileSignsInWithItsClientSecretAndPinnedTransport()
    {
        var context = CredentialFactory.CreateContext(SignInRequest.EnvironmentFile(EnvFile()));

        Assert.IsType<ClientSecretCredential>(context.Credential);
        Assert.Equal(SignInMethod.EnvironmentFile, context.Method);
        Assert.Equal("BatchRotationEmulator", context.Cloud.Name);
        Assert.Equal(EnvironmentFiles.Tenant, context.TenantId);
        Assert.Equal(EnvironmentFiles.Subscription, context.SubscriptionId);
        Assert.NotNull(context.Trust);
        Assert.Equal(_cert.Thumbprint, context.TrustedCertificate!.Thumbprint);
        Assert.NotSame(HttpClientTransport.Shared, context.Transport);
        Assert.Contains(EnvironmentFiles.Client, context.CredentialDescription);
        Assert.Contains(_cert.Thumbprint, context.CredentialDescription);
        Assert.Contains("127.0.0.1:47443", context.CredentialDescription);
        Assert.DoesNotContain(EnvironmentFiles.Secret, context.CredentialDescription);
    }

    [Fact]
    public void TheContextNeverShowsTheSecretAndItsRedactorMasksIt()
    {
        var context = CredentialFactory.CreateContext(SignInRequest.EnvironmentFile(EnvFile()));

        var text = context.ToString();
        Assert.DoesNotContain(EnvironmentFiles.Secret, text);
        Assert.Contains("Cloud=BatchRotationEmulator", text);
        Assert.Contains(EnvironmentFiles.Subscription, text);
        Assert.Equal("secret is ***", context.Redactor.Redact("secret is " + EnvironmentFiles.Secret));
    }

    [Fact]
    public void ASubscriptionGivenWithTheFileOverridesTheFiles()
    {
        const string other = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
        var context = CredentialFactory.CreateContext(SignInRequest.EnvironmentFile(EnvFile(), other));
        Assert.Equal(other, context.SubscriptionId);
    }

    [Fact]
    public void AnEnvironmentFileCannotBeCombinedWithACloudName()
    {
        var request = new SignInRequest { Method = SignInMethod.EnvironmentFile, EnvironmentFilePath = EnvFile(), CloudName = "AzureCloud" };
        var ex = Assert.Throws<BatchRotationException>(() => CredentialFactory.CreateContext(request));
        Assert.Equal(AzureErrorIds.SignInRequestInvalid, ex.ErrorId);
    }

    [Fact]
    public void NothingSpecifiedMeansTheDefaultChainInThePublicCloud()
    {
        var context = CredentialFactory.CreateContext(new SignInRequest());

        Assert.IsType<DefaultAzureCredential>(context.Credential);
        Assert.Same(AzureCloud.AzurePublic, context.Cloud);
        Assert.Same(HttpClientTransport.Shared, context.Transport);
        Assert.Null(context.Trust);
        Assert.StartsWith("DefaultAzureCredential in AzureCloud", context.CredentialDescription);
        Assert.Contains("Azure CLI, Azure PowerShell", context.CredentialDescription);
        Assert.Contains("interactive sign-in excluded", context.CredentialDescription);
    }

    [Fact]
    public void TheDefaultChainHonoursCloudAndTenant()
    {
        var context = CredentialFactory.CreateContext(SignInRequest.Default("AzureUSGovernment", "contoso.onmicrosoft.com"));
        Assert.Same(AzureCloud.AzureUSGovernment, context.Cloud);
        Assert.Equal("contoso.onmicrosoft.com", context.TenantId);
        Assert.Contains("AzureUSGovernment", context.CredentialDescription);
    }

    [Fact]
    public void ManagedIdentityIsSystemAssignedUnlessAClientIdIsGiven()
    {
        var system = CredentialFactory.CreateContext(SignInRequest.ManagedIdentity());
        Assert.IsType<ManagedIdentityCredential>(system.Credential);
        Assert.Equal("Managed identity (system-assigned) in AzureCloud", system.CredentialDescription);

        var user = CredentialFactory.CreateContext(SignInRequest.ManagedIdentity("12345678-90AB-CDEF-1234-567890ABCDEF", "AzureChinaCloud"));
        Assert.IsType<ManagedIdentityCredential>(user.Credential);
        Assert.Same(AzureCloud.AzureChinaCloud, user.Cloud);
        Assert.Equal("Managed identity (user-assigned, client id 12345678-90ab-cdef-1234-567890abcdef) in AzureChinaCloud", user.CredentialDescription);
    }

    [Fact]
    public void DeviceCodeNeedsAPrompt()
    {
        var ok = CredentialFactory.CreateContext(SignInRequest.DeviceCode(_ => { }, "72f988bf-86f1-41af-91ab-2d7cd011db47"));
        Assert.IsType<DeviceCodeCredential>(ok.Credential);
        Assert.Contains("Device code sign-in to tenant 72f988bf-86f1-41af-91ab-2d7cd011db47", ok.CredentialDescription);

        var ex = Assert.Throws<BatchRotationException>(() => CredentialFactory.CreateContext(new SignInRequest { Method = SignInMethod.DeviceCode }));
        Assert.Equal(AzureErrorIds.SignInRequestInvalid, ex.ErrorId);
    }

    [Theory]
    [InlineData("not-a-guid", null, null)]
    [InlineData(null, "bad subscription", null)]
    [InlineData(null, null, "tenant with spaces")]
    public void MalformedIdsAreRefused(string? clientId, string? subscription, string? tenant)
    {
        var request = new SignInRequest { ManagedIdentityClientId = clientId, SubscriptionId = subscription, TenantId = tenant };
        var ex = Assert.Throws<BatchRotationException>(() => CredentialFactory.CreateContext(request));
        Assert.Equal(AzureErrorIds.SignInRequestInvalid, ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
    }

    [Fact]
    public void AnUnknownCloudIsRefused()
    {
        var ex = Assert.Throws<BatchRotationException>(() => CredentialFactory.CreateContext(SignInRequest.Default("AzureStack")));
        Assert.Equal(AzureErrorIds.UnknownCloud, ex.ErrorId);
    }

    [Fact]
    public void AMissingEnvironmentFileIsReportedAsSuch()
    {
        var ex = Assert.Throws<BatchRotationException>(() =>
            CredentialFactory.CreateContext(SignInRequest.EnvironmentFile(Path.Combine(_folder.Path, "absent.json"))));
        Assert.Equal(AzureErrorIds.EnvironmentFileNotFound, ex.ErrorId);
    }

    [Fact]
    public void ContextCopiesKeepEverythingButWhatChanged()
    {
        var context = CredentialFactory.CreateContext(SignInRequest.EnvironmentFile(EnvFile()));
        var copy = context.WithSubscription("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee").WithTenant(null);
        Assert.Equal("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", copy.SubscriptionId);
        Assert.Null(copy.TenantId);
        Assert.Same(context.Credential, copy.Credential);
        Assert.Same(context.Transport, copy.Transport);
        Assert.Same(context.Trust, copy.Trust);
        Assert.Same(context.Redactor, copy.Redactor);
    }
}
