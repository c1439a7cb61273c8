using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BatchRotation.Emulator.Identity;

namespace BatchRotation.Emulator.State;

/// <summary>
/// The state every emulator starts from: one tenant, one subscription and one service principal (the
/// sign-in of the environment file) that is Owner of the subscription. Everything else is created
/// through the Azure APIs, as it would be in Azure.
/// </summary>
public static class Seed
{
    public const string OwnerRoleDefinitionGuid = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";

    public static EmulatorState Create(DateTimeOffset now)
    {
        var tenantId = Guid.NewGuid().ToString();
        var subscriptionId = Guid.NewGuid().ToString();
        var principal = NewServicePrincipal(tenantId, "BatchRotation emulator admin");
        var state = new EmulatorState
        {
            TenantId = tenantId,
            SubscriptionIds = [subscriptionId],
            DefaultPrincipalId = principal.PrincipalId,
        };
        state.Principals[principal.PrincipalId] = principal;
        AddRoleAssignment(state, ResourceIds.Subscription(subscriptionId), OwnerRoleDefinitionGuid, principal.PrincipalId, now);
        return state;
    }

    public static Principal NewServicePrincipal(string tenantId, string displayName) => new()
    {
        PrincipalId = Guid.NewGuid().ToString(),
        ClientId = Guid.NewGuid().ToString(),
        TenantId = tenantId,
        DisplayName = displayName,
        Kind = PrincipalKind.ServicePrincipal,
        ClientSecret = NewClientSecret(),
    };

    /// <summary>Adds a role assignment as <c>PUT .../roleAssignments/{guid}</c> would store it.</summary>
    public static ArmResource AddRoleAssignment(EmulatorState state, string scope, string roleDefinitionGuid, string principalId, DateTimeOffset now)
    {
        var name = Guid.NewGuid().ToString();
        var id = $"{scope.TrimEnd('/')}/providers/{RoleAssignmentType}/{name}";
        var subscriptionId = ResourceIds.SubscriptionOf(scope) ?? state.SubscriptionIds[0];
        var resource = new ArmResource
        {
            Id = id,
            Type = RoleAssignmentType,
            CreatedAt = now,
            ModifiedAt = now,
            Body = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["roleDefinitionId"] = $"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionGuid}",
                    ["principalId"] = principalId,
                    ["principalType"] = "ServicePrincipal",
                    ["scope"] = scope,
                    ["condition"] = null,
                    ["conditionVersion"] = null,
                    ["createdOn"] = now.UtcDateTime.ToString("O"),
                    ["updatedOn"] = now.UtcDateTime.ToString("O"),
                    ["createdBy"] = null,
                    ["updatedBy"] = null,
                    ["delegatedManagedIdentityResourceId"] = null,
                    ["description"] = null,
                },
                ["id"] = id,
                ["type"] = RoleAssignmentType,
                ["name"] = name,
            },
        };
        state.Put(resource);
        return resource;
    }

    /// <summary>A secret in the style of Entra client secrets (40 characters, URL-safe).</summary>
    private static string NewClientSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
}
