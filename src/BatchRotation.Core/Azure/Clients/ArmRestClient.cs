using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>The generic Azure Resource Manager client over an Azure.Core pipeline.</summary>
    public sealed class ArmRestClient : IArmRestClient
    {
        private readonly AzureRestInvoker _invoker;
        private readonly Action<string>? _verbose;

        /// <param name="pipeline">A pipeline authenticated for the cloud's ARM audience.</param>
        /// <param name="endpoint">The cloud's ARM endpoint (https).</param>
        public ArmRestClient(HttpPipeline pipeline, Uri endpoint, Redactor? redactor = null, AzureClientOptions? options = null, Action<string>? verbose = null)
        {
            Endpoint = AzureCloud.RequireHttpsEndpoint(endpoint, "ARM endpoint");
            _invoker = new AzureRestInvoker(pipeline, AzureService.ResourceManager, redactor ?? Redactor.Default, options ?? AzureClientOptions.Default);
            _verbose = verbose;
        }

        /// <inheritdoc />
        public Uri Endpoint { get; }

        /// <inheritdoc />
        public Task<RestResult> GetAsync(string path, string apiVersion, CancellationToken cancellationToken) =>
            _invoker.SendAsync(RequestMethod.Get, BuildUri(path, apiVersion, null), null, null, path, cancellationToken);

        /// <inheritdoc />
        public async Task<RestResult?> GetIfExistsAsync(string path, string apiVersion, CancellationToken cancellationToken)
        {
            try
            {
                return await GetAsync(path, apiVersion, cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException ex) when (ex.Status == 404)
            {
                return null;
            }
        }

        /// <inheritdoc />
        public async Task<RestResult> PutAsync(string path, string apiVersion, JsonNode body, ArmWriteCondition? condition, CancellationToken cancellationToken)
        {
            if (body == null)
            {
                throw new ArgumentNullException(nameof(body));
            }

            var headers = condition?.HeaderName == null
                ? null
                : new Dictionary<string, string> { [condition.HeaderName] = condition.HeaderValue! };
            var result = await _invoker.SendAsync(RequestMethod.Put, BuildUri(path, apiVersion, null), body, headers, path, cancellationToken).ConfigureAwait(false);
            if (result.Status != 202)
            {
                return result;
            }

            await WaitForOperationAsync(result, path, "writing", cancellationToken).ConfigureAwait(false);
            return await GetAsync(path, apiVersion, cancellationToken).ConfigureAwait(false);
        }

        /// <inheritdoc />
        public async Task<RestResult> PatchAsync(string path, string apiVersion, JsonNode body, string? ifMatch, CancellationToken cancellationToken)
        {
            if (body == null)
            {
                throw new ArgumentNullException(nameof(body));
            }

            var headers = string.IsNullOrWhiteSpace(ifMatch) ? null : new Dictionary<string, string> { ["If-Match"] = ifMatch! };
            var result = await _invoker.SendAsync(new RequestMethod("PATCH"), BuildUri(path, apiVersion, null), body, headers, path, cancellationToken).ConfigureAwait(false);
            if (result.Status != 202)
            {
                return result;
            }

            await WaitForOperationAsync(result, path, "updating", cancellationToken).ConfigureAwait(false);
            return await GetAsync(path, apiVersion, cancellationToken).ConfigureAwait(false);
        }

        /// <inheritdoc />
        public async Task<DeleteOutcome> DeleteAsync(string path, string apiVersion, CancellationToken cancellationToken)
        {
            RestResult result;
            try
            {
                result = await _invoker.SendAsync(RequestMethod.Delete, BuildUri(path, apiVersion, null), null, null, path, cancellationToken).ConfigureAwait(false);
            }
            catch (BatchRotationException ex) when (ex.Status == 404)
            {
                return DeleteOutcome.AlreadyAbsent;
            }

            switch (result.Status)
            {
                case 202:
                    await WaitForOperationAsync(result, path, "deleting", cancellationToken).ConfigureAwait(false);
                    return DeleteOutcome.Deleted;
                case 204:
                    return DeleteOutcome.AlreadyAbsent;
                default:
                    return DeleteOutcome.Deleted;
            }
        }

        /// <inheritdoc />
        public Task<IReadOnlyList<JsonElement>> ListAsync(
            string path, string apiVersion, IReadOnlyDictionary<string, string>? query, CancellationToken cancellationToken) =>
            _invoker.ListAsync(BuildUri(path, apiVersion, query), "nextLink", path, cancellationToken);

        /// <summary>
        /// Polls a 202's <c>Azure-AsyncOperation</c> (status body) or <c>Location</c> (202 until done) URL, waiting
        /// Retry-After (capped) or the default interval between polls, until the operation ends or times out.
        /// </summary>
        private async Task WaitForOperationAsync(RestResult accepted, string path, string action, CancellationToken cancellationToken)
        {
            var options = _invoker.Options;
            var asyncOperation = accepted.Header("Azure-AsyncOperation");
            var location = accepted.Header("Location");
            if (string.IsNullOrWhiteSpace(asyncOperation) && string.IsNullOrWhiteSpace(location))
            {
                throw _invoker.Invalid($"Azure Resource Manager accepted {action} {path} (202) but gave no Location to follow.", path);
            }

            var pollUri = _invoker.ResolveTrusted(Endpoint, (asyncOperation ?? location)!, Endpoint, path);
            var useStatusBody = !string.IsNullOrWhiteSpace(asyncOperation);
            var waited = TimeSpan.Zero;
            var last = accepted;
            for (var poll = 1; ; poll++)
            {
                var delay = NextDelay(last, options);
                if (waited + delay > options.OperationTimeout)
                {
                    throw new BatchRotationException(
                        AzureErrorIds.AzureOperationTimedOut,
                        ErrorKind.OperationTimeout,
                        $"Azure Resource Manager did not finish {action} {path} within {options.OperationTimeout}.",
                        path)
                    {
                        Remedy = "Check the resource in the portal; the operation may still complete. Run the command again later.",
                        RequestId = accepted.RequestId,
                    };
                }

                _verbose?.Invoke(_invoker.Redactor.Redact($"Waiting {delay.TotalSeconds:0.#} s for Azure Resource Manager to finish {action} {path} (poll {poll})."));
                await options.Delay(delay, cancellationToken).ConfigureAwait(false);
                waited += delay;

                last = await _invoker.SendAsync(RequestMethod.Get, pollUri, null, null, path, cancellationToken).ConfigureAwait(false);
                if (useStatusBody)
                {
                    var status = last.Body == null ? null : Json.Str(last.Body.Value, "status");
                    if (string.Equals(status, "Succeeded", StringComparison.OrdinalIgnoreCase))
                    {
                        return;
                    }

                    if (string.Equals(status, "Failed", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "Canceled", StringComparison.OrdinalIgnoreCase))
                    {
                        var code = last.Body == null ? null : Json.Str(last.Body.Value, "error", "code");
                        var message = last.Body == null ? null : Json.Str(last.Body.Value, "error", "message");
                        throw new BatchRotationException(
                            AzureErrorIds.AzureOperationFailed,
                            ErrorKind.InvalidOperation,
                            _invoker.Redactor.Redact($"Azure Resource Manager reports that {action} {path} {status!.ToLowerInvariant()}: {code ?? "no error code"}: {message ?? "(no message)"}"),
                            path)
                        {
                            AzureErrorCode = code,
                            RequestId = last.RequestId,
                            Status = last.Status,
                        };
                    }
                }
                else if (last.Status != 202)
                {
                    return;
                }
            }
        }

        private static TimeSpan NextDelay(RestResult answer, AzureClientOptions options)
        {
            var asked = answer.RetryAfter(DateTimeOffset.UtcNow) ?? options.DefaultPollInterval;
            return asked > options.MaxPollInterval ? options.MaxPollInterval : asked;
        }

        /// <summary>ARM endpoint + escaped path + <c>?api-version=</c> + escaped query.</summary>
        internal Uri BuildUri(string path, string apiVersion, IReadOnlyDictionary<string, string>? query)
        {
            if (string.IsNullOrWhiteSpace(path) || !path.StartsWith("/", StringComparison.Ordinal) || path.IndexOfAny(new[] { '?', '#', '\\' }) >= 0)
            {
                throw new BatchRotationException(
                    AzureErrorIds.InvalidResourceId, ErrorKind.InvalidArgument, $"'{path}' is not an Azure Resource Manager path (it must start with '/').", path);
            }

            if (string.IsNullOrWhiteSpace(apiVersion))
            {
                throw new ArgumentException("An api-version is needed.", nameof(apiVersion));
            }

            var segments = path.Trim('/').Split('/');
            if (segments.Any(s => s.Length == 0 || s == "." || s == ".."))
            {
                throw new BatchRotationException(
                    AzureErrorIds.InvalidResourceId, ErrorKind.InvalidArgument, $"'{path}' has an empty or relative segment.", path);
            }

            var builder = new StringBuilder(Endpoint.AbsoluteUri.TrimEnd('/'));
            foreach (var segment in segments)
            {
                builder.Append('/').Append(Uri.EscapeDataString(segment));
            }

            builder.Append("?api-version=").Append(Uri.EscapeDataString(apiVersion));
            if (query != null)
            {
                foreach (var pair in query)
                {
                    builder.Append('&').Append(Uri.EscapeDataString(pair.Key).Replace("%24", "$")).Append('=').Append(Uri.EscapeDataString(pair.Value));
                }
            }

            return new Uri(builder.ToString());
        }
    }
}
