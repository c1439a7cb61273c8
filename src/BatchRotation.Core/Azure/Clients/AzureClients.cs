using System;
using Azure.Core.Pipeline;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>
    /// Every client for one sign-in, sharing its transport: three pipelines (ARM, Key Vault, Batch), each with
    /// the bearer token of its audience, retries and per-call verbose lines.
    /// </summary>
    public sealed class AzureClients
    {
        private AzureClients(
            IArmRestClient arm,
            IBatchManagementClient batchManagement,
            IKeyVaultManagementClient keyVaultManagement,
            IManagedIdentityClient managedIdentities,
            IAuthorizationClient authorization,
            IKeyVaultCertificateClient certificates,
            IBatchNodeClient batchNodes,
            ISubscriptionClient subscriptions)
        {
            Arm = arm;
            BatchManagement = batchManagement;
            KeyVaultManagement = keyVaultManagement;
            ManagedIdentities = managedIdentities;
            Authorization = authorization;
            Certificates = certificates;
            BatchNodes = batchNodes;
            Subscriptions = subscriptions;
        }

        public IArmRestClient Arm { get; }

        public IBatchManagementClient BatchManagement { get; }

        public IKeyVaultManagementClient KeyVaultManagement { get; }

        public IManagedIdentityClient ManagedIdentities { get; }

        public IAuthorizationClient Authorization { get; }

        public IKeyVaultCertificateClient Certificates { get; }

        public IBatchNodeClient BatchNodes { get; }

        public ISubscriptionClient Subscriptions { get; }

        /// <param name="verbose">Receives one line per HTTP call and per long-running-operation wait; may be null.</param>
        public static AzureClients Create(BatchRotationContext context, Action<string>? verbose = null, AzureClientOptions? options = null)
        {
            if (context == null)
            {
                throw new ArgumentNullException(nameof(context));
            }

            var settings = options ?? AzureClientOptions.Default;
            var versions = context.Cloud.ApiVersions;
            HttpPipeline Pipeline(AzureService service) => AzurePipelineFactory.Create(context, service, verbose, settings.Pipeline);
            Action<string>? redacted = verbose == null ? null : line => verbose(context.Redactor.Redact(line));

            var arm = new ArmRestClient(Pipeline(AzureService.ResourceManager), context.Cloud.ResourceManagerUrl, context.Redactor, settings, redacted);
            return new AzureClients(
                arm,
                new BatchManagementClient(arm, versions.BatchManagement),
                new KeyVaultManagementClient(arm, versions.KeyVaultManagement),
                new ManagedIdentityClient(arm, versions.ManagedIdentity),
                new AuthorizationClient(arm, versions.Authorization),
                new KeyVaultCertificateClient(Pipeline(AzureService.KeyVault), versions.KeyVaultData, context.Redactor, settings),
                new BatchNodeClient(Pipeline(AzureService.Batch), versions.BatchData, context.Redactor, settings),
                new SubscriptionClient(arm, versions.Resources));
        }
    }
}
