using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Tests.Errors;

public class BatchRotationExceptionTests
{
    private static readonly BatchRotationException AzureFailure =
        new("AzurePermissionDenied", ErrorKind.PermissionDenied, "403", "/subscriptions/x")
        {
            AzureErrorCode = "AuthorizationFailed",
            RequestId = "req-1",
            Status = 403,
        };

    [Fact]
    public void A_relabelled_failure_keeps_the_Azure_call_it_wraps()
    {
        var relabelled = new BatchRotationException("AccessCheckNotPossible", ErrorKind.PermissionDenied, "cannot check", "vault", AzureFailure);

        Assert.Equal("AuthorizationFailed", relabelled.AzureErrorCode);
        Assert.Equal("req-1", relabelled.RequestId);
        Assert.Equal(403, relabelled.Status);
        Assert.Same(AzureFailure, relabelled.InnerException);
    }

    [Fact]
    public void What_the_wrapper_sets_itself_wins()
    {
        var relabelled = new BatchRotationException("Other", ErrorKind.NotFound, "gone", "x", AzureFailure) { Status = 404, RequestId = "req-2" };

        Assert.Equal(404, relabelled.Status);
        Assert.Equal("req-2", relabelled.RequestId);
        Assert.Equal("AuthorizationFailed", relabelled.AzureErrorCode);
    }

    [Fact]
    public void Another_inner_exception_names_no_Azure_call()
    {
        var wrapped = new BatchRotationException("EnvironmentFileInvalid", ErrorKind.InvalidData, "bad", "file", new InvalidOperationException("x"));

        Assert.Null(wrapped.AzureErrorCode);
        Assert.Null(wrapped.RequestId);
        Assert.Null(wrapped.Status);
    }
}
