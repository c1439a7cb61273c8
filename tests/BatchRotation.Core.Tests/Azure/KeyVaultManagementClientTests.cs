using System.Reflection;
using System.Text.Json;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public class KeyVaultManagementClientTests
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Principal = "25cc773c-7f05-40fc-a104-32d2300754ad";
    private static readonly string VaultUrl = "https://management.azure.com" + TestAzure.VaultId;

    private static readonly string VaultJson = """
        {"id":"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/vault1","name":"vault1","location":"westus",
         "properties":{"tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","sku":{"family":"A","name":"standard"},
           "accessPolicies":[{"tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","objectId":"someone-else","permissions":{"keys":["get"],"secrets":["get","list","set"],"certificates":["get"]}}],
           "vaultUri":"https://vault1.vault.azure.net","enableSoftDelete":true,"enablePurgeProtection":true,"softDeleteRetentionInDays":90,"provisioningState":"Succeeded","publicNetworkAccess":"Enabled"}}
        """;

    private static VaultAccessPolicy SecretsReader() =>
        new(Tenant, Principal, new VaultPermissions(secrets: new[] { "get", "list" }));

    [Fact]
    public async Task GetVaultReadsTheOpaqueUriAndThePermissionModel()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, VaultJson);

        var vault = await azure.Vaults().GetVaultAsync(TestAzure.VaultId, CancellationToken.None);

        Assert.Equal($"{VaultUrl}?api-version=2025-05-01", azure.Transport.Requests.Single().Uri.AbsoluteUri);
        Assert.Equal(new Uri("https://vault1.vault.azure.net"), vault.VaultUri);
        Assert.False(vault.EnableRbacAuthorization); // absent means access policies
        Assert.True(vault.EnablePurgeProtection);
        Assert.Equal(90, vault.SoftDeleteRetentionInDays);
        var policy = Assert.Single(vault.AccessPolicies);
        Assert.Equal("someone-else", policy.ObjectId);
        Assert.Equal(new[] { "get", "list", "set" }, policy.Permissions.Secrets);
    }

    [Fact]
    public async Task AddAccessPolicyMergesOneEntryThroughTheAddOperation()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(201, """
            {"id":"x/accessPolicies/","type":"Microsoft.KeyVault/vaults/accessPolicies","properties":{"accessPolicies":[
              {"tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","objectId":"someone-else","permissions":{"secrets":["get","list","set"]}},
              {"tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","objectId":"25cc773c-7f05-40fc-a104-32d2300754ad","permissions":{"secrets":["get","list"]}}]}}
            """);

        var policies = await azure.Vaults().AddAccessPolicyAsync(TestAzure.VaultId, SecretsReader(), CancellationToken.None);

        var request = azure.Transport.Requests.Single();
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"{VaultUrl}/accessPolicies/add?api-version=2025-05-01", request.Uri.AbsoluteUri);
        Assert.Equal(
            "{\"properties\":{\"accessPolicies\":[{\"tenantId\":\"72f988bf-86f1-41af-91ab-2d7cd011db47\",\"objectId\":\"25cc773c-7f05-40fc-a104-32d2300754ad\",\"permissions\":{\"secrets\":[\"get\",\"list\"]}}]}}",
            request.Body);
        Assert.Equal(2, policies.Count);
        Assert.Contains(policies, p => p.ObjectId == "someone-else");
    }

    [Fact]
    public async Task RemoveAccessPolicyUsesTheRemoveOperation()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{\"properties\":{\"accessPolicies\":[]}}");
        var policies = await azure.Vaults().RemoveAccessPolicyAsync(TestAzure.VaultId, SecretsReader(), CancellationToken.None);
        Assert.Empty(policies);
        Assert.Equal($"{VaultUrl}/accessPolicies/remove?api-version=2025-05-01", azure.Transport.Requests.Single().Uri.AbsoluteUri);
    }

    [Fact]
    public async Task AConcurrentUpdateConflictReachesTheCallerOnceWithItsStatus()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(409, "{\"error\":{\"code\":\"ConflictError\",\"message\":\"A conflict occurred that prevented the operation from completing.\"}}");

        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Vaults().AddAccessPolicyAsync(TestAzure.VaultId, SecretsReader(), CancellationToken.None));

        Assert.Equal(409, ex.Status);
        Assert.Equal("ConflictError", ex.AzureErrorCode);
        Assert.Single(azure.Transport.Requests);
    }

    [Fact]
    public void NoMethodCanPutAVaultOrReplaceItsAccessPolicies()
    {
        var forbidden = new[] { "CreateOrUpdate", "Put", "Replace", "Set", "Update", "Patch", "Delete", "Purge" };
        foreach (var type in new[] { typeof(IKeyVaultManagementClient), typeof(KeyVaultManagementClient) })
        {
            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).ToList();
            Assert.Equal(
                new[] { "AddAccessPolicyAsync", "GetKeyAsync", "GetVaultAsync", "ListKeysAsync", "ListVaultsAsync", "RemoveAccessPolicyAsync" },
                methods.OrderBy(m => m, StringComparer.Ordinal));
            Assert.DoesNotContain(methods, m => forbidden.Any(f => m.StartsWith(f, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task NoCallEverWritesTheVaultResourceItself()
    {
        // Exercise every public method and check what reached the wire: the only writes go to accessPolicies/{add|remove}.
        var azure = new TestAzure();
        azure.Transport
            .Respond(200, VaultJson)
            .Respond(200, "{\"value\":[" + VaultJson + "]}")
            .Respond(200, "{\"properties\":{\"accessPolicies\":[]}}")
            .Respond(200, "{\"properties\":{\"accessPolicies\":[]}}")
            .Respond(200, "{\"name\":\"k\",\"properties\":{\"kty\":\"RSA\",\"keySize\":2048}}")
            .Respond(200, "{\"value\":[]}");
        var client = azure.Vaults();

        await client.GetVaultAsync(TestAzure.VaultId, CancellationToken.None);
        await client.ListVaultsAsync(TestAzure.Sub, CancellationToken.None);
        await client.AddAccessPolicyAsync(TestAzure.VaultId, SecretsReader(), CancellationToken.None);
        await client.RemoveAccessPolicyAsync(TestAzure.VaultId, SecretsReader(), CancellationToken.None);
        await client.GetKeyAsync(TestAzure.VaultId, "k", CancellationToken.None);
        await client.ListKeysAsync(TestAzure.VaultId, CancellationToken.None);

        var writes = azure.Transport.Requests.Where(r => r.Method != "GET").ToList();
        Assert.Equal(2, writes.Count);
        Assert.All(writes, w =>
        {
            Assert.Equal("PUT", w.Method);
            Assert.Matches("/vaults/vault1/accessPolicies/(add|remove)$", w.Uri.AbsolutePath);
        });
        Assert.DoesNotContain(azure.Transport.Requests, r => r.Method != "GET" && r.Uri.AbsolutePath.EndsWith("/vaults/vault1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListVaultsCoversTheSubscriptionAcrossPages()
    {
        var azure = new TestAzure();
        var next = $"https://management.azure.com/subscriptions/{TestAzure.Sub}/providers/Microsoft.KeyVault/vaults?api-version=2025-05-01&$skiptoken=abc";
        azure.Transport.Respond(200, "{\"value\":[" + VaultJson + "],\"nextLink\":\"" + next + "\"}").Respond(200, "{\"value\":[{\"name\":\"vault2\",\"properties\":{\"enableRbacAuthorization\":true}}]}");

        var vaults = await azure.Vaults().ListVaultsAsync(TestAzure.Sub, CancellationToken.None);

        Assert.Equal(new[] { "vault1", "vault2" }, vaults.Select(v => v.Name));
        Assert.True(vaults[1].EnableRbacAuthorization);
        Assert.Equal($"https://management.azure.com/subscriptions/{TestAzure.Sub}/providers/Microsoft.KeyVault/vaults?api-version=2025-05-01", azure.Transport.Requests[0].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task GetKeyReadsMetadata()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, """
            {"id":"x/keys/sample-key-name","name":"sample-key-name","properties":{"attributes":{"enabled":true,"created":1598533051,"exp":1900000000,"recoveryLevel":"Purgeable"},
             "kty":"RSA","keyOps":["wrapKey","unwrapKey"],"keySize":2048,"keyUri":"https://v.vault.azure.net:443/keys/sample-key-name",
             "keyUriWithVersion":"https://v.vault.azure.net:443/keys/sample-key-name/fd618d9519b74f9aae94ade66b876acc"}}
            """);

        var key = await azure.Vaults().GetKeyAsync(TestAzure.VaultId, "sample-key-name", CancellationToken.None);

        Assert.Equal($"{VaultUrl}/keys/sample-key-name?api-version=2025-05-01", azure.Transport.Requests.Single().Uri.AbsoluteUri);
        Assert.Equal("RSA", key.KeyType);
        Assert.Equal(2048, key.KeySize);
        Assert.Equal(new[] { "wrapKey", "unwrapKey" }, key.KeyOperations);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), key.Expires);
        Assert.EndsWith("/fd618d9519b74f9aae94ade66b876acc", key.KeyUriWithVersion);
    }

    [Fact]
    public async Task AKeyNameCannotEscapeItsPath()
    {
        var azure = new TestAzure();
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Vaults().GetKeyAsync(TestAzure.VaultId, "../../x", CancellationToken.None));
        Assert.Equal(AzureErrorIds.InvalidName, ex.ErrorId);
        Assert.Empty(azure.Transport.Requests);
    }
}
