using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Identity;

public sealed class SignInTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task ClientSecretCredential_signs_in_and_the_token_names_the_principal()
    {
        var token = await emulator.Credential.GetTokenAsync(new TokenRequestContext(["https://management.azure.com/.default"]), default);

        var payload = JwtPayload(token.Token);
        Assert.Equal(emulator.Environment.PrincipalId, (string?)payload["oid"]);
        Assert.Equal(emulator.Environment.TenantId, (string?)payload["tid"]);
        Assert.Equal(emulator.Environment.ClientId, (string?)payload["appid"]);
        Assert.Equal("https://management.azure.com/", (string?)payload["aud"]);
        Assert.True(token.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(50));
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_Entras_error()
    {
        var credential = emulator.CredentialFor(emulator.Environment.ClientId, "not-the-secret");

        var failure = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            credential.GetTokenAsync(new TokenRequestContext(["https://vault.azure.net/.default"]), default).AsTask());

        Assert.Contains("AADSTS7000215", failure.ToString());
        Assert.DoesNotContain("not-the-secret", failure.ToString());
    }

    [Fact]
    public async Task Discovery_documents_point_at_the_emulator()
    {
        var response = await emulator.Http.GetAsync($"{emulator.Environment.TenantId}/v2.0/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal($"{emulator.Endpoint}{emulator.Environment.TenantId}/oauth2/v2.0/token", (string?)document["token_endpoint"]);

        var keys = JsonNode.Parse(await emulator.Http.GetStringAsync((string)document["jwks_uri"]!))!;
        Assert.Equal("RSA", (string?)keys["keys"]![0]!["kty"]);
    }

    [Fact]
    public async Task An_unknown_tenant_is_refused()
    {
        var response = await emulator.Http.PostAsync($"{Guid.NewGuid()}/oauth2/v2.0/token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_tenant", (string?)body["error"]);
        Assert.Equal(90002, (int)body["error_codes"]![0]!);
    }

    internal static JsonObject JwtPayload(string token)
    {
        var part = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part += (part.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return (JsonObject)JsonNode.Parse(Convert.FromBase64String(part))!;
    }
}
