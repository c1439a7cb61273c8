using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Connection;
using BatchRotation.Core.Errors;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.SignIn;

/// <summary>
/// Connect-BatchRotation's operation against the emulator, end to end through Azure.Identity: the environment
/// file's principal, a wrong secret, a second principal, an unknown subscription, and what reaches the logs.
/// </summary>
public sealed class ConnectScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "br-connect-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string EnvironmentFileFor(string clientId, string clientSecret)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".env.json");
        (scenario.Emulator.Environment with { ClientId = clientId, ClientSecret = clientSecret }).Write(path);
        return path;
    }

    private string Authority => new Uri(scenario.Emulator.Environment.ResourceManagerUrl).Authority;

    [Fact]
    public async Task Connects_with_the_environment_file_and_the_connection_reads_a_resource()
    {
        var environment = scenario.Emulator.Environment;
        var resourceGroup = ArmSeeder.UniqueName("rg");
        await scenario.Emulator.CreateResourceGroupAsync(resourceGroup);
        var seeded = await scenario.Emulator.CreateUserAssignedIdentityAsync(resourceGroup, "connected-identity");
        var sink = new RecordingSink();

        var connection = await ConnectOperation.ConnectAsync(SignInRequest.EnvironmentFile(scenario.Emulator.Host.EnvironmentFile), sink, CancellationToken.None);

        var info = connection.Info;
        Assert.True(info.IsConnected);
        Assert.Equal("BatchRotationEmulator", info.Environment);
        Assert.Equal(environment.TenantId, info.TenantId);
        Assert.Equal(environment.SubscriptionId, info.SubscriptionId);
        Assert.Equal("BatchRotation emulator subscription", info.SubscriptionName);
        Assert.Equal(environment.PrincipalId, info.AccountObjectId);
        Assert.Equal(environment.ClientId, info.AccountApplicationId);
        Assert.Equal(environment.ClientId, info.Account);
        Assert.Equal(SignInMethod.EnvironmentFile, info.SignInMethod);
        Assert.Equal(environment.ResourceManagerUrl, info.ResourceManagerUrl);
        Assert.Contains($"trusted for {Authority} only", info.TrustedCertificate);
        Assert.Contains(sink.Verbose, l => l.StartsWith(
            $"Azure Resource Manager: GET https://{Authority}/subscriptions/{environment.SubscriptionId}?api-version=2022-12-01 -> 200 (request id ", StringComparison.Ordinal));
        Assert.Empty(sink.Warnings);

        var identity = await AzureClients.Create(connection.Context).ManagedIdentities.GetUserAssignedIdentityAsync(seeded.Id, CancellationToken.None);
        Assert.Equal(seeded.PrincipalId, identity.PrincipalId);
    }

    [Fact]
    public async Task A_wrong_secret_fails_at_connect_with_Entras_reason_and_without_the_secret()
    {
        var wrong = "Wrong~Secret." + Guid.NewGuid().ToString("N");
        var file = EnvironmentFileFor(scenario.Emulator.Environment.ClientId, wrong);
        var mark = await scenario.JournalMarkAsync();
        var sink = new RecordingSink();

        var error = await Assert.ThrowsAsync<BatchRotationException>(() =>
            ConnectOperation.ConnectAsync(SignInRequest.EnvironmentFile(file), sink, CancellationToken.None));

        Assert.Equal(AzureErrorIds.AuthenticationFailed, error.ErrorId);
        Assert.Equal(ErrorKind.AuthenticationError, error.Kind);
        Assert.Contains("AADSTS7000215: Invalid client secret provided.", error.Message);
        Assert.Contains("Connect-BatchRotation", error.Remedy);
        foreach (var text in new[] { error.ToString(), error.Remedy!, error.Target?.ToString() ?? "" }.Concat(sink.Verbose).Concat(sink.Warnings))
        {
            Assert.DoesNotContain(wrong, text);
        }

        // Nothing was called with a credential that does not work.
        Assert.DoesNotContain(await scenario.RequestsSinceAsync(mark), r => r.Url.Contains("/subscriptions", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_second_principal_connects_as_itself_and_is_told_it_cannot_read_the_subscription()
    {
        var resourceGroup = ArmSeeder.UniqueName("rg");
        await scenario.Emulator.CreateResourceGroupAsync(resourceGroup);
        var seeded = await scenario.Emulator.CreateUserAssignedIdentityAsync(resourceGroup, "someone-elses-identity");
        var second = await scenario.Emulator.CreatePrincipalAsync("second principal");
        var sink = new RecordingSink();

        var connection = await ConnectOperation.ConnectAsync(SignInRequest.EnvironmentFile(EnvironmentFileFor(second.ClientId, second.ClientSecret)), sink, CancellationToken.None);

        Assert.Equal(second.PrincipalId, connection.Info.AccountObjectId);
        Assert.Equal(second.ClientId, connection.Info.Account);
        Assert.Equal(scenario.SubscriptionId, connection.Info.SubscriptionId);
        Assert.Null(connection.Info.SubscriptionName);
        Assert.Contains($"{second.ClientId} cannot read subscription {scenario.SubscriptionId} (AuthorizationFailed", Assert.Single(sink.Warnings));

        var refused = await Assert.ThrowsAsync<BatchRotationException>(() =>
            AzureClients.Create(connection.Context).ManagedIdentities.GetUserAssignedIdentityAsync(seeded.Id, CancellationToken.None));
        Assert.Equal(ErrorKind.PermissionDenied, refused.Kind);

        // The first principal's sign-in is untouched by the second's.
        var mine = await scenario.Clients.ManagedIdentities.GetUserAssignedIdentityAsync(seeded.Id, CancellationToken.None);
        Assert.Equal(seeded.ClientId, mine.ClientId);
    }

    [Fact]
    public async Task An_unknown_subscription_fails_at_connect_with_Azures_request_id()
    {
        var unknown = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<BatchRotationException>(() =>
            ConnectOperation.ConnectAsync(SignInRequest.EnvironmentFile(scenario.Emulator.Host.EnvironmentFile, unknown), new RecordingSink(), CancellationToken.None));

        Assert.Equal(ConnectionErrorIds.SubscriptionNotFound, error.ErrorId);
        Assert.Equal(404, error.Status);
        Assert.Equal("SubscriptionNotFound", error.AzureErrorCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal(unknown, error.Target);
    }

    [Fact]
    public async Task Tokens_and_the_secret_never_reach_the_call_log_or_the_request_journal()
    {
        var secret = scenario.Emulator.Environment.ClientSecret;
        var resourceGroup = ArmSeeder.UniqueName("rg");
        await scenario.Emulator.CreateResourceGroupAsync(resourceGroup);
        var seeded = await scenario.Emulator.CreateUserAssignedIdentityAsync(resourceGroup, "logged-identity");
        var mark = await scenario.JournalMarkAsync();
        var sink = new RecordingSink();

        var connection = await ConnectOperation.ConnectAsync(SignInRequest.EnvironmentFile(scenario.Emulator.Host.EnvironmentFile), sink, CancellationToken.None);
        var clients = AzureClients.Create(connection.Context, sink.WriteVerbose);
        await clients.ManagedIdentities.GetUserAssignedIdentityAsync(seeded.Id, CancellationToken.None);
        await Assert.ThrowsAsync<BatchRotationException>(() =>
            clients.ManagedIdentities.GetUserAssignedIdentityAsync(seeded.Id.Replace("logged-identity", "missing-identity", StringComparison.Ordinal), CancellationToken.None));

        var calls = sink.Verbose.Where(l => l.StartsWith("Azure Resource Manager: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, calls.Count);
        Assert.Contains(calls, l => l.Contains("/logged-identity?api-version=2024-11-30 -> 200 (request id ", StringComparison.Ordinal));
        Assert.Contains(calls, l => l.Contains("/missing-identity?api-version=2024-11-30 -> 404 (request id ", StringComparison.Ordinal));
        foreach (var line in sink.Verbose.Concat(sink.Warnings))
        {
            Assert.DoesNotContain(secret, line);
            Assert.DoesNotContain("eyJ", line);
            Assert.DoesNotContain("Bearer", line);
        }

        var journal = await scenario.RequestsSinceAsync(mark);
        Assert.Contains(journal, r => r.Method == "POST" && r.Url.Contains("/oauth2/v2.0/token", StringComparison.Ordinal));
        Assert.DoesNotContain(journal, r => r.Url.Contains(secret, StringComparison.Ordinal) || r.Url.Contains("eyJ", StringComparison.Ordinal));
    }
}
