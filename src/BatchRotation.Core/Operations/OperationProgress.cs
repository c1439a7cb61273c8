namespace BatchRotation.Core.Operations
{
    /// <summary>A progress report: one activity (by id) with a status line and an optional percentage.</summary>
    public sealed record OperationProgress(int ActivityId, string Activity, string Status)
    {
        /// <summary>0..100, or -1 when unknown.</summary>
        public int PercentComplete { get; init; } = -1;

        public int? ParentActivityId { get; init; }

        public bool Completed { get; init; }
    }
}
