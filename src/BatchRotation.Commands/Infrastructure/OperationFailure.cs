using System;
using System.Text;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Errors;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>
    /// What PowerShell should be told about a failed operation or item, independent of PowerShell's
    /// types: the ErrorId, the kind, the failing item, the message to show and what to do about it, and
    /// the exception to attach. With a <see cref="Redactor"/>, none of these shows a token or secret.
    /// </summary>
    internal sealed class OperationFailure
    {
        /// <summary>ErrorId for an exception that is not a <see cref="BatchRotationException"/>.</summary>
        public const string UnexpectedErrorId = "UnexpectedError";

        /// <summary>ErrorId for a cancellation that the user did not ask for (a timeout inside a client).</summary>
        public const string TimedOutErrorId = "OperationTimedOut";

        /// <summary>ErrorId for an <see cref="ArgumentException"/> thrown by the Core.</summary>
        public const string InvalidArgumentErrorId = "InvalidArgument";

        private OperationFailure(string errorId, ErrorKind kind, object? target, string message, string? remedy, Exception exception)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
            Message = message;
            Remedy = remedy;
            Exception = exception;
        }

        public string ErrorId { get; }

        public ErrorKind Kind { get; }

        public object? Target { get; }

        /// <summary>The message shown to the user, including Azure's error code and request id when known.</summary>
        public string Message { get; }

        public string? Remedy { get; }

        /// <summary>
        /// The exception for the ErrorRecord: the original, or (when its text shows a secret) a
        /// <see cref="BatchRotationException"/> with the redacted message and no inner exception.
        /// </summary>
        public Exception Exception { get; }

        public static OperationFailure From(Exception exception) => From(exception, Redactor.Default);

        /// <summary>The failure with its message, remedy and target passed through <paramref name="redactor"/>.</summary>
        public static OperationFailure From(Exception exception, Redactor redactor)
        {
            if (exception is null)
            {
                throw new ArgumentNullException(nameof(exception));
            }

            if (redactor is null)
            {
                throw new ArgumentNullException(nameof(redactor));
            }

            var plain = Describe(exception);
            var message = redactor.Redact(plain.Message);
            var remedy = redactor.Redact(plain.Remedy);
            var target = ExceptionRedaction.RedactTarget(plain.Target, redactor);
            var attached = exception switch
            {
                BatchRotationException e => ExceptionRedaction.Sanitize(e, redactor),
                _ when ExceptionRedaction.Reveals(exception, redactor) => new BatchRotationException(plain.ErrorId, plain.Kind, message, target) { Remedy = remedy },
                _ => exception,
            };
            return new OperationFailure(plain.ErrorId, plain.Kind, target, message, remedy, attached);
        }

        private static OperationFailure Describe(Exception exception)
        {
            switch (exception)
            {
                case BatchRotationException e:
                    return new OperationFailure(
                        string.IsNullOrWhiteSpace(e.ErrorId) ? UnexpectedErrorId : e.ErrorId,
                        e.Kind,
                        e.Target,
                        DescribeAzureFailure(e),
                        e.Remedy,
                        exception);
                case OperationCanceledException or TimeoutException:
                    return new OperationFailure(
                        TimedOutErrorId,
                        ErrorKind.OperationTimeout,
                        null,
                        $"The operation was cancelled before it completed ({exception.GetType().FullName}): {exception.Message}",
                        "Try again; if it keeps timing out, check the network path to Azure.",
                        exception);
                case ArgumentException e:
                    return new OperationFailure(
                        InvalidArgumentErrorId,
                        ErrorKind.InvalidArgument,
                        e.ParamName,
                        $"{e.GetType().FullName}: {e.Message}",
                        null,
                        exception);
                default:
                    // Not a catch-all that hides anything: the exception (with its type and stack) stays
                    // on the ErrorRecord, and its type is part of the message.
                    return new OperationFailure(
                        UnexpectedErrorId,
                        ErrorKind.NotSpecified,
                        null,
                        $"{exception.GetType().FullName}: {exception.Message}",
                        null,
                        exception);
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
