using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Arm;

public sealed class ResourceGroupTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Version = ArmSeeder.ResourcesApiVersion;

    private string GroupPath(string name) => emulator.ResourceGroupId(name);

    [Fact]
    public async Task Put_creates_with_201_then_updates_with_200_in_ARMs_shape()
    {
        var name = ArmSeeder.UniqueName("rg-Create-");
        var created = await emulator.ArmAsync(RequestMethod.Put, GroupPath(name), Version, new JsonObject { ["location"] = "West Europe", ["tags"] = new JsonObject { ["env"] = "test" } });
        var body = created.AssertStatus(201);
        Assert.Equal($"/subscriptions/{emulator.SubscriptionId()}/resourceGroups/{name}", (string?)body["id"]);
        Assert.Equal(name, (string?)body["name"]);
        Assert.Equal("Microsoft.Resources/resourceGroups", (string?)body["type"]);
        Assert.Equal("westeurope", (string?)body["location"]);
        Assert.Equal("test", (string?)body["tags"]!["env"]);
        Assert.Equal("Succeeded", (string?)body["properties"]!["provisioningState"]);

        var updated = await emulator.ArmAsync(RequestMethod.Put, GroupPath(name.ToUpperInvariant()), Version, new JsonObject { ["location"] = "westeurope" });
        var updatedBody = updated.AssertStatus(200);
        Assert.Equal(name, (string?)updatedBody["name"]);
        Assert.Null(updatedBody["tags"]);

        var read = (await emulator.ArmAsync(RequestMethod.Get, GroupPath(name.ToLowerInvariant()), Version)).AssertStatus(200);
        Assert.Equal($"/subscriptions/{emulator.SubscriptionId()}/resourceGroups/{name}", (string?)read["id"]);
    }

    [Fact]
    public async Task Head_answers_204_or_404()
    {
        var name = await emulator.CreateResourceGroupAsync(ArmSeeder.UniqueName("rg-head-")).ContinueWith(t => t.Result.Split('/')[^1]);
        Assert.Equal(204, (await emulator.ArmAsync(RequestMethod.Head, GroupPath(name), Version)).Status);
        Assert.Equal(404, (await emulator.ArmAsync(RequestMethod.Head, GroupPath(name + "-absent"), Version)).Status);
    }

    [Fact]
    public async Task Missing_group_is_ResourceGroupNotFound()
    {
        var response = await emulator.ArmAsync(RequestMethod.Get, GroupPath("no-such-group"), Version);
        response.AssertArmError(404, "ResourceGroupNotFound", "Resource group 'no-such-group' could not be found.");
    }

    [Fact]
    public async Task Location_is_required_known_and_cannot_change()
    {
        var name = ArmSeeder.UniqueName("rg-loc-");
        (await emulator.ArmAsync(RequestMethod.Put, GroupPath(name), Version, new JsonObject()))
            .AssertArmError(400, "LocationRequired", "The location property is required for this definition.");
        (await emulator.ArmAsync(RequestMethod.Put, GroupPath(name), Version, new JsonObject { ["location"] = "mars" }))
            .AssertArmError(400, "LocationNotAvailableForResourceGroup", "The provided location 'mars' is not available for resource group.");
        await emulator.CreateResourceGroupAsync(name, "westeurope");
        (await emulator.ArmAsync(RequestMethod.Put, GroupPath(name), Version, new JsonObject { ["location"] = "eastus" }))
            .AssertArmError(409, "InvalidResourceGroupLocation", "Invalid resource group location 'eastus'. The Resource group already exists in location 'westeurope'.");
    }

    [Fact]
    public async Task Malformed_json_and_wrong_types_are_InvalidRequestContent()
    {
        var name = ArmSeeder.UniqueName("rg-bad-");
        (await emulator.ArmRawAsync(RequestMethod.Put, GroupPath(name), Version, "{\"location\": westeurope}"))
            .AssertArmError(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized: 'Unexpected character encountered while parsing value: w.");
        (await emulator.ArmRawAsync(RequestMethod.Put, GroupPath(name), Version, "{\"location\": \"westeurope\""))
            .AssertArmError(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized: 'Unexpected end when deserializing object.");
        (await emulator.ArmRawAsync(RequestMethod.Put, GroupPath(name), Version, "{\"location\": \"westeurope\", \"location\": \"eastus\"}"))
            .AssertArmError(400, "InvalidRequestContent", "Can not add property location to Newtonsoft.Json.Linq.JObject.");
        (await emulator.ArmRawAsync(RequestMethod.Put, GroupPath(name), Version, "[1,2]"))
            .AssertArmError(400, "InvalidRequestContent", "Cannot deserialize the current JSON array");

        (await emulator.ArmAsync(RequestMethod.Put, GroupPath(name), Version, new JsonObject { ["location"] = "westeurope", ["tags"] = new JsonArray("a") }))
            .AssertArmError(400, "InvalidRequestContent");
    }

    [Fact]
    public async Task Invalid_names_are_refused()
    {
        (await emulator.ArmAsync(RequestMethod.Put, GroupPath("bad name"), Version, new JsonObject { ["location"] = "westeurope" }))
            .AssertArmError(400, "InvalidResourceGroup", "has these invalid characters: ' '");
        (await emulator.ArmAsync(RequestMethod.Put, GroupPath("ends-with-dot."), Version, new JsonObject { ["location"] = "westeurope" }))
            .AssertArmError(400, "InvalidResourceGroup");
    }

    [Fact]
    public async Task Api_version_is_required_and_checked()
    {
        var missing = await emulator.ArmPipeline().SendAsync(RequestMethod.Get, new Uri(emulator.Endpoint, $"subscriptions/{emulator.SubscriptionId()}/resourcegroups"));
        missing.AssertArmError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        var wrong = await emulator.ArmAsync(RequestMethod.Get, $"/subscriptions/{emulator.SubscriptionId()}/resourcegroups", "2099-01-01");
        wrong.AssertArmError(400, "InvalidApiVersionParameter", "The api-version '2099-01-01' is invalid. The supported versions are '");
    }

    [Fact]
    public async Task List_pages_with_top_and_next_link()
    {
        var prefix = ArmSeeder.UniqueName("rg-page-");
        for (var i = 0; i < 5; i++) await emulator.CreateResourceGroupAsync($"{prefix}-{i}");

        var (items, pages) = await emulator.ListAllAsync(emulator.ArmUri($"/subscriptions/{emulator.SubscriptionId()}/resourcegroups", Version, "$top=2"));
        var mine = items.Select(i => (string)i["name"]!).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(5, mine.Count);
        Assert.Equal(mine.Count, mine.Distinct().Count());
        Assert.True(pages >= 3, $"Expected at least 3 pages of 2, got {pages}.");
        Assert.Equal(items.Count, items.Select(i => (string)i["id"]!).Distinct().Count());
    }

    [Fact]
    public async Task Delete_is_asynchronous_removes_everything_below_and_then_the_group()
    {
        var name = ArmSeeder.UniqueName("rg-del-");
        await emulator.CreateResourceGroupAsync(name);
        var identity = await emulator.CreateUserAssignedIdentityAsync(name, "id-del");
        var vault = await emulator.CreateVaultAsync(name, ArmSeeder.UniqueName("kvdel"));

        var deleting = await emulator.ArmAsync(RequestMethod.Delete, GroupPath(name), Version);
        deleting.AssertStatus(202);
        var location = new Uri(deleting.Header("Location"));
        Assert.StartsWith(emulator.Endpoint.ToString(), location.ToString());
        Assert.True(int.Parse(deleting.Header("Retry-After"), System.Globalization.CultureInfo.InvariantCulture) >= 1);

        // The resources are gone at once; the group itself says Deleting and refuses writes.
        Assert.Null(await emulator.GetResourceAsync(identity.Id, ArmSeeder.ManagedIdentityApiVersion));
        Assert.Null(await emulator.GetResourceAsync(vault.Id, ArmSeeder.KeyVaultApiVersion));
        var group = (await emulator.ArmAsync(RequestMethod.Get, GroupPath(name), Version)).AssertStatus(200);
        Assert.Equal("Deleting", (string?)group["properties"]!["provisioningState"]);
        (await emulator.ArmAsync(RequestMethod.Put, $"{GroupPath(name)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/late", ArmSeeder.ManagedIdentityApiVersion, new JsonObject { ["location"] = "westeurope" }))
            .AssertArmError(409, "ResourceGroupBeingDeleted", $"The resource group '{name}' is in deprovisioning state and cannot perform this operation.");

        var pipeline = emulator.ArmPipeline();
        Assert.Equal(202, (await pipeline.SendAsync(RequestMethod.Get, location)).Status);
        await emulator.ControlAsync(HttpMethod.Post, "clock", new JsonObject { ["advanceSeconds"] = 60 });
        var done = await pipeline.SendAsync(RequestMethod.Get, location);
        Assert.Equal(200, done.Status);
        (await emulator.ArmAsync(RequestMethod.Get, GroupPath(name), Version)).AssertArmError(404, "ResourceGroupNotFound");

        // The vault was soft-deleted with the group.
        var deleted = await emulator.ArmAsync(RequestMethod.Get, $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/{vault.Name}", ArmSeeder.KeyVaultApiVersion);
        Assert.Equal(vault.Id, (string?)deleted.AssertStatus(200)["properties"]!["vaultId"]);
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_before_the_handler()
    {
        var response = await emulator.Http.GetAsync($"subscriptions/{emulator.SubscriptionId()}/resourcegroups?api-version={Version}");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("AuthenticationFailed", (string?)body["error"]!["code"]);
        Assert.True(response.Headers.Contains("x-ms-request-id"));
    }

    [Fact]
    public async Task Delete_of_an_absent_group_is_404()
    {
        (await emulator.ArmAsync(RequestMethod.Delete, GroupPath("never-was-here"), Version)).AssertArmError(404, "ResourceGroupNotFound");
    }

    [Fact]
    public async Task Patch_replaces_tags_only()
    {
        var name = ArmSeeder.UniqueName("rg-patch-");
        await emulator.ArmAsync(RequestMethod.Put, GroupPath(name), Version, new JsonObject { ["location"] = "westeurope", ["tags"] = new JsonObject { ["a"] = "1" } });
        var patched = (await emulator.ArmAsync(RequestMethod.Patch, GroupPath(name), Version, new JsonObject { ["tags"] = new JsonObject { ["b"] = "2" } })).AssertStatus(200);
        Assert.Null(patched["tags"]!["a"]);
        Assert.Equal("2", (string?)patched["tags"]!["b"]);
        Assert.Equal("westeurope", (string?)patched["location"]);
    }

    [Fact]
    public async Task A_principal_without_roles_gets_AuthorizationFailed_and_an_empty_list()
    {
        var (principal, pipeline) = await emulator.PrincipalPipelineAsync();
        var path = GroupPath(ArmSeeder.UniqueName("rg-noauth-"));
        var refused = await emulator.ArmAsync(RequestMethod.Put, path, Version, new JsonObject { ["location"] = "westeurope" }, pipeline);
        refused.AssertArmError(403, "AuthorizationFailed",
            $"The client '{principal.ClientId}' with object id '{principal.PrincipalId}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourceGroups/write' over scope '{path}' or the scope is invalid. If access was recently granted, please refresh your credentials.");

        await emulator.CreateResourceGroupAsync(ArmSeeder.UniqueName("rg-hidden-"));
        var list = (await emulator.ArmAsync(RequestMethod.Get, $"/subscriptions/{emulator.SubscriptionId()}/resourcegroups", Version, pipeline: pipeline)).AssertStatus(200);
        Assert.Empty(list["value"]!.AsArray());
    }

    [Fact]
    public async Task Subscriptions_are_listed_for_callers_with_a_role_in_them()
    {
        var one = (await emulator.ArmAsync(RequestMethod.Get, $"/subscriptions/{emulator.SubscriptionId()}", "2022-12-01")).AssertStatus(200);
        Assert.Equal($"/subscriptions/{emulator.SubscriptionId()}", (string?)one["id"]);
        Assert.Equal(emulator.SubscriptionId(), (string?)one["subscriptionId"]);
        Assert.Equal(emulator.Environment.TenantId, (string?)one["tenantId"]);
        Assert.Equal("Enabled", (string?)one["state"]);

        var all = (await emulator.ArmPipeline().SendAsync(RequestMethod.Get, new Uri(emulator.Endpoint, "subscriptions?api-version=2022-12-01"))).AssertStatus(200);
        Assert.Contains(all["value"]!.AsArray(), s => (string?)s!["subscriptionId"] == emulator.SubscriptionId());
        Assert.Equal("Total", (string?)all["count"]!["type"]);

        var (_, pipeline) = await emulator.PrincipalPipelineAsync();
        var none = (await pipeline.SendAsync(RequestMethod.Get, new Uri(emulator.Endpoint, "subscriptions?api-version=2022-12-01"))).AssertStatus(200);
        Assert.Empty(none["value"]!.AsArray());

        (await emulator.ArmAsync(RequestMethod.Get, $"/subscriptions/{Guid.NewGuid()}", "2022-12-01")).AssertArmError(404, "SubscriptionNotFound");
    }
}
