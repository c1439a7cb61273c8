using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using Azure;
using Azure.Identity;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>
    /// Turns failed service answers and transport or sign-in failures into <see cref="BatchRotationException"/>s
    /// that carry the HTTP status, the Azure error code, the service's message and the request id.
    /// </summary>
    internal static class AzureErrorMapper
    {
        public static string DisplayName(AzureService service) => service switch
        {
            AzureService.ResourceManager => "Azure Resource Manager",
            AzureService.KeyVault => "Key Vault",
            AzureService.Batch => "The Batch service",
            _ => service.ToString(),
        };

        /// <summary>Maps a non-success answer.</summary>
        /// <param name="createOnly">The request carried <c>If-None-Match: *</c> (create, never overwrite).</param>
        public static BatchRotationException FromResponse(
            AzureService service,
            string method,
            Uri uri,
            int status,
            string? body,
            Func<string, string?> getHeader,
            bool createOnly,
            object? target,
            Redactor redactor)
        {
            var details = AzureErrorDetails.Parse(body);
            var requestId = ResponseInfo.RequestId(getHeader);
            var (errorId, kind) = Classify(status, details.Code, createOnly);
            var code = details.Code ?? "no error code";
            var text = string.IsNullOrWhiteSpace(details.Message) ? "(no message)" : details.Message!.Trim();
            var url = redactor.Redact(uri.GetLeftPart(UriPartial.Path));
            var message = redactor.Redact($"{DisplayName(service)} answered {status} ({code}) to {method} {url}: {text}");
            return new BatchRotationException(errorId, kind, message, target ?? url)
            {
                Status = status,
                AzureErrorCode = details.Code,
                RequestId = requestId,
                Remedy = Remedy(service, status, kind, requestId),
            };
        }

        /// <summary>
        /// Maps an exception thrown while sending. Returns null when the exception must propagate unchanged
        /// (the caller's cancellation, or a programming error).
        /// </summary>
        public static BatchRotationException? FromException(
            AzureService service, string method, Uri uri, Exception exception, CancellationToken cancellationToken, object? target, Redactor redactor)
        {
            if (exception is BatchRotationException || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                return null;
            }

            var url = redactor.Redact(uri.GetLeftPart(UriPartial.Path));
            var all = Flatten(exception).ToList();

            var unavailable = all.OfType<CredentialUnavailableException>().FirstOrDefault();
            if (unavailable != null)
            {
                return new BatchRotationException(
                    AzureErrorIds.CredentialUnavailable,
                    ErrorKind.AuthenticationError,
                    redactor.Redact($"No credential could sign in to call {DisplayName(service)}: {unavailable.Message}"),
                    target ?? url,
                    exception)
                {
                    Remedy = "Sign in with Connect-BatchRotation: -Identity in an Azure Automation runbook, -UseDeviceCode interactively, " +
                             "-EnvironmentFile for the emulator, or sign in to Azure CLI or Azure PowerShell first.",
                };
            }

            var failed = all.OfType<AuthenticationFailedException>().FirstOrDefault();
            if (failed != null)
            {
                return new BatchRotationException(
                    AzureErrorIds.AuthenticationFailed,
                    ErrorKind.AuthenticationError,
                    redactor.Redact($"Signing in to call {DisplayName(service)} failed: {SignIn.AuthenticationFailureText.Describe(failed)}"),
                    target ?? url,
                    exception)
                {
                    Remedy = "Check the tenant, the client id and its secret or the managed identity, then run Connect-BatchRotation again.",
                };
            }

            var tls = all.OfType<AuthenticationException>().FirstOrDefault();
            if (tls != null)
            {
                return new BatchRotationException(
                    AzureErrorIds.TlsCertificateRejected,
                    ErrorKind.ConnectionError,
                    redactor.Redact($"The TLS connection for {method} {url} was refused because the server's certificate is not trusted: {tls.Message}"),
                    target ?? url,
                    exception)
                {
                    Remedy = "For the emulator, sign in with its current environment file (its certificate changes when it restarts with a new output directory); " +
                             "for Azure, check the machine's trusted roots and any TLS-inspecting proxy.",
                };
            }

            if (all.All(IsConnectionFailure))
            {
                var timeout = all.Any(e => e is OperationCanceledException || e is TimeoutException);
                var reason = all.Last().Message;
                return new BatchRotationException(
                    timeout ? AzureErrorIds.AzureTimeout : AzureErrorIds.AzureConnectionFailed,
                    timeout ? ErrorKind.OperationTimeout : ErrorKind.ConnectionError,
                    redactor.Redact($"{method} {url} to {DisplayName(service)} failed after retries: {reason}"),
                    target ?? url,
                    exception)
                {
                    Remedy = "Check the network connection, proxy and firewall, then try again.",
                };
            }

            return null;
        }

        private static bool IsConnectionFailure(Exception e) =>
            e is AggregateException
            || e is IOException
            || e is SocketException
            || e is HttpRequestException
            || e is OperationCanceledException
            || e is TimeoutException
            || (e is RequestFailedException rfe && rfe.Status == 0);

        private static IEnumerable<Exception> Flatten(Exception exception)
        {
            var pending = new Stack<Exception>();
            pending.Push(exception);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                yield return current;
                if (current is AggregateException aggregate)
                {
                    foreach (var inner in aggregate.InnerExceptions.Reverse())
                    {
                        pending.Push(inner);
                    }
                }
                else if (current.InnerException != null)
                {
                    pending.Push(current.InnerException);
                }
            }
        }

        internal static (string ErrorId, ErrorKind Kind) Classify(int status, string? code, bool createOnly)
        {
            switch (status)
            {
                case 400:
                    return (AzureErrorIds.AzureBadRequest, ErrorKind.InvalidArgument);
                case 401:
                    return (AzureErrorIds.AzureAuthenticationFailed, ErrorKind.AuthenticationError);
                case 403:
                    return (AzureErrorIds.AzurePermissionDenied, ErrorKind.PermissionDenied);
                case 404:
                    return (AzureErrorIds.AzureResourceNotFound, ErrorKind.NotFound);
                case 409:
                    return code != null && (code.IndexOf("Exists", StringComparison.OrdinalIgnoreCase) >= 0
                                            || code.IndexOf("AlreadyExist", StringComparison.OrdinalIgnoreCase) >= 0)
                        ? (AzureErrorIds.AzureResourceExists, ErrorKind.ResourceExists)
                        : (AzureErrorIds.AzureConflict, ErrorKind.InvalidOperation);
                case 412:
                    return createOnly
                        ? (AzureErrorIds.AzureResourceExists, ErrorKind.ResourceExists)
                        : (AzureErrorIds.AzurePreconditionFailed, ErrorKind.InvalidOperation);
                case 408:
                case 504:
                    return (AzureErrorIds.AzureTimeout, ErrorKind.OperationTimeout);
                case 429:
                    return (AzureErrorIds.AzureThrottled, ErrorKind.LimitsExceeded);
            }

            if (status >= 500)
            {
                return (AzureErrorIds.AzureServiceUnavailable, ErrorKind.ResourceUnavailable);
            }

            return (AzureErrorIds.AzureRequestFailed, ErrorKind.InvalidOperation);
        }

        private static string? Remedy(AzureService service, int status, ErrorKind kind, string? requestId)
        {
            var support = requestId == null ? string.Empty : $" If it persists, give Azure support the request id {requestId}.";
            switch (kind)
            {
                case ErrorKind.AuthenticationError:
                    return "The sign-in was not accepted (expired, wrong tenant or wrong cloud). Run Connect-BatchRotation again.";
                case ErrorKind.PermissionDenied:
                    return service switch
                    {
                        AzureService.KeyVault => "The signed-in principal has no data-plane access to this vault: grant it an access policy " +
                                                 "(certificates get/list) or the 'Key Vault Certificate User' role, depending on the vault's permission model.",
                        AzureService.Batch => "The signed-in principal needs read access to the Batch account (e.g. the Reader role).",
                        _ => "The signed-in principal lacks the Azure role needed for this call; ask an Owner or User Access Administrator of the scope.",
                    };
                case ErrorKind.NotFound:
                    return "Check the name or resource id, the subscription and the cloud.";
                case ErrorKind.ResourceExists:
                    return "It already exists; nothing was overwritten.";
                case ErrorKind.LimitsExceeded:
                    return "Azure is throttling requests; wait a few minutes and try again." + support;
                case ErrorKind.ResourceUnavailable:
                case ErrorKind.OperationTimeout:
                    return "The service is unavailable or slow; try again later." + support;
                case ErrorKind.InvalidOperation when status == 412:
                    return "The resource changed since it was read; read it again and retry.";
                default:
                    return support.Length == 0 ? null : support.Trim();
            }
        }
    }
}
