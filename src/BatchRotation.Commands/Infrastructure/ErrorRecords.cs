using System;
using System.Management.Automation;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Errors;

namespace BatchRotation.Commands.Infrastructure
{
    /// <summary>Turns failures into PowerShell <see cref="ErrorRecord"/>s.</summary>
    internal static class ErrorRecords
    {
        /// <summary>The ErrorRecord of <paramref name="exception"/>; texts pass through <paramref name="redactor"/> (default: patterns only).</summary>
        public static ErrorRecord From(Exception exception, Redactor? redactor = null)
        {
            OperationFailure failure = OperationFailure.From(exception, redactor ?? Redactor.Default);
            var record = new ErrorRecord(failure.Exception, failure.ErrorId, ToCategory(failure.Kind), failure.Target)
            {
                ErrorDetails = new ErrorDetails(failure.Message),
            };

            if (failure.Remedy is not null)
            {
                record.ErrorDetails.RecommendedAction = failure.Remedy;
            }

            return record;
        }

        /// <summary>Every <see cref="ErrorKind"/> has its own arm; only an unknown value falls to NotSpecified.</summary>
        public static ErrorCategory ToCategory(ErrorKind kind) => kind switch
        {
            ErrorKind.NotSpecified => ErrorCategory.NotSpecified,
            ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            ErrorKind.InvalidData => ErrorCategory.InvalidData,
            ErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            ErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
            ErrorKind.ResourceExists => ErrorCategory.ResourceExists,
            ErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
            ErrorKind.ConnectionError => ErrorCategory.ConnectionError,
            ErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
            ErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
