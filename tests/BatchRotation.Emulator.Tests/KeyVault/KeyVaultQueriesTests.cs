using Azure.Core;
using BatchRotation.Emulator.KeyVault;
using BatchRotation.Emulator.Tests.Infrastructure;
using static BatchRotation.Emulator.Tests.KeyVault.KeyVaultTestSupport;

namespace BatchRotation.Emulator.Tests.KeyVault;

/// <summary><see cref="KeyVaultQueries.FetchSecretForExtension"/>: what the Key Vault VM extension on a node gets for an observed URL.</summary>
public sealed class KeyVaultQueriesTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private SecretFetch Fetch(string principalId, string url)
    {
        var runtime = emulator.Host.Runtime;
        lock (runtime.State.Sync)
        {
            return KeyVaultQueries.FetchSecretForExtension(runtime, principalId, emulator.Environment.TenantId, url);
        }
    }

    private async Task<(SeededVault Vault, SeededPrincipal Node)> VaultWithReaderAsync(VaultPermissionModel model = VaultPermissionModel.AccessPolicies)
    {
        var vault = await emulator.NewVaultAsync(new VaultSeed { Model = model });
        var node = await emulator.CreatePrincipalAsync("pool identity");
        if (model == VaultPermissionModel.AccessPolicies) await emulator.GrantAccessPolicyAsync(vault, node.PrincipalId, secrets: ["get", "list"]);
        else await emulator.NewRoleAssignmentAsync(vault.Id, ArmSeeder.KeyVaultSecretsUserRole, node.PrincipalId);
        return (vault, node);
    }

    [Fact]
    public async Task A_versionless_URL_gets_the_latest_version_and_a_versioned_URL_stays_pinned()
    {
        var (vault, node) = await VaultWithReaderAsync();
        var original = await emulator.CreateCertificateAsync(vault, "web");
        var versionless = original.VersionlessSecretId.ToString();

        var first = Fetch(node.PrincipalId, versionless);
        Assert.True(first.Succeeded, first.ErrorMessage);
        Assert.Equal((200, vault.Name, "web", original.Version, original.Thumbprint), (first.Status, first.VaultName, first.SecretName, first.Version, first.Thumbprint));
        Assert.Equal(original.NotBefore, first.NotBefore);
        Assert.Equal(original.Expires, first.NotAfter);

        var renewed = await emulator.RenewCertificateAsync(vault, "web");
        var latest = Fetch(node.PrincipalId, versionless);
        var pinned = Fetch(node.PrincipalId, original.SecretId.ToString());

        Assert.Equal((renewed.Version, renewed.Thumbprint), (latest.Version, latest.Thumbprint));
        Assert.True(pinned.Succeeded);
        Assert.Equal((original.Version, original.Thumbprint), (pinned.Version, pinned.Thumbprint));
        Assert.Matches("^[0-9A-F]{40}$", latest.Thumbprint!);
    }

    [Fact]
    public async Task AutoRenew_is_applied_before_the_fetch_without_any_HTTP_access()
    {
        var (vault, node) = await VaultWithReaderAsync(VaultPermissionModel.Rbac);
        var original = await emulator.CreateCertificateAsync(vault, "auto", new CertificateSeed { ValidityMonths = 1, DaysBeforeExpiry = 7 });

        await emulator.AdvanceClockAsync(original.Expires - emulator.SimulatedNow() - TimeSpan.FromDays(6));
        var fetched = Fetch(node.PrincipalId, original.VersionlessSecretId.ToString());

        Assert.True(fetched.Succeeded, fetched.ErrorMessage);
        Assert.NotEqual(original.Version, fetched.Version);
        Assert.NotEqual(original.Thumbprint, fetched.Thumbprint);
        Assert.True(fetched.NotAfter > original.Expires);
        Assert.Equal(fetched.Version, (await emulator.GetCertificateAsync(vault, "auto")).Version);
    }

    [Fact]
    public async Task URLs_that_cannot_reach_a_secret_fail_before_any_request()
    {
        var (vault, node) = await VaultWithReaderAsync();
        var certificate = await emulator.CreateCertificateAsync(vault, "web");

        var otherHost = Fetch(node.PrincipalId, $"https://{vault.Name}.vault.azure.net/secrets/web");
        var certificatesPath = Fetch(node.PrincipalId, certificate.Id.ToString());
        var notAUrl = Fetch(node.PrincipalId, "web");

        Assert.Equal((false, 0, "HostNotFound"), (otherHost.Succeeded, otherHost.Status, otherHost.ErrorCode));
        Assert.Contains($"{vault.Name}.vault.azure.net", otherHost.ErrorMessage);
        Assert.Equal((false, 0, "NotASecretUrl"), (certificatesPath.Succeeded, certificatesPath.Status, certificatesPath.ErrorCode));
        Assert.Contains("/secrets/", certificatesPath.ErrorMessage);
        Assert.Equal((false, 0, "InvalidUrl"), (notAUrl.Succeeded, notAUrl.Status, notAUrl.ErrorCode));
    }

    [Fact]
    public async Task Unknown_vaults_and_secrets_are_404_SecretNotFound_with_Key_Vaults_text()
    {
        var (vault, node) = await VaultWithReaderAsync();

        var unknownSecret = Fetch(node.PrincipalId, $"{vault.VaultUri}secrets/nothing");
        var unknownVault = Fetch(node.PrincipalId, $"{emulator.Endpoint}keyvault/novaultnamedlikethis/secrets/nothing");
        var unknownVersion = Fetch(node.PrincipalId, $"{vault.VaultUri}secrets/nothing/0123456789abcdef0123456789abcdef");

        foreach (var fetch in new[] { unknownSecret, unknownVault })
        {
            Assert.Equal((false, 404, "SecretNotFound"), (fetch.Succeeded, fetch.Status, fetch.ErrorCode));
            Assert.Equal("A secret with (name/id) nothing was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182", fetch.ErrorMessage);
        }
        Assert.Equal((404, "SecretNotFound"), (unknownVersion.Status, unknownVersion.ErrorCode));
    }

    [Fact]
    public async Task A_disabled_certificate_is_403_Forbidden()
    {
        var (vault, node) = await VaultWithReaderAsync();
        var certificate = await emulator.CreateCertificateAsync(vault, "off", new CertificateSeed { Enabled = false });

        var fetched = Fetch(node.PrincipalId, certificate.VersionlessSecretId.ToString());

        Assert.Equal((false, 403, "Forbidden", "Operation get is not allowed on a disabled secret."), (fetched.Succeeded, fetched.Status, fetched.ErrorCode, fetched.ErrorMessage));
    }

    [Theory]
    [InlineData(VaultPermissionModel.AccessPolicies)]
    [InlineData(VaultPermissionModel.Rbac)]
    public async Task Without_access_the_fetch_gets_exactly_the_HTTP_endpoints_refusal(VaultPermissionModel model)
    {
        var vault = await emulator.NewVaultAsync(new VaultSeed { Model = model });
        var certificate = await emulator.CreateCertificateAsync(vault, "web");
        var node = await emulator.CreatePrincipalAsync("no access");

        var fetched = Fetch(node.PrincipalId, certificate.VersionlessSecretId.ToString());
        var http = await emulator.PipelineFor(node).SendAsync(RequestMethod.Get, Kv(vault, "secrets/web"));

        Assert.False(fetched.Succeeded);
        Assert.Equal(403, fetched.Status);
        Assert.Equal((http.Status, http.ErrorCode(), http.ErrorMessage()), (fetched.Status, fetched.ErrorCode, fetched.ErrorMessage));
        Assert.Contains(model == VaultPermissionModel.Rbac ? "DeniedWithNoValidRBAC" : "does not have secrets get permission", fetched.ErrorMessage);
    }

    [Fact]
    public async Task A_secret_scope_role_assignment_is_enough_for_the_extension()
    {
        var vault = await emulator.NewVaultAsync(new VaultSeed { Model = VaultPermissionModel.Rbac });
        var certificate = await emulator.CreateCertificateAsync(vault, "scoped");
        var node = await emulator.CreatePrincipalAsync("secret-scope identity");
        await emulator.NewRoleAssignmentAsync(vault.Id + "/secrets/scoped", ArmSeeder.KeyVaultSecretsUserRole, node.PrincipalId);

        var fetched = Fetch(node.PrincipalId, certificate.VersionlessSecretId.ToString());

        Assert.True(fetched.Succeeded, fetched.ErrorMessage);
        Assert.Equal(certificate.Thumbprint, fetched.Thumbprint);
    }

    [Fact]
    public async Task A_principal_of_another_tenant_is_refused()
    {
        var (vault, node) = await VaultWithReaderAsync();
        var certificate = await emulator.CreateCertificateAsync(vault, "web");
        SecretFetch fetched;
        lock (emulator.Host.Runtime.State.Sync)
        {
            fetched = KeyVaultQueries.FetchSecretForExtension(emulator.Host.Runtime, node.PrincipalId, Guid.NewGuid().ToString(), certificate.VersionlessSecretId.ToString());
        }

        Assert.Equal((false, 401, "Unauthorized"), (fetched.Succeeded, fetched.Status, fetched.ErrorCode));
        Assert.StartsWith("AKV10032: Invalid issuer.", fetched.ErrorMessage);
    }
}
