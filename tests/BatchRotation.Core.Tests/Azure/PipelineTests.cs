using System.Diagnostics;
using Azure.Core;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public class PipelineTests
{
    private static Task<RestResult> GetAsync(TestAzure azure, AzureService service, string url)
    {
        var invoker = new AzureRestInvoker(azure.Pipeline(service), service, azure.Redactor, azure.Options);
        return invoker.SendAsync(RequestMethod.Get, new Uri(url), null, null, null, CancellationToken.None);
    }

    [Theory]
    [InlineData(AzureService.ResourceManager, "https://management.azure.com//.default")]
    [InlineData(AzureService.KeyVault, "https://vault.azure.net/.default")]
    [InlineData(AzureService.Batch, "https://batch.core.windows.net//.default")]
    public async Task EachServiceGetsABearerTokenForItsAudience(AzureService service, string scope)
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{}");

        await GetAsync(azure, service, "https://example.test/x?api-version=1");

        Assert.Equal(new[] { scope }, azure.Credential.Scopes.Distinct());
        Assert.Equal("Bearer " + FakeCredential.Token, azure.Transport.Requests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task EachCallIsReportedWithStatusAndRequestIdButNoSecret()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{}", ("x-ms-request-id", "req-123"));

        await GetAsync(azure, AzureService.ResourceManager, "https://management.azure.com/subscriptions/s/operationResults/o?api-version=2025-06-01&sig=TOPSECRET");

        var line = Assert.Single(azure.Verbose);
        Assert.Matches(@"^Azure Resource Manager: GET https://management\.azure\.com/subscriptions/s/operationResults/o\?api-version=2025-06-01&sig=\*\*\* -> 200 \(request id req-123\) \[\d+ ms\]$", line);
        Assert.DoesNotContain("TOPSECRET", line);
        Assert.DoesNotContain(FakeCredential.Token, line);
    }

    [Fact]
    public async Task BatchRequestIdsAreReportedToo()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{}", ("request-id", "batch-req-9"));
        await GetAsync(azure, AzureService.Batch, "https://acct.westus.batch.azure.com/pools?api-version=2025-06-01.21.0");
        Assert.Contains("(request id batch-req-9)", Assert.Single(azure.Verbose));
    }

    [Fact]
    public async Task ThrottlingIsRetriedHonouringRetryAfterAndEachAttemptIsReported()
    {
        var azure = new TestAzure();
        azure.Transport
            .Respond(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}", ("Retry-After", "0"))
            .Respond(200, "{\"ok\":true}");

        var result = await GetAsync(azure, AzureService.ResourceManager, "https://management.azure.com/x?api-version=1");

        Assert.Equal(200, result.Status);
        Assert.Equal(2, azure.Transport.Requests.Count);
        Assert.Contains(azure.Verbose, l => l.Contains("-> 429"));
        Assert.Contains(azure.Verbose, l => l.Contains("(attempt 2) -> 200"));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task ServerErrorsAreRetried(int status)
    {
        var azure = new TestAzure();
        azure.Transport.Respond(status, "{}").Respond(200, "{}");
        var result = await GetAsync(azure, AzureService.KeyVault, "https://v.vault.azure.net/certificates/c?api-version=7.6");
        Assert.Equal(200, result.Status);
        Assert.Equal(2, azure.Transport.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    public async Task ClientErrorsAreNotRetried(int status)
    {
        var azure = new TestAzure();
        azure.Transport.Respond(status, "{\"error\":{\"code\":\"X\",\"message\":\"m\"}}");
        await Assert.ThrowsAsync<BatchRotationException>(() => GetAsync(azure, AzureService.ResourceManager, "https://management.azure.com/x?api-version=1"));
        Assert.Single(azure.Transport.Requests);
    }

    [Fact]
    public async Task DroppedConnectionsAreRetried()
    {
        var azure = new TestAzure();
        azure.Transport.Drop().Drop().Respond(200, "{}");

        var result = await GetAsync(azure, AzureService.ResourceManager, "https://management.azure.com/x?api-version=1");

        Assert.Equal(200, result.Status);
        Assert.Equal(3, azure.Transport.Requests.Count);
        Assert.Equal(2, azure.Verbose.Count(l => l.Contains("-> failed: IOException")));
    }

    [Fact]
    public async Task RetriesStopAtTheMaximumAndTheLastAnswerIsMapped()
    {
        var azure = new TestAzure();
        for (var i = 0; i < 4; i++)
        {
            azure.Transport.Respond(503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}}", ("x-ms-request-id", "r" + i));
        }

        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => GetAsync(azure, AzureService.ResourceManager, "https://management.azure.com/x?api-version=1"));

        Assert.Equal(4, azure.Transport.Requests.Count); // 1 + MaxRetries (3)
        Assert.Equal(AzureErrorIds.AzureServiceUnavailable, ex.ErrorId);
        Assert.Equal(ErrorKind.ResourceUnavailable, ex.Kind);
        Assert.Equal(503, ex.Status);
        Assert.Equal("r3", ex.RequestId);
    }

    [Fact]
    public async Task ConnectionsThatKeepDroppingEndAsAConnectionError()
    {
        var azure = new TestAzure();
        for (var i = 0; i < 4; i++)
        {
            azure.Transport.Drop("Connection reset by peer");
        }

        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => GetAsync(azure, AzureService.ResourceManager, "https://management.azure.com/x?api-version=1"));

        Assert.Equal(AzureErrorIds.AzureConnectionFailed, ex.ErrorId);
        Assert.Equal(ErrorKind.ConnectionError, ex.Kind);
        Assert.Contains("Connection reset by peer", ex.Message);
        Assert.Equal(4, azure.Transport.Requests.Count);
    }

    [Fact]
    public async Task ARetryAfterBeyondTheCapEndsTheRetries()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"wait an hour\"}}", ("Retry-After", "3600"));

        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => GetAsync(azure, AzureService.ResourceManager, "https://management.azure.com/x?api-version=1"));

        Assert.Single(azure.Transport.Requests);
        Assert.Equal(AzureErrorIds.AzureThrottled, ex.ErrorId);
        Assert.Equal(ErrorKind.LimitsExceeded, ex.Kind);
    }

    [Fact]
    public async Task TheRetryWaitsAtLeastWhatRetryAfterAsks()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(503, "{}", ("Retry-After", "1")).Respond(200, "{}");

        var watch = Stopwatch.StartNew();
        await GetAsync(azure, AzureService.ResourceManager, "https://management.azure.com/x?api-version=1");

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {watch.Elapsed}");
    }

    [Fact]
    public async Task CancellationIsNotMappedAndNotRetried()
    {
        var azure = new TestAzure();
        using var cts = new CancellationTokenSource();
        azure.Transport.Respond(_ =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        });

        var invoker = new AzureRestInvoker(azure.Pipeline(AzureService.ResourceManager), AzureService.ResourceManager, azure.Redactor, azure.Options);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            invoker.SendAsync(RequestMethod.Get, new Uri("https://management.azure.com/x"), null, null, null, cts.Token));
        Assert.Single(azure.Transport.Requests);
    }

    [Fact]
    public async Task PlainHttpIsNeverCalled()
    {
        var azure = new TestAzure();
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => GetAsync(azure, AzureService.ResourceManager, "http://management.azure.com/x"));
        Assert.Equal(AzureErrorIds.InsecureEndpoint, ex.ErrorId);
        Assert.Empty(azure.Transport.Requests);
    }

    [Fact]
    public async Task ANonJsonSuccessBodyIsInvalidData()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "<html>proxy login</html>", ("Content-Type", "text/html"));
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() => GetAsync(azure, AzureService.ResourceManager, "https://management.azure.com/x"));
        Assert.Equal(AzureErrorIds.AzureResponseInvalid, ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, ex.Kind);
    }

    [Fact]
    public async Task ContextWiringUsesTheContextsTransportCredentialAndScopes()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, "{}");
        var pipeline = AzurePipelineFactory.Create(azure.Context(), AzureService.KeyVault);
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri("https://v.vault.azure.net/certificates/c?api-version=7.6"));

        await pipeline.SendAsync(message, CancellationToken.None);

        Assert.Equal(200, message.Response.Status);
        Assert.Equal(new[] { "https://vault.azure.net/.default" }, azure.Credential.Scopes.Distinct());
        Assert.Contains("BatchRotation", azure.Transport.Requests.Single().Header("User-Agent"));
    }
}
