using System.Runtime.CompilerServices;
using BatchRotation.Emulator.Hosting;

namespace BatchRotation.Emulator.Arm.Common;

/// <summary>
/// Tunables of the emulator's ARM side, per running emulator (tests run several at once). Read and
/// changed through <c>/_emulator/arm</c>; the defaults are what a user of the emulator sees.
/// </summary>
public sealed class ArmSettings
{
    private static readonly ConditionalWeakTable<EmulatorRuntime, ArmSettings> PerRuntime = new();

    public const int DefaultPageSize = 100;
    public const int DefaultVaultWriteDurationMs = 50;
    public const int DefaultResourceGroupDeletionSeconds = 5;

    /// <summary>Items per page of every ARM list (Azure's lists page at 100 to 1000; <c>$top</c> lowers it where Azure has <c>$top</c>).</summary>
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>
    /// Real milliseconds a vault write (PUT, PATCH, accessPolicies) keeps its vault busy; a second write
    /// to the same vault meanwhile is refused with 409 ConflictError, as Azure refuses overlapping writes.
    /// </summary>
    public int VaultWriteDurationMs { get; set; } = DefaultVaultWriteDurationMs;

    /// <summary>Simulated seconds a resource group deletion takes (its Location answers 202 until then).</summary>
    public int ResourceGroupDeletionSeconds { get; set; } = DefaultResourceGroupDeletionSeconds;

    /// <summary>Vault names (lower case) with a write in progress. Guarded by the state lock.</summary>
    internal HashSet<string> VaultWritesInFlight { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ArmSettings For(EmulatorRuntime runtime) => PerRuntime.GetValue(runtime, _ => new ArmSettings());
}
