using System.Text.Json.Serialization;
using BatchRotation.Emulator.Batch;
using BatchRotation.Emulator.Identity;
using BatchRotation.Emulator.KeyVault;

namespace BatchRotation.Emulator.State;

/// <summary>
/// Everything the emulator knows. One lock (<see cref="Sync"/>) guards it all: handlers take it for
/// every read and write, which keeps the model simple and is fast enough for a local twin.
/// </summary>
public sealed class EmulatorState
{
    [JsonIgnore]
    public object Sync { get; } = new();

    public required string TenantId { get; init; }

    public List<string> SubscriptionIds { get; init; } = [];

    /// <summary>The principal the environment file signs in as; Owner of the subscription when seeded.</summary>
    public required string DefaultPrincipalId { get; init; }

    /// <summary>Directory objects by principal (object) id.</summary>
    public Dictionary<string, Principal> Principals { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>ARM resources by id (case-insensitive, as ARM compares ids).</summary>
    public Dictionary<string, ArmResource> Resources { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Pending ARM long-running operations by the id in their Location URL.</summary>
    public Dictionary<string, LongRunningOperation> Operations { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Key Vault data plane: certificates, secrets and keys of every vault.</summary>
    public KeyVaultDataState KeyVault { get; init; } = new();

    /// <summary>Batch data plane: the compute nodes of every pool.</summary>
    public BatchDataState Batch { get; init; } = new();

    public Principal? FindPrincipalByClientId(string clientId) =>
        Principals.Values.FirstOrDefault(p => string.Equals(p.ClientId, clientId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>An ARM asynchronous operation (e.g. a pool deletion) that completes at a simulated time.</summary>
public sealed class LongRunningOperation
{
    public required string Id { get; init; }
    public required string ResourceId { get; init; }
    public required DateTimeOffset CompletesAt { get; init; }
    public string Status { get; set; } = "InProgress";
}
