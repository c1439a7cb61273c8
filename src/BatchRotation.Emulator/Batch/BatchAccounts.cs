using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchRotation.Emulator.Arm;
using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Identity;
using BatchRotation.Emulator.Infrastructure;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Batch;

/// <summary>
/// <c>Microsoft.Batch/batchAccounts</c>: create and delete are long-running (202 + Location + Retry-After,
/// the Location answers 202 until done, then 200 with the account, or 200 empty for a deletion), GET, PATCH
/// (synchronous), lists by resource group and subscription, and checkNameAvailability.
/// </summary>
public static partial class BatchAccounts
{
    public const int ListPageSize = 20;

    [GeneratedRegex("^[a-z0-9]+$")]
    private static partial Regex AccountNamePattern();

    private const string AccountPath = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Batch/batchAccounts/{accountName}";

    public static void Map(WebApplication app)
    {
        app.MapPut(AccountPath, Put);
        app.MapGet(AccountPath, Get);
        app.MapPatch(AccountPath, Patch);
        app.MapDelete(AccountPath, Delete);
        app.MapGet("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Batch/batchAccounts", ListByResourceGroup);
        app.MapGet("/subscriptions/{subscriptionId}/providers/Microsoft.Batch/batchAccounts", ListBySubscription);
        app.MapGet(AccountPath + "/operationResults/{operationId}", CreateOperationResult);
        app.MapGet("/subscriptions/{subscriptionId}/providers/Microsoft.Batch/locations/{location}/accountOperationResults/{operationId}", DeleteOperationResult);
        app.MapPost("/subscriptions/{subscriptionId}/providers/Microsoft.Batch/locations/{location}/checkNameAvailability", CheckNameAvailability);
    }

    public static string AccountId(string subscriptionId, string resourceGroup, string accountName) =>
        ResourceIds.Resource(subscriptionId, resourceGroup, "Microsoft.Batch", "batchAccounts/" + accountName);

    /// <summary>Why an account name is refused, in checkNameAvailability's words; null when valid.</summary>
    public static string? NameProblem(string name)
    {
        if (name.Length is < 3 or > 24) return "Account name must be at least 3 characters and at most 24 characters.";
        if (!AccountNamePattern().IsMatch(name)) return "Account name must contain only numbers and lowercase letters.";
        return null;
    }

    private static async Task<IResult> Put(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string resourceGroupName, string accountName)
    {
        var raw = await BatchHttp.ReadBodyAsync(context);
        var state = runtime.State;
        lock (state.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            var id = AccountId(subscriptionId, resourceGroupName, accountName);
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "batchAccounts", id, "Microsoft.Batch/batchAccounts/write", resourceGroupName) is { } refused) return refused;
            var (body, parseError) = BatchHttp.ParseObject(raw);
            if (parseError is not null) return parseError;
            var caller = context.RequiredCaller();
            if (BatchIdentities.CheckLinkedAccess(state, caller, "Microsoft.Batch/batchAccounts/write", id, BatchIdentities.RequestedIds(body!)) is { } linked) return linked;

            if (NameProblem(accountName) is { } problem) return ArmErrors.Result(400, "AccountNameInvalid", problem);
            var apiVersion = context.Request.Query["api-version"].ToString();
            if (BatchSchema.Validate(body!, "BatchAccountCreateParameters", apiVersion, raw) is { } violation)
                return BatchRpErrors.InvalidRequestBody(context, now, violation.Reason, violation.PropertyPath);
            var location = BatchHttp.String(body!["location"]);
            if (string.IsNullOrWhiteSpace(location)) return ArmErrors.Result(400, "LocationRequired", "The location property is required for this definition.");

            var existing = state.Get(id);
            var sameName = state.FindByName(BatchHttp.BatchAccountType, accountName);
            if (sameName is not null && !ResourceIds.Equal(sameName.Id, id))
                return ArmErrors.Result(409, "AccountAlreadyExists", $"An account named '{accountName}' is already in use.");
            if (existing is not null && BatchHttp.String(existing.Body["properties"]?["provisioningState"]) == "Deleting")
                return ArmErrors.Result(409, "AccountBeingDeleted", $"The account '{accountName}' is being deleted.");

            var account = existing ?? new ArmResource { Id = id, Type = BatchHttp.BatchAccountType, Body = new JsonObject(), CreatedAt = now, ModifiedAt = now };
            var properties = body!["properties"] as JsonObject ?? new JsonObject();
            var (identity, newPrincipal, identityError) = BuildIdentity(context, now, state, account, body["identity"] as JsonObject, accountName);
            if (identityError is not null) return identityError;
            if (ValidateEncryption(properties["encryption"] as JsonObject, identity!) is { } encryptionError) return encryptionError;
            CommitIdentity(state, account, identity!, newPrincipal);

            var stored = new JsonObject
            {
                ["id"] = id,
                ["name"] = accountName,
                ["type"] = BatchHttp.BatchAccountType,
                ["location"] = location,
                ["properties"] = NewProperties(properties, existing is null ? "Creating" : "Succeeded", now),
            };
            if (body["tags"] is JsonObject tags) stored["tags"] = tags.DeepClone();
            else if (existing?.Body["tags"] is JsonObject oldTags) stored["tags"] = oldTags.DeepClone();
            stored["identity"] = account.Body["identity"]!.DeepClone();
            account.Body = stored;
            if (existing is null) account.ETag = BatchHttp.NextETagValue(now, null);
            Touch(account, now);
            state.Put(account);

            var operationId = Guid.NewGuid().ToString();
            var operationPath = $"{id}/operationResults/{operationId}";
            state.Operations[operationPath] = new LongRunningOperation { Id = operationPath, ResourceId = id, CompletesAt = now + BatchTimings.AccountOperation };
            context.Response.Headers.Location = BatchHttp.Absolute(runtime, operationPath, apiVersion);
            context.Response.Headers.RetryAfter = BatchSimulation.RetryAfter(runtime, BatchTimings.AccountOperation);
            return Results.StatusCode(202);
        }
    }

    private static IResult Get(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string resourceGroupName, string accountName)
    {
        lock (runtime.State.Sync)
        {
            BatchSimulation.Sync(runtime);
            var id = AccountId(subscriptionId, resourceGroupName, accountName);
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "batchAccounts", id, "Microsoft.Batch/batchAccounts/read", resourceGroupName) is { } refused) return refused;
            var account = runtime.State.Get(id);
            if (account is null || account.Type != BatchHttp.BatchAccountType) return ArmErrors.ResourceNotFound(BatchHttp.BatchAccountType, accountName, resourceGroupName);
            return Respond(context, runtime, account);
        }
    }

    private static async Task<IResult> Patch(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string resourceGroupName, string accountName)
    {
        var raw = await BatchHttp.ReadBodyAsync(context);
        var state = runtime.State;
        lock (state.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            var id = AccountId(subscriptionId, resourceGroupName, accountName);
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "batchAccounts", id, "Microsoft.Batch/batchAccounts/write", resourceGroupName) is { } refused) return refused;
            var (body, parseError) = BatchHttp.ParseObject(raw);
            if (parseError is not null) return parseError;
            if (BatchIdentities.CheckLinkedAccess(state, context.RequiredCaller(), "Microsoft.Batch/batchAccounts/write", id, BatchIdentities.RequestedIds(body!)) is { } linked) return linked;
            var account = state.Get(id);
            if (account is null || account.Type != BatchHttp.BatchAccountType) return ArmErrors.ResourceNotFound(BatchHttp.BatchAccountType, accountName, resourceGroupName);
            var apiVersion = context.Request.Query["api-version"].ToString();
            if (BatchSchema.Validate(body!, "BatchAccountUpdateParameters", apiVersion, raw) is { } violation)
                return BatchRpErrors.InvalidRequestBody(context, now, violation.Reason, violation.PropertyPath);

            var update = body!["properties"] as JsonObject ?? new JsonObject();
            var (identity, newPrincipal, identityError) = BuildIdentity(context, now, state, account, body["identity"] as JsonObject, accountName);
            if (identityError is not null) return identityError;
            if (update["encryption"] is JsonObject encryption && ValidateEncryption(encryption, identity!) is { } encryptionError) return encryptionError;
            CommitIdentity(state, account, identity!, newPrincipal);

            var properties = (JsonObject)account.Body["properties"]!;
            foreach (var name in new[] { "autoStorage", "encryption", "allowedAuthenticationModes", "publicNetworkAccess", "networkProfile" })
            {
                if (update[name] is not { } value) continue;
                properties[name] = name == "autoStorage" ? AutoStorage((JsonObject)value, now) : value.DeepClone();
            }
            if (body["tags"] is JsonObject tags) account.Body["tags"] = tags.DeepClone();
            Touch(account, now);
            return Respond(context, runtime, account);
        }
    }

    private static IResult Delete(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string resourceGroupName, string accountName)
    {
        var state = runtime.State;
        lock (state.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            var id = AccountId(subscriptionId, resourceGroupName, accountName);
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "batchAccounts", id, "Microsoft.Batch/batchAccounts/delete", resourceGroupName) is { } refused) return refused;
            var account = state.Get(id);
            if (account is null || account.Type != BatchHttp.BatchAccountType) return Results.StatusCode(204);

            var properties = (JsonObject)account.Body["properties"]!;
            var apiVersion = context.Request.Query["api-version"].ToString();
            var location = BatchHttp.String(account.Body["location"]) ?? "westeurope";
            var operation = state.Operations.Values.FirstOrDefault(o => ResourceIds.Equal(o.ResourceId, id) && o.Id.Contains("/accountOperationResults/", StringComparison.OrdinalIgnoreCase));
            if (operation is null)
            {
                properties["provisioningState"] = "Deleting";
                var operationPath = $"/subscriptions/{subscriptionId}/providers/Microsoft.Batch/locations/{location}/accountOperationResults/{accountName}-{Guid.NewGuid()}";
                operation = new LongRunningOperation { Id = operationPath, ResourceId = id, CompletesAt = now + BatchTimings.AccountOperation };
                state.Operations[operationPath] = operation;
                foreach (var pool in state.Batch.Pools.Values.Where(p => p.AccountName.Equals(accountName, StringComparison.OrdinalIgnoreCase)))
                {
                    BatchSimulation.StartDelete(state, pool, now, operation.CompletesAt);
                }
            }
            context.Response.Headers.Location = BatchHttp.Absolute(runtime, operation.Id, apiVersion);
            context.Response.Headers.RetryAfter = BatchSimulation.RetryAfter(runtime, operation.CompletesAt - now);
            return Results.StatusCode(202);
        }
    }

    private static IResult ListByResourceGroup(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string resourceGroupName) =>
        List(context, runtime, subscriptionId, ResourceIds.ResourceGroup(subscriptionId, resourceGroupName), resourceGroupName);

    private static IResult ListBySubscription(HttpContext context, EmulatorRuntime runtime, string subscriptionId) =>
        List(context, runtime, subscriptionId, ResourceIds.Subscription(subscriptionId), null);

    private static IResult List(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string scope, string? resourceGroup)
    {
        lock (runtime.State.Sync)
        {
            BatchSimulation.Sync(runtime);
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "batchAccounts", scope, "Microsoft.Batch/batchAccounts/read", resourceGroup) is { } refused) return refused;
            var accounts = runtime.State.ListByType(BatchHttp.BatchAccountType, scope).ToList();
            var skip = int.TryParse(context.Request.Query["$skiptoken"], out var token) && token > 0 ? token : 0;
            var page = accounts.Skip(skip).Take(ListPageSize).Select(a => (JsonNode)View(runtime, a)).ToArray();
            var result = new JsonObject { ["value"] = new JsonArray(page) };
            if (skip + ListPageSize < accounts.Count)
            {
                var apiVersion = context.Request.Query["api-version"].ToString();
                result["nextLink"] = BatchHttp.Absolute(runtime, context.Request.Path.Value ?? "", apiVersion) + "&$skiptoken=" + (skip + ListPageSize);
            }
            return BatchHttp.Json(result);
        }
    }

    private static IResult CreateOperationResult(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string resourceGroupName, string accountName, string operationId)
    {
        var state = runtime.State;
        lock (state.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            var id = AccountId(subscriptionId, resourceGroupName, accountName);
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "batchAccounts", id, "Microsoft.Batch/batchAccounts/read", resourceGroupName) is { } refused) return refused;
            var path = $"{id}/operationResults/{operationId}";
            if (!state.Operations.TryGetValue(path, out var operation))
                return ArmErrors.Result(404, "OperationNotFound", $"The operation '{operationId}' could not be found.");
            if (operation.Status != "Succeeded")
            {
                context.Response.Headers.Location = BatchHttp.Absolute(runtime, operation.Id, context.Request.Query["api-version"].ToString());
                context.Response.Headers.RetryAfter = BatchSimulation.RetryAfter(runtime, operation.CompletesAt - now);
                return Results.StatusCode(202);
            }
            var account = state.Get(id);
            if (account is null) return ArmErrors.ResourceNotFound(BatchHttp.BatchAccountType, accountName, resourceGroupName);
            return Respond(context, runtime, account);
        }
    }

    private static IResult DeleteOperationResult(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string location, string operationId)
    {
        var state = runtime.State;
        lock (state.Sync)
        {
            var now = BatchSimulation.Sync(runtime);
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "locations/accountOperationResults", ResourceIds.Subscription(subscriptionId), "Microsoft.Batch/locations/accountOperationResults/read") is { } refused) return refused;
            var path = $"/subscriptions/{subscriptionId}/providers/Microsoft.Batch/locations/{location}/accountOperationResults/{operationId}";
            if (!state.Operations.TryGetValue(path, out var operation))
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

    private static async Task<IResult> CheckNameAvailability(HttpContext context, EmulatorRuntime runtime, string subscriptionId, string location)
    {
        var raw = await BatchHttp.ReadBodyAsync(context);
        lock (runtime.State.Sync)
        {
            if (ArmGuard.Check(context, runtime, subscriptionId, "Microsoft.Batch", "locations/checkNameAvailability", ResourceIds.Subscription(subscriptionId), "Microsoft.Batch/locations/checkNameAvailability/action") is { } refused) return refused;
            var (body, parseError) = BatchHttp.ParseObject(raw);
            if (parseError is not null) return parseError;
            var name = BatchHttp.String(body!["name"]) ?? "";
            if (NameProblem(name) is { } problem)
                return BatchHttp.Json(new JsonObject { ["nameAvailable"] = false, ["reason"] = "Invalid", ["message"] = problem });
            if (runtime.State.FindByName(BatchHttp.BatchAccountType, name) is not null)
                return BatchHttp.Json(new JsonObject { ["nameAvailable"] = false, ["reason"] = "AlreadyExists", ["message"] = $"An account named '{name}' is already in use." });
            return BatchHttp.Json(new JsonObject { ["nameAvailable"] = true });
        }
    }

    /// <summary>Finishes the account operations that are due: creation succeeds, deletion removes the account and its pools.</summary>
    public static void CompleteOperations(EmulatorRuntime runtime, DateTimeOffset now)
    {
        var state = runtime.State;
        foreach (var operation in state.Operations.Values.Where(o => o.Status != "Succeeded" && o.CompletesAt <= now).ToList())
        {
            if (operation.Id.Contains("/accountOperationResults/", StringComparison.OrdinalIgnoreCase))
            {
                if (state.Get(operation.ResourceId) is { } account) RemoveAccount(state, account);
                operation.Status = "Succeeded";
            }
            else if (operation.Id.Contains("/poolOperationResults/", StringComparison.OrdinalIgnoreCase))
            {
                // Normally finished by the pool's simulation; this covers a pool whose simulation is gone.
                if (!state.Batch.Pools.ContainsKey(operation.ResourceId)) state.RemoveWithChildren(operation.ResourceId);
                operation.Status = "Succeeded";
            }
            else if (operation.Id.Contains("/Microsoft.Batch/batchAccounts/", StringComparison.OrdinalIgnoreCase)
                     && operation.Id.Contains("/operationResults/", StringComparison.OrdinalIgnoreCase))
            {
                if (state.Get(operation.ResourceId) is { } account && account.Body["properties"] is JsonObject properties
                    && BatchHttp.String(properties["provisioningState"]) == "Creating")
                {
                    properties["provisioningState"] = "Succeeded";
                }
                operation.Status = "Succeeded";
            }
        }
    }

    private static void RemoveAccount(EmulatorState state, ArmResource account)
    {
        foreach (var pool in state.Batch.Pools.Where(p => ResourceIds.IsAtOrAbove(account.Id, p.Key)).Select(p => p.Key).ToList())
        {
            state.Batch.Pools.Remove(pool);
        }
        if (BatchHttp.String(account.Body["identity"]?["principalId"]) is { } principalId
            && state.Principals.TryGetValue(principalId, out var principal)
            && principal.Kind == PrincipalKind.ManagedIdentity
            && ResourceIds.Equal(principal.ManagedIdentityResourceId ?? "", account.Id))
        {
            state.Principals.Remove(principalId);
        }
        state.RemoveWithChildren(account.Id);
    }

    /// <summary>
    /// The account's identity after a request (null in the request: keep it, or None for a new account),
    /// with the system-assigned principal to create, or the error. Changes nothing.
    /// </summary>
    private static (JsonObject? Identity, Principal? NewPrincipal, IResult? Error) BuildIdentity(
        HttpContext context, DateTimeOffset now, EmulatorState state, ArmResource account, JsonObject? identity, string accountName)
    {
        var current = account.Body["identity"] as JsonObject;
        if (identity is null) return ((JsonObject?)current?.DeepClone() ?? new JsonObject { ["type"] = "None" }, null, null);
        var type = BatchHttp.String(identity["type"]);
        if (type is null)
        {
            return (null, null, BatchRpErrors.InvalidRequestBody(context, now, "Required property 'type' not found in JSON. Path 'identity'.", "identity"));
        }
        var (resolved, error) = BatchIdentities.Resolve(state, account.Id, identity);
        if (error is not null) return (null, null, error);

        var result = new JsonObject();
        Principal? created = null;
        if (type.Contains("SystemAssigned", StringComparison.OrdinalIgnoreCase))
        {
            var principalId = BatchHttp.String(current?["principalId"]);
            if (principalId is null || !state.Principals.ContainsKey(principalId))
            {
                created = new Principal
                {
                    PrincipalId = Guid.NewGuid().ToString(),
                    ClientId = Guid.NewGuid().ToString(),
                    TenantId = state.TenantId,
                    DisplayName = accountName,
                    Kind = PrincipalKind.ManagedIdentity,
                    ManagedIdentityResourceId = account.Id,
                };
                principalId = created.PrincipalId;
            }
            result["principalId"] = principalId;
            result["tenantId"] = state.TenantId;
        }
        result["type"] = type;
        if (resolved.Count > 0) result["userAssignedIdentities"] = BatchIdentities.ResponseMap(resolved);
        return (result, created, null);
    }

    private static void CommitIdentity(EmulatorState state, ArmResource account, JsonObject identity, Principal? created)
    {
        var previous = BatchHttp.String(account.Body["identity"]?["principalId"]);
        if (previous is not null && previous != BatchHttp.String(identity["principalId"])
            && state.Principals.TryGetValue(previous, out var old) && old.Kind == PrincipalKind.ManagedIdentity
            && ResourceIds.Equal(old.ManagedIdentityResourceId ?? "", account.Id))
        {
            state.Principals.Remove(previous);
        }
        if (created is not null) state.Principals[created.PrincipalId] = created;
        account.Body["identity"] = identity;
    }

    /// <summary>
    /// <c>encryption</c>: Microsoft.Batch needs nothing; Microsoft.KeyVault needs a key identifier
    /// (<c>https://{vault}/keys/{name}[/{version}]</c>) and an account identity.
    /// </summary>
    private static IResult? ValidateEncryption(JsonObject? encryption, JsonObject identity)
    {
        if (encryption is null) return null;
        var keySource = BatchHttp.String(encryption["keySource"]) ?? "Microsoft.Batch";
        if (!keySource.Equals("Microsoft.KeyVault", StringComparison.OrdinalIgnoreCase)) return null;
        var keyIdentifier = BatchHttp.String(encryption["keyVaultProperties"]?["keyIdentifier"]);
        if (string.IsNullOrWhiteSpace(keyIdentifier))
            return ArmErrors.Result(400, "InvalidRequestBody", "The keyVaultProperties.keyIdentifier must be set when keySource is Microsoft.KeyVault.", "encryption.keyVaultProperties.keyIdentifier");
        if (!Uri.TryCreate(keyIdentifier, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !IsKeyPath(uri))
            return ArmErrors.Result(400, "InvalidRequestBody", $"The key identifier '{keyIdentifier}' is not a valid Key Vault key URL (https://<vault>/keys/<name>[/<version>]).", "encryption.keyVaultProperties.keyIdentifier");
        var identityType = BatchHttp.String(identity["type"]) ?? "None";
        if (identityType.Equals("None", StringComparison.OrdinalIgnoreCase))
            return ArmErrors.Result(400, "InvalidRequestBody", "The Batch account must have an identity to use customer-managed keys (encryption keySource Microsoft.KeyVault).", "identity");
        return null;
    }

    private static bool IsKeyPath(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var keys = Array.FindIndex(segments, s => s.Equals("keys", StringComparison.OrdinalIgnoreCase));
        return keys >= 0 && segments.Length - keys is 2 or 3;
    }

    private static JsonObject NewProperties(JsonObject requested, string provisioningState, DateTimeOffset now)
    {
        var mode = BatchHttp.String(requested["poolAllocationMode"]) ?? "BatchService";
        var properties = new JsonObject
        {
            ["accountEndpoint"] = "",
            ["nodeManagementEndpoint"] = "",
            ["provisioningState"] = provisioningState,
        };
        if (mode.Equals("BatchService", StringComparison.OrdinalIgnoreCase))
        {
            properties["dedicatedCoreQuota"] = 500;
            properties["dedicatedCoreQuotaPerVMFamily"] = new JsonArray(
                Family("standardAv2Family", 500), Family("standardDv2Family", 250), Family("standardDv3Family", 500),
                Family("standardDSv3Family", 500), Family("standardDDSv4Family", 100), Family("standardDDSv5Family", 100),
                Family("standardDADSv5Family", 100), Family("standardEDSv5Family", 100));
            properties["dedicatedCoreQuotaPerVMFamilyEnforced"] = true;
            properties["lowPriorityCoreQuota"] = 500;
        }
        properties["poolQuota"] = 100;
        properties["activeJobAndJobScheduleQuota"] = 300;
        properties["poolAllocationMode"] = mode.Equals("UserSubscription", StringComparison.OrdinalIgnoreCase) ? "UserSubscription" : "BatchService";
        if (requested["keyVaultReference"] is JsonObject keyVaultReference) properties["keyVaultReference"] = keyVaultReference.DeepClone();
        if (requested["autoStorage"] is JsonObject autoStorage) properties["autoStorage"] = AutoStorage(autoStorage, now);
        properties["publicNetworkAccess"] = requested["publicNetworkAccess"]?.DeepClone() ?? "Enabled";
        if (requested["networkProfile"] is JsonObject networkProfile) properties["networkProfile"] = networkProfile.DeepClone();
        properties["encryption"] = requested["encryption"]?.DeepClone() ?? new JsonObject { ["keySource"] = "Microsoft.Batch" };
        properties["allowedAuthenticationModes"] = requested["allowedAuthenticationModes"]?.DeepClone()
            ?? new JsonArray("SharedKey", "AAD", "TaskAuthenticationToken");
        return properties;
    }

    private static JsonNode Family(string name, int quota) => new JsonObject { ["name"] = name, ["coreQuota"] = quota };

    private static JsonObject AutoStorage(JsonObject requested, DateTimeOffset now)
    {
        var autoStorage = (JsonObject)requested.DeepClone();
        autoStorage["lastKeySync"] = BatchHttp.Time(now);
        autoStorage["authenticationMode"] ??= "StorageKeys";
        return autoStorage;
    }

    private static void Touch(ArmResource account, DateTimeOffset now)
    {
        account.ModifiedAt = now;
        account.ETag = BatchHttp.NextETagValue(now, account.ETag);
    }

    /// <summary>The account as ARM returns it, with the endpoints computed for this emulator.</summary>
    public static JsonObject View(EmulatorRuntime runtime, ArmResource account)
    {
        var view = (JsonObject)account.Body.DeepClone();
        if (view["properties"] is JsonObject properties)
        {
            properties["accountEndpoint"] = BatchHttp.AccountEndpoint(runtime, account.Name);
            properties["nodeManagementEndpoint"] = $"{NodeManagementId(account)}.{BatchHttp.String(view["location"])}.service.batch.azure.com";
        }
        return view;
    }

    private static string NodeManagementId(ArmResource account)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(account.Id.ToLowerInvariant()));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static IResult Respond(HttpContext context, EmulatorRuntime runtime, ArmResource account)
    {
        context.Response.Headers.ETag = $"\"{account.ETag}\"";
        context.Response.Headers.LastModified = BatchHttp.HttpDate(account.ModifiedAt);
        return BatchHttp.Json(View(runtime, account));
    }
}
