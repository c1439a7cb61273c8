using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Arm;

public sealed class RoleAssignmentTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Version = ArmSeeder.AuthorizationApiVersion;
    private const string DataAccessAdministrator = "8b54135c-b56d-4d72-a534-26097cfdc8d8";
    private const string KeyVaultContributor = "f25e0fa2-a7c8-4377-a976-54943a77a395";
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

    private string RoleDefinitionId(string guid) => $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.Authorization/roleDefinitions/{guid}";

    private JsonObject Body(string role, string principalId, string? principalType = "ServicePrincipal")
    {
        var properties = new JsonObject { ["roleDefinitionId"] = RoleDefinitionId(role), ["principalId"] = principalId };
        if (principalType is not null) properties["principalType"] = principalType;
        return new JsonObject { ["properties"] = properties };
    }

    private static string AssignmentPath(string scope, string name) => $"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}";

    private async Task<(string Group, SeededVault Vault, SeededIdentity Identity)> SetupAsync()
    {
        var group = (await emulator.CreateResourceGroupAsync(ArmSeeder.UniqueName("rg-ra-"))).Split('/')[^1];
        var vault = await emulator.CreateVaultAsync(group, ArmSeeder.UniqueName("kvra"), new VaultSeed { Model = VaultPermissionModel.Rbac, GrantAccess = false });
        var identity = await emulator.CreateUserAssignedIdentityAsync(group, "pool-id");
        return (group, vault, identity);
    }

    private async Task<JsonArray> ListAsync(string scope, string? filter = null) =>
        (await emulator.ArmAsync(RequestMethod.Get, $"{scope}/providers/Microsoft.Authorization/roleAssignments", Version, query: filter is null ? null : "$filter=" + Uri.EscapeDataString(filter)))
            .AssertStatus(200)["value"]!.AsArray();

    [ReferenceFact]
    public async Task Create_at_a_resource_answers_201_in_the_shape_of_the_example_and_reads_back()
    {
        var (_, vault, identity) = await SetupAsync();
        var name = Guid.NewGuid().ToString();
        var created = (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, name), Version, Body(ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId))).AssertStatus(201);
        JsonShape.AssertCoversWithValues(ReferenceData.ExampleResponse("examples/authorization/2022-04-01/examples/RoleAssignments_CreateForResource.json", "201"), created,
            ["$.type", "$.properties.principalType"], "$.properties.principalType");
        Assert.Equal(AssignmentPath(vault.Id, name), (string?)created["id"]);
        Assert.Equal(name, (string?)created["name"]);
        Assert.Equal(vault.Id, (string?)created["properties"]!["scope"]);
        Assert.Equal(identity.PrincipalId, (string?)created["properties"]!["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)created["properties"]!["principalType"]);
        Assert.EndsWith("/roleDefinitions/" + ArmSeeder.KeyVaultSecretsUserRole, (string?)created["properties"]!["roleDefinitionId"]);
        Assert.Equal(emulator.Environment.PrincipalId, (string?)created["properties"]!["createdBy"]);

        var read = (await emulator.ArmAsync(RequestMethod.Get, AssignmentPath(vault.Id, name), Version)).AssertStatus(200);
        JsonShape.AssertCovers(ReferenceData.ExampleResponse("examples/authorization/2022-04-01/examples/RoleAssignments_Get.json"), read);
        Assert.True(JsonNode.DeepEquals(created, read));
    }

    [Fact]
    public async Task The_same_grant_under_another_name_is_RoleAssignmentExists()
    {
        var (_, vault, identity) = await SetupAsync();
        var first = Guid.NewGuid();
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, first.ToString()), Version, Body(ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId))).AssertStatus(201);
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), Version, Body(ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId)))
            .AssertArmError(409, "RoleAssignmentExists", $"The role assignment already exists. The ID of the existing role assignment is {first:N}.");

        // The same PUT again is fine; the same name with another grant is not; the name is unique in the tenant.
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, first.ToString()), Version, Body(ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId))).AssertStatus(200);
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, first.ToString()), Version, Body(ArmSeeder.ReaderRole, identity.PrincipalId)))
            .AssertArmError(400, "RoleAssignmentUpdateNotPermitted", "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(emulator.ResourceGroupId(vault.ResourceGroup), first.ToString()), Version, Body(ArmSeeder.ReaderRole, identity.PrincipalId)))
            .AssertArmError(400, "HashConflictOnDifferentRoleAssignmentIds");
        // Another role for the same principal at the same scope is a different grant.
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), Version, Body(ArmSeeder.ReaderRole, identity.PrincipalId))).AssertStatus(201);
    }

    [Fact]
    public async Task Malformed_requests_get_the_real_errors()
    {
        var (group, vault, identity) = await SetupAsync();
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, "not-a-guid"), Version, Body(ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId)))
            .AssertArmError(400, "InvalidRoleAssignmentId", "The role assignment ID 'not-a-guid' is not valid. The role assignment ID must be a GUID.");
        var unknownRole = Guid.NewGuid().ToString();
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), Version, Body(unknownRole, identity.PrincipalId)))
            .AssertArmError(400, "RoleDefinitionDoesNotExist", $"The specified role definition with ID '{unknownRole}' does not exist.");
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), Version, Body(ArmSeeder.ReaderRole, "my-identity")))
            .AssertArmError(400, "InvalidPrincipalId", "The Principal ID 'my-identity' is not valid. Principal ID must be a GUID.");
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), Version, Body(ArmSeeder.ReaderRole, identity.PrincipalId, "Robot")))
            .AssertArmError(400, "InvalidRequestContent", "PrincipalType");
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), Version, Body(ArmSeeder.ReaderRole, identity.PrincipalId, "User")))
            .AssertArmError(400, "UnmatchedPrincipalType", "has type 'ServicePrincipal'");
        var wrongScope = Body(ArmSeeder.ReaderRole, identity.PrincipalId);
        wrongScope["properties"]!["scope"] = emulator.ResourceGroupId(group);
        var name = Guid.NewGuid().ToString();
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, name), Version, wrongScope))
            .AssertArmError(400, "InvalidCreateRoleAssignmentRequest", $"The request to create role assignment '{name}' is not valid. Role assignment scope '{emulator.ResourceGroupId(group)}' must match the scope specified on the URI '{vault.Id}'.");
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), "2015-07-01", Body(ArmSeeder.ReaderRole, identity.PrincipalId)))
            .AssertArmError(400, "NoRegisteredProviderFound");
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(emulator.ResourceGroupId("rg-not-there"), Guid.NewGuid().ToString()), Version, Body(ArmSeeder.ReaderRole, identity.PrincipalId)))
            .AssertArmError(404, "ResourceGroupNotFound");
    }

    [Fact]
    public async Task An_unknown_principal_is_PrincipalNotFound_unless_principalType_skips_the_lookup()
    {
        var (_, vault, _) = await SetupAsync();
        var stranger = Guid.NewGuid();
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), Version, Body(ArmSeeder.KeyVaultSecretsUserRole, stranger.ToString(), principalType: null)))
            .AssertArmError(400, "PrincipalNotFound", $"Principal {stranger:N} does not exist in the directory {emulator.Environment.TenantId}. Check that you have the correct principal ID.");
        // As in Azure (replication delay), principalType makes ARM accept any GUID; the assignment then grants nobody.
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), Version, Body(ArmSeeder.KeyVaultSecretsUserRole, stranger.ToString()))).AssertStatus(201);
    }

    [Fact]
    public async Task Delete_answers_200_with_the_body_then_204()
    {
        var (_, vault, identity) = await SetupAsync();
        var id = await emulator.AssignRoleAsync(vault.Id, ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId);
        var deleted = (await emulator.ArmAsync(RequestMethod.Delete, id, Version)).AssertStatus(200);
        Assert.Equal(id, (string?)deleted["id"]);
        Assert.Equal(204, (await emulator.ArmAsync(RequestMethod.Delete, id, Version)).Status);
        (await emulator.ArmAsync(RequestMethod.Get, id, Version)).AssertArmError(404, "RoleAssignmentNotFound");
    }

    [Fact]
    public async Task Lists_follow_atScope_principal_and_unfiltered_semantics()
    {
        var (group, vault, identity) = await SetupAsync();
        var groupScope = emulator.ResourceGroupId(group);
        var secretScope = vault.Id + "/secrets/pool-cert";
        var atGroup = await emulator.AssignRoleAsync(groupScope, ArmSeeder.ReaderRole, identity.PrincipalId);
        var atVault = await emulator.AssignRoleAsync(vault.Id, ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId);
        var atSecret = await emulator.AssignRoleAsync(secretScope, ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId);
        var (other, _) = await emulator.PrincipalPipelineAsync();
        var otherAtVault = await emulator.AssignRoleAsync(vault.Id, ArmSeeder.ReaderRole, other.PrincipalId);

        static string[] Ids(JsonArray items) => items.Select(i => (string)i!["id"]!).ToArray();

        var atScope = Ids(await ListAsync(vault.Id, "atScope()"));
        Assert.Contains(atGroup, atScope);
        Assert.Contains(atVault, atScope);
        Assert.Contains(otherAtVault, atScope);
        Assert.DoesNotContain(atSecret, atScope);
        Assert.Contains(atScope, id => id.StartsWith($"/subscriptions/{emulator.SubscriptionId()}/providers/", StringComparison.Ordinal));

        var unfiltered = Ids(await ListAsync(vault.Id));
        Assert.Contains(atSecret, unfiltered);
        Assert.Contains(atGroup, unfiltered);

        var mine = Ids(await ListAsync(groupScope, $"principalId eq '{identity.PrincipalId}'"));
        Assert.Equal([atGroup, atVault, atSecret], mine);
        var assignedTo = Ids(await ListAsync(vault.Id, $"atScope() and assignedTo('{identity.PrincipalId}')"));
        Assert.Equal([atGroup, atVault], assignedTo);

        (await emulator.ArmAsync(RequestMethod.Get, $"{vault.Id}/providers/Microsoft.Authorization/roleAssignments", Version, query: "$filter=roleName eq 'x'"))
            .AssertArmError(400, "UnsupportedQuery");
    }

    [Fact]
    public async Task Lists_page_with_next_link()
    {
        var (group, _, _) = await SetupAsync();
        var scope = emulator.ResourceGroupId(group);
        for (var i = 0; i < 5; i++)
        {
            var (p, _) = await emulator.PrincipalPipelineAsync();
            await emulator.AssignRoleAsync(scope, ArmSeeder.ReaderRole, p.PrincipalId);
        }
        await emulator.SetArmSettingsAsync(new JsonObject { ["pageSize"] = 2 });
        try
        {
            var (items, pages) = await emulator.ListAllAsync(emulator.ArmUri($"{scope}/providers/Microsoft.Authorization/roleAssignments", Version));
            Assert.True(pages >= 3);
            Assert.Equal(items.Count, items.Select(i => (string)i["id"]!).Distinct().Count());
            Assert.Equal(5, items.Count(i => (string?)i["properties"]!["scope"] == scope));
        }
        finally
        {
            await emulator.SetArmSettingsAsync(new JsonObject { ["pageSize"] = 100 });
        }
    }

    [Fact]
    public async Task A_principal_without_roles_may_neither_read_nor_assign()
    {
        var (_, vault, identity) = await SetupAsync();
        var (principal, pipeline) = await emulator.PrincipalPipelineAsync("no roles");
        var path = AssignmentPath(vault.Id, Guid.NewGuid().ToString());
        (await emulator.ArmAsync(RequestMethod.Put, path, Version, Body(ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId), pipeline))
            .AssertArmError(403, "AuthorizationFailed",
                $"The client '{principal.ClientId}' with object id '{principal.PrincipalId}' does not have authorization or an ABAC condition not fulfilled to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '{path}' or the scope is invalid.");
        (await emulator.ArmAsync(RequestMethod.Get, $"{vault.Id}/providers/Microsoft.Authorization/roleAssignments", Version, pipeline: pipeline))
            .AssertArmError(403, "AuthorizationFailed", "'Microsoft.Authorization/roleAssignments/read'");

        // Key Vault Contributor manages vaults but cannot assign roles.
        await emulator.AssignRoleAsync(vault.Id, KeyVaultContributor, principal.PrincipalId);
        (await emulator.ArmAsync(RequestMethod.Put, path, Version, Body(ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId), pipeline))
            .AssertArmError(403, "AuthorizationFailed", "'Microsoft.Authorization/roleAssignments/write'");
    }

    [Fact]
    public async Task A_Key_Vault_Data_Access_Administrator_may_assign_only_Key_Vault_data_roles()
    {
        var (_, vault, identity) = await SetupAsync();
        var (principal, pipeline) = await emulator.PrincipalPipelineAsync("data access admin");
        await emulator.AssignRoleAsync(vault.Id, DataAccessAdministrator, principal.PrincipalId);

        var granted = await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), Version, Body(ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId), pipeline);
        var grant = granted.AssertStatus(201);
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), Version, Body(ArmSeeder.KeyVaultCryptoServiceEncryptionUserRole, identity.PrincipalId), pipeline)).AssertStatus(201);
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), Version, Body(ArmSeeder.OwnerRole, identity.PrincipalId), pipeline))
            .AssertArmError(403, "AuthorizationFailed", "does not have authorization or an ABAC condition not fulfilled to perform action 'Microsoft.Authorization/roleAssignments/write'");
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(vault.Id, Guid.NewGuid().ToString()), Version, Body(UserAccessAdministrator, identity.PrincipalId), pipeline))
            .AssertArmError(403, "AuthorizationFailed");
        // Outside the vault it has no right at all.
        (await emulator.ArmAsync(RequestMethod.Put, AssignmentPath(emulator.ResourceGroupId(vault.ResourceGroup), Guid.NewGuid().ToString()), Version, Body(ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId), pipeline))
            .AssertArmError(403, "AuthorizationFailed");
        (await emulator.ArmAsync(RequestMethod.Delete, (string)grant["id"]!, Version, pipeline: pipeline)).AssertStatus(200);
    }

    [Fact]
    public async Task An_assignment_grants_its_actions_at_once_and_goes_with_its_resource()
    {
        var (group, vault, identity) = await SetupAsync();
        var (principal, pipeline) = await emulator.PrincipalPipelineAsync("becomes reader");
        (await emulator.ArmAsync(RequestMethod.Get, emulator.ResourceGroupId(group), ArmSeeder.ResourcesApiVersion, pipeline: pipeline)).AssertArmError(403, "AuthorizationFailed");
        await emulator.AssignRoleAsync(emulator.ResourceGroupId(group), ArmSeeder.ReaderRole, principal.PrincipalId);
        (await emulator.ArmAsync(RequestMethod.Get, emulator.ResourceGroupId(group), ArmSeeder.ResourcesApiVersion, pipeline: pipeline)).AssertStatus(200);

        var atSecret = await emulator.AssignRoleAsync(vault.Id + "/secrets/cert", ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId);
        var atVault = await emulator.AssignRoleAsync(vault.Id, ArmSeeder.KeyVaultSecretsUserRole, identity.PrincipalId);
        (await emulator.ArmAsync(RequestMethod.Delete, vault.Id, ArmSeeder.KeyVaultApiVersion)).AssertStatus(200);
        (await emulator.ArmAsync(RequestMethod.Get, atVault, Version)).AssertArmError(404, "RoleAssignmentNotFound");
        (await emulator.ArmAsync(RequestMethod.Get, atSecret, Version)).AssertArmError(404, "RoleAssignmentNotFound");
    }
}
