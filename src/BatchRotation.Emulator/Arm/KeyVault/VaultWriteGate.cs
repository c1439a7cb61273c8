using BatchRotation.Emulator.Arm.Common;

namespace BatchRotation.Emulator.Arm.KeyVault;

/// <summary>
/// Key Vault refuses overlapping writes to one vault with 409 ConflictError. A write here is accepted under
/// the lock, keeps its vault busy for <see cref="ArmSettings.VaultWriteDurationMs"/> of real time (outside the
/// lock), then commits; any other write to the same vault meanwhile gets the 409. Sequential writes never
/// conflict; parallel ones must retry, as against Azure.
/// </summary>
public static class VaultWriteGate
{
    /// <param name="prepare">Runs under the lock: all checks; returns the vault name to occupy and the commit, which runs under the lock after the wait.</param>
    public static async Task<IResult> WriteAsync(ArmCall call, Func<(string VaultName, Func<IResult> Commit)> prepare)
    {
        var settings = ArmSettings.For(call.Runtime);
        string vaultName;
        Func<IResult> commit;
        lock (call.State.Sync)
        {
            (vaultName, commit) = prepare();
            if (!settings.VaultWritesInFlight.Add(vaultName)) throw Conflict(vaultName);
        }
        try
        {
            if (settings.VaultWriteDurationMs > 0) await Task.Delay(settings.VaultWriteDurationMs);
        }
        catch
        {
            lock (call.State.Sync) settings.VaultWritesInFlight.Remove(vaultName);
            throw;
        }
        lock (call.State.Sync)
        {
            try
            {
                return commit();
            }
            finally
            {
                settings.VaultWritesInFlight.Remove(vaultName);
            }
        }
    }

    public static ArmException Conflict(string vaultName) =>
        new(409, "ConflictError",
            $"A conflict occurred that prevented the operation from completing. The operation failed because the Key Vault '{vaultName}' changed from the point the operation began. This can happen if parallel operations are being performed on the Key Vault. To prevent this error, serialize the operations so that only one operation is performed on the Key Vault at a time. Follow this link for more information: https://go.microsoft.com/fwlink/?linkid=2147741");
}
