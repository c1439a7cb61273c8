using System.Net.Http;
using System.Security.Authentication;
using Azure.Identity;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Connection;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;
using static BatchRotation.Core.Tests.Connection.ConnectionContexts;

namespace BatchRotation.Core.Tests.Connection;

/// <summary>
/// Every message the Core produces when a sign-in fails is free of the secret and of tokens: the exception's
/// message, remedy, target and everything its ToString() shows (inner exceptions included), and the sink.
/// </summary>
public sealed class SignInFailureRedactionTests : IDisposable
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJhYmMiLCJvaWQiOiJkZWYifQ.c2lnbmF0dXJl";
    private readonly TempFolder _folder = new();
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _cert = TestCertificates.SelfSigned();

    public void Dispose()
    {
        _cert.Dispose();
        _folder.Dispose();
    }

    public static TheoryData<string, string> CredentialFailures => new()
    {
        { "authentication", AzureErrorIds.AuthenticationFailed },
        { "unavailable", AzureErrorIds.CredentialUnavailable },
        { "tls", AzureErrorIds.TlsCertificateRejected },
        { "connection", AzureErrorIds.AzureConnectionFailed },
        { "unclassified", ConnectionErrorIds.SignInFailed },
    };

    private static Exception Failure(string kind)
    {
        var leaky = $"client_secret={Secret}&assertion={Jwt}; the secret was {Secret}";
        return kind switch
        {
            "authentication" => new AuthenticationFailedException("ClientSecretCredential authentication failed: " + leaky, new InvalidOperationException("body " + leaky)),
            "unavailable" => new CredentialUnavailableException("EnvironmentCredential: " + leaky),
            "tls" => new HttpRequestException("The SSL connection could not be established.", new AuthenticationException("Remote certificate rejected for " + leaky)),
            "connection" => new HttpRequestException("Connection refused: " + leaky),
            _ => new InvalidOperationException("Unexpected: " + leaky),
        };
    }

    private static void AssertRevealsNothing(BatchRotationException error, RecordingSink sink)
    {
        foreach (var text in new[] { error.ToString(), error.Message, error.Remedy ?? string.Empty, error.Target?.ToString() ?? string.Empty }
                     .Concat(sink.AllText))
        {
            Assert.DoesNotContain(Secret, text);
            Assert.DoesNotContain("eyJ", text);
        }
    }

    [Theory]
    [MemberData(nameof(CredentialFailures))]
    public async Task A_credential_failure_reaches_the_user_with_a_clear_id_and_no_secret(string kind, string errorId)
    {
        var azure = new TestAzure();
        var sink = new RecordingSink();
        var context = For(azure, credential: new FailingCredential(Failure(kind)));

        var error = await Assert.ThrowsAsync<BatchRotationException>(() =>
            ConnectOperation.ConnectAsync(context, new SignInPrompts(), sink, CancellationToken.None, azure.Options));

        Assert.Equal(errorId, error.ErrorId);
        Assert.False(string.IsNullOrWhiteSpace(error.Remedy));
        AssertRevealsNothing(error, sink);
        Assert.Contains(Redactor.Mask, error.Message);
        Assert.Empty(azure.Transport.Requests);
    }

    public static TheoryData<string, string> BrokenFiles => new()
    {
        { "tenant", AzureErrorIds.EnvironmentFileInvalid },
        { "http", AzureErrorIds.InsecureEndpoint },
        { "json", AzureErrorIds.EnvironmentFileInvalid },
        { "certificate", AzureErrorIds.TrustedCertificateNotFound },
        { "pem", AzureErrorIds.TrustedCertificateInvalid },
        { "audience", AzureErrorIds.EnvironmentFileInvalid },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_broken_environment_file_is_named_without_its_secret(string broken, string errorId)
    {
        var fields = EnvironmentFiles.Fields(_folder.Write("emulator-cert.pem", TestCertificates.ToPem(_cert)));
        fields["clientSecret"] = Secret;
        switch (broken)
        {
            case "tenant": fields["tenantId"] = "tenant-" + Secret; break;
            case "http": fields["authorityHost"] = "http://127.0.0.1:47443/"; break;
            case "certificate": fields["certificateFile"] = Path.Combine(_folder.Path, "missing.pem"); break;
            case "pem": fields["certificateFile"] = _folder.Write("not-a-cert.pem", "-----BEGIN CERTIFICATE-----\n" + Secret + "\n-----END CERTIFICATE-----\n"); break;
            case "audience": fields["keyVaultAudience"] = Secret; break;
        }

        var json = EnvironmentFiles.Json(fields);
        if (broken == "json")
        {
            json = json.Replace($"\"{Secret}\"", $"\"{Secret}\" \"dangling\"", StringComparison.Ordinal);
        }

        var file = _folder.Write("emulator.env.json", json);
        var sink = new RecordingSink();

        var error = await Assert.ThrowsAsync<BatchRotationException>(() =>
            ConnectOperation.ConnectAsync(SignInRequest.EnvironmentFile(file), sink, CancellationToken.None));

        Assert.Equal(errorId, error.ErrorId);
        Assert.DoesNotContain(Secret, error.ToString());
        Assert.DoesNotContain(sink.AllText, t => t.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_environment_file_is_not_found()
    {
        var error = await Assert.ThrowsAsync<BatchRotationException>(() =>
            ConnectOperation.ConnectAsync(SignInRequest.EnvironmentFile(Path.Combine(_folder.Path, "nope.json")), new RecordingSink(), CancellationToken.None));

        Assert.Equal(AzureErrorIds.EnvironmentFileNotFound, error.ErrorId);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task An_unknown_cloud_is_refused_before_any_sign_in()
    {
        var error = await Assert.ThrowsAsync<BatchRotationException>(() =>
            ConnectOperation.ConnectAsync(SignInRequest.Default("AzureGermanCloud"), new RecordingSink(), CancellationToken.None));

        Assert.Equal(AzureErrorIds.UnknownCloud, error.ErrorId);
        Assert.Contains("AzureUSGovernment", error.Remedy);
    }

    [Fact]
    public async Task A_subscription_error_is_redacted_too()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(404, $$$"""{"error":{"code":"SubscriptionNotFound","message":"not found; client_secret={{{Secret}}}"}}""");
        var sink = new RecordingSink();

        var error = await Assert.ThrowsAsync<BatchRotationException>(() =>
            ConnectOperation.ConnectAsync(For(azure), new SignInPrompts(), sink, CancellationToken.None, azure.Options));

        Assert.Equal(ConnectionErrorIds.SubscriptionNotFound, error.ErrorId);
        AssertRevealsNothing(error, sink);
    }
}
