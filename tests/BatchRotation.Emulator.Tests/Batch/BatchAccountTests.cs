using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Batch;

public sealed class BatchAccountTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Examples = "azure-rest-api-specs/specification/batch/resource-manager/Microsoft.Batch/stable/2025-06-01/examples/";

    [Fact]
    public async Task Create_is_long_running_with_Location_and_Retry_After_then_answers_the_account()
    {
        var resourceGroup = ArmSeeder.UniqueName("rg-batch-");
        await emulator.CreateResourceGroupAsync(resourceGroup);
        var account = ArmSeeder.UniqueName("batch");
        var pipeline = emulator.ArmPipeline();

        var put = await pipeline.SendAsync(RequestMethod.Put, emulator.ArmUri(emulator.AccountId(resourceGroup, account), BatchSeeder.ApiVersion),
            new JsonObject { ["location"] = "westeurope" });

        Assert.Equal(202, put.Status);
        Assert.Equal("15", put.Header("Retry-After"));
        var location = new Uri(put.Header("Location"));
        Assert.Matches($"/batchAccounts/{account}/operationResults/[0-9a-f-]{{36}}$", location.AbsolutePath);
        Assert.Equal("api-version=2025-06-01", location.Query.TrimStart('?'));

        var during = await pipeline.SendAsync(RequestMethod.Get, emulator.ArmUri(emulator.AccountId(resourceGroup, account), BatchSeeder.ApiVersion));
        Assert.Equal("Creating", (string?)during.Json()!["properties"]!["provisioningState"]);
        Assert.Equal(202, (await pipeline.SendAsync(RequestMethod.Get, location)).Status);

        await emulator.AdvanceAsync(15);
        var done = await pipeline.SendAsync(RequestMethod.Get, location);
        Assert.Equal(200, done.Status);
        var body = done.Json()!;
        Assert.Equal("Succeeded", (string?)body["properties"]!["provisioningState"]);
        Assert.Equal($"{emulator.Endpoint.Authority}/batch/{account}", (string?)body["properties"]!["accountEndpoint"]);
        Assert.Equal("BatchService", (string?)body["properties"]!["poolAllocationMode"]);
        Assert.Equal("None", (string?)body["identity"]!["type"]);
        Assert.Matches("^\"0x[0-9A-F]+\"$", done.Header("ETag"));
        Assert.NotEmpty(done.Header("Last-Modified"));
    }

    [ReferenceFact]
    public async Task Get_covers_the_real_example_shape()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var response = await emulator.ArmPipeline().SendAsync(RequestMethod.Get, emulator.ArmUri(emulator.AccountId(resourceGroup, account), BatchSeeder.ApiVersion));

        var expected = ReferenceData.ExampleResponse(Examples + "BatchAccountGet.json");
        JsonShape.AssertCoversWithValues(expected, response.Json(),
            ["$.type", "$.properties.provisioningState", "$.properties.poolAllocationMode", "$.properties.publicNetworkAccess", "$.identity.type"],
            "$.properties.autoStorage");
    }

    [Fact]
    public async Task An_invalid_name_is_refused_and_checkNameAvailability_says_why()
    {
        var resourceGroup = ArmSeeder.UniqueName("rg-batch-");
        await emulator.CreateResourceGroupAsync(resourceGroup);
        var pipeline = emulator.ArmPipeline();

        var put = await pipeline.SendAsync(RequestMethod.Put, emulator.ArmUri(emulator.AccountId(resourceGroup, "Bad_Name"), BatchSeeder.ApiVersion),
            new JsonObject { ["location"] = "westeurope" });
        Assert.Equal(400, put.Status);
        Assert.Equal("AccountNameInvalid", put.Code());

        var check = await pipeline.SendAsync(RequestMethod.Post,
            emulator.ArmUri($"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.Batch/locations/westeurope/checkNameAvailability", BatchSeeder.ApiVersion),
            new JsonObject { ["name"] = "ab", ["type"] = "Microsoft.Batch/batchAccounts" });
        Assert.Equal(false, (bool?)check.Json()!["nameAvailable"]);
        Assert.Equal("Invalid", (string?)check.Json()!["reason"]);
        Assert.Equal("Account name must be at least 3 characters and at most 24 characters.", (string?)check.Json()!["message"]);
    }

    [Fact]
    public async Task A_name_in_use_is_reported_by_checkNameAvailability_and_refused_elsewhere()
    {
        var (_, account) = await emulator.NewAccountAsync();
        var pipeline = emulator.ArmPipeline();
        var check = await pipeline.SendAsync(RequestMethod.Post,
            emulator.ArmUri($"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.Batch/locations/westeurope/checkNameAvailability", BatchSeeder.ApiVersion),
            new JsonObject { ["name"] = account, ["type"] = "Microsoft.Batch/batchAccounts" });
        Assert.Equal("AlreadyExists", (string?)check.Json()!["reason"]);
        Assert.Equal($"An account named '{account}' is already in use.", (string?)check.Json()!["message"]);

        var otherGroup = ArmSeeder.UniqueName("rg-batch-");
        await emulator.CreateResourceGroupAsync(otherGroup);
        var put = await pipeline.SendAsync(RequestMethod.Put, emulator.ArmUri(emulator.AccountId(otherGroup, account), BatchSeeder.ApiVersion),
            new JsonObject { ["location"] = "westeurope" });
        Assert.Equal(409, put.Status);
    }

    [Fact]
    public async Task User_assigned_identity_is_filled_with_principal_and_client_ids()
    {
        var resourceGroup = ArmSeeder.UniqueName("rg-batch-");
        await emulator.CreateResourceGroupAsync(resourceGroup);
        var identity = await emulator.CreateUserAssignedIdentityAsync(resourceGroup, "id-account");
        var account = ArmSeeder.UniqueName("batch");

        var body = await emulator.CreateAccountAsync(resourceGroup, account, new JsonObject
        {
            ["location"] = "westeurope",
            ["identity"] = new JsonObject
            {
                ["type"] = "UserAssigned",
                ["userAssignedIdentities"] = new JsonObject { [identity.Id] = new JsonObject() },
            },
        });

        var entry = body["identity"]!["userAssignedIdentities"]![identity.Id]!;
        Assert.Equal(identity.PrincipalId, (string?)entry["principalId"]);
        Assert.Equal(identity.ClientId, (string?)entry["clientId"]);
    }

    [Fact]
    public async Task Patch_sets_a_system_identity_and_validates_customer_managed_keys()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var pipeline = emulator.ArmPipeline();
        var uri = emulator.ArmUri(emulator.AccountId(resourceGroup, account), BatchSeeder.ApiVersion);

        var withoutIdentity = await pipeline.SendAsync(RequestMethod.Patch, uri, new JsonObject
        {
            ["properties"] = new JsonObject { ["encryption"] = new JsonObject { ["keySource"] = "Microsoft.KeyVault", ["keyVaultProperties"] = new JsonObject { ["keyIdentifier"] = "https://v.vault.azure.net/keys/k" } } },
        });
        Assert.Equal(400, withoutIdentity.Status);

        var badKey = await pipeline.SendAsync(RequestMethod.Patch, uri, new JsonObject
        {
            ["identity"] = new JsonObject { ["type"] = "SystemAssigned" },
            ["properties"] = new JsonObject { ["encryption"] = new JsonObject { ["keySource"] = "Microsoft.KeyVault", ["keyVaultProperties"] = new JsonObject { ["keyIdentifier"] = "https://v.vault.azure.net/secrets/k" } } },
        });
        Assert.Equal(400, badKey.Status);

        var unknownKeySource = await pipeline.SendAsync(RequestMethod.Patch, uri, new JsonObject
        {
            ["properties"] = new JsonObject { ["encryption"] = new JsonObject { ["keySource"] = "Contoso.Keys" } },
        });
        Assert.Equal(400, unknownKeySource.Status);
        Assert.Equal("InvalidRequestBody", unknownKeySource.Code());

        var ok = await pipeline.SendAsync(RequestMethod.Patch, uri, new JsonObject
        {
            ["identity"] = new JsonObject { ["type"] = "SystemAssigned" },
            ["properties"] = new JsonObject { ["encryption"] = new JsonObject { ["keySource"] = "Microsoft.KeyVault", ["keyVaultProperties"] = new JsonObject { ["keyIdentifier"] = "https://v.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef" } } },
        });
        Assert.Equal(200, ok.Status);
        var body = ok.Json()!;
        Assert.Equal("SystemAssigned", (string?)body["identity"]!["type"]);
        Assert.Equal(emulator.Environment.TenantId, (string?)body["identity"]!["tenantId"]);
        Assert.True(Guid.TryParse((string?)body["identity"]!["principalId"], out _));
        Assert.Equal("Microsoft.KeyVault", (string?)body["properties"]!["encryption"]!["keySource"]);
    }

    [Fact]
    public async Task Lists_by_resource_group_and_subscription_page_with_nextLink()
    {
        var resourceGroup = ArmSeeder.UniqueName("rg-batch-");
        await emulator.CreateResourceGroupAsync(resourceGroup);
        var pipeline = emulator.ArmPipeline();
        var names = new List<string>();
        for (var i = 0; i < 22; i++)
        {
            var name = ArmSeeder.UniqueName("list");
            names.Add(name);
            var put = await pipeline.SendAsync(RequestMethod.Put, emulator.ArmUri(emulator.AccountId(resourceGroup, name), BatchSeeder.ApiVersion), new JsonObject { ["location"] = "westeurope" });
            Assert.Equal(202, put.Status);
        }

        var seen = new List<string>();
        Uri? next = emulator.ArmUri($"{emulator.ResourceGroupId(resourceGroup)}/providers/Microsoft.Batch/batchAccounts", BatchSeeder.ApiVersion);
        var pages = 0;
        while (next is not null)
        {
            var page = (await pipeline.SendAsync(RequestMethod.Get, next)).Json()!;
            seen.AddRange(page["value"]!.AsArray().Select(a => (string)a!["name"]!));
            next = page["nextLink"] is { } link ? new Uri((string)link!) : null;
            pages++;
        }
        Assert.Equal(2, pages);
        Assert.Equal(names.Order(), seen.Order());

        var bySubscription = (await pipeline.SendAsync(RequestMethod.Get, emulator.ArmUri($"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.Batch/batchAccounts", BatchSeeder.ApiVersion))).Json()!;
        Assert.NotNull(bySubscription["nextLink"]);
    }

    [Fact]
    public async Task Delete_is_long_running_then_the_account_is_gone()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        await emulator.CreatePoolAsync(resourceGroup, account, "pool1", BatchSeeder.PoolBody(dedicated: 0));
        var pipeline = emulator.ArmPipeline();
        var uri = emulator.ArmUri(emulator.AccountId(resourceGroup, account), BatchSeeder.ApiVersion);

        var delete = await pipeline.SendAsync(RequestMethod.Delete, uri);
        Assert.Equal(202, delete.Status);
        var location = new Uri(delete.Header("Location"));
        Assert.Matches($"/providers/Microsoft.Batch/locations/westeurope/accountOperationResults/{account}-[0-9a-f-]{{36}}$", location.AbsolutePath);
        Assert.Equal("Deleting", (string?)(await pipeline.SendAsync(RequestMethod.Get, uri)).Json()!["properties"]!["provisioningState"]);
        Assert.Equal(202, (await pipeline.SendAsync(RequestMethod.Get, location)).Status);

        await emulator.AdvanceAsync(16);
        var done = await pipeline.SendAsync(RequestMethod.Get, location);
        Assert.Equal(200, done.Status);
        Assert.Equal(0, done.Content.ToMemory().Length);
        var gone = await pipeline.SendAsync(RequestMethod.Get, uri);
        Assert.Equal(404, gone.Status);
        Assert.Equal("ResourceNotFound", gone.Code());
        Assert.Equal(204, (await pipeline.SendAsync(RequestMethod.Delete, uri)).Status);
        var pool = await pipeline.SendAsync(RequestMethod.Get, emulator.ArmUri(emulator.PoolId(resourceGroup, account, "pool1"), BatchSeeder.ApiVersion));
        Assert.Equal(404, pool.Status);
    }

    [Fact]
    public async Task An_unsupported_api_version_is_refused()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var response = await emulator.ArmPipeline().SendAsync(RequestMethod.Get, emulator.ArmUri(emulator.AccountId(resourceGroup, account), "2019-01-01"));
        Assert.Equal(400, response.Status);
        Assert.Equal("NoRegisteredProviderFound", response.Code());
    }
}
