using BatchRotation.Commands.Infrastructure;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Errors;

namespace BatchRotation.Commands.Tests;

/// <summary>
/// What an ErrorRecord will carry never shows the sign-in's secret or a token: its message, remedy and
/// target, and the exception attached to it (whose Message and InnerException users can read).
/// </summary>
public class OperationFailureRedactionTests
{
    private const string Secret = "Env-File~Secret.Value";
    private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJhYmMifQ.c2ln";
    private static readonly Redactor SignIn = new(new[] { Secret });

    [Fact]
    public void A_BatchRotationException_showing_the_secret_is_redacted_everywhere_and_keeps_its_id_and_Azure_details()
    {
        var error = new BatchRotationException("AuthenticationFailed", ErrorKind.AuthenticationError, $"Rejected {Secret}.", $"client {Secret}", new InvalidOperationException(Jwt))
        {
            Remedy = $"Do not paste {Secret}.",
            AzureErrorCode = "invalid_client",
            RequestId = "req-7",
            Status = 401,
        };

        var failure = OperationFailure.From(error, SignIn);

        Assert.Equal("AuthenticationFailed", failure.ErrorId);
        Assert.Equal(ErrorKind.AuthenticationError, failure.Kind);
        Assert.Equal("Rejected ***. (HTTP 401; Azure error code: invalid_client; request id: req-7)", failure.Message);
        Assert.Equal("Do not paste ***.", failure.Remedy);
        Assert.Equal("client ***", failure.Target);
        var attached = Assert.IsType<BatchRotationException>(failure.Exception);
        Assert.NotSame(error, attached);
        Assert.Null(attached.InnerException);
        Assert.Equal(("invalid_client", "req-7", 401), (attached.AzureErrorCode, attached.RequestId, attached.Status));
        Assert.DoesNotContain(Secret, attached.ToString());
        Assert.DoesNotContain("eyJ", attached.ToString());
    }

    [Fact]
    public void Any_other_exception_showing_a_token_is_replaced_but_keeps_its_constant_id_and_type_name()
    {
        var leaky = new InvalidOperationException("wrapper", new Exception("Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789"));

        var failure = OperationFailure.From(leaky, Redactor.Default);

        Assert.Equal(OperationFailure.UnexpectedErrorId, failure.ErrorId);
        Assert.Equal("System.InvalidOperationException: wrapper", failure.Message);
        var attached = Assert.IsType<BatchRotationException>(failure.Exception);
        Assert.Equal(OperationFailure.UnexpectedErrorId, attached.ErrorId);
        Assert.Null(attached.InnerException);
        Assert.DoesNotContain("abcdefghijklmnop", attached.ToString());
    }

    [Fact]
    public void A_message_with_a_secret_parameter_is_masked_even_without_knowing_the_secret()
    {
        var failure = OperationFailure.From(new TimeoutException("POST /token client_secret=abc123 timed out"), Redactor.Default);

        Assert.Equal(OperationFailure.TimedOutErrorId, failure.ErrorId);
        Assert.Contains("client_secret=***", failure.Message);
        Assert.DoesNotContain("abc123", failure.Message);
        Assert.DoesNotContain("abc123", failure.Exception.ToString());
    }

    [Fact]
    public void An_exception_that_reveals_nothing_is_attached_as_it_is()
    {
        var clean = new BatchRotationException("PoolNotFound", ErrorKind.NotFound, "No pool p1.", "p1", new InvalidOperationException("detail"));
        var other = new NullReferenceException("boom");

        Assert.Same(clean, OperationFailure.From(clean, SignIn).Exception);
        Assert.Same(other, OperationFailure.From(other, SignIn).Exception);
        Assert.Same(other, OperationFailure.From(other).Exception);
    }

    [Fact]
    public void A_non_string_target_is_kept()
    {
        var target = new Uri("https://kv1.vault.azure.net/secrets/c1");
        Assert.Same(target, OperationFailure.From(new BatchRotationException("X", ErrorKind.InvalidData, "m", target), SignIn).Target);
    }
}
