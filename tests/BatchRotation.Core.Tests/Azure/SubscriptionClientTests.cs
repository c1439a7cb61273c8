using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

public class SubscriptionClientTests
{
    [Fact]
    public async Task Lists_every_page_of_subscriptions()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, """
            {"value":[{"id":"/subscriptions/00000000-0000-0000-0000-000000000001","subscriptionId":"00000000-0000-0000-0000-000000000001","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","displayName":"One","state":"Enabled"}],
             "nextLink":"https://management.azure.com/subscriptions?api-version=2022-12-01&%24skiptoken=abc"}
            """);
        azure.Transport.Respond(200, """
            {"value":[{"id":"/subscriptions/00000000-0000-0000-0000-000000000002","subscriptionId":"00000000-0000-0000-0000-000000000002","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","displayName":"Two","state":"Disabled"}]}
            """);

        var subscriptions = await new SubscriptionClient(azure.Arm(), azure.Cloud.ApiVersions.Resources).ListSubscriptionsAsync(CancellationToken.None);

        Assert.Equal("https://management.azure.com/subscriptions?api-version=2022-12-01", azure.Transport.Requests[0].Uri.AbsoluteUri);
        Assert.Equal(2, azure.Transport.Requests.Count);
        Assert.Equal(new[] { "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002" }, subscriptions.Select(s => s.SubscriptionId));
        Assert.Equal("Two", subscriptions[1].DisplayName);
        Assert.Equal("Disabled", subscriptions[1].State);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", subscriptions[0].TenantId);
    }

    [Fact]
    public async Task A_refusal_carries_the_status_and_request_id()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no\"}}", ("x-ms-request-id", "req-1"));

        var error = await Assert.ThrowsAsync<BatchRotationException>(() =>
            new SubscriptionClient(azure.Arm(), azure.Cloud.ApiVersions.Resources).ListSubscriptionsAsync(CancellationToken.None));

        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("req-1", error.RequestId);
    }

    [Fact]
    public async Task Reads_one_subscription_with_its_name_and_state()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, """
            {"id":"/subscriptions/00000000-0000-0000-0000-000000000003","subscriptionId":"00000000-0000-0000-0000-000000000003","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","displayName":"Three","state":"Warned"}
            """);

        var subscription = await new SubscriptionClient(azure.Arm(), azure.Cloud.ApiVersions.Resources)
            .GetSubscriptionAsync("00000000-0000-0000-0000-000000000003", CancellationToken.None);

        Assert.Equal("https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000003?api-version=2022-12-01", azure.Transport.Requests.Single().Uri.AbsoluteUri);
        Assert.Equal("Three", subscription.DisplayName);
        Assert.Equal("Warned", subscription.State);
    }

    [Fact]
    public async Task A_missing_subscription_is_not_found()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(404, "{\"error\":{\"code\":\"SubscriptionNotFound\",\"message\":\"The subscription could not be found.\"}}");

        var error = await Assert.ThrowsAsync<BatchRotationException>(() =>
            new SubscriptionClient(azure.Arm(), azure.Cloud.ApiVersions.Resources).GetSubscriptionAsync("00000000-0000-0000-0000-000000000004", CancellationToken.None));

        Assert.Equal(404, error.Status);
        Assert.Equal("SubscriptionNotFound", error.AzureErrorCode);
    }
}
