namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>Which permission model to grant through: the vault's own (Auto), or one the caller insists on.</summary>
    public enum GrantAccessModel
    {
        /// <summary>Follow each vault: access policies, or Azure RBAC when the vault has <c>enableRbacAuthorization</c>.</summary>
        Auto,

        /// <summary>Access policies only; a vault that uses Azure RBAC is refused (its policies would be ignored).</summary>
        AccessPolicy,

        /// <summary>Azure RBAC only; a vault that uses access policies is refused (its role assignments grant no data access).</summary>
        Rbac,
    }
}
