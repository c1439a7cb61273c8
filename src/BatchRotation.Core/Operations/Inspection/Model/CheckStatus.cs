namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>The verdict of one check.</summary>
    public enum CheckStatus
    {
        /// <summary>Verified and correct.</summary>
        Passed,

        /// <summary>Works today but deserves attention (least privilege, expiry soon, nodes still provisioning).</summary>
        Warning,

        /// <summary>Wrong: the pool does not rotate, or will stop rotating.</summary>
        Failed,

        /// <summary>Could not be verified (no permission to read, or a prerequisite failed); the message says why.</summary>
        Skipped,
    }
}
