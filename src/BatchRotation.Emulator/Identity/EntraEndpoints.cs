using System.Text.Json.Nodes;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Infrastructure;

namespace BatchRotation.Emulator.Identity;

/// <summary>
/// The part of Entra ID (v2 endpoints) that Azure.Identity's ClientSecretCredential uses: OIDC
/// discovery, signing keys, instance discovery and the token endpoint for client credentials.
/// </summary>
public static class EntraEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant, HttpContext context, EmulatorRuntime runtime) =>
        {
            if (!KnownTenant(tenant, runtime)) return TenantNotFound(context, tenant);
            var authority = Authority(context, tenant);
            return Results.Json(new JsonObject
            {
                ["token_endpoint"] = $"{authority}/oauth2/v2.0/token",
                ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
                ["jwks_uri"] = $"{authority}/discovery/v2.0/keys",
                ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
                ["subject_types_supported"] = new JsonArray("pairwise"),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
                ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
                ["issuer"] = $"{authority}/v2.0",
                ["request_uri_parameter_supported"] = false,
                ["authorization_endpoint"] = $"{authority}/oauth2/v2.0/authorize",
                ["device_authorization_endpoint"] = $"{authority}/oauth2/v2.0/devicecode",
                ["http_logout_supported"] = true,
                ["frontchannel_logout_supported"] = true,
                ["end_session_endpoint"] = $"{authority}/oauth2/v2.0/logout",
                ["claims_supported"] = new JsonArray("sub", "iss", "aud", "exp", "iat", "nbf", "tid", "oid"),
                ["tenant_region_scope"] = "WW",
                ["cloud_instance_name"] = context.Request.Host.Host,
            });
        });

        app.MapGet("/{tenant}/discovery/v2.0/keys", (EmulatorRuntime runtime) => Results.Json(runtime.Tokens.Jwks()));

        app.MapGet("/common/discovery/instance", (HttpContext context, EmulatorRuntime runtime) =>
        {
            var host = context.Request.Host.ToString();
            return Results.Json(new JsonObject
            {
                ["tenant_discovery_endpoint"] = $"{Authority(context, runtime.State.TenantId)}/v2.0/.well-known/openid-configuration",
                ["api-version"] = "1.1",
                ["metadata"] = new JsonArray(new JsonObject
                {
                    ["preferred_network"] = host,
                    ["preferred_cache"] = host,
                    ["aliases"] = new JsonArray(host),
                }),
            });
        });

        app.MapPost("/{tenant}/oauth2/v2.0/token", IssueTokenAsync);
    }

    private static async Task<IResult> IssueTokenAsync(string tenant, HttpContext context, EmulatorRuntime runtime)
    {
        if (!KnownTenant(tenant, runtime)) return TenantNotFound(context, tenant);
        if (!context.Request.HasFormContentType)
            return Error(context, 400, "invalid_request", 900144, "AADSTS900144: The request body must contain the following parameter: 'grant_type'.");

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grantType = form["grant_type"].ToString();
        var clientId = form["client_id"].ToString();
        var clientSecret = form["client_secret"].ToString();
        var scope = form["scope"].ToString();

        if (grantType.Length == 0)
            return Error(context, 400, "invalid_request", 900144, "AADSTS900144: The request body must contain the following parameter: 'grant_type'.");
        if (grantType != "client_credentials")
            return Error(context, 400, "unsupported_grant_type", 70003, $"AADSTS70003: The app requested an unsupported grant type '{grantType}'.");
        if (clientId.Length == 0)
            return Error(context, 400, "invalid_request", 900144, "AADSTS900144: The request body must contain the following parameter: 'client_id'.");

        Principal? principal;
        lock (runtime.State.Sync)
        {
            principal = runtime.State.FindPrincipalByClientId(clientId);
        }
        if (principal is null || principal.Kind != PrincipalKind.ServicePrincipal)
            return Error(context, 400, "unauthorized_client", 700016,
                $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");
        if (clientSecret.Length == 0)
            return Error(context, 401, "invalid_client", 7000218,
                "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        if (!string.Equals(principal.ClientSecret, clientSecret, StringComparison.Ordinal))
            return Error(context, 401, "invalid_client", 7000215,
                $"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.");

        var resource = Audiences.FromScope(scope);
        if (resource is null)
            return Error(context, 400, "invalid_scope", 1002012,
                $"AADSTS1002012: The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");

        var token = runtime.Tokens.Issue(principal, Audiences.Canonical(resource), $"https://sts.windows.net/{principal.TenantId}/");
        var lifetime = (int)TokenIssuer.Lifetime.TotalSeconds - 1;
        return Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = lifetime,
            ["ext_expires_in"] = lifetime,
            ["access_token"] = token,
        });
    }

    private static bool KnownTenant(string tenant, EmulatorRuntime runtime) =>
        string.Equals(tenant, runtime.State.TenantId, StringComparison.OrdinalIgnoreCase)
        || tenant.Equals("organizations", StringComparison.OrdinalIgnoreCase);

    private static string Authority(HttpContext context, string tenant) =>
        $"{context.Request.Scheme}://{context.Request.Host}/{tenant}";

    private static IResult TenantNotFound(HttpContext context, string tenant) =>
        Error(context, 400, "invalid_tenant", 90002,
            $"AADSTS90002: Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");

    private static IResult Error(HttpContext context, int status, string error, int code, string description)
    {
        var correlation = context.Request.Headers["client-request-id"].ToString();
        return Results.Json(new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"{description}\r\nTrace ID: {context.RequestId()}\r\nCorrelation ID: {correlation}\r\nTimestamp: {DateTime.UtcNow:yyyy-MM-dd HH:mm:ssZ}",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ"),
            ["trace_id"] = context.RequestId(),
            ["correlation_id"] = correlation,
            ["error_uri"] = $"{context.Request.Scheme}://{context.Request.Host}/error?code={code}",
        }, statusCode: status);
    }
}
