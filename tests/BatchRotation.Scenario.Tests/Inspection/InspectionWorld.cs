using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Inspection;

/// <summary>
/// A resource group with a pool identity, a vault, an auto-renewing certificate and a Batch account, seeded
/// through the emulator's real APIs; pools are added with any body (as another tool would write them) and
/// tested with the Core's inspector, judged at the emulator's simulated time.
/// </summary>
internal sealed class InspectionWorld
{
    private InspectionWorld(ScenarioFixture scenario, string resourceGroup, string account, SeededIdentity identity, SeededVault vault, SeededCertificate certificate)
    {
        Scenario = scenario;
        ResourceGroup = resourceGroup;
        Account = account;
        Identity = identity;
        Vault = vault;
        Certificate = certificate;
    }

    public ScenarioFixture Scenario { get; }
    public EmulatorFixture Emulator => Scenario.Emulator;
    public string ResourceGroup { get; }
    public string Account { get; }
    public SeededIdentity Identity { get; }
    public SeededVault Vault { get; }
    public SeededCertificate Certificate { get; }
    public string SecretUrl => Certificate.VersionlessSecretId.ToString();

    /// <summary>Seeds the world; by default the identity may read secrets (get, list) through an access policy.</summary>
    public static async Task<InspectionWorld> CreateAsync(
        ScenarioFixture scenario, VaultPermissionModel model = VaultPermissionModel.AccessPolicies, bool grant = true, CertificateSeed? certificate = null)
    {
        var emulator = scenario.Emulator;
        var resourceGroup = ArmSeeder.UniqueName("rg-inspect-");
        await emulator.CreateResourceGroupAsync(resourceGroup);
        var account = ArmSeeder.UniqueName("batch");
        await emulator.CreateAccountAsync(resourceGroup, account);
        var identity = await emulator.CreateUserAssignedIdentityAsync(resourceGroup, "pool-identity");
        var vault = await emulator.CreateVaultAsync(resourceGroup, ArmSeeder.UniqueName("kv"), new VaultSeed { Model = model });
        var seeded = await emulator.CreateCertificateAsync(vault, "poolcert", certificate);
        var world = new InspectionWorld(scenario, resourceGroup, account, identity, vault, seeded);
        if (grant)
        {
            await world.GrantAsync();
        }

        return world;
    }

    /// <summary>The least privilege the pool needs: secrets get/list, or Key Vault Secrets User at the vault.</summary>
    public async Task GrantAsync()
    {
        if (Vault.EnableRbacAuthorization)
            await Emulator.AssignRoleAsync(Vault.Id, ArmSeeder.KeyVaultSecretsUserRole, Identity.PrincipalId);
        else
            await Emulator.AddAccessPolicyAsync(Vault, Identity.PrincipalId, secrets: ["get", "list"]);
    }

    /// <summary>Settings as a careful tool writes them (Linux 3.0, objects, string polling, authenticationSettings).</summary>
    public JsonObject Settings(string? url = null, string pollingIntervalInS = "3600", bool requireInitialSync = false) =>
        BatchSeeder.KeyVaultSettings([url ?? SecretUrl], Identity.ClientId, requireInitialSync, pollingIntervalInS);

    public JsonObject PoolBody(JsonNode? settings = null, int dedicated = 1, string type = "KeyVaultForLinux", string version = "3.0", bool identity = true) =>
        BatchSeeder.PoolBody(
            dedicated: dedicated,
            identityIds: identity ? [Identity.Id] : null,
            extensions: [BatchSeeder.KeyVaultExtension(settings ?? Settings(), type, version)]);

    /// <summary>PUTs the pool exactly as given and, when it has nodes, lets them settle.</summary>
    public async Task<string> CreatePoolAsync(JsonObject body, string? name = null, bool waitForNodes = true)
    {
        name ??= ArmSeeder.UniqueName("pool");
        await Emulator.CreatePoolAsync(ResourceGroup, Account, name, body);
        var dedicated = (int?)body["properties"]?["scaleSettings"]?["fixedScale"]?["targetDedicatedNodes"] ?? 0;
        if (waitForNodes && dedicated > 0)
        {
            await Emulator.WaitForNodesAsync(Account, name, dedicated);
        }

        return name;
    }

    public InspectionOptions Options(NodeScope node = NodeScope.All, int throttleLimit = 4) =>
        new() { Node = node, ThrottleLimit = throttleLimit, Clock = () => Emulator.Host.Runtime.Clock.UtcNow };

    /// <summary>Tests one pool of the world's account and returns its report.</summary>
    public async Task<PoolCertificateReport> TestAsync(string pool, InspectionOptions? options = null, RecordingSink? sink = null)
    {
        var reports = await TestManyAsync(PoolInspectionRequest.ForAccount(Emulator.SubscriptionId(), ResourceGroup, Account, pool), options, sink);
        return Assert.Single(reports);
    }

    public async Task<IReadOnlyList<PoolCertificateReport>> TestManyAsync(PoolInspectionRequest request, InspectionOptions? options = null, RecordingSink? sink = null)
    {
        var reports = new ConcurrentQueue<PoolCertificateReport>();
        var inspector = new PoolCertificateInspector(options ?? Options());
        await inspector.InspectAsync(request, InspectionClients.From(Scenario.Clients), sink ?? new RecordingSink(), reports.Enqueue, CancellationToken.None);
        return reports.ToList();
    }
}

internal static class ReportAssertions
{
    /// <summary>The one check with this id (and target, when given).</summary>
    public static PoolCheck Check(this PoolCertificateReport report, string id, string? target = null)
    {
        var matches = report.Checks.Where(c => c.Id == id && (target is null || c.Target == target)).ToList();
        Assert.True(matches.Count == 1, $"Expected one check {id}{(target is null ? "" : " for " + target)}, found {matches.Count}:\n{Describe(report)}");
        return matches[0];
    }

    public static void AssertStatus(this PoolCertificateReport report, string id, CheckStatus status, string? messagePart = null)
    {
        var check = report.Check(id);
        Assert.True(check.Status == status, $"{id} is {check.Status}, expected {status}: {check.Message}\n{Describe(report)}");
        if (messagePart is not null) Assert.Contains(messagePart, check.Message, StringComparison.OrdinalIgnoreCase);
    }

    public static string Describe(PoolCertificateReport report) =>
        string.Join("\n", report.Checks.Select(c => $"  {c.Status,-8} {c.Id} [{c.Target}] {c.Message}"));
}
