namespace BatchRotation.Core.Rules
{
    public enum ResourceScopeKind
    {
        Tenant,
        ManagementGroup,
        Subscription,
        ResourceGroup,
        Resource,
    }
}
