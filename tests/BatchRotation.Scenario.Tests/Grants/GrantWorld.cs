using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Operations.Grants;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Grants;

/// <summary>Seeds what a grant needs in the emulator (through its real APIs) and reads back what the grant left.</summary>
internal static class GrantWorld
{
    public static readonly CertificateSeed FastCertificate = new() { KeyType = "EC" };

    public static async Task<string> ResourceGroupAsync(this ScenarioFixture scenario)
    {
        var name = ArmSeeder.UniqueName("rg");
        await scenario.Emulator.CreateResourceGroupAsync(name);
        return name;
    }

    public static Task<SeededIdentity> IdentityAsync(this ScenarioFixture scenario, string resourceGroup) =>
        scenario.Emulator.CreateUserAssignedIdentityAsync(resourceGroup, ArmSeeder.UniqueName("id"));

    /// <summary>A vault with the given certificates (created by the emulator's own principal, which the seed gives full access).</summary>
    public static async Task<SeededVault> VaultAsync(this ScenarioFixture scenario, string resourceGroup, bool rbac, params string[] certificates)
    {
        var vault = await scenario.Emulator.CreateVaultAsync(resourceGroup, ArmSeeder.UniqueName("kv"),
            new VaultSeed { Model = rbac ? VaultPermissionModel.Rbac : VaultPermissionModel.AccessPolicies });
        foreach (var certificate in certificates)
        {
            await scenario.Emulator.CreateCertificateAsync(vault, certificate, FastCertificate);
        }

        return vault;
    }

    public static string Url(this SeededVault vault, string certificate) => vault.VaultUri.AbsoluteUri.TrimEnd('/') + "/secrets/" + certificate;

    public static VaultAccessGranter Granter(this ScenarioFixture scenario, AzureClients? clients = null, GrantOptions? options = null) =>
        VaultAccessGranter.Create(clients ?? scenario.Clients, scenario.Context, options);

    public static async Task<IReadOnlyList<Core.Azure.Models.VaultAccessPolicy>> PoliciesAsync(this ScenarioFixture scenario, SeededVault vault) =>
        (await scenario.Clients.KeyVaultManagement.GetVaultAsync(vault.Id, CancellationToken.None)).AccessPolicies;

    public static async Task<IReadOnlyList<Core.Azure.Models.RoleAssignment>> AssignmentsAsync(this ScenarioFixture scenario, string scope, string principalId) =>
        await scenario.Clients.Authorization.ListRoleAssignmentsAsync(scope, principalId, CancellationToken.None);

    /// <summary>Every Azure request after <paramref name="mark"/> that is not a read (sign-in excluded: it is not Azure's state).</summary>
    public static async Task<IReadOnlyList<string>> WritesSinceAsync(this ScenarioFixture scenario, long mark) =>
        (await scenario.Emulator.JournalAsync(mark))
            .Where(e => (string?)e!["service"] is "arm" or "keyvault" or "batch")
            .Where(e => !string.Equals((string?)e!["method"], "GET", StringComparison.OrdinalIgnoreCase))
            .Select(e => $"{(string?)e!["method"]} {(string?)e["url"]} -> {(int?)e["status"]}")
            .ToList();

    /// <summary>A further principal with only the given role at the given scope.</summary>
    public static async Task<SeededPrincipal> PrincipalWithRoleAsync(this ScenarioFixture scenario, string scope, string roleGuid)
    {
        var principal = await scenario.Emulator.CreatePrincipalAsync("grant test principal");
        await scenario.Emulator.AssignRoleAsync(scope, roleGuid, principal.PrincipalId);
        return principal;
    }

    /// <summary>A vault whose tenant is not the identity's (Key Vault lets a vault name any tenant).</summary>
    public static async Task<SeededVault> VaultInTenantAsync(this ScenarioFixture scenario, string resourceGroup, string tenantId)
    {
        var name = ArmSeeder.UniqueName("kv");
        var id = $"{scenario.Emulator.ResourceGroupId(resourceGroup)}/providers/Microsoft.KeyVault/vaults/{name}";
        var body = await ArmSeeder.SendAsync(scenario.Emulator, null, RequestMethod.Put, scenario.Emulator.ArmUri(id, ArmSeeder.KeyVaultApiVersion), new JsonObject
        {
            ["location"] = ArmSeeder.DefaultLocation,
            ["properties"] = new JsonObject
            {
                ["tenantId"] = tenantId,
                ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
                ["accessPolicies"] = new JsonArray(),
            },
        });
        return new SeededVault((string)body!["id"]!, name, resourceGroup, new Uri((string)body["properties"]!["vaultUri"]!), false);
    }
}
