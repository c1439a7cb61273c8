using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.Resources;

/// <summary>
/// <c>Microsoft.Resources/resourceGroups</c>: PUT (201/200), GET, HEAD, PATCH, LIST, DELETE (202 + Location,
/// polled at <c>/subscriptions/{s}/operationresults/{id}</c>).
/// </summary>
public static partial class ResourceGroupEndpoints
{
    private const string Provider = "Microsoft.Resources";
    private const string TypeName = "resourceGroups";
    private const string ReadAction = "Microsoft.Resources/subscriptions/resourceGroups/read";
    private const string WriteAction = "Microsoft.Resources/subscriptions/resourceGroups/write";
    private const string DeleteAction = "Microsoft.Resources/subscriptions/resourceGroups/delete";

    public static void Map(WebApplication app)
    {
        const string item = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}";
        app.MapPut(item, (string subscriptionId, string resourceGroupName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => Put(call, subscriptionId, resourceGroupName)));
        app.MapGet(item, (string subscriptionId, string resourceGroupName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => Get(call, subscriptionId, resourceGroupName)));
        app.MapMethods(item, [HttpMethods.Head], (string subscriptionId, string resourceGroupName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => Head(call, subscriptionId, resourceGroupName)));
        app.MapPatch(item, (string subscriptionId, string resourceGroupName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => Patch(call, subscriptionId, resourceGroupName)));
        app.MapDelete(item, (string subscriptionId, string resourceGroupName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => Delete(call, subscriptionId, resourceGroupName)));
        app.MapGet("/subscriptions/{subscriptionId}/resourcegroups", (string subscriptionId, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => List(call, subscriptionId)));
        app.MapGet("/subscriptions/{subscriptionId}/operationresults/{operationId}", (string subscriptionId, string operationId, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => OperationResult(call, subscriptionId, operationId)));
    }

    private static IResult Put(ArmCall call, string subscriptionId, string name)
    {
        var id = ResourceIds.ResourceGroup(subscriptionId, name);
        call.Guard(subscriptionId, Provider, TypeName, id, WriteAction);
        ValidateName(name);
        var body = call.Body;
        var location = ArmJson.String(body, "location", "location");
        if (string.IsNullOrWhiteSpace(location))
            throw new ArmException(400, "LocationRequired", "The location property is required for this definition.");
        var normalized = ArmLocations.Normalize(location);
        if (!ArmLocations.IsKnown(normalized))
            throw new ArmException(400, "LocationNotAvailableForResourceGroup",
                $"The provided location '{location}' is not available for resource group. List of available regions is '{ArmLocations.List}'.");
        var tags = ArmJson.Tags(body);
        var managedBy = ArmJson.String(body, "managedBy", "managedBy");

        var existing = ResourceGroupStore.Get(call.State, subscriptionId, name);
        if (existing is not null)
        {
            if (ResourceGroupStore.IsDeleting(existing))
                throw new ArmException(409, "ResourceGroupBeingDeleted", $"The resource group '{existing.Name}' is in deprovisioning state and cannot perform this operation.");
            var current = (string)existing.Body["location"]!;
            if (!current.Equals(normalized, StringComparison.OrdinalIgnoreCase))
                throw new ArmException(409, "InvalidResourceGroupLocation",
                    $"Invalid resource group location '{normalized}'. The Resource group already exists in location '{current}'.");
            existing.Body = Shape(existing.Id, existing.Name, current, tags, managedBy);
            existing.ModifiedAt = call.Now;
            return Results.Json(existing.Body, statusCode: 200);
        }

        var group = new ArmResource
        {
            Id = id,
            Type = ResourceGroupStore.Type,
            CreatedAt = call.Now,
            ModifiedAt = call.Now,
            Body = Shape(id, name, normalized, tags, managedBy),
        };
        call.State.Put(group);
        return Results.Json(group.Body, statusCode: 201);
    }

    private static IResult Get(ArmCall call, string subscriptionId, string name)
    {
        var id = ResourceIds.ResourceGroup(subscriptionId, name);
        call.Guard(subscriptionId, Provider, TypeName, id, ReadAction);
        var group = ResourceGroupStore.Get(call.State, subscriptionId, name) ?? throw NotFound(name);
        return Results.Json(group.Body);
    }

    private static IResult Head(ArmCall call, string subscriptionId, string name)
    {
        var id = ResourceIds.ResourceGroup(subscriptionId, name);
        call.Guard(subscriptionId, Provider, TypeName, id, ReadAction);
        return Results.StatusCode(ResourceGroupStore.Get(call.State, subscriptionId, name) is null ? 404 : 204);
    }

    private static IResult Patch(ArmCall call, string subscriptionId, string name)
    {
        var id = ResourceIds.ResourceGroup(subscriptionId, name);
        call.Guard(subscriptionId, Provider, TypeName, id, WriteAction);
        var group = ResourceGroupStore.Get(call.State, subscriptionId, name) ?? throw NotFound(name);
        if (ResourceGroupStore.IsDeleting(group))
            throw new ArmException(409, "ResourceGroupBeingDeleted", $"The resource group '{group.Name}' is in deprovisioning state and cannot perform this operation.");
        var body = call.Body;
        var location = (string)group.Body["location"]!;
        if (ArmJson.String(body, "location", "location") is { } requested && !ArmLocations.Normalize(requested).Equals(location, StringComparison.OrdinalIgnoreCase))
            throw new ArmException(409, "InvalidResourceGroupLocation",
                $"Invalid resource group location '{ArmLocations.Normalize(requested)}'. The Resource group already exists in location '{location}'.");
        var tags = body.ContainsKey("tags") ? ArmJson.Tags(body) : group.Body["tags"]?.AsObject().DeepClone().AsObject();
        var managedBy = body.ContainsKey("managedBy") ? ArmJson.String(body, "managedBy", "managedBy") : (string?)group.Body["managedBy"];
        group.Body = Shape(group.Id, group.Name, location, tags, managedBy);
        group.ModifiedAt = call.Now;
        return Results.Json(group.Body);
    }

    private static IResult Delete(ArmCall call, string subscriptionId, string name)
    {
        var id = ResourceIds.ResourceGroup(subscriptionId, name);
        call.Guard(subscriptionId, Provider, TypeName, id, DeleteAction);
        var group = ResourceGroupStore.Get(call.State, subscriptionId, name) ?? throw NotFound(name);
        var settings = ArmSettings.For(call.Runtime);
        var operation = ResourceGroupStore.BeginDelete(call.State, group, call.Now.AddSeconds(settings.ResourceGroupDeletionSeconds), call.Now);
        return Accepted(call, subscriptionId, operation);
    }

    private static IResult List(ArmCall call, string subscriptionId)
    {
        // Listing needs no subscription-wide right: ARM lists the groups the caller can read.
        ResourceGroupStore.CompleteDue(call.State, call.Now);
        if (!call.State.SubscriptionExists(subscriptionId)) throw ArmException.From(ArmErrors.SubscriptionNotFound(subscriptionId));
        if (ArmGuard.ApiVersionError(call.Http, Provider, TypeName) is { } versionError) throw ArmException.From(versionError);
        var groups = call.State.ListByType(ResourceGroupStore.Type, ResourceIds.Subscription(subscriptionId))
            .Where(g => call.CallerMay(g.Id, ReadAction))
            .Select(g => (JsonNode)g.Body)
            .ToList();
        return Results.Json(ArmPaging.Page(call, groups, topAllowed: true));
    }

    private static IResult OperationResult(ArmCall call, string subscriptionId, string operationId)
    {
        ResourceGroupStore.CompleteDue(call.State, call.Now);
        if (!call.State.SubscriptionExists(subscriptionId)) throw ArmException.From(ArmErrors.SubscriptionNotFound(subscriptionId));
        if (ArmGuard.ApiVersionError(call.Http, Provider, TypeName) is { } versionError) throw ArmException.From(versionError);
        if (!call.State.Operations.TryGetValue(operationId, out var operation) || !operation.Id.StartsWith(ResourceGroupStore.OperationPrefix, StringComparison.Ordinal)
            || !ResourceIds.Equal(ResourceIds.SubscriptionOf(operation.ResourceId) ?? "", subscriptionId))
            throw new ArmException(404, "OperationNotFound", $"The operation '{operationId}' could not be found.");
        return operation.Status == "InProgress" ? Accepted(call, subscriptionId, operation) : Results.StatusCode(200);
    }

    private static IResult Accepted(ArmCall call, string subscriptionId, LongRunningOperation operation)
    {
        var headers = call.Http.Response.Headers;
        headers.Location = $"{call.Runtime.Endpoint}subscriptions/{subscriptionId}/operationresults/{operation.Id}?api-version={Uri.EscapeDataString(call.ApiVersion)}";
        var scale = Math.Max(call.Runtime.Clock.Scale, 0.001);
        var seconds = Math.Clamp((int)Math.Ceiling((operation.CompletesAt - call.Now).TotalSeconds / scale), 1, 15);
        headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.StatusCode(202);
    }

    private static JsonObject Shape(string id, string name, string location, JsonObject? tags, string? managedBy)
    {
        var body = new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["type"] = ResourceGroupStore.Type,
            ["location"] = location,
        };
        if (tags is not null) body["tags"] = tags.DeepClone();
        if (managedBy is not null) body["managedBy"] = managedBy;
        body["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" };
        return body;
    }

    private static void ValidateName(string name)
    {
        if (name.Length > 90 || name.EndsWith('.') || !NamePattern().IsMatch(name))
        {
            var invalid = string.Concat(name.Where(c => !(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '(' or ')')).Distinct());
            throw new ArmException(400, "InvalidResourceGroup",
                invalid.Length > 0
                    ? $"The provided resource group name '{name}' has these invalid characters: '{invalid}'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'."
                    : $"Resource group name '{name}' is invalid. Resource group names only allow alphanumeric characters, periods, underscores, hyphens and parenthesis and cannot end in a period, and must be 90 characters or less.");
        }
    }

    private static ArmException NotFound(string name) => new(404, "ResourceGroupNotFound", $"Resource group '{name}' could not be found.");

    [GeneratedRegex(@"^[-\w\._\(\)]+$")]
    private static partial Regex NamePattern();
}
