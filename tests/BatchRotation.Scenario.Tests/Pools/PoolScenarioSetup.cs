using System.Text.Json.Nodes;
using BatchRotation.Core.Operations.Grants;
using VaultPermissionModel = BatchRotation.Emulator.Tests.Infrastructure.VaultPermissionModel;
using BatchRotation.Core.Operations.Pools;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Pools;

/// <summary>A resource group with a Batch account, a pool identity, a vault and a certificate, seeded through the emulator's Azure APIs.</summary>
internal sealed record PoolWorld(
    string ResourceGroup,
    string Account,
    string AccountId,
    SeededIdentity Identity,
    SeededVault Vault,
    SeededCertificate Certificate)
{
    public string PoolId(string pool) => AccountId + "/pools/" + pool;

    public string SecretUrl => Certificate.VersionlessSecretId.AbsoluteUri;
}

internal static class PoolScenarioSetup
{
    /// <summary>Fast polls: the emulator's clock runs 600 times faster in these tests.</summary>
    public static readonly PoolOperationOptions FastPolls = new()
    {
        InitialPollInterval = TimeSpan.FromMilliseconds(200),
        MaxPollInterval = TimeSpan.FromSeconds(1),
    };

    public static async Task<PoolWorld> NewWorldAsync(this ScenarioFixture scenario, VaultPermissionModel model = VaultPermissionModel.AccessPolicies, CertificateSeed? certificate = null)
    {
        var emulator = scenario.Emulator;
        var resourceGroup = ArmSeeder.UniqueName("rg-pools-");
        await emulator.CreateResourceGroupAsync(resourceGroup);
        var account = ArmSeeder.UniqueName("pools");
        await emulator.CreateAccountAsync(resourceGroup, account);
        var identity = await emulator.CreateUserAssignedIdentityAsync(resourceGroup, "pool-identity");
        var vault = await emulator.CreateVaultAsync(resourceGroup, ArmSeeder.UniqueName("kv"), new VaultSeed { Model = model });
        var seeded = await emulator.CreateCertificateAsync(vault, "web-tls", certificate);
        return new PoolWorld(resourceGroup, account, emulator.AccountId(resourceGroup, account), identity, vault, seeded);
    }

    /// <summary>Simulated time runs <paramref name="scale"/> times faster than real time from now on.</summary>
    public static async Task SpeedUpClockAsync(this ScenarioFixture scenario, double scale = 600)
    {
        var response = await scenario.Emulator.ControlAsync(HttpMethod.Post, "clock", new JsonObject { ["scale"] = scale });
        response.EnsureSuccessStatusCode();
    }

    public static NewRotatingBatchPoolRequest Request(this ScenarioFixture scenario, PoolWorld world, string pool, params string[] urls) =>
        new(pool, world.Identity.Id, urls.Length == 0 ? new[] { world.SecretUrl } : urls, "Standard_D2s_v3")
        {
            SubscriptionId = scenario.SubscriptionId,
            ResourceGroupName = world.ResourceGroup,
            AccountName = world.Account,
        };

    public static PoolProvisioner Provisioner(this ScenarioFixture scenario) => new(PoolClients.From(scenario.Clients), FastPolls);

    public static PoolReader Reader(this ScenarioFixture scenario) => new(PoolClients.From(scenario.Clients));

    /// <summary>Grant-PoolVaultAccess's operation, as a user would run it before creating the pool.</summary>
    public static async Task<PoolVaultAccess> GrantAsync(this ScenarioFixture scenario, PoolWorld world, params string[] urls)
    {
        var access = await VaultAccessGranter.Create(scenario.Clients, scenario.Context)
            .GrantAsync(new GrantRequest(world.Identity.Id, urls.Length == 0 ? new[] { world.SecretUrl } : urls), new RecordingSink(), CancellationToken.None);
        Assert.NotNull(access);
        Assert.True(access!.Complete);
        return access;
    }

    private static readonly string[] AzureServices = ["arm", "keyvault", "batch"];

    /// <summary>The writes (PUT, PATCH, POST, DELETE) to ARM, Key Vault or Batch the emulator saw after <paramref name="mark"/>; sign-in is not a write.</summary>
    public static async Task<IReadOnlyList<string>> WritesSinceAsync(this ScenarioFixture scenario, long mark) =>
        (await scenario.Emulator.JournalAsync(mark))
            .Where(e => AzureServices.Contains((string?)e!["service"]))
            .Select(e => $"{(string)e!["method"]!} {(string)e["url"]!}")
            .Where(line => !line.StartsWith("GET ", StringComparison.Ordinal) && !line.StartsWith("HEAD ", StringComparison.Ordinal))
            .ToList();
}
