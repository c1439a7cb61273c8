using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Batch;

public sealed class BatchPoolTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Examples = "azure-rest-api-specs/specification/batch/resource-manager/Microsoft.Batch/stable/2025-06-01/examples/";

    [ReferenceFact]
    public async Task Put_patch_get_delete_follow_the_recording()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var pipeline = emulator.ArmPipeline();
        var poolUri = emulator.ArmUri(emulator.PoolId(resourceGroup, account, "test_iaas_pool"), BatchSeeder.ApiVersion);
        string[] sameValues =
        [
            "$.name", "$.type", "$.properties.displayName", "$.properties.provisioningState", "$.properties.allocationState",
            "$.properties.vmSize", "$.properties.interNodeCommunication", "$.properties.taskSlotsPerNode",
            "$.properties.taskSchedulingPolicy.nodeFillType", "$.properties.deploymentConfiguration.virtualMachineConfiguration.imageReference.version",
            "$.properties.scaleSettings.fixedScale.resizeTimeout", "$.properties.resizeOperationStatus.nodeDeallocationOption",
            "$.properties.resizeOperationStatus.resizeTimeout", "$.properties.currentDedicatedNodes",
            "$.properties.scaleSettings.autoScale.evaluationInterval", "$.properties.autoScaleRun.results",
        ];

        // PUT: synchronous, 200, the pool with its defaults and a weak ETag.
        var recordedPut = BatchTestSupport.RecordedInteraction(0);
        var put = await pipeline.SendAsync(RequestMethod.Put, poolUri, recordedPut["request"]!["body"]!.DeepClone());
        Assert.Equal(200, put.Status);
        JsonShape.AssertCoversWithValues(recordedPut["response"]!["body"]!, put.Json(), sameValues);
        Assert.Matches("^W/\"0x[0-9A-F]+\"$", put.Header("ETag"));
        Assert.Equal(put.Header("ETag"), (string?)put.Json()!["etag"]);
        Assert.NotEmpty(put.Header("Last-Modified"));
        Assert.StartsWith("application/json", put.Header("Content-Type"));

        // PATCH: synchronous; autoscale with its evaluation; a new ETag.
        var recordedPatch = BatchTestSupport.RecordedInteraction(1);
        var patch = await pipeline.SendAsync(RequestMethod.Patch, poolUri, recordedPatch["request"]!["body"]!.DeepClone());
        Assert.Equal(200, patch.Status);
        JsonShape.AssertCoversWithValues(recordedPatch["response"]!["body"]!, patch.Json(), sameValues);
        Assert.NotEqual(put.Header("ETag"), patch.Header("ETag"));

        // GET: steady shortly after, same ETag as the PATCH (allocation is not a write).
        await emulator.AdvanceAsync(1);
        var recordedGet = BatchTestSupport.RecordedInteraction(2);
        var get = await pipeline.SendAsync(RequestMethod.Get, poolUri);
        Assert.Equal(200, get.Status);
        JsonShape.AssertCoversWithValues(recordedGet["response"]!["body"]!, get.Json(), sameValues);
        Assert.Equal(patch.Header("ETag"), get.Header("ETag"));

        // DELETE: 202 + Location (poolOperationResults/delete-<pool>…) + Retry-After; 202 until done, then 200 empty.
        var delete = await pipeline.SendAsync(RequestMethod.Delete, poolUri);
        Assert.Equal(202, delete.Status);
        Assert.Equal(0, delete.Content.ToMemory().Length);
        var location = new Uri(delete.Header("Location"));
        Assert.Matches($"/batchAccounts/{account}/poolOperationResults/delete-test_iaas_pool-[0-9A-F]+$", location.AbsolutePath);
        Assert.Equal("15", delete.Header("Retry-After"));
        Assert.Equal("Deleting", (string?)(await pipeline.SendAsync(RequestMethod.Get, poolUri)).Json()!["properties"]!["provisioningState"]);
        Assert.Equal(202, (await pipeline.SendAsync(RequestMethod.Get, location)).Status);
        await emulator.AdvanceAsync(15);
        var done = await pipeline.SendAsync(RequestMethod.Get, location);
        Assert.Equal(200, done.Status);
        Assert.Equal(0, done.Content.ToMemory().Length);
        var gone = await pipeline.SendAsync(RequestMethod.Get, poolUri);
        Assert.Equal(404, gone.Status);
        Assert.Equal("PoolNotFound", gone.Code());
        Assert.StartsWith("The specified pool does not exist.\nRequestId:", gone.Message());
    }

    [ReferenceFact]
    public async Task A_pool_with_identities_and_extensions_covers_the_examples()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var id1 = await emulator.CreateUserAssignedIdentityAsync(resourceGroup, "id1");
        var id2 = await emulator.CreateUserAssignedIdentityAsync(resourceGroup, "id2");
        var example = ReferenceData.Load(Examples + "PoolCreate_UserAssignedIdentities.json");
        var body = (JsonObject)example["parameters"]!["parameters"]!.DeepClone();
        body["identity"] = new JsonObject
        {
            ["type"] = "UserAssigned",
            ["userAssignedIdentities"] = new JsonObject { [id1.Id] = new JsonObject(), [id2.Id] = new JsonObject() },
        };

        var created = await emulator.CreatePoolAsync(resourceGroup, account, "testpool", body);

        var expected = example["responses"]!["200"]!["body"]!.DeepClone();
        var expectedMap = expected["identity"]!["userAssignedIdentities"]!.AsObject();
        var values = expectedMap.Select(p => p.Value!.DeepClone()).ToList();
        expectedMap.Clear();
        expectedMap[id1.Id] = values[0];
        expectedMap[id2.Id] = values[1];
        JsonShape.AssertCoversWithValues(expected, created, ["$.properties.allocationState", "$.identity.type", "$.properties.interNodeCommunication"]);
        Assert.Equal(id1.PrincipalId, (string?)created["identity"]!["userAssignedIdentities"]![id1.Id]!["principalId"]);
        Assert.Equal(id2.ClientId, (string?)created["identity"]!["userAssignedIdentities"]![id2.Id]!["clientId"]);

        var extensionsExample = ReferenceData.Load(Examples + "PoolCreate_VirtualMachineConfiguration_Extensions.json");
        var withExtension = await emulator.CreatePoolAsync(resourceGroup, account, "extpool", (JsonObject)extensionsExample["parameters"]!["parameters"]!.DeepClone());
        JsonShape.AssertCovers(extensionsExample["responses"]!["200"]!["body"]!, withExtension);
        Assert.True(JsonNode.DeepEquals(
            extensionsExample["parameters"]!["parameters"]!["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["extensions"],
            withExtension["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["extensions"]));
    }

    [Fact]
    public async Task Extension_settings_are_stored_exactly_as_sent_even_when_the_node_will_reject_them()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var asString = BatchSeeder.KeyVaultExtension(JsonValue.Create("{\"secretsManagementSettings\":{\"pollingIntervalInS\":\"3600\"}}"), name: "kvstring");
        var numeric = BatchSeeder.KeyVaultExtension(new JsonObject
        {
            ["secretsManagementSettings"] = new JsonObject { ["pollingIntervalInS"] = 3600, ["observedCertificates"] = new JsonArray() },
        }, name: "kvnumber");

        var pool = await emulator.CreatePoolAsync(resourceGroup, account, "p", BatchSeeder.PoolBody(dedicated: 0, extensions: [asString, numeric]));

        var extensions = pool["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!["extensions"]!.AsArray();
        Assert.Equal(System.Text.Json.JsonValueKind.String, extensions[0]!["settings"]!.GetValueKind());
        Assert.Equal((string?)asString["settings"], (string?)extensions[0]!["settings"]);
        Assert.Equal(3600, (int)extensions[1]!["settings"]!["secretsManagementSettings"]!["pollingIntervalInS"]!);
    }

    [Fact]
    public async Task If_None_Match_star_creates_only_and_If_Match_needs_the_current_ETag()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var body = BatchSeeder.PoolBody(dedicated: 0);
        var create = await emulator.PutPoolAsync(resourceGroup, account, "p", body, new Dictionary<string, string> { ["If-None-Match"] = "*" });
        Assert.Equal(200, create.Status);

        var again = await emulator.PutPoolAsync(resourceGroup, account, "p", body, new Dictionary<string, string> { ["If-None-Match"] = "*" });
        Assert.Equal(409, again.Status);
        Assert.Equal("PoolExists", again.Code());
        Assert.StartsWith("The specified pool already exists.\nRequestId:", again.Message());
        Assert.Equal("BatchAccount", (string?)again.Json()!["error"]!["target"]);

        var stale = await emulator.PutPoolAsync(resourceGroup, account, "p", body, new Dictionary<string, string> { ["If-Match"] = "W/\"0x8D4EDFEBFADF4AB\"" });
        Assert.Equal(412, stale.Status);
        Assert.Equal("ConditionNotMet", stale.Code());
        Assert.StartsWith("The condition specified using HTTP conditional header(s) is not met.", stale.Message());

        var current = await emulator.PutPoolAsync(resourceGroup, account, "p", body, new Dictionary<string, string> { ["If-Match"] = create.Header("ETag") });
        Assert.Equal(200, current.Status);
        Assert.NotEqual(create.Header("ETag"), current.Header("ETag"));

        var patchStale = await emulator.ArmPipeline().SendAsync(RequestMethod.Patch, emulator.ArmUri(emulator.PoolId(resourceGroup, account, "p"), BatchSeeder.ApiVersion),
            new JsonObject { ["properties"] = new JsonObject { ["displayName"] = "x" } }, new Dictionary<string, string> { ["If-Match"] = create.Header("ETag") });
        Assert.Equal(412, patchStale.Status);

        var missing = await emulator.PutPoolAsync(resourceGroup, account, "nothere", body, new Dictionary<string, string> { ["If-Match"] = "*" });
        Assert.Equal(412, missing.Status);
    }

    [Fact]
    public async Task Deployment_configuration_cannot_change_on_an_existing_pool()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var original = BatchSeeder.PoolBody(dedicated: 0);
        await emulator.CreatePoolAsync(resourceGroup, account, "p", original);

        var same = await emulator.PutPoolAsync(resourceGroup, account, "p", (JsonObject)original.DeepClone());
        Assert.Equal(200, same.Status);

        var withExtension = BatchSeeder.PoolBody(dedicated: 0, extensions: [BatchSeeder.KeyVaultExtension(new JsonObject())]);
        var put = await emulator.PutPoolAsync(resourceGroup, account, "p", withExtension);
        Assert.Equal(400, put.Status);
        Assert.Equal("PropertyCannotBeUpdated", put.Code());
        Assert.StartsWith("A property that cannot be updated was specified as part of the request.\nRequestId:", put.Message());
        var details = put.Json()!["error"]!["details"]!.AsArray();
        Assert.Equal("deploymentConfiguration", (string?)details.First(d => (string?)d!["code"] == "PropertyName")!["message"]);
        Assert.Equal("properties.deploymentConfiguration", (string?)details.First(d => (string?)d!["code"] == "PropertyPath")!["message"]);

        var patch = await emulator.ArmPipeline().SendAsync(RequestMethod.Patch, emulator.ArmUri(emulator.PoolId(resourceGroup, account, "p"), BatchSeeder.ApiVersion),
            new JsonObject { ["properties"] = new JsonObject { ["deploymentConfiguration"] = withExtension["properties"]!["deploymentConfiguration"]!.DeepClone() } });
        Assert.Equal(400, patch.Status);
        Assert.Equal("PropertyCannotBeUpdated", patch.Code());

        var vmSize = await emulator.PutPoolAsync(resourceGroup, account, "p", BatchSeeder.PoolBody(dedicated: 0, vmSize: "Standard_D4s_v3"));
        Assert.Equal("PropertyCannotBeUpdated", vmSize.Code());
    }

    [Fact]
    public async Task Assigning_an_identity_needs_assign_action_on_it()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var identityGroup = ArmSeeder.UniqueName("rg-id-");
        await emulator.CreateResourceGroupAsync(identityGroup);
        var identity = await emulator.CreateUserAssignedIdentityAsync(identityGroup, "pool-identity");
        var principal = await emulator.CreatePrincipalAsync("batch operator");
        await emulator.AssignRoleAsync(emulator.AccountId(resourceGroup, account), "b24988ac-6180-42a0-ab88-20f7382dd24c", principal.PrincipalId);
        var operatorPipeline = emulator.ArmPipeline(principal.Credential);
        var poolId = emulator.PoolId(resourceGroup, account, "p");

        var denied = await emulator.PutPoolAsync(resourceGroup, account, "p", BatchSeeder.PoolBody(dedicated: 0, identityIds: [identity.Id]), pipeline: operatorPipeline);

        Assert.Equal(403, denied.Status);
        Assert.Equal("LinkedAuthorizationFailed", denied.Code());
        Assert.Equal(
            $"The client '{principal.ClientId}' with object id '{principal.PrincipalId}' has permission to perform action 'Microsoft.Batch/batchAccounts/pools/write' on scope '{poolId}'; however, it does not have permission to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action' on the linked scope(s) '{identity.Id}' or the linked scope(s) are invalid.",
            denied.Message());

        await emulator.AssignRoleAsync(identity.Id, "f1a07417-d97a-45cb-824c-7a7467783830", principal.PrincipalId);
        var allowed = await emulator.PutPoolAsync(resourceGroup, account, "p", BatchSeeder.PoolBody(dedicated: 0, identityIds: [identity.Id]), pipeline: operatorPipeline);
        Assert.Equal(200, allowed.Status);
    }

    [Fact]
    public async Task Identity_must_be_user_assigned_and_exist()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var systemAssigned = BatchSeeder.PoolBody(dedicated: 0);
        systemAssigned["identity"] = new JsonObject { ["type"] = "SystemAssigned" };
        var refused = await emulator.PutPoolAsync(resourceGroup, account, "p", systemAssigned);
        Assert.Equal(400, refused.Status);
        Assert.Equal("InvalidRequestBody", refused.Code());
        Assert.Contains("Error converting value \"SystemAssigned\" to type 'PoolIdentityType'. Path 'identity.type'",
            (string?)refused.Json()!["error"]!["details"]![0]!["message"]);

        var ghost = $"{emulator.ResourceGroupId(resourceGroup)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ghost";
        var missing = await emulator.PutPoolAsync(resourceGroup, account, "p", BatchSeeder.PoolBody(dedicated: 0, identityIds: [ghost]));
        Assert.Equal(400, missing.Status);
        Assert.Equal("FailedIdentityOperation", missing.Code());
        Assert.Contains(ghost, missing.Message());

        var empty = BatchSeeder.PoolBody(dedicated: 0);
        empty["identity"] = new JsonObject { ["type"] = "UserAssigned" };
        var none = await emulator.PutPoolAsync(resourceGroup, account, "p", empty);
        Assert.Equal("MissingIdentityIds", none.Code());
    }

    [Fact]
    public async Task The_body_is_checked_against_the_api_version_model()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var cloudService = BatchSeeder.PoolBody(dedicated: 0);
        cloudService["properties"]!["deploymentConfiguration"] = new JsonObject { ["cloudServiceConfiguration"] = new JsonObject { ["osFamily"] = "6" } };
        var refused = await emulator.PutPoolAsync(resourceGroup, account, "p", cloudService);
        Assert.Equal(400, refused.Status);
        Assert.Equal("InvalidRequestBody", refused.Code());
        var reason = (string?)refused.Json()!["error"]!["details"]![0]!["message"];
        Assert.StartsWith("Could not find member 'cloudServiceConfiguration' on object of type 'DeploymentConfiguration'. Path 'properties.deploymentConfiguration.cloudServiceConfiguration', line 1, position ", reason);

        var certificates = BatchSeeder.PoolBody(dedicated: 0);
        certificates["properties"]!["certificates"] = new JsonArray();
        Assert.Equal(200, (await emulator.PutPoolAsync(resourceGroup, account, "legacy", certificates, apiVersion: "2024-07-01")).Status);
        Assert.Equal("InvalidRequestBody", (await emulator.PutPoolAsync(resourceGroup, account, "current", certificates)).Code());

        var noVmSize = BatchSeeder.PoolBody(dedicated: 0);
        noVmSize["properties"]!.AsObject().Remove("vmSize");
        var missing = await emulator.PutPoolAsync(resourceGroup, account, "p", noVmSize);
        Assert.Equal("MissingRequiredProperty", missing.Code());

        var badName = await emulator.PutPoolAsync(resourceGroup, account, "bad.name", BatchSeeder.PoolBody(dedicated: 0));
        Assert.Equal(400, badName.Status);
    }

    [Fact]
    public async Task Lists_take_maxresults_select_and_filter()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        for (var i = 0; i < 3; i++) await emulator.CreatePoolAsync(resourceGroup, account, $"pool{i}", BatchSeeder.PoolBody(dedicated: 0));
        await emulator.AdvanceAsync(1);
        var pipeline = emulator.ArmPipeline();
        var listPath = emulator.AccountId(resourceGroup, account) + "/pools";

        var first = (await pipeline.SendAsync(RequestMethod.Get, emulator.ArmUri(listPath, BatchSeeder.ApiVersion, "maxresults=2"))).Json()!;
        Assert.Equal(2, first["value"]!.AsArray().Count);
        var second = (await pipeline.SendAsync(RequestMethod.Get, new Uri((string)first["nextLink"]!))).Json()!;
        Assert.Single(second["value"]!.AsArray());
        Assert.Null(second["nextLink"]);

        var selected = (await pipeline.SendAsync(RequestMethod.Get, emulator.ArmUri(listPath, BatchSeeder.ApiVersion, "$select=properties/allocationState"))).Json()!;
        var item = selected["value"]![0]!;
        Assert.Equal("Steady", (string?)item["properties"]!["allocationState"]);
        Assert.Null(item["properties"]!["vmSize"]);
        Assert.NotNull(item["etag"]);

        var filtered = (await pipeline.SendAsync(RequestMethod.Get, emulator.ArmUri(listPath, BatchSeeder.ApiVersion, "$filter=" + Uri.EscapeDataString("startswith(name,'pool1') and properties/allocationState eq 'Steady'")))).Json()!;
        Assert.Equal("pool1", (string?)filtered["value"]!.AsArray().Single()!["name"]);

        var bad = await pipeline.SendAsync(RequestMethod.Get, emulator.ArmUri(listPath, BatchSeeder.ApiVersion, "$filter=" + Uri.EscapeDataString("name eq")));
        Assert.Equal(400, bad.Status);
        Assert.Equal("InvalidQueryParameterValue", bad.Code());
    }

    [Fact]
    public async Task A_pool_under_a_missing_account_is_refused()
    {
        var resourceGroup = ArmSeeder.UniqueName("rg-batch-");
        await emulator.CreateResourceGroupAsync(resourceGroup);
        var response = await emulator.PutPoolAsync(resourceGroup, "nosuchaccount", "p", BatchSeeder.PoolBody(dedicated: 0));
        Assert.Equal(404, response.Status);
        Assert.Equal("ParentResourceNotFound", response.Code());
    }
}
