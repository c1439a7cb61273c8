using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Rules
{
    internal static class RuleErrors
    {
        public static BatchRotationException Invalid(string errorId, string message, object? target, string? remedy = null) =>
            new BatchRotationException(errorId, ErrorKind.InvalidArgument, message, target) { Remedy = remedy };
    }
}
