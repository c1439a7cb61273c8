using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;

namespace BatchRotation.Emulator.Tests.Infrastructure;

/// <summary>The emulator's own controls: journal, simulated clock, fault injection, extra principals, reset.</summary>
public sealed class ControlSurfaceTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private Uri SubscriptionUri => new(emulator.Endpoint, $"subscriptions/{emulator.Environment.SubscriptionId}?api-version=2022-09-01");

    [Fact]
    public async Task The_journal_records_each_Azure_request_with_its_status_principal_and_request_id()
    {
        var mark = (await emulator.JournalAsync()).Count;
        var response = await emulator.ArmPipeline().SendAsync(RequestMethod.Get, SubscriptionUri);

        var entry = (await emulator.JournalAsync()).Skip(mark).Last(e => (string?)e!["service"] == "arm")!;
        Assert.Equal("GET", (string?)entry["method"]);
        Assert.Equal(SubscriptionUri.PathAndQuery, (string?)entry["url"]);
        Assert.Equal(response.Status, (int)entry["status"]!);
        Assert.Equal(emulator.Environment.PrincipalId, (string?)entry["principalId"]);
        Assert.Equal(response.Headers.RequestId, (string?)entry["requestId"]);
    }

    [Fact]
    public async Task The_clock_advances_and_speeds_up_on_request()
    {
        var before = DateTimeOffset.Parse((string)JsonNode.Parse(await (await emulator.ControlAsync(HttpMethod.Get, "clock")).Content.ReadAsStringAsync())!["now"]!);

        var advanced = JsonNode.Parse(await (await emulator.ControlAsync(HttpMethod.Post, "clock", new JsonObject { ["advanceSeconds"] = 86400 })).Content.ReadAsStringAsync())!;

        Assert.True(DateTimeOffset.Parse((string)advanced["now"]!) - before >= TimeSpan.FromDays(1));
        var refused = await emulator.ControlAsync(HttpMethod.Post, "clock", new JsonObject { ["scale"] = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Injected_throttling_answers_429_with_Retry_After_and_a_retrying_client_gets_through()
    {
        try
        {
            await emulator.ControlAsync(HttpMethod.Post, "faults", new JsonObject { ["service"] = "arm", ["throttleNext"] = 2, ["retryAfterSeconds"] = 1 });
            var mark = (await emulator.JournalAsync()).Count;

            var response = await emulator.ArmPipeline().SendAsync(RequestMethod.Get, SubscriptionUri);

            Assert.Equal(200, response.Status);
            var statuses = (await emulator.JournalAsync()).Skip(mark).Where(e => (string?)e!["service"] == "arm").Select(e => (int)e!["status"]!).ToList();
            Assert.Equal([429, 429, 200], statuses);
        }
        finally
        {
            await emulator.ControlAsync(HttpMethod.Post, "faults", new JsonObject());
        }
    }

    [Fact]
    public async Task Injected_throttling_uses_the_services_own_envelope()
    {
        try
        {
            await emulator.ControlAsync(HttpMethod.Post, "faults", new JsonObject { ["service"] = "arm", ["throttleNext"] = 1, ["retryAfterSeconds"] = 7 });

            var response = await emulator.Pipeline(emulator.Environment.ResourceManagerAudience, maxRetries: 0).SendAsync(RequestMethod.Get, SubscriptionUri);

            Assert.Equal(429, response.Status);
            Assert.True(response.Headers.TryGetValue("Retry-After", out var retryAfter));
            Assert.Equal("7", retryAfter);
            Assert.Equal("SubscriptionRequestsThrottled", (string?)response.Json()!["error"]!["code"]);
        }
        finally
        {
            await emulator.ControlAsync(HttpMethod.Post, "faults", new JsonObject());
        }
    }

    [Fact]
    public async Task Injected_server_errors_and_dropped_connections_are_retried_by_Azure_Core()
    {
        try
        {
            await emulator.ControlAsync(HttpMethod.Post, "faults", new JsonObject { ["service"] = "arm", ["serverErrorNext"] = 1, ["dropNext"] = 1 });
            var mark = (await emulator.JournalAsync()).Count;

            var response = await emulator.ArmPipeline().SendAsync(RequestMethod.Get, SubscriptionUri);

            Assert.Equal(200, response.Status);
            var statuses = (await emulator.JournalAsync()).Skip(mark).Where(e => (string?)e!["service"] == "arm").Select(e => (int)e!["status"]!).ToList();
            Assert.Equal([0, 500, 200], statuses);
        }
        finally
        {
            await emulator.ControlAsync(HttpMethod.Post, "faults", new JsonObject());
        }
    }

    [Fact]
    public async Task Fault_settings_are_validated()
    {
        var response = await emulator.ControlAsync(HttpMethod.Post, "faults", new JsonObject { ["service"] = "arm", ["throttleRate"] = 0.8, ["dropRate"] = 0.5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var unknown = await emulator.ControlAsync(HttpMethod.Post, "faults", new JsonObject { ["service"] = "storage", ["latencyMs"] = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task A_further_principal_signs_in_and_holds_no_role()
    {
        var created = JsonNode.Parse(await (await emulator.ControlAsync(HttpMethod.Post, "principals", new JsonObject { ["displayName"] = "reader-to-be" })).Content.ReadAsStringAsync())!;
        var credential = emulator.CredentialFor((string)created["clientId"]!, (string)created["clientSecret"]!);

        var resourceGroup = ArmSeeder.UniqueName("rg");
        await emulator.CreateResourceGroupAsync(resourceGroup);

        var response = await emulator.ArmPipeline(credential).SendAsync(RequestMethod.Get,
            emulator.ArmUri(emulator.ResourceGroupId(resourceGroup), ArmSeeder.ResourcesApiVersion));

        Assert.Equal(403, response.Status);
        Assert.Equal("AuthorizationFailed", (string?)response.Json()!["error"]!["code"]);
    }
}
