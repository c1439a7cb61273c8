using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using BatchRotation.Emulator.Hosting;

namespace BatchRotation.Emulator.Tests.Infrastructure;

/// <summary>
/// One emulator per test class (use it as <c>IClassFixture&lt;EmulatorFixture&gt;</c>), on a free port, with Azure.Core pipelines that sign in through
/// Azure.Identity exactly as the module does and trust only the emulator's own certificate.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private readonly string _outputDirectory = Path.Combine(Path.GetTempPath(), "batchrotation-emulator-tests", Guid.NewGuid().ToString("N"));

    public EmulatorHost Host { get; private set; } = null!;

    public EmulatorEnvironment Environment => Host.Environment;

    public Uri Endpoint => Host.Endpoint;

    /// <summary>A client for unauthenticated calls and the control surface.</summary>
    public HttpClient Http { get; private set; } = null!;

    public TokenCredential Credential { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, OutputDirectory = _outputDirectory });
        Http = new HttpClient(PinnedHandler(Host.Certificate)) { BaseAddress = Host.Endpoint };
        Credential = CredentialFor(Environment.ClientId, Environment.ClientSecret);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        try { Directory.Delete(_outputDirectory, recursive: true); } catch (IOException) { }
    }

    public TokenCredential CredentialFor(string clientId, string clientSecret) =>
        new ClientSecretCredential(Environment.TenantId, clientId, clientSecret, new ClientSecretCredentialOptions
        {
            AuthorityHost = new Uri(Environment.AuthorityHost),
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(PinnedHandler(Host.Certificate)),
            Retry = { MaxRetries = 0 },
        });

    /// <summary>An Azure.Core pipeline for one audience (ARM, Key Vault, Batch).</summary>
    public HttpPipeline Pipeline(string audience, TokenCredential? credential = null, int maxRetries = 3) =>
        HttpPipelineBuilder.Build(
            new PipelineOptions(Host.Certificate, maxRetries),
            new BearerTokenAuthenticationPolicy(credential ?? Credential, audience.TrimEnd('/') + "/.default"));

    public HttpPipeline ArmPipeline(TokenCredential? credential = null) => Pipeline(Environment.ResourceManagerAudience, credential);

    public HttpPipeline KeyVaultPipeline(TokenCredential? credential = null) => Pipeline(Environment.KeyVaultAudience, credential);

    public HttpPipeline BatchPipeline(TokenCredential? credential = null) => Pipeline(Environment.BatchAudience, credential);

    public Task<HttpResponseMessage> ControlAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, "_emulator/" + path.TrimStart('/'));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return Http.SendAsync(request);
    }

    public async Task<JsonArray> JournalAsync(long since = 0)
    {
        var response = await ControlAsync(HttpMethod.Get, $"journal?since={since}");
        response.EnsureSuccessStatusCode();
        return (JsonArray)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Trusts exactly the emulator's certificate: the presented one must be it, chain errors aside.</summary>
    public static HttpClientHandler PinnedHandler(X509Certificate2 pinned) => new()
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, errors) =>
            presented is not null
            && presented.RawData.AsSpan().SequenceEqual(pinned.RawData)
            && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None,
    };

    private sealed class PipelineOptions : ClientOptions
    {
        public PipelineOptions(X509Certificate2 pinned, int maxRetries)
        {
            Transport = new HttpClientTransport(PinnedHandler(pinned));
            Retry.MaxRetries = maxRetries;
            Retry.Delay = TimeSpan.FromMilliseconds(50);
            Retry.MaxDelay = TimeSpan.FromSeconds(2);
        }
    }
}
