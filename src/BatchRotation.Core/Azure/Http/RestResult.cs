using System;
using System.Collections.Generic;
using System.Text.Json;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>A successful answer: status, headers and the JSON body (if any), detached from the HTTP message.</summary>
    public sealed class RestResult
    {
        private readonly IReadOnlyDictionary<string, string> _headers;

        internal RestResult(int status, JsonElement? body, IReadOnlyDictionary<string, string> headers)
        {
            Status = status;
            Body = body;
            _headers = headers;
        }

        /// <summary>The HTTP status.</summary>
        public int Status { get; }

        /// <summary>The JSON body, or null when the answer had none.</summary>
        public JsonElement? Body { get; }

        /// <summary>The service's request id (<c>x-ms-request-id</c> or Batch <c>request-id</c>).</summary>
        public string? RequestId => ResponseInfo.RequestId(Header);

        /// <summary>The <c>ETag</c> header.</summary>
        public string? ETag => Header("ETag");

        /// <summary>A header value, or null (names are case-insensitive).</summary>
        public string? Header(string name) => _headers.TryGetValue(name, out var value) ? value : null;

        /// <summary>How long the answer asks to wait before the next poll, if it says.</summary>
        public TimeSpan? RetryAfter(DateTimeOffset now) => Http.RetryAfter.Parse(Header, now);
    }
}
