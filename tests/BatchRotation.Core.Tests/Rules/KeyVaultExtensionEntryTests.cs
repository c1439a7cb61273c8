using System.Text.Json.Nodes;
using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;

namespace BatchRotation.Core.Tests.Rules;

public class KeyVaultExtensionEntryTests
{
    private static readonly KeyVaultExtensionSettingsRequest LinuxRequest = new(
        KeyVaultExtensionVersion.Linux3, new[] { CertificateUrl.Parse("https://kv1.vault.azure.net/secrets/cert1") }, "b9f6dd56-d2d6-4967-99d7-8062d56fd84c");

    [Fact]
    public void The_linux_entry_is_complete_and_upgrades_automatically()
    {
        // Both extension articles deploy with autoUpgradeMinorVersion and enableAutomaticUpgrade true; so does
        // Batch's PoolCreate_VirtualMachineConfiguration_Extensions example (2025-06-01).
        Expect.Json("""
            { "name": "KeyVaultForLinux", "publisher": "Microsoft.Azure.KeyVault", "type": "KeyVaultForLinux", "typeHandlerVersion": "3.0",
              "autoUpgradeMinorVersion": true, "enableAutomaticUpgrade": true,
              "settings": {
                "secretsManagementSettings": { "pollingIntervalInS": "3600", "requireInitialSync": true,
                  "observedCertificates": [ { "url": "https://kv1.vault.azure.net/secrets/cert1", "certificateStoreLocation": "/var/lib/waagent/Microsoft.Azure.KeyVault.Store" } ] },
                "authenticationSettings": { "msiEndpoint": "http://169.254.169.254/metadata/identity", "msiClientId": "b9f6dd56-d2d6-4967-99d7-8062d56fd84c" } } }
            """,
            KeyVaultExtensionEntry.Build(LinuxRequest));
    }

    [Theory]
    [InlineData("Windows1", "KeyVaultForWindows", "1.0")]
    [InlineData("Windows3", "KeyVaultForWindows", "3.0")]
    [InlineData("Windows4", "KeyVaultForWindows", "4.0")]
    [InlineData("Linux1", "KeyVaultForLinux", "1.0")]
    [InlineData("Linux2", "KeyVaultForLinux", "2.0")]
    public void Type_and_handler_version_follow_the_version(string version, string type, string handler)
    {
        var v = KeyVaultExtensionVersion.All.Single(x => x.Os + x.Major.ToString() == version);
        var entry = KeyVaultExtensionEntry.Build(v, new JsonObject { ["secretsManagementSettings"] = new JsonObject() }, "kv");
        Assert.Equal("kv", entry["name"]!.GetValue<string>());
        Assert.Equal(type, entry["type"]!.GetValue<string>());
        Assert.Equal(handler, entry["typeHandlerVersion"]!.GetValue<string>());
        Assert.Equal("Microsoft.Azure.KeyVault", entry["publisher"]!.GetValue<string>());
        Assert.IsType<JsonObject>(entry["settings"]);
    }

    [Fact]
    public void The_entry_copies_the_settings_so_they_can_be_reused()
    {
        var settings = KeyVaultExtensionSettings.Build(LinuxRequest);
        var first = KeyVaultExtensionEntry.Build(KeyVaultExtensionVersion.Linux3, settings);
        var second = KeyVaultExtensionEntry.Build(KeyVaultExtensionVersion.Linux3, settings);
        Assert.NotSame(first["settings"], second["settings"]);
        Assert.Null(settings.Parent);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" kv")]
    [InlineData("kv/1")]
    public void Bad_names_are_refused(string name)
    {
        Expect.Error(RuleErrorIds.InvalidExtensionName, () => KeyVaultExtensionEntry.Build(LinuxRequest, name));
    }
}
