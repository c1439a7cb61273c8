using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Infrastructure;

namespace BatchRotation.Emulator.Identity;

/// <summary>
/// Bearer-token authentication for ARM, Key Vault and the Batch data plane, answering each service's
/// own 401 when the token is missing, invalid, expired or for another audience.
/// </summary>
public static class ServiceAuthentication
{
    /// <summary>Authenticates the request; on failure writes the 401 and returns false.</summary>
    public static async Task<bool> AuthenticateAsync(HttpContext context, ServiceKind service, EmulatorRuntime runtime)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await RejectAsync(context, service, runtime, Rejection.Missing);
            return false;
        }

        var validation = runtime.Tokens.Validate(header["Bearer ".Length..].Trim());
        if (validation.Caller is not { } caller)
        {
            await RejectAsync(context, service, runtime, validation.Expired ? Rejection.Expired : Rejection.Invalid);
            return false;
        }
        if (!Audiences.Accepts(service, caller.Audience))
        {
            await RejectAsync(context, service, runtime, Rejection.WrongAudience, caller.Audience);
            return false;
        }
        lock (runtime.State.Sync)
        {
            if (!runtime.State.Principals.ContainsKey(caller.PrincipalId))
            {
                // The principal was deleted (reset) after the token was issued.
                caller = caller with { PrincipalId = "" };
            }
        }
        if (caller.PrincipalId.Length == 0)
        {
            await RejectAsync(context, service, runtime, Rejection.Invalid);
            return false;
        }
        context.SetCaller(caller);
        return true;
    }

    private enum Rejection
    {
        Missing,
        Invalid,
        Expired,
        WrongAudience,
    }

    private static Task RejectAsync(HttpContext context, ServiceKind service, EmulatorRuntime runtime, Rejection rejection, string? audience = null)
    {
        var authority = $"{runtime.Endpoint.GetLeftPart(UriPartial.Authority)}/{runtime.State.TenantId}";
        switch (service)
        {
            case ServiceKind.Arm:
                context.Response.Headers.WWWAuthenticate = rejection == Rejection.Missing
                    ? $"Bearer authorization_uri=\"{authority}\", error=\"invalid_token\", error_description=\"The authentication failed because of missing 'Authorization' header.\""
                    : $"Bearer authorization_uri=\"{authority}\", error=\"invalid_token\", error_description=\"The access token is invalid.\"";
                return rejection switch
                {
                    Rejection.Missing => ArmErrors.WriteAsync(context, 401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."),
                    Rejection.Expired => ArmErrors.WriteAsync(context, 401, "ExpiredAuthenticationToken", "The access token expiry UTC time is earlier than current UTC time."),
                    Rejection.WrongAudience => ArmErrors.WriteAsync(context, 401, "InvalidAuthenticationTokenAudience",
                        $"The access token has been obtained for wrong audience or resource '{audience}'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'."),
                    _ => ArmErrors.WriteAsync(context, 401, "InvalidAuthenticationToken", "The access token is invalid."),
                };
            case ServiceKind.KeyVault:
                context.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"{authority}\", resource=\"{Audiences.KeyVault}\"";
                return (rejection switch
                {
                    Rejection.Missing => KeyVaultErrors.Result(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."),
                    Rejection.Expired => KeyVaultErrors.Result(401, "Unauthorized", "AKV10022: Invalid audience or token expired.", "TokenExpired"),
                    Rejection.WrongAudience => KeyVaultErrors.Result(401, "Unauthorized", $"AKV10022: Invalid audience. Expected {Audiences.KeyVault}, found: {audience}."),
                    _ => KeyVaultErrors.Result(401, "Unauthorized", "AKV10032: Invalid issuer or token signature."),
                }).ExecuteAsync(context);
            case ServiceKind.Batch:
                var detail = rejection switch
                {
                    Rejection.Missing => "The authorization header is missing.",
                    Rejection.Expired => "The access token has expired.",
                    Rejection.WrongAudience => $"The audience '{audience}' is invalid. The audience must be '{Audiences.Batch}'.",
                    _ => "The access token is invalid.",
                };
                return BatchErrors.Result(context, 401, "AuthenticationFailed",
                    "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.",
                    ("AuthenticationErrorDetail", detail)).ExecuteAsync(context);
            default:
                context.Response.StatusCode = 401;
                return Task.CompletedTask;
        }
    }
}
