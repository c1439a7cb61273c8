using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Arm;

public sealed class AccessPolicyTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Version = ArmSeeder.KeyVaultApiVersion;

    private async Task<SeededVault> VaultAsync(VaultSeed? seed = null)
    {
        var group = (await emulator.CreateResourceGroupAsync(ArmSeeder.UniqueName("rg-ap-"))).Split('/')[^1];
        return await emulator.CreateVaultAsync(group, ArmSeeder.UniqueName("kvap"), seed);
    }

    private Task<Azure.Response> UpdateAsync(SeededVault vault, string kind, params JsonObject[] entries) =>
        emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/accessPolicies/{kind}", Version,
            new JsonObject { ["properties"] = new JsonObject { ["accessPolicies"] = new JsonArray(entries.Select(e => (JsonNode)e).ToArray()) } });

    private JsonObject Entry(string objectId, string[]? secrets = null, string[]? certificates = null, string[]? keys = null) =>
        ArmSeeder.AccessPolicy(emulator.Environment.TenantId, objectId, secrets, certificates, keys);

    private async Task<JsonArray> PoliciesAsync(SeededVault vault) =>
        (await emulator.ArmAsync(RequestMethod.Get, vault.Id, Version)).AssertStatus(200)["properties"]!["accessPolicies"]!.AsArray();

    private static JsonObject EntryOf(JsonArray policies, string objectId) =>
        policies.OfType<JsonObject>().Single(p => (string?)p["objectId"] == objectId);

    private static string[] Names(JsonObject entry, string category) =>
        entry["permissions"]![category]?.AsArray().Select(n => (string)n!).ToArray() ?? [];

    [ReferenceFact]
    public async Task Add_answers_200_in_the_shape_of_updateAccessPoliciesAdd_json()
    {
        var vault = await VaultAsync();
        var identity = Guid.NewGuid().ToString();
        var response = await UpdateAsync(vault, "add", Entry(identity, ["get"], ["get"], ["encrypt"]));
        var body = response.AssertStatus(200);
        JsonShape.AssertCoversWithValues(ReferenceData.ExampleResponse("examples/keyvault-mgmt/2024-11-01/examples/updateAccessPoliciesAdd.json"), body,
            ["$.type", "$.properties.accessPolicies[0].permissions.keys[0]", "$.properties.accessPolicies[0].permissions.secrets[0]", "$.properties.accessPolicies[0].permissions.certificates[0]"]);
        Assert.Equal(vault.Id + "/accessPolicies/", (string?)body["id"]);
        var sent = body["properties"]!["accessPolicies"]!.AsArray();
        Assert.Single(sent);
        Assert.Equal(identity, (string?)sent[0]!["objectId"]);
    }

    [Fact]
    public async Task Add_merges_into_the_same_identity_and_never_drops_other_entries()
    {
        var vault = await VaultAsync();
        var pool = Guid.NewGuid().ToString();
        (await UpdateAsync(vault, "add", Entry(pool, ["get"]))).AssertStatus(200);
        (await UpdateAsync(vault, "add", Entry(pool, ["list", "GET"], ["get"]))).AssertStatus(200);

        var policies = await PoliciesAsync(vault);
        Assert.Equal(2, policies.Count);
        EntryOf(policies, emulator.Environment.PrincipalId);
        var entry = EntryOf(policies, pool);
        Assert.Equal(["get", "list"], Names(entry, "secrets"));
        Assert.Equal(["get"], Names(entry, "certificates"));
        Assert.Equal(16, Names(EntryOf(policies, emulator.Environment.PrincipalId), "keys").Length);
    }

    [Fact]
    public async Task Replace_sets_one_identitys_permissions_and_remove_takes_them_away()
    {
        var vault = await VaultAsync();
        var pool = Guid.NewGuid().ToString();
        await UpdateAsync(vault, "add", Entry(pool, ["get", "list", "set"], ["get"]));
        (await UpdateAsync(vault, "replace", Entry(pool, ["get"]))).AssertStatus(200);
        var afterReplace = EntryOf(await PoliciesAsync(vault), pool);
        Assert.Equal(["get"], Names(afterReplace, "secrets"));
        Assert.Empty(Names(afterReplace, "certificates"));

        await UpdateAsync(vault, "add", Entry(pool, ["list"], ["get"]));
        (await UpdateAsync(vault, "remove", Entry(pool, ["list"]))).AssertStatus(200);
        var afterRemove = EntryOf(await PoliciesAsync(vault), pool);
        Assert.Equal(["get"], Names(afterRemove, "secrets"));
        Assert.Equal(["get"], Names(afterRemove, "certificates"));

        (await UpdateAsync(vault, "remove", Entry(pool, ["get"], ["get"]))).AssertStatus(200);
        var policies = await PoliciesAsync(vault);
        Assert.DoesNotContain(policies, p => (string?)p!["objectId"] == pool);
        Assert.Single(policies);
    }

    [Fact]
    public async Task Unknown_permissions_kinds_and_tenants_are_refused()
    {
        var vault = await VaultAsync();
        var pool = Guid.NewGuid().ToString();
        (await UpdateAsync(vault, "add", Entry(pool, ["read"]))).AssertArmError(400, "BadRequest", "An invalid value was provided for 'accessPolicies'.");
        (await UpdateAsync(vault, "add", Entry(pool, [" list"]))).AssertArmError(400, "BadRequest", "An invalid value was provided for 'accessPolicies'.");
        (await UpdateAsync(vault, "add", ArmSeeder.AccessPolicy(Guid.NewGuid().ToString(), pool, ["get"])))
            .AssertArmError(400, "BadRequest", "Invalid value found at accessPolicies[0].TenantId:");
        (await UpdateAsync(vault, "add", Entry("not-a-guid", ["get"]))).AssertArmError(400, "BadRequest", "Invalid value found at accessPolicies[0].ObjectId: not-a-guid");
        (await UpdateAsync(vault, "merge", Entry(pool, ["get"]))).AssertArmError(400, "BadRequest", "'merge'");
        (await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/accessPolicies/add", Version, new JsonObject { ["properties"] = new JsonObject() }))
            .AssertArmError(400, "InvalidRequestContent", "Required property 'accessPolicies'");
        Assert.DoesNotContain(await PoliciesAsync(vault), p => (string?)p!["objectId"] == pool);
    }

    [Fact]
    public async Task Permission_names_are_stored_in_the_spec_spelling()
    {
        var vault = await VaultAsync();
        var pool = Guid.NewGuid().ToString();
        (await UpdateAsync(vault, "add", Entry(pool, keys: ["WRAPKEY", "unwrapkey", "Get"]))).AssertStatus(200);
        Assert.Equal(["wrapKey", "unwrapKey", "get"], Names(EntryOf(await PoliciesAsync(vault), pool), "keys"));
    }

    [Fact]
    public async Task The_caller_needs_accessPolicies_write()
    {
        var vault = await VaultAsync();
        var (principal, pipeline) = await emulator.PrincipalPipelineAsync("policy writer");
        await emulator.AssignRoleAsync(vault.Id, ArmSeeder.ReaderRole, principal.PrincipalId);
        var refused = await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/accessPolicies/add", Version,
            new JsonObject { ["properties"] = new JsonObject { ["accessPolicies"] = new JsonArray(Entry(Guid.NewGuid().ToString(), ["get"])) } }, pipeline);
        refused.AssertArmError(403, "AuthorizationFailed", $"does not have authorization to perform action 'Microsoft.KeyVault/vaults/accessPolicies/write' over scope '{vault.Id}'");

        await emulator.AssignRoleAsync(vault.Id, "f25e0fa2-a7c8-4377-a976-54943a77a395", principal.PrincipalId);
        (await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/accessPolicies/add", Version,
            new JsonObject { ["properties"] = new JsonObject { ["accessPolicies"] = new JsonArray(Entry(Guid.NewGuid().ToString(), ["get"])) } }, pipeline)).AssertStatus(200);
    }

    [Fact]
    public async Task A_missing_vault_is_ResourceNotFound()
    {
        var group = (await emulator.CreateResourceGroupAsync(ArmSeeder.UniqueName("rg-ap-"))).Split('/')[^1];
        (await emulator.ArmAsync(RequestMethod.Put, $"{emulator.ResourceGroupId(group)}/providers/Microsoft.KeyVault/vaults/kv-nowhere/accessPolicies/add", Version,
                new JsonObject { ["properties"] = new JsonObject { ["accessPolicies"] = new JsonArray(Entry(Guid.NewGuid().ToString(), ["get"])) } }))
            .AssertArmError(404, "ResourceNotFound", $"The Resource 'Microsoft.KeyVault/vaults/kv-nowhere' under resource group '{group}' was not found.");
    }

    [Fact]
    public async Task Overlapping_adds_conflict_with_409_and_all_land_with_retries()
    {
        var vault = await VaultAsync();
        await emulator.SetArmSettingsAsync(new JsonObject { ["vaultWriteDurationMs"] = 150 });
        try
        {
            var identities = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid().ToString()).ToList();
            var conflicts = 0;
            var attempts = await Task.WhenAll(identities.Select(async identity =>
            {
                for (var attempt = 1; attempt <= 60; attempt++)
                {
                    var response = await UpdateAsync(vault, "add", Entry(identity, ["get", "list"]));
                    if (response.Status == 200) return attempt;
                    var error = response.AssertArmError(409, "ConflictError",
                        $"The operation failed because the Key Vault '{vault.Name}' changed from the point the operation began. This can happen if parallel operations are being performed on the Key Vault.");
                    Assert.NotNull(error);
                    Interlocked.Increment(ref conflicts);
                    await Task.Delay(Random.Shared.Next(20, 120));
                }
                throw new Xunit.Sdk.XunitException("An add never got through.");
            }));

            Assert.True(conflicts > 0, "Eight parallel writes to one vault should have conflicted at least once.");
            Assert.Contains(attempts, a => a > 1);
            var policies = await PoliciesAsync(vault);
            Assert.Equal(identities.Count + 1, policies.Count);
            foreach (var identity in identities) Assert.Equal(["get", "list"], Names(EntryOf(policies, identity), "secrets"));

            var journal = await emulator.JournalAsync();
            Assert.Contains(journal, e => (int?)e!["status"] == 409 && ((string?)e["url"] ?? "").Contains($"/vaults/{vault.Name}/accessPolicies/add", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await emulator.SetArmSettingsAsync(new JsonObject { ["vaultWriteDurationMs"] = 50 });
        }
    }

    [Fact]
    public async Task Sequential_writes_never_conflict()
    {
        var vault = await VaultAsync();
        for (var i = 0; i < 5; i++) (await UpdateAsync(vault, "add", Entry(Guid.NewGuid().ToString(), ["get"]))).AssertStatus(200);
        Assert.Equal(6, (await PoliciesAsync(vault)).Count);
    }

    [Fact]
    public async Task Policies_can_be_changed_on_an_RBAC_vault_where_they_are_ignored()
    {
        var vault = await VaultAsync(new VaultSeed { Model = VaultPermissionModel.Rbac });
        var pool = Guid.NewGuid().ToString();
        (await UpdateAsync(vault, "add", Entry(pool, ["get"]))).AssertStatus(200);
        var body = (await emulator.ArmAsync(RequestMethod.Get, vault.Id, Version)).AssertStatus(200);
        Assert.Equal(true, (bool?)body["properties"]!["enableRbacAuthorization"]);
        Assert.Single(body["properties"]!["accessPolicies"]!.AsArray());
    }
}
