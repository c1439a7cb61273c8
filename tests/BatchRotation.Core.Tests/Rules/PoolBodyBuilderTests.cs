using System.Text.Json.Nodes;
using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;

namespace BatchRotation.Core.Tests.Rules;

public class PoolBodyBuilderTests
{
    private const string IdentityId = "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pool-id";
    private const string SubnetId = "/subscriptions/sub1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/batch";
    private const string ClientId = "b9f6dd56-d2d6-4967-99d7-8062d56fd84c";
    private static readonly CertificateUrl Cert = CertificateUrl.Parse("https://kv1.vault.azure.net/secrets/cert1");

    private static JsonObject Extension(KeyVaultExtensionVersion version) =>
        KeyVaultExtensionEntry.Build(new KeyVaultExtensionSettingsRequest(version, new[] { Cert }, ClientId));

    private static PoolSpec LinuxSpec() =>
        new("Standard_D2s_v5", ImageCatalog.Ubuntu2404, UserAssignedIdentityId.Parse(IdentityId), new[] { Extension(KeyVaultExtensionVersion.Linux3) });

    private static PoolSpec WindowsSpec() =>
        new("Standard_D4s_v5", ImageCatalog.WindowsServer2022, UserAssignedIdentityId.Parse(IdentityId), new[] { Extension(KeyVaultExtensionVersion.Windows4) })
        {
            TargetDedicatedNodes = 0,
            TargetLowPriorityNodes = 3,
            SubnetId = SubnetId,
            DisplayName = "Rotating pool (Windows)",
            ResizeTimeout = TimeSpan.FromMinutes(20),
        };

    [Fact]
    public void A_linux_pool_body()
    {
        Expect.Json("""
            {
              "properties": {
                "vmSize": "Standard_D2s_v5",
                "deploymentConfiguration": { "virtualMachineConfiguration": {
                  "imageReference": { "publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server", "version": "latest" },
                  "nodeAgentSkuId": "batch.node.ubuntu 24.04",
                  "extensions": [ {
                    "name": "KeyVaultForLinux", "publisher": "Microsoft.Azure.KeyVault", "type": "KeyVaultForLinux", "typeHandlerVersion": "3.0",
                    "autoUpgradeMinorVersion": true, "enableAutomaticUpgrade": true,
                    "settings": {
                      "secretsManagementSettings": { "pollingIntervalInS": "3600", "requireInitialSync": true,
                        "observedCertificates": [ { "url": "https://kv1.vault.azure.net/secrets/cert1", "certificateStoreLocation": "/var/lib/waagent/Microsoft.Azure.KeyVault.Store" } ] },
                      "authenticationSettings": { "msiEndpoint": "http://169.254.169.254/metadata/identity", "msiClientId": "b9f6dd56-d2d6-4967-99d7-8062d56fd84c" } } } ] } },
                "scaleSettings": { "fixedScale": { "targetDedicatedNodes": 1, "targetLowPriorityNodes": 0 } }
              },
              "identity": { "type": "UserAssigned", "userAssignedIdentities": { "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pool-id": {} } }
            }
            """,
            PoolBodyBuilder.Build(LinuxSpec()));
    }

    [Fact]
    public void A_windows_pool_body_with_subnet_display_name_and_timeout()
    {
        var body = PoolBodyBuilder.Build(WindowsSpec());
        var properties = body["properties"]!;
        Assert.Equal(new[] { "displayName", "vmSize", "deploymentConfiguration", "scaleSettings", "networkConfiguration" }, properties.AsObject().Select(p => p.Key));
        Assert.Equal("Rotating pool (Windows)", properties["displayName"]!.GetValue<string>());
        Expect.Json("""{ "publisher": "MicrosoftWindowsServer", "offer": "WindowsServer", "sku": "2022-datacenter", "version": "latest" }""",
            properties["deploymentConfiguration"]!["virtualMachineConfiguration"]!["imageReference"]);
        Assert.Equal("batch.node.windows amd64", properties["deploymentConfiguration"]!["virtualMachineConfiguration"]!["nodeAgentSkuId"]!.GetValue<string>());
        Expect.Json("""{ "fixedScale": { "targetDedicatedNodes": 0, "targetLowPriorityNodes": 3, "resizeTimeout": "PT20M" } }""", properties["scaleSettings"]);
        Expect.Json($$"""{ "subnetId": "{{SubnetId}}" }""", properties["networkConfiguration"]);
        Assert.Equal("KeyVaultForWindows", properties["deploymentConfiguration"]!["virtualMachineConfiguration"]!["extensions"]![0]!["type"]!.GetValue<string>());
    }

    [ReferenceFact]
    public void Bodies_validate_against_the_Pool_definition_of_BatchManagement_2025_06_01()
    {
        var validator = SwaggerValidator.Load(ReferencePaths.BatchManagementSwagger);
        Assert.Empty(validator.Validate(PoolBodyBuilder.Build(LinuxSpec()), "Pool"));
        Assert.Empty(validator.Validate(PoolBodyBuilder.Build(WindowsSpec()), "Pool"));
        foreach (var version in new[] { KeyVaultExtensionVersion.Linux1, KeyVaultExtensionVersion.Linux2 })
        {
            Assert.Empty(validator.Validate(PoolBodyBuilder.Build(LinuxSpec() with { Extensions = new[] { Extension(version) } }), "Pool"));
        }

        foreach (var version in new[] { KeyVaultExtensionVersion.Windows1, KeyVaultExtensionVersion.Windows3 })
        {
            Assert.Empty(validator.Validate(PoolBodyBuilder.Build(WindowsSpec() with { Extensions = new[] { Extension(version) } }), "Pool"));
        }
    }

    [ReferenceFact]
    public void The_validator_would_catch_a_misplaced_field_in_a_built_body()
    {
        var body = PoolBodyBuilder.Build(LinuxSpec());
        body["properties"]!["nodeAgentSkuId"] = "batch.node.ubuntu 24.04";
        body["properties"]!["scaleSettings"]!["fixedScale"]!["targetDedicatedNodes"] = "1";
        Assert.Equal(
            new[]
            {
                "$.properties.scaleSettings.fixedScale.targetDedicatedNodes: expected integer, got String.",
                "$.properties.nodeAgentSkuId: the schema declares no such property.",
            },
            SwaggerValidator.Load(ReferencePaths.BatchManagementSwagger).Validate(body, "Pool"));
    }

    [ReferenceFact]
    public void The_body_has_the_shape_of_Microsofts_user_assigned_identity_example()
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(ReferencePaths.BatchManagementExamples, "PoolCreate_UserAssignedIdentities.json")))!;
        var expected = example["parameters"]!["parameters"]!;
        var body = PoolBodyBuilder.Build(LinuxSpec());
        Assert.Equal(expected["identity"]!["type"]!.GetValue<string>(), body["identity"]!["type"]!.GetValue<string>());
        Assert.Equal(
            expected["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["nodeAgentSkuId"]!.GetValue<string>(),
            body["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["nodeAgentSkuId"]!.GetValue<string>());
        Assert.All(expected["identity"]!["userAssignedIdentities"]!.AsObject(), pair => Assert.Empty(pair.Value!.AsObject()));
        Assert.All(body["identity"]!["userAssignedIdentities"]!.AsObject(), pair => Assert.Empty(pair.Value!.AsObject()));
    }

    [Fact]
    public void The_extension_must_match_the_image_os()
    {
        var spec = LinuxSpec() with { Extensions = new[] { Extension(KeyVaultExtensionVersion.Windows3) } };
        var error = Expect.Error(RuleErrorIds.ExtensionVersionNotSupportedOnImage, () => PoolBodyBuilder.Build(spec));
        Assert.Equal("Extension 'KeyVaultForWindows' is KeyVaultForWindows, but image Ubuntu2404 (Canonical:ubuntu-24_04-lts:server:latest, batch.node.ubuntu 24.04) runs Linux.", error.Message);
    }

    [Fact]
    public void The_extension_version_must_run_on_the_image()
    {
        var spec = WindowsSpec() with { Image = ImageCatalog.WindowsServer2019 };
        Expect.Error(RuleErrorIds.ExtensionVersionNotSupportedOnImage, () => PoolBodyBuilder.Build(spec));
    }

    [Fact]
    public void Settings_sent_as_a_string_are_refused()
    {
        var extension = Extension(KeyVaultExtensionVersion.Linux3);
        extension["settings"] = extension["settings"]!.ToJsonString();
        var error = Expect.Error(RuleErrorIds.InvalidPoolSpec, () => PoolBodyBuilder.Build(LinuxSpec() with { Extensions = new[] { extension } }));
        Assert.Equal("The settings of extension 'KeyVaultForLinux' must be a JSON object, not a String.", error.Message);
    }

    [Fact]
    public void Extension_entries_need_name_publisher_and_type_and_unique_names()
    {
        var nameless = Extension(KeyVaultExtensionVersion.Linux3);
        nameless.Remove("name");
        Assert.Equal("An extension entry has no 'name'; name, publisher and type are required.",
            Expect.Error(RuleErrorIds.InvalidPoolSpec, () => PoolBodyBuilder.Build(LinuxSpec() with { Extensions = new[] { nameless } })).Message);

        var twice = new[] { Extension(KeyVaultExtensionVersion.Linux3), Extension(KeyVaultExtensionVersion.Linux3) };
        Assert.Equal("Two extensions are named 'KeyVaultForLinux'; extension names must be unique in a pool.",
            Expect.Error(RuleErrorIds.InvalidPoolSpec, () => PoolBodyBuilder.Build(LinuxSpec() with { Extensions = twice })).Message);

        var numeric = Extension(KeyVaultExtensionVersion.Linux3);
        numeric["typeHandlerVersion"] = 3.0;
        Expect.Error(RuleErrorIds.UnsupportedExtensionVersion, () => PoolBodyBuilder.Build(LinuxSpec() with { Extensions = new[] { numeric } }));
    }

    [Fact]
    public void Other_extensions_pass_through_untouched()
    {
        var monitor = new JsonObject { ["name"] = "AzureMonitorLinuxAgent", ["publisher"] = "Microsoft.Azure.Monitor", ["type"] = "AzureMonitorLinuxAgent", ["typeHandlerVersion"] = "1.0" };
        var body = PoolBodyBuilder.Build(LinuxSpec() with { Extensions = new[] { Extension(KeyVaultExtensionVersion.Linux3), monitor } });
        Expect.Json(monitor.ToJsonString(), body["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["extensions"]![1]);
        Assert.Null(monitor.Parent);
    }

    [Fact]
    public void No_extensions_means_no_extensions_array()
    {
        var body = PoolBodyBuilder.Build(LinuxSpec() with { Extensions = Array.Empty<JsonObject>() });
        Assert.False(body["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!.AsObject().ContainsKey("extensions"));
    }

    [Theory]
    [InlineData("", "'' is not a VM size such as Standard_D2s_v5.")]
    [InlineData("Standard D2", "'Standard D2' is not a VM size such as Standard_D2s_v5.")]
    public void Bad_vm_sizes_are_refused(string vmSize, string message)
    {
        Assert.Equal(message, Expect.Error(RuleErrorIds.InvalidPoolSpec, () => PoolBodyBuilder.Build(LinuxSpec() with { VmSize = vmSize })).Message);
    }

    [Fact]
    public void Bad_sizes_timeouts_names_and_subnets_are_refused()
    {
        Assert.Equal("Node counts cannot be negative (dedicated -1, low-priority 0).",
            Expect.Error(RuleErrorIds.InvalidPoolSpec, () => PoolBodyBuilder.Build(LinuxSpec() with { TargetDedicatedNodes = -1 })).Message);
        Assert.Equal("The resize timeout 00:04:00 is below Batch's minimum of 5 minutes.",
            Expect.Error(RuleErrorIds.InvalidPoolSpec, () => PoolBodyBuilder.Build(LinuxSpec() with { ResizeTimeout = TimeSpan.FromMinutes(4) })).Message);
        Expect.Error(RuleErrorIds.InvalidPoolSpec, () => PoolBodyBuilder.Build(LinuxSpec() with { DisplayName = new string('x', 1025) }));
        Assert.NotNull(PoolBodyBuilder.Build(LinuxSpec() with { DisplayName = new string('x', 1024) }));
        var error = Expect.Error(RuleErrorIds.InvalidResourceId, () => PoolBodyBuilder.Build(LinuxSpec() with { SubnetId = "/subscriptions/sub1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet1" }));
        Assert.StartsWith("'/subscriptions/sub1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet1' is not a Microsoft.Network/virtualNetworks/subnets resource id", error.Message);
    }
}
