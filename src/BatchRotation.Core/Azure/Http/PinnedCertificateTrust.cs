using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>
    /// Trusts one certificate (e.g. the emulator's) as the sole trust anchor for a fixed set of endpoints
    /// (host:port), and nowhere else. For those endpoints the presented chain must lead to that certificate,
    /// be time-valid, fit server authentication, and the host name must match; for every other endpoint the
    /// platform's normal validation decides. TLS validation is never switched off.
    /// </summary>
    public sealed class PinnedCertificateTrust
    {
        private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";
        private readonly HashSet<string> _endpoints;
        private readonly byte[] _anchorRaw;

        /// <param name="anchor">The only certificate trusted for <paramref name="endpoints"/>.</param>
        /// <param name="endpoints">The absolute https URLs whose host:port the anchor applies to.</param>
        public PinnedCertificateTrust(X509Certificate2 anchor, IEnumerable<Uri> endpoints)
        {
            Certificate = anchor ?? throw new ArgumentNullException(nameof(anchor));
            _anchorRaw = anchor.RawData;
            _endpoints = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var endpoint in endpoints ?? throw new ArgumentNullException(nameof(endpoints)))
            {
                if (endpoint == null || !endpoint.IsAbsoluteUri || !string.Equals(endpoint.Scheme, "https", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException("Pinned endpoints must be absolute https:// URLs.", nameof(endpoints));
                }

                _endpoints.Add(Key(endpoint));
            }

            if (_endpoints.Count == 0)
            {
                throw new ArgumentException("At least one endpoint is needed.", nameof(endpoints));
            }
        }

        /// <summary>The trust anchor.</summary>
        public X509Certificate2 Certificate { get; }

        /// <summary>The endpoints (host:port) the anchor applies to.</summary>
        public IReadOnlyCollection<string> Endpoints => _endpoints.OrderBy(e => e, StringComparer.Ordinal).ToArray();

        /// <summary>True when <paramref name="uri"/> is one of the pinned endpoints.</summary>
        public bool AppliesTo(Uri? uri) =>
            uri != null && uri.IsAbsoluteUri && string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase)
            && _endpoints.Contains(Key(uri));

        /// <summary>The server certificate callback for <see cref="HttpClientHandler"/>.</summary>
        public bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors) =>
            Validate(request?.RequestUri, certificate, chain, errors);

        /// <summary>
        /// Decides whether the server certificate presented for <paramref name="requestUri"/> is trusted.
        /// </summary>
        public bool Validate(Uri? requestUri, X509Certificate2? certificate, X509Chain? presentedChain, SslPolicyErrors errors)
        {
            if (!AppliesTo(requestUri))
            {
                // Any other endpoint: exactly the platform's verdict.
                return errors == SslPolicyErrors.None;
            }

            if (certificate == null
                || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0
                || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            return ChainsToAnchor(certificate, presentedChain);
        }

        /// <summary>
        /// True when <paramref name="leaf"/> chains, with valid signatures, validity periods and usage, to the
        /// anchor. Only the anchor may stand in for a trusted root.
        /// </summary>
        internal bool ChainsToAnchor(X509Certificate2 leaf, X509Chain? presentedChain)
        {
            using (var chain = new X509Chain())
            {
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
                chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthenticationOid));
                chain.ChainPolicy.ExtraStore.Add(Certificate);
                if (presentedChain != null)
                {
                    foreach (var element in presentedChain.ChainElements)
                    {
                        if (!element.Certificate.RawData.SequenceEqual(leaf.RawData))
                        {
                            chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                        }
                    }
                }

                chain.Build(leaf);

                // Walk from the leaf to the anchor. Every certificate on the way must be flawless; the anchor
                // itself may be reported as an untrusted root (it is not in the machine's store) or as the end of
                // a partial chain. Anything beyond the anchor is irrelevant.
                for (var i = 0; i < chain.ChainElements.Count; i++)
                {
                    var element = chain.ChainElements[i];
                    var isAnchor = element.Certificate.RawData.SequenceEqual(_anchorRaw);
                    foreach (var status in element.ChainElementStatus)
                    {
                        var flags = status.Status;
                        if (isAnchor)
                        {
                            flags &= ~(X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain);
                        }

                        if (flags != X509ChainStatusFlags.NoError)
                        {
                            return false;
                        }
                    }

                    if (isAnchor)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        private static string Key(Uri uri) =>
            uri.IdnHost.ToLowerInvariant() + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);

        /// <inheritdoc />
        public override string ToString() =>
            $"certificate {Certificate.Thumbprint} trusted for {string.Join(", ", Endpoints)} only";
    }
}
