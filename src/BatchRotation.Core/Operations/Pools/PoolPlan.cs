using System.Collections.Generic;
using System.Text.Json.Nodes;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>What the pre-flight checks established: where the pool goes and the exact body to PUT.</summary>
    internal sealed record PoolPlan(
        BatchPoolId PoolId,
        BatchAccount Account,
        UserAssignedIdentity Identity,
        PoolImage Image,
        KeyVaultExtensionVersion ExtensionVersion,
        IReadOnlyList<CertificateUrl> Certificates,
        JsonObject Body)
    {
        public string Describe() =>
            $"{Image.Os} pool '{PoolId.PoolName}' ({Image}, {ExtensionVersion}) observing {string.Join(", ", System.Linq.Enumerable.Select(Certificates, c => c.SecretUrl))} as identity {Identity.Name}";
    }
}
