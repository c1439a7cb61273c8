namespace BatchRotation.Emulator.Infrastructure;

/// <summary>The response headers each Azure service sends on every response.</summary>
public static class ServiceHeaders
{
    public static void Apply(HttpContext context, ServiceKind service)
    {
        var headers = context.Response.Headers;
        var requestId = context.RequestId();
        switch (service)
        {
            case ServiceKind.Arm:
                headers["x-ms-request-id"] = requestId;
                headers["x-ms-correlation-request-id"] = context.Request.Headers.TryGetValue("x-ms-correlation-request-id", out var correlation) ? correlation.ToString() : requestId;
                headers["x-ms-routing-request-id"] = $"LOCAL:{DateTime.UtcNow:yyyyMMddTHHmmssZ}:{requestId}";
                headers.CacheControl = "no-cache";
                headers.Pragma = "no-cache";
                headers.Expires = "-1";
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                headers.XContentTypeOptions = "nosniff";
                headers[RateLimitHeader(context.Request.Method)] = "11999";
                break;
            case ServiceKind.KeyVault:
                headers["x-ms-request-id"] = requestId;
                headers["x-ms-keyvault-region"] = "local";
                headers["x-ms-keyvault-service-version"] = "1.9.2179.1";
                headers["x-ms-keyvault-network-info"] = $"conn_type=Ipv4;addr={context.Connection.RemoteIpAddress};act_addr_fam=InterNetwork;";
                headers.CacheControl = "no-cache";
                headers.Pragma = "no-cache";
                headers.Expires = "-1";
                headers.StrictTransportSecurity = "max-age=31536000;includeSubDomains";
                headers.XContentTypeOptions = "nosniff";
                break;
            case ServiceKind.Batch:
                headers["request-id"] = requestId;
                headers["DataServiceVersion"] = "3.0";
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                headers.XContentTypeOptions = "nosniff";
                if (context.Request.Headers.TryGetValue("client-request-id", out var clientRequestId)
                    && string.Equals(context.Request.Headers["return-client-request-id"], "true", StringComparison.OrdinalIgnoreCase))
                {
                    headers["client-request-id"] = clientRequestId.ToString();
                }
                break;
            case ServiceKind.Entra:
                headers["x-ms-request-id"] = requestId;
                headers.CacheControl = "no-store, no-cache";
                headers.Pragma = "no-cache";
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                headers.XContentTypeOptions = "nosniff";
                if (context.Request.Headers.TryGetValue("client-request-id", out var entraClientRequestId))
                {
                    headers["client-request-id"] = entraClientRequestId.ToString();
                }
                break;
        }
    }

    private static string RateLimitHeader(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? "x-ms-ratelimit-remaining-subscription-reads"
        : HttpMethods.IsDelete(method) ? "x-ms-ratelimit-remaining-subscription-deletes"
        : "x-ms-ratelimit-remaining-subscription-writes";
}
