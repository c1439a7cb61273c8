using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.KeyVault;

/// <summary>
/// <c>Microsoft.KeyVault/vaults</c>: PUT (create or update; an <c>accessPolicies</c> array replaces the whole
/// list, as in Azure), GET, PATCH (given properties replace, others stay), DELETE (soft delete), LIST by
/// subscription and resource group (<c>$top</c>, nextLink), and checkNameAvailability.
/// </summary>
public static partial class VaultEndpoints
{
    internal const string Provider = "Microsoft.KeyVault";
    internal const string TypeName = "vaults";
    internal const string ReadAction = "Microsoft.KeyVault/vaults/read";
    internal const string WriteAction = "Microsoft.KeyVault/vaults/write";
    internal const string DeleteAction = "Microsoft.KeyVault/vaults/delete";

    public static void Map(WebApplication app)
    {
        const string item = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}";
        app.MapPut(item, (string subscriptionId, string resourceGroupName, string vaultName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.RunAsync(context, runtime, call => VaultWriteGate.WriteAsync(call, () => PreparePut(call, subscriptionId, resourceGroupName, vaultName))));
        app.MapPatch(item, (string subscriptionId, string resourceGroupName, string vaultName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.RunAsync(context, runtime, call => VaultWriteGate.WriteAsync(call, () => PreparePatch(call, subscriptionId, resourceGroupName, vaultName))));
        app.MapDelete(item, (string subscriptionId, string resourceGroupName, string vaultName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.RunAsync(context, runtime, call => DeleteAsync(call, subscriptionId, resourceGroupName, vaultName)));
        app.MapGet(item, (string subscriptionId, string resourceGroupName, string vaultName, HttpContext context, EmulatorRuntime runtime) =>
            ArmHandler.Run(context, runtime, call => Get(call, subscriptionId, resourceGroupName, vaultName)));
        app.MapGet("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults",
            (string subscriptionId, string resourceGroupName, HttpContext context, EmulatorRuntime runtime) =>
                ArmHandler.Run(context, runtime, call => List(call, subscriptionId, resourceGroupName)));
        app.MapGet("/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/vaults",
            (string subscriptionId, HttpContext context, EmulatorRuntime runtime) =>
                ArmHandler.Run(context, runtime, call => List(call, subscriptionId, null)));
        app.MapPost("/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/checkNameAvailability",
            (string subscriptionId, HttpContext context, EmulatorRuntime runtime) =>
                ArmHandler.Run(context, runtime, call => CheckNameAvailability(call, subscriptionId)));
    }

    public static string VaultId(string subscriptionId, string resourceGroup, string name) =>
        ResourceIds.Resource(subscriptionId, resourceGroup, Provider, $"{TypeName}/{name}");

    /// <summary>The vault as ARM returns it: the stored body with this emulator's <c>vaultUri</c>.</summary>
    public static JsonObject Response(EmulatorRuntime runtime, ArmResource vault)
    {
        var body = vault.Body.DeepClone().AsObject();
        body["properties"]!["vaultUri"] = VaultStore.VaultUri(runtime, vault.Name);
        return body;
    }

    /// <summary>Finds the vault in this group, or 404 ResourceNotFound.</summary>
    internal static ArmResource Require(ArmCall call, string subscriptionId, string resourceGroup, string name) =>
        call.State.Get(VaultId(subscriptionId, resourceGroup, name)) is { } vault && vault.Type.Equals(VaultStore.VaultType, StringComparison.OrdinalIgnoreCase)
            ? vault
            : throw ArmFailures.ResourceNotFound(VaultStore.VaultType, name, resourceGroup);

    private static (string, Func<IResult>) PreparePut(ArmCall call, string subscriptionId, string resourceGroup, string name)
    {
        var id = VaultId(subscriptionId, resourceGroup, name);
        call.Guard(subscriptionId, Provider, TypeName, id, WriteAction, resourceGroup);
        ValidateName(name);
        var body = call.Body;
        var location = ArmFailures.RequireLocation(ArmJson.String(body, "location", "location"), VaultStore.VaultType);
        var tags = ArmJson.Tags(body);
        var properties = ArmJson.Object(body, "properties", "properties")
            ?? throw ArmException.InvalidRequestContent("Required property 'properties' not found in JSON. Path '', line 1, position 2.");
        var createMode = CreateMode(properties);

        var existing = call.State.Get(id) is { } found && found.Type.Equals(VaultStore.VaultType, StringComparison.OrdinalIgnoreCase) ? found : null;
        if (existing is null)
        {
            if (VaultStore.FindByName(call.State, name) is not null)
                throw new ArmException(409, "VaultAlreadyExists",
                    $"The vault name '{name}' is already in use. Vault names are globally unique so it is possible that the name is already taken.");
            var deleted = VaultStore.FindDeleted(call.State, name);
            if (createMode == "recover")
            {
                if (deleted is null)
                    throw new ArmException(404, "ResourceNotFound", $"A deleted vault with the name '{name}' was not found, so it cannot be recovered.");
                return (name, () =>
                {
                    var vault = VaultStore.Recover(call.State, deleted, id, call.Now);
                    if (tags is not null) vault.Body["tags"] = tags;
                    Touch(call, vault);
                    return Results.Json(Response(call.Runtime, vault), statusCode: 200);
                });
            }
            if (deleted is not null) throw new ArmException(409, "ConflictError", "Exist soft deleted vault with the same name. ");
        }

        var tenantId = ArmJson.String(properties, "tenantId", "properties.tenantId");
        if (existing is null && tenantId is null)
            throw ArmException.InvalidRequestContent("Required property 'tenantId' not found in JSON. Path 'properties'");
        if (existing is null && !properties.ContainsKey("sku"))
            throw ArmException.InvalidRequestContent("Required property 'sku' not found in JSON. Path 'properties'");

        var updated = existing?.Body.DeepClone().AsObject() ?? NewBody(call, id, name, location);
        if (existing is not null)
        {
            var current = (string)existing.Body["location"]!;
            if (!current.Equals(location, StringComparison.OrdinalIgnoreCase))
                throw ArmFailures.InvalidResourceLocation(existing.Name, current, resourceGroup, location);
        }
        updated["tags"] = tags ?? (existing is null ? new JsonObject() : updated["tags"]?.DeepClone() ?? new JsonObject());
        ApplyProperties(call, updated["properties"]!.AsObject(), properties, isCreate: existing is null);

        return (name, () =>
        {
            ArmResource vault;
            if (existing is null)
            {
                if (VaultStore.FindByName(call.State, name) is not null)
                    throw new ArmException(409, "VaultAlreadyExists",
                        $"The vault name '{name}' is already in use. Vault names are globally unique so it is possible that the name is already taken.");
                vault = new ArmResource { Id = id, Type = VaultStore.VaultType, CreatedAt = call.Now, ModifiedAt = call.Now, Body = updated };
                call.State.Put(vault);
                // Azure answers the create while the vault's DNS name registers; reads afterwards show it done.
                var response = Response(call.Runtime, vault);
                response["properties"]!["provisioningState"] = "RegisteringDns";
                return Results.Json(response, statusCode: 200);
            }
            vault = call.State.Get(id) ?? throw ArmFailures.ResourceNotFound(VaultStore.VaultType, name, resourceGroup);
            vault.Body = updated;
            Touch(call, vault);
            return Results.Json(Response(call.Runtime, vault), statusCode: 200);
        });
    }

    private static (string, Func<IResult>) PreparePatch(ArmCall call, string subscriptionId, string resourceGroup, string name)
    {
        var id = VaultId(subscriptionId, resourceGroup, name);
        call.Guard(subscriptionId, Provider, TypeName, id, WriteAction, resourceGroup);
        var vault = Require(call, subscriptionId, resourceGroup, name);
        var body = call.Body;
        var updated = vault.Body.DeepClone().AsObject();
        if (body.ContainsKey("tags")) updated["tags"] = ArmJson.Tags(body) ?? new JsonObject();
        if (ArmJson.Object(body, "properties", "properties") is { } properties)
        {
            CreateMode(properties);
            ApplyProperties(call, updated["properties"]!.AsObject(), properties, isCreate: false);
        }
        return (name, () =>
        {
            var current = call.State.Get(id) ?? throw ArmFailures.ResourceNotFound(VaultStore.VaultType, name, resourceGroup);
            current.Body = updated;
            Touch(call, current);
            return Results.Json(Response(call.Runtime, current), statusCode: 200);
        });
    }

    private static Task<IResult> DeleteAsync(ArmCall call, string subscriptionId, string resourceGroup, string name)
    {
        lock (call.State.Sync)
        {
            var id = VaultId(subscriptionId, resourceGroup, name);
            call.Guard(subscriptionId, Provider, TypeName, id, DeleteAction, resourceGroup);
            if (call.State.Get(id) is not { } vault || !vault.Type.Equals(VaultStore.VaultType, StringComparison.OrdinalIgnoreCase))
                return Task.FromResult(Results.StatusCode(204));
        }
        return VaultWriteGate.WriteAsync(call, () => (name, () =>
        {
            var vault = call.State.Get(VaultId(subscriptionId, resourceGroup, name));
            if (vault is null) return Results.StatusCode(204);
            VaultStore.Delete(call.State, vault, call.Now);
            return Results.StatusCode(200);
        }));
    }

    private static IResult Get(ArmCall call, string subscriptionId, string resourceGroup, string name)
    {
        call.Guard(subscriptionId, Provider, TypeName, VaultId(subscriptionId, resourceGroup, name), ReadAction, resourceGroup);
        return Results.Json(Response(call.Runtime, Require(call, subscriptionId, resourceGroup, name)));
    }

    private static IResult List(ArmCall call, string subscriptionId, string? resourceGroup)
    {
        string scope;
        if (resourceGroup is null)
        {
            call.GuardUnauthorized(subscriptionId, Provider, TypeName);
            scope = ResourceIds.Subscription(subscriptionId);
        }
        else
        {
            scope = ResourceIds.ResourceGroup(subscriptionId, resourceGroup);
            call.Guard(subscriptionId, Provider, TypeName, scope, ReadAction, resourceGroup);
        }
        var items = call.State.ListByType(VaultStore.VaultType, scope)
            .Where(v => call.CallerMay(v.Id, ReadAction))
            .Select(v => (JsonNode)Response(call.Runtime, v))
            .ToList();
        return Results.Json(ArmPaging.Page(call, items, topAllowed: true));
    }

    private static IResult CheckNameAvailability(ArmCall call, string subscriptionId)
    {
        call.Guard(subscriptionId, Provider, TypeName, ResourceIds.Subscription(subscriptionId), "Microsoft.KeyVault/checkNameAvailability/read");
        var body = call.Body;
        var name = ArmJson.String(body, "name", "name")
            ?? throw ArmException.InvalidRequestContent("Required property 'name' not found in JSON. Path '', line 1, position 2.");
        var type = ArmJson.String(body, "type", "type");
        if (!string.Equals(type, VaultStore.VaultType, StringComparison.OrdinalIgnoreCase))
            throw ArmException.InvalidRequestContent($"Error converting value \"{type}\" to type 'Type'. Path 'type'");
        JsonObject result;
        if (!IsValidName(name))
            result = new JsonObject { ["nameAvailable"] = false, ["reason"] = "AccountNameInvalid", ["message"] = InvalidNameMessage(name) };
        else if (VaultStore.FindByName(call.State, name) is not null || VaultStore.FindDeleted(call.State, name) is not null)
            result = new JsonObject
            {
                ["nameAvailable"] = false,
                ["reason"] = "AlreadyExists",
                ["message"] = $"The vault name '{name}' is already in use. Vault names are globally unique so it is possible that the name is already taken.",
            };
        else
            result = new JsonObject { ["nameAvailable"] = true };
        return Results.Json(result);
    }

    private static JsonObject NewBody(ArmCall call, string id, string name, string location)
    {
        var (by, byType) = call.SystemDataIdentity();
        var now = ArmTime.Iso(call.Now);
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["type"] = VaultStore.VaultType,
            ["location"] = location,
            ["tags"] = new JsonObject(),
            ["systemData"] = new JsonObject
            {
                ["createdBy"] = by,
                ["createdByType"] = byType,
                ["createdAt"] = now,
                ["lastModifiedBy"] = by,
                ["lastModifiedByType"] = byType,
                ["lastModifiedAt"] = now,
            },
            ["properties"] = new JsonObject
            {
                ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
                ["tenantId"] = call.State.TenantId,
                ["accessPolicies"] = new JsonArray(),
                ["enabledForDeployment"] = false,
                ["enabledForDiskEncryption"] = false,
                ["enabledForTemplateDeployment"] = false,
                ["enableSoftDelete"] = true,
                ["softDeleteRetentionInDays"] = VaultStore.DefaultRetentionDays,
                ["enableRbacAuthorization"] = string.CompareOrdinal(call.ApiVersion, ArmApiVersions.KeyVaultRbacDefaultSince) >= 0,
                ["vaultUri"] = null,
                ["provisioningState"] = "Succeeded",
                ["publicNetworkAccess"] = "Enabled",
            },
        };
    }

    private static void Touch(ArmCall call, ArmResource vault)
    {
        var (by, byType) = call.SystemDataIdentity();
        if (vault.Body["systemData"] is JsonObject systemData)
        {
            systemData["lastModifiedBy"] = by;
            systemData["lastModifiedByType"] = byType;
            systemData["lastModifiedAt"] = ArmTime.Iso(call.Now);
        }
        vault.ModifiedAt = call.Now;
    }

    /// <summary>Applies the given vault properties onto <paramref name="target"/> (PUT and PATCH alike: given ones replace).</summary>
    private static void ApplyProperties(ArmCall call, JsonObject target, JsonObject properties, bool isCreate)
    {
        if (ArmJson.String(properties, "tenantId", "properties.tenantId") is { } tenantId)
        {
            if (!Guid.TryParse(tenantId, out _))
                throw ArmException.InvalidRequestContent($"Error converting value \"{tenantId}\" to type 'System.Guid'. Path 'properties.tenantId'");
            target["tenantId"] = tenantId;
        }
        if (ArmJson.Object(properties, "sku", "properties.sku") is { } sku)
        {
            var skuName = ArmJson.String(sku, "name", "properties.sku.name");
            var family = ArmJson.String(sku, "family", "properties.sku.family") ?? "A";
            var canonical = skuName?.ToLowerInvariant() switch { "standard" => "standard", "premium" => "premium", _ => null };
            if (canonical is null || !family.Equals("A", StringComparison.OrdinalIgnoreCase))
                throw ArmException.InvalidRequestContent($"Error converting value \"{(canonical is null ? skuName : family)}\" to type '{(canonical is null ? "SkuName" : "SkuFamily")}'. Path 'properties.sku.{(canonical is null ? "name" : "family")}'");
            target["sku"] = new JsonObject { ["family"] = "A", ["name"] = canonical };
        }
        foreach (var flag in new[] { "enabledForDeployment", "enabledForDiskEncryption", "enabledForTemplateDeployment", "enableRbacAuthorization" })
        {
            if (ArmJson.Bool(properties, flag, $"properties.{flag}") is { } value) target[flag] = value;
        }
        if (ArmJson.Bool(properties, "enableSoftDelete", "properties.enableSoftDelete") is { } softDelete)
        {
            if (!softDelete && !isCreate && ((bool?)target["enableSoftDelete"] ?? false))
                throw new ArmException(400, "BadRequest", "The property \"enableSoftDelete\" cannot be set to false once soft delete has been enabled. Soft delete cannot be disabled.");
            target["enableSoftDelete"] = softDelete;
        }
        if (ArmJson.Int(properties, "softDeleteRetentionInDays", "properties.softDeleteRetentionInDays") is { } retention)
        {
            if (retention is < 7 or > 90)
                throw new ArmException(400, "BadRequest", $"The value '{retention}' of property \"softDeleteRetentionInDays\" is invalid. It accepts values from 7 to 90.");
            target["softDeleteRetentionInDays"] = retention;
        }
        if (ArmJson.Bool(properties, "enablePurgeProtection", "properties.enablePurgeProtection") is { } purgeProtection)
        {
            if (!purgeProtection)
                throw new ArmException(400, "BadRequest", "The property \"enablePurgeProtection\" cannot be set to false. Enabling the purge protection for a vault is an irreversible action.");
            if (!((bool?)target["enableSoftDelete"] ?? true))
                throw new ArmException(400, "BadRequest", "The property \"enablePurgeProtection\" can only be set to true when \"enableSoftDelete\" is true.");
            InsertBefore(target, "enablePurgeProtection", true, "vaultUri");
        }
        if (ArmJson.String(properties, "publicNetworkAccess", "properties.publicNetworkAccess") is { } access)
        {
            target["publicNetworkAccess"] = access.ToLowerInvariant() switch
            {
                "enabled" => "Enabled",
                "disabled" => "Disabled",
                _ => throw new ArmException(400, "BadRequest", $"The value '{access}' of property \"publicNetworkAccess\" is invalid. Valid values are 'Enabled' and 'Disabled'."),
            };
        }
        if (ArmJson.Object(properties, "networkAcls", "properties.networkAcls") is { } networkAcls)
            InsertBefore(target, "networkAcls", networkAcls.DeepClone(), "vaultUri");
        if (ArmJson.Array(properties, "accessPolicies", "properties.accessPolicies") is { } policies)
        {
            var parsed = AccessPolicies.Parse(policies, (string)target["tenantId"]!, "properties.accessPolicies");
            target["accessPolicies"] = new JsonArray(parsed.Select(p => (JsonNode)p).ToArray());
        }
    }

    private static void InsertBefore(JsonObject target, string name, JsonNode value, string before)
    {
        if (target.ContainsKey(name) || !target.ContainsKey(before))
        {
            target[name] = value;
            return;
        }
        var entries = target.ToList();
        target.Clear();
        foreach (var (key, node) in entries)
        {
            if (key == before) target[name] = value;
            target[key] = node;
        }
    }

    private static string? CreateMode(JsonObject properties)
    {
        var createMode = ArmJson.String(properties, "createMode", "properties.createMode");
        return createMode?.ToLowerInvariant() switch
        {
            null => null,
            "default" => "default",
            "recover" => "recover",
            _ => throw ArmException.InvalidRequestContent($"Error converting value \"{createMode}\" to type 'CreateMode'. Path 'properties.createMode'"),
        };
    }

    public static bool IsValidName(string name) => NamePattern().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal);

    private static void ValidateName(string name)
    {
        if (!IsValidName(name)) throw new ArmException(400, "VaultNameNotValid", InvalidNameMessage(name));
    }

    private static string InvalidNameMessage(string name) =>
        $"The vault name '{name}' is invalid. A vault's name must be between 3-24 alphanumeric characters. The name must begin with a letter, end with a letter or digit, and not contain consecutive hyphens. Follow this link for more information: https://go.microsoft.com/fwlink/?linkid=2147742";

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$")]
    private static partial Regex NamePattern();
}
