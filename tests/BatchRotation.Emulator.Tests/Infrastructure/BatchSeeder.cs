using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BatchRotation.Emulator.Tests.Infrastructure;

/// <summary>A Batch request that did not answer as expected.</summary>
public sealed class BatchSeedException(string message, int status, JsonNode? body) : Exception(message)
{
    public int Status { get; } = status;
    public JsonNode? Body { get; } = body;
}

/// <summary>
/// Seeds Batch state through the emulator's real APIs: accounts (PUT, then the long-running operation
/// polled after moving simulated time on), pools (PUT), nodes (waited for by advancing the simulated clock
/// and reading the data plane), and the control surface for what Azure has no API for (failing a node,
/// running tasks, the certificates a node holds).
/// </summary>
public static class BatchSeeder
{
    public const string ApiVersion = "2025-06-01";
    public const string DataApiVersion = "2025-06-01.21.0";
    public const string DefaultVmSize = "Standard_D2s_v3";

    /// <summary>Node states after which a node no longer changes by itself.</summary>
    public static readonly string[] SettledStates = ["idle", "unusable", "starttaskfailed", "offline", "running"];

    public static string AccountId(this EmulatorFixture fixture, string resourceGroup, string account) =>
        $"{fixture.ResourceGroupId(resourceGroup)}/providers/Microsoft.Batch/batchAccounts/{account}";

    public static string PoolId(this EmulatorFixture fixture, string resourceGroup, string account, string pool) =>
        fixture.AccountId(resourceGroup, account) + "/pools/" + pool;

    /// <summary>Moves simulated time on.</summary>
    public static async Task AdvanceAsync(this EmulatorFixture fixture, double seconds)
    {
        var response = await fixture.ControlAsync(HttpMethod.Post, "clock", new JsonObject { ["advanceSeconds"] = seconds });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Creates a Batch account: PUT (202), then moves the clock past Retry-After and follows the Location
    /// until 200. Returns the account as the operation's final GET returned it.
    /// </summary>
    public static async Task<JsonNode> CreateAccountAsync(this EmulatorFixture fixture, string resourceGroup, string account, JsonObject? body = null, HttpPipeline? pipeline = null, string apiVersion = ApiVersion)
    {
        pipeline ??= fixture.ArmPipeline();
        var put = await pipeline.SendAsync(RequestMethod.Put, fixture.ArmUri(fixture.AccountId(resourceGroup, account), apiVersion), body ?? new JsonObject { ["location"] = ArmSeeder.DefaultLocation });
        if (put.Status != 202) throw new BatchSeedException($"PUT account {account} answered {put.Status}: {put.Content}", put.Status, SafeJson(put));
        var location = new Uri(put.Headers.TryGetValue("Location", out var value) ? value! : throw new BatchSeedException("No Location header.", put.Status, null));
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await fixture.AdvanceAsync(15);
            var poll = await pipeline.SendAsync(RequestMethod.Get, location);
            if (poll.Status == 200) return poll.Json()!;
            if (poll.Status != 202) throw new BatchSeedException($"GET {location} answered {poll.Status}: {poll.Content}", poll.Status, SafeJson(poll));
        }
        throw new BatchSeedException($"The account {account} was not created.", 0, null);
    }

    /// <summary>A pool body: Ubuntu 24.04, fixed scale, optional user-assigned identities and extensions.</summary>
    public static JsonObject PoolBody(int dedicated = 1, int lowPriority = 0, IEnumerable<string>? identityIds = null, IEnumerable<JsonObject>? extensions = null, string vmSize = DefaultVmSize)
    {
        var vm = new JsonObject
        {
            ["imageReference"] = new JsonObject { ["publisher"] = "canonical", ["offer"] = "ubuntu-24_04-lts", ["sku"] = "server" },
            ["nodeAgentSkuId"] = "batch.node.ubuntu 24.04",
        };
        if (extensions is not null) vm["extensions"] = new JsonArray(extensions.Select(e => (JsonNode)e).ToArray());
        var body = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["vmSize"] = vmSize,
                ["deploymentConfiguration"] = new JsonObject { ["virtualMachineConfiguration"] = vm },
                ["scaleSettings"] = new JsonObject
                {
                    ["fixedScale"] = new JsonObject { ["targetDedicatedNodes"] = dedicated, ["targetLowPriorityNodes"] = lowPriority },
                },
            },
        };
        if (identityIds?.ToList() is { Count: > 0 } ids)
        {
            var map = new JsonObject();
            foreach (var id in ids) map[id] = new JsonObject();
            body["identity"] = new JsonObject { ["type"] = "UserAssigned", ["userAssignedIdentities"] = map };
        }
        return body;
    }

    /// <summary>A Key Vault VM extension entry with the given settings (any JSON: an object, or a string to model double encoding).</summary>
    public static JsonObject KeyVaultExtension(JsonNode? settings, string type = "KeyVaultForLinux", string typeHandlerVersion = "3.0", string name = "KVExtension") => new()
    {
        ["name"] = name,
        ["publisher"] = "Microsoft.Azure.KeyVault",
        ["type"] = type,
        ["typeHandlerVersion"] = typeHandlerVersion,
        ["autoUpgradeMinorVersion"] = true,
        ["enableAutomaticUpgrade"] = true,
        ["settings"] = settings,
    };

    /// <summary>
    /// Settings of the Key Vault extension as the Batch article builds them: observed URLs (strings for
    /// Linux 1.0/2.0 and Windows 1.0, objects otherwise), polling as a string, and authenticationSettings
    /// with the identity's client id (omitted when <paramref name="msiClientId"/> is null).
    /// </summary>
    public static JsonObject KeyVaultSettings(IEnumerable<string> urls, string? msiClientId, bool requireInitialSync = false, string pollingIntervalInS = "3600", bool objects = true)
    {
        var observed = new JsonArray(urls.Select(u => objects
            ? (JsonNode)new JsonObject { ["url"] = u, ["certificateStoreLocation"] = "/var/lib/waagent/Microsoft.Azure.KeyVault.Store" }
            : u).ToArray());
        var settings = new JsonObject
        {
            ["secretsManagementSettings"] = new JsonObject
            {
                ["pollingIntervalInS"] = pollingIntervalInS,
                ["requireInitialSync"] = requireInitialSync,
                ["observedCertificates"] = observed,
            },
        };
        if (msiClientId is not null)
        {
            settings["authenticationSettings"] = new JsonObject { ["msiEndpoint"] = "http://169.254.169.254/metadata/identity", ["msiClientId"] = msiClientId };
        }
        return settings;
    }

    /// <summary>PUT of a pool; returns the raw response (any status).</summary>
    public static Task<Response> PutPoolAsync(this EmulatorFixture fixture, string resourceGroup, string account, string pool, JsonObject body, IDictionary<string, string>? headers = null, HttpPipeline? pipeline = null, string apiVersion = ApiVersion) =>
        (pipeline ?? fixture.ArmPipeline()).SendAsync(RequestMethod.Put, fixture.ArmUri(fixture.PoolId(resourceGroup, account, pool), apiVersion), body, headers);

    /// <summary>Creates a pool from a JSON body; returns the pool ARM returned.</summary>
    public static async Task<JsonNode> CreatePoolAsync(this EmulatorFixture fixture, string resourceGroup, string account, string pool, JsonObject body, HttpPipeline? pipeline = null, string apiVersion = ApiVersion)
    {
        var response = await fixture.PutPoolAsync(resourceGroup, account, pool, body, pipeline: pipeline, apiVersion: apiVersion);
        if (response.Status != 200) throw new BatchSeedException($"PUT pool {pool} answered {response.Status}: {response.Content}", response.Status, SafeJson(response));
        return response.Json()!;
    }

    /// <summary>A data-plane URI under the account's endpoint (<c>properties.accountEndpoint</c>).</summary>
    public static Uri DataUri(this EmulatorFixture fixture, string account, string path, string? extraQuery = null, string apiVersion = DataApiVersion) =>
        new(fixture.Endpoint, $"batch/{account}/{path.TrimStart('/')}?api-version={apiVersion}{(extraQuery is null ? "" : "&" + extraQuery)}");

    /// <summary>The nodes of a pool from the data plane (first page).</summary>
    public static async Task<JsonArray> ListNodesAsync(this EmulatorFixture fixture, string account, string pool, HttpPipeline? pipeline = null)
    {
        var response = await (pipeline ?? fixture.BatchPipeline()).SendAsync(RequestMethod.Get, fixture.DataUri(account, $"pools/{pool}/nodes"));
        if (response.Status != 200) throw new BatchSeedException($"GET nodes of {pool} answered {response.Status}: {response.Content}", response.Status, SafeJson(response));
        return (JsonArray)response.Json()!["value"]!;
    }

    /// <summary>The extensions of a node from the data plane.</summary>
    public static async Task<JsonArray> NodeExtensionsAsync(this EmulatorFixture fixture, string account, string pool, string node)
    {
        var response = await fixture.BatchPipeline().SendAsync(RequestMethod.Get, fixture.DataUri(account, $"pools/{pool}/nodes/{node}/extensions"));
        if (response.Status != 200) throw new BatchSeedException($"GET extensions of {node} answered {response.Status}: {response.Content}", response.Status, SafeJson(response));
        return (JsonArray)response.Json()!["value"]!;
    }

    /// <summary>
    /// Moves the clock on in steps until the pool has <paramref name="count"/> nodes, all settled (idle,
    /// unusable, …); returns them. Throws when that does not happen within <paramref name="maxSeconds"/>.
    /// </summary>
    public static async Task<JsonArray> WaitForNodesAsync(this EmulatorFixture fixture, string account, string pool, int count, double maxSeconds = 7200, double stepSeconds = 30)
    {
        JsonArray nodes = [];
        for (double waited = 0; waited <= maxSeconds; waited += stepSeconds)
        {
            nodes = await fixture.ListNodesAsync(account, pool);
            if (nodes.Count == count && nodes.All(n => SettledStates.Contains((string?)n!["state"]))) return nodes;
            await fixture.AdvanceAsync(stepSeconds);
        }
        throw new BatchSeedException($"Pool {pool} did not settle at {count} nodes within {maxSeconds} s: {nodes.ToJsonString()}", 0, nodes);
    }

    /// <summary>Control surface: makes a node fail (<c>unusable</c>, <c>startTaskFailed</c> or <c>offline</c>).</summary>
    public static async Task<JsonNode> FailNodeAsync(this EmulatorFixture fixture, string account, string pool, string node, string state = "unusable", string? message = null)
    {
        var body = new JsonObject { ["state"] = state };
        if (message is not null) body["message"] = message;
        return await ControlJsonAsync(fixture, HttpMethod.Post, $"batch/{account}/pools/{pool}/nodes/{node}/fail", body);
    }

    /// <summary>Control surface: sets how many tasks run on a node.</summary>
    public static Task<JsonNode> SetRunningTasksAsync(this EmulatorFixture fixture, string account, string pool, string node, int runningTasks) =>
        ControlJsonAsync(fixture, HttpMethod.Post, $"batch/{account}/pools/{pool}/nodes/{node}/tasks", new JsonObject { ["runningTasks"] = runningTasks });

    /// <summary>Control surface: what each Key Vault extension on a node holds, per observed URL.</summary>
    public static Task<JsonNode> NodeCertificatesAsync(this EmulatorFixture fixture, string account, string pool, string node) =>
        ControlJsonAsync(fixture, HttpMethod.Get, $"batch/{account}/pools/{pool}/nodes/{node}/certificates", null);

    private static async Task<JsonNode> ControlJsonAsync(EmulatorFixture fixture, HttpMethod method, string path, JsonNode? body)
    {
        var response = await fixture.ControlAsync(method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new BatchSeedException($"{method} /_emulator/{path} answered {(int)response.StatusCode}: {text}", (int)response.StatusCode, null);
        return JsonNode.Parse(text)!;
    }

    private static JsonNode? SafeJson(Response response)
    {
        try { return response.Json(); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
