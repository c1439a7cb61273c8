using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using BatchRotation.Emulator.State;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.KeyVault;

/// <summary>Vaults, principals and role assignments for the Key Vault data-plane tests, made through ARM (<see cref="ArmSeeder"/>).</summary>
internal static class KeyVaultTestSupport
{
    public const string Api = KeyVaultSeeder.ApiVersion;

    public static async Task<SeededVault> NewVaultAsync(this EmulatorFixture fixture, VaultSeed? seed = null)
    {
        var resourceGroup = ArmSeeder.UniqueName("rg-kv-");
        await ArmOrSeedAsync(fixture, () => fixture.CreateResourceGroupAsync(resourceGroup), () => SeedResourceGroup(fixture, resourceGroup));
        var name = ArmSeeder.UniqueName("kvt");
        return await ArmOrSeedAsync(fixture, () => fixture.CreateVaultAsync(resourceGroup, name, seed), () => SeedVault(fixture, resourceGroup, name, seed ?? new VaultSeed()));
    }

    public static Task NewRoleAssignmentAsync(this EmulatorFixture fixture, string scope, string roleGuid, string principalId) =>
        ArmOrSeedAsync(fixture, () => fixture.AssignRoleAsync(scope, roleGuid, principalId), () =>
        {
            lock (fixture.Host.Runtime.State.Sync)
            {
                return Seed.AddRoleAssignment(fixture.Host.Runtime.State, scope, roleGuid, principalId, fixture.Host.Runtime.Clock.UtcNow).Id;
            }
        });

    /// <summary>Adds (merges) an access-policy entry for <paramref name="objectId"/> through ARM's <c>accessPolicies/add</c>.</summary>
    public static Task GrantAccessPolicyAsync(this EmulatorFixture fixture, SeededVault vault, string objectId, string[]? secrets = null, string[]? certificates = null, string[]? keys = null) =>
        ArmOrSeedAsync(fixture, async () => { await fixture.AddAccessPolicyAsync(vault, objectId, secrets, certificates, keys); return vault.Id; }, () =>
        {
            lock (fixture.Host.Runtime.State.Sync)
            {
                var resource = fixture.Host.Runtime.State.Get(vault.Id)!;
                ((JsonArray)resource.Body["properties"]!["accessPolicies"]!).Add(ArmSeeder.AccessPolicy(fixture.Environment.TenantId, objectId, secrets, certificates, keys));
            }
            return vault.Id;
        });

    public static Uri Kv(SeededVault vault, string path, string? query = null, string apiVersion = Api) =>
        new(vault.VaultUri, path.TrimStart('/') + "?api-version=" + apiVersion + (query is null ? "" : "&" + query));

    public static HttpPipeline PipelineFor(this EmulatorFixture fixture, SeededPrincipal principal) => fixture.KeyVaultPipeline(principal.Credential);

    public static async Task<JsonObject> AdvanceClockAsync(this EmulatorFixture fixture, TimeSpan by)
    {
        var response = await fixture.ControlAsync(HttpMethod.Post, "clock", new JsonObject { ["advanceSeconds"] = by.TotalSeconds });
        response.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static DateTimeOffset SimulatedNow(this EmulatorFixture fixture) => fixture.Host.Runtime.Clock.UtcNow;

    public static string ErrorCode(this Azure.Response response) => (string?)response.Json()?["error"]?["code"] ?? "";

    public static string ErrorMessage(this Azure.Response response) => (string?)response.Json()?["error"]?["message"] ?? "";

    public static string InnerCode(this Azure.Response response) => (string?)response.Json()?["error"]?["innererror"]?["code"] ?? "";

    // ARM routes for vaults and role assignments are built by another part of the emulator; until they answer,
    // the same ARM resources are put into the state directly (same shape as ARM stores them).
    private static async Task<T> ArmOrSeedAsync<T>(EmulatorFixture fixture, Func<Task<T>> arm, Func<T> seed)
    {
        try
        {
            return await arm();
        }
        catch (ArmSeedException e) when (e.Status is 404 or 405 && (string?)e.Body?["error"]?["code"] is "InvalidResourceType" or null)
        {
            return seed();
        }
    }

    private static async Task ArmOrSeedAsync(EmulatorFixture fixture, Func<Task<string>> arm, Func<string> seed) =>
        await ArmOrSeedAsync<string>(fixture, arm, seed);

    private static string SeedResourceGroup(EmulatorFixture fixture, string resourceGroup)
    {
        var runtime = fixture.Host.Runtime;
        var id = ResourceIds.ResourceGroup(fixture.Environment.SubscriptionId, resourceGroup);
        lock (runtime.State.Sync)
        {
            runtime.State.Put(new ArmResource
            {
                Id = id,
                Type = ArmStore.ResourceGroupType,
                CreatedAt = runtime.Clock.UtcNow,
                ModifiedAt = runtime.Clock.UtcNow,
                Body = new JsonObject { ["id"] = id, ["name"] = resourceGroup, ["type"] = ArmStore.ResourceGroupType, ["location"] = ArmSeeder.DefaultLocation, ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" } },
            });
        }
        return id;
    }

    private static SeededVault SeedVault(EmulatorFixture fixture, string resourceGroup, string name, VaultSeed seed)
    {
        var runtime = fixture.Host.Runtime;
        var id = $"{fixture.ResourceGroupId(resourceGroup)}/providers/Microsoft.KeyVault/vaults/{name}";
        var principalId = seed.PrincipalId ?? fixture.Environment.PrincipalId;
        var rbac = seed.Model == VaultPermissionModel.Rbac;
        var accessPolicies = new JsonArray();
        if (!rbac && seed.GrantAccess) accessPolicies.Add(ArmSeeder.AccessPolicy(fixture.Environment.TenantId, principalId, seed.Secrets, seed.Certificates, seed.Keys));
        var vaultUri = new Uri($"{fixture.Endpoint}keyvault/{name}/");
        var properties = new JsonObject
        {
            ["tenantId"] = fixture.Environment.TenantId,
            ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
            ["accessPolicies"] = accessPolicies,
            ["enableRbacAuthorization"] = rbac,
            ["enableSoftDelete"] = seed.EnableSoftDelete,
            ["softDeleteRetentionInDays"] = 90,
            ["vaultUri"] = vaultUri.ToString(),
        };
        if (seed.EnablePurgeProtection) properties["enablePurgeProtection"] = true;
        lock (runtime.State.Sync)
        {
            runtime.State.Put(new ArmResource
            {
                Id = id,
                Type = "Microsoft.KeyVault/vaults",
                CreatedAt = runtime.Clock.UtcNow,
                ModifiedAt = runtime.Clock.UtcNow,
                Body = new JsonObject { ["id"] = id, ["name"] = name, ["type"] = "Microsoft.KeyVault/vaults", ["location"] = seed.Location, ["properties"] = properties },
            });
            if (rbac && seed.GrantAccess) Seed.AddRoleAssignment(runtime.State, id, ArmSeeder.KeyVaultAdministratorRole, principalId, runtime.Clock.UtcNow);
        }
        return new SeededVault(id, name, resourceGroup, vaultUri, rbac);
    }
}
