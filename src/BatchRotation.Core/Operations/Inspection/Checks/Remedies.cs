using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BatchRotation.Core.Model;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>The exact commands a remedy names, filled in with the pool's own values.</summary>
    internal static class Remedies
    {
        /// <summary>New-RotatingBatchPool with everything needed to recreate the pool correctly (-Force replaces it).</summary>
        public static string RecreatePool(RotatingBatchPool pool, IEnumerable<string>? urls = null)
        {
            var certificates = (urls ?? pool.CertificateUrl)
                .Select(u => CertificateUrl.TryParse(u, out var parsed, out _) ? parsed.SecretUrl : u)
                .Distinct()
                .ToArray();
            var command = $"New-RotatingBatchPool -ResourceGroupName {Quote(pool.ResourceGroupName)} -AccountName {Quote(pool.AccountName)} -Name {Quote(pool.Name)}"
                + $" -IdentityResourceId {Quote(pool.IdentityResourceId ?? (pool.IdentityResourceIds.Length > 0 ? pool.IdentityResourceIds[0] : "<identity resource id>"))}"
                + $" -CertificateUrl {(certificates.Length == 0 ? "<secret URL>" : string.Join(",", certificates.Select(Quote)))}"
                + $" -VmSize {Quote(pool.VmSize ?? "<vm size>")}";
            if (pool.ImageReference != null && pool.NodeAgentSkuId != null)
            {
                command += $" -ImageReference {Quote(pool.ImageReference)} -NodeAgentSkuId {Quote(pool.NodeAgentSkuId)}";
            }

            if (pool.TargetDedicatedNodes > 0)
            {
                command += " -TargetDedicatedNodes " + pool.TargetDedicatedNodes.ToString(CultureInfo.InvariantCulture);
            }

            if (pool.TargetLowPriorityNodes > 0)
            {
                command += " -TargetLowPriorityNodes " + pool.TargetLowPriorityNodes.ToString(CultureInfo.InvariantCulture);
            }

            return "Extensions cannot be changed on an existing pool; recreate it with correct settings: " + command + " -Force";
        }

        /// <summary>Grant-PoolVaultAccess for the pool identity and one certificate.</summary>
        public static string Grant(RotatingBatchPool pool, string secretUrl) =>
            $"Grant-PoolVaultAccess -IdentityResourceId {Quote(pool.IdentityResourceId ?? "<identity resource id>")} -CertificateUrl {Quote(secretUrl)}";

        public static string Quote(string value) => "'" + value.Replace("'", "''") + "'";
    }
}
