using System.Net.Http;
using Azure.Core.Pipeline;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>
    /// The HTTP transport shared by the credential and every service pipeline of one sign-in.
    /// </summary>
    public static class AzureTransportFactory
    {
        /// <summary>
        /// With no <paramref name="trust"/>, Azure.Core's shared transport (the platform's validation for every
        /// host). With a trust, a transport whose handler applies <see cref="PinnedCertificateTrust.Validate(HttpRequestMessage, System.Security.Cryptography.X509Certificates.X509Certificate2?, System.Security.Cryptography.X509Certificates.X509Chain?, System.Net.Security.SslPolicyErrors)"/>:
        /// the anchor for the pinned endpoints, the platform's verdict for all others.
        /// </summary>
        public static HttpPipelineTransport Create(PinnedCertificateTrust? trust)
        {
            if (trust == null)
            {
                return HttpClientTransport.Shared;
            }

            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ServerCertificateCustomValidationCallback = trust.Validate,
            };
            return new HttpClientTransport(handler);
        }
    }
}
