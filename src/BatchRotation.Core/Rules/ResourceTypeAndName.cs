namespace BatchRotation.Core.Rules
{
    /// <summary>One <c>{type}/{name}</c> pair of a resource id, e.g. <c>pools/mypool</c>.</summary>
    public sealed record ResourceTypeAndName(string Type, string Name);
}
