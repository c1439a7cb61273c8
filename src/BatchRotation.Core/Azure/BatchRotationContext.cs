using System;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Azure.SignIn;

namespace BatchRotation.Core.Azure
{
    /// <summary>
    /// Who is signed in, where, and how: the cloud, tenant, default subscription, the credential and a short
    /// description of how it was chosen, the transport (with its trusted certificate, if any) and the redactor
    /// that knows this sign-in's secrets. Immutable; <see cref="ToString"/> never shows a secret.
    /// </summary>
    public sealed class BatchRotationContext
    {
        public BatchRotationContext(
            AzureCloud cloud,
            string? tenantId,
            string? subscriptionId,
            TokenCredential credential,
            SignInMethod method,
            string credentialDescription,
            HttpPipelineTransport transport,
            PinnedCertificateTrust? trust = null,
            Redactor? redactor = null)
        {
            Cloud = cloud ?? throw new ArgumentNullException(nameof(cloud));
            TenantId = string.IsNullOrWhiteSpace(tenantId) ? null : tenantId!.Trim();
            SubscriptionId = string.IsNullOrWhiteSpace(subscriptionId) ? null : subscriptionId!.Trim();
            Credential = credential ?? throw new ArgumentNullException(nameof(credential));
            Method = method;
            CredentialDescription = credentialDescription ?? throw new ArgumentNullException(nameof(credentialDescription));
            Transport = transport ?? throw new ArgumentNullException(nameof(transport));
            Trust = trust;
            Redactor = redactor ?? Redactor.Default;
        }

        /// <summary>The cloud signed in to.</summary>
        public AzureCloud Cloud { get; }

        /// <summary>The Entra tenant, when known.</summary>
        public string? TenantId { get; }

        /// <summary>The default subscription, when one was given.</summary>
        public string? SubscriptionId { get; }

        /// <summary>The credential every pipeline uses.</summary>
        public TokenCredential Credential { get; }

        /// <summary>How the user asked to sign in.</summary>
        public SignInMethod Method { get; }

        /// <summary>How the credential was chosen, for <c>Get-BatchRotationContext</c>. Never contains a secret.</summary>
        public string CredentialDescription { get; }

        /// <summary>The transport shared by the credential and all service pipelines.</summary>
        public HttpPipelineTransport Transport { get; }

        /// <summary>The certificate trusted for the emulator's endpoint only, when signed in with an environment file.</summary>
        public PinnedCertificateTrust? Trust { get; }

        /// <summary>The trusted certificate, if any.</summary>
        public X509Certificate2? TrustedCertificate => Trust?.Certificate;

        /// <summary>Masks this sign-in's secrets (and the usual patterns) in any text.</summary>
        public Redactor Redactor { get; }

        /// <summary>The same sign-in with another default subscription.</summary>
        public BatchRotationContext WithSubscription(string? subscriptionId) =>
            new BatchRotationContext(Cloud, TenantId, subscriptionId, Credential, Method, CredentialDescription, Transport, Trust, Redactor);

        /// <summary>The same sign-in with the tenant learnt after signing in.</summary>
        public BatchRotationContext WithTenant(string? tenantId) =>
            new BatchRotationContext(Cloud, tenantId, SubscriptionId, Credential, Method, CredentialDescription, Transport, Trust, Redactor);

        /// <inheritdoc />
        public override string ToString() => Redactor.Redact(
            $"Cloud={Cloud.Name}; Tenant={TenantId ?? "(not known)"}; Subscription={SubscriptionId ?? "(none)"}; " +
            $"Credential={CredentialDescription}" +
            (Trust == null ? string.Empty : $"; Trust={Trust}"));
    }
}
