using System;
using System.Security.Cryptography.X509Certificates;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.SignIn
{
    /// <summary>
    /// The content of an emulator environment file: a custom cloud, the service principal to sign in with, and
    /// the certificate trusted for the emulator's endpoint only. <see cref="ToString"/> never shows the secret.
    /// </summary>
    public sealed class EmulatorEnvironment
    {
        internal EmulatorEnvironment(
            string sourcePath,
            AzureCloud cloud,
            string tenantId,
            string subscriptionId,
            string clientId,
            string clientSecret,
            string? principalId,
            string certificateFile,
            PinnedCertificateTrust trust,
            Uri? controlUrl)
        {
            SourcePath = sourcePath;
            Cloud = cloud;
            TenantId = tenantId;
            SubscriptionId = subscriptionId;
            ClientId = clientId;
            ClientSecret = clientSecret;
            PrincipalId = principalId;
            CertificateFile = certificateFile;
            Trust = trust;
            ControlUrl = controlUrl;
        }

        /// <summary>The full path of the file read.</summary>
        public string SourcePath { get; }

        /// <summary>The custom cloud the file describes.</summary>
        public AzureCloud Cloud { get; }

        public string TenantId { get; }

        public string SubscriptionId { get; }

        /// <summary>The service principal's application (client) id.</summary>
        public string ClientId { get; }

        /// <summary>The service principal's secret. Shown nowhere; masked by the context's redactor.</summary>
        public string ClientSecret { get; }

        /// <summary>The service principal's object id, when the file gives it.</summary>
        public string? PrincipalId { get; }

        /// <summary>The full path of the PEM certificate file.</summary>
        public string CertificateFile { get; }

        /// <summary>The certificate and the endpoints (host:port) it is trusted for.</summary>
        public PinnedCertificateTrust Trust { get; }

        /// <summary>The trusted certificate.</summary>
        public X509Certificate2 TrustedCertificate => Trust.Certificate;

        /// <summary>The emulator's control surface, when the file gives it.</summary>
        public Uri? ControlUrl { get; }

        /// <inheritdoc />
        public override string ToString() =>
            $"{Cloud.Name} at {Cloud.ResourceManagerUrl} (tenant {TenantId}, subscription {SubscriptionId}, client {ClientId}, {Trust})";
    }
}
