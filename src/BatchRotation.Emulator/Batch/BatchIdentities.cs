using System.Text.Json.Nodes;
using BatchRotation.Emulator.Arm.Authorization;
using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Identity;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Batch;

/// <summary>A user-assigned identity named in a request, with what ARM fills in for it.</summary>
public sealed record ResolvedIdentity(string RequestedId, string ResourceId, string PrincipalId, string ClientId, string TenantId);

/// <summary>
/// The <c>identity</c> of Batch accounts and pools as ARM handles it: the linked access check on each
/// user-assigned identity, then each must exist, then the response fills principalId and clientId.
/// Call under the state's lock.
/// </summary>
public static class BatchIdentities
{
    /// <summary>The identity ids in <c>identity.userAssignedIdentities</c>, as sent.</summary>
    public static IReadOnlyList<string> RequestedIds(JsonObject body) =>
        body["identity"]?["userAssignedIdentities"] is JsonObject map ? map.Select(p => p.Key).ToList() : [];

    /// <summary>ARM's linked authorization: 403 LinkedAuthorizationFailed unless the caller may assign every identity.</summary>
    public static IResult? CheckLinkedAccess(EmulatorState state, Caller caller, string action, string scope, IReadOnlyList<string> identityIds)
    {
        var denied = identityIds.Where(id => !AuthorizationEngine.HasAction(state, caller.PrincipalId, id, BatchHttp.AssignAction)).ToList();
        return denied.Count == 0 ? null : BatchRpErrors.LinkedAuthorizationFailed(caller, action, scope, denied);
    }

    /// <summary>Resolves <c>identity.userAssignedIdentities</c>; an error when one is missing or the list is empty.</summary>
    public static (List<ResolvedIdentity> Identities, IResult? Error) Resolve(EmulatorState state, string resourceId, JsonObject identity)
    {
        var type = BatchHttp.String(identity["type"]) ?? "";
        var resolved = new List<ResolvedIdentity>();
        if (!type.Contains("UserAssigned", StringComparison.OrdinalIgnoreCase)) return (resolved, null);
        if (identity["userAssignedIdentities"] is not JsonObject map || map.Count == 0)
        {
            return (resolved, ArmErrors.Result(400, "MissingIdentityIds", "The identity ids must not be null or empty for 'UserAssigned' identity type."));
        }
        foreach (var (id, _) in map)
        {
            var uami = state.Get(id);
            if (uami is null || !uami.Type.Equals(BatchHttp.UserAssignedIdentityType, StringComparison.OrdinalIgnoreCase))
            {
                return (resolved, BatchRpErrors.IdentityNotFound(resourceId, id));
            }
            var properties = uami.Body["properties"];
            resolved.Add(new ResolvedIdentity(
                id,
                uami.Id,
                BatchHttp.String(properties?["principalId"]) ?? "",
                BatchHttp.String(properties?["clientId"]) ?? "",
                BatchHttp.String(properties?["tenantId"]) ?? state.TenantId));
        }
        return (resolved, null);
    }

    /// <summary>The <c>userAssignedIdentities</c> map of a response: each id as sent, with principalId and clientId.</summary>
    public static JsonObject ResponseMap(IEnumerable<ResolvedIdentity> identities)
    {
        var map = new JsonObject();
        foreach (var identity in identities)
        {
            map[identity.RequestedId] = new JsonObject { ["principalId"] = identity.PrincipalId, ["clientId"] = identity.ClientId };
        }
        return map;
    }
}
