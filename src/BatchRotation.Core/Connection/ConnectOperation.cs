using System;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Model;
using BatchRotation.Core.Operations;

namespace BatchRotation.Core.Connection
{
    /// <summary>
    /// Connect-BatchRotation: chooses the credential, proves that it signs in (an Azure Resource Manager token,
    /// whose claims name the account), checks or chooses the default subscription, and returns the connection
    /// to keep for the session. A wrong secret or an unusable credential fails here, not in a later cmdlet.
    /// Every message, and every exception thrown from here, is free of tokens and secrets.
    /// </summary>
    public static class ConnectOperation
    {
        /// <exception cref="BatchRotationException">Any environment-file or request error, <c>AuthenticationFailed</c>,
        /// <c>CredentialUnavailable</c>, <c>TlsCertificateRejected</c>, <c>AzureConnectionFailed</c>, <c>SignInFailed</c>,
        /// <c>SubscriptionNotFound</c>.</exception>
        public static Task<BatchRotationConnection> ConnectAsync(SignInRequest request, IOperationSink sink, CancellationToken cancellationToken)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var prompts = new SignInPrompts();
            prompts.AttachTo(sink ?? throw new ArgumentNullException(nameof(sink)));
            var context = CredentialFactory.CreateContext(WithPrompts(request, prompts));
            return ConnectAsync(context, prompts, sink, cancellationToken);
        }

        /// <summary>Verifies an already created context (the tests give one with a fake credential and transport).</summary>
        public static async Task<BatchRotationConnection> ConnectAsync(
            BatchRotationContext context,
            SignInPrompts prompts,
            IOperationSink sink,
            CancellationToken cancellationToken,
            AzureClientOptions? options = null,
            Func<DateTimeOffset>? clock = null)
        {
            if (context == null)
            {
                throw new ArgumentNullException(nameof(context));
            }

            if (sink == null)
            {
                throw new ArgumentNullException(nameof(sink));
            }

            var redactor = context.Redactor;
            sink.WriteVerbose(redactor.Redact($"Signing in to {context.Cloud.Name} with {context.CredentialDescription}."));
            var signedIn = await VerifyAsync(context, cancellationToken).ConfigureAwait(false);
            context = CheckTenant(context, signedIn, sink);
            var account = signedIn.UserName ?? signedIn.ApplicationId ?? signedIn.ObjectId ?? "an account the token does not name";
            sink.WriteVerbose(redactor.Redact(
                $"Signed in as {account}" + (signedIn.ObjectId == null ? string.Empty : $" (object id {signedIn.ObjectId})") +
                $" in tenant {context.TenantId ?? "(not named)"}."));

            var clients = AzureClients.Create(context, sink.WriteVerbose, options);
            var subscription = await SubscriptionCheck.RunAsync(context, clients.Subscriptions, account, sink, cancellationToken).ConfigureAwait(false);
            context = context.WithSubscription(subscription.Id);

            var info = BatchRotationContextInfo.From(context, signedIn, isConnected: true, subscription.Name, (clock ?? (() => DateTimeOffset.UtcNow))());
            return new BatchRotationConnection(context, info, prompts);
        }

        private static async Task<SignedInIdentity> VerifyAsync(BatchRotationContext context, CancellationToken cancellationToken)
        {
            try
            {
                return await SignInVerifier.VerifyAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException ex)
            {
                var safe = ExceptionRedaction.Sanitize(ex, context.Redactor);
                if (ReferenceEquals(safe, ex))
                {
                    throw;
                }

                throw safe;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                                       && ExceptionRedaction.Reveals(ex, context.Redactor))
            {
                // Not a failure Azure.Identity classifies (those are mapped above), and its text shows a
                // secret: say what failed without passing the original exception on.
                throw new BatchRotationException(
                    ConnectionErrorIds.SignInFailed,
                    ErrorKind.AuthenticationError,
                    context.Redactor.Redact($"Signing in with {context.CredentialDescription} failed: {ex.GetType().FullName}: {ex.Message}"),
                    context.Cloud.AuthorityHost.AbsoluteUri)
                {
                    Remedy = "Check the sign-in's settings (tenant, client id, secret or identity) and run Connect-BatchRotation again.",
                };
            }
        }

        private static BatchRotationContext CheckTenant(BatchRotationContext context, SignedInIdentity signedIn, IOperationSink sink)
        {
            if (signedIn.TenantId == null)
            {
                return context;
            }

            if (context.TenantId == null)
            {
                return context.WithTenant(signedIn.TenantId);
            }

            if (!string.Equals(context.TenantId, signedIn.TenantId, StringComparison.OrdinalIgnoreCase)
                && Guid.TryParse(context.TenantId, out _))
            {
                sink.WriteWarning(
                    $"The token was issued by tenant {signedIn.TenantId}, not by tenant {context.TenantId} that was asked for; " +
                    "the cmdlets will work in the tenant the token names.");
                return context.WithTenant(signedIn.TenantId);
            }

            return context;
        }

        /// <summary>A device-code request whose prompt goes to <paramref name="prompts"/>; any other request unchanged.</summary>
        internal static SignInRequest WithPrompts(SignInRequest request, SignInPrompts prompts) =>
            request.Method != SignInMethod.DeviceCode || request.DeviceCodePrompt != null
                ? request
                : new SignInRequest
                {
                    Method = request.Method,
                    CloudName = request.CloudName,
                    TenantId = request.TenantId,
                    SubscriptionId = request.SubscriptionId,
                    ManagedIdentityClientId = request.ManagedIdentityClientId,
                    DeviceCodeClientId = request.DeviceCodeClientId,
                    DeviceCodePrompt = prompts.Show,
                    EnvironmentFilePath = request.EnvironmentFilePath,
                };
    }
}
