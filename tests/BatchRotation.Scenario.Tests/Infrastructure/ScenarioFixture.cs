using System.Collections.Concurrent;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Scenario.Tests.Infrastructure;

/// <summary>
/// An emulator plus the Core signed in to it exactly as <c>Connect-BatchRotation -EnvironmentFile</c>
/// does: the environment file, Azure.Identity's client-secret credential, trust pinned to the
/// emulator's certificate. Use as <c>IClassFixture&lt;ScenarioFixture&gt;</c>; seed state through
/// <see cref="Emulator"/> (the ArmSeeder / KeyVaultSeeder / BatchSeeder extension methods).
/// </summary>
public sealed class ScenarioFixture : IAsyncLifetime
{
    public EmulatorFixture Emulator { get; } = new();

    public BatchRotationContext Context { get; private set; } = null!;

    public AzureClients Clients { get; private set; } = null!;

    /// <summary>The verbose lines (one per Azure call) the clients reported.</summary>
    public ConcurrentQueue<string> CallLog { get; } = new();

    public string SubscriptionId => Emulator.Environment.SubscriptionId;

    public async Task InitializeAsync()
    {
        await Emulator.InitializeAsync();
        Context = CredentialFactory.CreateContext(SignInRequest.EnvironmentFile(Emulator.Host.EnvironmentFile));
        Clients = AzureClients.Create(Context, CallLog.Enqueue);
    }

    public Task DisposeAsync() => Emulator.DisposeAsync();

    /// <summary>Clients signed in as another principal (e.g. one made with <c>CreatePrincipalAsync</c>).</summary>
    public AzureClients ClientsFor(string clientId, string clientSecret)
    {
        var context = new BatchRotationContext(
            Context.Cloud,
            Context.TenantId,
            Context.SubscriptionId,
            new Azure.Identity.ClientSecretCredential(Context.TenantId, clientId, clientSecret, new Azure.Identity.ClientSecretCredentialOptions
            {
                AuthorityHost = Context.Cloud.AuthorityHost,
                DisableInstanceDiscovery = true,
                Transport = Context.Transport,
            }),
            Context.Method,
            $"client secret of {clientId} (test)",
            Context.Transport,
            Context.Trust,
            Context.Redactor);
        return AzureClients.Create(context, CallLog.Enqueue);
    }

    /// <summary>The journal's last sequence number, to assert on what happened after it.</summary>
    public async Task<long> JournalMarkAsync()
    {
        var entries = await Emulator.JournalAsync();
        return entries.Count == 0 ? 0 : (long)entries[^1]!["seq"]!;
    }

    /// <summary>The Azure requests (method and URL) the emulator saw after <paramref name="mark"/>.</summary>
    public async Task<IReadOnlyList<(string Method, string Url, int Status)>> RequestsSinceAsync(long mark) =>
        (await Emulator.JournalAsync(mark))
            .Select(e => ((string)e!["method"]!, (string)e["url"]!, (int)e["status"]!))
            .ToList();
}
