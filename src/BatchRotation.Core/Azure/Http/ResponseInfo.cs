using System;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>Small readers of response headers shared by the logging policy, the clients and the error mapper.</summary>
    internal static class ResponseInfo
    {
        /// <summary>
        /// The service's request id: <c>x-ms-request-id</c> (ARM, Key Vault), else <c>request-id</c> (Batch data
        /// plane), else <c>x-ms-correlation-request-id</c>.
        /// </summary>
        public static string? RequestId(Func<string, string?> getHeader)
        {
            foreach (var name in new[] { "x-ms-request-id", "request-id", "x-ms-correlation-request-id" })
            {
                var value = getHeader(name);
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value!.Trim();
                }
            }

            return null;
        }
    }
}
