using System;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.SignIn;

namespace BatchRotation.Core.Model
{
    /// <summary>
    /// What Connect-BatchRotation and Get-BatchRotationContext show of a sign-in: the cloud and its endpoints,
    /// the tenant, the default subscription, who signed in and how the credential was chosen. Plain .NET
    /// values only: never the credential, a token or a secret.
    /// </summary>
    public sealed class BatchRotationContextInfo
    {
        /// <summary>True for a sign-in made by Connect-BatchRotation; false for the default chain the cmdlets fall back to.</summary>
        public bool IsConnected { get; init; }

        /// <summary>The cloud: AzureCloud, AzureUSGovernment, AzureChinaCloud, or a custom cloud's name (the emulator's).</summary>
        public string Environment { get; init; } = string.Empty;

        public string? TenantId { get; init; }

        public string? SubscriptionId { get; init; }

        public string? SubscriptionName { get; init; }

        /// <summary>Who signed in: the user name, else the application (client) id, else the object id. Null until a sign-in was verified.</summary>
        public string? Account { get; init; }

        /// <summary>The object (principal) id of who signed in.</summary>
        public string? AccountObjectId { get; init; }

        /// <summary>The application (client) id the token was issued to.</summary>
        public string? AccountApplicationId { get; init; }

        /// <summary>How the credential was chosen.</summary>
        public SignInMethod SignInMethod { get; init; }

        /// <summary>The credential in words (which application, identity, file or chain), never its secret.</summary>
        public string CredentialDescription { get; init; } = string.Empty;

        public string ResourceManagerUrl { get; init; } = string.Empty;

        public string AuthorityHost { get; init; } = string.Empty;

        public string KeyVaultDnsSuffix { get; init; } = string.Empty;

        /// <summary>For an environment file: the certificate trusted and the only endpoints it is trusted for.</summary>
        public string? TrustedCertificate { get; init; }

        /// <summary>When Connect-BatchRotation verified the sign-in.</summary>
        public DateTimeOffset? ConnectedAt { get; init; }

        /// <summary>
        /// Describes <paramref name="context"/>; <paramref name="signedIn"/> (from the token of a verified sign-in)
        /// names the account. Every text passes through the context's redactor.
        /// </summary>
        public static BatchRotationContextInfo From(
            BatchRotationContext context,
            SignedInIdentity? signedIn,
            bool isConnected,
            string? subscriptionName = null,
            DateTimeOffset? connectedAt = null)
        {
            if (context == null)
            {
                throw new ArgumentNullException(nameof(context));
            }

            var redactor = context.Redactor;
            return new BatchRotationContextInfo
            {
                IsConnected = isConnected,
                Environment = context.Cloud.Name,
                TenantId = context.TenantId ?? signedIn?.TenantId,
                SubscriptionId = context.SubscriptionId,
                SubscriptionName = redactor.Redact(subscriptionName),
                Account = redactor.Redact(signedIn?.UserName ?? signedIn?.ApplicationId ?? signedIn?.ObjectId),
                AccountObjectId = signedIn?.ObjectId,
                AccountApplicationId = signedIn?.ApplicationId,
                SignInMethod = context.Method,
                CredentialDescription = redactor.Redact(context.CredentialDescription),
                ResourceManagerUrl = context.Cloud.ResourceManagerUrl.AbsoluteUri,
                AuthorityHost = context.Cloud.AuthorityHost.AbsoluteUri,
                KeyVaultDnsSuffix = context.Cloud.KeyVaultDnsSuffix,
                TrustedCertificate = context.Trust?.ToString(),
                ConnectedAt = connectedAt,
            };
        }

        /// <inheritdoc />
        public override string ToString() =>
            $"{Account ?? "(not signed in yet)"} in {Environment}" +
            (TenantId == null ? string.Empty : $", tenant {TenantId}") +
            (SubscriptionId == null ? string.Empty : $", subscription {SubscriptionId}") +
            $" ({SignInMethod}{(IsConnected ? string.Empty : ", not connected")})";
    }
}
