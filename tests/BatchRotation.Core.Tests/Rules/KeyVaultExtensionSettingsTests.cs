using System.Text.Json;
using System.Text.Json.Nodes;
using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;

namespace BatchRotation.Core.Tests.Rules;

/// <summary>
/// The settings per OS and version, against FACTS §2 and the extension articles
/// (MicrosoftDocs/azure-compute-docs articles/virtual-machines/extensions/key-vault-linux.md and
/// key-vault-windows.md, including their version-1.0 and version-3.0 tabs): field names, nesting, casing
/// and the string-typed pollingIntervalInS.
/// </summary>
public class KeyVaultExtensionSettingsTests
{
    private const string ClientId = "b9f6dd56-d2d6-4967-99d7-8062d56fd84c";
    private const string Auth = """ "authenticationSettings": { "msiEndpoint": "http://169.254.169.254/metadata/identity", "msiClientId": "b9f6dd56-d2d6-4967-99d7-8062d56fd84c" } """;
    private static readonly CertificateUrl Cert1 = CertificateUrl.Parse("https://kv1.vault.azure.net/secrets/cert1");
    private static readonly CertificateUrl Cert2 = CertificateUrl.Parse("https://kv1.vault.azure.net/secrets/cert2/8f5f3f491afd48cb99286ba2aacd39af");

    private static KeyVaultExtensionSettingsRequest Request(KeyVaultExtensionVersion version, params CertificateUrl[] certificates) =>
        new(version, certificates.Length == 0 ? new[] { Cert1, Cert2 } : certificates, ClientId);

    [Fact]
    public void Linux_1_defaults()
    {
        Expect.Json("""
            { "secretsManagementSettings": {
                "pollingIntervalInS": "3600",
                "certificateStoreLocation": "/var/lib/waagent/Microsoft.Azure.KeyVault",
                "requireInitialSync": true,
                "observedCertificates": [ "https://kv1.vault.azure.net/secrets/cert1", "https://kv1.vault.azure.net/secrets/cert2" ] },
            """ + Auth + "}",
            KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Linux1)));
    }

    [Fact]
    public void Linux_2_with_every_option_it_has()
    {
        var request = Request(KeyVaultExtensionVersion.Linux2) with
        {
            PollingInterval = TimeSpan.FromMinutes(5),
            CertificateStoreLocation = "/etc/app/certs",
            RequireInitialSync = false,
        };
        Expect.Json("""
            { "secretsManagementSettings": {
                "pollingIntervalInS": "300",
                "certificateStoreLocation": "/etc/app/certs",
                "requireInitialSync": false,
                "observedCertificates": [ "https://kv1.vault.azure.net/secrets/cert1", "https://kv1.vault.azure.net/secrets/cert2" ] },
            """ + Auth + "}",
            KeyVaultExtensionSettings.Build(request));
    }

    [Fact]
    public void Linux_3_defaults_put_the_store_on_each_certificate()
    {
        // key-vault-linux.md: 3.0 observes objects; its default folder is /var/lib/waagent/Microsoft.Azure.KeyVault.Store.
        Expect.Json("""
            { "secretsManagementSettings": {
                "pollingIntervalInS": "3600",
                "requireInitialSync": true,
                "observedCertificates": [
                  { "url": "https://kv1.vault.azure.net/secrets/cert1", "certificateStoreLocation": "/var/lib/waagent/Microsoft.Azure.KeyVault.Store" },
                  { "url": "https://kv1.vault.azure.net/secrets/cert2", "certificateStoreLocation": "/var/lib/waagent/Microsoft.Azure.KeyVault.Store" } ] },
            """ + Auth + "}",
            KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Linux3)));
    }

    [Fact]
    public void Linux_3_with_acls_enables_them_and_a_link_name_for_one_certificate()
    {
        var request = Request(KeyVaultExtensionVersion.Linux3, Cert1) with
        {
            CertificateStoreLocation = "/var/lib/waagent/Microsoft.Azure.KeyVault/app1",
            CustomSymbolicLinkName = "app1Cert1",
            Acls = new[] { new LinuxCertificateAcl("app1", "appGroup1"), new LinuxCertificateAcl("service1", null), new LinuxCertificateAcl(null, "ops") },
            RequireInitialSync = false,
            PollingInterval = TimeSpan.FromSeconds(90),
        };
        Expect.Json("""
            { "secretsManagementSettings": {
                "pollingIntervalInS": "90",
                "requireInitialSync": false,
                "aclEnabled": true,
                "observedCertificates": [
                  { "url": "https://kv1.vault.azure.net/secrets/cert1",
                    "certificateStoreLocation": "/var/lib/waagent/Microsoft.Azure.KeyVault/app1",
                    "customSymbolicLinkName": "app1Cert1",
                    "acls": [ { "user": "app1", "group": "appGroup1" }, { "user": "service1" }, { "group": "ops" } ] } ] },
            """ + Auth + "}",
            KeyVaultExtensionSettings.Build(request));
    }

    [Fact]
    public void Linux_3_acls_apply_to_every_observed_certificate()
    {
        var request = Request(KeyVaultExtensionVersion.Linux3) with { Acls = new[] { new LinuxCertificateAcl("app1", null) } };
        var certificates = KeyVaultExtensionSettings.Build(request)["secretsManagementSettings"]!["observedCertificates"]!.AsArray();
        Assert.Equal(2, certificates.Count);
        Assert.All(certificates, c => Expect.Json("""[ { "user": "app1" } ]""", c!["acls"]));
    }

    [Fact]
    public void Windows_1_defaults()
    {
        Expect.Json("""
            { "secretsManagementSettings": {
                "pollingIntervalInS": "3600",
                "certificateStoreName": "MY",
                "certificateStoreLocation": "LocalMachine",
                "linkOnRenewal": true,
                "requireInitialSync": true,
                "observedCertificates": [ "https://kv1.vault.azure.net/secrets/cert1", "https://kv1.vault.azure.net/secrets/cert2" ] },
            """ + Auth + "}",
            KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Windows1)));
    }

    [Fact]
    public void Windows_1_with_every_option_it_has()
    {
        var request = Request(KeyVaultExtensionVersion.Windows1, Cert1) with
        {
            PollingInterval = TimeSpan.FromHours(2),
            CertificateStoreName = "TrustedPeople",
            CertificateStoreLocation = "CurrentUser",
            LinkOnRenewal = false,
            RequireInitialSync = false,
        };
        Expect.Json("""
            { "secretsManagementSettings": {
                "pollingIntervalInS": "7200",
                "certificateStoreName": "TrustedPeople",
                "certificateStoreLocation": "CurrentUser",
                "linkOnRenewal": false,
                "requireInitialSync": false,
                "observedCertificates": [ "https://kv1.vault.azure.net/secrets/cert1" ] },
            """ + Auth + "}",
            KeyVaultExtensionSettings.Build(request));
    }

    [Fact]
    public void Windows_3_defaults_put_store_and_keyExportable_on_each_certificate()
    {
        Expect.Json("""
            { "secretsManagementSettings": {
                "pollingIntervalInS": "3600",
                "linkOnRenewal": true,
                "requireInitialSync": true,
                "observedCertificates": [
                  { "url": "https://kv1.vault.azure.net/secrets/cert1", "certificateStoreName": "MY", "certificateStoreLocation": "LocalMachine", "keyExportable": false },
                  { "url": "https://kv1.vault.azure.net/secrets/cert2", "certificateStoreName": "MY", "certificateStoreLocation": "LocalMachine", "keyExportable": false } ] },
            """ + Auth + "}",
            KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Windows3)));
    }

    [Fact]
    public void Windows_3_with_every_option_it_has()
    {
        var request = Request(KeyVaultExtensionVersion.Windows3, Cert1) with
        {
            PollingInterval = TimeSpan.FromSeconds(300),
            CertificateStoreName = "WebHosting",
            CertificateStoreLocation = "CurrentUser",
            KeyExportable = true,
            Accounts = new[] { "Network Service", "Local Service", "network service" },
            LinkOnRenewal = false,
            RequireInitialSync = false,
        };
        Expect.Json("""
            { "secretsManagementSettings": {
                "pollingIntervalInS": "300",
                "linkOnRenewal": false,
                "requireInitialSync": false,
                "observedCertificates": [
                  { "url": "https://kv1.vault.azure.net/secrets/cert1", "certificateStoreName": "WebHosting", "certificateStoreLocation": "CurrentUser",
                    "keyExportable": true, "accounts": [ "Network Service", "Local Service" ] } ] },
            """ + Auth + "}",
            KeyVaultExtensionSettings.Build(request));
    }

    [Fact]
    public void Windows_4_defaults_have_no_linkOnRenewal_requireInitialSync_or_keyExportable()
    {
        Expect.Json("""
            { "secretsManagementSettings": {
                "pollingIntervalInS": "3600",
                "observedCertificates": [
                  { "url": "https://kv1.vault.azure.net/secrets/cert1", "certificateStoreName": "MY", "certificateStoreLocation": "LocalMachine" },
                  { "url": "https://kv1.vault.azure.net/secrets/cert2", "certificateStoreName": "MY", "certificateStoreLocation": "LocalMachine" } ] },
            """ + Auth + "}",
            KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Windows4)));
    }

    [Fact]
    public void Windows_4_with_every_option_it_has()
    {
        var request = Request(KeyVaultExtensionVersion.Windows4, Cert2) with
        {
            PollingInterval = TimeSpan.FromMinutes(60),
            CertificateStoreName = "MY",
            CertificateStoreLocation = "LocalMachine",
            Accounts = new[] { "IIS AppPool\\DefaultAppPool" },
        };
        Expect.Json("""
            { "secretsManagementSettings": {
                "pollingIntervalInS": "3600",
                "observedCertificates": [
                  { "url": "https://kv1.vault.azure.net/secrets/cert2", "certificateStoreName": "MY", "certificateStoreLocation": "LocalMachine",
                    "accounts": [ "IIS AppPool\\DefaultAppPool" ] } ] },
            """ + Auth + "}",
            KeyVaultExtensionSettings.Build(request));
    }

    [Theory]
    [MemberData(nameof(AllVersions))]
    public void The_polling_interval_is_always_a_string(string version)
    {
        // FACTS §2 / MicrosoftDocs/azure-docs#41837: a number fails with "not a string".
        var settings = KeyVaultExtensionSettings.Build(Request(Version(version)) with { PollingInterval = TimeSpan.FromSeconds(1800) });
        var polling = settings["secretsManagementSettings"]!["pollingIntervalInS"]!;
        Assert.Equal(JsonValueKind.String, polling.GetValueKind());
        Assert.Equal("1800", polling.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(AllVersions))]
    public void Authentication_settings_sit_beside_the_secrets_settings(string version)
    {
        var settings = KeyVaultExtensionSettings.Build(Request(Version(version)));
        Assert.Equal(new[] { "secretsManagementSettings", "authenticationSettings" }, settings.Select(p => p.Key));
        Expect.Json("""{ "msiEndpoint": "http://169.254.169.254/metadata/identity", "msiClientId": "b9f6dd56-d2d6-4967-99d7-8062d56fd84c" }""", settings["authenticationSettings"]);
    }

    private static readonly string[] VersionNames = { "Linux1", "Linux2", "Linux3", "Windows1", "Windows3", "Windows4" };

    public static TheoryData<string> AllVersions => new(VersionNames);

    // Where FACTS §2 says each option lives: "top" (secretsManagementSettings), "each" (every observed certificate).
    private static readonly (string Version, string Option, string Where)[] SupportedOptionRows =
    {
        ("Linux1", "CertificateStoreLocation", "top"), ("Linux1", "RequireInitialSync", "top"),
        ("Linux2", "CertificateStoreLocation", "top"), ("Linux2", "RequireInitialSync", "top"),
        ("Linux3", "CertificateStoreLocation", "each"), ("Linux3", "RequireInitialSync", "top"), ("Linux3", "Acls", "each"), ("Linux3", "CustomSymbolicLinkName", "each"),
        ("Windows1", "CertificateStoreLocation", "top"), ("Windows1", "CertificateStoreName", "top"), ("Windows1", "LinkOnRenewal", "top"), ("Windows1", "RequireInitialSync", "top"),
        ("Windows3", "CertificateStoreLocation", "each"), ("Windows3", "CertificateStoreName", "each"), ("Windows3", "LinkOnRenewal", "top"), ("Windows3", "RequireInitialSync", "top"),
        ("Windows3", "KeyExportable", "each"), ("Windows3", "Accounts", "each"),
        ("Windows4", "CertificateStoreLocation", "each"), ("Windows4", "CertificateStoreName", "each"), ("Windows4", "Accounts", "each"),
    };

    public static TheoryData<string, string, string> SupportedOptions()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (version, option, where) in SupportedOptionRows)
        {
            data.Add(version, option, where);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SupportedOptions))]
    public void A_supported_option_lands_where_the_table_says(string version, string option, string where)
    {
        var v = Version(version);
        var request = WithOption(Request(v, Cert1), option, v.Os);
        var secrets = KeyVaultExtensionSettings.Build(request)["secretsManagementSettings"]!.AsObject();
        var json = JsonName(option);
        var certificate = secrets["observedCertificates"]![0]!;
        if (where == "top")
        {
            Assert.True(secrets.ContainsKey(json));
            Assert.False(certificate is JsonObject perCertificate && perCertificate.ContainsKey(json));
        }
        else
        {
            Assert.False(secrets.ContainsKey(json));
            Assert.True(certificate.AsObject().ContainsKey(json));
        }
    }

    public static TheoryData<string, string> UnsupportedOptions()
    {
        var data = new TheoryData<string, string>();
        var supported = SupportedOptionRows.Select(row => (row.Version, row.Option)).ToHashSet();
        foreach (var version in VersionNames)
        {
            foreach (var option in new[] { "RequireInitialSync", "CertificateStoreName", "KeyExportable", "Accounts", "Acls", "LinkOnRenewal", "CustomSymbolicLinkName" })
            {
                if (!supported.Contains((version, option)))
                {
                    data.Add(version, option);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Twenty_seven_option_and_version_pairs_are_refused()
    {
        Assert.Equal(27, UnsupportedOptions().Count());
        Assert.Equal(21, SupportedOptionRows.Length);
    }

    [Theory]
    [MemberData(nameof(UnsupportedOptions))]
    public void An_option_the_version_lacks_is_refused_never_dropped(string version, string option)
    {
        var v = Version(version);
        var error = Expect.Error(RuleErrorIds.ExtensionOptionNotSupported, () => KeyVaultExtensionSettings.Build(WithOption(Request(v, Cert1), option, v.Os)));
        Assert.Equal(option, error.Target);
        Assert.StartsWith($"{option} ({JsonName(option)}) is not a setting of {v}; it exists only in ", error.Message);
        Assert.Equal($"Leave out {option}, or choose an extension version that has it.", error.Remedy);
    }

    [Theory]
    [InlineData("Linux3", "LinkOnRenewal", "LinkOnRenewal (linkOnRenewal) is not a setting of KeyVaultForLinux 3.0; it exists only in KeyVaultForWindows 1.0, KeyVaultForWindows 3.0. Version 4.0 removed it: linking always occurs.")]
    [InlineData("Linux1", "LinkOnRenewal", "LinkOnRenewal (linkOnRenewal) is not a setting of KeyVaultForLinux 1.0; it exists only in KeyVaultForWindows 1.0, KeyVaultForWindows 3.0. Version 4.0 removed it: linking always occurs.")]
    [InlineData("Windows4", "LinkOnRenewal", "LinkOnRenewal (linkOnRenewal) is not a setting of KeyVaultForWindows 4.0; it exists only in KeyVaultForWindows 1.0, KeyVaultForWindows 3.0. Version 4.0 removed it: linking always occurs.")]
    [InlineData("Windows4", "KeyExportable", "KeyExportable (keyExportable) is not a setting of KeyVaultForWindows 4.0; it exists only in KeyVaultForWindows 3.0. Version 4.0 removed it: private keys are never exportable.")]
    [InlineData("Windows1", "KeyExportable", "KeyExportable (keyExportable) is not a setting of KeyVaultForWindows 1.0; it exists only in KeyVaultForWindows 3.0. Version 4.0 removed it: private keys are never exportable.")]
    [InlineData("Windows4", "RequireInitialSync", "RequireInitialSync (requireInitialSync) is not a setting of KeyVaultForWindows 4.0; it exists only in KeyVaultForLinux 1.0, KeyVaultForLinux 2.0, KeyVaultForLinux 3.0, KeyVaultForWindows 1.0, KeyVaultForWindows 3.0. Version 4.0 removed it: the extension always reports success only after every certificate is installed.")]
    [InlineData("Linux3", "CertificateStoreName", "CertificateStoreName (certificateStoreName) is not a setting of KeyVaultForLinux 3.0; it exists only in KeyVaultForWindows 1.0, KeyVaultForWindows 3.0, KeyVaultForWindows 4.0. Linux has no certificate stores; the extension ignores this setting there.")]
    [InlineData("Linux2", "Acls", "Acls (acls) is not a setting of KeyVaultForLinux 2.0; it exists only in KeyVaultForLinux 3.0.")]
    [InlineData("Windows3", "Acls", "Acls (acls) is not a setting of KeyVaultForWindows 3.0; it exists only in KeyVaultForLinux 3.0.")]
    [InlineData("Linux3", "Accounts", "Accounts (accounts) is not a setting of KeyVaultForLinux 3.0; it exists only in KeyVaultForWindows 3.0, KeyVaultForWindows 4.0.")]
    [InlineData("Windows1", "Accounts", "Accounts (accounts) is not a setting of KeyVaultForWindows 1.0; it exists only in KeyVaultForWindows 3.0, KeyVaultForWindows 4.0.")]
    [InlineData("Linux2", "CustomSymbolicLinkName", "CustomSymbolicLinkName (customSymbolicLinkName) is not a setting of KeyVaultForLinux 2.0; it exists only in KeyVaultForLinux 3.0.")]
    public void Refusals_say_where_the_option_exists_and_why_it_is_gone(string version, string option, string message)
    {
        var v = Version(version);
        Assert.Equal(message, Expect.Error(RuleErrorIds.ExtensionOptionNotSupported, () => KeyVaultExtensionSettings.Build(WithOption(Request(v, Cert1), option, v.Os))).Message);
    }

    [Fact]
    public void A_false_value_for_a_missing_option_is_refused_too()
    {
        Expect.Error(RuleErrorIds.ExtensionOptionNotSupported, () => KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Linux3) with { LinkOnRenewal = false }));
        Expect.Error(RuleErrorIds.ExtensionOptionNotSupported, () => KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Windows4) with { KeyExportable = false }));
        Expect.Error(RuleErrorIds.ExtensionOptionNotSupported, () => KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Linux2) with { Acls = Array.Empty<LinuxCertificateAcl>() }));
    }

    [Theory]
    [InlineData("Windows4", 300, true)]
    [InlineData("Windows4", 3600, true)]
    [InlineData("Windows4", 299, false)]
    [InlineData("Windows4", 3601, false)]
    [InlineData("Windows3", 60, true)]
    [InlineData("Windows3", 86400, true)]
    [InlineData("Linux3", 1, true)]
    [InlineData("Linux3", 0, false)]
    [InlineData("Linux1", -5, false)]
    public void Polling_interval_bounds(string version, int seconds, bool valid)
    {
        var request = Request(Version(version)) with { PollingInterval = TimeSpan.FromSeconds(seconds) };
        if (valid)
        {
            Assert.Equal(seconds.ToString(), KeyVaultExtensionSettings.Build(request)["secretsManagementSettings"]!["pollingIntervalInS"]!.GetValue<string>());
        }
        else
        {
            Expect.Error(RuleErrorIds.InvalidPollingInterval, () => KeyVaultExtensionSettings.Build(request));
        }
    }

    [Fact]
    public void Windows_4_polling_out_of_range_says_the_range()
    {
        var error = Expect.Error(RuleErrorIds.InvalidPollingInterval, () => KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Windows4) with { PollingInterval = TimeSpan.FromSeconds(120) }));
        Assert.Equal("KeyVaultForWindows 4.0 polls only every 300 to 3600 seconds (5 to 60 minutes); 120 s is outside that range.", error.Message);
    }

    [Fact]
    public void A_fractional_polling_interval_is_refused()
    {
        var error = Expect.Error(RuleErrorIds.InvalidPollingInterval, () => KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Linux3) with { PollingInterval = TimeSpan.FromMilliseconds(1500) }));
        Assert.Equal("The polling interval 00:00:01.5000000 must be a positive whole number of seconds.", error.Message);
    }

    [Theory]
    [InlineData("localmachine", " Did you mean 'LocalMachine'? The value is case-sensitive.")]
    [InlineData("CURRENTUSER", " Did you mean 'CurrentUser'? The value is case-sensitive.")]
    [InlineData("Machine", "")]
    [InlineData("/var/lib/certs", "")]
    public void Windows_store_location_is_LocalMachine_or_CurrentUser_case_sensitive(string location, string hint)
    {
        foreach (var version in new[] { KeyVaultExtensionVersion.Windows1, KeyVaultExtensionVersion.Windows3, KeyVaultExtensionVersion.Windows4 })
        {
            var error = Expect.Error(RuleErrorIds.InvalidCertificateStoreLocation, () => KeyVaultExtensionSettings.Build(Request(version) with { CertificateStoreLocation = location }));
            Assert.Equal($"'{location}' is not a Windows certificate store location: use 'LocalMachine' or 'CurrentUser' (case-sensitive).{hint}", error.Message);
        }
    }

    [Theory]
    [InlineData("var/lib/certs")]
    [InlineData("LocalMachine")]
    [InlineData("/var/lib/../etc")]
    [InlineData(" /var/lib/certs")]
    public void Linux_store_location_is_an_absolute_folder(string location)
    {
        foreach (var version in new[] { KeyVaultExtensionVersion.Linux1, KeyVaultExtensionVersion.Linux2, KeyVaultExtensionVersion.Linux3 })
        {
            var error = Expect.Error(RuleErrorIds.InvalidCertificateStoreLocation, () => KeyVaultExtensionSettings.Build(Request(version) with { CertificateStoreLocation = location }));
            Assert.Equal($"'{location}' is not a Linux certificate folder: give an absolute path such as /var/lib/waagent/Microsoft.Azure.KeyVault.Store.", error.Message);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" MY")]
    [InlineData("My\\Store")]
    public void Bad_store_names_are_refused(string storeName)
    {
        Expect.Error(RuleErrorIds.InvalidCertificateStoreName, () => KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Windows3) with { CertificateStoreName = storeName }));
    }

    [Fact]
    public void Bad_accounts_and_acls_are_refused()
    {
        Expect.Error(RuleErrorIds.InvalidCertificateAccount, () => KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Windows3) with { Accounts = new[] { " " } }));
        Expect.Error(RuleErrorIds.InvalidCertificateAcl, () => KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Linux3) with { Acls = new[] { new LinuxCertificateAcl(null, null) } }));
        var error = Expect.Error(RuleErrorIds.InvalidCertificateAcl, () => KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Linux3) with { Acls = new[] { new LinuxCertificateAcl("app user", null) } }));
        Assert.Equal("Each ACL entry needs a user, a group or both, named as on Linux (letters, digits, '.', '_', '-'); got user 'app user', group ''.", error.Message);
    }

    [Fact]
    public void An_empty_account_list_adds_no_accounts()
    {
        var settings = KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Windows4, Cert1) with { Accounts = Array.Empty<string>() });
        Assert.False(settings["secretsManagementSettings"]!["observedCertificates"]![0]!.AsObject().ContainsKey("accounts"));
    }

    [Fact]
    public void A_custom_link_name_needs_exactly_one_certificate()
    {
        var error = Expect.Error(RuleErrorIds.InvalidCustomSymbolicLinkName, () => KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Linux3) with { CustomSymbolicLinkName = "app" }));
        Assert.Equal("CustomSymbolicLinkName names the link of one certificate, but 2 certificates are observed; their links would collide.", error.Message);
        Expect.Error(RuleErrorIds.InvalidCustomSymbolicLinkName, () => KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Linux3, Cert1) with { CustomSymbolicLinkName = "a/b" }));
        Expect.Error(RuleErrorIds.InvalidCustomSymbolicLinkName, () => KeyVaultExtensionSettings.Build(Request(KeyVaultExtensionVersion.Linux3, Cert1) with { CustomSymbolicLinkName = ".." }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void The_client_id_must_be_a_guid(string? clientId)
    {
        var error = Expect.Error(RuleErrorIds.InvalidMsiClientId, () => KeyVaultExtensionSettings.Build(new KeyVaultExtensionSettingsRequest(KeyVaultExtensionVersion.Linux3, new[] { Cert1 }, clientId!)));
        Assert.Equal($"'{clientId}' is not a managed identity client id (a GUID).", error.Message);
        Assert.Equal("Use the user-assigned identity's Client ID (not its Object/Principal ID): 'az identity show --query clientId'.", error.Remedy);
    }

    [Fact]
    public void The_client_id_is_written_in_canonical_form()
    {
        var settings = KeyVaultExtensionSettings.Build(new KeyVaultExtensionSettingsRequest(KeyVaultExtensionVersion.Linux3, new[] { Cert1 }, "{B9F6DD56-D2D6-4967-99D7-8062D56FD84C}"));
        Assert.Equal(ClientId, settings["authenticationSettings"]!["msiClientId"]!.GetValue<string>());
    }

    [Fact]
    public void At_least_one_certificate_is_needed()
    {
        var error = Expect.Error(RuleErrorIds.NoObservedCertificates, () => KeyVaultExtensionSettings.Build(new KeyVaultExtensionSettingsRequest(KeyVaultExtensionVersion.Linux3, Array.Empty<CertificateUrl>(), ClientId)));
        Assert.Equal("The Key Vault extension needs at least one certificate to observe.", error.Message);
    }

    [Fact]
    public void Observed_urls_are_versionless_secrets_urls_without_duplicates()
    {
        var forms = new[]
        {
            CertificateUrl.Parse("https://kv1.vault.azure.net/certificates/cert1/8f5f3f491afd48cb99286ba2aacd39af"),
            CertificateUrl.Parse("https://KV1.vault.azure.net/secrets/cert1"),
            CertificateUrl.Parse("https://kv1.vault.azure.net/secrets/cert2/"),
        };
        var settings = KeyVaultExtensionSettings.Build(new KeyVaultExtensionSettingsRequest(KeyVaultExtensionVersion.Linux2, forms, ClientId));
        Expect.Json("""["https://kv1.vault.azure.net/secrets/cert1","https://kv1.vault.azure.net/secrets/cert2"]""", settings["secretsManagementSettings"]!["observedCertificates"]);
    }

    private static KeyVaultExtensionVersion Version(string name) => name switch
    {
        "Linux1" => KeyVaultExtensionVersion.Linux1,
        "Linux2" => KeyVaultExtensionVersion.Linux2,
        "Linux3" => KeyVaultExtensionVersion.Linux3,
        "Windows1" => KeyVaultExtensionVersion.Windows1,
        "Windows3" => KeyVaultExtensionVersion.Windows3,
        _ => KeyVaultExtensionVersion.Windows4,
    };

    private static string JsonName(string option) => char.ToLowerInvariant(option[0]) + option.Substring(1);

    private static KeyVaultExtensionSettingsRequest WithOption(KeyVaultExtensionSettingsRequest request, string option, OsFamily os) => option switch
    {
        "RequireInitialSync" => request with { RequireInitialSync = true },
        "CertificateStoreName" => request with { CertificateStoreName = "MY" },
        "CertificateStoreLocation" => request with { CertificateStoreLocation = os == OsFamily.Windows ? "CurrentUser" : "/opt/certs" },
        "KeyExportable" => request with { KeyExportable = true },
        "Accounts" => request with { Accounts = new[] { "Network Service" } },
        "Acls" => request with { Acls = new[] { new LinuxCertificateAcl("app1", null) } },
        "LinkOnRenewal" => request with { LinkOnRenewal = true },
        "CustomSymbolicLinkName" => request with { CustomSymbolicLinkName = "current" },
        _ => throw new ArgumentOutOfRangeException(nameof(option)),
    };
}
