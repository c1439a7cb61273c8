using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>
    /// The code and message of a failed call, read from whichever envelope the service uses:
    /// ARM and Key Vault <c>{"error":{"code","message"}}</c>, the Batch data plane
    /// <c>{"code","message":{"lang","value"},"values":[{key,value}]}</c>, or the flat OAuth shape
    /// <c>{"error","error_description"}</c> of Entra ID and IMDS.
    /// </summary>
    internal sealed record AzureErrorDetails(string? Code, string? Message)
    {
        private const int MaxRawLength = 500;

        public static AzureErrorDetails Parse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return new AzureErrorDetails(null, null);
            }

            try
            {
                using (var document = JsonDocument.Parse(body!))
                {
                    var root = document.RootElement;
                    if (root.ValueKind == JsonValueKind.Object)
                    {
                        if (root.TryGetProperty("error", out var error))
                        {
                            if (error.ValueKind == JsonValueKind.Object)
                            {
                                return FromNestedError(error);
                            }

                            if (error.ValueKind == JsonValueKind.String)
                            {
                                return new AzureErrorDetails(error.GetString(), Json.Str(root, "error_description"));
                            }
                        }

                        if (root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
                        {
                            return FromBatchError(root, code.GetString());
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON: fall through to the raw text.
            }

            var raw = body!.Trim();
            return new AzureErrorDetails(null, raw.Length > MaxRawLength ? raw.Substring(0, MaxRawLength) + "..." : raw);
        }

        private static AzureErrorDetails FromNestedError(JsonElement error)
        {
            var code = Json.Str(error, "code");
            var message = WithoutTrailer(Json.Str(error, "message"));
            var inner = Json.Str(error, "innererror", "code");
            if (!string.IsNullOrEmpty(inner) && !string.Equals(inner, code, StringComparison.Ordinal))
            {
                message = (message ?? string.Empty) + $" (inner error: {inner})";
            }

            return new AzureErrorDetails(string.IsNullOrEmpty(code) ? null : code, message);
        }

        /// <summary>
        /// The Batch service (data plane, and its resource provider through ARM) appends "RequestId:..." and
        /// "Time:..." lines to messages; the request id is reported separately, so they are dropped.
        /// </summary>
        private static string? WithoutTrailer(string? message)
        {
            if (message == null)
            {
                return null;
            }

            var lines = message.Split('\n')
                .Select(l => l.TrimEnd('\r'))
                .Where(l => !l.StartsWith("RequestId:", StringComparison.Ordinal) && !l.StartsWith("Time:", StringComparison.Ordinal));
            return string.Join(" ", lines).Trim();
        }

        private static AzureErrorDetails FromBatchError(JsonElement root, string? code)
        {
            string? message = null;
            if (root.TryGetProperty("message", out var m))
            {
                message = m.ValueKind == JsonValueKind.Object ? Json.Str(m, "value")
                    : m.ValueKind == JsonValueKind.String ? m.GetString()
                    : null;
            }

            message = WithoutTrailer(message);

            var values = new List<string>();
            if (root.TryGetProperty("values", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in array.EnumerateArray())
                {
                    var key = Json.Str(item, "key");
                    var value = Json.Str(item, "value");
                    if (key != null)
                    {
                        values.Add(key + "=" + value);
                    }
                }
            }

            if (values.Count > 0)
            {
                message = (message ?? string.Empty) + " (" + string.Join("; ", values) + ")";
            }

            return new AzureErrorDetails(code, message);
        }
    }
}
