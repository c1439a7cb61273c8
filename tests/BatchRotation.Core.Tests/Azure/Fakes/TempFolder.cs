namespace BatchRotation.Core.Tests.Azure.Fakes;

/// <summary>A temporary folder deleted at dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "br-azure-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

/// <summary>Writes emulator environment files shaped like the emulator README's.</summary>
internal static class EnvironmentFiles
{
    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string Subscription = "6b085460-5f21-477e-ba44-1035046e9101";
    public const string Client = "0d3a4b5c-1111-2222-3333-444455556666";
    public const string Secret = "Em-SuperSecret~Value.123";
    public const string Principal = "9e8d7c6b-aaaa-bbbb-cccc-ddddeeeeffff";

    public static Dictionary<string, object?> Fields(string certificateFile, int port = 47443) => new()
    {
        ["name"] = "BatchRotationEmulator",
        ["resourceManagerUrl"] = $"https://127.0.0.1:{port}/",
        ["authorityHost"] = $"https://127.0.0.1:{port}/",
        ["resourceManagerAudience"] = "https://management.azure.com/",
        ["keyVaultAudience"] = "https://vault.azure.net",
        ["keyVaultDnsSuffix"] = "vault.azure.net",
        ["batchAudience"] = "https://batch.core.windows.net/",
        ["tenantId"] = Tenant,
        ["subscriptionId"] = Subscription,
        ["clientId"] = Client,
        ["clientSecret"] = Secret,
        ["principalId"] = Principal,
        ["certificateFile"] = certificateFile,
        ["controlUrl"] = $"https://127.0.0.1:{port}/_emulator/",
    };

    public static string Json(Dictionary<string, object?> fields) => System.Text.Json.JsonSerializer.Serialize(fields);
}
