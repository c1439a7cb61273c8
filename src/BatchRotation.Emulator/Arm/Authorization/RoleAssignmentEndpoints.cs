using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Identity;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.Authorization;

/// <summary>
/// <c>Microsoft.Authorization/roleAssignments</c> (2022-04-01) under any scope: PUT (201; 200 for the same
/// assignment again), GET, DELETE (200 with the body, 204 when absent), LIST with <c>$filter=atScope()</c>,
/// <c>principalId eq '{id}'</c> or <c>assignedTo('{id}')</c>.
/// </summary>
public static partial class RoleAssignmentEndpoints
{
    private const string Provider = "Microsoft.Authorization";
    private const string TypeName = "roleAssignments";
    private const string ReadAction = "Microsoft.Authorization/roleAssignments/read";
    private const string WriteAction = "Microsoft.Authorization/roleAssignments/write";
    private const string DeleteAction = "Microsoft.Authorization/roleAssignments/delete";
    private static readonly string[] PrincipalTypes = ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"];

    public static void Map(WebApplication app)
    {
        foreach (var template in ScopeRoutes.Templates("roleAssignments/{roleAssignmentName}"))
        {
            app.MapPut(template, (string roleAssignmentName, HttpContext context, EmulatorRuntime runtime) =>
                ArmHandler.Run(context, runtime, call => Put(call, roleAssignmentName)));
            app.MapGet(template, (string roleAssignmentName, HttpContext context, EmulatorRuntime runtime) =>
                ArmHandler.Run(context, runtime, call => Get(call, roleAssignmentName)));
            app.MapDelete(template, (string roleAssignmentName, HttpContext context, EmulatorRuntime runtime) =>
                ArmHandler.Run(context, runtime, call => Delete(call, roleAssignmentName)));
        }
        foreach (var template in ScopeRoutes.Templates("roleAssignments"))
        {
            app.MapGet(template, (HttpContext context, EmulatorRuntime runtime) => ArmHandler.Run(context, runtime, List));
        }
    }

    private static IResult Put(ArmCall call, string name)
    {
        var scope = ScopeRoutes.ScopeOf(call.Path);
        var id = AssignmentId(scope, name);
        Check(call, scope, id, WriteAction);
        if (!Guid.TryParse(name, out _))
            throw new ArmException(400, "InvalidRoleAssignmentId", $"The role assignment ID '{name}' is not valid. The role assignment ID must be a GUID.");

        var body = call.Body;
        var properties = ArmJson.Object(body, "properties", "properties")
            ?? throw ArmException.InvalidRequestContent("Required property 'properties' not found in JSON. Path '', line 1, position 2.");
        var roleDefinitionId = ArmJson.String(properties, "roleDefinitionId", "properties.roleDefinitionId");
        var principalId = ArmJson.String(properties, "principalId", "properties.principalId");
        if (string.IsNullOrWhiteSpace(roleDefinitionId))
            throw new ArmException(400, "InvalidRoleDefinitionId", "The role definition ID '' is not valid.");
        if (string.IsNullOrWhiteSpace(principalId) || !Guid.TryParse(principalId, out var principalGuid))
            throw new ArmException(400, "InvalidPrincipalId", $"The Principal ID '{principalId}' is not valid. Principal ID must be a GUID.");
        var requestedType = ArmJson.String(properties, "principalType", "properties.principalType");
        string? canonicalType = null;
        if (requestedType is not null)
        {
            canonicalType = PrincipalTypes.FirstOrDefault(t => t.Equals(requestedType, StringComparison.OrdinalIgnoreCase))
                ?? throw ArmException.InvalidRequestContent($"Error converting value \"{requestedType}\" to type 'Microsoft.Azure.Authorization.Common.Models.PrincipalType'. Path 'properties.principalType'");
        }
        if (ArmJson.String(properties, "scope", "properties.scope") is { } bodyScope && !ResourceIds.Equal(bodyScope, scope))
            throw new ArmException(400, "InvalidCreateRoleAssignmentRequest",
                $"The request to create role assignment '{name}' is not valid. Role assignment scope '{bodyScope}' must match the scope specified on the URI '{scope}'.");
        var description = ArmJson.String(properties, "description", "properties.description");
        var condition = ArmJson.String(properties, "condition", "properties.condition");
        var conditionVersion = ArmJson.String(properties, "conditionVersion", "properties.conditionVersion");
        if (condition is not null && conditionVersion is not null && conditionVersion != "2.0")
            throw new ArmException(400, "InvalidConditionVersion", $"The condition version '{conditionVersion}' is not supported. The supported condition version is '2.0'.");

        var roleGuid = RoleGuidOf(roleDefinitionId);
        var role = BuiltInRoles.Find(roleGuid)
            ?? throw new ArmException(400, "RoleDefinitionDoesNotExist", $"The specified role definition with ID '{roleGuid}' does not exist.");
        RequireCondition(call, scope, id, WriteAction, role.Guid);

        // The directory lookup: skipped when principalType is given (Azure's answer to replication delay), so
        // an unknown principal then gets an assignment that shows as "Unknown".
        var principal = call.State.Principals.GetValueOrDefault(principalId);
        if (principal is null && canonicalType is null)
            throw new ArmException(400, "PrincipalNotFound",
                $"Principal {principalGuid:N} does not exist in the directory {call.State.TenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype");
        if (principal is not null && canonicalType is not null && canonicalType != "ServicePrincipal")
            throw new ArmException(400, "UnmatchedPrincipalType",
                $"The PrincipalId '{principalGuid:N}' has type 'ServicePrincipal' , which is different from specified PrinciaplType '{canonicalType}'.");
        var principalType = canonicalType ?? "ServicePrincipal";

        var subscriptionId = ResourceIds.SubscriptionOf(scope)!;
        var storedRoleDefinitionId = $"/subscriptions/{subscriptionId}/providers/{RoleDefinitionEndpoints.Type}/{role.Guid}";
        var assignments = RoleAssignmentStore.All(call.State).ToList();

        if (call.State.Get(id) is { } existing && existing.Type.Equals(AuthorizationEngine.RoleAssignmentType, StringComparison.OrdinalIgnoreCase))
        {
            var sameGrant = string.Equals(RoleAssignmentStore.PrincipalOf(existing), principalId, StringComparison.OrdinalIgnoreCase)
                && RoleAssignmentStore.RoleGuidOf(existing).Equals(role.Guid, StringComparison.OrdinalIgnoreCase);
            if (!sameGrant)
                throw new ArmException(400, "RoleAssignmentUpdateNotPermitted", "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");
            var existingProperties = existing.Body["properties"]!.AsObject();
            existingProperties["description"] = description;
            existingProperties["condition"] = condition;
            existingProperties["conditionVersion"] = condition is null ? null : conditionVersion ?? "2.0";
            existingProperties["updatedOn"] = ArmTime.Iso(call.Now);
            existingProperties["updatedBy"] = call.Caller.PrincipalId;
            existing.ModifiedAt = call.Now;
            return Results.Json(existing.Body, statusCode: 200);
        }

        if (assignments.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is not null)
            throw new ArmException(400, "HashConflictOnDifferentRoleAssignmentIds", "A hash conflict was encountered for the role Assignment ID. Please use a new Guid.");
        if (assignments.FirstOrDefault(a =>
                ResourceIds.Equal(RoleAssignmentStore.ScopeOf(a), scope)
                && string.Equals(RoleAssignmentStore.PrincipalOf(a), principalId, StringComparison.OrdinalIgnoreCase)
                && RoleAssignmentStore.RoleGuidOf(a).Equals(role.Guid, StringComparison.OrdinalIgnoreCase)) is { } duplicate)
        {
            var duplicateName = Guid.TryParse(duplicate.Name, out var g) ? g.ToString("N") : duplicate.Name;
            throw new ArmException(409, "RoleAssignmentExists", $"The role assignment already exists. The ID of the existing role assignment is {duplicateName}.");
        }

        var now = ArmTime.Iso(call.Now);
        var resource = new ArmResource
        {
            Id = id,
            Type = AuthorizationEngine.RoleAssignmentType,
            CreatedAt = call.Now,
            ModifiedAt = call.Now,
            Body = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["roleDefinitionId"] = storedRoleDefinitionId,
                    ["principalId"] = principalId,
                    ["principalType"] = principalType,
                    ["scope"] = scope,
                    ["condition"] = condition,
                    ["conditionVersion"] = condition is null ? null : conditionVersion ?? "2.0",
                    ["createdOn"] = now,
                    ["updatedOn"] = now,
                    ["createdBy"] = call.Caller.PrincipalId,
                    ["updatedBy"] = call.Caller.PrincipalId,
                    ["delegatedManagedIdentityResourceId"] = null,
                    ["description"] = description,
                },
                ["id"] = id,
                ["type"] = AuthorizationEngine.RoleAssignmentType,
                ["name"] = name,
            },
        };
        call.State.Put(resource);
        return Results.Json(resource.Body, statusCode: 201);
    }

    private static IResult Get(ArmCall call, string name)
    {
        var scope = ScopeRoutes.ScopeOf(call.Path);
        Check(call, scope, scope, ReadAction);
        var assignment = Find(call, AssignmentId(scope, name))
            ?? throw new ArmException(404, "RoleAssignmentNotFound", $"The role assignment '{name}' is not found.");
        return Results.Json(assignment.Body);
    }

    private static IResult Delete(ArmCall call, string name)
    {
        var scope = ScopeRoutes.ScopeOf(call.Path);
        var id = AssignmentId(scope, name);
        Check(call, scope, id, DeleteAction);
        if (Find(call, id) is not { } assignment) return Results.StatusCode(204);
        RequireCondition(call, scope, id, DeleteAction, RoleAssignmentStore.RoleGuidOf(assignment));
        call.State.Resources.Remove(assignment.Id);
        return Results.Json(assignment.Body, statusCode: 200);
    }

    private static IResult List(ArmCall call)
    {
        var scope = ScopeRoutes.ScopeOf(call.Path);
        Check(call, scope, scope, ReadAction);
        var filter = RoleAssignmentFilter.Parse(call.Query("$filter"));
        var items = RoleAssignmentStore.All(call.State)
            .Where(a => filter.Matches(a, scope))
            .OrderBy(a => a.CreatedAt)
            .ThenBy(a => a.Id, StringComparer.OrdinalIgnoreCase)
            .Select(a => (JsonNode)a.Body)
            .ToList();
        return Results.Json(ArmPaging.Page(call, items, topAllowed: false));
    }

    /// <summary>
    /// ARM's checks for an extension resource at <paramref name="scope"/>: subscription, api-version, the action
    /// at <paramref name="authorizationScope"/> (the assignment's own id for writes, as ARM names it), the group.
    /// </summary>
    private static void Check(ArmCall call, string scope, string authorizationScope, string action)
    {
        var subscriptionId = ResourceIds.SubscriptionOf(scope)
            ?? throw new ArmException(400, "InvalidScope", $"The scope '{scope}' is not valid for role assignments.");
        Resources.ResourceGroupStore.CompleteDue(call.State, call.Now);
        if (!call.State.SubscriptionExists(subscriptionId)) throw ArmException.From(ArmErrors.SubscriptionNotFound(subscriptionId));
        if (ArmGuard.ApiVersionError(call.Http, Provider, TypeName) is { } versionError) throw ArmException.From(versionError);
        if (!call.CallerMay(authorizationScope, action))
            throw action == ReadAction
                ? ArmException.From(ArmErrors.AuthorizationFailed(call.Caller, action, authorizationScope))
                : AbacFailure(call, action, authorizationScope);
        if (ResourceIds.ResourceGroupOf(scope) is { } resourceGroup && Resources.ResourceGroupStore.Get(call.State, subscriptionId, resourceGroup) is null)
            throw ArmException.From(ArmErrors.ResourceGroupNotFound(resourceGroup));
    }

    /// <summary>
    /// The Key Vault Data Access Administrator's condition: when only that role grants the caller the right to
    /// write or delete role assignments here, the role being assigned (or removed) must be one of the Key Vault
    /// data roles it manages.
    /// </summary>
    private static void RequireCondition(ArmCall call, string scope, string authorizationScope, string action, string roleGuid)
    {
        var granting = AuthorizationEngine.EffectiveAssignments(call.State, call.Caller.PrincipalId, authorizationScope)
            .Where(a => a.Role.AllowsAction(action))
            .ToList();
        var unconditional = granting.Any(a => !a.Role.Guid.Equals(BuiltInRoles.KeyVaultDataAccessAdministrator, StringComparison.OrdinalIgnoreCase));
        if (unconditional) return;
        if (BuiltInRoles.AssignableByDataAccessAdministrator.Contains(roleGuid)) return;
        throw AbacFailure(call, action, authorizationScope);
    }

    private static ArmException AbacFailure(ArmCall call, string action, string scope) =>
        new(403, "AuthorizationFailed",
            $"The client '{call.Caller.ClientId}' with object id '{call.Caller.PrincipalId}' does not have authorization or an ABAC condition not fulfilled to perform action '{action}' over scope '{scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.");

    private static ArmResource? Find(ArmCall call, string id) =>
        call.State.Get(id) is { } r && r.Type.Equals(AuthorizationEngine.RoleAssignmentType, StringComparison.OrdinalIgnoreCase) ? r : null;

    private static string AssignmentId(string scope, string name) =>
        $"{(scope == "/" ? "" : scope.TrimEnd('/'))}/providers/{AuthorizationEngine.RoleAssignmentType}/{name}";

    /// <summary>The role GUID of <c>/subscriptions/{s}/providers/Microsoft.Authorization/roleDefinitions/{guid}</c> (or the tenant-level form).</summary>
    private static string RoleGuidOf(string roleDefinitionId)
    {
        var match = RoleDefinitionIdPattern().Match(roleDefinitionId);
        if (!match.Success)
            throw new ArmException(400, "InvalidRoleDefinitionId", $"The role definition ID '{roleDefinitionId}' is not valid.");
        return match.Groups["guid"].Value;
    }

    [GeneratedRegex(@"^(/subscriptions/[^/]+)?/providers/Microsoft\.Authorization/roleDefinitions/(?<guid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$", RegexOptions.IgnoreCase)]
    private static partial Regex RoleDefinitionIdPattern();
}
