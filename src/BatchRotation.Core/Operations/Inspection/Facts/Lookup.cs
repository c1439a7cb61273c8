using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>How reading one fact from Azure went.</summary>
    public enum LookupOutcome
    {
        Found,

        /// <summary>Azure says it does not exist (404).</summary>
        NotFound,

        /// <summary>The caller may not read it (401/403): the checks that need it are skipped, never passed.</summary>
        Denied,

        /// <summary>Any other failure after retries (throttling that never ended, 5xx, network).</summary>
        Failed,
    }

    /// <summary>
    /// A fact read from Azure, or why it could not be read. Lookups never throw for an Azure failure, so a
    /// cached lookup is a value that every pool using the same resource shares.
    /// </summary>
    public sealed class Lookup<T>
        where T : class
    {
        private Lookup(LookupOutcome outcome, T? value, string? problem, string? errorId = null, string? azureErrorCode = null)
        {
            Outcome = outcome;
            Value = value;
            Problem = problem;
            ErrorId = errorId;
            AzureErrorCode = azureErrorCode;
        }

        public LookupOutcome Outcome { get; }

        public T? Value { get; }

        /// <summary>Why it was not found or could not be read (the service's message), else null.</summary>
        public string? Problem { get; }

        /// <summary>The failed call's ErrorId (e.g. <c>AzureConnectionFailed</c>), when a call failed.</summary>
        public string? ErrorId { get; }

        /// <summary>The service's error code (e.g. <c>CertificateNotFound</c>, <c>VaultNotFound</c>), when it gave one.</summary>
        public string? AzureErrorCode { get; }

        public bool IsFound => Outcome == LookupOutcome.Found && Value != null;

        public static Lookup<T> Found(T value) => new Lookup<T>(LookupOutcome.Found, value, null);

        public static Lookup<T> NotFound(string problem) => new Lookup<T>(LookupOutcome.NotFound, null, problem);

        public static Lookup<T> Denied(string problem) => new Lookup<T>(LookupOutcome.Denied, null, problem);

        public static Lookup<T> Failed(string problem) => new Lookup<T>(LookupOutcome.Failed, null, problem);

        /// <summary>Classifies a failed Azure call.</summary>
        public static Lookup<T> From(BatchRotationException error)
        {
            var outcome = error.Status == 404 || error.Kind == ErrorKind.NotFound ? LookupOutcome.NotFound
                : error.Status == 401 || error.Status == 403 || error.Kind == ErrorKind.PermissionDenied || error.Kind == ErrorKind.AuthenticationError ? LookupOutcome.Denied
                : LookupOutcome.Failed;
            var problem = error.RequestId == null ? error.Message : $"{error.Message} (request id {error.RequestId})";
            return new Lookup<T>(outcome, null, problem, error.ErrorId, error.AzureErrorCode);
        }

        /// <summary>The same outcome and problem for another value type.</summary>
        public Lookup<TOther> As<TOther>()
            where TOther : class =>
            new Lookup<TOther>(Outcome == LookupOutcome.Found ? LookupOutcome.Failed : Outcome, null, Problem ?? "not read", ErrorId, AzureErrorCode);
    }
}
