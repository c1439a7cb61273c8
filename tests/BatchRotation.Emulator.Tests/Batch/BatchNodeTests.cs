using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Batch;

public sealed class BatchNodeTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string DataExamples = "azure-rest-api-specs/specification/batch/data-plane/Azure.Batch/stable/2025-06-01.21.0/examples/";

    [Fact]
    public async Task Nodes_are_allocated_boot_and_go_idle_over_simulated_time()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var pipeline = emulator.ArmPipeline();
        var poolUri = emulator.ArmUri(emulator.PoolId(resourceGroup, account, "p"), BatchSeeder.ApiVersion);
        await emulator.CreatePoolAsync(resourceGroup, account, "p", BatchSeeder.PoolBody(dedicated: 2, lowPriority: 1));

        Assert.Empty(await emulator.ListNodesAsync(account, "p"));
        Assert.Equal("Resizing", (string?)(await pipeline.SendAsync(RequestMethod.Get, poolUri)).Json()!["properties"]!["allocationState"]);

        await emulator.AdvanceAsync(31);
        var allocated = await emulator.ListNodesAsync(account, "p");
        Assert.Equal(3, allocated.Count);
        Assert.All(allocated, n => Assert.Equal("creating", (string?)n!["state"]));
        Assert.Equal(2, allocated.Count(n => (bool)n!["isDedicated"]!));
        Assert.All(allocated, n => Assert.Matches("^tvmps_[0-9a-f]{64}_[dp]$", (string)n!["id"]!));
        var pool = (await pipeline.SendAsync(RequestMethod.Get, poolUri)).Json()!["properties"]!;
        Assert.Equal("Steady", (string?)pool["allocationState"]);
        Assert.Equal(2, (int)pool["currentDedicatedNodes"]!);
        Assert.Equal(1, (int)pool["currentLowPriorityNodes"]!);

        await emulator.AdvanceAsync(20);
        Assert.All(await emulator.ListNodesAsync(account, "p"), n => Assert.Equal("starting", (string?)n!["state"]));

        await emulator.AdvanceAsync(45);
        var idle = await emulator.ListNodesAsync(account, "p");
        Assert.All(idle, n => Assert.Equal("idle", (string?)n!["state"]));
        Assert.All(idle, n => Assert.NotNull(n!["lastBootTime"]));
    }

    [ReferenceFact]
    public async Task Node_shapes_cover_the_real_examples()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var body = BatchSeeder.PoolBody(dedicated: 1);
        body["properties"]!["startTask"] = new JsonObject
        {
            ["commandLine"] = "cmd /c echo hello",
            ["userIdentity"] = new JsonObject { ["autoUser"] = new JsonObject { ["scope"] = "Task", ["elevationLevel"] = "NonAdmin" } },
            ["maxTaskRetryCount"] = 0,
            ["waitForSuccess"] = false,
        };
        var extension = new JsonObject
        {
            ["name"] = "batchNodeExtension",
            ["publisher"] = "Microsoft.Azure.Extensions",
            ["type"] = "CustomScript",
            ["typeHandlerVersion"] = "2.0",
            ["autoUpgradeMinorVersion"] = true,
        };
        ((JsonObject)body["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!)["extensions"] = new JsonArray(extension);
        await emulator.CreatePoolAsync(resourceGroup, account, "p", body);
        var nodes = await emulator.WaitForNodesAsync(account, "p", 1);
        var nodeId = (string)nodes[0]!["id"]!;

        var list = await emulator.BatchPipeline().SendAsync(RequestMethod.Get, emulator.DataUri(account, "pools/p/nodes"));
        JsonShape.AssertCoversWithValues(ReferenceData.ExampleResponse(DataExamples + "Nodes_ListNodes.json"), list.Json(),
            ["$.value[0].state", "$.value[0].schedulingState", "$.value[0].isDedicated", "$.value[0].startTask.userIdentity.autoUser.scope", "$.value[0].startTaskInfo.state"],
            "$.value[0].nodeAgentInfo.version", "$.value[0].vmSize", "$.value[0].ipAddress");
        Assert.StartsWith("application/json;odata=minimalmetadata", list.Header("Content-Type"));
        Assert.Equal($"{emulator.Endpoint}batch/{account}/$metadata#nodes", (string?)list.Json()!["odata.metadata"]);

        var get = await emulator.BatchPipeline().SendAsync(RequestMethod.Get, emulator.DataUri(account, $"pools/p/nodes/{nodeId}"));
        JsonShape.AssertCoversWithValues(ReferenceData.ExampleResponse(DataExamples + "Nodes_GetNode.json"), get.Json(), ["$.state"]);
        Assert.Equal($"{emulator.Endpoint}batch/{account}/pools/p/nodes/{nodeId}", (string?)get.Json()!["url"]);
        Assert.Equal("TVM:" + nodeId, (string?)get.Json()!["affinityId"]);
        Assert.Equal("standard_d2s_v3", (string?)get.Json()!["vmSize"]);

        var extensions = await emulator.BatchPipeline().SendAsync(RequestMethod.Get, emulator.DataUri(account, $"pools/p/nodes/{nodeId}/extensions"));
        var expectedExtensions = ReferenceData.ExampleResponse(DataExamples + "Nodes_ListNodeExtensions.json");
        JsonShape.AssertCoversWithValues(expectedExtensions, extensions.Json(),
            ["$.value[0].instanceView.name", "$.value[0].instanceView.statuses[0].code", "$.value[0].instanceView.statuses[0].level",
             "$.value[0].instanceView.statuses[0].displayStatus", "$.value[0].vmExtension.name", "$.value[0].vmExtension.type"],
            "$.value[0].instanceView.statuses[0].message");
        var one = await emulator.BatchPipeline().SendAsync(RequestMethod.Get, emulator.DataUri(account, $"pools/p/nodes/{nodeId}/extensions/batchNodeExtension"));
        JsonShape.AssertCovers(ReferenceData.ExampleResponse("examples/batch-data/2024-02-01.19.0/examples/BatchNodeExtensionGet.json"), one.Json(),
            "$.instanceView.statuses[0].message");
    }

    [Fact]
    public async Task Data_plane_errors_are_in_the_Batch_OData_shape()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        await emulator.CreatePoolAsync(resourceGroup, account, "p", BatchSeeder.PoolBody(dedicated: 1));
        var batch = emulator.BatchPipeline();

        var noPool = await batch.SendAsync(RequestMethod.Get, emulator.DataUri(account, "pools/nothere/nodes"));
        Assert.Equal(404, noPool.Status);
        Assert.Equal("PoolNotFound", (string?)noPool.Json()!["code"]);
        Assert.StartsWith("The specified pool does not exist.\nRequestId:", (string?)noPool.Json()!["message"]!["value"]);
        Assert.Equal("en-US", (string?)noPool.Json()!["message"]!["lang"]);
        Assert.EndsWith("$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element", (string?)noPool.Json()!["odata.metadata"]);

        var noNode = await batch.SendAsync(RequestMethod.Get, emulator.DataUri(account, "pools/p/nodes/tvmps_nothere_d"));
        Assert.Equal("NodeNotFound", (string?)noNode.Json()!["code"]);
        Assert.StartsWith("The specified node does not exist.", (string?)noNode.Json()!["message"]!["value"]);

        var oldVersion = await batch.SendAsync(RequestMethod.Get, emulator.DataUri(account, "pools/p/nodes", apiVersion: "2019-08-01.10.0"));
        Assert.Equal(400, oldVersion.Status);
        Assert.Equal("InvalidQueryParameterValue", (string?)oldVersion.Json()!["code"]);
        Assert.Contains(oldVersion.Json()!["values"]!.AsArray(), v => (string?)v!["key"] == "QueryParameterName" && (string?)v["value"] == "api-version");

        var missing = await batch.SendAsync(RequestMethod.Get, new Uri(emulator.Endpoint, $"batch/{account}/pools/p/nodes"));
        Assert.Equal("MissingRequiredQueryParameter", (string?)missing.Json()!["code"]);

        var stranger = await emulator.CreatePrincipalAsync("no batch access");
        var denied = await emulator.BatchPipeline(stranger.Credential).SendAsync(RequestMethod.Get, emulator.DataUri(account, "pools/p/nodes"));
        Assert.Equal(403, denied.Status);

        await emulator.AssignRoleAsync(emulator.AccountId(resourceGroup, account), ArmSeeder.ReaderRole, stranger.PrincipalId);
        var reader = await emulator.BatchPipeline(stranger.Credential).SendAsync(RequestMethod.Get, emulator.DataUri(account, "pools/p/nodes"));
        Assert.Equal(200, reader.Status);
    }

    [Fact]
    public async Task Node_lists_page_filter_and_select()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        await emulator.CreatePoolAsync(resourceGroup, account, "p", BatchSeeder.PoolBody(dedicated: 3));
        var nodes = await emulator.WaitForNodesAsync(account, "p", 3);
        await emulator.FailNodeAsync(account, "p", (string)nodes[0]!["id"]!, "unusable", "disk failure");
        var batch = emulator.BatchPipeline();

        var page = (await batch.SendAsync(RequestMethod.Get, emulator.DataUri(account, "pools/p/nodes", "maxresults=2"))).Json()!;
        Assert.Equal(2, page["value"]!.AsArray().Count);
        var rest = (await batch.SendAsync(RequestMethod.Get, new Uri((string)page["odata.nextLink"]!))).Json()!;
        Assert.Single(rest["value"]!.AsArray());

        var unusable = (await batch.SendAsync(RequestMethod.Get, emulator.DataUri(account, "pools/p/nodes", "$filter=" + Uri.EscapeDataString("state eq 'unusable'")))).Json()!;
        var failed = unusable["value"]!.AsArray().Single()!;
        Assert.Equal((string)nodes[0]!["id"]!, (string?)failed["id"]);
        Assert.Equal("disk failure", (string?)failed["errors"]![0]!["message"]);

        var selected = (await batch.SendAsync(RequestMethod.Get, emulator.DataUri(account, "pools/p/nodes", "$select=id,state"))).Json()!;
        Assert.All(selected["value"]!.AsArray(), n => Assert.Equal(2, n!.AsObject().Count));
    }

    [Fact]
    public async Task Resizing_down_removes_nodes_and_deleting_the_pool_removes_them_all()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        await emulator.CreatePoolAsync(resourceGroup, account, "p", BatchSeeder.PoolBody(dedicated: 3));
        await emulator.WaitForNodesAsync(account, "p", 3);
        var pipeline = emulator.ArmPipeline();
        var poolUri = emulator.ArmUri(emulator.PoolId(resourceGroup, account, "p"), BatchSeeder.ApiVersion);

        var patch = await pipeline.SendAsync(RequestMethod.Patch, poolUri, new JsonObject
        {
            ["properties"] = new JsonObject { ["scaleSettings"] = new JsonObject { ["fixedScale"] = new JsonObject { ["targetDedicatedNodes"] = 1 } } },
        });
        Assert.Equal("Resizing", (string?)patch.Json()!["properties"]!["allocationState"]);
        Assert.Equal(1, (int)patch.Json()!["properties"]!["resizeOperationStatus"]!["targetDedicatedNodes"]!);
        Assert.Equal(2, (await emulator.ListNodesAsync(account, "p")).Count(n => (string?)n!["state"] == "leavingpool"));

        await emulator.AdvanceAsync(31);
        Assert.Single(await emulator.ListNodesAsync(account, "p"));
        Assert.Equal("Steady", (string?)(await pipeline.SendAsync(RequestMethod.Get, poolUri)).Json()!["properties"]!["allocationState"]);

        var node = (string)(await emulator.ListNodesAsync(account, "p"))[0]!["id"]!;
        var tasks = await emulator.SetRunningTasksAsync(account, "p", node, 2);
        Assert.Equal("running", (string?)tasks["state"]);
        Assert.Equal(2, (int)(await emulator.ListNodesAsync(account, "p"))[0]!["runningTasksCount"]!);

        var delete = await pipeline.SendAsync(RequestMethod.Delete, poolUri);
        Assert.Equal(202, delete.Status);
        Assert.All(await emulator.ListNodesAsync(account, "p"), n => Assert.Equal("leavingpool", (string?)n!["state"]));
        await emulator.AdvanceAsync(46);
        var gone = await emulator.BatchPipeline().SendAsync(RequestMethod.Get, emulator.DataUri(account, "pools/p/nodes"));
        Assert.Equal(404, gone.Status);
        Assert.Equal(200, (await pipeline.SendAsync(RequestMethod.Get, new Uri(delete.Header("Location")))).Status);
    }

    [Fact]
    public async Task An_identity_change_reaches_only_nodes_created_after_the_pool_shrank_to_zero()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        var first = await emulator.CreateUserAssignedIdentityAsync(resourceGroup, "first");
        var second = await emulator.CreateUserAssignedIdentityAsync(resourceGroup, "second");
        await emulator.CreatePoolAsync(resourceGroup, account, "p", BatchSeeder.PoolBody(dedicated: 1, identityIds: [first.Id]));
        await emulator.WaitForNodesAsync(account, "p", 1);
        var pipeline = emulator.ArmPipeline();
        var poolUri = emulator.ArmUri(emulator.PoolId(resourceGroup, account, "p"), BatchSeeder.ApiVersion);

        var patch = await pipeline.SendAsync(RequestMethod.Patch, poolUri, new JsonObject
        {
            ["identity"] = new JsonObject { ["type"] = "UserAssigned", ["userAssignedIdentities"] = new JsonObject { [second.Id] = new JsonObject() } },
            ["properties"] = new JsonObject { ["scaleSettings"] = new JsonObject { ["fixedScale"] = new JsonObject { ["targetDedicatedNodes"] = 2 } } },
        });
        Assert.Equal(200, patch.Status);
        Assert.Equal(second.ClientId, (string?)patch.Json()!["identity"]!["userAssignedIdentities"]![second.Id]!["clientId"]);
        await emulator.WaitForNodesAsync(account, "p", 2);
        var control = JsonNode.Parse(await (await emulator.ControlAsync(HttpMethod.Get, $"batch/{account}/pools/p/nodes")).Content.ReadAsStringAsync())!;
        Assert.All(control["nodes"]!.AsArray(), n => Assert.Equal(first.Id, (string?)n!["identities"]![0]));

        await pipeline.SendAsync(RequestMethod.Patch, poolUri, new JsonObject
        {
            ["properties"] = new JsonObject { ["scaleSettings"] = new JsonObject { ["fixedScale"] = new JsonObject { ["targetDedicatedNodes"] = 0 } } },
        });
        await emulator.AdvanceAsync(31);
        await pipeline.SendAsync(RequestMethod.Patch, poolUri, new JsonObject
        {
            ["properties"] = new JsonObject { ["scaleSettings"] = new JsonObject { ["fixedScale"] = new JsonObject { ["targetDedicatedNodes"] = 1 } } },
        });
        await emulator.WaitForNodesAsync(account, "p", 1);
        control = JsonNode.Parse(await (await emulator.ControlAsync(HttpMethod.Get, $"batch/{account}/pools/p/nodes")).Content.ReadAsStringAsync())!;
        Assert.Equal(second.Id, (string?)control["nodes"]![0]!["identities"]![0]);
    }

    [Fact]
    public async Task The_simulation_survives_a_save_and_load_of_the_state()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        await emulator.CreatePoolAsync(resourceGroup, account, "p", BatchSeeder.PoolBody(dedicated: 1, extensions: [BatchSeeder.KeyVaultExtension(JsonValue.Create("not an object"))]));
        var node = (await emulator.WaitForNodesAsync(account, "p", 1))[0]!;
        var file = Path.Combine(Path.GetTempPath(), $"batch-state-{Guid.NewGuid():N}.json");
        try
        {
            BatchRotation.Emulator.State.StatePersistence.Save(emulator.Host.Runtime.State, file);
            var loaded = BatchRotation.Emulator.State.StatePersistence.Load(file)!;
            var pool = loaded.Batch.Pools[emulator.PoolId(resourceGroup, account, "p")];
            var loadedNode = pool.Nodes.Single();
            Assert.Equal((string)node["id"]!, loadedNode.Id);
            Assert.Equal("unusable", loadedNode.State);
            Assert.Equal("Failed", loadedNode.Extensions.Single().ProvisioningState);
            Assert.Equal("not an object", (string?)loadedNode.Extensions.Single().Configuration["settings"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_control_surface_fails_nodes_as_asked()
    {
        var (resourceGroup, account) = await emulator.NewAccountAsync();
        await emulator.CreatePoolAsync(resourceGroup, account, "p", BatchSeeder.PoolBody(dedicated: 2));
        var nodes = await emulator.WaitForNodesAsync(account, "p", 2);

        await emulator.FailNodeAsync(account, "p", (string)nodes[0]!["id"]!, "startTaskFailed");
        await emulator.FailNodeAsync(account, "p", (string)nodes[1]!["id"]!, "offline");
        await emulator.AdvanceAsync(600);

        var states = (await emulator.ListNodesAsync(account, "p")).Select(n => (string?)n!["state"]).Order().ToList();
        Assert.Equal(["offline", "starttaskfailed"], states);
        var refused = await emulator.ControlAsync(HttpMethod.Post, $"batch/{account}/pools/p/nodes/{(string)nodes[0]!["id"]!}/fail", new JsonObject { ["state"] = "exploded" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
    }
}
