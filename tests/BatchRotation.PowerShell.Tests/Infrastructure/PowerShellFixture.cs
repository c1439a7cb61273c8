using System.Text.Json.Nodes;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.PowerShell.Tests.Infrastructure;

/// <summary>A Batch account as the seeders made it.</summary>
public sealed record SeededAccount(string Id, string Name, string ResourceGroup, string Endpoint);

/// <summary>
/// One emulator per test class (<c>IClassFixture&lt;PowerShellFixture&gt;</c>), sessions of a real PowerShell with
/// the built module signed in to it, and the seeding and journal helpers the tests share. State is seeded
/// through the emulator's Azure APIs (the Emulator.Tests seeders), never through the module under test.
/// </summary>
public class PowerShellFixture : IAsyncLifetime
{
    private static readonly string[] AzureServices = ["arm", "keyvault", "batch"];

    public EmulatorFixture Emulator { get; } = new();

    public EmulatorEnvironment Environment => Emulator.Environment;

    /// <summary>The emulator's environment file: what <c>Connect-BatchRotation -EnvironmentFile</c> takes.</summary>
    public string EnvironmentFile => Emulator.Host.EnvironmentFile;

    public string SubscriptionId => Emulator.Environment.SubscriptionId;

    /// <summary>Simulated seconds per real second; null keeps real time.</summary>
    protected virtual double? ClockScale => null;

    public virtual async Task InitializeAsync()
    {
        await Emulator.InitializeAsync();
        if (ClockScale is { } scale)
        {
            (await Emulator.ControlAsync(HttpMethod.Post, "clock", new JsonObject { ["scale"] = scale })).EnsureSuccessStatusCode();
        }
    }

    public Task DisposeAsync() => Emulator.DisposeAsync();

    /// <summary>A new session with the module imported and nothing connected.</summary>
    public PowerShellSession NewSession() => PowerShellSession.Start();

    /// <summary>A new session signed in with <c>Connect-BatchRotation -EnvironmentFile</c> (the emulator's Owner principal unless another file is given).</summary>
    public PowerShellSession Connected(string? environmentFile = null)
    {
        var session = PowerShellSession.Start();
        session.ImportResult.Succeeded();
        session.Run("$null = Connect-BatchRotation -EnvironmentFile $environmentFile -ErrorAction Stop -WarningAction SilentlyContinue",
            ("environmentFile", environmentFile ?? EnvironmentFile)).Succeeded();
        return session;
    }

    /// <summary>A copy of the emulator's environment file with some values changed.</summary>
    public string EnvironmentFileWith(params (string Key, string Value)[] changes)
    {
        var values = JsonNode.Parse(File.ReadAllText(EnvironmentFile))!.AsObject();
        foreach (var (key, value) in changes) values[key] = value;
        var path = Path.Combine(BuiltModule.TempFolder(), "emulator.env.json");
        File.WriteAllText(path, values.ToJsonString());
        return path;
    }

    /// <summary>An environment file that signs in as <paramref name="principal"/>.</summary>
    public string EnvironmentFileFor(SeededPrincipal principal) =>
        EnvironmentFileWith(("clientId", principal.ClientId), ("clientSecret", principal.ClientSecret), ("principalId", principal.PrincipalId));

    public async Task<string> ResourceGroupAsync()
    {
        var name = ArmSeeder.UniqueName("rg");
        await Emulator.CreateResourceGroupAsync(name);
        return name;
    }

    public Task<SeededIdentity> IdentityAsync(string group) => Emulator.CreateUserAssignedIdentityAsync(group, ArmSeeder.UniqueName("id"));

    public Task<SeededVault> VaultAsync(string group, bool rbac = false) =>
        Emulator.CreateVaultAsync(group, ArmSeeder.UniqueName("kv"), new VaultSeed { Model = rbac ? VaultPermissionModel.Rbac : VaultPermissionModel.AccessPolicies });

    public Task<SeededCertificate> CertificateAsync(SeededVault vault, string name = "web") => Emulator.CreateCertificateAsync(vault, name);

    public async Task<SeededAccount> AccountAsync(string group)
    {
        var name = ArmSeeder.UniqueName("ba");
        var account = await Emulator.CreateAccountAsync(group, name);
        return new SeededAccount((string)account["id"]!, name, group, (string)account["properties"]!["accountEndpoint"]!);
    }

    /// <summary>The journal's last sequence number: pass it to <see cref="WritesSinceAsync"/>.</summary>
    public async Task<long> JournalMarkAsync()
    {
        var entries = await Emulator.JournalAsync();
        return entries.Count == 0 ? 0 : (long)entries[^1]!["seq"]!;
    }

    /// <summary>Every request to ARM, Key Vault or Batch after <paramref name="mark"/> that is not a read, as "METHOD url".</summary>
    public async Task<IReadOnlyList<string>> WritesSinceAsync(long mark) =>
        (await Emulator.JournalAsync(mark))
            .Where(e => AzureServices.Contains((string?)e!["service"]) && (string?)e["method"] != "GET")
            .Select(e => $"{(string)e!["method"]!} {(string)e["url"]!}")
            .ToList();
}

/// <summary>A <see cref="PowerShellFixture"/> whose simulated clock runs 600 times faster: node allocation, boot and the extension's polls pass in moments.</summary>
public sealed class FastClockFixture : PowerShellFixture
{
    protected override double? ClockScale => 600;
}
