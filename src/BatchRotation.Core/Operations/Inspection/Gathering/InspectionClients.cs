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
        /// <summary>
        /// Lists the caller's subscriptions, so that a vault outside the pools' and the request's subscriptions is
        /// still found; null to search only those.
        /// </summary>
        public ISubscriptionClient? Subscriptions { get; init; }

        /// <param name="searchOtherSubscriptions">Whether a vault outside the pools' and the request's subscriptions is looked for in every subscription the caller can list.</param>
        public static InspectionClients From(AzureClients clients, bool searchOtherSubscriptions = false)
        {
            if (clients == null) throw new ArgumentNullException(nameof(clients));
            return new InspectionClients(
                clients.BatchManagement, clients.KeyVaultManagement, clients.ManagedIdentities, clients.Authorization, clients.Certificates, clients.BatchNodes)
            {
                Subscriptions = searchOtherSubscriptions ? clients.Subscriptions : null,
            };
        }
    }
}
