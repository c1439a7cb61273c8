using System.Text.Json.Nodes;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Inspection;

/// <summary>
/// Each fault is seeded through the real APIs (pools written by "another tool" with raw PUT bodies) and the
/// report names it with the exact check id and status.
/// </summary>
public sealed class FaultScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>
{
    private static JsonObject Change(JsonObject settings, Action<JsonObject> change)
    {
        var copy = (JsonObject)settings.DeepClone();
        change(copy);
        return copy;
    }

    [Fact]
    public async Task A_versioned_url_fails_versionless_and_names_the_pinned_version()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var versioned = world.Certificate.SecretId.ToString();
        var pool = await world.CreatePoolAsync(world.PoolBody(world.Settings(versioned)));

        var report = await world.TestAsync(pool);

        report.AssertStatus(PoolCheckIds.CertificateVersionless, CheckStatus.Failed, world.Certificate.Version);
        Assert.Equal(versioned, report.Check(PoolCheckIds.CertificateVersionless).Target);
        Assert.Contains("New-RotatingBatchPool", report.Check(PoolCheckIds.CertificateVersionless).Remedy);
        Assert.Contains(world.SecretUrl, report.Check(PoolCheckIds.CertificateVersionless).Remedy);
        Assert.Equal(world.Certificate.Version, report.Certificates[0].PinnedVersion);
        Assert.False(report.IsCompliant);
        // Everything else about the certificate is still judged.
        report.AssertStatus(PoolCheckIds.AccessSecretReadable, CheckStatus.Passed);
        report.AssertStatus(PoolCheckIds.CertificateAutoRenew, CheckStatus.Passed);
    }

    [Fact]
    public async Task A_numeric_polling_interval_fails_and_the_nodes_report_the_handlers_message()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var pool = await world.CreatePoolAsync(world.PoolBody(Change(world.Settings(), s => s["secretsManagementSettings"]!["pollingIntervalInS"] = 3600)));

        var report = await world.TestAsync(pool);

        report.AssertStatus(PoolCheckIds.ExtensionPollingInterval, CheckStatus.Failed, "not a string");
        report.AssertStatus(PoolCheckIds.RotationPollingInterval, CheckStatus.Skipped);
        report.AssertStatus(PoolCheckIds.NodesUsable, CheckStatus.Failed, "unusable");
        report.AssertStatus(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Failed, "Failed to parse the configuration settings with: 'not a string'");
        Assert.Equal(NodeStatus.ExtensionFailed, Assert.Single(report.Nodes!.Nodes).ExtensionState);
    }

    [Fact]
    public async Task Settings_sent_as_a_string_fail_settings_object_and_skip_what_cannot_be_read()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var pool = await world.CreatePoolAsync(world.PoolBody(JsonValue.Create(world.Settings().ToJsonString())), waitForNodes: false);

        var report = await world.TestAsync(pool, world.Options(NodeScope.None));

        report.AssertStatus(PoolCheckIds.ExtensionSettingsObject, CheckStatus.Failed, "not an object");
        report.AssertStatus(PoolCheckIds.ExtensionMsiClientId, CheckStatus.Skipped);
        report.AssertStatus(PoolCheckIds.ExtensionObservedCertificates, CheckStatus.Skipped);
        Assert.DoesNotContain(report.Checks, c => c.Category == "Nodes");
        Assert.Null(report.Nodes);
    }

    [Fact]
    public async Task Missing_authentication_settings_fail_with_the_extensions_symptom()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var pool = await world.CreatePoolAsync(world.PoolBody(Change(world.Settings(), s => s.Remove("authenticationSettings"))));

        var report = await world.TestAsync(pool);

        report.AssertStatus(PoolCheckIds.ExtensionAuthenticationSettings, CheckStatus.Failed, "non-existent AuthConfig");
        report.AssertStatus(PoolCheckIds.ExtensionMsiClientId, CheckStatus.Skipped);
        report.AssertStatus(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Failed, "Attempt to get non-existent AuthConfig");
    }

    [Fact]
    public async Task A_principal_id_given_as_msiClientId_fails_and_names_the_client_id()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var settings = BatchSeeder.KeyVaultSettings([world.SecretUrl], world.Identity.PrincipalId);
        var pool = await world.CreatePoolAsync(world.PoolBody(settings));

        var report = await world.TestAsync(pool);

        report.AssertStatus(PoolCheckIds.ExtensionMsiClientId, CheckStatus.Failed, "principal (object) id");
        Assert.Contains(world.Identity.ClientId, report.Check(PoolCheckIds.ExtensionMsiClientId).Message);
        report.AssertStatus(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Failed, "Identity not found");
    }

    [Fact]
    public async Task A_certificates_url_fails_the_secrets_path_check()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var url = world.Certificate.Id.ToString();
        var pool = await world.CreatePoolAsync(world.PoolBody(world.Settings(url)), waitForNodes: false);

        var report = await world.TestAsync(pool, world.Options(NodeScope.None));

        report.AssertStatus(PoolCheckIds.CertificateSecretsPath, CheckStatus.Failed, "/certificates/");
        report.AssertStatus(PoolCheckIds.CertificateVersionless, CheckStatus.Failed);
        report.AssertStatus(PoolCheckIds.CertificateExists, CheckStatus.Passed);
    }

    [Fact]
    public async Task An_identity_without_access_fails_and_idle_nodes_with_a_failed_extension_are_found()
    {
        var world = await InspectionWorld.CreateAsync(scenario, grant: false);
        var pool = await world.CreatePoolAsync(world.PoolBody(dedicated: 2));

        var report = await world.TestAsync(pool);

        report.AssertStatus(PoolCheckIds.AccessSecretReadable, CheckStatus.Failed, "cannot read secret 'poolcert'");
        Assert.Contains("Grant-PoolVaultAccess", report.Check(PoolCheckIds.AccessSecretReadable).Remedy);
        Assert.Contains(world.Identity.Id, report.Check(PoolCheckIds.AccessSecretReadable).Remedy, StringComparison.OrdinalIgnoreCase);
        report.AssertStatus(PoolCheckIds.NodesUsable, CheckStatus.Passed); // without requireInitialSync the nodes are idle...
        report.AssertStatus(PoolCheckIds.NodesExtensionSucceeded, CheckStatus.Failed, "403"); // ...but the extension failed on them
        Assert.Equal(2, report.Nodes!.ExtensionFailed);
        Assert.False(report.Certificates[0].IdentityCanRead);
    }

    [Fact]
    public async Task An_rbac_vault_without_a_role_fails_access_and_an_inherited_role_passes()
    {
        var world = await InspectionWorld.CreateAsync(scenario, VaultPermissionModel.Rbac, grant: false);
        var pool = await world.CreatePoolAsync(world.PoolBody(), waitForNodes: false);

        var denied = await world.TestAsync(pool, world.Options(NodeScope.None));
        denied.AssertStatus(PoolCheckIds.AccessSecretReadable, CheckStatus.Failed, "Azure RBAC");

        await scenario.Emulator.AssignRoleAsync(scenario.Emulator.ResourceGroupId(world.ResourceGroup), ArmSeeder.KeyVaultSecretsUserRole, world.Identity.PrincipalId);
        var inherited = await world.TestAsync(pool, world.Options(NodeScope.None));
        inherited.AssertStatus(PoolCheckIds.AccessSecretReadable, CheckStatus.Passed, "inherited");
        inherited.AssertStatus(PoolCheckIds.AccessLeastPrivilege, CheckStatus.Passed);
    }

    [Fact]
    public async Task More_access_than_needed_is_a_least_privilege_warning_not_a_failure()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        await scenario.Emulator.AddAccessPolicyAsync(world.Vault, world.Identity.PrincipalId, secrets: ["get", "list", "set", "delete"], keys: ["get", "unwrapKey"]);
        var pool = await world.CreatePoolAsync(world.PoolBody(), waitForNodes: false);

        var report = await world.TestAsync(pool, world.Options(NodeScope.None));

        var check = report.Check(PoolCheckIds.AccessLeastPrivilege);
        Assert.Equal(CheckStatus.Warning, check.Status);
        Assert.Contains("set", check.Message);
        Assert.Contains("unwrapKey", check.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(world.Vault.Id, check.Target, ignoreCase: true);
        Assert.Contains("Remove-AzKeyVaultAccessPolicy", check.Remedy);
        report.AssertStatus(PoolCheckIds.AccessSecretReadable, CheckStatus.Passed);
        Assert.True(report.IsCompliant, ReportAssertions.Describe(report));
    }

    [Fact]
    public async Task An_administrator_role_on_an_rbac_vault_is_a_least_privilege_warning()
    {
        var world = await InspectionWorld.CreateAsync(scenario, VaultPermissionModel.Rbac, grant: false);
        await scenario.Emulator.AssignRoleAsync(world.Vault.Id, ArmSeeder.KeyVaultAdministratorRole, world.Identity.PrincipalId);
        var pool = await world.CreatePoolAsync(world.PoolBody(), waitForNodes: false);

        var report = await world.TestAsync(pool, world.Options(NodeScope.None));

        report.AssertStatus(PoolCheckIds.AccessSecretReadable, CheckStatus.Passed, "Key Vault Administrator");
        report.AssertStatus(PoolCheckIds.AccessLeastPrivilege, CheckStatus.Warning, "Key Vault Administrator");
    }

    [Fact]
    public async Task A_disabled_certificate_fails_enabled()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        await scenario.Emulator.DisableCertificateAsync(world.Vault, "poolcert");
        var pool = await world.CreatePoolAsync(world.PoolBody(), waitForNodes: false);

        var report = await world.TestAsync(pool, world.Options(NodeScope.None));

        report.AssertStatus(PoolCheckIds.CertificateEnabled, CheckStatus.Failed, "disabled");
        Assert.Contains("Update-AzKeyVaultCertificate", report.Check(PoolCheckIds.CertificateEnabled).Remedy);
        Assert.False(report.Certificates[0].Enabled);
    }

    [Fact]
    public async Task An_expired_imported_certificate_with_an_unknown_issuer_fails_expiry_autorenew_and_issuer()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var now = scenario.Emulator.Host.Runtime.Clock.UtcNow;
        using var expired = KeyVaultSeeder.NewSelfSignedCertificate("CN=expired.test", now.AddDays(-60), now.AddDays(-1));
        await scenario.Emulator.ImportCertificateAsync(world.Vault, "expiredcert", expired.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12));
        var url = new Uri(world.Vault.VaultUri, "secrets/expiredcert").ToString();
        var pool = await world.CreatePoolAsync(world.PoolBody(world.Settings(url)), waitForNodes: false);

        var report = await world.TestAsync(pool, world.Options(NodeScope.None));

        report.AssertStatus(PoolCheckIds.CertificateNotExpired, CheckStatus.Failed, "expired");
        report.AssertStatus(PoolCheckIds.CertificateExpiryWindow, CheckStatus.Warning);
        report.AssertStatus(PoolCheckIds.CertificateAutoRenew, CheckStatus.Failed);
        report.AssertStatus(PoolCheckIds.CertificateIssuerCanRenew, CheckStatus.Failed, "Unknown");
        report.AssertStatus(PoolCheckIds.RotationPollingInterval, CheckStatus.Skipped);
        Assert.Equal("Unknown", report.Certificates[0].Issuer);
    }

    [Fact]
    public async Task A_certificate_expiring_within_the_warning_window_is_a_warning()
    {
        var world = await InspectionWorld.CreateAsync(scenario, certificate: new CertificateSeed { ValidityMonths = 1, DaysBeforeExpiry = 5 });
        var pool = await world.CreatePoolAsync(world.PoolBody(), waitForNodes: false);

        var report = await world.TestAsync(pool, world.Options(NodeScope.None) with { ExpiryWarning = TimeSpan.FromDays(45) });

        report.AssertStatus(PoolCheckIds.CertificateExpiryWindow, CheckStatus.Warning, "within the warning window");
        report.AssertStatus(PoolCheckIds.CertificateNotExpired, CheckStatus.Passed);
        Assert.True(report.IsCompliant);
    }

    [Fact]
    public async Task A_polling_interval_longer_than_the_renewal_window_fails_rotation_timing()
    {
        var world = await InspectionWorld.CreateAsync(scenario, certificate: new CertificateSeed { DaysBeforeExpiry = 1 });
        var pool = await world.CreatePoolAsync(world.PoolBody(world.Settings(pollingIntervalInS: "172800")), waitForNodes: false);

        var report = await world.TestAsync(pool, world.Options(NodeScope.None));

        report.AssertStatus(PoolCheckIds.RotationPollingInterval, CheckStatus.Failed, "2 days");
        report.AssertStatus(PoolCheckIds.ExtensionPollingInterval, CheckStatus.Passed);
    }

    [Fact]
    public async Task An_unusable_node_fails_with_its_error_message()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var pool = await world.CreatePoolAsync(world.PoolBody(dedicated: 2));
        var node = (string)(await scenario.Emulator.ListNodesAsync(world.Account, pool))[0]!["id"]!;
        await scenario.Emulator.FailNodeAsync(world.Account, pool, node, message: "Disk full on the resource disk");

        var report = await world.TestAsync(pool, world.Options(NodeScope.Unhealthy));

        report.AssertStatus(PoolCheckIds.NodesUsable, CheckStatus.Failed, node);
        Assert.Contains("Disk full on the resource disk", report.Check(PoolCheckIds.NodesUsable).Message);
        Assert.Equal(1, report.Nodes!.Unusable);
        Assert.Equal(2, report.Nodes.Total);
        Assert.Equal(1, report.Nodes.Inspected); // -Node Unhealthy reads only the unusable node's extension
        Assert.Contains("not inspected", report.Check(PoolCheckIds.NodesExtensionSucceeded).Message);
    }

    [Fact]
    public async Task A_pool_without_identity_or_extension_fails_the_pool_checks()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var pool = await world.CreatePoolAsync(BatchSeeder.PoolBody(dedicated: 0), waitForNodes: false);

        var report = await world.TestAsync(pool);

        report.AssertStatus(PoolCheckIds.PoolUserAssignedIdentity, CheckStatus.Failed);
        report.AssertStatus(PoolCheckIds.ExtensionPresent, CheckStatus.Failed, "no Key Vault VM extension");
        report.AssertStatus(PoolCheckIds.ExtensionSettingsObject, CheckStatus.Skipped);
        report.AssertStatus(PoolCheckIds.NodesUsable, CheckStatus.Passed, "no nodes");
        Assert.Empty(report.Certificates);
    }

    [Fact]
    public async Task A_windows_extension_on_a_linux_pool_fails_the_type_check()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var settings = BatchSeeder.KeyVaultSettings([world.SecretUrl], world.Identity.ClientId);
        var pool = await world.CreatePoolAsync(world.PoolBody(settings, type: "KeyVaultForWindows", version: "3.0"), waitForNodes: false);

        var report = await world.TestAsync(pool, world.Options(NodeScope.None));

        report.AssertStatus(PoolCheckIds.ExtensionTypeMatchesOs, CheckStatus.Failed, "Linux");
        report.AssertStatus(PoolCheckIds.ExtensionVersionSupportsImage, CheckStatus.Skipped);
    }

    [Fact]
    public async Task A_missing_vault_and_a_missing_certificate_fail_their_checks()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var missingVault = new Uri(scenario.Emulator.Endpoint, "keyvault/kvgone0001/secrets/poolcert").ToString();
        var missingCertificate = new Uri(world.Vault.VaultUri, "secrets/nosuchcert").ToString();
        var settings = BatchSeeder.KeyVaultSettings([missingVault, missingCertificate], world.Identity.ClientId);
        var pool = await world.CreatePoolAsync(world.PoolBody(settings), waitForNodes: false);

        var report = await world.TestAsync(pool, world.Options(NodeScope.None));

        Assert.Equal(CheckStatus.Failed, report.Check(PoolCheckIds.CertificateVaultExists, missingVault).Status);
        Assert.Equal(CheckStatus.Skipped, report.Check(PoolCheckIds.CertificateExists, missingVault).Status);
        Assert.Equal(CheckStatus.Passed, report.Check(PoolCheckIds.CertificateVaultExists, missingCertificate).Status);
        Assert.Equal(CheckStatus.Failed, report.Check(PoolCheckIds.CertificateExists, missingCertificate).Status);
        Assert.Equal(CheckStatus.Skipped, report.Check(PoolCheckIds.CertificateEnabled, missingCertificate).Status);
    }

    [Fact]
    public async Task A_caller_who_may_not_read_the_vault_gets_skipped_checks_never_passed_ones()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var pool = await world.CreatePoolAsync(world.PoolBody(), waitForNodes: false);
        var reader = await scenario.Emulator.CreatePrincipalAsync("compliance reader");
        await scenario.Emulator.AssignRoleAsync(scenario.Emulator.ResourceGroupId(world.ResourceGroup), ArmSeeder.ReaderRole, reader.PrincipalId);
        var clients = scenario.ClientsFor(reader.ClientId, reader.ClientSecret);

        var reports = new List<PoolCertificateReport>();
        var inspector = new PoolCertificateInspector(world.Options(NodeScope.None));
        await inspector.InspectAsync(
            PoolInspectionRequest.ForAccount(scenario.SubscriptionId, world.ResourceGroup, world.Account, pool),
            InspectionClients.From(clients), new RecordingSink(), reports.Add, CancellationToken.None);

        var report = Assert.Single(reports);
        report.AssertStatus(PoolCheckIds.CertificateExists, CheckStatus.Skipped, "may not read certificate metadata");
        report.AssertStatus(PoolCheckIds.CertificateEnabled, CheckStatus.Skipped);
        report.AssertStatus(PoolCheckIds.AccessSecretReadable, CheckStatus.Passed); // ARM reads (vault, policies) are allowed to a Reader
        Assert.False(report.IsCompliant);
        Assert.False(inspector.AllCompliant);
    }

    [Fact]
    public async Task Windows_4_options_that_the_version_removed_fail_the_options_check()
    {
        var world = await InspectionWorld.CreateAsync(scenario);
        var settings = new JsonObject
        {
            ["secretsManagementSettings"] = new JsonObject
            {
                ["pollingIntervalInS"] = "3600",
                ["linkOnRenewal"] = true,
                ["observedCertificates"] = new JsonArray(new JsonObject
                {
                    ["url"] = world.SecretUrl,
                    ["certificateStoreName"] = "MY",
                    ["certificateStoreLocation"] = "LocalMachine",
                    ["keyExportable"] = true,
                }),
            },
            ["authenticationSettings"] = new JsonObject { ["msiEndpoint"] = "http://169.254.169.254/metadata/identity", ["msiClientId"] = world.Identity.ClientId },
        };
        var body = world.PoolBody(settings, dedicated: 0, type: "KeyVaultForWindows", version: "4.0");
        var vm = body["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!;
        vm["imageReference"] = new JsonObject { ["publisher"] = "MicrosoftWindowsServer", ["offer"] = "WindowsServer", ["sku"] = "2022-datacenter-smalldisk" };
        vm["nodeAgentSkuId"] = "batch.node.windows amd64";
        var pool = await world.CreatePoolAsync(body);

        var report = await world.TestAsync(pool);

        report.AssertStatus(PoolCheckIds.ExtensionOptions, CheckStatus.Failed, "keyExportable");
        Assert.Contains("linkOnRenewal", report.Check(PoolCheckIds.ExtensionOptions).Message);
        report.AssertStatus(PoolCheckIds.ExtensionVersionSupportsImage, CheckStatus.Passed);
        report.AssertStatus(PoolCheckIds.ExtensionCertificateStore, CheckStatus.Passed);
        report.AssertStatus(PoolCheckIds.ExtensionTypeMatchesOs, CheckStatus.Passed);
    }
}
