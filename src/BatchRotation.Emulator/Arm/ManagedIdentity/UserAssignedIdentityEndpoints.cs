using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Identity;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.ManagedIdentity;

/// <summary>
/// <c>Microsoft.ManagedIdentity/userAssignedIdentities</c> (2023-01-31, 2024-11-30): PUT (201/200), GET, PATCH,
/// DELETE (200/204), LIST by resource group and by subscription. Creating one adds its service principal
/// (kind ManagedIdentity) to the directory; deleting it removes the principal.
/// </summary>
public static partial class UserAssignedIdentityEndpoints
{
    private const string Provider = "Microsoft.ManagedIdentity";
    private const string TypeName = "userAssignedIdentities";
    private const string ReadAction = "Microsoft.ManagedIdentity/userAssignedIdentities/read";
    private const string WriteAction = "Microsoft.ManagedIdentity/userAssignedIdentities/write";
    private const string DeleteAction = "Microsoft.ManagedIdentity/userAssignedIdentities/delete";
    private const string IsolationScopeSince = "2024-11-30";

    public static void Map(WebApplication app)
    {
        const string item = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}";
        app.MapPut(item, (string subscriptionId, string resourceGroupName, string resourceName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => Put(call, subscriptionId, resourceGroupName, resourceName)));
        app.MapGet(item, (string subscriptionId, string resourceGroupName, string resourceName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => Get(call, subscriptionId, resourceGroupName, resourceName)));
        app.MapPatch(item, (string subscriptionId, string resourceGroupName, string resourceName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => Patch(call, subscriptionId, resourceGroupName, resourceName)));
        app.MapDelete(item, (string subscriptionId, string resourceGroupName, string resourceName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => Delete(call, subscriptionId, resourceGroupName, resourceName)));
        app.MapGet("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities",
            (string subscriptionId, string resourceGroupName, HttpContext context, EmulatorRuntime runtime) =>
                ArmHandler.Run(context, runtime, call => List(call, subscriptionId, resourceGroupName)));
        app.MapGet("/subscriptions/{subscriptionId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities",
            (string subscriptionId, HttpContext context, EmulatorRuntime runtime) =>
                ArmHandler.Run(context, runtime, call => List(call, subscriptionId, null)));
    }

    /// <summary>The id as the managed identity provider writes it (note the lower-case <c>resourcegroups</c>).</summary>
    public static string IdentityId(string subscriptionId, string resourceGroup, string name) =>
        $"/subscriptions/{subscriptionId}/resourcegroups/{resourceGroup}/providers/{IdentityStore.IdentityType}/{name}";

    private static IResult Put(ArmCall call, string subscriptionId, string resourceGroup, string name)
    {
        var id = IdentityId(subscriptionId, resourceGroup, name);
        call.Guard(subscriptionId, Provider, TypeName, id, WriteAction, resourceGroup);
        ValidateName(name);
        var body = call.Body;
        var location = ArmFailures.RequireLocation(ArmJson.String(body, "location", "location"), IdentityStore.IdentityType);
        var tags = ArmJson.Tags(body) ?? new JsonObject();
        var isolationScope = IsolationScope(call, body);

        if (call.State.Get(id) is { } existing)
        {
            var current = (string)existing.Body["location"]!;
            if (!current.Equals(location, StringComparison.OrdinalIgnoreCase))
                throw ArmFailures.InvalidResourceLocation(existing.Name, current, resourceGroup, location);
            existing.Body["tags"] = tags;
            if (isolationScope is not null) existing.Body["properties"]!["isolationScope"] = isolationScope;
            existing.ModifiedAt = call.Now;
            return Results.Json(Response(call, existing), statusCode: 200);
        }

        var principal = new Principal
        {
            PrincipalId = Guid.NewGuid().ToString(),
            ClientId = Guid.NewGuid().ToString(),
            TenantId = call.State.TenantId,
            DisplayName = name,
            Kind = PrincipalKind.ManagedIdentity,
            ManagedIdentityResourceId = id,
        };
        call.State.Principals[principal.PrincipalId] = principal;
        var resource = new ArmResource
        {
            Id = id,
            Type = IdentityStore.IdentityType,
            CreatedAt = call.Now,
            ModifiedAt = call.Now,
            Body = new JsonObject
            {
                ["name"] = name,
                ["type"] = IdentityStore.IdentityType,
                ["id"] = id,
                ["location"] = location,
                ["tags"] = tags,
                ["properties"] = new JsonObject
                {
                    ["clientId"] = principal.ClientId,
                    ["isolationScope"] = isolationScope ?? "None",
                    ["principalId"] = principal.PrincipalId,
                    ["tenantId"] = principal.TenantId,
                },
            },
        };
        call.State.Put(resource);
        return Results.Json(Response(call, resource), statusCode: 201);
    }

    private static IResult Get(ArmCall call, string subscriptionId, string resourceGroup, string name)
    {
        var id = IdentityId(subscriptionId, resourceGroup, name);
        call.Guard(subscriptionId, Provider, TypeName, id, ReadAction, resourceGroup);
        var identity = Find(call, id) ?? throw ArmFailures.ResourceNotFound(IdentityStore.IdentityType, name, resourceGroup);
        return Results.Json(Response(call, identity));
    }

    private static IResult Patch(ArmCall call, string subscriptionId, string resourceGroup, string name)
    {
        var id = IdentityId(subscriptionId, resourceGroup, name);
        call.Guard(subscriptionId, Provider, TypeName, id, WriteAction, resourceGroup);
        var identity = Find(call, id) ?? throw ArmFailures.ResourceNotFound(IdentityStore.IdentityType, name, resourceGroup);
        var body = call.Body;
        if (body.ContainsKey("tags")) identity.Body["tags"] = ArmJson.Tags(body) ?? new JsonObject();
        if (IsolationScope(call, body) is { } isolationScope) identity.Body["properties"]!["isolationScope"] = isolationScope;
        identity.ModifiedAt = call.Now;
        return Results.Json(Response(call, identity));
    }

    private static IResult Delete(ArmCall call, string subscriptionId, string resourceGroup, string name)
    {
        var id = IdentityId(subscriptionId, resourceGroup, name);
        call.Guard(subscriptionId, Provider, TypeName, id, DeleteAction, resourceGroup);
        if (Find(call, id) is not { } identity) return Results.StatusCode(204);
        IdentityStore.Delete(call.State, identity);
        call.State.RemoveWithChildren(identity.Id);
        return Results.StatusCode(200);
    }

    private static IResult List(ArmCall call, string subscriptionId, string? resourceGroup)
    {
        var scope = resourceGroup is null ? ResourceIds.Subscription(subscriptionId) : ResourceIds.ResourceGroup(subscriptionId, resourceGroup);
        if (resourceGroup is null) call.GuardUnauthorized(subscriptionId, Provider, TypeName);
        else call.Guard(subscriptionId, Provider, TypeName, scope, ReadAction, resourceGroup);
        var items = call.State.ListByType(IdentityStore.IdentityType, scope)
            .Where(i => call.CallerMay(i.Id, ReadAction))
            .Select(i => (JsonNode)Response(call, i))
            .ToList();
        return Results.Json(ArmPaging.Page(call, items, topAllowed: false));
    }

    private static ArmResource? Find(ArmCall call, string id) =>
        call.State.Get(id) is { } r && r.Type.Equals(IdentityStore.IdentityType, StringComparison.OrdinalIgnoreCase) ? r : null;

    /// <summary>The identity as the requested api-version shows it (2023-01-31 has no isolationScope).</summary>
    private static JsonObject Response(ArmCall call, ArmResource identity)
    {
        var body = identity.Body.DeepClone().AsObject();
        if (string.CompareOrdinal(call.ApiVersion, IsolationScopeSince) < 0) body["properties"]!.AsObject().Remove("isolationScope");
        return body;
    }

    private static string? IsolationScope(ArmCall call, JsonObject body)
    {
        var properties = ArmJson.Object(body, "properties", "properties");
        var value = ArmJson.String(properties, "isolationScope", "properties.isolationScope");
        if (value is null || string.CompareOrdinal(call.ApiVersion, IsolationScopeSince) < 0) return null;
        return value switch
        {
            _ when value.Equals("None", StringComparison.OrdinalIgnoreCase) => "None",
            _ when value.Equals("Regional", StringComparison.OrdinalIgnoreCase) => "Regional",
            _ => throw new ArmException(400, "InvalidRequestContent",
                $"The request content was invalid and could not be deserialized: 'Error converting value \"{value}\" to type 'IsolationScope'. Path 'properties.isolationScope'.'."),
        };
    }

    private static void ValidateName(string name)
    {
        if (!NamePattern().IsMatch(name))
            throw new ArmException(400, "InvalidResourceName",
                $"Resource name {name} is invalid. The name can be between 3 and 128 characters long. It must begin with a letter or a number, and can contain letters, numbers, hyphens and underscores.");
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$")]
    private static partial Regex NamePattern();
}
