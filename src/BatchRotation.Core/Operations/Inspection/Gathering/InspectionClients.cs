using System;
using BatchRotation.Core.Azure.Clients;

namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>The read-only clients a test uses. No client here can read a secret's value or a private key.</summary>
    public sealed record InspectionClients(
        IBatchManagementClient BatchManagement,
        IKeyVaultManagementClient KeyVaultManagement,
        IManagedIdentityClient ManagedIdentities,
        IAuthorizationClient Authorization,
        IKeyVaultCertificateClient Certificates,
        IBatchNodeClient BatchNodes)
    {
        public static InspectionClients From(AzureClients clients)
        {
            if (clients == null) throw new ArgumentNullException(nameof(clients));
            return new InspectionClients(
                clients.BatchManagement, clients.KeyVaultManagement, clients.ManagedIdentities, clients.Authorization, clients.Certificates, clients.BatchNodes);
        }
    }
}
