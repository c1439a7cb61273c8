using System.Text.Json.Nodes;

namespace BatchRotation.Emulator.State;

/// <summary>
/// A resource as ARM stores it: its id, type and the JSON body ARM returns for it. Bodies are kept as
/// JSON so that properties the emulator does not interpret come back exactly as they were sent.
/// </summary>
public sealed class ArmResource
{
    public required string Id { get; init; }

    /// <summary>Full type, e.g. <c>Microsoft.Batch/batchAccounts/pools</c>.</summary>
    public required string Type { get; init; }

    public required JsonObject Body { get; set; }

    /// <summary>The entity tag where the resource type has one (pools: <c>W/"0x8D..."</c>).</summary>
    public string? ETag { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ModifiedAt { get; set; }

    public string Name => Id[(Id.LastIndexOf('/') + 1)..];
}
