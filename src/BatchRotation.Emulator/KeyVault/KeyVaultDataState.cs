using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BatchRotation.Emulator.KeyVault;

/// <summary>
/// The Key Vault data plane's state: what each vault holds. Persisted with the rest of the state, so
/// every type here is plain data (public get/set, no cycles); private keys are kept as base64 PKCS#8.
/// Call everything under <c>EmulatorState.Sync</c>.
/// </summary>
public sealed class KeyVaultDataState
{
    /// <summary>The contents of each vault, by vault name (case-insensitive, as vault names are).</summary>
    public Dictionary<string, VaultContents> Vaults { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Forgets every vault's contents (the control surface's reset).</summary>
    public void Clear() => Vaults.Clear();

    /// <summary>
    /// The contents of the vault with this name and ARM creation time. A vault deleted and created
    /// again through ARM is a new vault: its old contents are dropped.
    /// </summary>
    public VaultContents For(string vaultName, DateTimeOffset vaultCreatedAt)
    {
        if (!Vaults.TryGetValue(vaultName, out var contents) || contents.VaultCreatedAt != vaultCreatedAt)
        {
            contents = new VaultContents { VaultCreatedAt = vaultCreatedAt };
            Vaults[vaultName] = contents;
        }
        return contents;
    }
}

/// <summary>Certificates, secrets and keys of one vault, each by name (case-insensitive).</summary>
public sealed class VaultContents
{
    public DateTimeOffset VaultCreatedAt { get; set; }

    public Dictionary<string, CertificateEntry> Certificates { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, SecretEntry> Secrets { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, KeyEntry> Keys { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Soft-deleted certificates (with their secret and key), by name.</summary>
    public Dictionary<string, DeletedCertificate> DeletedCertificates { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Soft-deleted plain secrets, by name.</summary>
    public Dictionary<string, DeletedItem<SecretEntry>> DeletedSecrets { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Soft-deleted plain keys, by name.</summary>
    public Dictionary<string, DeletedItem<KeyEntry>> DeletedKeys { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Attributes every Key Vault object version has.</summary>
public sealed class ObjectAttributes
{
    public bool Enabled { get; set; } = true;
    public DateTimeOffset? NotBefore { get; set; }
    public DateTimeOffset? Expires { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset Updated { get; set; }
}

public sealed class CertificateEntry
{
    public required string Name { get; set; }

    /// <summary>The policy in Key Vault's wire shape (without <c>id</c> and <c>attributes</c>, which are added when sent).</summary>
    public required JsonObject Policy { get; set; }

    public DateTimeOffset PolicyCreated { get; set; }
    public DateTimeOffset PolicyUpdated { get; set; }

    /// <summary>Versions in creation order; the last is the latest.</summary>
    public List<CertificateVersion> Versions { get; init; } = [];

    /// <summary>The certificate operation (create or renewal) last started, completed or not.</summary>
    public CertificateOperationState? Operation { get; set; }

    [JsonIgnore]
    public CertificateVersion? Latest => Versions.Count == 0 ? null : Versions[^1];

    public CertificateVersion? Find(string version) =>
        Versions.FirstOrDefault(v => v.Version.Equals(version, StringComparison.OrdinalIgnoreCase));
}

public sealed class CertificateVersion
{
    public required string Version { get; set; }

    /// <summary>Base64 DER of the certificate; null while the version's issuance is still pending.</summary>
    public string? Cer { get; set; }

    /// <summary>SHA-1 thumbprint, hex upper case; null while pending.</summary>
    public string? Thumbprint { get; set; }

    public string? Subject { get; set; }

    public ObjectAttributes Attributes { get; set; } = new();

    public Dictionary<string, string>? Tags { get; set; }

    [JsonIgnore]
    public bool Pending => Cer is null;
}

/// <summary>A pending certificate operation (<c>/certificates/{name}/pending</c>).</summary>
public sealed class CertificateOperationState
{
    public required string RequestId { get; set; }

    /// <summary>The version the operation will complete (already listed, disabled, without <c>cer</c>).</summary>
    public required string Version { get; set; }

    public required string IssuerName { get; set; }

    /// <summary>Base64 PKCS#10 request for the key the certificate will carry.</summary>
    public required string Csr { get; set; }

    /// <summary>Base64 PKCS#8 of the new key (kept until the certificate is issued).</summary>
    public required string PrivateKeyPkcs8 { get; set; }

    /// <summary><c>inProgress</c>, <c>completed</c>, <c>cancelled</c> or <c>failed</c>.</summary>
    public string Status { get; set; } = "inProgress";

    public string? StatusDetails { get; set; }

    public bool CancellationRequested { get; set; }

    public DateTimeOffset Started { get; set; }

    /// <summary>When the operation completes by itself (simulated time); null = only by merge.</summary>
    public DateTimeOffset? CompletesAt { get; set; }

    /// <summary>Whether the version is enabled once issued (the create request's <c>attributes.enabled</c>).</summary>
    public bool EnableWhenIssued { get; set; } = true;

    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
}

public sealed class SecretEntry
{
    public required string Name { get; set; }

    /// <summary>True for a certificate's secret (managed by Key Vault; read-only through /secrets).</summary>
    public bool Managed { get; set; }

    public List<SecretVersion> Versions { get; init; } = [];

    [JsonIgnore]
    public SecretVersion? Latest => Versions.Count == 0 ? null : Versions[^1];

    public SecretVersion? Find(string version) =>
        Versions.FirstOrDefault(v => v.Version.Equals(version, StringComparison.OrdinalIgnoreCase));
}

public sealed class SecretVersion
{
    public required string Version { get; set; }
    public required string Value { get; set; }
    public string? ContentType { get; set; }
    public ObjectAttributes Attributes { get; set; } = new();
    public Dictionary<string, string>? Tags { get; set; }

    /// <summary>For a certificate's secret: the thumbprint (SHA-1 hex upper) of the certificate it holds.</summary>
    public string? CertificateThumbprint { get; set; }
}

public sealed class KeyEntry
{
    public required string Name { get; set; }

    /// <summary>True for a certificate's key (managed by Key Vault).</summary>
    public bool Managed { get; set; }

    public List<KeyVersion> Versions { get; init; } = [];

    [JsonIgnore]
    public KeyVersion? Latest => Versions.Count == 0 ? null : Versions[^1];

    public KeyVersion? Find(string version) =>
        Versions.FirstOrDefault(v => v.Version.Equals(version, StringComparison.OrdinalIgnoreCase));
}

public sealed class KeyVersion
{
    public required string Version { get; set; }

    /// <summary><c>RSA</c>, <c>RSA-HSM</c>, <c>EC</c> or <c>EC-HSM</c>.</summary>
    public required string Kty { get; set; }

    public int? KeySize { get; set; }

    /// <summary>EC curve (<c>P-256</c>, <c>P-384</c>, <c>P-521</c>, <c>P-256K</c>).</summary>
    public string? Curve { get; set; }

    public List<string> KeyOps { get; set; } = [];

    /// <summary>Base64 PKCS#8 private key.</summary>
    public required string PrivateKeyPkcs8 { get; set; }

    public bool Exportable { get; set; }

    public ObjectAttributes Attributes { get; set; } = new();

    public Dictionary<string, string>? Tags { get; set; }
}

public sealed class DeletedCertificate
{
    public required CertificateEntry Certificate { get; set; }
    public SecretEntry? Secret { get; set; }
    public KeyEntry? Key { get; set; }
    public DateTimeOffset DeletedDate { get; set; }
    public DateTimeOffset ScheduledPurgeDate { get; set; }
}

public sealed class DeletedItem<T>
{
    public required T Item { get; set; }
    public DateTimeOffset DeletedDate { get; set; }
    public DateTimeOffset ScheduledPurgeDate { get; set; }
}
