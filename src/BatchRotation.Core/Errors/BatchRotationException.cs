using System;

namespace BatchRotation.Core.Errors
{
    /// <summary>
    /// A failure the user can act on. Every one carries a stable identifier (the PowerShell ErrorId),
    /// a kind, the item it is about and, when an Azure call failed, the service's error code and
    /// request id. Messages never contain tokens or secrets.
    /// </summary>
    public class BatchRotationException : Exception
    {
        public BatchRotationException(
            string errorId,
            ErrorKind kind,
            string message,
            object? target = null,
            Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
            if (innerException is BatchRotationException cause)
            {
                // A failure re-labelled with an operation's own id still names the Azure call that failed.
                AzureErrorCode = cause.AzureErrorCode;
                RequestId = cause.RequestId;
                Status = cause.Status;
            }
        }

        /// <summary>Stable, identifier-style id, e.g. <c>IdentityNotFound</c>.</summary>
        public string ErrorId { get; }

        public ErrorKind Kind { get; }

        /// <summary>The failing item: a URL, a resource id, a name.</summary>
        public object? Target { get; }

        /// <summary>What the user should do about it, when the message alone does not say.</summary>
        public string? Remedy { get; init; }

        /// <summary>
        /// The Azure error code (e.g. <c>AuthorizationFailed</c>) when a service call failed. This, <see cref="RequestId"/>
        /// and <see cref="Status"/> are taken from an inner <see cref="BatchRotationException"/> unless set.
        /// </summary>
        public string? AzureErrorCode { get; init; }

        /// <summary>The x-ms-request-id of the failing call, for Azure support.</summary>
        public string? RequestId { get; init; }

        /// <summary>The HTTP status of the failing call, when there was one.</summary>
        public int? Status { get; init; }
    }
}
