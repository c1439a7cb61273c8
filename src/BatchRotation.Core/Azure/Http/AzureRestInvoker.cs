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
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>
    /// Sends one JSON request through a service pipeline and returns the answer, or throws a mapped
    /// <see cref="BatchRotationException"/>. Also follows paged lists and guards every URL a service hands back
    /// (next pages, operation locations) so that a token is never sent to another host.
    /// </summary>
    internal sealed class AzureRestInvoker
    {
        private readonly HttpPipeline _pipeline;

        public AzureRestInvoker(HttpPipeline pipeline, AzureService service, Redactor redactor, AzureClientOptions options)
        {
            _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
            Service = service;
            Redactor = redactor ?? throw new ArgumentNullException(nameof(redactor));
            Options = options ?? throw new ArgumentNullException(nameof(options));
        }

        public AzureService Service { get; }

        public Redactor Redactor { get; }

        public AzureClientOptions Options { get; }

        public async Task<RestResult> SendAsync(
            RequestMethod method,
            Uri uri,
            JsonNode? body,
            IReadOnlyDictionary<string, string>? headers,
            object? target,
            CancellationToken cancellationToken)
        {
            if (!string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            {
                throw new BatchRotationException(
                    AzureErrorIds.InsecureEndpoint,
                    ErrorKind.InvalidArgument,
                    $"Refusing to call {Redactor.Redact(uri.GetLeftPart(UriPartial.Path))} without TLS.",
                    target);
            }

            using (var message = _pipeline.CreateMessage())
            {
                var request = message.Request;
                request.Method = method;
                request.Uri.Reset(uri);
                request.Headers.Add("Accept", "application/json");
                var createOnly = false;
                if (headers != null)
                {
                    foreach (var header in headers)
                    {
                        request.Headers.SetValue(header.Key, header.Value);
                        createOnly |= string.Equals(header.Key, "If-None-Match", StringComparison.OrdinalIgnoreCase) && header.Value == "*";
                    }
                }

                if (body != null)
                {
                    request.Headers.SetValue("Content-Type", "application/json");
                    request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToJsonString()));
                }

                try
                {
                    await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    var mapped = AzureErrorMapper.FromException(Service, method.Method, uri, ex, cancellationToken, target, Redactor);
                    if (mapped != null)
                    {
                        throw mapped;
                    }

                    throw;
                }

                var response = message.Response;
                var text = response.Content?.ToString();
                string? GetHeader(string name) => response.Headers.TryGetValue(name, out var v) ? v : null;
                if (response.Status < 200 || response.Status > 299)
                {
                    throw AzureErrorMapper.FromResponse(Service, method.Method, uri, response.Status, text, GetHeader, createOnly, target, Redactor);
                }

                var collected = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var header in response.Headers)
                {
                    collected[header.Name] = header.Value;
                }

                return new RestResult(response.Status, ParseBody(text, method, uri, target), collected);
            }
        }

        /// <summary>
        /// Gets every item of a paged list, following <paramref name="nextLinkProperty"/> exactly as given, as
        /// long as it stays on the first page's host.
        /// </summary>
        public async Task<IReadOnlyList<JsonElement>> ListAsync(
            Uri firstPage, string nextLinkProperty, object? target, CancellationToken cancellationToken)
        {
            var items = new List<JsonElement>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            Uri? next = firstPage;
            var pages = 0;
            while (next != null)
            {
                if (!seen.Add(next.AbsoluteUri))
                {
                    throw Invalid($"The list at {Redactor.Redact(firstPage.GetLeftPart(UriPartial.Path))} pointed back to a page it had already returned.", target);
                }

                if (++pages > Options.MaxPages)
                {
                    throw Invalid($"The list at {Redactor.Redact(firstPage.GetLeftPart(UriPartial.Path))} has more than {Options.MaxPages} pages.", target);
                }

                var page = await SendAsync(RequestMethod.Get, next, null, null, target, cancellationToken).ConfigureAwait(false);
                var body = page.Body;
                if (body == null || body.Value.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid($"A page of the list at {Redactor.Redact(firstPage.GetLeftPart(UriPartial.Path))} was not a JSON object.", target);
                }

                if (body.Value.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
                {
                    items.AddRange(value.EnumerateArray());
                }

                var link = Json.Str(body.Value, nextLinkProperty);
                next = string.IsNullOrWhiteSpace(link) ? null : ResolveTrusted(next, link!, firstPage, target);
            }

            return items;
        }

        /// <summary>
        /// Resolves a URL a service returned (next page, operation location) and checks that it uses https on the
        /// same host and port as <paramref name="origin"/>.
        /// </summary>
        public Uri ResolveTrusted(Uri current, string link, Uri origin, object? target)
        {
            if (!Uri.TryCreate(current, link, out var resolved) || !resolved.IsAbsoluteUri)
            {
                throw Invalid($"The service returned a URL that cannot be read: {Redactor.Redact(link)}", target);
            }

            if (!string.Equals(resolved.Scheme, "https", StringComparison.OrdinalIgnoreCase)
                || !string.Equals(resolved.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
                || resolved.Port != origin.Port)
            {
                throw new BatchRotationException(
                    AzureErrorIds.UntrustedEndpoint,
                    ErrorKind.InvalidData,
                    Redactor.Redact($"{AzureErrorMapper.DisplayName(Service)} pointed to {resolved.GetLeftPart(UriPartial.Authority)}, " +
                                    $"which is not {origin.GetLeftPart(UriPartial.Authority)}; the module does not send its credentials there."),
                    target);
            }

            return resolved;
        }

        private JsonElement? ParseBody(string? text, RequestMethod method, Uri uri, object? target)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            try
            {
                using (var document = JsonDocument.Parse(text!))
                {
                    return document.RootElement.Clone();
                }
            }
            catch (JsonException ex)
            {
                throw new BatchRotationException(
                    AzureErrorIds.AzureResponseInvalid,
                    ErrorKind.InvalidData,
                    Redactor.Redact($"{AzureErrorMapper.DisplayName(Service)} answered {method.Method} {uri.GetLeftPart(UriPartial.Path)} with a body that is not JSON."),
                    target,
                    ex);
            }
        }

        internal BatchRotationException Invalid(string message, object? target) =>
            new BatchRotationException(AzureErrorIds.AzureResponseInvalid, ErrorKind.InvalidData, message, target);
    }
}
