namespace BatchRotation.Core.Rules
{
    /// <summary>Where to assign Key Vault Secrets User: once on the vault, or on each secret.</summary>
    public enum RbacGrantScope
    {
        Vault,
        Secret,
    }
}
