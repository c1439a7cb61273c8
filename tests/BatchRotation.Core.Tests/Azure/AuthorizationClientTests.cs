using System.Text.Json;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public class AuthorizationClientTests
{
    private const string Principal = "ce2ce14e-85d7-4629-bdbc-454d0519d987";
    private const string SecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private static readonly Guid NewName = Guid.Parse("05c5a614-a7d6-4502-b150-c2fb455033ff");

    private static string Assignment(string scope, string name) => JsonSerializer.Serialize(new
    {
        id = scope + "/providers/Microsoft.Authorization/roleAssignments/" + name,
        name,
        type = "Microsoft.Authorization/roleAssignments",
        properties = new
        {
            roleDefinitionId = "/providers/Microsoft.Authorization/roleDefinitions/" + SecretsUser,
            principalId = Principal,
            principalType = "ServicePrincipal",
            scope,
        },
    });

    [Fact]
    public async Task ListForAPrincipalFiltersByPrincipalAndKeepsInheritedAssignments()
    {
        var azure = new TestAzure();
        var sub = "/subscriptions/" + TestAzure.Sub;
        azure.Transport.Respond(200, "{\"value\":[" + Assignment(sub, "a1") + "," + Assignment(TestAzure.VaultId, "a2") + "]}");

        var list = await azure.Authorization().ListRoleAssignmentsAsync(TestAzure.VaultId, Principal.ToUpperInvariant(), CancellationToken.None);

        Assert.Equal(
            $"https://management.azure.com{TestAzure.VaultId}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=principalId%20eq%20%27{Principal}%27",
            azure.Transport.Requests.Single().Uri.AbsoluteUri);
        Assert.Equal(new[] { sub, TestAzure.VaultId }, list.Select(a => a.Scope));
        Assert.All(list, a => Assert.Equal("ServicePrincipal", a.PrincipalType));
    }

    [Fact]
    public async Task ListWithoutAPrincipalAsksForEverythingAtOrAboveTheScope()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{\"value\":[]}");
        await azure.Authorization().ListRoleAssignmentsAsync(TestAzure.VaultId, null, CancellationToken.None);
        Assert.EndsWith("roleAssignments?api-version=2022-04-01&$filter=atScope%28%29", azure.Transport.Requests.Single().Uri.AbsoluteUri);
    }

    [Fact]
    public async Task APrincipalIdThatIsNotAGuidCannotReachTheFilter()
    {
        var azure = new TestAzure();
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() =>
            azure.Authorization().ListRoleAssignmentsAsync(TestAzure.VaultId, "x' or 1 eq 1 or principalId eq 'y", CancellationToken.None));
        Assert.Equal(AzureErrorIds.InvalidName, ex.ErrorId);
        Assert.Empty(azure.Transport.Requests);
    }

    [Fact]
    public async Task CreatePutsANewlyNamedAssignmentWithTheRoleFromTheScopesSubscription()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(201, Assignment(TestAzure.VaultId, NewName.ToString()));

        var result = await azure.Authorization(() => NewName).CreateRoleAssignmentAsync(
            TestAzure.VaultId, SecretsUser, Principal, "ServicePrincipal", CancellationToken.None);

        var request = azure.Transport.Requests.Single();
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"https://management.azure.com{TestAzure.VaultId}/providers/Microsoft.Authorization/roleAssignments/{NewName}?api-version=2022-04-01", request.Uri.AbsoluteUri);
        Assert.Equal(
            $"{{\"properties\":{{\"roleDefinitionId\":\"/subscriptions/{TestAzure.Sub}/providers/Microsoft.Authorization/roleDefinitions/{SecretsUser}\",\"principalId\":\"{Principal}\",\"principalType\":\"ServicePrincipal\"}}}}",
            request.Body);
        Assert.Equal(RoleAssignmentOutcome.Created, result.Outcome);
        Assert.Equal(NewName.ToString(), result.Assignment!.Name);
    }

    [Fact]
    public async Task CreateUsesANewGuidEachTime()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(201, Assignment(TestAzure.VaultId, "x")).Respond(201, Assignment(TestAzure.VaultId, "y"));
        var client = azure.Authorization();
        await client.CreateRoleAssignmentAsync(TestAzure.VaultId, SecretsUser, Principal, "ServicePrincipal", CancellationToken.None);
        await client.CreateRoleAssignmentAsync(TestAzure.VaultId, SecretsUser, Principal, "ServicePrincipal", CancellationToken.None);
        var names = azure.Transport.Requests.Select(r => r.Uri.AbsolutePath.Split('/').Last()).ToList();
        Assert.All(names, n => Assert.True(Guid.TryParse(n, out _)));
        Assert.NotEqual(names[0], names[1]);
    }

    [Fact]
    public async Task AnExistingAssignmentIsAResultNotAFailure()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(409, "{\"error\":{\"code\":\"RoleAssignmentExists\",\"message\":\"The role assignment already exists.\"}}");
        var result = await azure.Authorization().CreateRoleAssignmentAsync(
            TestAzure.VaultId, "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/" + SecretsUser, Principal, "ServicePrincipal", CancellationToken.None);
        Assert.Equal(RoleAssignmentOutcome.AlreadyExists, result.Outcome);
        Assert.Null(result.Assignment);
        Assert.Contains("/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/" + SecretsUser, azure.Transport.Requests.Single().Body);
    }

    [Fact]
    public async Task OtherConflictsAndDenialsStillFail()
    {
        var azure = new TestAzure();
        azure.Transport
            .Respond(409, "{\"error\":{\"code\":\"RoleAssignmentUpdateNotPermitted\",\"message\":\"Tenant ID, application ID, principal ID, and scope are not allowed to be updated.\"}}")
            .Respond(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no roleAssignments/write\"}}");
        var client = azure.Authorization();
        var conflict = await Assert.ThrowsAsync<BatchRotationException>(() => client.CreateRoleAssignmentAsync(TestAzure.VaultId, SecretsUser, Principal, "ServicePrincipal", CancellationToken.None));
        Assert.Equal(ErrorKind.InvalidOperation, conflict.Kind);
        var denied = await Assert.ThrowsAsync<BatchRotationException>(() => client.CreateRoleAssignmentAsync(TestAzure.VaultId, SecretsUser, Principal, "ServicePrincipal", CancellationToken.None));
        Assert.Equal(ErrorKind.PermissionDenied, denied.Kind);
    }

    [Theory]
    [InlineData("Key Vault Secrets User")]
    [InlineData("/providers/Microsoft.Authorization/roleAssignments/4633458b-17de-408a-b874-0445c86b69e6")]
    public async Task ARoleMustBeARoleDefinitionIdOrGuid(string role)
    {
        var azure = new TestAzure();
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() =>
            azure.Authorization().CreateRoleAssignmentAsync(TestAzure.VaultId, role, Principal, "ServicePrincipal", CancellationToken.None));
        Assert.Equal(AzureErrorIds.InvalidResourceId, ex.ErrorId);
        Assert.Empty(azure.Transport.Requests);
    }

    [Fact]
    public async Task DeleteTakesAFullAssignmentId()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, Assignment(TestAzure.VaultId, "a")).Respond(204);
        var id = TestAzure.VaultId + "/providers/Microsoft.Authorization/roleAssignments/" + NewName;
        Assert.Equal(DeleteOutcome.Deleted, await azure.Authorization().DeleteRoleAssignmentAsync(id, CancellationToken.None));
        Assert.Equal(DeleteOutcome.AlreadyAbsent, await azure.Authorization().DeleteRoleAssignmentAsync(id, CancellationToken.None));
        Assert.Equal("DELETE", azure.Transport.Requests[0].Method);
        Assert.Equal($"https://management.azure.com{id}?api-version=2022-04-01", azure.Transport.Requests[0].Uri.AbsoluteUri);

        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Authorization().DeleteRoleAssignmentAsync(TestAzure.VaultId, CancellationToken.None));
        Assert.Equal(AzureErrorIds.InvalidResourceId, ex.ErrorId);
    }

    [Fact]
    public async Task RoleDefinitionsByGuidAndByName()
    {
        var azure = new TestAzure();
        var definition = """
            {"id":"/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6","name":"4633458b-17de-408a-b874-0445c86b69e6",
             "properties":{"roleName":"Key Vault Secrets User","type":"BuiltInRole","permissions":[{"actions":[],"notActions":[],
               "dataActions":["Microsoft.KeyVault/vaults/secrets/getSecret/action","Microsoft.KeyVault/vaults/secrets/readMetadata/action"],"notDataActions":[]}],"assignableScopes":["/"]}}
            """;
        azure.Transport.Respond(200, definition).Respond(200, "{\"value\":[" + definition + "]}");
        var client = azure.Authorization();

        var byGuid = await client.GetRoleDefinitionAsync(TestAzure.VaultId, SecretsUser, CancellationToken.None);
        var byName = await client.ListRoleDefinitionsAsync(TestAzure.VaultId, "Key Vault Secrets User", CancellationToken.None);

        Assert.Equal("Key Vault Secrets User", byGuid.RoleName);
        Assert.Equal("BuiltInRole", byGuid.RoleType);
        Assert.Contains("Microsoft.KeyVault/vaults/secrets/getSecret/action", byGuid.Permissions.Single().DataActions);
        Assert.Equal(new[] { "/" }, byGuid.AssignableScopes);
        Assert.Single(byName);
        Assert.Equal($"https://management.azure.com{TestAzure.VaultId}/providers/Microsoft.Authorization/roleDefinitions/{SecretsUser}?api-version=2022-04-01", azure.Transport.Requests[0].Uri.AbsoluteUri);
        Assert.EndsWith("roleDefinitions?api-version=2022-04-01&$filter=roleName%20eq%20%27Key%20Vault%20Secrets%20User%27", azure.Transport.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task QuotesInARoleNameAreEscaped()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{\"value\":[]}");
        await azure.Authorization().ListRoleDefinitionsAsync("/subscriptions/s", "O'Brien's role", CancellationToken.None);
        Assert.EndsWith("$filter=roleName%20eq%20%27O%27%27Brien%27%27s%20role%27", azure.Transport.Requests.Single().Uri.AbsoluteUri);
    }
}
