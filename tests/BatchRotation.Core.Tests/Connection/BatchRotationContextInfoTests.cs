using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Model;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Connection;

public sealed class BatchRotationContextInfoTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _cert = TestCertificates.SelfSigned();

    public void Dispose()
    {
        _cert.Dispose();
        _folder.Dispose();
    }

    private BatchRotationContext EnvironmentFileContext()
    {
        var certFile = _folder.Write("emulator-cert.pem", TestCertificates.ToPem(_cert));
        var file = _folder.Write("emulator.env.json", EnvironmentFiles.Json(EnvironmentFiles.Fields(certFile)));
        return CredentialFactory.CreateContext(SignInRequest.EnvironmentFile(file));
    }

    [Fact]
    public void An_environment_file_sign_in_shows_its_cloud_endpoints_and_trust_but_never_its_secret()
    {
        var signedIn = new SignedInIdentity(EnvironmentFiles.Tenant, EnvironmentFiles.Principal, EnvironmentFiles.Client, null, DateTimeOffset.UnixEpoch);
        var at = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var info = BatchRotationContextInfo.From(EnvironmentFileContext(), signedIn, isConnected: true, "Emulator subscription", at);

        Assert.True(info.IsConnected);
        Assert.Equal("BatchRotationEmulator", info.Environment);
        Assert.Equal(EnvironmentFiles.Tenant, info.TenantId);
        Assert.Equal(EnvironmentFiles.Subscription, info.SubscriptionId);
        Assert.Equal("Emulator subscription", info.SubscriptionName);
        Assert.Equal(EnvironmentFiles.Client, info.Account);
        Assert.Equal(EnvironmentFiles.Principal, info.AccountObjectId);
        Assert.Equal(SignInMethod.EnvironmentFile, info.SignInMethod);
        Assert.Equal("https://127.0.0.1:47443/", info.ResourceManagerUrl);
        Assert.Equal("https://127.0.0.1:47443/", info.AuthorityHost);
        Assert.Equal("vault.azure.net", info.KeyVaultDnsSuffix);
        Assert.Contains(_cert.Thumbprint, info.TrustedCertificate);
        Assert.Contains("127.0.0.1:47443", info.TrustedCertificate);
        Assert.Contains(EnvironmentFiles.Client, info.CredentialDescription);
        Assert.Equal(at, info.ConnectedAt);

        var texts = typeof(BatchRotationContextInfo).GetProperties().Select(p => p.GetValue(info)?.ToString() ?? string.Empty).Append(info.ToString());
        Assert.DoesNotContain(texts, t => t.Contains(EnvironmentFiles.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_chain_is_described_without_an_account_until_someone_signs_in()
    {
        var info = BatchRotationContextInfo.From(CredentialFactory.CreateContext(SignInRequest.Default()), signedIn: null, isConnected: false);

        Assert.False(info.IsConnected);
        Assert.Equal(SignInMethod.Default, info.SignInMethod);
        Assert.Equal("AzureCloud", info.Environment);
        Assert.Equal("https://management.azure.com/", info.ResourceManagerUrl);
        Assert.Null(info.Account);
        Assert.Null(info.TenantId);
        Assert.Null(info.TrustedCertificate);
        Assert.Null(info.ConnectedAt);
        Assert.Contains("DefaultAzureCredential", info.CredentialDescription);
        Assert.Contains("Azure CLI", info.CredentialDescription);
        Assert.Equal("(not signed in yet) in AzureCloud (Default, not connected)", info.ToString());
    }

    [Theory]
    [InlineData("admin@contoso.com", "app", "oid", "admin@contoso.com")]
    [InlineData(null, "app", "oid", "app")]
    [InlineData(null, null, "oid", "oid")]
    public void The_account_is_the_user_name_else_the_application_else_the_object(string? user, string? app, string? objectId, string expected)
    {
        var context = CredentialFactory.CreateContext(SignInRequest.Default("AzureChinaCloud"));
        var info = BatchRotationContextInfo.From(context, new SignedInIdentity("t", objectId, app, user, DateTimeOffset.UnixEpoch), isConnected: true);

        Assert.Equal(expected, info.Account);
        Assert.Equal("AzureChinaCloud", info.Environment);
        Assert.Equal("https://management.chinacloudapi.cn/", info.ResourceManagerUrl);
        Assert.Equal("vault.azure.cn", info.KeyVaultDnsSuffix);
        Assert.Equal("t", info.TenantId);
    }

    [Fact]
    public void It_carries_only_plain_values()
    {
        var allowed = new[] { typeof(string), typeof(bool), typeof(DateTimeOffset?), typeof(SignInMethod) };
        Assert.All(typeof(BatchRotationContextInfo).GetProperties(), p => Assert.Contains(p.PropertyType, allowed));
    }
}
