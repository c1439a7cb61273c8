using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchRotation.Emulator.Identity;

/// <summary>
/// Issues and validates RS256 JSON Web Tokens the way Entra ID does for the client-credentials flow.
/// Lifetimes use real time: Azure.Identity caches tokens by the wall clock.
/// </summary>
public sealed class TokenIssuer : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly RSA _key = RSA.Create(2048);

    public TokenIssuer()
    {
        KeyId = Base64Url(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()))[..16];
    }

    public string KeyId { get; }

    public string Issue(Principal principal, string audience, string issuer)
    {
        var now = DateTimeOffset.UtcNow;
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = KeyId };
        var payload = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = issuer,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = now.Add(Lifetime).ToUnixTimeSeconds(),
            ["appid"] = principal.ClientId,
            ["appidacr"] = principal.Kind == PrincipalKind.ServicePrincipal ? "1" : "2",
            ["idtyp"] = "app",
            ["oid"] = principal.PrincipalId,
            ["sub"] = principal.PrincipalId,
            ["tid"] = principal.TenantId,
            ["ver"] = "1.0",
        };
        if (principal.ManagedIdentityResourceId is { } miResourceId) payload["xms_mirid"] = miResourceId;

        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>Checks signature and lifetime; returns the claims or the reason the token is refused.</summary>
    public TokenValidation Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return TokenValidation.Invalid("The token is not a JWT.");
        byte[] signature;
        JsonObject? payload;
        try
        {
            signature = FromBase64Url(parts[2]);
            payload = JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return TokenValidation.Invalid("The token is malformed.");
        }
        if (payload is null) return TokenValidation.Invalid("The token is malformed.");
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!_key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            return TokenValidation.Invalid("The token signature is invalid.");

        var exp = payload["exp"]?.GetValue<long>() ?? 0;
        if (DateTimeOffset.FromUnixTimeSeconds(exp) <= DateTimeOffset.UtcNow)
            return new TokenValidation(null, "The token is expired.", Expired: true);

        var caller = new Caller(
            (string?)payload["oid"] ?? "",
            (string?)payload["tid"] ?? "",
            (string?)payload["appid"] ?? "",
            (string?)payload["aud"] ?? "");
        return new TokenValidation(caller, null, Expired: false);
    }

    /// <summary>The public key as a JWKS document for OIDC discovery.</summary>
    public JsonObject Jwks()
    {
        var parameters = _key.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = KeyId,
                ["n"] = Base64Url(parameters.Modulus!),
                ["e"] = Base64Url(parameters.Exponent!),
            }),
        };
    }

    public void Dispose() => _key.Dispose();

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(padded);
    }
}

public sealed record TokenValidation(Caller? Caller, string? Failure, bool Expired)
{
    public static TokenValidation Invalid(string reason) => new(null, reason, Expired: false);
}
