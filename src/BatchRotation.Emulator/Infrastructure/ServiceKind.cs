namespace BatchRotation.Emulator.Infrastructure;

/// <summary>Which Azure service (or the emulator's own control surface) a request is for.</summary>
public enum ServiceKind
{
    Unknown,
    Entra,
    Arm,
    KeyVault,
    Batch,
    Imds,
    Control,
}

public static class ServiceRouting
{
    public const string KeyVaultPrefix = "/keyvault/";
    public const string BatchPrefix = "/batch/";
    public const string ControlPrefix = "/_emulator/";
    public const string ImdsPrefix = "/metadata/";

    public static ServiceKind Classify(PathString path)
    {
        var value = path.Value ?? "";
        if (value.StartsWith(ControlPrefix, StringComparison.OrdinalIgnoreCase) || value.Equals("/_emulator", StringComparison.OrdinalIgnoreCase)) return ServiceKind.Control;
        if (value.StartsWith("/subscriptions", StringComparison.OrdinalIgnoreCase) || value.StartsWith("/providers/", StringComparison.OrdinalIgnoreCase)) return ServiceKind.Arm;
        if (value.StartsWith(KeyVaultPrefix, StringComparison.OrdinalIgnoreCase)) return ServiceKind.KeyVault;
        if (value.StartsWith(BatchPrefix, StringComparison.OrdinalIgnoreCase)) return ServiceKind.Batch;
        if (value.StartsWith(ImdsPrefix, StringComparison.OrdinalIgnoreCase)) return ServiceKind.Imds;
        if (value.Contains("/oauth2/", StringComparison.OrdinalIgnoreCase)
            || value.Contains("/.well-known/", StringComparison.OrdinalIgnoreCase)
            || value.Contains("/discovery/", StringComparison.OrdinalIgnoreCase)) return ServiceKind.Entra;
        return ServiceKind.Unknown;
    }

    public static string ServiceName(ServiceKind kind) => kind switch
    {
        ServiceKind.Entra => "entra",
        ServiceKind.Arm => "arm",
        ServiceKind.KeyVault => "keyvault",
        ServiceKind.Batch => "batch",
        ServiceKind.Imds => "imds",
        ServiceKind.Control => "control",
        _ => "unknown",
    };
}
