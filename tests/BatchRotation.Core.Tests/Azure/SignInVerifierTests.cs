using Azure.Identity;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public class SignInVerifierTests
{
    [Fact]
    public async Task VerifyAsksForAnArmTokenAndReadsWhoItNames()
    {
        var credential = new FakeCredential();
        var context = new BatchRotationContext(AzureCloud.AzureUSGovernment, null, null, credential, SignInMethod.Default, "test", new FakeTransport());

        var identity = await SignInVerifier.VerifyAsync(context, CancellationToken.None);

        Assert.Equal(new[] { "https://management.usgovcloudapi.net//.default" }, credential.Scopes);
        Assert.Equal("11111111-1111-1111-1111-111111111111", identity.TenantId);
        Assert.Equal("22222222-2222-2222-2222-222222222222", identity.ObjectId);
        Assert.Equal("33333333-3333-3333-3333-333333333333", identity.ApplicationId);
        Assert.Null(identity.UserName);
    }

    [Fact]
    public void AnOpaqueTokenGivesNoClaims()
    {
        var identity = SignInVerifier.ReadClaims("opaque-token", DateTimeOffset.UnixEpoch);
        Assert.Null(identity.TenantId);
        Assert.Null(SignInVerifier.ReadClaims("a.!!!.c", DateTimeOffset.UnixEpoch).ObjectId);
    }

    [Fact]
    public async Task AFailedSignInIsMappedAndRedacted()
    {
        var context = new BatchRotationContext(
            AzureCloud.AzurePublic, "t", null,
            new FailingCredential(new AuthenticationFailedException("ClientSecretCredential authentication failed: client_secret=abc123 rejected")),
            SignInMethod.EnvironmentFile, "Client secret of application x", new FakeTransport());

        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => SignInVerifier.VerifyAsync(context, CancellationToken.None));

        Assert.Equal(AzureErrorIds.AuthenticationFailed, ex.ErrorId);
        Assert.DoesNotContain("abc123", ex.Message);
        Assert.Equal("Client secret of application x", ex.Target);
    }
}
