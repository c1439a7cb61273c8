using System.Text.Json.Nodes;

namespace BatchRotation.Emulator.Batch;

/// <summary>
/// The Batch service's own state beside ARM's resources: the simulated compute nodes of every pool and what
/// each node's Key Vault extension holds. Persisted with the rest of the state (plain data, no cycles).
/// Everything here is read and written under <c>EmulatorState.Sync</c> and brought up to the simulated
/// clock by <see cref="BatchSimulation"/> before any request is answered.
/// </summary>
public sealed class BatchDataState
{
    /// <summary>The simulation of each pool, by the pool's ARM resource id.</summary>
    public Dictionary<string, PoolSimulation> Pools { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The simulated time up to which every pool has been evaluated.</summary>
    public DateTimeOffset? EvaluatedUntil { get; set; }

    /// <summary>Forgets every pool's nodes (the control surface's reset).</summary>
    public void Clear()
    {
        Pools.Clear();
        EvaluatedUntil = null;
    }
}

/// <summary>A pool as the Batch service runs it: its resize and its nodes.</summary>
public sealed class PoolSimulation
{
    public required string PoolResourceId { get; init; }

    public required string AccountName { get; init; }

    public required string PoolName { get; init; }

    public int TargetDedicatedNodes { get; set; }

    public int TargetLowPriorityNodes { get; set; }

    /// <summary>When the running resize reaches its target; null when the pool is steady.</summary>
    public DateTimeOffset? ResizeCompletesAt { get; set; }

    /// <summary>Set once the pool is being deleted: nodes leave, then the pool goes.</summary>
    public DateTimeOffset? DeleteCompletesAt { get; set; }

    /// <summary>The identities a new node gets (a copy is taken when the node is created).</summary>
    public List<NodeIdentity> Identities { get; set; } = [];

    /// <summary>
    /// Identities set through ARM while the pool had nodes: they reach new nodes only once the pool has
    /// shrunk to zero nodes (Azure/azure-sdk-for-net#37937).
    /// </summary>
    public List<NodeIdentity>? PendingIdentities { get; set; }

    public List<NodeSimulation> Nodes { get; set; } = [];

    /// <summary>How many nodes this pool has ever had (numbering for IP addresses).</summary>
    public int NodesEverCreated { get; set; }
}

/// <summary>A user-assigned identity as a node sees it through IMDS.</summary>
public sealed class NodeIdentity
{
    public required string ResourceId { get; init; }
    public required string PrincipalId { get; init; }
    public required string ClientId { get; init; }
    public required string TenantId { get; init; }
}

/// <summary>One compute node: its life-cycle times, its state and its VM extensions.</summary>
public sealed class NodeSimulation
{
    public required string Id { get; init; }

    public bool IsDedicated { get; init; }

    public required string IpAddress { get; init; }

    public DateTimeOffset AllocationTime { get; init; }

    /// <summary>creating → starting.</summary>
    public DateTimeOffset StartingAt { get; init; }

    /// <summary>The VM has booted and its extensions start (lastBootTime).</summary>
    public DateTimeOffset BootedAt { get; init; }

    /// <summary>Batch node state as the data plane spells it (idle, starting, unusable, …).</summary>
    public string State { get; set; } = "creating";

    public DateTimeOffset StateTransitionTime { get; set; }

    /// <summary>When the node's extensions finished provisioning and the node joined (null while starting).</summary>
    public DateTimeOffset? ReadyAt { get; set; }

    /// <summary>When a node being removed leaves the pool for good.</summary>
    public DateTimeOffset? LeavesAt { get; set; }

    /// <summary>A state set through the control surface; the simulation leaves such a node alone.</summary>
    public bool StateForced { get; set; }

    public int RunningTasksCount { get; set; }

    public int TotalTasksRun { get; set; }

    public List<NodeErrorRecord> Errors { get; set; } = [];

    /// <summary>The pool's identities when this node was created (an identity change reaches only new nodes).</summary>
    public List<NodeIdentity> Identities { get; set; } = [];

    public List<NodeExtensionSimulation> Extensions { get; set; } = [];
}

public sealed class NodeErrorRecord
{
    public required string Code { get; init; }
    public required string Message { get; init; }
    public List<NameValue> ErrorDetails { get; init; } = [];
}

public sealed class NameValue
{
    public required string Name { get; init; }
    public required string Value { get; init; }
}

/// <summary>One VM extension on one node: its configuration (as the pool has it) and its instance view.</summary>
public sealed class NodeExtensionSimulation
{
    public required string Name { get; init; }

    /// <summary>The extension exactly as configured on the pool (the data plane's <c>vmExtension</c>).</summary>
    public required JsonObject Configuration { get; init; }

    /// <summary>Creating, Succeeded or Failed.</summary>
    public string ProvisioningState { get; set; } = "Creating";

    public List<ExtensionStatus> Statuses { get; set; } = [];

    public List<ExtensionStatus> SubStatuses { get; set; } = [];

    /// <summary>Key Vault extension: failed download attempts in a row (initial sync).</summary>
    public int FailedAttempts { get; set; }

    /// <summary>Key Vault extension: when it next tries (initial sync retry or polling); null when done for good.</summary>
    public DateTimeOffset? NextRunAt { get; set; }

    /// <summary>Key Vault extension: the initial download is over (succeeded, or failed without requireInitialSync).</summary>
    public bool Started { get; set; }

    /// <summary>When the extension finished provisioning (the node waits for every extension).</summary>
    public DateTimeOffset? SettledAt { get; set; }

    /// <summary>Provisioning failed for good (bad settings, or requireInitialSync retries exhausted): the node is unusable.</summary>
    public bool FailedForGood { get; set; }

    /// <summary>Key Vault extension: what the node holds for each observed certificate URL.</summary>
    public List<CertificateHolding> Certificates { get; set; } = [];
}

public sealed class ExtensionStatus
{
    public required string Code { get; init; }
    public required string Level { get; init; }
    public required string DisplayStatus { get; init; }
    public required string Message { get; init; }
    public DateTimeOffset Time { get; init; }
}

/// <summary>The certificate a node holds for one observed URL (the real extension writes it to disk).</summary>
public sealed class CertificateHolding
{
    public required string Url { get; init; }

    public string? VaultName { get; set; }

    public string? SecretName { get; set; }

    /// <summary>The secret version on the node; null until a download succeeded.</summary>
    public string? Version { get; set; }

    public string? Thumbprint { get; set; }

    public DateTimeOffset? NotBefore { get; set; }

    public DateTimeOffset? NotAfter { get; set; }

    /// <summary>When the certificate on the node was last replaced (or first written).</summary>
    public DateTimeOffset? DownloadedAt { get; set; }

    public DateTimeOffset? LastPolledAt { get; set; }

    /// <summary>Every version the node has received, oldest first (old versions stay on disk).</summary>
    public List<string> History { get; set; } = [];

    /// <summary>The last attempt's failure; null when it succeeded.</summary>
    public string? LastError { get; set; }

    public int? LastStatus { get; set; }
}
