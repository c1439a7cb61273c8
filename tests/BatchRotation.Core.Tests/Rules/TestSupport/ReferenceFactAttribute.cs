namespace BatchRotation.Core.Tests.Rules.TestSupport;

/// <summary>A fact that needs the shared reference material; it reports itself skipped when that is absent.</summary>
public sealed class ReferenceFactAttribute : FactAttribute
{
    public ReferenceFactAttribute()
    {
        if (ReferencePaths.ReferenceRoot == null)
        {
            Skip = ReferencePaths.MissingReason;
        }
    }
}

/// <summary>A theory that needs the shared reference material; it reports itself skipped when that is absent.</summary>
public sealed class ReferenceTheoryAttribute : TheoryAttribute
{
    public ReferenceTheoryAttribute()
    {
        if (ReferencePaths.ReferenceRoot == null)
        {
            Skip = ReferencePaths.MissingReason;
        }
    }
}
