using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.KeyVault;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Batch;

/// <summary>
/// The Batch service's behaviour over simulated time, evaluated lazily: before any request is answered
/// (see <see cref="BatchEndpoints"/>) every pool is brought up to the clock, event by event: resizes
/// allocate or remove nodes, nodes go creating → starting → (extensions) → idle or unusable, the Key Vault
/// extension downloads and polls, deletions finish. Because every change to the world (a renewal, a role
/// assignment, a clock jump) arrives as a request, and the simulation is brought up to date before each,
/// the world is constant within one evaluation. Call everything under the state's lock.
/// </summary>
public static class BatchSimulation
{
    /// <summary>Brings the simulation up to the clock; returns the time it used.</summary>
    public static DateTimeOffset Sync(EmulatorRuntime runtime)
    {
        var now = runtime.Clock.UtcNow;
        Advance(runtime, now);
        return now;
    }

    /// <summary>Retry-After (real seconds) for an operation with this much simulated time left: 1..15.</summary>
    public static string RetryAfter(EmulatorRuntime runtime, TimeSpan remaining)
    {
        var seconds = remaining.TotalSeconds / runtime.Clock.Scale;
        return Math.Clamp((int)Math.Ceiling(seconds), 1, BatchTimings.RetryAfterSeconds).ToString(CultureInfo.InvariantCulture);
    }

    public static void Advance(EmulatorRuntime runtime, DateTimeOffset now)
    {
        var state = runtime.State;
        var fetches = new Dictionary<string, SecretFetch>(StringComparer.Ordinal);
        foreach (var pool in state.Batch.Pools.Values.ToList())
        {
            AdvancePool(runtime, pool, now, fetches);
        }
        BatchAccounts.CompleteOperations(runtime, now);
        if (state.Batch.EvaluatedUntil is not { } until || until < now) state.Batch.EvaluatedUntil = now;
    }

    // ----- pools -----------------------------------------------------------------------------------------

    /// <summary>Creates the simulation of a new pool.</summary>
    public static PoolSimulation CreatePool(EmulatorState state, ArmResource resource, string accountName, List<NodeIdentity> identities)
    {
        var pool = new PoolSimulation
        {
            PoolResourceId = resource.Id,
            AccountName = accountName,
            PoolName = resource.Name,
            Identities = identities,
        };
        state.Batch.Pools[resource.Id] = pool;
        return pool;
    }

    /// <summary>
    /// Starts a resize to the given targets: surplus nodes start leaving now; missing nodes are allocated
    /// after <see cref="BatchTimings.Allocation"/>. The pool is Resizing until then.
    /// </summary>
    public static void StartResize(EmulatorState state, PoolSimulation pool, ArmResource resource, int dedicated, int lowPriority, DateTimeOffset now)
    {
        pool.TargetDedicatedNodes = Math.Max(0, dedicated);
        pool.TargetLowPriorityNodes = Math.Max(0, lowPriority);
        var completes = now;
        foreach (var isDedicated in new[] { true, false })
        {
            var target = isDedicated ? pool.TargetDedicatedNodes : pool.TargetLowPriorityNodes;
            var staying = pool.Nodes.Where(n => n.IsDedicated == isDedicated && n.LeavesAt is null).ToList();
            if (staying.Count > target)
            {
                foreach (var node in staying.OrderBy(RemovalOrder).ThenByDescending(n => n.AllocationTime).Take(staying.Count - target))
                {
                    Leave(node, now);
                }
                completes = Max(completes, now + BatchTimings.LeavingPool);
            }
            else if (staying.Count < target)
            {
                completes = Max(completes, now + BatchTimings.Allocation);
            }
        }
        pool.ResizeCompletesAt = completes;
        SetAllocationState(resource, "Resizing", now);
        UpdateCounts(pool, resource);
    }

    /// <summary>Starts deleting a pool: every node leaves; the pool goes at <paramref name="completesAt"/>.</summary>
    public static void StartDelete(EmulatorState state, PoolSimulation pool, DateTimeOffset now, DateTimeOffset completesAt)
    {
        if (pool.DeleteCompletesAt is not null) return;
        foreach (var node in pool.Nodes.Where(n => n.LeavesAt is null)) Leave(node, now);
        pool.ResizeCompletesAt = null;
        pool.DeleteCompletesAt = completesAt;
        if (state.Get(pool.PoolResourceId) is { } resource && resource.Body["properties"] is JsonObject properties)
        {
            properties["provisioningState"] = "Deleting";
            properties["provisioningStateTransitionTime"] = BatchHttp.Time(now);
        }
    }

    /// <summary>New identities from ARM: they reach new nodes now if the pool has none, else once it has shrunk to zero.</summary>
    public static void SetIdentities(PoolSimulation pool, List<NodeIdentity> identities)
    {
        if (pool.Nodes.Count == 0)
        {
            pool.Identities = identities;
            pool.PendingIdentities = null;
        }
        else
        {
            pool.PendingIdentities = identities;
        }
    }

    private static int RemovalOrder(NodeSimulation node) => node.State switch
    {
        "unusable" or "starttaskfailed" or "offline" => 0,
        "creating" or "starting" => 1,
        _ => 2,
    };

    private static void Leave(NodeSimulation node, DateTimeOffset now)
    {
        node.LeavesAt = now + BatchTimings.LeavingPool;
        node.State = "leavingpool";
        node.StateTransitionTime = now;
        node.StateForced = false;
    }

    private static void AdvancePool(EmulatorRuntime runtime, PoolSimulation pool, DateTimeOffset now, Dictionary<string, SecretFetch> fetches)
    {
        var state = runtime.State;
        var resource = state.Get(pool.PoolResourceId);
        if (resource is null)
        {
            state.Batch.Pools.Remove(pool.PoolResourceId);
            return;
        }

        if (pool.ResizeCompletesAt is { } completes && completes <= now && pool.DeleteCompletesAt is null)
        {
            RemoveLeft(pool, completes);
            Allocate(resource, pool, completes);
            pool.ResizeCompletesAt = null;
            SetAllocationState(resource, "Steady", completes);
        }

        foreach (var node in pool.Nodes.ToList())
        {
            AdvanceNode(runtime, pool, node, now, fetches);
        }
        RemoveLeft(pool, now);

        if (pool.DeleteCompletesAt is { } deleted && deleted <= now)
        {
            state.Batch.Pools.Remove(pool.PoolResourceId);
            state.RemoveWithChildren(pool.PoolResourceId);
            foreach (var operation in state.Operations.Values.Where(o => ResourceIds.Equal(o.ResourceId, pool.PoolResourceId) && o.Status != "Succeeded"))
            {
                operation.Status = "Succeeded";
            }
            return;
        }
        UpdateCounts(pool, resource);
    }

    private static void RemoveLeft(PoolSimulation pool, DateTimeOffset at)
    {
        pool.Nodes.RemoveAll(n => n.LeavesAt is { } leaves && leaves <= at);
        if (pool.Nodes.Count == 0 && pool.PendingIdentities is { } pending)
        {
            pool.Identities = pending;
            pool.PendingIdentities = null;
        }
    }

    private static void Allocate(ArmResource resource, PoolSimulation pool, DateTimeOffset at)
    {
        var extensions = resource.Body["properties"]?["deploymentConfiguration"]?["virtualMachineConfiguration"]?["extensions"] as JsonArray;
        foreach (var isDedicated in new[] { true, false })
        {
            var target = isDedicated ? pool.TargetDedicatedNodes : pool.TargetLowPriorityNodes;
            var present = pool.Nodes.Count(n => n.IsDedicated == isDedicated && n.LeavesAt is null);
            for (var i = present; i < target; i++)
            {
                if (pool.Nodes.Count == 0 && pool.PendingIdentities is { } pending)
                {
                    pool.Identities = pending;
                    pool.PendingIdentities = null;
                }
                pool.Nodes.Add(NewNode(pool, isDedicated, at, extensions));
            }
        }
    }

    private static NodeSimulation NewNode(PoolSimulation pool, bool isDedicated, DateTimeOffset at, JsonArray? extensions)
    {
        var number = pool.NodesEverCreated++;
        var node = new NodeSimulation
        {
            Id = $"tvmps_{Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant()}_{(isDedicated ? "d" : "p")}",
            IsDedicated = isDedicated,
            IpAddress = $"10.0.{number / 250}.{number % 250 + 4}",
            AllocationTime = at,
            StartingAt = at + BatchTimings.Creating,
            BootedAt = at + BatchTimings.Boot,
            State = "creating",
            StateTransitionTime = at,
            Identities = pool.Identities.Select(i => new NodeIdentity { ResourceId = i.ResourceId, PrincipalId = i.PrincipalId, ClientId = i.ClientId, TenantId = i.TenantId }).ToList(),
        };
        foreach (var extension in extensions?.OfType<JsonObject>() ?? [])
        {
            node.Extensions.Add(new NodeExtensionSimulation
            {
                Name = BatchHttp.String(extension["name"]) ?? "",
                Configuration = (JsonObject)extension.DeepClone(),
                NextRunAt = node.BootedAt,
            });
        }
        return node;
    }

    private static void SetAllocationState(ArmResource resource, string allocationState, DateTimeOffset at)
    {
        if (resource.Body["properties"] is not JsonObject properties) return;
        properties["allocationState"] = allocationState;
        properties["allocationStateTransitionTime"] = BatchHttp.Time(at);
    }

    private static void UpdateCounts(PoolSimulation pool, ArmResource resource)
    {
        if (resource.Body["properties"] is not JsonObject properties) return;
        properties["currentDedicatedNodes"] = pool.Nodes.Count(n => n.IsDedicated);
        properties["currentLowPriorityNodes"] = pool.Nodes.Count(n => !n.IsDedicated);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    // ----- nodes -----------------------------------------------------------------------------------------

    private static void AdvanceNode(EmulatorRuntime runtime, PoolSimulation pool, NodeSimulation node, DateTimeOffset now, Dictionary<string, SecretFetch> fetches)
    {
        if (node.LeavesAt is not null || node.StateForced) return;
        if (node.State == "creating" && node.StartingAt <= now)
        {
            node.State = "starting";
            node.StateTransitionTime = node.StartingAt;
        }
        if (node.BootedAt > now) return;

        foreach (var extension in node.Extensions)
        {
            while (extension.NextRunAt is { } at && at <= now)
            {
                RunExtension(runtime, node, extension, at, now, fetches);
            }
        }

        if (node.ReadyAt is null && node.Extensions.All(e => e.SettledAt is not null))
        {
            var ready = node.Extensions.Select(e => e.SettledAt!.Value).DefaultIfEmpty(node.BootedAt).Max();
            node.ReadyAt = ready;
            node.StateTransitionTime = ready;
            var failed = node.Extensions.Where(e => e.FailedForGood).ToList();
            if (failed.Count == 0)
            {
                node.State = "idle";
            }
            else
            {
                node.State = "unusable";
                foreach (var extension in failed)
                {
                    node.Errors.Add(ExtensionError(extension));
                }
            }
        }
    }

    private static NodeErrorRecord ExtensionError(NodeExtensionSimulation extension)
    {
        var configuration = extension.Configuration;
        var windows = string.Equals(BatchHttp.String(configuration["type"]), KeyVaultExtensionSettings.WindowsType, StringComparison.OrdinalIgnoreCase);
        var message = extension.Statuses.LastOrDefault()?.Message ?? "";
        return new NodeErrorRecord
        {
            Code = "VMExtensionProvisioningError",
            Message = $"VM has reported a failure when processing extension '{extension.Name}' (publisher '{BatchHttp.String(configuration["publisher"])}' and type '{BatchHttp.String(configuration["type"])}'). Error message: '{message}'. More information on troubleshooting is available at https://aka.ms/vmextension{(windows ? "windows" : "linux")}troubleshoot.",
            ErrorDetails = [new NameValue { Name = "ExtensionName", Value = extension.Name }],
        };
    }

    /// <summary>One run of an extension at simulated time <paramref name="at"/> (the world as of now).</summary>
    private static void RunExtension(EmulatorRuntime runtime, NodeSimulation node, NodeExtensionSimulation extension, DateTimeOffset at, DateTimeOffset now, Dictionary<string, SecretFetch> fetches)
    {
        if (!KeyVaultExtensionSettings.IsKeyVaultExtension(extension.Configuration))
        {
            Succeed(extension, at, "Enable succeeded");
            extension.Started = true;
            extension.SettledAt = at;
            extension.NextRunAt = null;
            return;
        }

        var (settings, parseError) = KeyVaultExtensionSettings.Parse(extension.Configuration);
        if (settings is null)
        {
            Fail(extension, at, parseError!);
            extension.FailedForGood = true;
            extension.SettledAt = at;
            extension.NextRunAt = null;
            return;
        }
        var interval = TimeSpan.FromSeconds(settings.PollingIntervalSeconds);

        if (extension.Started)
        {
            // Polling: every poll due up to now sees the same world, so the last one decides.
            var due = (long)Math.Floor((now - at).TotalSeconds / interval.TotalSeconds);
            var last = at + TimeSpan.FromTicks(interval.Ticks * due);
            var polled = KeyVaultExtensionRun.Download(runtime, node, extension, settings, at, last, fetches);
            if (polled is null) Succeed(extension, last, "Enable succeeded");
            else Fail(extension, last, polled);
            extension.NextRunAt = last + interval;
            return;
        }

        var error = KeyVaultExtensionRun.Download(runtime, node, extension, settings, at, at, fetches);
        if (error is null)
        {
            Succeed(extension, at, "Enable succeeded");
            extension.Started = true;
            extension.SettledAt ??= at;
            extension.FailedAttempts = 0;
            extension.NextRunAt = at + interval;
            return;
        }
        if (!settings.RequireInitialSync)
        {
            Fail(extension, at, error);
            extension.Started = true;
            extension.SettledAt ??= at;
            extension.NextRunAt = at + interval;
            return;
        }
        extension.FailedAttempts++;
        if (extension.FailedAttempts > BatchTimings.InitialSyncRetries)
        {
            Fail(extension, at, error);
            extension.FailedForGood = true;
            extension.SettledAt = at;
            extension.NextRunAt = null;
            return;
        }
        extension.ProvisioningState = "Creating";
        extension.Statuses =
        [
            new ExtensionStatus
            {
                Code = "ProvisioningState/transitioning",
                Level = "Warning",
                DisplayStatus = "Transitioning",
                Message = $"Initial sync attempt {extension.FailedAttempts} of {BatchTimings.InitialSyncRetries + 1} failed, retrying: {error}",
                Time = at,
            },
        ];
        extension.NextRunAt = at + BatchTimings.InitialSyncBackoff(extension.FailedAttempts);
    }

    private static void Succeed(NodeExtensionSimulation extension, DateTimeOffset at, string message)
    {
        extension.ProvisioningState = "Succeeded";
        extension.Statuses =
        [
            new ExtensionStatus { Code = "ProvisioningState/succeeded", Level = "Info", DisplayStatus = "Provisioning succeeded", Message = message, Time = at },
        ];
    }

    private static void Fail(NodeExtensionSimulation extension, DateTimeOffset at, string message)
    {
        extension.ProvisioningState = "Failed";
        extension.Statuses =
        [
            new ExtensionStatus { Code = "ProvisioningState/failed", Level = "Error", DisplayStatus = "Provisioning failed", Message = message, Time = at },
        ];
    }
}
