using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.KeyVault;

namespace BatchRotation.Emulator.Batch;

/// <summary>
/// What the Key Vault VM extension on a node does when it runs: pick the managed identity as IMDS would
/// (from <c>authenticationSettings.msiClientId</c>, among the identities the node was created with), then
/// fetch every observed URL from Key Vault as that identity through
/// <see cref="KeyVaultQueries.FetchSecretForExtension"/>, and keep what it got.
/// </summary>
public static class KeyVaultExtensionRun
{
    public const string ImdsIdentityNotFound = "{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}";
    public const string ImdsMultipleIdentities = "{\"error\":\"invalid_request\",\"error_description\":\"Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request\"}";
    public const string MissingAuthConfig = "Attempt to get non-existent AuthConfig";

    /// <summary>
    /// Downloads every observed certificate at simulated time <paramref name="first"/> (for a run that stands
    /// for several due polls, <paramref name="last"/> is the latest). Returns null on success, else the
    /// first failure as the extension reports it.
    /// </summary>
    public static string? Download(EmulatorRuntime runtime, NodeSimulation node, NodeExtensionSimulation extension,
        KeyVaultExtensionSettings settings, DateTimeOffset first, DateTimeOffset last, Dictionary<string, SecretFetch> fetches)
    {
        var (identity, identityError) = PickIdentity(node, settings);
        string? firstError = identityError;
        foreach (var observed in settings.ObservedCertificates)
        {
            var holding = extension.Certificates.FirstOrDefault(c => c.Url == observed.Url);
            if (holding is null)
            {
                holding = new CertificateHolding { Url = observed.Url };
                extension.Certificates.Add(holding);
            }
            holding.LastPolledAt = last;
            if (identity is null)
            {
                holding.LastError = identityError;
                holding.LastStatus = identityError == MissingAuthConfig ? null : 400;
                continue;
            }

            var key = $"{identity.PrincipalId}|{identity.TenantId}|{observed.Url}";
            if (!fetches.TryGetValue(key, out var fetch))
            {
                fetch = KeyVaultQueries.FetchSecretForExtension(runtime, identity.PrincipalId, identity.TenantId, observed.Url);
                fetches[key] = fetch;
            }
            holding.VaultName ??= fetch.VaultName;
            holding.SecretName ??= fetch.SecretName;
            holding.LastStatus = fetch.Status;
            if (!fetch.Succeeded)
            {
                var message = fetch.Status == 0
                    ? fetch.ErrorMessage ?? $"Refreshing '{observed.Url}' failed."
                    : $"Refreshing '{observed.Url}' failed: Key Vault answered {fetch.Status} {fetch.ErrorCode}: {fetch.ErrorMessage}";
                holding.LastError = message;
                firstError ??= message;
                continue;
            }
            holding.LastError = null;
            holding.VaultName = fetch.VaultName;
            holding.SecretName = fetch.SecretName;
            if (holding.Version != fetch.Version)
            {
                holding.Version = fetch.Version;
                holding.Thumbprint = fetch.Thumbprint;
                holding.NotBefore = fetch.NotBefore;
                holding.NotAfter = fetch.NotAfter;
                holding.DownloadedAt = first;
                if (fetch.Version is not null) holding.History.Add(fetch.Version);
            }
        }
        if (settings.ObservedCertificates.Count == 0 && identityError is not null) return identityError;
        return firstError;
    }

    /// <summary>The identity IMDS would use for the extension's token request, or the extension's error.</summary>
    private static (NodeIdentity? Identity, string? Error) PickIdentity(NodeSimulation node, KeyVaultExtensionSettings settings)
    {
        if (settings.Authentication is null)
        {
            // Without authenticationSettings the extension cannot choose among user-assigned identities.
            if (node.Identities.Count > 0) return (null, MissingAuthConfig);
            return (null, ImdsFailure(ImdsIdentityNotFound));
        }
        var clientId = settings.Authentication.MsiClientId;
        if (string.IsNullOrEmpty(clientId))
        {
            return node.Identities.Count switch
            {
                1 => (node.Identities[0], null),
                0 => (null, ImdsFailure(ImdsIdentityNotFound)),
                _ => (null, ImdsFailure(ImdsMultipleIdentities)),
            };
        }
        var identity = node.Identities.FirstOrDefault(i => string.Equals(i.ClientId, clientId, StringComparison.OrdinalIgnoreCase));
        return identity is null ? (null, ImdsFailure(ImdsIdentityNotFound)) : (identity, null);
    }

    private static string ImdsFailure(string body) =>
        $"Failed to acquire an access token for https://vault.azure.net from the managed identity endpoint: HTTP 400 {body}";
}
