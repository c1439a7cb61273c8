using System;
using System.Collections.Generic;
using System.Linq;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure
{
    /// <summary>
    /// One Azure cloud and every endpoint the module needs in it. Immutable. The three public clouds are
    /// fixed values; a custom cloud (the local emulator) is built from its environment file.
    /// </summary>
    /// <remarks>
    /// Values as published by Azure CLI (<c>az cloud list</c>), Azure PowerShell (<c>Get-AzEnvironment</c>)
    /// and Azure.Identity's <c>AzureAuthorityHosts</c>.
    /// </remarks>
    public sealed class AzureCloud
    {
        /// <summary>Azure public cloud.</summary>
        public static AzureCloud AzurePublic { get; } = new AzureCloud(
            name: "AzureCloud",
            resourceManagerUrl: new Uri("https://management.azure.com/"),
            resourceManagerAudience: "https://management.azure.com/",
            authorityHost: new Uri("https://login.microsoftonline.com/"),
            keyVaultDnsSuffix: "vault.azure.net",
            keyVaultAudience: "https://vault.azure.net",
            batchAudience: "https://batch.core.windows.net/",
            apiVersions: AzureApiVersions.Current,
            isCustom: false);

        /// <summary>Azure US Government.</summary>
        public static AzureCloud AzureUSGovernment { get; } = new AzureCloud(
            name: "AzureUSGovernment",
            resourceManagerUrl: new Uri("https://management.usgovcloudapi.net/"),
            resourceManagerAudience: "https://management.usgovcloudapi.net/",
            authorityHost: new Uri("https://login.microsoftonline.us/"),
            keyVaultDnsSuffix: "vault.usgovcloudapi.net",
            keyVaultAudience: "https://vault.usgovcloudapi.net",
            batchAudience: "https://batch.core.usgovcloudapi.net/",
            apiVersions: AzureApiVersions.Current,
            isCustom: false);

        /// <summary>Azure operated by 21Vianet in China.</summary>
        public static AzureCloud AzureChinaCloud { get; } = new AzureCloud(
            name: "AzureChinaCloud",
            resourceManagerUrl: new Uri("https://management.chinacloudapi.cn/"),
            resourceManagerAudience: "https://management.chinacloudapi.cn/",
            authorityHost: new Uri("https://login.chinacloudapi.cn/"),
            keyVaultDnsSuffix: "vault.azure.cn",
            keyVaultAudience: "https://vault.azure.cn",
            batchAudience: "https://batch.chinacloudapi.cn/",
            apiVersions: AzureApiVersions.Current,
            isCustom: false);

        /// <summary>The built-in clouds, public first.</summary>
        public static IReadOnlyList<AzureCloud> KnownClouds { get; } = new[] { AzurePublic, AzureUSGovernment, AzureChinaCloud };

        private AzureCloud(
            string name,
            Uri resourceManagerUrl,
            string resourceManagerAudience,
            Uri authorityHost,
            string keyVaultDnsSuffix,
            string keyVaultAudience,
            string batchAudience,
            AzureApiVersions apiVersions,
            bool isCustom)
        {
            Name = name;
            ResourceManagerUrl = resourceManagerUrl;
            ResourceManagerAudience = resourceManagerAudience;
            AuthorityHost = authorityHost;
            KeyVaultDnsSuffix = keyVaultDnsSuffix;
            KeyVaultAudience = keyVaultAudience;
            BatchAudience = batchAudience;
            ApiVersions = apiVersions;
            IsCustom = isCustom;
        }

        /// <summary>The cloud's name, e.g. <c>AzureCloud</c> or <c>AzureUSGovernment</c>.</summary>
        public string Name { get; }

        /// <summary>The Azure Resource Manager base URL, ending with '/'.</summary>
        public Uri ResourceManagerUrl { get; }

        /// <summary>The token audience of Azure Resource Manager.</summary>
        public string ResourceManagerAudience { get; }

        /// <summary>The Microsoft Entra authority host, ending with '/'.</summary>
        public Uri AuthorityHost { get; }

        /// <summary>The DNS suffix of vaults, without a leading dot (e.g. <c>vault.azure.net</c>).</summary>
        public string KeyVaultDnsSuffix { get; }

        /// <summary>The token audience of the Key Vault data plane.</summary>
        public string KeyVaultAudience { get; }

        /// <summary>The token audience of the Batch data plane.</summary>
        public string BatchAudience { get; }

        /// <summary>The api-version per service used in this cloud.</summary>
        public AzureApiVersions ApiVersions { get; }

        /// <summary>True for a cloud built from an environment file (the emulator), false for a built-in cloud.</summary>
        public bool IsCustom { get; }

        /// <summary>The token audience of <paramref name="service"/>.</summary>
        public string GetAudience(AzureService service) => service switch
        {
            AzureService.ResourceManager => ResourceManagerAudience,
            AzureService.KeyVault => KeyVaultAudience,
            AzureService.Batch => BatchAudience,
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Unknown service."),
        };

        /// <summary>
        /// The OAuth scope for <paramref name="service"/>: the audience followed by <c>/.default</c>, kept
        /// literal (so <c>https://batch.core.windows.net/</c> gives <c>https://batch.core.windows.net//.default</c>,
        /// as the Batch OpenAPI file declares), which names the resource exactly as registered.
        /// </summary>
        public string GetScope(AzureService service) => GetAudience(service) + "/.default";

        /// <summary>
        /// The built-in cloud called <paramref name="name"/> (case-insensitive): <c>AzureCloud</c>,
        /// <c>AzureUSGovernment</c> or <c>AzureChinaCloud</c>.
        /// </summary>
        /// <exception cref="BatchRotationException"><c>UnknownCloud</c> for any other name.</exception>
        public static AzureCloud FromName(string name)
        {
            if (TryGetKnown(name, out var cloud))
            {
                return cloud;
            }

            throw new BatchRotationException(
                AzureErrorIds.UnknownCloud,
                ErrorKind.InvalidArgument,
                $"'{name}' is not a known Azure cloud.",
                name)
            {
                Remedy = "Use one of " + string.Join(", ", KnownClouds.Select(c => c.Name)) +
                         ", or sign in with an environment file for a custom cloud.",
            };
        }

        /// <summary>Finds a built-in cloud by name (case-insensitive).</summary>
        public static bool TryGetKnown(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AzureCloud? cloud)
        {
            cloud = KnownClouds.FirstOrDefault(c => string.Equals(c.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            return cloud != null;
        }

        /// <summary>
        /// A custom cloud (e.g. the emulator). Endpoints must be absolute <c>https://</c> URLs; audiences must be
        /// absolute URIs. <paramref name="name"/> must not be the name of a built-in cloud.
        /// </summary>
        /// <exception cref="BatchRotationException"><c>InsecureEndpoint</c> for an <c>http://</c> endpoint,
        /// <c>InvalidCloudDefinition</c> for any other invalid value.</exception>
        public static AzureCloud CreateCustom(
            string name,
            Uri resourceManagerUrl,
            Uri authorityHost,
            string resourceManagerAudience,
            string keyVaultAudience,
            string keyVaultDnsSuffix,
            string batchAudience,
            AzureApiVersions? apiVersions = null)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw InvalidDefinition("The cloud needs a name.", name);
            }

            if (TryGetKnown(name, out _))
            {
                throw InvalidDefinition($"'{name}' is the name of a built-in cloud; a custom cloud needs another name.", name);
            }

            var arm = RequireHttpsEndpoint(resourceManagerUrl, "resourceManagerUrl");
            var authority = RequireHttpsEndpoint(authorityHost, "authorityHost");
            RequireAudience(resourceManagerAudience, "resourceManagerAudience");
            RequireAudience(keyVaultAudience, "keyVaultAudience");
            RequireAudience(batchAudience, "batchAudience");
            if (string.IsNullOrWhiteSpace(keyVaultDnsSuffix) || keyVaultDnsSuffix.Contains("/"))
            {
                throw InvalidDefinition("keyVaultDnsSuffix must be a DNS suffix such as 'vault.azure.net'.", keyVaultDnsSuffix);
            }

            return new AzureCloud(
                name.Trim(),
                arm,
                resourceManagerAudience,
                authority,
                keyVaultDnsSuffix.Trim().TrimStart('.'),
                keyVaultAudience,
                batchAudience,
                apiVersions ?? AzureApiVersions.Current,
                isCustom: true);
        }

        /// <summary>Checks that <paramref name="endpoint"/> is an absolute https URL and returns it ending with '/'.</summary>
        internal static Uri RequireHttpsEndpoint(Uri? endpoint, string what)
        {
            if (endpoint == null || !endpoint.IsAbsoluteUri)
            {
                throw InvalidDefinition($"{what} must be an absolute https:// URL.", endpoint?.OriginalString);
            }

            if (string.Equals(endpoint.Scheme, "http", StringComparison.OrdinalIgnoreCase))
            {
                throw new BatchRotationException(
                    AzureErrorIds.InsecureEndpoint,
                    ErrorKind.InvalidArgument,
                    $"{what} '{endpoint.OriginalString}' uses http://; only TLS (https://) endpoints are accepted.",
                    endpoint.OriginalString)
                {
                    Remedy = "Use the https:// address of the endpoint.",
                };
            }

            if (!string.Equals(endpoint.Scheme, "https", StringComparison.OrdinalIgnoreCase)
                || !string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
            {
                throw InvalidDefinition($"{what} must be an absolute https:// URL without query or fragment.", endpoint.OriginalString);
            }

            var text = endpoint.AbsoluteUri;
            return text.EndsWith("/", StringComparison.Ordinal) ? endpoint : new Uri(text + "/");
        }

        private static void RequireAudience(string? audience, string what)
        {
            if (string.IsNullOrWhiteSpace(audience) || !Uri.TryCreate(audience, UriKind.Absolute, out _))
            {
                throw InvalidDefinition($"{what} must be an absolute URI such as 'https://vault.azure.net'.", audience);
            }
        }

        private static BatchRotationException InvalidDefinition(string message, string? target) =>
            new BatchRotationException(AzureErrorIds.InvalidCloudDefinition, ErrorKind.InvalidArgument, message, target);

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
