using System.Management.Automation;
using BatchRotation.Commands.Infrastructure;
using BatchRotation.Core.Errors;

namespace BatchRotation.Commands.Tests;

/// <summary>
/// What an ErrorRecord will carry for each kind of failure. <see cref="OperationFailure"/> is plain C#;
/// <see cref="ErrorRecords.ToCategory"/> returns enum constants, which PowerShellStandard's reference
/// assembly carries exactly as PowerShell does. Building the ErrorRecord itself (ErrorRecords.From) is
/// PowerShell's code and is only meaningful in a real PowerShell.
/// </summary>
public class OperationFailureTests
{
    [Fact]
    public void A_BatchRotationException_keeps_its_id_kind_target_and_remedy_and_names_the_Azure_request()
    {
        var error = new BatchRotationException("VaultAccessDenied", ErrorKind.PermissionDenied, "Cannot read the vault.", "https://v.vault.azure.net/")
        {
            Remedy = "Grant the caller Owner on the vault.",
            AzureErrorCode = "AuthorizationFailed",
            RequestId = "0b6f0d6e-1111-2222-3333-444455556666",
            Status = 403,
        };

        var failure = OperationFailure.From(error);

        Assert.Equal("VaultAccessDenied", failure.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, failure.Kind);
        Assert.Equal("https://v.vault.azure.net/", failure.Target);
        Assert.Equal("Grant the caller Owner on the vault.", failure.Remedy);
        Assert.Equal("Cannot read the vault. (HTTP 403; Azure error code: AuthorizationFailed; request id: 0b6f0d6e-1111-2222-3333-444455556666)", failure.Message);
    }

    [Fact]
    public void Without_an_Azure_call_the_message_is_the_exceptions()
    {
        var failure = OperationFailure.From(new BatchRotationException("VersionedUrl", ErrorKind.InvalidArgument, "Use a versionless URL."));
        Assert.Equal("Use a versionless URL.", failure.Message);
        Assert.Null(failure.Remedy);
    }

    [Fact]
    public void An_empty_ErrorId_is_never_passed_on()
    {
        Assert.Equal(OperationFailure.UnexpectedErrorId, OperationFailure.From(new BatchRotationException(" ", ErrorKind.InvalidData, "x")).ErrorId);
    }

    [Fact]
    public void A_cancellation_nobody_asked_for_is_a_timeout()
    {
        var failure = OperationFailure.From(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout."));
        Assert.Equal(OperationFailure.TimedOutErrorId, failure.ErrorId);
        Assert.Equal(ErrorKind.OperationTimeout, failure.Kind);
        Assert.Contains("System.Threading.Tasks.TaskCanceledException", failure.Message);
    }

    [Fact]
    public void An_argument_exception_names_the_parameter()
    {
        var failure = OperationFailure.From(new ArgumentNullException("poolName"));
        Assert.Equal(OperationFailure.InvalidArgumentErrorId, failure.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, failure.Kind);
        Assert.Equal("poolName", failure.Target);
    }

    [Fact]
    public void Anything_else_gets_a_constant_id_and_keeps_its_type_visible()
    {
        var failure = OperationFailure.From(new NullReferenceException("boom"));
        Assert.Equal("UnexpectedError", failure.ErrorId);
        Assert.Equal(ErrorKind.NotSpecified, failure.Kind);
        Assert.Equal("System.NullReferenceException: boom", failure.Message);
    }

    [Fact]
    public void Every_ErrorKind_has_its_own_ErrorCategory()
    {
        foreach (ErrorKind kind in Enum.GetValues<ErrorKind>())
        {
            var category = ErrorRecords.ToCategory(kind);
            var expected = kind == ErrorKind.NotFound ? nameof(ErrorCategory.ObjectNotFound) : kind.ToString();
            Assert.Equal(expected, category.ToString());
        }
    }
}
