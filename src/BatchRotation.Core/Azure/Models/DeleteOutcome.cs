namespace BatchRotation.Core.Azure.Models
{
    /// <summary>What a delete did.</summary>
    public enum DeleteOutcome
    {
        /// <summary>The resource existed and is gone (after any long-running operation finished).</summary>
        Deleted,

        /// <summary>There was nothing to delete (204 or 404).</summary>
        AlreadyAbsent,
    }
}
