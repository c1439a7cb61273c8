using System.Text.Json;
using System.Text.Json.Nodes;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public class BatchManagementClientTests
{
    private const string Uami = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami1";

    /// <summary>
    /// A pool as another tool might have sent it: pollingIntervalInS as a number in one extension, settings
    /// double-encoded as a string in another (FACTS §2 failure modes).
    /// </summary>
    private static readonly string PoolJson = """
        {
          "id": "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/Microsoft.Batch/batchAccounts/acct1/pools/pool1",
          "name": "pool1",
          "type": "Microsoft.Batch/batchAccounts/pools",
          "etag": "W/\"0x8D4EDFEBFADF4AB\"",
          "properties": {
            "provisioningState": "Succeeded",
            "allocationState": "Resizing",
            "vmSize": "Standard_D4ds_v5",
            "currentDedicatedNodes": 0,
            "currentLowPriorityNodes": 0,
            "deploymentConfiguration": {
              "virtualMachineConfiguration": {
                "imageReference": { "publisher": "canonical", "offer": "ubuntu-24_04-lts", "sku": "server", "version": "latest" },
                "nodeAgentSkuId": "batch.node.ubuntu 24.04",
                "extensions": [
                  {
                    "name": "kv",
                    "type": "KeyVaultForLinux",
                    "publisher": "Microsoft.Azure.KeyVault",
                    "typeHandlerVersion": "3.0",
                    "autoUpgradeMinorVersion": true,
                    "enableAutomaticUpgrade": true,
                    "settings": {
                      "secretsManagementSettings": { "pollingIntervalInS": 3600, "observedCertificates": [] },
                      "authenticationSettings": { "msiEndpoint": "http://169.254.169.254/metadata/identity", "msiClientId": "clientId1" }
                    }
                  },
                  {
                    "name": "kv2",
                    "type": "KeyVaultForLinux",
                    "publisher": "Microsoft.Azure.KeyVault",
                    "typeHandlerVersion": 2,
                    "settings": "{\"secretsManagementSettings\":{\"pollingIntervalInS\":\"3600\"}}",
                    "protectedSettings": {}
                  }
                ]
              }
            },
            "resizeOperationStatus": { "errors": [ { "code": "AllocationFailed", "message": "Quota exceeded." } ] }
          },
          "identity": {
            "type": "UserAssigned",
            "userAssignedIdentities": {
              "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami1": { "principalId": "principalId1", "clientId": "clientId1" }
            }
          }
        }
        """;

    [Fact]
    public async Task GetPoolKeepsTheRawResourceBesideTypedAccessors()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, PoolJson);

        var pool = await azure.Batch().GetPoolAsync(TestAzure.PoolId, CancellationToken.None);

        var request = azure.Transport.Requests.Single();
        Assert.Equal("GET", request.Method);
        Assert.Equal($"https://management.azure.com{TestAzure.PoolId}?api-version=2025-06-01", request.Uri.AbsoluteUri);

        Assert.Equal("pool1", pool.Name);
        Assert.Equal("W/\"0x8D4EDFEBFADF4AB\"", pool.ETag);
        Assert.Equal("Resizing", pool.AllocationState);
        Assert.Equal("batch.node.ubuntu 24.04", pool.NodeAgentSkuId);
        Assert.Equal("ubuntu-24_04-lts", pool.ImageOffer);
        Assert.Equal("UserAssigned", pool.Identity!.Type);
        var uami = Assert.Single(pool.Identity.UserAssignedIdentities);
        Assert.Equal(Uami, uami.ResourceId);
        Assert.Equal("clientId1", uami.ClientId);
        Assert.Equal("principalId1", uami.PrincipalId);
        Assert.Equal(new AzureErrorItem("AllocationFailed", "Quota exceeded."), Assert.Single(pool.ResizeErrors));

        Assert.Equal(2, pool.Extensions.Count);
        var kv = pool.Extensions[0];
        Assert.Equal(("kv", "KeyVaultForLinux", "Microsoft.Azure.KeyVault", "3.0"), (kv.Name, kv.Type, kv.Publisher, kv.TypeHandlerVersion));
        Assert.Equal(JsonValueKind.Object, kv.Settings!.Value.ValueKind);
        // The number is kept as sent: a compliance check can see it is not a string.
        Assert.Equal(JsonValueKind.Number, kv.Settings.Value.GetProperty("secretsManagementSettings").GetProperty("pollingIntervalInS").ValueKind);
        Assert.False(kv.HasProtectedSettings);

        var doubleEncoded = pool.Extensions[1];
        Assert.Equal(JsonValueKind.String, doubleEncoded.Settings!.Value.ValueKind);
        Assert.Null(doubleEncoded.TypeHandlerVersion);
        Assert.Equal(JsonValueKind.Number, doubleEncoded.Raw.GetProperty("typeHandlerVersion").ValueKind);
        Assert.True(doubleEncoded.HasProtectedSettings);

        // The raw resource is the whole resource as returned.
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(PoolJson).RootElement), JsonSerializer.Serialize(pool.Raw));
    }

    [Fact]
    public async Task TryGetPoolGivesNullForAMissingPool()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(404, "{\"error\":{\"code\":\"PoolNotFound\",\"message\":\"The specified pool does not exist.\"}}");
        Assert.Null(await azure.Batch().TryGetPoolAsync(TestAzure.PoolId, CancellationToken.None));
    }

    [Fact]
    public async Task CreatePoolSendsTheBodyAsGivenAndNeverOverwrites()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, PoolJson, ("ETag", "W/\"0x8D4EDFEBFADF4AB\""));
        var body = JsonNode.Parse("{\"identity\":{\"type\":\"UserAssigned\"},\"properties\":{\"vmSize\":\"Standard_D4ds_v5\",\"x\":\"3600\"}}")!.AsObject();

        var pool = await azure.Batch().CreatePoolAsync(TestAzure.PoolId, body, CancellationToken.None);

        var request = azure.Transport.Requests.Single();
        Assert.Equal("PUT", request.Method);
        Assert.Equal("*", request.Header("If-None-Match"));
        Assert.Equal(body.ToJsonString(), request.Body);
        Assert.Equal("pool1", pool.Name);
    }

    [Theory]
    [InlineData(409, "PoolExists")]
    [InlineData(412, "PreconditionFailed")]
    public async Task CreatingAnExistingPoolFailsAsResourceExists(int status, string code)
    {
        var azure = new TestAzure();
        azure.Transport.Respond(status, $"{{\"error\":{{\"code\":\"{code}\",\"message\":\"The specified pool already exists.\"}}}}", ("x-ms-request-id", "rq"));

        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Batch().CreatePoolAsync(TestAzure.PoolId, new JsonObject(), CancellationToken.None));

        Assert.Equal(ErrorKind.ResourceExists, ex.Kind);
        Assert.Equal(code, ex.AzureErrorCode);
        Assert.Equal("rq", ex.RequestId);
        Assert.Equal(TestAzure.PoolId, ex.Target);
    }

    [Fact]
    public async Task DeletePoolWaitsForTheOperation()
    {
        var azure = new TestAzure();
        var location = "https://management.azure.com" + TestAzure.AccountId + "/poolOperationResults/delete-pool1?api-version=2025-06-01";
        azure.Transport.Respond(202, null, ("Location", location), ("Retry-After", "15")).Respond(202).Respond(200);

        var outcome = await azure.Batch().DeletePoolAsync(TestAzure.PoolId, CancellationToken.None);

        Assert.Equal(DeleteOutcome.Deleted, outcome);
        Assert.Equal(3, azure.Transport.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(15), azure.Delays[0]);
    }

    [Fact]
    public async Task ListPoolsFollowsPages()
    {
        var azure = new TestAzure();
        var next = "https://management.azure.com" + TestAzure.AccountId + "/pools?api-version=2025-06-01&$skiptoken=2";
        azure.Transport
            .Respond(200, "{\"value\":[" + PoolJson + "],\"nextLink\":\"" + next + "\"}")
            .Respond(200, "{\"value\":[{\"name\":\"pool2\",\"properties\":{}}]}");

        var pools = await azure.Batch().ListPoolsAsync(TestAzure.AccountId, CancellationToken.None);

        Assert.Equal(new[] { "pool1", "pool2" }, pools.Select(p => p.Name));
        Assert.Equal($"https://management.azure.com{TestAzure.AccountId}/pools?api-version=2025-06-01", azure.Transport.Requests[0].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task GetAccountReadsEndpointIdentityAndEncryption()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, """
            {"id":"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/Microsoft.Batch/batchAccounts/acct1","name":"acct1","location":"japaneast",
             "properties":{"accountEndpoint":"acct1.japaneast.batch.azure.com","provisioningState":"Succeeded","poolAllocationMode":"BatchService",
               "encryption":{"keySource":"Microsoft.KeyVault","keyVaultProperties":{"keyIdentifier":"https://v.vault.azure.net/keys/k/1"}}},
             "identity":{"type":"SystemAssigned","principalId":"p-1","tenantId":"t-1"}}
            """);

        var account = await azure.Batch().GetAccountAsync(TestAzure.AccountId, CancellationToken.None);

        Assert.Equal("acct1.japaneast.batch.azure.com", account.AccountEndpoint);
        Assert.Equal("BatchService", account.PoolAllocationMode);
        Assert.Equal("SystemAssigned", account.Identity!.Type);
        Assert.Equal("p-1", account.Identity.PrincipalId);
        Assert.True(account.Encryption!.IsCustomerManaged);
        Assert.Equal("https://v.vault.azure.net/keys/k/1", account.Encryption.KeyIdentifier);
    }

    [Fact]
    public async Task UpdateEncryptionPatchesOnlyTheEncryption()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{\"name\":\"acct1\",\"properties\":{\"encryption\":{\"keySource\":\"Microsoft.KeyVault\",\"keyVaultProperties\":{\"keyIdentifier\":\"https://v.vault.azure.net/keys/k\"}}}}");

        var account = await azure.Batch().UpdateAccountEncryptionAsync(
            TestAzure.AccountId, AccountEncryption.CustomerManaged("https://v.vault.azure.net/keys/k"), CancellationToken.None);

        var request = azure.Transport.Requests.Single();
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("{\"properties\":{\"encryption\":{\"keySource\":\"Microsoft.KeyVault\",\"keyVaultProperties\":{\"keyIdentifier\":\"https://v.vault.azure.net/keys/k\"}}}}", request.Body);
        Assert.True(account.Encryption!.IsCustomerManaged);
    }

    [Fact]
    public async Task MicrosoftManagedEncryptionSendsNoKey()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{\"name\":\"acct1\"}");
        await azure.Batch().UpdateAccountEncryptionAsync(TestAzure.AccountId, AccountEncryption.MicrosoftManaged, CancellationToken.None);
        Assert.Equal("{\"properties\":{\"encryption\":{\"keySource\":\"Microsoft.Batch\"}}}", azure.Transport.Requests.Single().Body);
    }

    [Fact]
    public async Task ListsAccountsBySubscriptionAndResourceGroup()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{\"value\":[{\"name\":\"a\"}]}").Respond(200, "{\"value\":[{\"name\":\"b\"}]}");
        var all = await azure.Batch().ListAccountsAsync(TestAzure.Sub, CancellationToken.None);
        var inGroup = await azure.Batch().ListAccountsByResourceGroupAsync(TestAzure.Sub, "rg1", CancellationToken.None);
        Assert.Equal("a", all.Single().Name);
        Assert.Equal("b", inGroup.Single().Name);
        Assert.Equal($"https://management.azure.com/subscriptions/{TestAzure.Sub}/providers/Microsoft.Batch/batchAccounts?api-version=2025-06-01", azure.Transport.Requests[0].Uri.AbsoluteUri);
        Assert.Equal($"https://management.azure.com/subscriptions/{TestAzure.Sub}/resourceGroups/rg1/providers/Microsoft.Batch/batchAccounts?api-version=2025-06-01", azure.Transport.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task AWrongKindOfIdIsRefusedBeforeAnyCall()
    {
        var azure = new TestAzure();
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Batch().GetPoolAsync(TestAzure.AccountId, CancellationToken.None));
        Assert.Equal(AzureErrorIds.InvalidResourceId, ex.ErrorId);
        Assert.Empty(azure.Transport.Requests);
    }
}
