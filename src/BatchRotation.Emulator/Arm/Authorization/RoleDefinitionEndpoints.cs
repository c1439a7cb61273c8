using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.Authorization;

/// <summary>
/// <c>Microsoft.Authorization/roleDefinitions</c>: GET one and LIST (with <c>$filter=roleName eq '...'</c> or
/// <c>type eq 'BuiltInRole'</c>) at any scope, returning the built-in catalog in ARM's shape.
/// </summary>
public static partial class RoleDefinitionEndpoints
{
    public const string Type = "Microsoft.Authorization/roleDefinitions";
    private const string Provider = "Microsoft.Authorization";
    private const string ReadAction = "Microsoft.Authorization/roleDefinitions/read";

    /// <summary>When Azure created and last changed its built-in roles is not modelled: all show these times.</summary>
    private const string CatalogCreatedOn = "2015-02-02T21:55:09.8806423Z";
    private const string CatalogUpdatedOn = "2024-01-01T00:00:00.0000000Z";

    public static void Map(WebApplication app)
    {
        foreach (var template in ScopeRoutes.Templates("roleDefinitions/{roleDefinitionId}", includeTenantRoot: true))
        {
            app.MapGet(template, (string roleDefinitionId, HttpContext context, EmulatorRuntime runtime) =>
                ArmHandler.Run(context, runtime, call => Get(call, roleDefinitionId)));
        }
        foreach (var template in ScopeRoutes.Templates("roleDefinitions", includeTenantRoot: true))
        {
            app.MapGet(template, (HttpContext context, EmulatorRuntime runtime) => ArmHandler.Run(context, runtime, List));
        }
    }

    /// <summary>A built-in role as ARM returns it, with its id under the subscription of <paramref name="scope"/> (or the tenant root).</summary>
    public static JsonObject Shape(RoleDefinition role, string scope)
    {
        var subscriptionId = ResourceIds.SubscriptionOf(scope);
        var prefix = subscriptionId is null ? "" : ResourceIds.Subscription(subscriptionId);
        var permission = new JsonObject
        {
            ["actions"] = Strings(role.Actions),
            ["notActions"] = Strings(role.NotActions),
            ["dataActions"] = Strings(role.DataActions),
            ["notDataActions"] = Strings(role.NotDataActions),
        };
        if (role.Condition is not null)
        {
            permission["conditionVersion"] = "2.0";
            permission["condition"] = role.Condition;
        }
        return new JsonObject
        {
            ["id"] = $"{prefix}/providers/{Type}/{role.Guid}",
            ["properties"] = new JsonObject
            {
                ["roleName"] = role.RoleName,
                ["type"] = "BuiltInRole",
                ["description"] = role.Description,
                ["assignableScopes"] = new JsonArray("/"),
                ["permissions"] = new JsonArray(permission),
                ["createdOn"] = CatalogCreatedOn,
                ["updatedOn"] = CatalogUpdatedOn,
                ["createdBy"] = null,
                ["updatedBy"] = null,
            },
            ["type"] = Type,
            ["name"] = role.Guid,
        };
    }

    private static IResult Get(ArmCall call, string roleDefinitionId)
    {
        var scope = ScopeRoutes.ScopeOf(call.Path);
        Check(call, scope);
        var role = BuiltInRoles.Find(roleDefinitionId)
            ?? throw new ArmException(404, "RoleDefinitionDoesNotExist", $"The specified role definition with ID '{roleDefinitionId}' does not exist.");
        return Results.Json(Shape(role, scope));
    }

    private static IResult List(ArmCall call)
    {
        var scope = ScopeRoutes.ScopeOf(call.Path);
        Check(call, scope);
        var roles = BuiltInRoles.All.AsEnumerable();
        var filter = call.Query("$filter").Trim();
        if (filter.Length > 0)
        {
            if (RoleNameFilter().Match(filter) is { Success: true } byName)
            {
                var name = byName.Groups["name"].Value.Replace("''", "'", StringComparison.Ordinal);
                roles = roles.Where(r => r.RoleName.Equals(name, StringComparison.OrdinalIgnoreCase));
            }
            else if (TypeFilter().Match(filter) is { Success: true } byType)
            {
                var type = byType.Groups["type"].Value;
                roles = type.Equals("BuiltInRole", StringComparison.OrdinalIgnoreCase) ? roles : [];
            }
            else
            {
                throw new ArmException(400, "UnsupportedQuery", $"The filter '{filter}' is not supported. Supported filters are 'roleName eq '{{value}}'' and 'type eq 'BuiltInRole|CustomRole''.");
            }
        }
        var items = roles.Select(r => (JsonNode)Shape(r, scope)).ToList();
        return Results.Json(ArmPaging.Page(call, items, topAllowed: false));
    }

    private static void Check(ArmCall call, string scope)
    {
        if (ResourceIds.SubscriptionOf(scope) is { } subscriptionId)
        {
            call.Guard(subscriptionId, Provider, "roleDefinitions", scope, ReadAction, ResourceIds.ResourceGroupOf(scope));
        }
        else if (ArmGuard.ApiVersionError(call.Http, Provider, "roleDefinitions") is { } versionError)
        {
            // The tenant root: built-in definitions are readable by every signed-in caller.
            throw ArmException.From(versionError);
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    [GeneratedRegex(@"^roleName\s+eq\s+'(?<name>(?:[^']|'')*)'$", RegexOptions.IgnoreCase)]
    private static partial Regex RoleNameFilter();

    [GeneratedRegex(@"^type\s+eq\s+'(?<type>[^']*)'$", RegexOptions.IgnoreCase)]
    private static partial Regex TypeFilter();
}
