using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.KeyVault;

/// <summary>Vaults, access policies and role assignments for the Key Vault data-plane tests, made through the emulator's ARM (<see cref="ArmSeeder"/>).</summary>
internal static class KeyVaultTestSupport
{
    public const string Api = KeyVaultSeeder.ApiVersion;

    public static async Task<SeededVault> NewVaultAsync(this EmulatorFixture fixture, VaultSeed? seed = null)
    {
        var resourceGroup = ArmSeeder.UniqueName("rg-kv-");
        await fixture.CreateResourceGroupAsync(resourceGroup);
        return await fixture.CreateVaultAsync(resourceGroup, ArmSeeder.UniqueName("kvt"), seed);
    }

    public static Task NewRoleAssignmentAsync(this EmulatorFixture fixture, string scope, string roleGuid, string principalId) =>
        fixture.AssignRoleAsync(scope, roleGuid, principalId);

    /// <summary>Adds (merges) an access-policy entry for <paramref name="objectId"/> through ARM's <c>accessPolicies/add</c>.</summary>
    public static Task GrantAccessPolicyAsync(this EmulatorFixture fixture, SeededVault vault, string objectId, string[]? secrets = null, string[]? certificates = null, string[]? keys = null) =>
        fixture.AddAccessPolicyAsync(vault, objectId, secrets, certificates, keys);

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
}
