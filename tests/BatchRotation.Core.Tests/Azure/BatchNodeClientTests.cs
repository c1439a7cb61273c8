using System.Text.Json;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public class BatchNodeClientTests
{
    private const string Node1 = """
        {"id":"tvm-1695681911_1-20161122t193202z","url":"https://account.region.batch.azure.com/pools/poolId/nodes/tvm-1695681911_1-20161122t193202z",
         "state":"idle","schedulingState":"enabled","stateTransitionTime":"2016-11-22T22:22:27.2236818Z","vmSize":"small","isDedicated":true,
         "startTaskInfo":{"state":"completed","exitCode":0}}
        """;

    private const string UnusableNode = """
        {"id":"tvm-2","state":"unusable","errors":[{"code":"VmExtensionProvisioningError","message":"KeyVaultForLinux failed.","errorDetails":[{"name":"ExtensionName","value":"kv"}]}]}
        """;

    private const string Extensions = """
        {"value":[
          {"provisioningState":"Failed","instanceView":{"name":"kv","statuses":[{"code":"ProvisioningState/failed","level":"Error","displayStatus":"Provisioning failed",
             "message":"Failed to parse the configuration settings with: 'not a string'","time":"2025-01-01T10:00:00Z"}],"subStatuses":[]},
           "vmExtension":{"name":"kv","publisher":"Microsoft.Azure.KeyVault","type":"KeyVaultForLinux","typeHandlerVersion":"3.0",
             "settings":{"secretsManagementSettings":{"pollingIntervalInS":3600}}}},
          {"instanceView":{"name":"batchNodeExtension","statuses":[{"code":"ProvisioningState/succeeded","level":"Info","displayStatus":"Provisioning succeeded","message":"Enable succeeded"}]},
           "vmExtension":{"name":"batchNodeExtension","publisher":"Microsoft.Azure.Extensions","type":"CustomScript","typeHandlerVersion":"2.0","autoUpgradeMinorVersion":true}}
        ]}
        """;

    [Fact]
    public async Task ListNodesFollowsODataNextLinkFromTheOpaqueEndpoint()
    {
        var azure = new TestAzure();
        var next = "https://acct1.westeurope.batch.azure.com/pools/pool1/nodes?api-version=2025-06-01.21.0&$skiptoken=x";
        azure.Transport
            .Respond(200, "{\"value\":[" + Node1 + "],\"odata.nextLink\":\"" + next + "\"}", ("request-id", "r1"))
            .Respond(200, "{\"value\":[" + UnusableNode + "]}");

        var nodes = await azure.Nodes().ListNodesAsync("acct1.westeurope.batch.azure.com", "pool1", CancellationToken.None);

        Assert.Equal("https://acct1.westeurope.batch.azure.com/pools/pool1/nodes?api-version=2025-06-01.21.0", azure.Transport.Requests[0].Uri.AbsoluteUri);
        Assert.Equal(next, azure.Transport.Requests[1].Uri.AbsoluteUri);
        Assert.Equal(new[] { "idle", "unusable" }, nodes.Select(n => n.State));
        Assert.Equal("completed", nodes[0].StartTaskState);
        Assert.Equal(new DateTimeOffset(2016, 11, 22, 22, 22, 27, TimeSpan.Zero).AddTicks(2236818), nodes[0].StateTransitionTime);
        var error = Assert.Single(nodes[1].Errors);
        Assert.Equal("VmExtensionProvisioningError", error.Code);
        Assert.Equal("kv", error.Details.Single().Value);
        Assert.Equal(new[] { "https://batch.core.windows.net//.default" }, azure.Credential.Scopes.Distinct());
    }

    [Fact]
    public async Task TheEmulatorsEndpointWithPortAndPathIsUsedAsGiven()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, Node1);
        await azure.Nodes().GetNodeAsync("127.0.0.1:47443/batch/acct1", "pool1", "tvm-1", CancellationToken.None);
        Assert.Equal("https://127.0.0.1:47443/batch/acct1/pools/pool1/nodes/tvm-1?api-version=2025-06-01.21.0", azure.Transport.Requests.Single().Uri.AbsoluteUri);
    }

    [Fact]
    public async Task NodeExtensionsCarryTheirInstanceViews()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, Extensions);

        var extensions = await azure.Nodes().ListNodeExtensionsAsync("acct1.westeurope.batch.azure.com", "pool1", "tvm-2", CancellationToken.None);

        Assert.Equal("https://acct1.westeurope.batch.azure.com/pools/pool1/nodes/tvm-2/extensions?api-version=2025-06-01.21.0", azure.Transport.Requests.Single().Uri.AbsoluteUri);
        var kv = extensions[0];
        Assert.Equal(("kv", "KeyVaultForLinux", "Microsoft.Azure.KeyVault", "3.0", "Failed"), (kv.Name, kv.Type, kv.Publisher, kv.TypeHandlerVersion, kv.ProvisioningState));
        var status = Assert.Single(kv.Statuses);
        Assert.Equal(("ProvisioningState/failed", "Error"), (status.Code, status.Level));
        Assert.Contains("not a string", status.Message);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero), status.Time);
        Assert.Equal(JsonValueKind.Number, kv.Settings!.Value.GetProperty("secretsManagementSettings").GetProperty("pollingIntervalInS").ValueKind);
        Assert.Equal("Provisioning succeeded", extensions[1].Statuses.Single().DisplayStatus);
        Assert.Null(extensions[1].Settings);
    }

    [Fact]
    public async Task GetNodeExtensionByName()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{\"instanceView\":{\"name\":\"kv\",\"statuses\":[]},\"vmExtension\":{\"name\":\"kv\",\"publisher\":\"Microsoft.Azure.KeyVault\",\"type\":\"KeyVaultForWindows\"}}");
        var extension = await azure.Nodes().GetNodeExtensionAsync("https://acct1.westeurope.batch.azure.com", "pool1", "tvm-2", "kv", CancellationToken.None);
        Assert.Equal("KeyVaultForWindows", extension.Type);
        Assert.Equal("https://acct1.westeurope.batch.azure.com/pools/pool1/nodes/tvm-2/extensions/kv?api-version=2025-06-01.21.0", azure.Transport.Requests.Single().Uri.AbsoluteUri);
    }

    [Fact]
    public async Task AnHttpEndpointIsRefused()
    {
        var azure = new TestAzure();
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Nodes().ListNodesAsync("http://acct1.westeurope.batch.azure.com", "pool1", CancellationToken.None));
        Assert.Equal(AzureErrorIds.InsecureEndpoint, ex.ErrorId);
        Assert.Empty(azure.Transport.Requests);
    }

    [Theory]
    [InlineData("pool/../x")]
    [InlineData("")]
    [InlineData("pool 1")]
    public async Task PoolIdsAreChecked(string pool)
    {
        var azure = new TestAzure();
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Nodes().ListNodesAsync("acct1.westeurope.batch.azure.com", pool, CancellationToken.None));
        Assert.Equal(AzureErrorIds.InvalidName, ex.ErrorId);
    }

    [Fact]
    public async Task BatchErrorsAreMappedWithTheirRequestId()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(404,
            "{\"odata.metadata\":\"x\",\"code\":\"PoolNotFound\",\"message\":{\"lang\":\"en-US\",\"value\":\"The specified pool does not exist.\\nRequestId:abc\\nTime:2025-01-01T00:00:00Z\"}}",
            ("request-id", "abc"));
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Nodes().ListNodesAsync("acct1.westeurope.batch.azure.com", "pool1", CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Equal("PoolNotFound", ex.AzureErrorCode);
        Assert.Equal("abc", ex.RequestId);
        Assert.EndsWith("The specified pool does not exist.", ex.Message);
    }
}
