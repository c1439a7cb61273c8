using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>Re-labels a failed Azure call with the operation's own ErrorId, keeping status, code and request id.</summary>
    internal static class AzureFailures
    {
        public static bool IsNotFound(BatchRotationException e) => e.Kind == ErrorKind.NotFound || e.Status == 404;

        public static bool IsPermissionDenied(BatchRotationException e) => e.Kind == ErrorKind.PermissionDenied || e.Status == 403;

        public static BatchRotationException Relabel(BatchRotationException cause, string errorId, ErrorKind kind, string message, object? target, string? remedy) =>
            new BatchRotationException(errorId, kind, message + " " + Describe(cause), target, cause)
            {
                Remedy = remedy,
            };

        /// <summary>"(Azure: 404 ResourceNotFound, request id ...)" for the end of a message.</summary>
        public static string Describe(BatchRotationException cause)
        {
            var parts = new System.Collections.Generic.List<string>();
            if (cause.Status != null)
            {
                parts.Add(cause.Status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (cause.AzureErrorCode != null)
            {
                parts.Add(cause.AzureErrorCode);
            }

            if (cause.RequestId != null)
            {
                parts.Add("request id " + cause.RequestId);
            }

            return parts.Count == 0 ? "(" + cause.Message + ")" : "(Azure answered " + string.Join(", ", parts) + ".)";
        }

        public static string Plural(int count, string singular, string plural) =>
            count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);
    }
}
