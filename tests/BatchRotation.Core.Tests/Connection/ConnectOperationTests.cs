using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Connection;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;
using static BatchRotation.Core.Tests.Connection.ConnectionContexts;

namespace BatchRotation.Core.Tests.Connection;

public class ConnectOperationTests
{
    private static readonly DateTimeOffset Now = new(2025, 7, 1, 8, 30, 0, TimeSpan.Zero);

    private static Task<BatchRotationConnection> Connect(TestAzure azure, BatchRotationContext context, RecordingSink sink) =>
        ConnectOperation.ConnectAsync(context, new SignInPrompts(), sink, CancellationToken.None, azure.Options, () => Now);

    [Fact]
    public async Task Verifies_the_sign_in_reads_the_subscription_and_describes_who_signed_in()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, Subscription(TestAzure.Sub), ("x-ms-request-id", "req-sub-1"));
        var sink = new RecordingSink();

        var connection = await Connect(azure, For(azure), sink);

        var info = connection.Info;
        Assert.True(info.IsConnected);
        Assert.Equal("AzureCloud", info.Environment);
        Assert.Equal(TokenTenant, info.TenantId);
        Assert.Equal(TokenTenant, connection.Context.TenantId);
        Assert.Equal(TestAzure.Sub, info.SubscriptionId);
        Assert.Equal("Production", info.SubscriptionName);
        Assert.Equal(TokenApplicationId, info.Account);
        Assert.Equal(TokenObjectId, info.AccountObjectId);
        Assert.Equal(SignInMethod.EnvironmentFile, info.SignInMethod);
        Assert.Equal("client secret of application 0d3a4b5c (test)", info.CredentialDescription);
        Assert.Equal(Now, info.ConnectedAt);
        Assert.Equal("https://management.azure.com//.default", azure.Credential.Scopes.First());
        Assert.Equal($"https://management.azure.com/subscriptions/{TestAzure.Sub}?api-version=2022-12-01", Assert.Single(azure.Transport.Requests).Uri.AbsoluteUri);

        Assert.Contains(sink.Verbose, l => l.StartsWith("Signing in to AzureCloud with client secret of application 0d3a4b5c", StringComparison.Ordinal));
        Assert.Contains(sink.Verbose, l => l.StartsWith($"Signed in as {TokenApplicationId} (object id {TokenObjectId}) in tenant {TokenTenant}", StringComparison.Ordinal));
        Assert.Contains(sink.Verbose, l => l.StartsWith($"Azure Resource Manager: GET https://management.azure.com/subscriptions/{TestAzure.Sub}?api-version=2022-12-01 -> 200 (request id req-sub-1)", StringComparison.Ordinal));
        Assert.Contains(sink.Verbose, l => l == $"Default subscription: Production ({TestAzure.Sub}).");
        Assert.Empty(sink.Warnings);
        Assert.DoesNotContain(sink.AllText, l => l.Contains(FakeCredential.Token, StringComparison.Ordinal) || l.Contains("eyJ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_subscription_that_does_not_exist_fails_the_sign_in_with_Azures_code_and_request_id()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(404, """{"error":{"code":"SubscriptionNotFound","message":"The subscription 'x' could not be found."}}""", ("x-ms-request-id", "req-404"));

        var error = await Assert.ThrowsAsync<BatchRotationException>(() => Connect(azure, For(azure), new RecordingSink()));

        Assert.Equal(ConnectionErrorIds.SubscriptionNotFound, error.ErrorId);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(TestAzure.Sub, error.Target);
        Assert.Equal(404, error.Status);
        Assert.Equal("SubscriptionNotFound", error.AzureErrorCode);
        Assert.Equal("req-404", error.RequestId);
        Assert.Contains("-SubscriptionId", error.Remedy);
        Assert.Contains(TestAzure.Sub, error.Message);
    }

    [Fact]
    public async Task A_subscription_the_account_may_not_read_stays_the_default_with_a_warning()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(403, """{"error":{"code":"AuthorizationFailed","message":"no read"}}""", ("x-ms-request-id", "req-403"));
        var sink = new RecordingSink();

        var connection = await Connect(azure, For(azure), sink);

        Assert.Equal(TestAzure.Sub, connection.Info.SubscriptionId);
        Assert.Null(connection.Info.SubscriptionName);
        var warning = Assert.Single(sink.Warnings);
        Assert.Contains($"{TokenApplicationId} cannot read subscription {TestAzure.Sub} (AuthorizationFailed, request id req-403)", warning);
    }

    [Fact]
    public async Task A_disabled_subscription_is_kept_with_a_warning()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, Subscription(TestAzure.Sub, "Old", "Disabled"));
        var sink = new RecordingSink();

        var connection = await Connect(azure, For(azure), sink);

        Assert.Equal("Old", connection.Info.SubscriptionName);
        Assert.Contains("Subscription Old is Disabled", Assert.Single(sink.Warnings));
    }

    [Fact]
    public async Task Without_a_subscription_the_only_one_the_account_sees_becomes_the_default()
    {
        var azure = new TestAzure();
        const string only = "aaaaaaaa-0000-0000-0000-000000000001";
        azure.Transport.Respond(200, $$"""{"value":[{{Subscription(only, "Only")}}]}""");
        var sink = new RecordingSink();

        var connection = await Connect(azure, For(azure, subscriptionId: null), sink);

        Assert.Equal("https://management.azure.com/subscriptions?api-version=2022-12-01", Assert.Single(azure.Transport.Requests).Uri.AbsoluteUri);
        Assert.Equal(only, connection.Context.SubscriptionId);
        Assert.Equal(only, connection.Info.SubscriptionId);
        Assert.Equal("Only", connection.Info.SubscriptionName);
        Assert.Contains(sink.Verbose, l => l.Contains("the only one the account sees", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_subscription_and_several_visible_none_is_chosen()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, $$"""{"value":[{{Subscription("aaaaaaaa-0000-0000-0000-000000000001")}},{{Subscription("aaaaaaaa-0000-0000-0000-000000000002")}}]}""");
        var sink = new RecordingSink();

        var connection = await Connect(azure, For(azure, subscriptionId: null), sink);

        Assert.Null(connection.Context.SubscriptionId);
        Assert.Null(connection.Info.SubscriptionId);
        Assert.Contains(sink.Verbose, l => l.Contains("the account sees 2. Give -SubscriptionId", StringComparison.Ordinal));
        Assert.Empty(sink.Warnings);
    }

    [Fact]
    public async Task Subscriptions_that_cannot_be_listed_leave_no_default_but_the_sign_in_stands()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(403, """{"error":{"code":"AuthorizationFailed","message":"no"}}""");
        var sink = new RecordingSink();

        var connection = await Connect(azure, For(azure, subscriptionId: null), sink);

        Assert.Null(connection.Info.SubscriptionId);
        Assert.Equal(TokenObjectId, connection.Info.AccountObjectId);
        Assert.Contains(sink.Verbose, l => l.StartsWith("No default subscription: the subscriptions could not be listed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_from_another_tenant_than_asked_is_reported_and_its_tenant_used()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, Subscription(TestAzure.Sub));
        var sink = new RecordingSink();

        var connection = await Connect(azure, For(azure, tenantId: "99999999-9999-9999-9999-999999999999"), sink);

        Assert.Equal(TokenTenant, connection.Context.TenantId);
        Assert.Contains($"issued by tenant {TokenTenant}, not by tenant 99999999-9999-9999-9999-999999999999", Assert.Single(sink.Warnings));
    }

    [Fact]
    public async Task A_tenant_given_by_domain_name_is_kept()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(200, Subscription(TestAzure.Sub));
        var sink = new RecordingSink();

        var connection = await Connect(azure, For(azure, tenantId: "contoso.onmicrosoft.com"), sink);

        Assert.Equal("contoso.onmicrosoft.com", connection.Context.TenantId);
        Assert.Empty(sink.Warnings);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_turned_into_a_sign_in_error()
    {
        var azure = new TestAzure();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var context = For(azure, credential: new FailingCredential(new OperationCanceledException(cancelled.Token)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ConnectOperation.ConnectAsync(context, new SignInPrompts(), new RecordingSink(), cancelled.Token, azure.Options));
        Assert.Empty(azure.Transport.Requests);
    }

    [Fact]
    public async Task A_failure_that_reveals_nothing_keeps_its_exception_for_diagnosis()
    {
        var azure = new TestAzure();
        var bug = new InvalidOperationException("The credential is in an unexpected state.");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Connect(azure, For(azure, credential: new FailingCredential(bug)), new RecordingSink()));

        Assert.Same(bug, thrown);
    }

    [Fact]
    public void A_device_code_request_gets_a_prompt_that_reaches_the_running_operation()
    {
        var prompts = new SignInPrompts();
        var connect = new RecordingSink();
        prompts.AttachTo(connect);

        Action<string> own = _ => { };
        var withOwnPrompt = SignInRequest.DeviceCode(own, "contoso.onmicrosoft.com");
        Assert.Same(withOwnPrompt, ConnectOperation.WithPrompts(withOwnPrompt, prompts));

        var bare = new SignInRequest { Method = SignInMethod.DeviceCode, CloudName = "AzureUSGovernment", TenantId = "t.example", SubscriptionId = TestAzure.Sub };
        var prompted = ConnectOperation.WithPrompts(bare, prompts);
        Assert.Equal(("AzureUSGovernment", "t.example", TestAzure.Sub, SignInMethod.DeviceCode), (prompted.CloudName, prompted.TenantId, prompted.SubscriptionId, prompted.Method));

        prompted.DeviceCodePrompt!("To sign in, open https://microsoft.com/devicelogin and enter the code ABCD1234.");
        Assert.Equal("To sign in, open https://microsoft.com/devicelogin and enter the code ABCD1234.", Assert.Single(connect.Warnings));

        // A later cmdlet that needs a new token attaches its own operation.
        var later = new RecordingSink();
        prompts.AttachTo(later);
        prompted.DeviceCodePrompt!("enter the code EFGH5678");
        Assert.Single(connect.Warnings);
        Assert.Equal("enter the code EFGH5678", Assert.Single(later.Warnings));
    }

    [Fact]
    public void Other_requests_are_passed_on_unchanged()
    {
        var request = SignInRequest.ManagedIdentity("aaaaaaaa-0000-0000-0000-000000000001");
        Assert.Same(request, ConnectOperation.WithPrompts(request, new SignInPrompts()));
    }
}
