using System;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.SignIn
{
    /// <summary>
    /// Proves a sign-in works by getting an Azure Resource Manager token, and reads who it names. The token
    /// itself is never returned, logged or stored.
    /// </summary>
    public static class SignInVerifier
    {
        /// <exception cref="Errors.BatchRotationException"><c>CredentialUnavailable</c>, <c>AuthenticationFailed</c>,
        /// <c>TlsCertificateRejected</c> or <c>AzureConnectionFailed</c>.</exception>
        public static async Task<SignedInIdentity> VerifyAsync(BatchRotationContext context, CancellationToken cancellationToken)
        {
            if (context == null)
            {
                throw new ArgumentNullException(nameof(context));
            }

            AccessToken token;
            try
            {
                token = await context.Credential.GetTokenAsync(
                    new TokenRequestContext(new[] { context.Cloud.GetScope(AzureService.ResourceManager) }, tenantId: context.TenantId),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                var mapped = AzureErrorMapper.FromException(
                    AzureService.ResourceManager, "sign-in", context.Cloud.AuthorityHost, ex, cancellationToken, context.CredentialDescription, context.Redactor);
                if (mapped != null)
                {
                    throw mapped;
                }

                throw;
            }

            return ReadClaims(token.Token, token.ExpiresOn);
        }

        /// <summary>Reads tid, oid, appid/azp and the user name from a JWT's payload; an opaque token gives nulls.</summary>
        internal static SignedInIdentity ReadClaims(string token, DateTimeOffset expiresOn)
        {
            var parts = (token ?? string.Empty).Split('.');
            if (parts.Length < 2)
            {
                return new SignedInIdentity(null, null, null, null, expiresOn);
            }

            try
            {
                var payload = parts[1].Replace('-', '+').Replace('_', '/');
                payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
                var json = Encoding.UTF8.GetString(Convert.FromBase64String(payload));
                using (var document = JsonDocument.Parse(json))
                {
                    var root = document.RootElement;
                    return new SignedInIdentity(
                        Json.Str(root, "tid"),
                        Json.Str(root, "oid"),
                        Json.Str(root, "appid") ?? Json.Str(root, "azp"),
                        Json.Str(root, "upn") ?? Json.Str(root, "preferred_username") ?? Json.Str(root, "unique_name"),
                        expiresOn);
                }
            }
            catch (Exception ex) when (ex is FormatException || ex is JsonException || ex is ArgumentException)
            {
                return new SignedInIdentity(null, null, null, null, expiresOn);
            }
        }
    }
}
