using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchRotation.Emulator.Arm;
using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Infrastructure;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Batch;

/// <summary>
/// <c>Microsoft.Batch/batchAccounts/pools</c> as the recording and the examples show it: PUT is
/// synchronous (200 with the pool and <c>ETag: W/"0x…"</c>), honours <c>If-None-Match: *</c> and
/// <c>If-Match</c>; PATCH is synchronous; DELETE is 202 + Location (<c>poolOperationResults/delete-…</c>)
/// + Retry-After; lists page with nextLink and take <c>maxresults</c>, <c>$select</c> and <c>$filter</c>.
/// Deployment configuration (image, extensions) can never change on an existing pool.
/// </summary>
public static partial class BatchPools
{
    private const string PoolsPath = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Batch/batchAccounts/{accountName}/pools";

    /// <summary>Properties the Batch service cannot change on an existing pool.</summary>
    private static readonly string[] FixedProperties =
        ["deploymentConfiguration", "vmSize", "networkConfiguration", "interNodeCommunication", "taskSlotsPerNode", "userAccounts", "mountConfiguration"];

    /// <summary>Properties a client may send but the service computes.</summary>
    private static readonly HashSet<string> ReadOnlyProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "lastModified", "creationTime", "provisioningState", "provisioningStateTransitionTime", "allocationState",
        "allocationStateTransitionTime", "currentDedicatedNodes", "currentLowPriorityNodes", "autoScaleRun",
        "resizeOperationStatus", "currentNodeCommunicationMode",
    };

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex PoolNamePattern();

    public static void Map(WebApplication app)
    {
        app.MapGet(PoolsPath, List);
        app.MapPut(PoolsPath + "/{poolName}", Put);
        app.MapGet(PoolsPath + "/{poolName}", Get);
        app.MapPatch(PoolsPath + "/{poolName}", Patch);
        app.MapDelete(PoolsPath + "/{poolName}", Delete);
        app.MapGet("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Batch/batchAccounts/{accountName}/poolOperationResults/{operationId}", OperationResult);
    }

    public static string PoolId(string subscriptionId, string resourceGroup, string accountName, string poolName) =>
        BatchAccounts.AccountId(subscriptionId, resourceGroup, accountName) + "/pools/" + poolName;

    // ----- PUT -------------------------------------------------------------------------------------------

    private static async Task<IResult> Put(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string resourceGroupName, string accountName, string poolName)
    {
        var raw = await BatchHttp.ReadBodyAsync(context);
        var state = runtime.State;
        lock (state.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            var id = PoolId(subscriptionId, resourceGroupName, accountName, poolName);
            const string action = "Microsoft.Batch/batchAccounts/pools/write";
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "batchAccounts/pools", id, action, resourceGroupName) is { } refused) return refused;
            var (body, parseError) = BatchHttp.ParseObject(raw);
            if (parseError is not null) return parseError;
            if (BatchIdentities.CheckLinkedAccess(state, context.RequiredCaller(), action, id, BatchIdentities.RequestedIds(body!)) is { } linked) return linked;
            var account = FindAccount(state, subscriptionId, resourceGroupName, accountName);
            if (account is null) return BatchRpErrors.ParentResourceNotFound(accountName);
            if (NameProblem(poolName) is { } nameProblem) return nameProblem;
            var apiVersion = context.Request.Query["api-version"].ToString();
            if (BatchSchema.Validate(body!, "Pool", apiVersion, raw) is { } violation)
                return BatchRpErrors.InvalidRequestBody(context, now, violation.Reason, violation.PropertyPath);

            var existing = state.Get(id);
            if (existing is not null && state.Batch.Pools.TryGetValue(id, out var deleting) && deleting.DeleteCompletesAt is not null)
                return BatchRpErrors.PoolBeingDeleted(context, now);
            var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString().Trim();
            if (ifNoneMatch == "*" && existing is not null) return BatchRpErrors.PoolExists(context, now);
            if (PreconditionFailed(context, existing)) return BatchRpErrors.ConditionNotMet(context, now);

            var requested = body!["properties"] as JsonObject ?? new JsonObject();
            if (existing is null && RequiredMissing(context, now, requested) is { } missing) return missing;
            if (ScaleProblem(context, now, requested) is { } scaleProblem) return scaleProblem;

            List<ResolvedIdentity>? identities = null;
            if (body["identity"] is JsonObject identity)
            {
                var (resolved, identityError) = BatchIdentities.Resolve(state, id, identity);
                if (identityError is not null) return identityError;
                identities = resolved;
            }

            if (existing is null)
            {
                var resource = Create(runtime, id, poolName, accountName, body, requested, identities, now);
                return Respond(context, resource);
            }

            var existingProperties = (JsonObject)existing.Body["properties"]!;
            foreach (var name in FixedProperties)
            {
                if (requested[name] is { } value && !SameFixedValue(name, existingProperties[name], value))
                    return BatchRpErrors.PropertyCannotBeUpdated(context, now, name, "properties." + name);
            }
            Update(runtime, existing, body, requested, identities, now);
            return Respond(context, existing);
        }
    }

    private static ArmResource Create(EmulatorRuntime runtime, string id, string poolName, string accountName, JsonObject body,
        JsonObject requested, List<ResolvedIdentity>? identities, DateTimeOffset now)
    {
        var state = runtime.State;
        var time = BatchHttp.Time(now);
        var properties = new JsonObject();
        if (requested["displayName"] is { } displayName) properties["displayName"] = displayName.DeepClone();
        properties["lastModified"] = time;
        properties["creationTime"] = time;
        properties["provisioningState"] = "Succeeded";
        properties["provisioningStateTransitionTime"] = time;
        properties["allocationState"] = "Resizing";
        properties["allocationStateTransitionTime"] = time;
        properties["vmSize"] = (BatchHttp.String(requested["vmSize"]) ?? "").ToUpperInvariant();
        properties["interNodeCommunication"] = requested["interNodeCommunication"]?.DeepClone() ?? "Disabled";
        properties["taskSlotsPerNode"] = requested["taskSlotsPerNode"]?.DeepClone() ?? 1;
        properties["taskSchedulingPolicy"] = requested["taskSchedulingPolicy"]?.DeepClone() ?? new JsonObject { ["nodeFillType"] = "Spread" };
        properties["deploymentConfiguration"] = NormalizeDeployment(requested["deploymentConfiguration"]);
        properties["scaleSettings"] = new JsonObject();
        foreach (var (name, value) in requested)
        {
            if (properties.ContainsKey(name) || ReadOnlyProperties.Contains(name) || name is "scaleSettings" or "displayName" || value is null) continue;
            properties[name] = value.DeepClone();
        }
        properties["currentDedicatedNodes"] = 0;
        properties["currentLowPriorityNodes"] = 0;
        properties["targetNodeCommunicationMode"] ??= "Default";

        var stored = new JsonObject
        {
            ["id"] = id,
            ["name"] = poolName,
            ["type"] = BatchHttp.PoolType,
            ["etag"] = "",
            ["properties"] = properties,
        };
        if (identities is not null || body["identity"] is JsonObject) stored["identity"] = IdentityView(body["identity"] as JsonObject, identities);
        if (body["tags"] is JsonObject tags) stored["tags"] = tags.DeepClone();

        var resource = new ArmResource { Id = id, Type = BatchHttp.PoolType, Body = stored, CreatedAt = now, ModifiedAt = now };
        Touch(resource, now);
        state.Put(resource);
        var pool = BatchSimulation.CreatePool(state, resource, accountName, NodeIdentities(identities));
        ApplyScale(state, pool, resource, requested["scaleSettings"] as JsonObject ?? new JsonObject { ["fixedScale"] = new JsonObject() }, now);
        return resource;
    }

    private static void Update(EmulatorRuntime runtime, ArmResource resource, JsonObject body, JsonObject requested, List<ResolvedIdentity>? identities, DateTimeOffset now)
    {
        var state = runtime.State;
        var properties = (JsonObject)resource.Body["properties"]!;
        foreach (var (name, value) in requested)
        {
            if (ReadOnlyProperties.Contains(name) || FixedProperties.Contains(name) || name == "scaleSettings") continue;
            if (value is null) properties.Remove(name);
            else properties[name] = value.DeepClone();
        }
        properties["lastModified"] = BatchHttp.Time(now);
        if (body["identity"] is JsonObject identity)
        {
            resource.Body["identity"] = IdentityView(identity, identities);
            if (state.Batch.Pools.TryGetValue(resource.Id, out var simulated)) BatchSimulation.SetIdentities(simulated, NodeIdentities(identities));
        }
        if (body["tags"] is JsonObject tags) resource.Body["tags"] = tags.DeepClone();
        if (requested["scaleSettings"] is JsonObject scale && state.Batch.Pools.TryGetValue(resource.Id, out var pool))
        {
            ApplyScale(state, pool, resource, scale, now);
        }
        Touch(resource, now);
    }

    /// <summary>Scale settings with their defaults, the resize they start, and the autoscale run.</summary>
    private static void ApplyScale(EmulatorState state, PoolSimulation pool, ArmResource resource, JsonObject requested, DateTimeOffset now)
    {
        var properties = (JsonObject)resource.Body["properties"]!;
        if (requested["autoScale"] is JsonObject autoScale)
        {
            var settings = new JsonObject
            {
                ["formula"] = autoScale["formula"]?.DeepClone(),
                ["evaluationInterval"] = autoScale["evaluationInterval"]?.DeepClone() ?? "PT15M",
            };
            properties["scaleSettings"] = new JsonObject { ["autoScale"] = settings };
            var run = AutoScaleFormula.Evaluate(BatchHttp.String(autoScale["formula"]) ?? "", pool.TargetDedicatedNodes, pool.TargetLowPriorityNodes);
            var autoScaleRun = new JsonObject { ["evaluationTime"] = BatchHttp.Time(now) };
            if (run.Error is null)
            {
                autoScaleRun["results"] = run.Results;
                properties["autoScaleRun"] = autoScaleRun;
                BatchSimulation.StartResize(state, pool, resource, run.Dedicated, run.LowPriority, now);
            }
            else
            {
                autoScaleRun["error"] = new JsonObject { ["code"] = run.ErrorCode, ["message"] = run.Error };
                properties["autoScaleRun"] = autoScaleRun;
            }
            return;
        }

        var fixedScale = requested["fixedScale"] as JsonObject ?? new JsonObject();
        var dedicated = BatchHttp.Int(fixedScale["targetDedicatedNodes"]) ?? 0;
        var lowPriority = BatchHttp.Int(fixedScale["targetLowPriorityNodes"]) ?? 0;
        var resizeTimeout = BatchHttp.String(fixedScale["resizeTimeout"]) ?? "PT15M";
        var scale = new JsonObject
        {
            ["targetDedicatedNodes"] = dedicated,
            ["targetLowPriorityNodes"] = lowPriority,
            ["resizeTimeout"] = resizeTimeout,
        };
        if (fixedScale["nodeDeallocationOption"] is { } option) scale["nodeDeallocationOption"] = option.DeepClone();
        properties["scaleSettings"] = new JsonObject { ["fixedScale"] = scale };
        properties.Remove("autoScaleRun");
        var status = new JsonObject { ["targetDedicatedNodes"] = dedicated };
        if (lowPriority > 0) status["targetLowPriorityNodes"] = lowPriority;
        status["nodeDeallocationOption"] = fixedScale["nodeDeallocationOption"]?.DeepClone() ?? "Requeue";
        status["resizeTimeout"] = resizeTimeout;
        status["startTime"] = BatchHttp.Time(now);
        properties.Remove("resizeOperationStatus");
        InsertAfter(properties, "scaleSettings", "resizeOperationStatus", status);
        BatchSimulation.StartResize(state, pool, resource, dedicated, lowPriority, now);
    }

    private static void InsertAfter(JsonObject target, string after, string name, JsonNode value)
    {
        var entries = target.ToList();
        foreach (var entry in entries) target.Remove(entry.Key);
        foreach (var (key, node) in entries)
        {
            target[key] = node;
            if (key == after) target[name] = value;
        }
        if (!target.ContainsKey(name)) target[name] = value;
    }

    // ----- GET / LIST ------------------------------------------------------------------------------------

    private static IResult Get(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string resourceGroupName, string accountName, string poolName)
    {
        var state = runtime.State;
        lock (state.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            var id = PoolId(subscriptionId, resourceGroupName, accountName, poolName);
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "batchAccounts/pools", id, "Microsoft.Batch/batchAccounts/pools/read", resourceGroupName) is { } refused) return refused;
            if (FindAccount(state, subscriptionId, resourceGroupName, accountName) is null) return BatchRpErrors.ParentResourceNotFound(accountName);
            var pool = state.Get(id);
            if (pool is null || pool.Type != BatchHttp.PoolType) return BatchRpErrors.PoolNotFound(context, now);
            return Respond(context, pool);
        }
    }

    private static IResult List(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string resourceGroupName, string accountName)
    {
        var state = runtime.State;
        lock (state.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            var accountId = BatchAccounts.AccountId(subscriptionId, resourceGroupName, accountName);
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "batchAccounts/pools", accountId + "/pools", "Microsoft.Batch/batchAccounts/pools/read", resourceGroupName) is { } refused) return refused;
            if (FindAccount(state, subscriptionId, resourceGroupName, accountName) is null) return BatchRpErrors.ParentResourceNotFound(accountName);

            var query = context.Request.Query;
            var maxResults = 1000;
            if (query.ContainsKey("maxresults"))
            {
                if (!int.TryParse(query["maxresults"], NumberStyles.None, CultureInfo.InvariantCulture, out maxResults) || maxResults < 1)
                    return InvalidQuery(context, now, "maxresults", query["maxresults"].ToString(), "The value must be a positive integer.");
                maxResults = Math.Min(maxResults, 1000);
            }
            ODataFilter? filter = null;
            if (query["$filter"].ToString() is { Length: > 0 } filterText)
            {
                try { filter = ODataFilter.Parse(filterText); }
                catch (ODataFilterException e) { return InvalidQuery(context, now, "$filter", filterText, e.Message); }
            }
            var select = query["$select"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            var pools = state.ListByType(BatchHttp.PoolType, accountId).Where(p => filter is null || filter.Matches(path => PoolValue(p, path))).ToList();
            var skip = int.TryParse(query["$skiptoken"], NumberStyles.None, CultureInfo.InvariantCulture, out var token) ? token : 0;
            var page = pools.Skip(skip).Take(maxResults).Select(p => (JsonNode)Select(View(p), select)).ToArray();
            var result = new JsonObject { ["value"] = new JsonArray(page) };
            if (skip + maxResults < pools.Count)
            {
                var next = new List<string> { "api-version=" + Uri.EscapeDataString(query["api-version"].ToString()) };
                if (query.ContainsKey("maxresults")) next.Add("maxresults=" + maxResults);
                if (query["$filter"].ToString() is { Length: > 0 } f) next.Add("$filter=" + Uri.EscapeDataString(f));
                if (select.Length > 0) next.Add("$select=" + Uri.EscapeDataString(string.Join(",", select)));
                next.Add("$skiptoken=" + (skip + maxResults));
                result["nextLink"] = $"{runtime.Endpoint.GetLeftPart(UriPartial.Authority)}{context.Request.Path}?{string.Join("&", next)}";
            }
            return BatchHttp.Json(result);
        }
    }

    private static string? PoolValue(ArmResource pool, string path)
    {
        JsonNode? node = pool.Body;
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

    /// <summary><c>$select</c>: id, name, type and etag always; under properties only the selected top-level properties.</summary>
    private static JsonObject Select(JsonObject view, string[] select)
    {
        if (select.Length == 0) return view;
        var selected = new JsonObject();
        foreach (var key in new[] { "id", "name", "type", "etag" })
        {
            if (view[key] is { } value) selected[key] = value.DeepClone();
        }
        var properties = new JsonObject();
        foreach (var path in select)
        {
            var parts = path.Split('/');
            if (parts.Length == 2 && parts[0].Equals("properties", StringComparison.OrdinalIgnoreCase)
                && (view["properties"] as JsonObject)?.FirstOrDefault(p => p.Key.Equals(parts[1], StringComparison.OrdinalIgnoreCase)) is { Value: { } value } found)
            {
                properties[found.Key] = value.DeepClone();
            }
            else if (parts.Length == 1 && view[parts[0]] is { } top && parts[0] != "properties")
            {
                selected[parts[0]] = top.DeepClone();
            }
        }
        selected["properties"] = properties;
        return selected;
    }

    // ----- PATCH -----------------------------------------------------------------------------------------

    private static async Task<IResult> Patch(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string resourceGroupName, string accountName, string poolName)
    {
        var raw = await BatchHttp.ReadBodyAsync(context);
        var state = runtime.State;
        lock (state.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            var id = PoolId(subscriptionId, resourceGroupName, accountName, poolName);
            const string action = "Microsoft.Batch/batchAccounts/pools/write";
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "batchAccounts/pools", id, action, resourceGroupName) is { } refused) return refused;
            var (body, parseError) = BatchHttp.ParseObject(raw);
            if (parseError is not null) return parseError;
            if (BatchIdentities.CheckLinkedAccess(state, context.RequiredCaller(), action, id, BatchIdentities.RequestedIds(body!)) is { } linked) return linked;
            if (FindAccount(state, subscriptionId, resourceGroupName, accountName) is null) return BatchRpErrors.ParentResourceNotFound(accountName);
            var apiVersion = context.Request.Query["api-version"].ToString();
            if (BatchSchema.Validate(body!, "Pool", apiVersion, raw) is { } violation)
                return BatchRpErrors.InvalidRequestBody(context, now, violation.Reason, violation.PropertyPath);
            var pool = state.Get(id);
            if (pool is null || pool.Type != BatchHttp.PoolType) return BatchRpErrors.PoolNotFound(context, now);
            if (state.Batch.Pools.TryGetValue(id, out var simulated) && simulated.DeleteCompletesAt is not null) return BatchRpErrors.PoolBeingDeleted(context, now);
            if (PreconditionFailed(context, pool)) return BatchRpErrors.ConditionNotMet(context, now);

            var requested = body!["properties"] as JsonObject ?? new JsonObject();
            if (requested.ContainsKey("deploymentConfiguration"))
                return BatchRpErrors.PropertyCannotBeUpdated(context, now, "deploymentConfiguration", "properties.deploymentConfiguration");
            var existingProperties = (JsonObject)pool.Body["properties"]!;
            foreach (var name in FixedProperties)
            {
                if (requested[name] is { } value && !SameFixedValue(name, existingProperties[name], value))
                    return BatchRpErrors.PropertyCannotBeUpdated(context, now, name, "properties." + name);
            }
            if (ScaleProblem(context, now, requested) is { } scaleProblem) return scaleProblem;
            List<ResolvedIdentity>? identities = null;
            if (body["identity"] is JsonObject identity)
            {
                var (resolved, identityError) = BatchIdentities.Resolve(state, id, identity);
                if (identityError is not null) return identityError;
                identities = resolved;
            }
            Update(runtime, pool, body, requested, identities, now);
            return Respond(context, pool);
        }
    }

    // ----- DELETE ----------------------------------------------------------------------------------------

    private static IResult Delete(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string resourceGroupName, string accountName, string poolName)
    {
        var state = runtime.State;
        lock (state.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            var id = PoolId(subscriptionId, resourceGroupName, accountName, poolName);
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "batchAccounts/pools", id, "Microsoft.Batch/batchAccounts/pools/delete", resourceGroupName) is { } refused) return refused;
            var account = FindAccount(state, subscriptionId, resourceGroupName, accountName);
            if (account is null) return BatchRpErrors.ParentResourceNotFound(accountName);
            var pool = state.Get(id);
            if (pool is null || pool.Type != BatchHttp.PoolType) return Results.StatusCode(204);

            var operation = state.Operations.Values.FirstOrDefault(o => ResourceIds.Equal(o.ResourceId, id) && o.Status != "Succeeded");
            if (operation is null)
            {
                var simulated = state.Batch.Pools.GetValueOrDefault(id);
                var hasNodes = simulated?.Nodes.Count > 0;
                var operationPath = $"{account.Id}/poolOperationResults/delete-{poolName}-{(pool.ETag ?? "0x0")[2..]}";
                operation = new LongRunningOperation
                {
                    Id = operationPath,
                    ResourceId = id,
                    CompletesAt = now + BatchTimings.PoolDelete + (hasNodes ? BatchTimings.LeavingPool : TimeSpan.Zero),
                };
                state.Operations[operationPath] = operation;
                if (simulated is not null) BatchSimulation.StartDelete(state, simulated, now, operation.CompletesAt);
            }
            context.Response.Headers.Location = BatchHttp.Absolute(runtime, operation.Id, context.Request.Query["api-version"].ToString());
            context.Response.Headers.RetryAfter = BatchSimulation.RetryAfter(runtime, operation.CompletesAt - now);
            return Results.StatusCode(202);
        }
    }

    private static IResult OperationResult(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string resourceGroupName, string accountName, string operationId)
    {
        var state = runtime.State;
        lock (state.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            var accountId = BatchAccounts.AccountId(subscriptionId, resourceGroupName, accountName);
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "batchAccounts/poolOperationResults", accountId, "Microsoft.Batch/batchAccounts/read", resourceGroupName) is { } refused) return refused;
            if (!state.Operations.TryGetValue($"{accountId}/poolOperationResults/{operationId}", out var operation))
                return ArmErrors.Result(404, "OperationNotFound", $"The operation '{operationId}' could not be found.");
            if (operation.Status != "Succeeded")
            {
                context.Response.Headers.Location = BatchHttp.Absolute(runtime, operation.Id, context.Request.Query["api-version"].ToString());
                context.Response.Headers.RetryAfter = BatchSimulation.RetryAfter(runtime, operation.CompletesAt - now);
                return Results.StatusCode(202);
            }
            return Results.StatusCode(200);
        }
    }

    // ----- helpers ---------------------------------------------------------------------------------------

    public static ArmResource? FindAccount(EmulatorState state, string subscriptionId, string resourceGroup, string accountName) =>
        state.Get(BatchAccounts.AccountId(subscriptionId, resourceGroup, accountName)) is { Type: BatchHttp.BatchAccountType } account ? account : null;

    private static IResult? NameProblem(string poolName) =>
        poolName.Length is >= 1 and <= 64 && PoolNamePattern().IsMatch(poolName)
            ? null
            : ArmErrors.Result(400, "InvalidResourceName",
                $"The pool name '{poolName}' is invalid. A pool name can contain any combination of alphanumeric characters, hyphens and underscores, and must be from 1 to 64 characters long.");

    /// <summary>If-Match: <c>*</c> needs an existing pool, a value needs the pool's current entity tag.</summary>
    private static bool PreconditionFailed(HttpContext context, ArmResource? existing)
    {
        var ifMatch = context.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0) return false;
        if (existing is null) return true;
        if (ifMatch == "*") return false;
        return !ifMatch.Split(',').Any(tag => BatchHttp.SameETag(tag, $"W/\"{existing.ETag}\""));
    }

    private static IResult? RequiredMissing(HttpContext context, DateTimeOffset now, JsonObject properties)
    {
        if (BatchHttp.String(properties["vmSize"]) is not { Length: > 0 }) return BatchRpErrors.MissingRequiredProperty(context, now, "vmSize", "properties.vmSize");
        if (properties["deploymentConfiguration"] is not JsonObject deployment)
            return BatchRpErrors.MissingRequiredProperty(context, now, "deploymentConfiguration", "properties.deploymentConfiguration");
        if (deployment["virtualMachineConfiguration"] is not JsonObject vm)
            return BatchRpErrors.MissingRequiredProperty(context, now, "virtualMachineConfiguration", "properties.deploymentConfiguration.virtualMachineConfiguration");
        const string vmPath = "properties.deploymentConfiguration.virtualMachineConfiguration";
        if (vm["imageReference"] is not JsonObject) return BatchRpErrors.MissingRequiredProperty(context, now, "imageReference", vmPath + ".imageReference");
        if (BatchHttp.String(vm["nodeAgentSkuId"]) is not { Length: > 0 }) return BatchRpErrors.MissingRequiredProperty(context, now, "nodeAgentSkuId", vmPath + ".nodeAgentSkuId");
        if (vm["extensions"] is JsonArray extensions)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < extensions.Count; i++)
            {
                var path = $"{vmPath}.extensions[{i}]";
                if (extensions[i] is not JsonObject extension) return BatchRpErrors.MissingRequiredProperty(context, now, "extensions", path);
                foreach (var required in new[] { "name", "publisher", "type" })
                {
                    if (BatchHttp.String(extension[required]) is not { Length: > 0 }) return BatchRpErrors.MissingRequiredProperty(context, now, required, $"{path}.{required}");
                }
                if (!names.Add(BatchHttp.String(extension["name"])!))
                    return BatchRpErrors.InvalidPropertyValue(context, now, "name", $"{path}.name", "Extension names must be unique within a pool.");
            }
        }
        return null;
    }

    private static IResult? ScaleProblem(HttpContext context, DateTimeOffset now, JsonObject properties)
    {
        if (properties["scaleSettings"] is not JsonObject scale) return null;
        if (scale["fixedScale"] is JsonObject && scale["autoScale"] is JsonObject)
            return BatchRpErrors.InvalidPropertyValue(context, now, "scaleSettings", "properties.scaleSettings", "Only one of fixedScale and autoScale may be specified.");
        if (scale["autoScale"] is JsonObject autoScale && BatchHttp.String(autoScale["formula"]) is not { Length: > 0 })
            return BatchRpErrors.MissingRequiredProperty(context, now, "formula", "properties.scaleSettings.autoScale.formula");
        if (scale["fixedScale"] is JsonObject fixedScale)
        {
            foreach (var name in new[] { "targetDedicatedNodes", "targetLowPriorityNodes" })
            {
                if (fixedScale[name] is { } value && (BatchHttp.Int(value) is not { } count || count < 0))
                    return BatchRpErrors.InvalidPropertyValue(context, now, name, "properties.scaleSettings.fixedScale." + name, "The value must be a non-negative integer.");
            }
        }
        return null;
    }

    private static bool SameFixedValue(string name, JsonNode? current, JsonNode requested) => name switch
    {
        "vmSize" => string.Equals(BatchHttp.String(current), BatchHttp.String(requested), StringComparison.OrdinalIgnoreCase),
        "deploymentConfiguration" => JsonNode.DeepEquals(NormalizeDeployment(current), NormalizeDeployment(requested)),
        "interNodeCommunication" => string.Equals(BatchHttp.String(current) ?? "Disabled", BatchHttp.String(requested), StringComparison.OrdinalIgnoreCase),
        "taskSlotsPerNode" => (BatchHttp.Int(current) ?? 1) == BatchHttp.Int(requested),
        _ => JsonNode.DeepEquals(current, requested),
    };

    /// <summary>The deployment configuration as the service stores it: an image without version gets <c>latest</c>.</summary>
    private static JsonNode? NormalizeDeployment(JsonNode? deployment)
    {
        var copy = deployment?.DeepClone();
        if (copy?["virtualMachineConfiguration"]?["imageReference"] is JsonObject image
            && image["id"] is null && image["sharedGalleryImageId"] is null && image["communityGalleryImageId"] is null)
        {
            image["version"] ??= "latest";
        }
        return copy;
    }

    private static JsonObject IdentityView(JsonObject? requested, List<ResolvedIdentity>? identities)
    {
        var type = BatchHttp.String(requested?["type"]) ?? "None";
        var view = new JsonObject { ["type"] = type };
        if (identities is { Count: > 0 }) view["userAssignedIdentities"] = BatchIdentities.ResponseMap(identities);
        return view;
    }

    private static List<NodeIdentity> NodeIdentities(List<ResolvedIdentity>? identities) =>
        identities?.Select(i => new NodeIdentity { ResourceId = i.ResourceId, PrincipalId = i.PrincipalId, ClientId = i.ClientId, TenantId = i.TenantId }).ToList() ?? [];

    private static void Touch(ArmResource resource, DateTimeOffset now)
    {
        resource.ModifiedAt = now;
        resource.ETag = BatchHttp.NextETagValue(now, resource.ETag);
        resource.Body["etag"] = $"W/\"{resource.ETag}\"";
    }

    private static JsonObject View(ArmResource pool) => (JsonObject)pool.Body.DeepClone();

    private static IResult Respond(HttpContext context, ArmResource pool)
    {
        context.Response.Headers.ETag = $"W/\"{pool.ETag}\"";
        context.Response.Headers.LastModified = BatchHttp.HttpDate(pool.ModifiedAt);
        return BatchHttp.Json(View(pool));
    }

    private static IResult InvalidQuery(HttpContext context, DateTimeOffset now, string name, string value, string reason) =>
        BatchRpErrors.Relayed(context, now, 400, "InvalidQueryParameterValue", "Value for one of the query parameters specified in the request URI is invalid.",
            ("QueryParameterName", name), ("QueryParameterValue", value), ("Reason", reason));
}
