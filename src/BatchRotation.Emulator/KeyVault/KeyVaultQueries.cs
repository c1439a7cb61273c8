using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Identity;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.KeyVault;

/// <summary>
/// What a Key Vault VM extension on a node got when it fetched one observed URL. <see cref="Status"/> is the
/// HTTP status Key Vault answered, or 0 when no request reached a vault (bad URL, host that does not resolve).
/// </summary>
public sealed record SecretFetch(
    bool Succeeded,
    int Status,
    string? ErrorCode,
    string? ErrorMessage,
    string? VaultName,
    string? SecretName,
    string? Version,
    string? Thumbprint /* SHA-1 hex upper */,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter);

/// <summary>A key version as the ARM side needs it for <c>Microsoft.KeyVault/vaults/keys</c> responses.</summary>
public sealed record KeyVersionInfo(
    string KeyUri,
    string KeyUriWithVersion,
    string Version,
    string Kty,
    int? KeySize,
    string? Curve,
    IReadOnlyList<string> KeyOps,
    bool Enabled,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    DateTimeOffset? NotBefore,
    DateTimeOffset? Expires);

/// <summary>
/// The Key Vault data plane as other parts of the emulator see it (the Batch node simulation, the ARM
/// side). Every method must be called under <c>runtime.State.Sync</c>.
/// </summary>
public static class KeyVaultQueries
{
    /// <summary>
    /// Fetches an observed certificate URL as the Key Vault VM extension does, authenticated as a node's
    /// managed identity. Applies pending AutoRenew first. <paramref name="url"/> is the observed URL exactly
    /// as configured on the pool: only <c>https://{emulator host:port}/keyvault/{vault}/secrets/{name}[/{version}]</c>
    /// can succeed; a versionless URL gets the latest version, a versioned URL that version.
    /// </summary>
    public static SecretFetch FetchSecretForExtension(EmulatorRuntime runtime, string principalId, string tenantId, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return Failure(0, "InvalidUrl", $"Refreshing '{url}' failed: the observed certificate URL is not an absolute https URL.");
        if (uri.Scheme != "https")
            return Failure(0, "InvalidUrl", $"Refreshing '{url}' failed: Key Vault accepts only https.");

        var endpoint = runtime.Endpoint;
        if (!uri.Host.Equals(endpoint.Host, StringComparison.OrdinalIgnoreCase) || uri.Port != endpoint.Port)
            return Failure(0, "HostNotFound", $"Refreshing '{url}' failed: could not resolve host '{uri.Host}' (Name or service not known).");

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || !segments[0].Equals("keyvault", StringComparison.OrdinalIgnoreCase))
            return Failure(0, "InvalidUrl", $"Refreshing '{url}' failed: the URL does not name a Key Vault object.");
        var vaultName = segments[1];
        var rest = segments[2..];
        if (rest.Length >= 1 && rest[0].Equals("certificates", StringComparison.OrdinalIgnoreCase))
            return Failure(0, "NotASecretUrl",
                $"Refreshing '{url}' failed: the observed certificate URL must use the /secrets/ path (https://<vault>/secrets/<name>[/<version>]); a /certificates/ URL carries no private key.",
                vaultName, rest.Length >= 2 ? rest[1] : null);
        if (rest.Length is < 2 or > 3 || !rest[0].Equals("secrets", StringComparison.OrdinalIgnoreCase))
            return Failure(0, "InvalidUrl", $"Refreshing '{url}' failed: the URL is not a Key Vault secret URL (https://<vault>/secrets/<name>[/<version>]).", vaultName);
        var secretName = rest[1];
        var version = rest.Length == 3 ? rest[2] : null;

        var vault = KeyVaultVault.Find(runtime, vaultName);
        if (vault is null)
        {
            var notFound = KeyVaultErrorsText.SecretNotFound(secretName, version);
            return Failure(404, notFound.Code, notFound.Message, vaultName, secretName, version);
        }
        KeyVaultStore.Advance(vault, runtime.Clock.UtcNow);

        var clientId = runtime.State.Principals.TryGetValue(principalId, out var principal) ? principal.ClientId : "";
        var caller = new KeyVaultCaller(principalId, tenantId, clientId);
        var read = ReadSecret(runtime, vault, caller, secretName, version);
        if (read.Failure is { } failure)
            return Failure(failure.Status, failure.Code, failure.Message, vault.Name, secretName, version);
        var secretVersion = read.Version!;
        return new SecretFetch(true, 200, null, null, vault.Name, read.Secret!.Name, secretVersion.Version,
            secretVersion.CertificateThumbprint, secretVersion.Attributes.NotBefore, secretVersion.Attributes.Expires);
    }

    /// <summary>Applies every due AutoRenew (and completes due issuances) in every vault. For simulations that tick.</summary>
    public static void ApplyAutoRenew(EmulatorRuntime runtime)
    {
        var now = runtime.Clock.UtcNow;
        foreach (var resource in runtime.State.Resources.Values.Where(r => r.Type.Equals(KeyVaultVault.ResourceType, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            if (KeyVaultVault.Find(runtime, resource.Name) is { } vault) KeyVaultStore.Advance(vault, now);
        }
    }

    /// <summary>The result of reading a secret: the secret and version, or Key Vault's refusal.</summary>
    public sealed record SecretRead(SecretEntry? Secret, SecretVersion? Version, KeyVaultFailure? Failure);

    /// <summary>
    /// <c>GET /secrets/{name}[/{version}]</c> as Key Vault decides it, shared by the HTTP endpoint and the
    /// extension model: authorization (tenant, access policy or RBAC at the secret's scope), then existence,
    /// then the disabled check.
    /// </summary>
    public static SecretRead ReadSecret(EmulatorRuntime runtime, KeyVaultVault vault, KeyVaultCaller caller, string name, string? version)
    {
        var denied = KeyVaultAccess.Authorize(runtime.State, vault, caller, KeyVaultPermission.SecretsGet, name, runtime.Endpoint.ToString());
        if (denied is not null) return new SecretRead(null, null, denied);
        if (!vault.Contents.Secrets.TryGetValue(name, out var secret))
            return new SecretRead(null, null, KeyVaultErrorsText.SecretNotFound(name, version));
        var secretVersion = string.IsNullOrEmpty(version) ? secret.Latest : secret.Find(version);
        if (secretVersion is null)
            return new SecretRead(null, null, KeyVaultErrorsText.SecretNotFound(name, version));
        if (!secretVersion.Attributes.Enabled)
            return new SecretRead(secret, secretVersion, KeyVaultErrorsText.Disabled("get", "secret"));
        return new SecretRead(secret, secretVersion, null);
    }

    /// <summary>
    /// Creates a new key version in a vault as the data plane's <c>POST /keys/{name}/create</c> does (also
    /// recorded with the ARM side's key resources). Key versions made through ARM need no call: the data
    /// plane picks them up from ARM's <c>Microsoft.KeyVault/vaults/keys/versions</c> resources. Throws <see cref="KeyVaultBadParameterException"/>
    /// for an invalid kty, size, curve or operation, <see cref="KeyVaultConflictException"/> when the name
    /// is a certificate's key, and <see cref="InvalidOperationException"/> when there is no such vault.
    /// </summary>
    public static KeyVersionInfo CreateKeyVersion(EmulatorRuntime runtime, string vaultName, string keyName, string kty, int? keySize = null, string? curveName = null,
        IReadOnlyList<string>? keyOps = null, bool enabled = true, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null, IReadOnlyDictionary<string, string>? tags = null)
    {
        var vault = KeyVaultVault.Find(runtime, vaultName) ?? throw new InvalidOperationException($"There is no vault named '{vaultName}'.");
        if (!KeyVaultStore.IsValidName(keyName)) throw new KeyVaultBadParameterException($"The request URI contains an invalid name: {keyName}");
        var created = KeyVaultStore.CreateKeyVersion(runtime.State, vault, keyName, kty, keySize, curveName, keyOps, enabled, notBefore, expires,
            tags is null ? null : new Dictionary<string, string>(tags), runtime.Clock.UtcNow);
        return Info(vault, keyName, created);
    }

    /// <summary>A key version (the latest when <paramref name="version"/> is null) for the ARM side's GET; null when absent.</summary>
    public static KeyVersionInfo? GetKeyVersion(EmulatorRuntime runtime, string vaultName, string keyName, string? version = null)
    {
        var vault = KeyVaultVault.Find(runtime, vaultName);
        if (vault is null || !vault.Contents.Keys.TryGetValue(keyName, out var key)) return null;
        var keyVersion = version is null ? key.Latest : key.Find(version);
        return keyVersion is null ? null : Info(vault, key.Name, keyVersion);
    }

    /// <summary>Every version of a key, oldest first (empty when absent), for the ARM side's key versions list.</summary>
    public static IReadOnlyList<KeyVersionInfo> ListKeyVersions(EmulatorRuntime runtime, string vaultName, string keyName)
    {
        var vault = KeyVaultVault.Find(runtime, vaultName);
        if (vault is null || !vault.Contents.Keys.TryGetValue(keyName, out var key)) return [];
        return key.Versions.Select(v => Info(vault, key.Name, v)).ToList();
    }

    private static KeyVersionInfo Info(KeyVaultVault vault, string keyName, KeyVersion version) => new(
        vault.Url("keys", keyName),
        vault.Url("keys", keyName, version.Version),
        version.Version,
        version.Kty,
        version.KeySize,
        version.Curve,
        version.KeyOps,
        version.Attributes.Enabled,
        version.Attributes.Created,
        version.Attributes.Updated,
        version.Attributes.NotBefore,
        version.Attributes.Expires);

    private static SecretFetch Failure(int status, string code, string message, string? vaultName = null, string? secretName = null, string? version = null) =>
        new(false, status, code, message, vaultName, secretName, version, null, null, null);
}

/// <summary>Key Vault's own texts for the common refusals.</summary>
public static class KeyVaultErrorsText
{
    public const string NotFoundHelpLink = "https://go.microsoft.com/fwlink/?linkid=2125182";

    public static KeyVaultFailure NotFound(string code, string kind, string name, string? version) =>
        new(404, code,
            $"A {kind} with (name/id) {(string.IsNullOrEmpty(version) ? name : name + "/" + version)} was not found in this key vault. If you recently deleted this {kind} you may be able to recover it using the correct recovery command. For help resolving this issue, please see {NotFoundHelpLink}");

    public static KeyVaultFailure SecretNotFound(string name, string? version = null) => NotFound("SecretNotFound", "secret", name, version);

    public static KeyVaultFailure CertificateNotFound(string name, string? version = null) => NotFound("CertificateNotFound", "certificate", name, version);

    public static KeyVaultFailure KeyNotFound(string name, string? version = null) => NotFound("KeyNotFound", "key", name, version);

    /// <summary>403 for an operation on a disabled object, e.g. "Operation get is not allowed on a disabled secret."</summary>
    public static KeyVaultFailure Disabled(string operation, string kind) =>
        new(403, "Forbidden", $"Operation {operation} is not allowed on a disabled {kind}.", kind switch
        {
            "secret" => "SecretDisabled",
            "key" => "KeyDisabled",
            _ => "CertificateDisabled",
        });
}
