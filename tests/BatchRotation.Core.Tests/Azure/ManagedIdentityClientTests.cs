using BatchRotation.Core.Azure;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public class ManagedIdentityClientTests
{
    [Fact]
    public async Task ReadsPrincipalClientAndTenantIds()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, """
            {"name":"uami1","type":"Microsoft.ManagedIdentity/userAssignedIdentities","id":"/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami1",
             "location":"eastus","properties":{"clientId":"4024ab25-56a8-4370-aea6-6389221caf29","isolationScope":"None","principalId":"25cc773c-7f05-40fc-a104-32d2300754ad","tenantId":"b6c948ef-f6b5-4384-8354-da3a15eca969"}}
            """);

        var identity = await azure.Identities().GetUserAssignedIdentityAsync(TestAzure.IdentityId, CancellationToken.None);

        Assert.Equal($"https://management.azure.com{TestAzure.IdentityId}?api-version=2024-11-30", azure.Transport.Requests.Single().Uri.AbsoluteUri);
        Assert.Equal("4024ab25-56a8-4370-aea6-6389221caf29", identity.ClientId);
        Assert.Equal("25cc773c-7f05-40fc-a104-32d2300754ad", identity.PrincipalId);
        Assert.Equal("b6c948ef-f6b5-4384-8354-da3a15eca969", identity.TenantId);
        Assert.Equal("eastus", identity.Location);
    }

    [Fact]
    public async Task AMissingIdentityIsNotFound()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/uami1' under resource group 'rg1' was not found.\"}}");
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Identities().GetUserAssignedIdentityAsync(TestAzure.IdentityId, CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Equal(TestAzure.IdentityId, ex.Target);
    }

    [Fact]
    public async Task OnlyUserAssignedIdentityIdsAreAccepted()
    {
        var azure = new TestAzure();
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Identities().GetUserAssignedIdentityAsync(TestAzure.VaultId, CancellationToken.None));
        Assert.Equal(AzureErrorIds.InvalidResourceId, ex.ErrorId);
        Assert.Empty(azure.Transport.Requests);
    }
}
