using System;
using System.Collections.Generic;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>
    /// Grant the user-assigned identity <see cref="IdentityResourceId"/> read access to the secret behind every
    /// certificate in <see cref="CertificateUrls"/> (any URL form), in each certificate's vault.
    /// </summary>
    public sealed record GrantRequest(string IdentityResourceId, IReadOnlyList<string> CertificateUrls)
    {
        public GrantAccessModel AccessModel { get; init; } = GrantAccessModel.Auto;

        /// <summary>Where Key Vault Secrets User is assigned on vaults that use Azure RBAC.</summary>
        public RbacGrantScope RbacScope { get; init; } = RbacGrantScope.Vault;

        /// <summary>What the request came from (e.g. the pool being repaired), used as the target of request-level errors.</summary>
        public object? Source { get; init; }

        internal string Describe() => Source?.ToString() ?? IdentityResourceId ?? string.Empty;
    }
}
