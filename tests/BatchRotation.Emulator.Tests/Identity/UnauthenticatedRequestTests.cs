using System.Net;
using System.Text.Json.Nodes;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Identity;

/// <summary>A request without a valid token gets each service's own 401, as recorded from the real services.</summary>
public sealed class UnauthenticatedRequestTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [ReferenceFact]
    public async Task Key_Vault_answers_a_missing_token_exactly_as_recorded_with_its_challenge()
    {
        var recorded = ReferenceData.Load("recordings/error-envelopes.json")["keyvault_dataplane_401_no_token"]!;

        var response = await emulator.Http.GetAsync("keyvault/anyvault/certificates/anycert?api-version=7.5");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(JsonNode.DeepEquals(recorded["body"], JsonNode.Parse(await response.Content.ReadAsStringAsync())));
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Equal($"Bearer authorization=\"{emulator.Endpoint}{emulator.Environment.TenantId}\", resource=\"https://vault.azure.net\"", challenge);
        Assert.True(response.Headers.Contains("x-ms-request-id"));
    }

    [Fact]
    public async Task Resource_Manager_answers_a_missing_token_with_AuthenticationFailed()
    {
        var response = await emulator.Http.GetAsync($"subscriptions/{emulator.Environment.SubscriptionId}/resourcegroups?api-version=2021-04-01");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("AuthenticationFailed", (string?)body["error"]!["code"]);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        Assert.True(response.Headers.Contains("x-ms-correlation-request-id"));
    }

    [Fact]
    public async Task Resource_Manager_refuses_a_forged_token()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"subscriptions/{emulator.Environment.SubscriptionId}?api-version=2022-09-01");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4In0.c2lnbmF0dXJl");

        var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var vaultToken = await emulator.Credential.GetTokenAsync(new Azure.Core.TokenRequestContext(["https://vault.azure.net/.default"]), default);
        var request = new HttpRequestMessage(HttpMethod.Get, $"subscriptions/{emulator.Environment.SubscriptionId}?api-version=2022-09-01");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + vaultToken.Token);

        var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationTokenAudience", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    [ReferenceFact]
    public async Task Batch_answers_in_its_OData_error_shape_with_its_exact_content_type()
    {
        var recorded = ReferenceData.Load("recordings/error-envelopes.json")["batch_dataplane_400_invalid_header"]!["body"]!;

        var response = await emulator.Http.GetAsync("batch/anyaccount/pools/p/nodes?api-version=2025-06-01.21.0");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var contentType = response.Content.Headers.ContentType!;
        Assert.Equal("application/json", contentType.MediaType);
        Assert.Equal("odata=minimalmetadata", Assert.Single(contentType.Parameters).ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        JsonShape.AssertCovers(recorded, body);
        Assert.Equal("AuthenticationFailed", (string?)body["code"]);
        Assert.Contains($"RequestId:{response.Headers.GetValues("request-id").Single()}", (string?)body["message"]!["value"]);
    }
}
