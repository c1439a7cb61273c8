using System;
using BatchRotation.Core.Azure.Clients;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>The Azure clients the pool operations use, as interfaces so that unit tests can fake them.</summary>
    public sealed record PoolClients(
        IBatchManagementClient BatchManagement,
        IManagedIdentityClient ManagedIdentities,
        IKeyVaultManagementClient KeyVaultManagement,
        IKeyVaultCertificateClient Certificates,
        IAuthorizationClient Authorization,
        IBatchNodeClient BatchNodes)
    {
        public static PoolClients From(AzureClients clients)
        {
            if (clients == null)
            {
                throw new ArgumentNullException(nameof(clients));
            }

            return new PoolClients(
                clients.BatchManagement,
                clients.ManagedIdentities,
                clients.KeyVaultManagement,
                clients.Certificates,
                clients.Authorization,
                clients.BatchNodes);
        }
    }
}
