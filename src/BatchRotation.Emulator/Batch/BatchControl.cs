using System.Text.Json.Nodes;
using BatchRotation.Emulator.Control;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Batch;

/// <summary>
/// The control surface for what Azure has no API for: fail a node, set its running tasks, and read what
/// each node's Key Vault extension holds (the real one writes files on the node).
/// </summary>
public static class BatchControl
{
    public static void Map(WebApplication app)
    {
        var nodes = app.MapGroup("/_emulator/batch/{accountName}/pools/{poolName}/nodes");
        nodes.MapGet("/", ListNodes);
        nodes.MapPost("/{nodeId}/fail", Fail);
        nodes.MapPost("/{nodeId}/tasks", SetTasks);
        nodes.MapGet("/{nodeId}/certificates", Certificates);
    }

    private static (PoolSimulation? Pool, NodeSimulation? Node, IResult? Error) Find(EmulatorRuntime runtime, string accountName, string poolName, string? nodeId)
    {
        var state = runtime.State;
        var account = state.FindByName(BatchHttp.BatchAccountType, accountName);
        if (account is null) return (null, null, NotFound($"There is no Batch account named '{accountName}'."));
        if (!state.Batch.Pools.TryGetValue(account.Id + "/pools/" + poolName, out var pool))
            return (null, null, NotFound($"There is no pool '{poolName}' in account '{accountName}'."));
        if (nodeId is null) return (pool, null, null);
        var node = pool.Nodes.FirstOrDefault(n => n.Id.Equals(nodeId, StringComparison.OrdinalIgnoreCase));
        return node is null ? (pool, null, NotFound($"There is no node '{nodeId}' in pool '{poolName}'.")) : (pool, node, null);
    }

    private static IResult ListNodes(EmulatorRuntime runtime, string accountName, string poolName)
    {
        lock (runtime.State.Sync)
        {
            BatchSimulation.Sync(runtime);
            var (pool, _, error) = Find(runtime, accountName, poolName, null);
            if (error is not null) return error;
            return Results.Json(new JsonObject
            {
                ["nodes"] = new JsonArray(pool!.Nodes.Select(n => (JsonNode)new JsonObject
                {
                    ["id"] = n.Id,
                    ["state"] = n.State,
                    ["isDedicated"] = n.IsDedicated,
                    ["identities"] = new JsonArray(n.Identities.Select(i => (JsonNode)i.ResourceId).ToArray()),
                }).ToArray()),
                ["pendingIdentities"] = pool.PendingIdentities is null ? null : new JsonArray(pool.PendingIdentities.Select(i => (JsonNode)i.ResourceId).ToArray()),
            });
        }
    }

    private static async Task<IResult> Fail(HttpContext context, EmulatorRuntime runtime, string accountName, string poolName, string nodeId)
    {
        var body = await ControlEndpoints.ReadObjectAsync(context);
        if (body is null) return ControlEndpoints.BadRequest("Send a JSON object {state?: \"unusable\"|\"startTaskFailed\"|\"offline\", message?}.");
        var requested = BatchHttp.String(body["state"]) ?? "unusable";
        var state = requested.ToLowerInvariant() switch
        {
            "unusable" => "unusable",
            "starttaskfailed" => "starttaskfailed",
            "offline" => "offline",
            _ => null,
        };
        if (state is null) return ControlEndpoints.BadRequest("state must be unusable, startTaskFailed or offline.");
        lock (runtime.State.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            var (_, node, error) = Find(runtime, accountName, poolName, nodeId);
            if (error is not null) return error;
            if (node!.LeavesAt is not null) return ControlEndpoints.BadRequest("The node is leaving the pool.");
            node.State = state;
            node.StateForced = true;
            node.StateTransitionTime = now;
            node.ReadyAt ??= now;
            if (state == "unusable")
            {
                node.Errors.Add(new NodeErrorRecord
                {
                    Code = "NodeFailure",
                    Message = BatchHttp.String(body["message"]) ?? "The node became unusable.",
                });
            }
            return Results.Json(new JsonObject { ["id"] = node.Id, ["state"] = node.State, ["stateTransitionTime"] = BatchHttp.Time(now) });
        }
    }

    private static async Task<IResult> SetTasks(HttpContext context, EmulatorRuntime runtime, string accountName, string poolName, string nodeId)
    {
        var body = await ControlEndpoints.ReadObjectAsync(context);
        if (body is null || BatchHttp.Int(body["runningTasks"]) is not { } running || running < 0)
            return ControlEndpoints.BadRequest("Send a JSON object {runningTasks: <non-negative integer>}.");
        lock (runtime.State.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            var (_, node, error) = Find(runtime, accountName, poolName, nodeId);
            if (error is not null) return error;
            if (node!.State is not ("idle" or "running")) return ControlEndpoints.BadRequest($"Only an idle or running node runs tasks; this one is {node.State}.");
            node.TotalTasksRun += Math.Max(0, running - node.RunningTasksCount);
            node.RunningTasksCount = running;
            var newState = running > 0 ? "running" : "idle";
            if (node.State != newState)
            {
                node.State = newState;
                node.StateTransitionTime = now;
            }
            return Results.Json(new JsonObject { ["id"] = node.Id, ["state"] = node.State, ["runningTasksCount"] = running });
        }
    }

    private static IResult Certificates(EmulatorRuntime runtime, string accountName, string poolName, string nodeId)
    {
        lock (runtime.State.Sync)
        {
            BatchSimulation.Sync(runtime);
            var (_, node, error) = Find(runtime, accountName, poolName, nodeId);
            if (error is not null) return error;
            return Results.Json(new JsonObject
            {
                ["nodeId"] = node!.Id,
                ["state"] = node.State,
                ["extensions"] = new JsonArray(node.Extensions.Where(e => KeyVaultExtensionSettings.IsKeyVaultExtension(e.Configuration)).Select(e => (JsonNode)new JsonObject
                {
                    ["name"] = e.Name,
                    ["provisioningState"] = e.ProvisioningState,
                    ["nextPollAt"] = e.Started && e.NextRunAt is { } next ? BatchHttp.Time(next) : null,
                    ["certificates"] = new JsonArray(e.Certificates.Select(c => (JsonNode)new JsonObject
                    {
                        ["url"] = c.Url,
                        ["vaultName"] = c.VaultName,
                        ["secretName"] = c.SecretName,
                        ["version"] = c.Version,
                        ["thumbprint"] = c.Thumbprint,
                        ["notBefore"] = c.NotBefore is { } nbf ? BatchHttp.Time(nbf) : null,
                        ["notAfter"] = c.NotAfter is { } exp ? BatchHttp.Time(exp) : null,
                        ["downloadedAt"] = c.DownloadedAt is { } downloaded ? BatchHttp.Time(downloaded) : null,
                        ["lastPolledAt"] = c.LastPolledAt is { } polled ? BatchHttp.Time(polled) : null,
                        ["lastStatus"] = c.LastStatus,
                        ["lastError"] = c.LastError,
                        ["history"] = new JsonArray(c.History.Select(h => (JsonNode)h).ToArray()),
                    }).ToArray()),
                }).ToArray()),
            });
        }
    }

    private static IResult NotFound(string message) => Results.Json(new JsonObject { ["error"] = message }, statusCode: 404);
}
