using System.Text.Json.Nodes;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Inspection;

/// <summary>
/// An estate seeded through the emulator's real APIs: one account, one pool identity, <c>vaults</c> vaults each
/// with an auto-renewing certificate the identity may read, and <c>pools</c> one-node pools, pool i observing the
/// certificate of vault i % vaults. The nodes are settled with one clock jump.
/// </summary>
internal sealed class Estate
{
    private Estate(ScenarioFixture scenario, string resourceGroup, string account, IReadOnlyList<SeededVault> vaults, IReadOnlyList<string> pools)
    {
        Scenario = scenario;
        ResourceGroup = resourceGroup;
        Account = account;
        Vaults = vaults;
        Pools = pools;
    }

    public ScenarioFixture Scenario { get; }
    public string ResourceGroup { get; }
    public string Account { get; }
    public IReadOnlyList<SeededVault> Vaults { get; }
    public IReadOnlyList<string> Pools { get; }

    public static async Task<Estate> CreateAsync(ScenarioFixture scenario, int pools, int vaults)
    {
        var emulator = scenario.Emulator;
        var resourceGroup = ArmSeeder.UniqueName("rg-estate-");
        await emulator.CreateResourceGroupAsync(resourceGroup);
        var account = ArmSeeder.UniqueName("estate");
        await emulator.CreateAccountAsync(resourceGroup, account);
        var identity = await emulator.CreateUserAssignedIdentityAsync(resourceGroup, "estate-identity");
        var seeded = new List<SeededVault>();
        var urls = new List<string>();
        for (var v = 0; v < vaults; v++)
        {
            var vault = await emulator.CreateVaultAsync(resourceGroup, ArmSeeder.UniqueName("kv"));
            var certificate = await emulator.CreateCertificateAsync(vault, "shared");
            await emulator.AddAccessPolicyAsync(vault, identity.PrincipalId, secrets: ["get", "list"]);
            seeded.Add(vault);
            urls.Add(certificate.VersionlessSecretId.ToString());
        }

        var names = new List<string>();
        for (var p = 0; p < pools; p++)
        {
            var name = $"pool{p:D4}";
            var settings = BatchSeeder.KeyVaultSettings([urls[p % vaults]], identity.ClientId);
            await emulator.CreatePoolAsync(resourceGroup, account, name,
                BatchSeeder.PoolBody(dedicated: 1, identityIds: [identity.Id], extensions: [BatchSeeder.KeyVaultExtension(settings)]));
            names.Add(name);
        }

        await emulator.AdvanceAsync(300);
        return new Estate(scenario, resourceGroup, account, seeded, names);
    }

    public PoolInspectionRequest Request() => PoolInspectionRequest.ForAccount(Scenario.SubscriptionId, ResourceGroup, Account);

    public InspectionOptions Options(int throttleLimit) =>
        new() { ThrottleLimit = throttleLimit, Clock = () => Scenario.Emulator.Host.Runtime.Clock.UtcNow };

    /// <summary>Runs one scan; reports are counted and dropped, as a pipeline consumer would.</summary>
    public async Task<(int Reports, int NotCompliant, PoolCertificateInspector Inspector)> ScanAsync(int throttleLimit, RecordingSink? sink = null)
    {
        var reports = 0;
        var notCompliant = 0;
        var inspector = new PoolCertificateInspector(Options(throttleLimit));
        await inspector.InspectAsync(Request(), InspectionClients.From(Scenario.Clients), sink ?? new RecordingSink(), report =>
        {
            reports++;
            if (!report.IsCompliant) notCompliant++;
        }, CancellationToken.None);
        return (reports, notCompliant, inspector);
    }

    public Task FaultsAsync(JsonObject settings) => ControlAsync("faults", settings);

    private async Task ControlAsync(string path, JsonObject body)
    {
        var response = await Scenario.Emulator.ControlAsync(HttpMethod.Post, path, body);
        response.EnsureSuccessStatusCode();
    }
}
