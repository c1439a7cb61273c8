using System.Text.Json.Nodes;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Core.Tests.Operations.Inspection.Support;

namespace BatchRotation.Core.Tests.Operations.Inspection;

public class ExtensionChecksTests
{
    [Fact]
    public void No_key_vault_extension_fails_presence_and_skips_the_rest_with_the_reason()
    {
        var builder = new PoolFactsBuilder();
        builder.VmConfiguration.Remove("extensions");

        var report = builder.Report();

        report.Expect(PoolCheckIds.ExtensionPresent, CheckStatus.Failed, "no Key Vault VM extension");
        foreach (var id in new[] { PoolCheckIds.ExtensionTypeMatchesOs, PoolCheckIds.ExtensionSettingsObject, PoolCheckIds.ExtensionMsiClientId, PoolCheckIds.ExtensionOptions })
        {
            report.Expect(id, CheckStatus.Skipped, "no Key Vault extension");
        }

        report.Expect(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Skipped);
        Assert.Empty(report.Certificates);
    }

    [Fact]
    public void Two_key_vault_extensions_fail_presence()
    {
        var builder = new PoolFactsBuilder();
        var second = builder.ExtensionEntry.DeepClone().AsObject();
        second["name"] = "KV2";
        builder.VmConfiguration["extensions"]!.AsArray().Add(second);

        builder.Report().Expect(PoolCheckIds.ExtensionPresent, CheckStatus.Failed, "2 Key Vault VM extensions");
    }

    [Theory]
    [InlineData("KeyVaultForWindows", "3.0", CheckStatus.Failed, "does not install there")]
    [InlineData("KeyVaultForMac", "3.0", CheckStatus.Failed, "not a Key Vault extension type")]
    [InlineData("keyvaultforlinux", "3.0", CheckStatus.Passed, "matches")]
    public void The_type_must_match_the_os(string type, string version, CheckStatus status, string message)
    {
        var builder = new PoolFactsBuilder();
        builder.ExtensionEntry["type"] = type;
        builder.ExtensionEntry["typeHandlerVersion"] = version;

        builder.Report().Expect(PoolCheckIds.ExtensionTypeMatchesOs, status, message);
    }

    [Theory]
    [InlineData("5.0", "not a version of KeyVaultForLinux: use 1.0, 2.0, 3.0")]
    [InlineData("3", "not a version")]
    [InlineData("latest", "not a version")]
    public void An_unknown_version_fails(string version, string message)
    {
        var builder = new PoolFactsBuilder();
        builder.ExtensionEntry["typeHandlerVersion"] = version;

        var report = builder.Report();

        report.Expect(PoolCheckIds.ExtensionVersion, CheckStatus.Failed, message);
        report.Expect(PoolCheckIds.ExtensionVersionSupportsImage, CheckStatus.Skipped);
        report.Expect(PoolCheckIds.ExtensionOptions, CheckStatus.Skipped, "version is unknown");
    }

    [Fact]
    public void A_version_sent_as_a_number_fails_and_says_so()
    {
        var builder = new PoolFactsBuilder();
        builder.ExtensionEntry["typeHandlerVersion"] = 3.0;

        builder.Report().Expect(PoolCheckIds.ExtensionVersion, CheckStatus.Failed, "a number");
    }

    [Theory]
    [InlineData("batch.node.ubuntu 20.04", "ubuntu-20_04", CheckStatus.Failed, "Ubuntu 22.04 or later")]
    [InlineData("batch.node.ubuntu 22.04", "ubuntu-22_04", CheckStatus.Passed, "supports")]
    [InlineData("batch.node.azurelinux 3", "azure-linux-3", CheckStatus.Passed, "supports")]
    public void Linux_3_needs_ubuntu_22_04_or_azure_linux(string agent, string offer, CheckStatus status, string message)
    {
        var builder = new PoolFactsBuilder();
        builder.VmConfiguration["nodeAgentSkuId"] = agent;
        builder.VmConfiguration["imageReference"]!["offer"] = offer;

        var check = builder.Report().Expect(PoolCheckIds.ExtensionVersionSupportsImage, status, message);
        if (status == CheckStatus.Failed)
        {
            Assert.Contains("-ExtensionVersion", check.Remedy);
        }
    }

    [Theory]
    [InlineData("2019-datacenter-smalldisk", CheckStatus.Failed)]
    [InlineData("2022-datacenter-smalldisk", CheckStatus.Passed)]
    [InlineData("2025-datacenter", CheckStatus.Passed)]
    public void Windows_4_needs_server_2022_or_2025(string sku, CheckStatus status)
    {
        var builder = new PoolFactsBuilder();
        builder.MakeWindows("4.0", WindowsObjects());
        builder.VmConfiguration["imageReference"]!["sku"] = sku;

        builder.Report().Expect(PoolCheckIds.ExtensionVersionSupportsImage, status);
    }

    [Fact]
    public void Settings_as_a_double_encoded_string_fail_and_skip_everything_read_from_them()
    {
        var builder = new PoolFactsBuilder();
        builder.ExtensionEntry["settings"] = builder.Settings.ToJsonString();

        var report = builder.Report();

        report.Expect(PoolCheckIds.ExtensionSettingsObject, CheckStatus.Failed, "double-encoded");
        report.Expect(PoolCheckIds.ExtensionPollingInterval, CheckStatus.Skipped, "not a JSON object");
        report.Expect(PoolCheckIds.ExtensionAuthenticationSettings, CheckStatus.Skipped);
    }

    [Fact]
    public void Absent_settings_fail()
    {
        var builder = new PoolFactsBuilder();
        builder.ExtensionEntry.Remove("settings");

        builder.Report().Expect(PoolCheckIds.ExtensionSettingsObject, CheckStatus.Failed, "no settings");
    }

    [Fact]
    public void Missing_secrets_management_settings_fail_and_skip_their_dependents()
    {
        var builder = new PoolFactsBuilder();
        builder.Settings.Remove("secretsManagementSettings");

        var report = builder.Report();

        report.Expect(PoolCheckIds.ExtensionSecretsManagementSettings, CheckStatus.Failed, "no secretsManagementSettings");
        report.Expect(PoolCheckIds.ExtensionObservedCertificates, CheckStatus.Skipped);
        report.Expect(PoolCheckIds.ExtensionAuthenticationSettings, CheckStatus.Passed);
    }

    [Theory]
    [InlineData(null, CheckStatus.Passed, "3600 s (its default)")]
    [InlineData("\"600\"", CheckStatus.Passed, "every 10 min")]
    [InlineData("3600", CheckStatus.Failed, "'not a string'")]
    [InlineData("\"1h\"", CheckStatus.Failed, "not a positive whole number")]
    [InlineData("\"0\"", CheckStatus.Failed, "not a positive whole number")]
    [InlineData("\"-5\"", CheckStatus.Failed, "not a positive whole number")]
    public void Polling_interval_must_be_a_string_of_seconds(string? json, CheckStatus status, string message)
    {
        var builder = new PoolFactsBuilder();
        if (json is null)
            builder.SecretsManagement.Remove("pollingIntervalInS");
        else
            builder.SecretsManagement["pollingIntervalInS"] = JsonNode.Parse(json);

        builder.Report().Expect(PoolCheckIds.ExtensionPollingInterval, status, message);
    }

    [Theory]
    [InlineData("60", CheckStatus.Failed)]
    [InlineData("300", CheckStatus.Passed)]
    [InlineData("3601", CheckStatus.Failed)]
    public void Windows_4_polls_only_every_300_to_3600_seconds(string seconds, CheckStatus status)
    {
        var builder = new PoolFactsBuilder();
        var settings = WindowsObjects();
        settings["pollingIntervalInS"] = seconds;
        builder.MakeWindows("4.0", settings);

        builder.Report().Expect(PoolCheckIds.ExtensionPollingInterval, status);
    }

    [Fact]
    public void Missing_authentication_settings_fail_with_the_handlers_symptom()
    {
        var builder = new PoolFactsBuilder();
        builder.Settings.Remove("authenticationSettings");

        var report = builder.Report();

        report.Expect(PoolCheckIds.ExtensionAuthenticationSettings, CheckStatus.Failed, "Attempt to get non-existent AuthConfig");
        report.Expect(PoolCheckIds.ExtensionMsiClientId, CheckStatus.Skipped);
    }

    [Fact]
    public void Authentication_settings_that_are_not_an_object_fail()
    {
        var builder = new PoolFactsBuilder();
        builder.Settings["authenticationSettings"] = "msi";

        builder.Report().Expect(PoolCheckIds.ExtensionAuthenticationSettings, CheckStatus.Failed, "a string, not an object");
    }

    [Fact]
    public void The_principal_id_in_place_of_the_client_id_fails_and_names_both()
    {
        var builder = new PoolFactsBuilder();
        builder.Authentication["msiClientId"] = PoolFactsBuilder.PrincipalId;

        var check = builder.Report().Expect(PoolCheckIds.ExtensionMsiClientId, CheckStatus.Failed, "principal (object) id");

        Assert.Contains(PoolFactsBuilder.ClientId, check.Message);
    }

    [Fact]
    public void A_client_id_of_no_pool_identity_fails_and_lists_the_pools_identities()
    {
        var builder = new PoolFactsBuilder();
        builder.Authentication["msiClientId"] = "44444444-4444-4444-4444-444444444444";

        var report = builder.Report();

        var check = report.Expect(PoolCheckIds.ExtensionMsiClientId, CheckStatus.Failed, "not the client id of any pool identity");
        Assert.Contains(PoolFactsBuilder.IdentityId, check.Message);
        // With one identity the pool's identity is still known, so access is judged for it.
        report.Expect(PoolCheckIds.AccessSecretReadable, CheckStatus.Passed);
    }

    [Fact]
    public void A_missing_msi_client_id_fails()
    {
        var builder = new PoolFactsBuilder();
        builder.Authentication.Remove("msiClientId");

        builder.Report().Expect(PoolCheckIds.ExtensionMsiClientId, CheckStatus.Failed, "no msiClientId");
    }

    [Fact]
    public void The_client_id_is_compared_whatever_its_case()
    {
        var builder = new PoolFactsBuilder();
        builder.Authentication["msiClientId"] = PoolFactsBuilder.ClientId.ToUpperInvariant();

        builder.Report().Expect(PoolCheckIds.ExtensionMsiClientId, CheckStatus.Passed);
    }

    [Theory]
    [InlineData("3.0", "strings", CheckStatus.Failed, "reads objects")]
    [InlineData("2.0", "strings", CheckStatus.Passed, "URL strings")]
    [InlineData("2.0", "objects", CheckStatus.Failed, "reads URL strings")]
    [InlineData("3.0", "nourl", CheckStatus.Failed, "no url string")]
    [InlineData("3.0", "empty", CheckStatus.Failed, "empty")]
    [InlineData("3.0", "missing", CheckStatus.Failed, "no observedCertificates")]
    [InlineData("3.0", "object", CheckStatus.Failed, "not an array")]
    public void Observed_certificates_must_have_the_shape_the_version_reads(string version, string shape, CheckStatus status, string message)
    {
        var builder = new PoolFactsBuilder();
        builder.ExtensionEntry["typeHandlerVersion"] = version;
        var sms = builder.SecretsManagement;
        switch (shape)
        {
            case "strings": sms["observedCertificates"] = new JsonArray(PoolFactsBuilder.SecretUrl); break;
            case "nourl": sms["observedCertificates"] = new JsonArray(new JsonObject { ["certificateStoreLocation"] = "/x" }); break;
            case "empty": sms["observedCertificates"] = new JsonArray(); break;
            case "missing": sms.Remove("observedCertificates"); break;
            case "object": sms["observedCertificates"] = new JsonObject { ["url"] = PoolFactsBuilder.SecretUrl }; break;
        }

        builder.Report().Expect(PoolCheckIds.ExtensionObservedCertificates, status, message);
    }

    [Theory]
    [InlineData("localmachine", CheckStatus.Failed, "case-sensitive")]
    [InlineData("LocalMachine", CheckStatus.Passed, null)]
    [InlineData("CurrentUser", CheckStatus.Passed, null)]
    public void Windows_store_locations_are_case_sensitive(string location, CheckStatus status, string? message)
    {
        var builder = new PoolFactsBuilder();
        builder.MakeWindows("1.0", new JsonObject
        {
            ["pollingIntervalInS"] = "3600",
            ["certificateStoreName"] = "MY",
            ["certificateStoreLocation"] = location,
            ["linkOnRenewal"] = true,
            ["requireInitialSync"] = true,
            ["observedCertificates"] = new JsonArray(PoolFactsBuilder.SecretUrl),
        });

        var report = builder.Report();

        report.Expect(PoolCheckIds.ExtensionCertificateStore, status, message);
        report.Expect(PoolCheckIds.ExtensionOptions, CheckStatus.Passed);
        report.Expect(PoolCheckIds.ExtensionObservedCertificates, CheckStatus.Passed);
    }

    [Fact]
    public void A_windows_certificate_without_store_name_is_a_warning()
    {
        var builder = new PoolFactsBuilder();
        var settings = WindowsObjects();
        settings["observedCertificates"]![0]!.AsObject().Remove("certificateStoreName");
        builder.MakeWindows("3.0", settings);

        builder.Report().Expect(PoolCheckIds.ExtensionCertificateStore, CheckStatus.Warning, "no certificateStoreName");
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("/var/lib/../etc")]
    public void A_linux_store_must_be_an_absolute_folder(string location)
    {
        var builder = new PoolFactsBuilder();
        builder.SecretsManagement["observedCertificates"]![0]!["certificateStoreLocation"] = location;

        builder.Report().Expect(PoolCheckIds.ExtensionCertificateStore, CheckStatus.Failed, "absolute folder");
    }

    [Fact]
    public void Options_removed_in_windows_4_fail()
    {
        var builder = new PoolFactsBuilder();
        var settings = WindowsObjects();
        settings["requireInitialSync"] = true;
        settings["observedCertificates"]![0]!["keyExportable"] = true;
        builder.MakeWindows("4.0", settings);

        var check = builder.Report().Expect(PoolCheckIds.ExtensionOptions, CheckStatus.Failed, "requireInitialSync does not exist in KeyVaultForWindows 4.0");

        Assert.Contains("keyExportable", check.Message);
    }

    [Theory]
    [InlineData("linkOnRenewal", CheckStatus.Failed, "only the Windows extension")]
    [InlineData("aclEnabled", CheckStatus.Passed, null)]
    [InlineData("certificateStoreName", CheckStatus.Warning, "Linux has no certificate stores")]
    [InlineData("madeUpSetting", CheckStatus.Warning, "not a setting of any")]
    public void Linux_3_options_are_judged(string option, CheckStatus status, string? message)
    {
        var builder = new PoolFactsBuilder();
        builder.SecretsManagement[option] = option == "aclEnabled" ? true : "x";

        builder.Report().Expect(PoolCheckIds.ExtensionOptions, status, message);
    }

    [Fact]
    public void Acls_before_linux_3_fail()
    {
        var builder = new PoolFactsBuilder();
        builder.ExtensionEntry["typeHandlerVersion"] = "2.0";
        builder.SecretsManagement["observedCertificates"] = new JsonArray(PoolFactsBuilder.SecretUrl);
        builder.SecretsManagement["aclEnabled"] = true;

        builder.Report().Expect(PoolCheckIds.ExtensionOptions, CheckStatus.Failed, "aclEnabled does not exist in KeyVaultForLinux 2.0");
    }

    private static JsonObject WindowsObjects() => new()
    {
        ["pollingIntervalInS"] = "3600",
        ["observedCertificates"] = new JsonArray(new JsonObject
        {
            ["url"] = PoolFactsBuilder.SecretUrl,
            ["certificateStoreName"] = "MY",
            ["certificateStoreLocation"] = "LocalMachine",
        }),
    };
}
