using System.Text.Json;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Model;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Tests.Model;

public sealed class RotatingBatchPoolFactoryTests
{
    private const string PoolId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/acct/pools/web";
    private const string IdentityA = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a";
    private const string IdentityB = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/b";

    [Fact]
    public void Reads_a_linux_3_0_pool_with_object_observed_certificates()
    {
        var pool = Pool("batch.node.ubuntu 24.04", "KeyVaultForLinux", "3.0", """
            {"secretsManagementSettings":{"pollingIntervalInS":"600","requireInitialSync":false,
              "observedCertificates":[{"url":"https://v.vault.azure.net/secrets/a","certificateStoreLocation":"/x"},{"url":"https://v.vault.azure.net/secrets/b"}]},
             "authenticationSettings":{"msiEndpoint":"http://169.254.169.254/metadata/identity","msiClientId":"client-b"}}
            """);

        var result = RotatingBatchPoolFactory.From(pool, "acct.westeurope.batch.azure.com");

        Assert.Equal("acct", result.AccountName);
        Assert.Equal("rg", result.ResourceGroupName);
        Assert.Equal("web", result.Name);
        Assert.Equal(OsFamily.Linux, result.Os);
        Assert.Equal(["https://v.vault.azure.net/secrets/a", "https://v.vault.azure.net/secrets/b"], result.CertificateUrl);
        Assert.Equal(TimeSpan.FromMinutes(10), result.PollingInterval);
        Assert.False(result.RequireInitialSync);
        Assert.Equal("KeyVaultForLinux", result.ExtensionType);
        Assert.Equal("3.0", result.ExtensionVersion);
        Assert.Equal(IdentityB, result.IdentityResourceId);
        Assert.Equal("client-b", result.IdentityClientId);
        Assert.Equal("principal-b", result.IdentityPrincipalId);
        Assert.Equal([IdentityA, IdentityB], result.IdentityResourceIds);
        Assert.Equal(2, result.TargetDedicatedNodes);
        Assert.True(result.HasKeyVaultExtension);
    }

    [Fact]
    public void Reads_string_observed_certificates_and_a_numeric_polling_interval_as_another_tool_may_have_sent_them()
    {
        var pool = Pool("batch.node.windows amd64", "KeyVaultForWindows", "1.0", """
            {"secretsManagementSettings":{"pollingIntervalInS":3600,"certificateStoreName":"MY","certificateStoreLocation":"LocalMachine",
              "observedCertificates":["https://v.vault.azure.net/secrets/a/0123456789abcdef0123456789abcdef"]}}
            """);

        var result = RotatingBatchPoolFactory.From(pool, null);

        Assert.Equal(OsFamily.Windows, result.Os);
        Assert.Equal(["https://v.vault.azure.net/secrets/a/0123456789abcdef0123456789abcdef"], result.CertificateUrl);
        Assert.Equal(TimeSpan.FromHours(1), result.PollingInterval);
        Assert.Null(result.IdentityClientId);
        Assert.Null(result.IdentityResourceId);
    }

    [Fact]
    public void A_double_encoded_settings_string_yields_no_urls_but_still_a_pool()
    {
        var pool = Pool("batch.node.ubuntu 22.04", "KeyVaultForLinux", "2.0", "\"{\\\"secretsManagementSettings\\\":{}}\"");

        var result = RotatingBatchPoolFactory.From(pool, null);

        Assert.Empty(result.CertificateUrl);
        Assert.Null(result.PollingInterval);
        Assert.True(result.HasKeyVaultExtension);
    }

    [Fact]
    public void A_pool_without_the_extension_is_described_too()
    {
        var pool = Pool("batch.node.ubuntu 24.04", extensionType: null, version: null, settings: null);

        var result = RotatingBatchPoolFactory.From(pool, null);

        Assert.False(result.HasKeyVaultExtension);
        Assert.Null(result.ExtensionType);
        Assert.Empty(result.CertificateUrl);
    }

    private static BatchPool Pool(string nodeAgent, string? extensionType, string? version, string? settings)
    {
        var extensions = extensionType == null ? "" : $$"""
            ,"extensions":[{"name":"kv","publisher":"Microsoft.Azure.KeyVault","type":"{{extensionType}}","typeHandlerVersion":"{{version}}","settings":{{settings}}}]
            """;
        var json = """
            {"id":"@PoolId@","name":"web","etag":"W/\"0x1\"",
             "identity":{"type":"UserAssigned","userAssignedIdentities":{
               "@IdentityA@":{"principalId":"principal-a","clientId":"client-a"},
               "@IdentityB@":{"principalId":"principal-b","clientId":"client-b"}}},
             "properties":{"vmSize":"STANDARD_D2S_V3","allocationState":"Steady","provisioningState":"Succeeded",
               "scaleSettings":{"fixedScale":{"targetDedicatedNodes":2,"targetLowPriorityNodes":0}},
               "currentDedicatedNodes":2,"currentLowPriorityNodes":0,
               "deploymentConfiguration":{"virtualMachineConfiguration":{
                 "imageReference":{"publisher":"canonical","offer":"ubuntu-24_04-lts","sku":"server","version":"latest"},
                 "nodeAgentSkuId":"@nodeAgent@"@extensions@}}}}
            """
            .Replace("@PoolId@", PoolId).Replace("@IdentityA@", IdentityA).Replace("@IdentityB@", IdentityB)
            .Replace("@nodeAgent@", nodeAgent).Replace("@extensions@", extensions);
        return BatchPool.FromJson(JsonDocument.Parse(json).RootElement.Clone());
    }
}
