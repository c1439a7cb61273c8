using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Arm;

public sealed class UserAssignedIdentityTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Version = ArmSeeder.ManagedIdentityApiVersion;

    private string IdentityPath(string group, string name) =>
        $"{emulator.ResourceGroupId(group)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}";

    private async Task<string> GroupAsync() => (await emulator.CreateResourceGroupAsync(ArmSeeder.UniqueName("rg-uami-"))).Split('/')[^1];

    [ReferenceFact]
    public async Task Create_answers_201_in_the_shape_of_the_2024_11_30_example()
    {
        var group = await GroupAsync();
        var response = await emulator.ArmAsync(RequestMethod.Put, IdentityPath(group, "pool-identity"), Version,
            new JsonObject { ["location"] = "eastus", ["tags"] = new JsonObject { ["key1"] = "value1" } });
        var body = response.AssertStatus(201);
        JsonShape.AssertCoversWithValues(
            ReferenceData.ExampleResponse("examples/msi/2024-11-30/examples/IdentityGet.json"), body,
            ["$.type", "$.location", "$.properties.isolationScope", "$.tags.key1"], "$.tags.key2");
        Assert.Equal($"/subscriptions/{emulator.SubscriptionId()}/resourcegroups/{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pool-identity", (string?)body["id"]);
        Assert.Equal(emulator.Environment.TenantId, (string?)body["properties"]!["tenantId"]);
        Assert.True(Guid.TryParse((string?)body["properties"]!["clientId"], out _));
        Assert.True(Guid.TryParse((string?)body["properties"]!["principalId"], out _));
        Assert.NotEqual((string?)body["properties"]!["clientId"], (string?)body["properties"]!["principalId"]);
    }

    [ReferenceFact]
    public async Task The_2023_01_31_version_has_no_isolation_scope()
    {
        var group = await GroupAsync();
        await emulator.CreateUserAssignedIdentityAsync(group, "old-api");
        var body = (await emulator.ArmAsync(RequestMethod.Get, IdentityPath(group, "old-api"), "2023-01-31")).AssertStatus(200);
        JsonShape.AssertCovers(ReferenceData.ExampleResponse("examples/msi/2023-01-31/examples/IdentityGet.json"), body, "$.tags.key1", "$.tags.key2");
        Assert.Null(body["properties"]!["isolationScope"]);
    }

    [Fact]
    public async Task Update_keeps_the_ids_and_changes_the_tags()
    {
        var group = await GroupAsync();
        var created = await emulator.CreateUserAssignedIdentityAsync(group, "stable");
        var again = (await emulator.ArmAsync(RequestMethod.Put, IdentityPath(group, "STABLE"), Version,
            new JsonObject { ["location"] = "westeurope", ["tags"] = new JsonObject { ["t"] = "v" } })).AssertStatus(200);
        Assert.Equal(created.ClientId, (string?)again["properties"]!["clientId"]);
        Assert.Equal(created.PrincipalId, (string?)again["properties"]!["principalId"]);
        Assert.Equal("stable", (string?)again["name"]);
        Assert.Equal("v", (string?)again["tags"]!["t"]);

        (await emulator.ArmAsync(RequestMethod.Put, IdentityPath(group, "stable"), Version, new JsonObject { ["location"] = "eastus" }))
            .AssertArmError(409, "InvalidResourceLocation", "already exists in location 'westeurope'");
    }

    [Fact]
    public async Task Create_validates_location_name_group_and_isolation_scope()
    {
        var group = await GroupAsync();
        (await emulator.ArmAsync(RequestMethod.Put, IdentityPath(group, "no-location"), Version, new JsonObject()))
            .AssertArmError(400, "LocationRequired");
        (await emulator.ArmAsync(RequestMethod.Put, IdentityPath(group, "-bad"), Version, new JsonObject { ["location"] = "westeurope" }))
            .AssertArmError(400, "InvalidResourceName");
        (await emulator.ArmAsync(RequestMethod.Put, IdentityPath("rg-that-is-not-there", "x-identity"), Version, new JsonObject { ["location"] = "westeurope" }))
            .AssertArmError(404, "ResourceGroupNotFound", "Resource group 'rg-that-is-not-there' could not be found.");
        (await emulator.ArmAsync(RequestMethod.Put, IdentityPath(group, "scoped"), Version,
                new JsonObject { ["location"] = "westeurope", ["properties"] = new JsonObject { ["isolationScope"] = "Planet" } }))
            .AssertArmError(400, "InvalidRequestContent");
        (await emulator.ArmAsync(RequestMethod.Put, IdentityPath(group, "scoped"), "2022-01-31-preview", new JsonObject { ["location"] = "westeurope" }))
            .AssertArmError(400, "NoRegisteredProviderFound", "API version '2022-01-31-preview'");
    }

    [Fact]
    public async Task Get_of_a_missing_identity_is_ResourceNotFound()
    {
        var group = await GroupAsync();
        (await emulator.ArmAsync(RequestMethod.Get, IdentityPath(group, "ghost"), Version))
            .AssertArmError(404, "ResourceNotFound", $"The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/ghost' under resource group '{group}' was not found.");
    }

    [Fact]
    public async Task Create_adds_the_service_principal_and_delete_removes_it()
    {
        var group = await GroupAsync();
        var identity = await emulator.CreateUserAssignedIdentityAsync(group, "principal-life");

        // The directory knows the principal: a role assignment without principalType finds it.
        await AssignWithoutPrincipalType(identity.PrincipalId).ContinueWith(t => t.Result.AssertStatus(201));

        (await emulator.ArmAsync(RequestMethod.Delete, IdentityPath(group, "principal-life"), Version)).AssertStatus(200);
        Assert.Equal(204, (await emulator.ArmAsync(RequestMethod.Delete, IdentityPath(group, "principal-life"), Version)).Status);
        (await AssignWithoutPrincipalType(identity.PrincipalId)).AssertArmError(400, "PrincipalNotFound", $"Principal {Guid.Parse(identity.PrincipalId):N} does not exist");
    }

    private Task<Azure.Response> AssignWithoutPrincipalType(string principalId) =>
        emulator.ArmAsync(RequestMethod.Put,
            $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.Authorization/roleAssignments/{Guid.NewGuid()}", ArmSeeder.AuthorizationApiVersion,
            new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["roleDefinitionId"] = $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.Authorization/roleDefinitions/{ArmSeeder.ReaderRole}",
                    ["principalId"] = principalId,
                },
            });

    [Fact]
    public async Task Lists_by_group_and_subscription_follow_next_links()
    {
        var group = await GroupAsync();
        var other = await GroupAsync();
        for (var i = 0; i < 7; i++) await emulator.CreateUserAssignedIdentityAsync(group, $"many-{i}");
        await emulator.CreateUserAssignedIdentityAsync(other, "elsewhere");
        await emulator.SetArmSettingsAsync(new JsonObject { ["pageSize"] = 3 });
        try
        {
            var (byGroup, groupPages) = await emulator.ListAllAsync(emulator.ArmUri($"{emulator.ResourceGroupId(group)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities", Version));
            Assert.Equal(7, byGroup.Count);
            Assert.Equal(3, groupPages);
            Assert.Equal(Enumerable.Range(0, 7).Select(i => $"many-{i}"), byGroup.Select(i => (string)i["name"]!));

            var (bySubscription, _) = await emulator.ListAllAsync(emulator.ArmUri($"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.ManagedIdentity/userAssignedIdentities", Version));
            Assert.Contains(bySubscription, i => (string?)i["name"] == "elsewhere");
            Assert.True(bySubscription.Count >= 8);
        }
        finally
        {
            await emulator.SetArmSettingsAsync(new JsonObject { ["pageSize"] = 100 });
        }
    }

    [Fact]
    public async Task Patch_updates_tags()
    {
        var group = await GroupAsync();
        await emulator.CreateUserAssignedIdentityAsync(group, "patched");
        var body = (await emulator.ArmAsync(RequestMethod.Patch, IdentityPath(group, "patched"), Version, new JsonObject { ["tags"] = new JsonObject { ["x"] = "y" } })).AssertStatus(200);
        Assert.Equal("y", (string?)body["tags"]!["x"]);
    }
}
