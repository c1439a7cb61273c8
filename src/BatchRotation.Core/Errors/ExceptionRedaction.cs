using System;
using BatchRotation.Core.Azure;

namespace BatchRotation.Core.Errors
{
    /// <summary>
    /// Keeps secrets out of exceptions that reach the user: an exception whose text (message, inner
    /// exceptions, anything its <see cref="Exception.ToString"/> shows) holds something a
    /// <see cref="Redactor"/> masks is replaced by a copy with the redacted message and no inner exception.
    /// </summary>
    public static class ExceptionRedaction
    {
        /// <summary>True when <paramref name="exception"/> or any exception inside it shows a secret <paramref name="redactor"/> masks.</summary>
        public static bool Reveals(Exception exception, Redactor redactor)
        {
            if (exception == null)
            {
                throw new ArgumentNullException(nameof(exception));
            }

            if (redactor == null)
            {
                throw new ArgumentNullException(nameof(redactor));
            }

            var text = exception.ToString();
            return !string.Equals(redactor.Redact(text), text, StringComparison.Ordinal);
        }

        /// <summary>
        /// <paramref name="exception"/> itself when it reveals nothing; otherwise a copy with the same ErrorId,
        /// kind, status, Azure error code and request id, its message, remedy and (string) target redacted,
        /// and without the inner exception that showed the secret.
        /// </summary>
        public static BatchRotationException Sanitize(BatchRotationException exception, Redactor redactor)
        {
            if (!Reveals(exception, redactor))
            {
                return exception;
            }

            return new BatchRotationException(exception.ErrorId, exception.Kind, redactor.Redact(exception.Message), RedactTarget(exception.Target, redactor))
            {
                Remedy = redactor.Redact(exception.Remedy),
                AzureErrorCode = exception.AzureErrorCode,
                RequestId = exception.RequestId,
                Status = exception.Status,
            };
        }

        /// <summary>A string target redacted; any other target as it is.</summary>
        public static object? RedactTarget(object? target, Redactor redactor) =>
            target is string text ? redactor.Redact(text) : target;
    }
}
