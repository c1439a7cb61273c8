namespace BatchRotation.Core.Rules
{
    /// <summary>What a typed id parser expects: the resource type and a shape to show in the error.</summary>
    internal sealed record ResourceIdExpectation(string ResourceType, string Shape, bool RequireResourceGroup);
}
