using System;
using System.Text;
using BatchRotation.Core.Errors;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>
    /// What PowerShell should be told about a failed operation or item, independent of PowerShell's
    /// types: the ErrorId, the kind, the failing item, the message to show and what to do about it.
    /// </summary>
    internal sealed class OperationFailure
    {
        /// <summary>ErrorId for an exception that is not a <see cref="BatchRotationException"/>.</summary>
        public const string UnexpectedErrorId = "UnexpectedError";

        /// <summary>ErrorId for a cancellation that the user did not ask for (a timeout inside a client).</summary>
        public const string TimedOutErrorId = "OperationTimedOut";

        /// <summary>ErrorId for an <see cref="ArgumentException"/> thrown by the Core.</summary>
        public const string InvalidArgumentErrorId = "InvalidArgument";

        private OperationFailure(string errorId, ErrorKind kind, object? target, string message, string? remedy)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
            Message = message;
            Remedy = remedy;
        }

        public string ErrorId { get; }

        public ErrorKind Kind { get; }

        public object? Target { get; }

        /// <summary>The message shown to the user, including Azure's error code and request id when known.</summary>
        public string Message { get; }

        public string? Remedy { get; }

        public static OperationFailure From(Exception exception)
        {
            switch (exception)
            {
                case BatchRotationException e:
                    return new OperationFailure(
                        string.IsNullOrWhiteSpace(e.ErrorId) ? UnexpectedErrorId : e.ErrorId,
                        e.Kind,
                        e.Target,
                        DescribeAzureFailure(e),
                        e.Remedy);
                case OperationCanceledException or TimeoutException:
                    return new OperationFailure(
                        TimedOutErrorId,
                        ErrorKind.OperationTimeout,
                        null,
                        $"The operation was cancelled before it completed ({exception.GetType().FullName}): {exception.Message}",
                        "Try again; if it keeps timing out, check the network path to Azure.");
                case ArgumentException e:
                    return new OperationFailure(
                        InvalidArgumentErrorId,
                        ErrorKind.InvalidArgument,
                        e.ParamName,
                        $"{e.GetType().FullName}: {e.Message}",
                        null);
                default:
                    // Not a catch-all that hides anything: the exception (with its type and stack) stays
                    // on the ErrorRecord, and its type is part of the message.
                    return new OperationFailure(
                        UnexpectedErrorId,
                        ErrorKind.NotSpecified,
                        null,
                        $"{exception.GetType().FullName}: {exception.Message}",
                        null);
            }
        }

        private static string DescribeAzureFailure(BatchRotationException e)
        {
            if (e.AzureErrorCode is null && e.RequestId is null && e.Status is null)
            {
                return e.Message;
            }

            var text = new StringBuilder(e.Message).Append(" (");
            var separator = string.Empty;
            if (e.Status is int status)
            {
                text.Append("HTTP ").Append(status);
                separator = "; ";
            }

            if (e.AzureErrorCode is not null)
            {
                text.Append(separator).Append("Azure error code: ").Append(e.AzureErrorCode);
                separator = "; ";
            }

            if (e.RequestId is not null)
            {
                text.Append(separator).Append("request id: ").Append(e.RequestId);
            }

            return text.Append(')').ToString();
        }
    }
}
