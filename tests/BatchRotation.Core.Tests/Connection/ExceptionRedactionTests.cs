using BatchRotation.Core.Azure;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Tests.Connection;

public class ExceptionRedactionTests
{
    private static readonly Redactor Redactor = new(new[] { "known-secret-value" });

    [Fact]
    public void An_exception_that_reveals_nothing_is_kept()
    {
        var clean = new BatchRotationException("VaultNotFound", ErrorKind.NotFound, "The vault was not found.", "kv1", new InvalidOperationException("inner"));

        Assert.False(ExceptionRedaction.Reveals(clean, Redactor));
        Assert.Same(clean, ExceptionRedaction.Sanitize(clean, Redactor));
    }

    [Fact]
    public void A_secret_in_the_message_remedy_or_target_is_masked_and_the_Azure_details_kept()
    {
        var leaky = new BatchRotationException("AuthenticationFailed", ErrorKind.AuthenticationError, "failed with known-secret-value", "target known-secret-value")
        {
            Remedy = "do not use known-secret-value",
            AzureErrorCode = "invalid_client",
            RequestId = "req-1",
            Status = 401,
        };

        var safe = ExceptionRedaction.Sanitize(leaky, Redactor);

        Assert.NotSame(leaky, safe);
        Assert.Equal(("AuthenticationFailed", ErrorKind.AuthenticationError), (safe.ErrorId, safe.Kind));
        Assert.Equal("failed with ***", safe.Message);
        Assert.Equal("target ***", safe.Target);
        Assert.Equal("do not use ***", safe.Remedy);
        Assert.Equal(("invalid_client", "req-1", 401), (safe.AzureErrorCode, safe.RequestId, safe.Status));
    }

    [Fact]
    public void A_secret_only_in_an_inner_exception_drops_the_inner_exception()
    {
        var inner = new AggregateException(new InvalidOperationException("ok"), new InvalidOperationException("Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123"));
        var leaky = new BatchRotationException("AzureConnectionFailed", ErrorKind.ConnectionError, "The call failed.", null, inner);

        Assert.True(ExceptionRedaction.Reveals(leaky, Redactor.Default));
        var safe = ExceptionRedaction.Sanitize(leaky, Redactor.Default);

        Assert.Null(safe.InnerException);
        Assert.Equal("The call failed.", safe.Message);
        Assert.DoesNotContain("abcdefghijklmnop", safe.ToString());
    }

    [Fact]
    public void Only_string_targets_are_redacted()
    {
        var uri = new Uri("https://example.test/");
        Assert.Same(uri, ExceptionRedaction.RedactTarget(uri, Redactor));
        Assert.Equal("x ***", ExceptionRedaction.RedactTarget("x known-secret-value", Redactor));
        Assert.Null(ExceptionRedaction.RedactTarget(null, Redactor));
    }
}
