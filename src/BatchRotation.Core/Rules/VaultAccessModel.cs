using System.Collections.Generic;

namespace BatchRotation.Core.Rules
{
    /// <summary>A vault as far as access goes: its id, tenant, permission model and access policies.</summary>
    public sealed record VaultAccessModel(KeyVaultId VaultId, string TenantId, bool UsesRbac, IReadOnlyList<AccessPolicyEntry> AccessPolicies);
}
