using System.Globalization;
using System.Text.Json.Nodes;
using BatchRotation.Emulator.Arm.Authorization;
using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Infrastructure;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Batch;

/// <summary>
/// The Batch service's data plane under <c>/batch/{account}/</c> (the account's <c>accountEndpoint</c>):
/// compute nodes of a pool and their VM extensions, in the shapes of the Nodes_* examples, with the
/// OData envelope, <c>odata.nextLink</c> paging, <c>maxresults</c>, <c>$filter</c> and <c>$select</c>.
/// </summary>
public static class BatchDataPlane
{
    public static readonly string[] ApiVersions = ["2024-02-01.19.0", "2024-07-01.20.0", "2025-06-01.21.0"];

    /// <summary>What Microsoft Entra callers need on the account for any read (Batch's RBAC for the data plane).</summary>
    public const string ReadAction = "Microsoft.Batch/batchAccounts/read";

    public const string NodeAgentVersion = "1.11.36";

    public static void Map(WebApplication app)
    {
        var batch = app.MapGroup("/batch/{accountName}");
        batch.MapGet("/pools/{poolId}/nodes", ListNodes);
        batch.MapGet("/pools/{poolId}/nodes/{nodeId}", GetNode);
        batch.MapGet("/pools/{poolId}/nodes/{nodeId}/extensions", ListExtensions);
        batch.MapGet("/pools/{poolId}/nodes/{nodeId}/extensions/{extensionName}", GetExtension);
    }

    private sealed record Target(ArmResource Account, ArmResource Pool, PoolSimulation Simulation);

    /// <summary>api-version, account, authorization, pool: the service's checks before any node operation.</summary>
    private static (Target? Target, IResult? Error) Resolve(HttpContext context, EmulatorRuntime runtime, string accountName, string poolId)
    {
        var state = runtime.State;
        var apiVersion = context.Request.Query["api-version"].ToString();
        if (apiVersion.Length == 0)
            return (null, BatchErrors.Result(context, 400, "MissingRequiredQueryParameter", "A query parameter that's mandatory for this request is not specified.",
                ("QueryParameterName", "api-version")));
        if (!ApiVersions.Contains(apiVersion, StringComparer.Ordinal))
            return (null, BatchErrors.Result(context, 400, "InvalidQueryParameterValue", "Value for one of the query parameters specified in the request URI is invalid.",
                ("QueryParameterName", "api-version"), ("QueryParameterValue", apiVersion), ("Reason", "The specified api-version is not supported.")));

        var account = state.FindByName(BatchHttp.BatchAccountType, accountName);
        if (account is null)
            return (null, BatchErrors.Result(context, 404, "AccountNotFound", "The specified account does not exist."));
        var caller = context.RequiredCaller();
        if (!AuthorizationEngine.HasAction(state, caller.PrincipalId, account.Id, ReadAction))
            return (null, BatchErrors.Result(context, 403, "Forbidden", "Access is Forbidden"));

        var poolResourceId = account.Id + "/pools/" + poolId;
        var pool = state.Get(poolResourceId);
        if (pool is null || pool.Type != BatchHttp.PoolType || !state.Batch.Pools.TryGetValue(poolResourceId, out var simulation))
            return (null, BatchErrors.Result(context, 404, "PoolNotFound", "The specified pool does not exist."));
        return (new Target(account, pool, simulation), null);
    }

    private static IResult ListNodes(HttpContext context, EmulatorRuntime runtime, string accountName, string poolId)
    {
        lock (runtime.State.Sync)
        {
            BatchSimulation.Sync(runtime);
            var (target, error) = Resolve(context, runtime, accountName, poolId);
            if (error is not null) return error;
            var query = context.Request.Query;
            var maxResults = 1000;
            if (query.ContainsKey("maxresults")
                && (!int.TryParse(query["maxresults"], NumberStyles.None, CultureInfo.InvariantCulture, out maxResults) || maxResults is < 1 or > 1000))
            {
                return OutOfRange(context, "maxresults", query["maxresults"].ToString());
            }
            ODataFilter? filter = null;
            if (query["$filter"].ToString() is { Length: > 0 } filterText)
            {
                try { filter = ODataFilter.Parse(filterText); }
                catch (ODataFilterException e)
                {
                    return BatchErrors.Result(context, 400, "InvalidQueryParameterValue", "Value for one of the query parameters specified in the request URI is invalid.",
                        ("QueryParameterName", "$filter"), ("QueryParameterValue", filterText), ("Reason", e.Message));
                }
            }
            var select = Select(query["$select"].ToString());
            var baseUri = BatchErrors.BaseUri(context);
            var nodes = target!.Simulation.Nodes
                .Select(n => NodeView(baseUri, target, n))
                .Where(v => filter is null || filter.Matches(path => Value(v, path)))
                .ToList();
            var skip = int.TryParse(query["$skiptoken"], NumberStyles.None, CultureInfo.InvariantCulture, out var token) ? token : 0;
            var body = new JsonObject
            {
                ["odata.metadata"] = baseUri + "$metadata#nodes",
                ["value"] = new JsonArray(nodes.Skip(skip).Take(maxResults).Select(v => (JsonNode)Project(v, select)).ToArray()),
            };
            if (skip + maxResults < nodes.Count)
            {
                var next = new List<string> { "api-version=" + Uri.EscapeDataString(query["api-version"].ToString()), "maxresults=" + maxResults };
                if (query["$filter"].ToString() is { Length: > 0 } f) next.Add("$filter=" + Uri.EscapeDataString(f));
                if (query["$select"].ToString() is { Length: > 0 } s) next.Add("$select=" + Uri.EscapeDataString(s));
                next.Add("$skiptoken=" + (skip + maxResults));
                body["odata.nextLink"] = $"{baseUri}pools/{poolId}/nodes?{string.Join("&", next)}";
            }
            return Ok(body);
        }
    }

    private static IResult GetNode(HttpContext context, EmulatorRuntime runtime, string accountName, string poolId, string nodeId)
    {
        lock (runtime.State.Sync)
        {
            BatchSimulation.Sync(runtime);
            var (target, error) = Resolve(context, runtime, accountName, poolId);
            if (error is not null) return error;
            var node = target!.Simulation.Nodes.FirstOrDefault(n => n.Id.Equals(nodeId, StringComparison.OrdinalIgnoreCase));
            if (node is null) return BatchErrors.Result(context, 404, "NodeNotFound", "The specified node does not exist.");
            var baseUri = BatchErrors.BaseUri(context);
            var view = Project(NodeView(baseUri, target, node), Select(context.Request.Query["$select"].ToString()));
            var body = new JsonObject { ["odata.metadata"] = baseUri + "$metadata#nodes/@Element" };
            foreach (var (name, value) in view) body[name] = value?.DeepClone();
            context.Response.Headers.ETag = BatchHttp.NextETagValue(node.StateTransitionTime, null);
            context.Response.Headers.LastModified = BatchHttp.HttpDate(node.StateTransitionTime);
            return Ok(body);
        }
    }

    private static IResult ListExtensions(HttpContext context, EmulatorRuntime runtime, string accountName, string poolId, string nodeId)
    {
        lock (runtime.State.Sync)
        {
            BatchSimulation.Sync(runtime);
            var (target, error) = Resolve(context, runtime, accountName, poolId);
            if (error is not null) return error;
            var node = target!.Simulation.Nodes.FirstOrDefault(n => n.Id.Equals(nodeId, StringComparison.OrdinalIgnoreCase));
            if (node is null) return BatchErrors.Result(context, 404, "NodeNotFound", "The specified node does not exist.");
            var baseUri = BatchErrors.BaseUri(context);
            var select = Select(context.Request.Query["$select"].ToString());
            var body = new JsonObject
            {
                ["odata.metadata"] = baseUri + "$metadata#extensions",
                ["value"] = new JsonArray(node.Extensions.Select(e => (JsonNode)Project(ExtensionView(e), select)).ToArray()),
            };
            return Ok(body);
        }
    }

    private static IResult GetExtension(HttpContext context, EmulatorRuntime runtime, string accountName, string poolId, string nodeId, string extensionName)
    {
        lock (runtime.State.Sync)
        {
            BatchSimulation.Sync(runtime);
            var (target, error) = Resolve(context, runtime, accountName, poolId);
            if (error is not null) return error;
            var node = target!.Simulation.Nodes.FirstOrDefault(n => n.Id.Equals(nodeId, StringComparison.OrdinalIgnoreCase));
            if (node is null) return BatchErrors.Result(context, 404, "NodeNotFound", "The specified node does not exist.");
            var extension = node.Extensions.FirstOrDefault(e => e.Name.Equals(extensionName, StringComparison.OrdinalIgnoreCase));
            if (extension is null) return BatchErrors.Result(context, 404, "NodeExtensionNotFound", "The specified node extension does not exist.");
            var baseUri = BatchErrors.BaseUri(context);
            var body = new JsonObject { ["odata.metadata"] = baseUri + "$metadata#extensions/@Element" };
            foreach (var (name, value) in Project(ExtensionView(extension), Select(context.Request.Query["$select"].ToString()))) body[name] = value?.DeepClone();
            return Ok(body);
        }
    }

    /// <summary>A compute node in the data plane's shape (Nodes_GetNode / Nodes_ListNodes).</summary>
    private static JsonObject NodeView(string baseUri, Target target, NodeSimulation node)
    {
        var properties = target.Pool.Body["properties"] as JsonObject;
        var view = new JsonObject
        {
            ["id"] = node.Id,
            ["url"] = $"{baseUri}pools/{target.Simulation.PoolName}/nodes/{node.Id}",
            ["state"] = node.State,
            ["schedulingState"] = "enabled",
            ["stateTransitionTime"] = BatchHttp.Time(node.StateTransitionTime),
        };
        if (node.State is not ("creating" or "starting") || node.ReadyAt is not null) view["lastBootTime"] = BatchHttp.Time(node.BootedAt);
        view["allocationTime"] = BatchHttp.Time(node.AllocationTime);
        view["ipAddress"] = node.IpAddress;
        view["affinityId"] = "TVM:" + node.Id;
        view["vmSize"] = (BatchHttp.String(properties?["vmSize"]) ?? "").ToLowerInvariant();
        view["totalTasksRun"] = node.TotalTasksRun;
        view["totalTasksSucceeded"] = node.TotalTasksRun;
        view["runningTasksCount"] = node.RunningTasksCount;
        view["runningTaskSlotsCount"] = node.RunningTasksCount;
        view["isDedicated"] = node.IsDedicated;
        if (properties?["startTask"] is JsonObject startTask)
        {
            view["startTask"] = DataPlaneStartTask(startTask);
            if (node.ReadyAt is { } ready && node.State != "unusable")
            {
                var info = new JsonObject { ["state"] = "completed", ["startTime"] = BatchHttp.Time(ready), ["endTime"] = BatchHttp.Time(ready) };
                if (node.State == "starttaskfailed")
                {
                    info["exitCode"] = 1;
                    info["failureInfo"] = new JsonObject
                    {
                        ["category"] = "UserError",
                        ["code"] = "FailureExitCode",
                        ["message"] = "The task exited with an exit code representing a failure",
                    };
                }
                else
                {
                    info["exitCode"] = 0;
                }
                info["retryCount"] = 0;
                view["startTaskInfo"] = info;
            }
        }
        if (node.Errors.Count > 0)
        {
            view["errors"] = new JsonArray(node.Errors.Select(e => (JsonNode)new JsonObject
            {
                ["code"] = e.Code,
                ["message"] = e.Message,
                ["errorDetails"] = new JsonArray(e.ErrorDetails.Select(d => (JsonNode)new JsonObject { ["name"] = d.Name, ["value"] = d.Value }).ToArray()),
            }).ToArray());
        }
        if (node.ReadyAt is not null || node.State is not ("creating" or "starting"))
        {
            view["nodeAgentInfo"] = new JsonObject { ["version"] = NodeAgentVersion, ["lastUpdateTime"] = BatchHttp.Time(node.BootedAt) };
        }
        var image = properties?["deploymentConfiguration"]?["virtualMachineConfiguration"]?["imageReference"] as JsonObject;
        var imageView = new JsonObject();
        foreach (var name in new[] { "publisher", "offer", "sku", "version" })
        {
            if (image?[name] is { } value) imageView[name] = value.DeepClone();
        }
        if (image?["id"] is { } imageId) imageView["virtualMachineImageId"] = imageId.DeepClone();
        if (BatchHttp.String(image?["version"]) == "latest") imageView["exactVersion"] = "1.0." + node.AllocationTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        view["virtualMachineInfo"] = new JsonObject
        {
            ["imageReference"] = imageView,
            ["scaleSetVmResourceId"] = $"/subscriptions/{ResourceIds.SubscriptionOf(target.Account.Id)}/resourceGroups/{target.Account.Name}-{target.Simulation.PoolName}/providers/Microsoft.Compute/virtualMachineScaleSets/{target.Simulation.PoolName}/virtualMachines/{node.IpAddress.Split('.')[^1]}",
        };
        return view;
    }

    /// <summary>The start task as the data plane spells it (lower-case enum values).</summary>
    private static JsonObject DataPlaneStartTask(JsonObject startTask)
    {
        var copy = (JsonObject)startTask.DeepClone();
        if (copy["userIdentity"]?["autoUser"] is JsonObject autoUser)
        {
            foreach (var name in new[] { "scope", "elevationLevel" })
            {
                if (BatchHttp.String(autoUser[name]) is { } value) autoUser[name] = value.ToLowerInvariant();
            }
        }
        copy["maxTaskRetryCount"] ??= 0;
        copy["waitForSuccess"] ??= true;
        return copy;
    }

    /// <summary>One node extension (Nodes_ListNodeExtensions): provisioningState, vmExtension as configured, instanceView.</summary>
    private static JsonObject ExtensionView(NodeExtensionSimulation extension)
    {
        var instanceView = new JsonObject
        {
            ["name"] = extension.Name,
            ["statuses"] = Statuses(extension.Statuses),
        };
        if (extension.SubStatuses.Count > 0) instanceView["subStatuses"] = Statuses(extension.SubStatuses);
        return new JsonObject
        {
            ["provisioningState"] = extension.ProvisioningState,
            ["vmExtension"] = extension.Configuration.DeepClone(),
            ["instanceView"] = instanceView,
        };
    }

    private static JsonArray Statuses(IEnumerable<ExtensionStatus> statuses) =>
        new(statuses.Select(s => (JsonNode)new JsonObject
        {
            ["code"] = s.Code,
            ["level"] = s.Level,
            ["displayStatus"] = s.DisplayStatus,
            ["message"] = s.Message,
            ["time"] = BatchHttp.Time(s.Time),
        }).ToArray());

    private static string[] Select(string select) =>
        select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static JsonObject Project(JsonObject view, string[] select)
    {
        if (select.Length == 0) return view;
        var projected = new JsonObject();
        foreach (var name in select)
        {
            var found = view.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (found.Key is not null) projected[found.Key] = found.Value?.DeepClone();
        }
        return projected;
    }

    private static string? Value(JsonObject view, string path)
    {
        JsonNode? node = view;
        foreach (var segment in path.Split('/'))
        {
            node = node is JsonObject obj ? obj.FirstOrDefault(p => p.Key.Equals(segment, StringComparison.OrdinalIgnoreCase)).Value : null;
        }
        return node switch
        {
            null => null,
            JsonValue value => value.ToString(),
            _ => node.ToJsonString(),
        };
    }

    private static IResult OutOfRange(HttpContext context, string name, string value) =>
        BatchErrors.Result(context, 400, "OutOfRangeQueryParameterValue", "The value for one of the query parameters specified in the request URI is outside the permitted range.",
            ("QueryParameterName", name), ("QueryParameterValue", value));

    private static IResult Ok(JsonObject body) => BatchHttp.OData(body);
}
