using Azure.Core;
using Azure.Core.Pipeline;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Azure.SignIn;

namespace BatchRotation.Core.Tests.Azure.Fakes;

/// <summary>Builds pipelines and clients over a <see cref="FakeTransport"/> with fast retries and no real sleeping.</summary>
internal sealed class TestAzure
{
    public const string Sub = "00000000-0000-0000-0000-000000000001";
    public const string Rg = "rg1";
    public static readonly string AccountId = ArmResourceId.ForBatchAccount(Sub, Rg, "acct1");
    public static readonly string PoolId = ArmResourceId.ForPool(Sub, Rg, "acct1", "pool1");
    public static readonly string VaultId = ArmResourceId.ForVault(Sub, Rg, "vault1");
    public static readonly string IdentityId = ArmResourceId.ForUserAssignedIdentity(Sub, Rg, "uami1");

    public TestAzure(AzureCloud? cloud = null, Redactor? redactor = null)
    {
        Cloud = cloud ?? AzureCloud.AzurePublic;
        Redactor = redactor ?? Redactor.Default;
        Options = new AzureClientOptions
        {
            Pipeline = new AzurePipelineSettings
            {
                MaxRetries = 3,
                InitialDelay = TimeSpan.FromMilliseconds(1),
                MaxDelay = TimeSpan.FromMilliseconds(5),
                MaxServerDelay = TimeSpan.FromSeconds(5),
            },
            Delay = (delay, _) =>
            {
                lock (Delays)
                {
                    Delays.Add(delay);
                }

                return Task.CompletedTask;
            },
        };
    }

    public AzureCloud Cloud { get; }

    public Redactor Redactor { get; }

    public FakeTransport Transport { get; } = new();

    public FakeCredential Credential { get; } = new();

    public List<string> Verbose { get; } = new();

    /// <summary>The waits the clients asked for (long-running operation polls, conflict retries).</summary>
    public List<TimeSpan> Delays { get; } = new();

    public AzureClientOptions Options { get; set; }

    public BatchRotationContext Context() => new(
        Cloud, "11111111-1111-1111-1111-111111111111", Sub, Credential, SignInMethod.Default, "test credential", Transport, null, Redactor);

    public HttpPipeline Pipeline(AzureService service) =>
        AzurePipelineFactory.Create(Context(), service, Log, Options.Pipeline);

    public void Log(string line)
    {
        lock (Verbose)
        {
            Verbose.Add(line);
        }
    }

    public ArmRestClient Arm() => new(Pipeline(AzureService.ResourceManager), Cloud.ResourceManagerUrl, Redactor, Options, Log);

    public BatchManagementClient Batch() => new(Arm(), Cloud.ApiVersions.BatchManagement);

    public KeyVaultManagementClient Vaults() => new(Arm(), Cloud.ApiVersions.KeyVaultManagement);

    public AuthorizationClient Authorization(Func<Guid>? names = null) =>
        new(Arm(), Cloud.ApiVersions.Authorization, names ?? Guid.NewGuid);

    public ManagedIdentityClient Identities() => new(Arm(), Cloud.ApiVersions.ManagedIdentity);

    public KeyVaultCertificateClient Certificates() => new(Pipeline(AzureService.KeyVault), Cloud.ApiVersions.KeyVaultData, Redactor, Options);

    public BatchNodeClient Nodes() => new(Pipeline(AzureService.Batch), Cloud.ApiVersions.BatchData, Redactor, Options);
}
