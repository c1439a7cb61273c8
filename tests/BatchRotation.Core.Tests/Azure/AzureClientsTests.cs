using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public class AzureClientsTests
{
    [Fact]
    public async Task ClientsOfACustomCloudCallItsEndpointsWithItsAudiencesAndOneTransport()
    {
        var cloud = AzureCloud.CreateCustom(
            "Emu", new Uri("https://127.0.0.1:47443/"), new Uri("https://127.0.0.1:47443/"),
            "https://management.azure.com/", "https://vault.azure.net", "vault.azure.net", "https://batch.core.windows.net/");
        var transport = new FakeTransport();
        var credential = new FakeCredential();
        var context = new BatchRotationContext(cloud, "t", "s", credential, SignInMethod.EnvironmentFile, "test", transport, null, new Redactor(new[] { "emu-secret" }));
        var verbose = new List<string>();
        var clients = AzureClients.Create(context, verbose.Add);
        transport
            .Respond(200, "{\"name\":\"uami1\",\"properties\":{\"clientId\":\"c\"}}")
            .Respond(200, "{\"id\":\"https://127.0.0.1:47443/keyvault/v1/certificates/c1/abc\"}")
            .Respond(200, "{\"value\":[]}");

        await clients.ManagedIdentities.GetUserAssignedIdentityAsync(TestAzure.IdentityId, CancellationToken.None);
        await clients.Certificates.GetCertificateAsync(new Uri("https://127.0.0.1:47443/keyvault/v1/"), "c1", CancellationToken.None);
        await clients.BatchNodes.ListNodesAsync("127.0.0.1:47443/batch/acct1", "pool1", CancellationToken.None);

        Assert.Equal(
            new[]
            {
                $"https://127.0.0.1:47443{TestAzure.IdentityId}?api-version=2024-11-30",
                "https://127.0.0.1:47443/keyvault/v1/certificates/c1?api-version=7.6",
                "https://127.0.0.1:47443/batch/acct1/pools/pool1/nodes?api-version=2025-06-01.21.0",
            },
            transport.Requests.Select(r => r.Uri.AbsoluteUri));
        Assert.Equal(
            new[] { "https://management.azure.com//.default", "https://vault.azure.net/.default", "https://batch.core.windows.net//.default" },
            credential.Scopes.Distinct());
        Assert.Equal(3, verbose.Count);
        Assert.StartsWith("Azure Resource Manager: GET https://127.0.0.1:47443/subscriptions/", verbose[0]);
        Assert.StartsWith("Key Vault: GET", verbose[1]);
        Assert.StartsWith("The Batch service: GET", verbose[2]);
    }
}
