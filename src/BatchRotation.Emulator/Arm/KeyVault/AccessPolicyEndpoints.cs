using System.Text.Json.Nodes;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.Hosting;

namespace BatchRotation.Emulator.Arm.KeyVault;

/// <summary>
/// <c>PUT .../vaults/{vault}/accessPolicies/{add|replace|remove}</c>: changes only the entries of the identities
/// sent (add unions permissions, replace sets them, remove takes them away) and answers 200 with the entries
/// sent, as <c>updateAccessPoliciesAdd.json</c>. Writes to one vault that overlap get 409 ConflictError.
/// </summary>
public static class AccessPolicyEndpoints
{
    private const string Action = "Microsoft.KeyVault/vaults/accessPolicies/write";
    private static readonly string[] Kinds = ["add", "replace", "remove"];

    public static void Map(WebApplication app)
    {
        app.MapPut("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/accessPolicies/{operationKind}",
            (string subscriptionId, string resourceGroupName, string vaultName, string operationKind, HttpContext context, EmulatorRuntime runtime) =>
                ArmHandler.RunAsync(context, runtime, call => VaultWriteGate.WriteAsync(call, () => Prepare(call, subscriptionId, resourceGroupName, vaultName, operationKind))));
    }

    private static (string, Func<IResult>) Prepare(ArmCall call, string subscriptionId, string resourceGroup, string vaultName, string operationKind)
    {
        var vaultId = VaultEndpoints.VaultId(subscriptionId, resourceGroup, vaultName);
        call.Guard(subscriptionId, VaultEndpoints.Provider, "vaults/accessPolicies", vaultId, Action, resourceGroup);
        var kind = Kinds.FirstOrDefault(k => k.Equals(operationKind, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArmException(400, "BadRequest", $"The operation kind '{operationKind}' is not valid. Valid values are 'add', 'replace' and 'remove'.");
        var vault = VaultEndpoints.Require(call, subscriptionId, resourceGroup, vaultName);
        var properties = ArmJson.Object(call.Body, "properties", "properties")
            ?? throw ArmException.InvalidRequestContent("Required property 'properties' not found in JSON. Path '', line 1, position 2.");
        var sent = ArmJson.Array(properties, "accessPolicies", "properties.accessPolicies")
            ?? throw ArmException.InvalidRequestContent("Required property 'accessPolicies' not found in JSON. Path 'properties'");
        var entries = AccessPolicies.Parse(sent, (string)VaultStore.Properties(vault)["tenantId"]!, "properties.accessPolicies");

        return (vaultName, () =>
        {
            var current = VaultEndpoints.Require(call, subscriptionId, resourceGroup, vaultName);
            var properties = VaultStore.Properties(current);
            var policies = properties["accessPolicies"] as JsonArray ?? [];
            var updated = policies.DeepClone().AsArray();
            foreach (var entry in entries)
            {
                switch (kind)
                {
                    case "add": AccessPolicies.Add(updated, entry); break;
                    case "replace": AccessPolicies.Replace(updated, entry); break;
                    default: AccessPolicies.Remove(updated, entry); break;
                }
            }
            if (updated.Count > AccessPolicies.MaxEntries)
                throw new ArmException(400, "BadRequest", "An invalid value was provided for 'accessPolicies'.");
            properties["accessPolicies"] = updated;
            current.ModifiedAt = call.Now;
            if (current.Body["systemData"] is JsonObject systemData)
            {
                var (by, byType) = call.SystemDataIdentity();
                systemData["lastModifiedBy"] = by;
                systemData["lastModifiedByType"] = byType;
                systemData["lastModifiedAt"] = ArmTime.Iso(call.Now);
            }
            return Results.Json(new JsonObject
            {
                ["id"] = current.Id + "/accessPolicies/",
                ["type"] = "Microsoft.KeyVault/vaults/accessPolicies",
                ["properties"] = new JsonObject
                {
                    ["accessPolicies"] = new JsonArray(entries.Select(e => (JsonNode)e.DeepClone()).ToArray()),
                },
            });
        });
    }
}
