using System.Text.Json.Nodes;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Batch;

/// <summary>The Key Vault VM extension on simulated nodes: settings as the handler reads them, identity, access, rotation.</summary>
public sealed class KeyVaultExtensionTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private sealed record Setup(string ResourceGroup, string Account, SeededIdentity Identity, SeededVault Vault, SeededCertificate Certificate);

    private async Task<Setup> SetupAsync(VaultPermissionModel model = VaultPermissionModel.AccessPolicies)
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var identity = await emulator.CreateUserAssignedIdentityAsync(resourceGroup, "pool-identity");
        var vault = await emulator.CreateVaultAsync(resourceGroup, ArmSeeder.UniqueName("kv"), new VaultSeed { Model = model });
        var certificate = await emulator.CreateCertificateAsync(vault, "nodecert");
        return new Setup(resourceGroup, account, identity, vault, certificate);
    }

    private static JsonObject Extension(Setup setup, bool requireInitialSync = false, params string[] urls) =>
        BatchSeeder.KeyVaultExtension(BatchSeeder.KeyVaultSettings(urls.Length > 0 ? urls : [setup.Certificate.VersionlessSecretId.ToString()], setup.Identity.ClientId, requireInitialSync));

    private static JsonObject Status(JsonNode extension) => extension["instanceView"]!["statuses"]![0]!.AsObject();

    [Fact]
    public async Task A_node_gets_the_certificate_only_when_its_identity_can_read_the_secret()
    {
        var setup = await SetupAsync();
        await emulator.CreatePoolAsync(setup.ResourceGroup, setup.Account, "p", BatchSeeder.PoolBody(dedicated: 1, identityIds: [setup.Identity.Id], extensions: [Extension(setup)]));

        var settled = (await emulator.WaitForNodesAsync(setup.Account, "p", 1))[0]!;
        Assert.Equal("idle", (string?)settled["state"]); // without requireInitialSync the node joins even though the download failed
        var node = (string)settled["id"]!;
        var extension = (await emulator.NodeExtensionsAsync(setup.Account, "p", node))[0]!;
        Assert.Equal("Failed", (string?)extension["provisioningState"]);
        Assert.Equal("ProvisioningState/failed", (string?)Status(extension)["code"]);
        Assert.Equal("Error", (string?)Status(extension)["level"]);
        Assert.Contains("403 Forbidden", (string?)Status(extension)["message"]);
        var held = (await emulator.NodeCertificatesAsync(setup.Account, "p", node))["extensions"]![0]!["certificates"]![0]!;
        Assert.Null(held["version"]);
        Assert.Equal(403, (int?)held["lastStatus"]);

        // The grant arrives; the next poll (pollingIntervalInS = 3600) picks the certificate up.
        await emulator.AddAccessPolicyAsync(setup.Vault, setup.Identity.PrincipalId, secrets: ["get", "list"]);
        await emulator.AdvanceAsync(1800);
        Assert.Null((await emulator.NodeCertificatesAsync(setup.Account, "p", node))["extensions"]![0]!["certificates"]![0]!["version"]);
        await emulator.AdvanceAsync(1800);
        extension = (await emulator.NodeExtensionsAsync(setup.Account, "p", node))[0]!;
        Assert.Equal("Succeeded", (string?)extension["provisioningState"]);
        Assert.Equal("ProvisioningState/succeeded", (string?)Status(extension)["code"]);
        held = (await emulator.NodeCertificatesAsync(setup.Account, "p", node))["extensions"]![0]!["certificates"]![0]!;
        Assert.Equal(setup.Certificate.Version, (string?)held["version"]);
        Assert.Equal(setup.Certificate.Thumbprint, (string?)held["thumbprint"]);
    }

    [Fact]
    public async Task An_RBAC_grant_made_before_the_pool_lets_the_initial_sync_succeed()
    {
        var setup = await SetupAsync(VaultPermissionModel.Rbac);
        await emulator.AssignRoleAsync(setup.Vault.Id, ArmSeeder.KeyVaultSecretsUserRole, setup.Identity.PrincipalId);
        await emulator.CreatePoolAsync(setup.ResourceGroup, setup.Account, "p",
            BatchSeeder.PoolBody(dedicated: 2, identityIds: [setup.Identity.Id], extensions: [Extension(setup, requireInitialSync: true)]));

        var nodes = await emulator.WaitForNodesAsync(setup.Account, "p", 2);

        Assert.All(nodes, n => Assert.Equal("idle", (string?)n!["state"]));
        foreach (var node in nodes)
        {
            var extension = (await emulator.NodeExtensionsAsync(setup.Account, "p", (string)node!["id"]!))[0]!;
            Assert.Equal("Succeeded", (string?)extension["provisioningState"]);
            Assert.Equal("Info", (string?)Status(extension)["level"]);
            Assert.True(JsonNode.DeepEquals(Extension(setup, requireInitialSync: true), extension["vmExtension"]));
            var held = (await emulator.NodeCertificatesAsync(setup.Account, "p", (string)node["id"]!))["extensions"]![0]!["certificates"]![0]!;
            Assert.Equal(setup.Certificate.Thumbprint, (string?)held["thumbprint"]);
        }
    }

    [Fact]
    public async Task With_requireInitialSync_and_no_access_the_node_retries_then_ends_unusable()
    {
        var setup = await SetupAsync();
        await emulator.CreatePoolAsync(setup.ResourceGroup, setup.Account, "p",
            BatchSeeder.PoolBody(dedicated: 1, identityIds: [setup.Identity.Id], extensions: [Extension(setup, requireInitialSync: true)]));

        await emulator.AdvanceAsync(120);
        var retrying = (await emulator.ListNodesAsync(setup.Account, "p"))[0]!;
        Assert.Equal("starting", (string?)retrying["state"]);
        var extension = (await emulator.NodeExtensionsAsync(setup.Account, "p", (string)retrying["id"]!))[0]!;
        Assert.Equal("Creating", (string?)extension["provisioningState"]);

        var nodes = await emulator.WaitForNodesAsync(setup.Account, "p", 1, maxSeconds: 3600, stepSeconds: 120);
        var node = nodes[0]!;
        Assert.Equal("unusable", (string?)node["state"]);
        var error = node["errors"]![0]!;
        Assert.Equal("VMExtensionProvisioningError", (string?)error["code"]);
        Assert.StartsWith("VM has reported a failure when processing extension 'KVExtension' (publisher 'Microsoft.Azure.KeyVault' and type 'KeyVaultForLinux').", (string?)error["message"]);
        extension = (await emulator.NodeExtensionsAsync(setup.Account, "p", (string)node["id"]!))[0]!;
        Assert.Equal("Failed", (string?)extension["provisioningState"]);
        var failedAt = DateTimeOffset.Parse((string)Status(extension)["time"]!);
        var bootedAt = DateTimeOffset.Parse((string)node["lastBootTime"]!);
        Assert.InRange((failedAt - bootedAt).TotalSeconds, 1000, 1500);
    }

    [Fact]
    public async Task Settings_faults_fail_on_the_node_with_the_handlers_messages()
    {
        var setup = await SetupAsync();
        await emulator.AddAccessPolicyAsync(setup.Vault, setup.Identity.PrincipalId, secrets: ["get", "list"]);
        var url = setup.Certificate.VersionlessSecretId.ToString();
        var valid = BatchSeeder.KeyVaultSettings([url], setup.Identity.ClientId);
        JsonObject With(Action<JsonObject> change)
        {
            var copy = (JsonObject)valid.DeepClone();
            change(copy);
            return copy;
        }
        var cases = new (string Name, JsonObject Extension, string Message)[]
        {
            ("asstring", BatchSeeder.KeyVaultExtension(JsonValue.Create(valid.ToJsonString())), "Failed to parse the configuration settings with: 'not an object'"),
            ("numericpolling", BatchSeeder.KeyVaultExtension(With(s => s["secretsManagementSettings"]!["pollingIntervalInS"] = 3600)), "Failed to parse the configuration settings with: 'not a string'"),
            ("objectsonlinux2", BatchSeeder.KeyVaultExtension(valid.DeepClone(), typeHandlerVersion: "2.0"), "Failed to parse the configuration settings with: 'not a string'"),
            ("stringsonlinux3", BatchSeeder.KeyVaultExtension(BatchSeeder.KeyVaultSettings([url], setup.Identity.ClientId, objects: false)), "Failed to parse the configuration settings with: 'not an object'"),
            ("windowsstore", BatchSeeder.KeyVaultExtension(With(s => s["secretsManagementSettings"]!["certificateStoreLocation"] = "localmachine"), type: "KeyVaultForWindows", typeHandlerVersion: "1.0"),
                "Failed to parse the configuration settings with: 'certificateStoreLocation' value 'localmachine' is invalid"),
            ("windows4polling", BatchSeeder.KeyVaultExtension(With(s => s["secretsManagementSettings"]!["pollingIntervalInS"] = "60"), type: "KeyVaultForWindows", typeHandlerVersion: "4.0"),
                "Failed to parse the configuration settings with: 'pollingIntervalInS' value '60' is out of the supported range 300-3600"),
            ("unknownversion", BatchSeeder.KeyVaultExtension(valid.DeepClone(), typeHandlerVersion: "5.0"),
                "Extension with publisher 'Microsoft.Azure.KeyVault', type 'KeyVaultForLinux', and type handler version '5.0' could not be found in the extension repository."),
            ("noauth", BatchSeeder.KeyVaultExtension(With(s => s.Remove("authenticationSettings"))), "Attempt to get non-existent AuthConfig"),
            ("principalid", BatchSeeder.KeyVaultExtension(BatchSeeder.KeyVaultSettings([url], setup.Identity.PrincipalId)),
                "{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}"),
            ("good", BatchSeeder.KeyVaultExtension(valid.DeepClone()), "Enable succeeded"),
            ("linux2strings", BatchSeeder.KeyVaultExtension(BatchSeeder.KeyVaultSettings([url], setup.Identity.ClientId, objects: false), typeHandlerVersion: "2.0"), "Enable succeeded"),
            ("windows1", BatchSeeder.KeyVaultExtension(With(s =>
            {
                s["secretsManagementSettings"] = new JsonObject
                {
                    ["pollingIntervalInS"] = "3600",
                    ["certificateStoreName"] = "MY",
                    ["certificateStoreLocation"] = "LocalMachine",
                    ["linkOnRenewal"] = false,
                    ["observedCertificates"] = new JsonArray(url),
                };
            }), type: "KeyVaultForWindows", typeHandlerVersion: "1.0"), "Enable succeeded"),
        };
        var extensions = cases.Select(c => { c.Extension["name"] = c.Name; return c.Extension; }).ToList();

        var created = await emulator.CreatePoolAsync(setup.ResourceGroup, setup.Account, "p", BatchSeeder.PoolBody(dedicated: 1, identityIds: [setup.Identity.Id], extensions: extensions));
        Assert.Equal(cases.Length, created["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["extensions"]!.AsArray().Count);

        var node = (await emulator.WaitForNodesAsync(setup.Account, "p", 1))[0]!;
        var reported = (await emulator.NodeExtensionsAsync(setup.Account, "p", (string)node["id"]!)).ToDictionary(e => (string)e!["vmExtension"]!["name"]!);
        foreach (var (name, _, message) in cases)
        {
            Assert.Contains(message, (string?)Status(reported[name]!)["message"]);
        }
        Assert.All(new[] { "good", "linux2strings", "windows1" }, name => Assert.Equal("Succeeded", (string?)reported[name]!["provisioningState"]));
        Assert.Equal("Failed", (string?)reported["noauth"]!["provisioningState"]);
        Assert.Equal("unusable", (string?)node["state"]);
        var errors = node["errors"]!.AsArray().Select(e => (string)e!["message"]!).ToList();
        Assert.Contains(errors, e => e.Contains("'asstring'") && e.Contains("'not an object'"));
        Assert.DoesNotContain(errors, e => e.Contains("'noauth'") || e.Contains("'good'"));
    }

    [Fact]
    public async Task After_a_renewal_and_one_polling_interval_versionless_urls_follow_and_versioned_urls_stay()
    {
        var setup = await SetupAsync();
        await emulator.AddAccessPolicyAsync(setup.Vault, setup.Identity.PrincipalId, secrets: ["get", "list"]);
        var versionless = setup.Certificate.VersionlessSecretId.ToString();
        var versioned = setup.Certificate.SecretId.ToString();
        await emulator.CreatePoolAsync(setup.ResourceGroup, setup.Account, "p",
            BatchSeeder.PoolBody(dedicated: 1, identityIds: [setup.Identity.Id], extensions: [Extension(setup, true, versionless, versioned)]));
        var node = (string)(await emulator.WaitForNodesAsync(setup.Account, "p", 1))[0]!["id"]!;

        var before = (await emulator.NodeCertificatesAsync(setup.Account, "p", node))["extensions"]![0]!["certificates"]!.AsArray();
        Assert.All(before, c => Assert.Equal(setup.Certificate.Thumbprint, (string?)c!["thumbprint"]));

        var renewed = await emulator.RenewCertificateAsync(setup.Vault, "nodecert");
        Assert.NotEqual(setup.Certificate.Thumbprint, renewed.Thumbprint);
        await emulator.AdvanceAsync(3600);

        var after = (await emulator.NodeCertificatesAsync(setup.Account, "p", node))["extensions"]![0]!["certificates"]!.AsArray();
        var followed = after.Single(c => (string?)c!["url"] == versionless)!;
        var pinned = after.Single(c => (string?)c!["url"] == versioned)!;
        Assert.Equal(renewed.Thumbprint, (string?)followed["thumbprint"]);
        Assert.Equal(renewed.Version, (string?)followed["version"]);
        Assert.Equal([setup.Certificate.Version, renewed.Version], followed["history"]!.AsArray().Select(h => (string)h!).ToArray());
        Assert.Equal(setup.Certificate.Thumbprint, (string?)pinned["thumbprint"]);
        Assert.Equal(setup.Certificate.Version, (string?)pinned["version"]);
        Assert.True(DateTimeOffset.Parse((string)followed["lastPolledAt"]!) > DateTimeOffset.Parse((string)before[0]!["lastPolledAt"]!));
    }
}
