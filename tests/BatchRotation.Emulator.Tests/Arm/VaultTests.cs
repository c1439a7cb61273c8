using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Arm;

public sealed class VaultTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Version = ArmSeeder.KeyVaultApiVersion;

    private async Task<string> GroupAsync() => (await emulator.CreateResourceGroupAsync(ArmSeeder.UniqueName("rg-kv-"))).Split('/')[^1];

    private string VaultPath(string group, string name) => $"{emulator.ResourceGroupId(group)}/providers/Microsoft.KeyVault/vaults/{name}";

    private JsonObject VaultBody(JsonArray? accessPolicies = null, JsonObject? extra = null)
    {
        var properties = new JsonObject
        {
            ["tenantId"] = emulator.Environment.TenantId,
            ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
        };
        if (accessPolicies is not null) properties["accessPolicies"] = accessPolicies;
        foreach (var (key, value) in extra ?? []) properties[key] = value?.DeepClone();
        return new JsonObject { ["location"] = "westeurope", ["properties"] = properties };
    }

    private JsonObject Policy(string objectId, params string[] secrets) =>
        ArmSeeder.AccessPolicy(emulator.Environment.TenantId, objectId, secrets: secrets);

    [ReferenceFact]
    public async Task A_vault_reads_back_in_the_shape_of_getVault_json()
    {
        var group = await GroupAsync();
        var vault = await emulator.CreateVaultAsync(group, ArmSeeder.UniqueName("kvshape"));
        var body = (await emulator.ArmAsync(RequestMethod.Get, vault.Id, Version)).AssertStatus(200);
        JsonShape.AssertCoversWithValues(
            ReferenceData.ExampleResponse("examples/keyvault-mgmt/2024-11-01/examples/getVault.json"), body,
            ["$.type", "$.properties.sku.family", "$.properties.sku.name", "$.properties.provisioningState", "$.properties.publicNetworkAccess"],
            "$.properties.hsmPoolResourceId");
        Assert.Equal(vault.Name, (string?)body["name"]);
        Assert.Equal($"{emulator.Endpoint}keyvault/{vault.Name}/", (string?)body["properties"]!["vaultUri"]);
        Assert.Equal(emulator.Environment.TenantId, (string?)body["properties"]!["tenantId"]);
        Assert.Equal(true, (bool?)body["properties"]!["enableSoftDelete"]);
        Assert.Equal(90, (int?)body["properties"]!["softDeleteRetentionInDays"]);
        Assert.Equal(false, (bool?)body["properties"]!["enableRbacAuthorization"]);
        Assert.Equal(emulator.Environment.ClientId, (string?)body["systemData"]!["createdBy"]);
        Assert.Equal("Application", (string?)body["systemData"]!["createdByType"]);
        Assert.Equal(emulator.Environment.PrincipalId, (string?)body["properties"]!["accessPolicies"]![0]!["objectId"]);
    }

    [Fact]
    public async Task Create_answers_while_DNS_registers_then_reads_Succeeded()
    {
        var group = await GroupAsync();
        var name = ArmSeeder.UniqueName("kvdns");
        var created = (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, name), Version, VaultBody(new JsonArray()))).AssertStatus(200);
        Assert.Equal("RegisteringDns", (string?)created["properties"]!["provisioningState"]);
        var read = (await emulator.ArmAsync(RequestMethod.Get, VaultPath(group, name), Version)).AssertStatus(200);
        Assert.Equal("Succeeded", (string?)read["properties"]!["provisioningState"]);
    }

    [Fact]
    public async Task The_permission_model_default_depends_on_the_api_version()
    {
        var group = await GroupAsync();
        var before = (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, ArmSeeder.UniqueName("kvold")), "2025-05-01", VaultBody(new JsonArray()))).AssertStatus(200);
        Assert.Equal(false, (bool?)before["properties"]!["enableRbacAuthorization"]);
        var after = (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, ArmSeeder.UniqueName("kvnew")), "2026-02-01", VaultBody(new JsonArray()))).AssertStatus(200);
        Assert.Equal(true, (bool?)after["properties"]!["enableRbacAuthorization"]);
        var explicitFalse = (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, ArmSeeder.UniqueName("kvexp")), "2026-02-01",
            VaultBody(new JsonArray(), new JsonObject { ["enableRbacAuthorization"] = false }))).AssertStatus(200);
        Assert.Equal(false, (bool?)explicitFalse["properties"]!["enableRbacAuthorization"]);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1startswithdigit")]
    [InlineData("ends-with-hyphen-")]
    [InlineData("double--hyphen")]
    [InlineData("underscore_name")]
    [InlineData("abcdefghijklmnopqrstuvwxy")]
    public async Task Invalid_vault_names_are_VaultNameNotValid(string name)
    {
        var group = await GroupAsync();
        (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, name), Version, VaultBody(new JsonArray())))
            .AssertArmError(400, "VaultNameNotValid", $"The vault name '{name}' is invalid. A vault's name must be between 3-24 alphanumeric characters.");
    }

    [Fact]
    public async Task Vault_names_are_global()
    {
        var first = await GroupAsync();
        var second = await GroupAsync();
        var vault = await emulator.CreateVaultAsync(first, ArmSeeder.UniqueName("kvglobal"));
        (await emulator.ArmAsync(RequestMethod.Put, VaultPath(second, vault.Name.ToUpperInvariant()), Version, VaultBody(new JsonArray())))
            .AssertArmError(409, "VaultAlreadyExists", $"The vault name '{vault.Name.ToUpperInvariant()}' is already in use. Vault names are globally unique");

        var availability = (await emulator.ArmAsync(RequestMethod.Post, $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.KeyVault/checkNameAvailability", Version,
            new JsonObject { ["name"] = vault.Name, ["type"] = "Microsoft.KeyVault/vaults" })).AssertStatus(200);
        Assert.Equal(false, (bool?)availability["nameAvailable"]);
        Assert.Equal("AlreadyExists", (string?)availability["reason"]);
        var free = (await emulator.ArmAsync(RequestMethod.Post, $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.KeyVault/checkNameAvailability", Version,
            new JsonObject { ["name"] = ArmSeeder.UniqueName("kvfree"), ["type"] = "Microsoft.KeyVault/vaults" })).AssertStatus(200);
        Assert.Equal(true, (bool?)free["nameAvailable"]);
    }

    [Fact]
    public async Task Put_replaces_the_whole_access_policy_list_which_is_why_the_module_must_never_call_it()
    {
        var group = await GroupAsync();
        var name = ArmSeeder.UniqueName("kvreplace");
        var alice = Guid.NewGuid().ToString();
        var bob = Guid.NewGuid().ToString();
        (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, name), Version, VaultBody(new JsonArray(Policy(alice, "get"))))).AssertStatus(200);

        var replaced = (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, name), Version, VaultBody(new JsonArray(Policy(bob, "get", "list"))))).AssertStatus(200);
        var policies = replaced["properties"]!["accessPolicies"]!.AsArray();
        Assert.Single(policies);
        Assert.Equal(bob, (string?)policies[0]!["objectId"]);

        // Without accessPolicies, a PUT keeps the list (documented emulator choice).
        var kept = (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, name), Version, VaultBody())).AssertStatus(200);
        Assert.Equal(bob, (string?)kept["properties"]!["accessPolicies"]![0]!["objectId"]);
    }

    [Fact]
    public async Task Patch_changes_only_what_it_names()
    {
        var group = await GroupAsync();
        var vault = await emulator.CreateVaultAsync(group, ArmSeeder.UniqueName("kvpatch"));
        var patched = (await emulator.ArmAsync(RequestMethod.Patch, vault.Id, Version,
            new JsonObject { ["tags"] = new JsonObject { ["a"] = "b" }, ["properties"] = new JsonObject { ["enabledForDeployment"] = true } })).AssertStatus(200);
        Assert.Equal(true, (bool?)patched["properties"]!["enabledForDeployment"]);
        Assert.Equal(false, (bool?)patched["properties"]!["enabledForDiskEncryption"]);
        Assert.Equal("b", (string?)patched["tags"]!["a"]);
        Assert.Single(patched["properties"]!["accessPolicies"]!.AsArray());
        Assert.Equal("westeurope", (string?)patched["location"]);

        var onlyTags = (await emulator.ArmAsync(RequestMethod.Patch, vault.Id, Version, new JsonObject { ["tags"] = new JsonObject() })).AssertStatus(200);
        Assert.Equal(true, (bool?)onlyTags["properties"]!["enabledForDeployment"]);
        Assert.Empty(onlyTags["tags"]!.AsObject());

        (await emulator.ArmAsync(RequestMethod.Patch, vault.Id, Version, new JsonObject { ["properties"] = new JsonObject { ["enablePurgeProtection"] = false } }))
            .AssertArmError(400, "BadRequest", "cannot be set to false");
        (await emulator.ArmAsync(RequestMethod.Patch, vault.Id, Version, new JsonObject { ["properties"] = new JsonObject { ["enableRbacAuthorization"] = "sometimes" } }))
            .AssertArmError(400, "InvalidRequestContent", "Could not convert string to boolean: sometimes. Path 'properties.enableRbacAuthorization'");
        (await emulator.ArmAsync(RequestMethod.Patch, VaultPath(group, "kv-absent-here"), Version, new JsonObject()))
            .AssertArmError(404, "ResourceNotFound", $"The Resource 'Microsoft.KeyVault/vaults/kv-absent-here' under resource group '{group}' was not found.");
    }

    [Fact]
    public async Task Lists_by_subscription_and_group_page_with_top()
    {
        var group = await GroupAsync();
        var names = new List<string>();
        for (var i = 0; i < 5; i++) names.Add((await emulator.CreateVaultAsync(group, ArmSeeder.UniqueName("kvlist"))).Name);

        var firstPage = (await emulator.ArmAsync(RequestMethod.Get, $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.KeyVault/vaults", Version, query: "$top=2")).AssertStatus(200);
        Assert.Equal(2, firstPage["value"]!.AsArray().Count);
        var nextLink = (string)firstPage["nextLink"]!;
        Assert.StartsWith($"{emulator.Endpoint}subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.KeyVault/vaults?", nextLink);
        Assert.Contains("api-version=" + Version, nextLink);
        Assert.Contains("%24top=2", nextLink.Replace("$top", "%24top", StringComparison.Ordinal));

        var (all, pages) = await emulator.ListAllAsync(emulator.ArmUri($"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.KeyVault/vaults", Version, "$top=2"));
        Assert.True(pages >= 3);
        Assert.Subset(all.Select(v => (string)v["name"]!).ToHashSet(), names.ToHashSet());
        Assert.All(all, v => Assert.StartsWith($"{emulator.Endpoint}keyvault/", (string)v["properties"]!["vaultUri"]!));

        var (inGroup, _) = await emulator.ListAllAsync(emulator.ArmUri($"{emulator.ResourceGroupId(group)}/providers/Microsoft.KeyVault/vaults", Version));
        Assert.Equal(names, inGroup.Select(v => (string)v["name"]!));
    }

    [Fact]
    public async Task Delete_soft_deletes_and_the_name_stays_taken_until_recovered_or_purged()
    {
        var group = await GroupAsync();
        var vault = await emulator.CreateVaultAsync(group, ArmSeeder.UniqueName("kvsoft"));
        Assert.Equal(200, (await emulator.ArmAsync(RequestMethod.Delete, vault.Id, Version)).Status);
        Assert.Equal(204, (await emulator.ArmAsync(RequestMethod.Delete, vault.Id, Version)).Status);
        (await emulator.ArmAsync(RequestMethod.Get, vault.Id, Version)).AssertArmError(404, "ResourceNotFound");

        var deletedPath = $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/{vault.Name}";
        var deleted = (await emulator.ArmAsync(RequestMethod.Get, deletedPath, Version)).AssertStatus(200);
        Assert.Equal("Microsoft.KeyVault/deletedVaults", (string?)deleted["type"]);
        Assert.Equal(vault.Id, (string?)deleted["properties"]!["vaultId"]);
        Assert.Null(deleted["__emulator"]);
        var listed = (await emulator.ArmAsync(RequestMethod.Get, $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.KeyVault/deletedVaults", Version)).AssertStatus(200);
        Assert.Contains(listed["value"]!.AsArray(), d => (string?)d!["name"] == vault.Name);

        (await emulator.ArmAsync(RequestMethod.Put, vault.Id, Version, VaultBody(new JsonArray())))
            .AssertArmError(409, "ConflictError", "Exist soft deleted vault with the same name. ");

        var recovered = (await emulator.ArmAsync(RequestMethod.Put, vault.Id, Version, VaultBody(extra: new JsonObject { ["createMode"] = "recover" }))).AssertStatus(200);
        Assert.Equal(emulator.Environment.PrincipalId, (string?)recovered["properties"]!["accessPolicies"]![0]!["objectId"]);
        (await emulator.ArmAsync(RequestMethod.Get, deletedPath, Version)).AssertArmError(404, "ResourceNotFound");

        (await emulator.ArmAsync(RequestMethod.Delete, vault.Id, Version)).AssertStatus(200);
        (await emulator.ArmAsync(RequestMethod.Post, deletedPath + "/purge", Version)).AssertStatus(200);
        (await emulator.ArmAsync(RequestMethod.Put, vault.Id, Version, VaultBody(new JsonArray()))).AssertStatus(200);
    }

    [Fact]
    public async Task A_vault_with_purge_protection_cannot_be_purged()
    {
        var group = await GroupAsync();
        var vault = await emulator.CreateVaultAsync(group, ArmSeeder.UniqueName("kvprot"), new VaultSeed { EnablePurgeProtection = true });
        (await emulator.ArmAsync(RequestMethod.Delete, vault.Id, Version)).AssertStatus(200);
        (await emulator.ArmAsync(RequestMethod.Post, $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/{vault.Name}/purge", Version))
            .AssertArmError(409, "Conflict", "purge protection");
    }

    [Fact]
    public async Task Required_properties_and_types_are_checked()
    {
        var group = await GroupAsync();
        var name = ArmSeeder.UniqueName("kvreq");
        (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, name), Version, new JsonObject { ["location"] = "westeurope" }))
            .AssertArmError(400, "InvalidRequestContent", "Required property 'properties' not found in JSON.");
        (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, name), Version, new JsonObject { ["properties"] = VaultBody()["properties"]!.DeepClone() }))
            .AssertArmError(400, "LocationRequired");
        (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, name), Version, VaultBody(extra: new JsonObject { ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "gold" } })))
            .AssertArmError(400, "InvalidRequestContent", "'SkuName'");
        (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, name), Version, VaultBody(extra: new JsonObject { ["softDeleteRetentionInDays"] = 3 })))
            .AssertArmError(400, "BadRequest", "softDeleteRetentionInDays");
        (await emulator.ArmAsync(RequestMethod.Put, VaultPath(group, name), "2019-09-01", VaultBody()))
            .AssertArmError(400, "NoRegisteredProviderFound", "The supported api-versions are '2023-02-01, 2023-07-01, 2024-11-01, 2025-05-01, 2026-02-01'.");
    }

    [Fact]
    public async Task A_reader_may_read_but_not_write()
    {
        var group = await GroupAsync();
        var vault = await emulator.CreateVaultAsync(group, ArmSeeder.UniqueName("kvread"));
        var (principal, pipeline) = await emulator.PrincipalPipelineAsync("vault reader");
        (await emulator.ArmAsync(RequestMethod.Get, vault.Id, Version, pipeline: pipeline))
            .AssertArmError(403, "AuthorizationFailed", $"does not have authorization to perform action 'Microsoft.KeyVault/vaults/read' over scope '{vault.Id}'");
        await emulator.AssignRoleAsync(emulator.ResourceGroupId(group), ArmSeeder.ReaderRole, principal.PrincipalId);
        (await emulator.ArmAsync(RequestMethod.Get, vault.Id, Version, pipeline: pipeline)).AssertStatus(200);
        (await emulator.ArmAsync(RequestMethod.Patch, vault.Id, Version, new JsonObject { ["tags"] = new JsonObject() }, pipeline))
            .AssertArmError(403, "AuthorizationFailed", "'Microsoft.KeyVault/vaults/write'");
    }
}
