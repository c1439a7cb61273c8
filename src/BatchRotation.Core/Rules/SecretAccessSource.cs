namespace BatchRotation.Core.Rules
{
    public enum SecretAccessSource
    {
        None,
        AccessPolicy,
        RoleAssignment,
    }
}
