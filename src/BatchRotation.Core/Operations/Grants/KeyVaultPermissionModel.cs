namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>How a vault authorizes reading its secrets.</summary>
    public enum KeyVaultPermissionModel
    {
        AccessPolicy,
        Rbac,
    }
}
