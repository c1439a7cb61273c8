using System;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure.SignIn
{
    /// <summary>
    /// Chooses the credential for a sign-in request and records how it was chosen:
    /// nothing specified: Azure.Identity's default chain (environment, workload identity, managed identity,
    /// Azure CLI, Azure PowerShell; interactive and developer-tool credentials excluded);
    /// managed identity (runbooks), optionally user-assigned by client id; device code;
    /// an environment file: its client secret, against its authority, over a transport that trusts its
    /// certificate for its endpoint only. Creating a credential signs nobody in yet; see <see cref="SignInVerifier"/>.
    /// </summary>
    public static class CredentialFactory
    {
        private static readonly Regex TenantPattern = new Regex(@"^[A-Za-z0-9][A-Za-z0-9.\-]{0,252}$", RegexOptions.CultureInvariant);

        /// <exception cref="BatchRotationException"><c>SignInRequestInvalid</c>, <c>UnknownCloud</c>, or any environment file error.</exception>
        public static BatchRotationContext CreateContext(SignInRequest request)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var subscriptionId = OptionalGuid(request.SubscriptionId, "SubscriptionId");
            switch (request.Method)
            {
                case SignInMethod.EnvironmentFile:
                    return FromEnvironmentFile(request, subscriptionId);
                case SignInMethod.ManagedIdentity:
                    return FromManagedIdentity(request, subscriptionId);
                case SignInMethod.DeviceCode:
                    return FromDeviceCode(request, subscriptionId);
                case SignInMethod.Default:
                    return FromDefaultChain(request, subscriptionId);
                default:
                    throw Invalid($"Unknown sign-in method {request.Method}.", request.Method);
            }
        }

        private static BatchRotationContext FromEnvironmentFile(SignInRequest request, string? subscriptionId)
        {
            if (request.CloudName != null)
            {
                throw Invalid("An environment file defines its own cloud; do not name a cloud with it.", request.CloudName);
            }

            if (request.TenantId != null || request.ManagedIdentityClientId != null)
            {
                throw Invalid("An environment file gives its own tenant and service principal; do not give a tenant or identity with it.", request.EnvironmentFilePath);
            }

            var environment = EnvironmentFileReader.Load(request.EnvironmentFilePath ?? string.Empty);
            var transport = AzureTransportFactory.Create(environment.Trust);
            var credential = new ClientSecretCredential(
                environment.TenantId,
                environment.ClientId,
                environment.ClientSecret,
                new ClientSecretCredentialOptions
                {
                    AuthorityHost = environment.Cloud.AuthorityHost,
                    DisableInstanceDiscovery = true,
                    Transport = transport,
                });
            var description =
                $"Client secret of application {environment.ClientId} from environment file {environment.SourcePath} " +
                $"(authority {environment.Cloud.AuthorityHost}; {environment.Trust})";
            return new BatchRotationContext(
                environment.Cloud,
                environment.TenantId,
                subscriptionId ?? environment.SubscriptionId,
                credential,
                SignInMethod.EnvironmentFile,
                description,
                transport,
                environment.Trust,
                new Redactor(new[] { environment.ClientSecret }));
        }

        private static BatchRotationContext FromManagedIdentity(SignInRequest request, string? subscriptionId)
        {
            var cloud = Cloud(request);
            var clientId = OptionalGuid(request.ManagedIdentityClientId, "ManagedIdentityClientId");
            var transport = AzureTransportFactory.Create(null);
            var identity = clientId == null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId);
            var credential = new ManagedIdentityCredential(new ManagedIdentityCredentialOptions(identity)
            {
                AuthorityHost = cloud.AuthorityHost,
                Transport = transport,
            });
            var description = clientId == null
                ? $"Managed identity (system-assigned) in {cloud.Name}"
                : $"Managed identity (user-assigned, client id {clientId}) in {cloud.Name}";
            return new BatchRotationContext(cloud, OptionalTenant(request.TenantId), subscriptionId, credential, SignInMethod.ManagedIdentity, description, transport);
        }

        private static BatchRotationContext FromDeviceCode(SignInRequest request, string? subscriptionId)
        {
            var cloud = Cloud(request);
            var prompt = request.DeviceCodePrompt ?? throw Invalid("Device code sign-in needs a way to show the code to the user.", request.Method);
            var tenant = OptionalTenant(request.TenantId);
            var clientId = OptionalGuid(request.DeviceCodeClientId, "DeviceCodeClientId");
            var transport = AzureTransportFactory.Create(null);
            var options = new DeviceCodeCredentialOptions
            {
                AuthorityHost = cloud.AuthorityHost,
                TenantId = tenant ?? "organizations",
                Transport = transport,
                DeviceCodeCallback = (info, _) =>
                {
                    prompt(info.Message);
                    return Task.CompletedTask;
                },
            };
            if (clientId != null)
            {
                options.ClientId = clientId;
            }

            var description = $"Device code sign-in to tenant {tenant ?? "organizations"} in {cloud.Name}" +
                              (clientId == null ? string.Empty : $" with application {clientId}");
            return new BatchRotationContext(cloud, tenant, subscriptionId, new DeviceCodeCredential(options), SignInMethod.DeviceCode, description, transport);
        }

        private static BatchRotationContext FromDefaultChain(SignInRequest request, string? subscriptionId)
        {
            var cloud = Cloud(request);
            var tenant = OptionalTenant(request.TenantId);
            var clientId = OptionalGuid(request.ManagedIdentityClientId, "ManagedIdentityClientId");
            var transport = AzureTransportFactory.Create(null);
            var options = new DefaultAzureCredentialOptions
            {
                AuthorityHost = cloud.AuthorityHost,
                Transport = transport,
                ExcludeEnvironmentCredential = false,
                ExcludeWorkloadIdentityCredential = false,
                ExcludeManagedIdentityCredential = false,
                ExcludeAzureCliCredential = false,
                ExcludeAzurePowerShellCredential = false,
                ExcludeInteractiveBrowserCredential = true,
                ExcludeBrokerCredential = true,
                ExcludeVisualStudioCredential = true,
                ExcludeVisualStudioCodeCredential = true,
                ExcludeAzureDeveloperCliCredential = true,
            };
            if (tenant != null)
            {
                options.TenantId = tenant;
            }

            if (clientId != null)
            {
                options.ManagedIdentityClientId = clientId;
            }

            var description =
                $"DefaultAzureCredential in {cloud.Name}" + (tenant == null ? string.Empty : $" (tenant {tenant})") +
                ": the first that works of environment variables, workload identity, managed identity" +
                (clientId == null ? string.Empty : $" (client id {clientId})") +
                ", Azure CLI, Azure PowerShell; interactive sign-in excluded";
            return new BatchRotationContext(cloud, tenant, subscriptionId, new DefaultAzureCredential(options), SignInMethod.Default, description, transport);
        }

        private static AzureCloud Cloud(SignInRequest request) =>
            request.CloudName == null ? AzureCloud.AzurePublic : AzureCloud.FromName(request.CloudName);

        private static string? OptionalGuid(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (!Guid.TryParse(value, out var guid))
            {
                throw Invalid($"{name} '{value}' is not a GUID.", value);
            }

            return guid.ToString("D");
        }

        private static string? OptionalTenant(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            var trimmed = value!.Trim();
            if (!TenantPattern.IsMatch(trimmed))
            {
                throw Invalid($"TenantId '{value}' is neither a GUID nor a domain name.", value);
            }

            return Guid.TryParse(trimmed, out var guid) ? guid.ToString("D") : trimmed;
        }

        private static BatchRotationException Invalid(string message, object? target) =>
            new BatchRotationException(AzureErrorIds.SignInRequestInvalid, ErrorKind.InvalidArgument, message, target);
    }
}
