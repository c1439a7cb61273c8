namespace BatchRotation.Core.Errors
{
    /// <summary>
    /// What kind of failure an error is. The cmdlets map each kind to PowerShell's ErrorCategory;
    /// the Core itself knows nothing of PowerShell.
    /// </summary>
    public enum ErrorKind
    {
        NotSpecified,
        InvalidArgument,
        InvalidData,
        NotFound,
        PermissionDenied,
        AuthenticationError,
        ResourceExists,
        ResourceUnavailable,
        InvalidOperation,
        ConnectionError,
        OperationTimeout,
        LimitsExceeded,
    }
}
