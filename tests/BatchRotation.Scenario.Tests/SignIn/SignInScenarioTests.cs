using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Errors;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.Scenario.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.SignIn;

/// <summary>The module signs in with the emulator's environment file and reads Azure resources through the Core.</summary>
public sealed class SignInScenarioTests(ScenarioFixture scenario) : IClassFixture<ScenarioFixture>
{
    [Fact]
    public async Task Signs_in_with_the_environment_file_and_reads_an_identity()
    {
        var resourceGroup = ArmSeeder.UniqueName("rg");
        await scenario.Emulator.CreateResourceGroupAsync(resourceGroup);
        var seeded = await scenario.Emulator.CreateUserAssignedIdentityAsync(resourceGroup, "pool-identity");

        var identity = await scenario.Clients.ManagedIdentities.GetUserAssignedIdentityAsync(seeded.Id, CancellationToken.None);

        Assert.Equal(seeded.ClientId, identity.ClientId);
        Assert.Equal(seeded.PrincipalId, identity.PrincipalId);
        Assert.Equal(scenario.Emulator.Environment.TenantId, identity.TenantId);
    }

    [Fact]
    public async Task Verifies_who_signed_in()
    {
        var signedIn = await SignInVerifier.VerifyAsync(scenario.Context, CancellationToken.None);

        Assert.Equal(scenario.Emulator.Environment.TenantId, signedIn.TenantId);
        Assert.Equal(scenario.Emulator.Environment.PrincipalId, signedIn.ObjectId);
    }

    [Fact]
    public async Task Each_call_is_logged_with_method_url_status_and_request_id_but_never_a_token_or_secret()
    {
        var resourceGroup = ArmSeeder.UniqueName("rg");
        await scenario.Emulator.CreateResourceGroupAsync(resourceGroup);
        var seeded = await scenario.Emulator.CreateUserAssignedIdentityAsync(resourceGroup, "logged-identity");
        var mark = scenario.CallLog.Count;

        await scenario.Clients.ManagedIdentities.GetUserAssignedIdentityAsync(seeded.Id, CancellationToken.None);

        var line = Assert.Single(scenario.CallLog.Skip(mark), l => l.Contains("logged-identity", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(": GET https://127.0.0.1:", line);
        Assert.Contains("200", line);
        Assert.Matches("[0-9a-f]{8}-[0-9a-f]{4}-", line);
        foreach (var logged in scenario.CallLog)
        {
            Assert.DoesNotContain(scenario.Emulator.Environment.ClientSecret, logged);
            Assert.DoesNotContain("eyJ", logged);
        }
    }

    [Fact]
    public async Task A_principal_without_roles_gets_a_permission_error_with_the_request_id()
    {
        var resourceGroup = ArmSeeder.UniqueName("rg");
        await scenario.Emulator.CreateResourceGroupAsync(resourceGroup);
        var seeded = await scenario.Emulator.CreateUserAssignedIdentityAsync(resourceGroup, "guarded-identity");
        var stranger = await scenario.Emulator.CreatePrincipalAsync("no roles");
        var clients = scenario.ClientsFor(stranger.ClientId, stranger.ClientSecret);

        var failure = await Assert.ThrowsAsync<BatchRotationException>(() =>
            clients.ManagedIdentities.GetUserAssignedIdentityAsync(seeded.Id, CancellationToken.None));

        Assert.Equal(ErrorKind.PermissionDenied, failure.Kind);
        Assert.Equal("AuthorizationFailed", failure.AzureErrorCode);
        Assert.Equal(403, failure.Status);
        Assert.False(string.IsNullOrEmpty(failure.RequestId));
    }
}
