using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>Certificate metadata over a pipeline authenticated for the cloud's Key Vault audience.</summary>
    public sealed class KeyVaultCertificateClient : IKeyVaultCertificateClient
    {
        private static readonly Regex NamePattern = new Regex("^[0-9a-zA-Z-]{1,127}$", RegexOptions.CultureInvariant);
        private static readonly Regex VersionPattern = new Regex("^[0-9a-zA-Z]{1,64}$", RegexOptions.CultureInvariant);
        private static readonly string[] ReservedVersions = { "versions", "policy", "pending", "backup", "create", "import", "restore", "issuers", "contacts" };
        private readonly AzureRestInvoker _invoker;
        private readonly string _apiVersion;

        public KeyVaultCertificateClient(HttpPipeline pipeline, string apiVersion, Redactor? redactor = null, AzureClientOptions? options = null)
        {
            _invoker = new AzureRestInvoker(pipeline, AzureService.KeyVault, redactor ?? Redactor.Default, options ?? AzureClientOptions.Default);
            _apiVersion = string.IsNullOrWhiteSpace(apiVersion) ? throw new ArgumentException("An api-version is needed.", nameof(apiVersion)) : apiVersion;
        }

        public async Task<CertificateMetadata> GetCertificateAsync(Uri vaultUri, string name, CancellationToken cancellationToken)
        {
            var uri = DataPlaneUris.Build(Vault(vaultUri), _apiVersion, "certificates", Name(name));
            var result = await _invoker.SendAsync(RequestMethod.Get, uri, null, null, Target(uri), cancellationToken).ConfigureAwait(false);
            return CertificateMetadata.FromJson(ResultBody.Require(result, Target(uri)));
        }

        public async Task<CertificateMetadata> GetCertificateVersionAsync(Uri vaultUri, string name, string version, CancellationToken cancellationToken)
        {
            var checkedVersion = DataPlaneUris.RequireName(version, VersionPattern, "certificate version");
            if (ReservedVersions.Contains(checkedVersion, StringComparer.OrdinalIgnoreCase))
            {
                throw new BatchRotationException(AzureErrorIds.InvalidName, ErrorKind.InvalidArgument, $"'{version}' is not a certificate version.", version);
            }

            var uri = DataPlaneUris.Build(Vault(vaultUri), _apiVersion, "certificates", Name(name), checkedVersion);
            var result = await _invoker.SendAsync(RequestMethod.Get, uri, null, null, Target(uri), cancellationToken).ConfigureAwait(false);
            return CertificateMetadata.FromJson(ResultBody.Require(result, Target(uri)));
        }

        public async Task<IReadOnlyList<CertificateVersionItem>> ListCertificateVersionsAsync(Uri vaultUri, string name, CancellationToken cancellationToken)
        {
            var uri = DataPlaneUris.Build(Vault(vaultUri), _apiVersion, "certificates", Name(name), "versions");
            var items = await _invoker.ListAsync(uri, "nextLink", Target(uri), cancellationToken).ConfigureAwait(false);
            return items.Select(CertificateVersionItem.FromJson).ToList();
        }

        public async Task<CertificatePolicy> GetCertificatePolicyAsync(Uri vaultUri, string name, CancellationToken cancellationToken)
        {
            var uri = DataPlaneUris.Build(Vault(vaultUri), _apiVersion, "certificates", Name(name), "policy");
            var result = await _invoker.SendAsync(RequestMethod.Get, uri, null, null, Target(uri), cancellationToken).ConfigureAwait(false);
            return CertificatePolicy.FromJson(ResultBody.Require(result, Target(uri)));
        }

        private static Uri Vault(Uri vaultUri) => DataPlaneUris.RequireBase(vaultUri, "vault URI");

        private static string Name(string name) => DataPlaneUris.RequireName(name, NamePattern, "certificate name (1-127 letters, digits and hyphens)");

        private static string Target(Uri uri) => uri.GetLeftPart(UriPartial.Path);
    }
}
