using System.Text.Json;
using System.Text.Json.Serialization;
using BatchRotation.Emulator.Identity;

namespace BatchRotation.Emulator.Hosting;

/// <summary>
/// The environment file the emulator writes (<c>emulator.env.json</c>): its endpoints and a ready
/// sign-in, in the shape the module's <c>Connect-BatchRotation -EnvironmentFile</c> reads.
/// </summary>
public sealed record EmulatorEnvironment
{
    public const string FileName = "emulator.env.json";
    public const string CertificateFileName = "emulator-cert.pem";

    public string Name { get; init; } = "BatchRotationEmulator";
    public required string ResourceManagerUrl { get; init; }
    public required string AuthorityHost { get; init; }
    public string ResourceManagerAudience { get; init; } = Audiences.ResourceManager;
    public string KeyVaultAudience { get; init; } = Audiences.KeyVault;
    public string KeyVaultDnsSuffix { get; init; } = "vault.azure.net";
    public string BatchAudience { get; init; } = Audiences.Batch;
    public required string TenantId { get; init; }
    public required string SubscriptionId { get; init; }
    public required string ClientId { get; init; }
    public required string ClientSecret { get; init; }
    public required string PrincipalId { get; init; }
    public required string CertificateFile { get; init; }
    public required string ControlUrl { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Options) + "\n");

    public static EmulatorEnvironment Read(string path) =>
        JsonSerializer.Deserialize<EmulatorEnvironment>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"'{path}' is empty.");
}
