using System.Text.Json.Nodes;
using BatchRotation.Emulator.Arm.Common;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Arm.Resources;

/// <summary>Resource groups and their (asynchronous) deletion. Call under the state's lock.</summary>
public static class ResourceGroupStore
{
    public const string Type = ArmStore.ResourceGroupType;
    public const string OperationPrefix = "rgdelete-";

    public static ArmResource? Get(EmulatorState state, string subscriptionId, string name) =>
        state.Get(ResourceIds.ResourceGroup(subscriptionId, name)) is { } rg && rg.Type.Equals(Type, StringComparison.OrdinalIgnoreCase) ? rg : null;

    public static bool IsDeleting(ArmResource group) =>
        string.Equals((string?)group.Body["properties"]?["provisioningState"], "Deleting", StringComparison.Ordinal);

    /// <summary>
    /// Starts deleting a group: its resources go at once (vaults to the deleted vaults, identities' principals out of
    /// the directory), the group itself stays "Deleting" until the operation completes in simulated time.
    /// </summary>
    public static LongRunningOperation BeginDelete(EmulatorState state, ArmResource group, DateTimeOffset completesAt, DateTimeOffset now)
    {
        var pending = state.Operations.Values.FirstOrDefault(o =>
            o.Id.StartsWith(OperationPrefix, StringComparison.Ordinal) && ResourceIds.Equal(o.ResourceId, group.Id) && o.Status == "InProgress");
        if (pending is not null) return pending;

        group.Body["properties"] = new JsonObject { ["provisioningState"] = "Deleting" };
        group.ModifiedAt = now;
        // Role assignments at the group stay until the group is gone (they are what lets the caller watch it go).
        ArmCleanup.RemoveEverythingBelow(state, group.Id, now, keep: r => IsAssignmentAtGroup(r, group.Id));
        var operation = new LongRunningOperation
        {
            Id = OperationPrefix + Guid.NewGuid().ToString("N"),
            ResourceId = group.Id,
            CompletesAt = completesAt,
        };
        state.Operations[operation.Id] = operation;
        return operation;
    }

    /// <summary>Finishes every group deletion whose time has come (called before any ARM check reads a group).</summary>
    public static void CompleteDue(EmulatorState state, DateTimeOffset now)
    {
        foreach (var operation in state.Operations.Values)
        {
            if (!operation.Id.StartsWith(OperationPrefix, StringComparison.Ordinal) || operation.Status != "InProgress" || operation.CompletesAt > now) continue;
            if (state.Get(operation.ResourceId) is { } group)
            {
                ArmCleanup.RemoveEverythingBelow(state, group.Id, now);
                state.Resources.Remove(group.Id);
            }
            operation.Status = "Succeeded";
        }
    }

    private static bool IsAssignmentAtGroup(ArmResource resource, string groupId) =>
        resource.Type.Equals(Seed.RoleAssignmentType, StringComparison.OrdinalIgnoreCase)
        && ResourceIds.Equal((string?)resource.Body["properties"]?["scope"] ?? "", groupId);
}
