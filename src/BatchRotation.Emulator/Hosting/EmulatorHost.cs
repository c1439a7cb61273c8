using System.Net;
using System.Security.Cryptography.X509Certificates;
using BatchRotation.Emulator.Arm;
using BatchRotation.Emulator.Batch;
using BatchRotation.Emulator.Control;
using BatchRotation.Emulator.Identity;
using BatchRotation.Emulator.Infrastructure;
using BatchRotation.Emulator.KeyVault;
using BatchRotation.Emulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BatchRotation.Emulator.Hosting;

/// <summary>
/// A running emulator: HTTPS on 127.0.0.1 with its own certificate, every Azure API it twins, and the
/// certificate and environment file written out. Used by the command line and by test fixtures.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, EmulatorRuntime runtime, X509Certificate2 certificate, EmulatorEnvironment environment, string environmentFile)
    {
        _app = app;
        Runtime = runtime;
        Certificate = certificate;
        Environment = environment;
        EnvironmentFile = environmentFile;
    }

    public EmulatorRuntime Runtime { get; }

    public X509Certificate2 Certificate { get; }

    public EmulatorEnvironment Environment { get; }

    public string EnvironmentFile { get; }

    public Uri Endpoint => Runtime.Endpoint;

    /// <summary>Cancelled when the host is asked to stop (Ctrl+C, SIGTERM), before it stops.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        var state = (options.StateFile is { } stateFile ? StatePersistence.Load(stateFile) : null) ?? Seed.Create(DateTimeOffset.UtcNow);
        var runtime = new EmulatorRuntime(options, state);
        var certificate = TlsCertificate.Create();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate));
        });
        builder.Logging.ClearProviders();
        if (options.VerboseLogging) builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
        builder.Services.AddSingleton(runtime);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = null);

        var app = builder.Build();
        app.UseMiddleware<AzureFrontDoorMiddleware>();
        EntraEndpoints.Map(app);
        ArmEndpoints.Map(app);
        KeyVaultEndpoints.Map(app);
        BatchEndpoints.Map(app);
        ControlEndpoints.Map(app);
        FallbackEndpoints.Map(app);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        runtime.Endpoint = new Uri($"https://127.0.0.1:{new Uri(address).Port}/");

        Directory.CreateDirectory(options.OutputDirectory);
        var certificateFile = Path.Combine(options.OutputDirectory, EmulatorEnvironment.CertificateFileName);
        TlsCertificate.WritePem(certificate, certificateFile);
        Principal principal;
        lock (state.Sync)
        {
            principal = state.Principals[state.DefaultPrincipalId];
        }
        var endpoint = runtime.Endpoint.ToString();
        var environment = new EmulatorEnvironment
        {
            ResourceManagerUrl = endpoint,
            AuthorityHost = endpoint,
            TenantId = state.TenantId,
            SubscriptionId = state.SubscriptionIds[0],
            ClientId = principal.ClientId,
            ClientSecret = principal.ClientSecret!,
            PrincipalId = principal.PrincipalId,
            CertificateFile = certificateFile,
            ControlUrl = endpoint + "_emulator/",
        };
        var environmentFile = Path.Combine(options.OutputDirectory, EmulatorEnvironment.FileName);
        environment.Write(environmentFile);
        return new EmulatorHost(app, runtime, certificate, environment, environmentFile);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        if (Runtime.Options.StateFile is { } stateFile) StatePersistence.Save(Runtime.State, stateFile);
        await _app.DisposeAsync();
        Runtime.Dispose();
        Certificate.Dispose();
    }
}
