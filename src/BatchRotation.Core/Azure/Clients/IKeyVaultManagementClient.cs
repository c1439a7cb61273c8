using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>
    /// Key vaults through Azure Resource Manager (Microsoft.KeyVault). Deliberately has no operation that PUTs a
    /// whole vault or replaces its access policies: those overwrite other principals' access (FACTS §3).
    /// Access policies change only through <c>accessPolicies/add</c> (merge) and <c>accessPolicies/remove</c>.
    /// </summary>
    public interface IKeyVaultManagementClient
    {
        Task<KeyVaultResource> GetVaultAsync(string vaultId, CancellationToken cancellationToken);

        /// <summary>Every vault of the subscription (all pages).</summary>
        Task<IReadOnlyList<KeyVaultResource>> ListVaultsAsync(string subscriptionId, CancellationToken cancellationToken);

        /// <summary>
        /// Merges <paramref name="policy"/> into the vault's access policies (<c>PUT .../accessPolicies/add</c>);
        /// other principals' entries are untouched. Returns the entries Azure reports for the operation (Azure echoes
        /// the entries sent, not the vault's whole list; read the vault to see every entry).
        /// </summary>
        Task<IReadOnlyList<VaultAccessPolicy>> AddAccessPolicyAsync(string vaultId, VaultAccessPolicy policy, CancellationToken cancellationToken);

        /// <summary>Removes the listed permissions of the principal (<c>PUT .../accessPolicies/remove</c>).</summary>
        Task<IReadOnlyList<VaultAccessPolicy>> RemoveAccessPolicyAsync(string vaultId, VaultAccessPolicy policy, CancellationToken cancellationToken);

        /// <summary>A key's metadata (for customer-managed keys).</summary>
        Task<VaultKey> GetKeyAsync(string vaultId, string keyName, CancellationToken cancellationToken);

        Task<IReadOnlyList<VaultKey>> ListKeysAsync(string vaultId, CancellationToken cancellationToken);
    }
}
