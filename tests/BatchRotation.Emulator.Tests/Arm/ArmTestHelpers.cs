using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Arm;

/// <summary>Raw ARM calls and error assertions for the ARM tests.</summary>
public static class ArmTestHelpers
{
    public static Task<Response> ArmAsync(this EmulatorFixture fixture, RequestMethod method, string path, string apiVersion, JsonNode? body = null, HttpPipeline? pipeline = null, string? query = null, IDictionary<string, string>? headers = null) =>
        (pipeline ?? fixture.ArmPipeline()).SendAsync(method, fixture.ArmUri(path, apiVersion, query), body, headers);

    /// <summary>Sends a body exactly as given (for malformed JSON).</summary>
    public static async Task<Response> ArmRawAsync(this EmulatorFixture fixture, RequestMethod method, string path, string apiVersion, string body)
    {
        var pipeline = fixture.ArmPipeline();
        using var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(fixture.ArmUri(path, apiVersion));
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(System.Text.Encoding.UTF8.GetBytes(body));
        message.BufferResponse = true;
        await pipeline.SendAsync(message, default);
        return message.Response;
    }

    /// <summary>Asserts ARM's error envelope: status, code, and (optionally) the exact message or a part of it.</summary>
    public static JsonObject AssertArmError(this Response response, int status, string code, string? messageContains = null)
    {
        var body = response.Json();
        Assert.True(status == response.Status, $"Expected {status} {code}, got {response.Status}: {response.Content}");
        Assert.NotNull(body);
        var error = body!["error"]?.AsObject();
        Assert.NotNull(error);
        Assert.Equal(code, (string?)error!["code"]);
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
        if (messageContains is not null) Assert.Contains(messageContains, (string)error["message"]!);
        Assert.Single(body.AsObject());
        return error;
    }

    public static JsonNode AssertStatus(this Response response, int status)
    {
        Assert.True(status == response.Status, $"Expected {status}, got {response.Status}: {response.Content}");
        return response.Json() ?? new JsonObject();
    }

    public static string Header(this Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value! : throw new Xunit.Sdk.XunitException($"The response has no {name} header.");

    /// <summary>Follows nextLink to the end; returns every item and the number of pages.</summary>
    public static async Task<(List<JsonNode> Items, int Pages)> ListAllAsync(this EmulatorFixture fixture, Uri first, HttpPipeline? pipeline = null)
    {
        pipeline ??= fixture.ArmPipeline();
        var items = new List<JsonNode>();
        var pages = 0;
        Uri? next = first;
        while (next is not null)
        {
            var response = await pipeline.SendAsync(RequestMethod.Get, next);
            var page = response.AssertStatus(200);
            pages++;
            items.AddRange(page["value"]!.AsArray().Select(i => i!.DeepClone()));
            next = (string?)page["nextLink"] is { } link ? new Uri(link) : null;
            Assert.True(pages < 1000, "nextLink never ended.");
        }
        return (items, pages);
    }

    public static Task SetArmSettingsAsync(this EmulatorFixture fixture, JsonObject settings) =>
        fixture.ControlAsync(HttpMethod.Post, "arm", settings).ContinueWith(t => t.Result.EnsureSuccessStatusCode());

    /// <summary>A pipeline signed in as a new principal that has no role (or the roles then assigned to it).</summary>
    public static async Task<(SeededPrincipal Principal, HttpPipeline Pipeline)> PrincipalPipelineAsync(this EmulatorFixture fixture, string name = "test principal")
    {
        var principal = await fixture.CreatePrincipalAsync(name);
        return (principal, fixture.ArmPipeline(principal.Credential));
    }
}
