using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Arm;

public sealed class VaultKeyTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Version = ArmSeeder.KeyVaultApiVersion;

    private async Task<SeededVault> VaultAsync(VaultSeed? seed = null)
    {
        var group = (await emulator.CreateResourceGroupAsync(ArmSeeder.UniqueName("rg-key-"))).Split('/')[^1];
        return await emulator.CreateVaultAsync(group, ArmSeeder.UniqueName("kvkey"), seed);
    }

    [ReferenceFact]
    public async Task Create_answers_in_the_shape_of_createKey_json_with_uris_below_vaultUri()
    {
        var vault = await VaultAsync(new VaultSeed { EnablePurgeProtection = true });
        var body = (await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/keys/cmk", Version, new JsonObject { ["properties"] = new JsonObject { ["kty"] = "RSA" } })).AssertStatus(200);
        JsonShape.AssertCoversWithValues(ReferenceData.ExampleResponse("examples/keyvault-mgmt/2024-11-01/examples/createKey.json"), body,
            ["$.type", "$.properties.kty", "$.properties.keySize", "$.properties.keyOps[0]", "$.properties.attributes.enabled"]);
        Assert.Equal($"{vault.Id}/keys/cmk", (string?)body["id"]);
        var properties = body["properties"]!;
        Assert.Equal(vault.VaultUri + "keys/cmk", (string?)properties["keyUri"]);
        var withVersion = (string)properties["keyUriWithVersion"]!;
        Assert.Matches("/keys/cmk/[0-9a-f]{32}$", withVersion);
        Assert.Equal("Recoverable", (string?)properties["attributes"]!["recoveryLevel"]);
        Assert.Equal(["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"], properties["keyOps"]!.AsArray().Select(o => (string)o!));
    }

    [Fact]
    public async Task Create_if_not_exist_returns_the_existing_key_unchanged()
    {
        var vault = await VaultAsync();
        var first = (await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/keys/once", Version, new JsonObject { ["properties"] = new JsonObject { ["kty"] = "RSA", ["keySize"] = 3072 } })).AssertStatus(200);
        var second = (await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/keys/once", Version, new JsonObject { ["properties"] = new JsonObject { ["kty"] = "EC" } })).AssertStatus(200);
        Assert.Equal((string?)first["properties"]!["keyUriWithVersion"], (string?)second["properties"]!["keyUriWithVersion"]);
        Assert.Equal(3072, (int?)second["properties"]!["keySize"]);
        Assert.Equal("RSA", (string?)second["properties"]!["kty"]);
        Assert.Equal("Recoverable+Purgeable", (string?)second["properties"]!["attributes"]!["recoveryLevel"]);

        var versions = (await emulator.ArmAsync(RequestMethod.Get, $"{vault.Id}/keys/once/versions", Version)).AssertStatus(200)["value"]!.AsArray();
        var version = Assert.Single(versions)!;
        Assert.Equal("Microsoft.KeyVault/vaults/keys/versions", (string?)version["type"]);
        var versionName = (string)version["name"]!;
        Assert.EndsWith("/" + versionName, (string?)first["properties"]!["keyUriWithVersion"]);
        var one = (await emulator.ArmAsync(RequestMethod.Get, $"{vault.Id}/keys/once/versions/{versionName}", Version)).AssertStatus(200);
        Assert.Equal($"{vault.Id}/keys/once/versions/{versionName}", (string?)one["id"]);
    }

    [Fact]
    public async Task A_short_retention_makes_the_recovery_level_customized()
    {
        var group = (await emulator.CreateResourceGroupAsync(ArmSeeder.UniqueName("rg-key-"))).Split('/')[^1];
        var name = ArmSeeder.UniqueName("kvshort");
        var vaultId = $"{emulator.ResourceGroupId(group)}/providers/Microsoft.KeyVault/vaults/{name}";
        (await emulator.ArmAsync(RequestMethod.Put, vaultId, Version, new JsonObject
        {
            ["location"] = "westeurope",
            ["properties"] = new JsonObject
            {
                ["tenantId"] = emulator.Environment.TenantId,
                ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
                ["softDeleteRetentionInDays"] = 7,
            },
        })).AssertStatus(200);
        var key = (await emulator.ArmAsync(RequestMethod.Put, $"{vaultId}/keys/short", Version, new JsonObject { ["properties"] = new JsonObject { ["kty"] = "RSA" } })).AssertStatus(200);
        Assert.Equal("CustomizedRecoverable+Purgeable", (string?)key["properties"]!["attributes"]!["recoveryLevel"]);
    }

    [Fact]
    public async Task Keys_list_with_next_links_and_missing_ones_are_404()
    {
        var vault = await VaultAsync();
        for (var i = 0; i < 3; i++)
            await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/keys/k{i}", Version, new JsonObject { ["properties"] = new JsonObject { ["kty"] = "EC", ["curveName"] = "p-384" } });
        await emulator.SetArmSettingsAsync(new JsonObject { ["pageSize"] = 2 });
        try
        {
            var (keys, pages) = await emulator.ListAllAsync(emulator.ArmUri($"{vault.Id}/keys", Version));
            Assert.Equal(["k0", "k1", "k2"], keys.Select(k => (string)k["name"]!));
            Assert.Equal(2, pages);
            Assert.All(keys, k => Assert.Equal("P-384", (string?)k["properties"]!["curveName"]));
        }
        finally
        {
            await emulator.SetArmSettingsAsync(new JsonObject { ["pageSize"] = 100 });
        }
        (await emulator.ArmAsync(RequestMethod.Get, $"{vault.Id}/keys/missing", Version)).AssertArmError(404, "ResourceNotFound", $"'Microsoft.KeyVault/vaults/{vault.Name}/keys/missing'");
        (await emulator.ArmAsync(RequestMethod.Get, $"{vault.Id}/keys/k0/versions/{new string('0', 32)}", Version)).AssertArmError(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Invalid_key_requests_are_refused()
    {
        var vault = await VaultAsync();
        (await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/keys/bad", Version, new JsonObject { ["properties"] = new JsonObject { ["kty"] = "AES" } }))
            .AssertArmError(400, "BadRequest", "'AES'");
        (await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/keys/bad", Version, new JsonObject { ["properties"] = new JsonObject { ["kty"] = "RSA", ["keySize"] = 1024 } }))
            .AssertArmError(400, "BadRequest", "'1024'");
        (await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/keys/bad_name", Version, new JsonObject { ["properties"] = new JsonObject { ["kty"] = "RSA" } }))
            .AssertArmError(400, "BadRequest", "'bad_name'");
        (await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/keys/bad", Version, new JsonObject()))
            .AssertArmError(400, "InvalidRequestContent");
        (await emulator.ArmAsync(RequestMethod.Get, $"{vault.Id}/keys/bad", Version)).AssertArmError(404, "ResourceNotFound");
    }

    [Fact]
    public async Task Keys_go_with_a_soft_deleted_vault_and_come_back_on_recovery()
    {
        var vault = await VaultAsync();
        var created = (await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/keys/kept", Version, new JsonObject { ["properties"] = new JsonObject { ["kty"] = "RSA" } })).AssertStatus(200);
        (await emulator.ArmAsync(RequestMethod.Delete, vault.Id, Version)).AssertStatus(200);
        (await emulator.ArmAsync(RequestMethod.Put, vault.Id, Version, new JsonObject
        {
            ["location"] = "westeurope",
            ["properties"] = new JsonObject { ["tenantId"] = emulator.Environment.TenantId, ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" }, ["createMode"] = "recover" },
        })).AssertStatus(200);
        var again = (await emulator.ArmAsync(RequestMethod.Get, $"{vault.Id}/keys/kept", Version)).AssertStatus(200);
        Assert.Equal((string?)created["properties"]!["keyUriWithVersion"], (string?)again["properties"]!["keyUriWithVersion"]);
    }
}
