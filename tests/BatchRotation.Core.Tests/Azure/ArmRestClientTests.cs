using System.Text.Json;
using System.Text.Json.Nodes;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;
using BatchRotation.Core.Azure.Clients;

namespace BatchRotation.Core.Tests.Azure;

public class ArmRestClientTests
{
    private const string Arm = "https://management.azure.com";

    private static string Page(string nextLink, params string[] names) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["value"] = names.Select(n => new { id = "/x/" + n, name = n }).ToArray(),
            ["nextLink"] = nextLink,
        });

    [Fact]
    public async Task ListFollowsNextLinkAsGivenAcrossPages()
    {
        var azure = new TestAzure();
        var page2 = $"{Arm}/subscriptions/s/providers/Microsoft.Batch/batchAccounts?api-version=2025-06-01&$skiptoken=eyJza2lwIjoyfQ%3D%3D";
        var page3 = $"{Arm}/subscriptions/s/providers/Microsoft.Batch/batchAccounts?api-version=2025-06-01&$skiptoken=p3";
        azure.Transport
            .Respond(200, Page(page2, "a", "b"))
            .Respond(200, Page(page3, "c"))
            .Respond(200, "{\"value\":[{\"name\":\"d\"}]}");

        var items = await azure.Arm().ListAsync("/subscriptions/s/providers/Microsoft.Batch/batchAccounts", "2025-06-01", null, CancellationToken.None);

        Assert.Equal(new[] { "a", "b", "c", "d" }, items.Select(i => i.GetProperty("name").GetString()));
        var uris = azure.Transport.Requests.Select(r => r.Uri.AbsoluteUri).ToList();
        Assert.Equal($"{Arm}/subscriptions/s/providers/Microsoft.Batch/batchAccounts?api-version=2025-06-01", uris[0]);
        Assert.Equal(page2, uris[1]);
        Assert.Equal(page3, uris[2]);
    }

    [Fact]
    public async Task AnEmptyNextLinkEndsTheList()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{\"value\":[{\"name\":\"a\"}],\"nextLink\":\"\"}");
        var items = await azure.Arm().ListAsync("/subscriptions/s/resourceGroups/g/providers/Microsoft.Batch/batchAccounts", "v", null, CancellationToken.None);
        Assert.Single(items);
    }

    [Fact]
    public async Task ANextLinkToAnotherHostIsNeverFollowed()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, Page("https://evil.example.com/steal?api-version=1", "a"));

        var ex = await Assert.ThrowsAsync<BatchRotationException>(() =>
            azure.Arm().ListAsync("/subscriptions/s/providers/Microsoft.KeyVault/vaults", "v", null, CancellationToken.None));

        Assert.Equal(AzureErrorIds.UntrustedEndpoint, ex.ErrorId);
        Assert.Single(azure.Transport.Requests);
    }

    [Fact]
    public async Task ANextLinkThatLoopsIsStopped()
    {
        var azure = new TestAzure();
        var self = $"{Arm}/subscriptions/s/providers/Microsoft.KeyVault/vaults?api-version=v";
        azure.Transport.Respond(200, Page(self + "&$skiptoken=1", "a")).Respond(200, Page(self + "&$skiptoken=1", "b"));

        var ex = await Assert.ThrowsAsync<BatchRotationException>(() =>
            azure.Arm().ListAsync("/subscriptions/s/providers/Microsoft.KeyVault/vaults", "v", null, CancellationToken.None));

        Assert.Equal(AzureErrorIds.AzureResponseInvalid, ex.ErrorId);
        Assert.Equal(2, azure.Transport.Requests.Count);
    }

    [Fact]
    public async Task DeleteWithLocationPollsHonouringRetryAfterUntilDone()
    {
        var azure = new TestAzure();
        var location = $"{Arm}/subscriptions/s/resourceGroups/g/providers/Microsoft.Batch/batchAccounts/a/poolOperationResults/delete-p?api-version=2025-06-01";
        azure.Transport
            .Respond(202, null, ("Location", location), ("Retry-After", "3"))
            .Respond(202, null, ("Location", location), ("Retry-After", "7"))
            .Respond(202, null)
            .Respond(200, null);

        var outcome = await azure.Arm().DeleteAsync(TestAzure.PoolId, "2025-06-01", CancellationToken.None);

        Assert.Equal(DeleteOutcome.Deleted, outcome);
        Assert.Equal(new[] { "DELETE", "GET", "GET", "GET" }, azure.Transport.Requests.Select(r => r.Method));
        Assert.All(azure.Transport.Requests.Skip(1), r => Assert.Equal(location, r.Uri.AbsoluteUri));
        Assert.Equal(new[] { TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(5) }, azure.Delays);
        Assert.Contains(azure.Verbose, l => l.StartsWith("Waiting 3 s for Azure Resource Manager to finish deleting /subscriptions/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeleteThatAnswers204FoundNothing()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(204);
        Assert.Equal(DeleteOutcome.AlreadyAbsent, await azure.Arm().DeleteAsync(TestAzure.PoolId, "v", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteThatAnswers404FoundNothing()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(404, "{\"error\":{\"code\":\"PoolNotFound\",\"message\":\"gone\"}}");
        Assert.Equal(DeleteOutcome.AlreadyAbsent, await azure.Arm().DeleteAsync(TestAzure.PoolId, "v", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteThatAnswers200IsDone()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200);
        Assert.Equal(DeleteOutcome.Deleted, await azure.Arm().DeleteAsync(TestAzure.PoolId, "v", CancellationToken.None));
        Assert.Empty(azure.Delays);
    }

    [Fact]
    public async Task AsyncOperationStatusIsFollowedAndAFailureReported()
    {
        var azure = new TestAzure();
        var operation = $"{Arm}/subscriptions/s/providers/Microsoft.Batch/locations/westus/operations/op1?api-version=2025-06-01";
        azure.Transport
            .Respond(202, null, ("Azure-AsyncOperation", operation), ("Location", $"{Arm}/other"))
            .Respond(200, "{\"status\":\"InProgress\"}", ("Retry-After", "1"))
            .Respond(200, "{\"status\":\"Failed\",\"error\":{\"code\":\"PoolDeleteFailed\",\"message\":\"Nodes are busy.\"}}", ("x-ms-request-id", "op-req"));

        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Arm().DeleteAsync(TestAzure.PoolId, "v", CancellationToken.None));

        Assert.Equal(AzureErrorIds.AzureOperationFailed, ex.ErrorId);
        Assert.Equal("PoolDeleteFailed", ex.AzureErrorCode);
        Assert.Equal("op-req", ex.RequestId);
        Assert.Contains("Nodes are busy.", ex.Message);
        Assert.All(azure.Transport.Requests.Skip(1), r => Assert.Equal(operation, r.Uri.AbsoluteUri));
        Assert.Equal(new[] { TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1) }, azure.Delays);
    }

    [Fact]
    public async Task AsyncOperationSucceeded()
    {
        var azure = new TestAzure();
        var operation = $"{Arm}/operations/op1?api-version=v";
        azure.Transport
            .Respond(202, null, ("Azure-AsyncOperation", operation), ("Retry-After", "2"))
            .Respond(200, "{\"status\":\"Succeeded\"}");
        Assert.Equal(DeleteOutcome.Deleted, await azure.Arm().DeleteAsync(TestAzure.PoolId, "v", CancellationToken.None));
        Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, azure.Delays);
    }

    [Fact]
    public async Task AnOperationThatNeverEndsTimesOut()
    {
        var azure = new TestAzure();
        azure.Options = azure.Options with { OperationTimeout = TimeSpan.FromSeconds(20) };
        var location = $"{Arm}/operationResults/x?api-version=v";
        azure.Transport.Respond(202, null, ("Location", location), ("Retry-After", "10"));
        azure.Transport.Respond(202, null, ("Retry-After", "10"));
        azure.Transport.Respond(202, null, ("Retry-After", "10"));

        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Arm().DeleteAsync(TestAzure.PoolId, "v", CancellationToken.None));

        Assert.Equal(AzureErrorIds.AzureOperationTimedOut, ex.ErrorId);
        Assert.Equal(ErrorKind.OperationTimeout, ex.Kind);
        Assert.Equal(new[] { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10) }, azure.Delays);
    }

    [Fact]
    public async Task RetryAfterIsCappedBetweenPolls()
    {
        var azure = new TestAzure();
        azure.Options = azure.Options with { MaxPollInterval = TimeSpan.FromSeconds(30) };
        azure.Transport.Respond(202, null, ("Location", $"{Arm}/op?api-version=v"), ("Retry-After", "600")).Respond(200);
        await azure.Arm().DeleteAsync(TestAzure.PoolId, "v", CancellationToken.None);
        Assert.Equal(new[] { TimeSpan.FromSeconds(30) }, azure.Delays);
    }

    [Fact]
    public async Task ALocationOnAnotherHostIsRefused()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(202, null, ("Location", "https://attacker.example/op"));
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Arm().DeleteAsync(TestAzure.PoolId, "v", CancellationToken.None));
        Assert.Equal(AzureErrorIds.UntrustedEndpoint, ex.ErrorId);
        Assert.Single(azure.Transport.Requests);
    }

    [Fact]
    public async Task A202WithoutLocationIsInvalid()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(202);
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Arm().DeleteAsync(TestAzure.PoolId, "v", CancellationToken.None));
        Assert.Equal(AzureErrorIds.AzureResponseInvalid, ex.ErrorId);
    }

    [Fact]
    public async Task PutSendsTheBodyAndTheCreateOnlyHeader()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{\"name\":\"p\"}", ("ETag", "W/\"0x1\""));
        var body = new JsonObject { ["properties"] = new JsonObject { ["vmSize"] = "STANDARD_D2S_V3" } };

        var result = await azure.Arm().PutAsync(TestAzure.PoolId, "2025-06-01", body, ArmWriteCondition.CreateOnly, CancellationToken.None);

        var request = azure.Transport.Requests.Single();
        Assert.Equal("PUT", request.Method);
        Assert.Equal("*", request.Header("If-None-Match"));
        Assert.Null(request.Header("If-Match"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("{\"properties\":{\"vmSize\":\"STANDARD_D2S_V3\"}}", request.Body);
        Assert.Equal("W/\"0x1\"", result.ETag);
    }

    [Fact]
    public async Task PutWithIfMatchAndAnAsynchronousAnswerReadsTheResourceBack()
    {
        var azure = new TestAzure();
        azure.Transport
            .Respond(202, null, ("Location", $"{Arm}/op?api-version=v"))
            .Respond(200)
            .Respond(200, "{\"name\":\"final\"}");

        var result = await azure.Arm().PutAsync(TestAzure.VaultId + "/keys/k", "v", new JsonObject(), ArmWriteCondition.IfMatch("\"etag-1\""), CancellationToken.None);

        Assert.Equal("\"etag-1\"", azure.Transport.Requests[0].Header("If-Match"));
        Assert.Equal("final", result.Body!.Value.GetProperty("name").GetString());
        Assert.Equal("GET", azure.Transport.Requests[2].Method);
        Assert.EndsWith("/vaults/vault1/keys/k?api-version=v", azure.Transport.Requests[2].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task PatchSendsIfMatchWhenGiven()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{}").Respond(200, "{}");
        await azure.Arm().PatchAsync(TestAzure.AccountId, "v", new JsonObject(), "W/\"0x2\"", CancellationToken.None);
        await azure.Arm().PatchAsync(TestAzure.AccountId, "v", new JsonObject(), null, CancellationToken.None);
        Assert.Equal("PATCH", azure.Transport.Requests[0].Method);
        Assert.Equal("W/\"0x2\"", azure.Transport.Requests[0].Header("If-Match"));
        Assert.Null(azure.Transport.Requests[1].Header("If-Match"));
    }

    [Fact]
    public async Task GetIfExistsGivesNullOnlyFor404()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"no\"}}").Respond(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no\"}}");
        Assert.Null(await azure.Arm().GetIfExistsAsync(TestAzure.PoolId, "v", CancellationToken.None));
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => azure.Arm().GetIfExistsAsync(TestAzure.PoolId, "v", CancellationToken.None));
        Assert.Equal(ErrorKind.PermissionDenied, ex.Kind);
    }

    [Fact]
    public void UrlsEscapeSegmentsAndQueryButKeepODataNames()
    {
        var arm = new TestAzure().Arm();
        var uri = arm.BuildUri("/subscriptions/s/resourceGroups/my group/providers/Microsoft.Authorization/roleAssignments", "2022-04-01",
            new Dictionary<string, string> { ["$filter"] = "principalId eq 'abc'" });
        Assert.Equal(
            "https://management.azure.com/subscriptions/s/resourceGroups/my%20group/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=principalId%20eq%20%27abc%27",
            uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("subscriptions/s")]
    [InlineData("/subscriptions/s?x=1")]
    [InlineData("/subscriptions/../s")]
    [InlineData("/subscriptions//s")]
    public void PathsMustBeAbsoluteAndPlain(string path)
    {
        var ex = Assert.Throws<BatchRotationException>(() => new TestAzure().Arm().BuildUri(path, "v", null));
        Assert.Equal(AzureErrorIds.InvalidResourceId, ex.ErrorId);
    }

    [Fact]
    public void TheEndpointMustBeHttps()
    {
        var azure = new TestAzure();
        var ex = Assert.Throws<BatchRotationException>(() =>
            new ArmRestClient(azure.Pipeline(AzureService.ResourceManager), new Uri("http://127.0.0.1:1/")));
        Assert.Equal(AzureErrorIds.InsecureEndpoint, ex.ErrorId);
    }
}
