using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using BatchRotation.Emulator.Arm.KeyVault;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.KeyVault;

/// <summary>
/// What Key Vault does to a vault's contents: certificate operations and their completion, AutoRenew,
/// imports, and the secret and key versions behind every certificate version. Call under <c>State.Sync</c>;
/// pass the simulated time (<c>runtime.Clock.UtcNow</c>).
/// </summary>
public static class KeyVaultStore
{
    /// <summary>How long a create with a self-issuing issuer takes by itself (simulated time), if nobody polls.</summary>
    public static readonly TimeSpan IssuanceDelay = TimeSpan.FromSeconds(10);

    /// <summary>How far before its creation a new certificate's notBefore lies (Key Vault backdates by 10 minutes).</summary>
    public static readonly TimeSpan NotBeforeSkew = TimeSpan.FromMinutes(10);

    /// <summary>At most this many overdue AutoRenew versions are issued one by one; beyond that one version is issued now.</summary>
    public const int MaxCatchUpRenewals = 25;

    public const string InProgressDetails = "Pending certificate created. Certificate request is in progress. This may take some time based on the issuer provider. Please check again later.";
    public const string MergeDetails = "Pending certificate created. Please Perform Merge to complete the request.";

    public static string NewVersion() => Guid.NewGuid().ToString("N");

    /// <summary>Key Vault's timestamps have whole seconds.</summary>
    public static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 127 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>
    /// Brings the vault to the simulated time: completes issuances that are due and applies every AutoRenew
    /// whose trigger has passed (a renewal issued late is dated at its trigger, as if it had happened then).
    /// </summary>
    public static void Advance(KeyVaultVault vault, DateTimeOffset now)
    {
        PurgeDue(vault.Contents.DeletedCertificates, d => d.ScheduledPurgeDate, now);
        PurgeDue(vault.Contents.DeletedSecrets, d => d.ScheduledPurgeDate, now);
        PurgeDue(vault.Contents.DeletedKeys, d => d.ScheduledPurgeDate, now);
        foreach (var certificate in vault.Contents.Certificates.Values)
        {
            if (certificate.Operation is { Status: "inProgress", CompletesAt: { } due } && due <= now)
            {
                CompleteOperation(vault, certificate, Seconds(due));
            }
            ApplyAutoRenew(vault, certificate, now);
        }
    }

    private static void PurgeDue<T>(Dictionary<string, T> deleted, Func<T, DateTimeOffset> purgeDate, DateTimeOffset now)
    {
        foreach (var name in deleted.Where(p => purgeDate(p.Value) <= now).Select(p => p.Key).ToList()) deleted.Remove(name);
    }

    private static void ApplyAutoRenew(KeyVaultVault vault, CertificateEntry certificate, DateTimeOffset now)
    {
        for (var issued = 0; ; issued++)
        {
            if (certificate.Operation is { Status: "inProgress" }) return;
            var latest = certificate.Versions.LastOrDefault(v => !v.Pending);
            if (latest?.Attributes.NotBefore is not { } notBefore || latest.Attributes.Expires is not { } expires) return;
            if (CertificateFactory.AutoRenewAt(certificate.Policy, notBefore, expires) is not { } at) return;
            at = Seconds(at);
            if (at <= latest.Attributes.Created) at = latest.Attributes.Created.AddSeconds(1);
            if (at > now) return;
            if (issued >= MaxCatchUpRenewals)
            {
                Renew(vault, certificate, Seconds(now));
                return;
            }
            Renew(vault, certificate, at);
        }
    }

    /// <summary>
    /// Starts a certificate operation (<c>POST /certificates/{name}/create</c>): a new, disabled version
    /// without content until the issuer completes it. Issuer Unknown waits for a merge.
    /// </summary>
    public static CertificateEntry StartCreate(KeyVaultVault vault, string name, JsonObject policy, bool enabled, Dictionary<string, string>? tags, DateTimeOffset now)
    {
        now = Seconds(now);
        if (!vault.Contents.Certificates.TryGetValue(name, out var certificate))
        {
            certificate = new CertificateEntry { Name = name, Policy = policy, PolicyCreated = now, PolicyUpdated = now };
            vault.Contents.Certificates[name] = certificate;
        }
        else
        {
            certificate.Policy = policy;
            certificate.PolicyUpdated = now;
        }
        var pkcs8 = NewKeyFor(vault.Contents, certificate, policy);
        var version = NewVersion();
        certificate.Versions.Add(new CertificateVersion
        {
            Version = version,
            Tags = tags,
            Attributes = new ObjectAttributes { Enabled = false, Created = now, Updated = now },
        });
        var issuer = CertificateFactory.IssuerName(policy);
        var canIssue = CertificateFactory.IssuerCanRenew(issuer);
        certificate.Operation = new CertificateOperationState
        {
            RequestId = NewVersion(),
            Version = version,
            IssuerName = issuer,
            Csr = CertificateFactory.CreateCsr(policy, pkcs8),
            PrivateKeyPkcs8 = Convert.ToBase64String(pkcs8),
            Status = "inProgress",
            StatusDetails = canIssue ? InProgressDetails : MergeDetails,
            Started = now,
            CompletesAt = canIssue ? now + IssuanceDelay : null,
            EnableWhenIssued = enabled,
        };
        return certificate;
    }

    /// <summary>
    /// A poll of <c>/pending</c>: a self-issued certificate in progress is issued on the first poll after the
    /// create (or after <see cref="IssuanceDelay"/> of simulated time, whichever comes first).
    /// </summary>
    public static void Poll(KeyVaultVault vault, CertificateEntry certificate, DateTimeOffset now)
    {
        if (certificate.Operation is { Status: "inProgress", CompletesAt: not null })
        {
            CompleteOperation(vault, certificate, Seconds(now));
        }
    }

    /// <summary>Issues the pending version of a self-issuing operation.</summary>
    public static void CompleteOperation(KeyVaultVault vault, CertificateEntry certificate, DateTimeOffset at)
    {
        var operation = certificate.Operation ?? throw new InvalidOperationException("No certificate operation to complete.");
        var pkcs8 = Convert.FromBase64String(operation.PrivateKeyPkcs8);
        var notBefore = at - NotBeforeSkew;
        var expires = at.AddMonths(ValidityMonths(certificate.Policy));
        using var issued = CertificateFactory.Issue(certificate.Policy, pkcs8, notBefore, expires);
        FillVersion(vault, certificate, operation.Version, issued, pkcs8, at);
        FinishOperation(certificate, operation, vault.Contents);
    }

    /// <summary>Completes an operation with the certificate chain the caller's CA issued for its CSR (<c>pending/merge</c>).</summary>
    public static void Merge(KeyVaultVault vault, CertificateEntry certificate, byte[] leafDer, DateTimeOffset now)
    {
        var operation = certificate.Operation ?? throw new InvalidOperationException("No certificate operation to merge.");
        var pkcs8 = Convert.FromBase64String(operation.PrivateKeyPkcs8);
        X509Certificate2 withKey;
        try
        {
            withKey = CertificateFactory.AttachKey(leafDer, pkcs8);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new KeyVaultBadParameterException("Public key from x5c parameter does not match with key of pending certificate request.");
        }
        using (withKey)
        {
            FillVersion(vault, certificate, operation.Version, withKey, pkcs8, Seconds(now));
        }
        FinishOperation(certificate, operation, vault.Contents);
    }

    private static void FinishOperation(CertificateEntry certificate, CertificateOperationState operation, VaultContents contents)
    {
        operation.Status = "completed";
        operation.StatusDetails = null;
        operation.PrivateKeyPkcs8 = "";
        if (!operation.EnableWhenIssued) SetEnabledEverywhere(certificate, operation.Version, false, contents);
    }

    /// <summary>Cancels an operation in progress: its version is dropped.</summary>
    public static void Cancel(CertificateEntry certificate)
    {
        if (certificate.Operation is not { Status: "inProgress" } operation) return;
        operation.CancellationRequested = true;
        operation.Status = "cancelled";
        operation.StatusDetails = null;
        operation.PrivateKeyPkcs8 = "";
        certificate.Versions.RemoveAll(v => v.Version == operation.Version && v.Pending);
    }

    /// <summary>A new version issued now (AutoRenew, or the control surface's renew), as Key Vault renews: same policy, new key unless reuse_key.</summary>
    public static CertificateVersion Renew(KeyVaultVault vault, CertificateEntry certificate, DateTimeOffset at)
    {
        at = Seconds(at);
        var pkcs8 = NewKeyFor(vault.Contents, certificate, certificate.Policy);
        var version = NewVersion();
        certificate.Versions.Add(new CertificateVersion
        {
            Version = version,
            Tags = certificate.Latest?.Tags is { } tags ? new Dictionary<string, string>(tags) : null,
            Attributes = new ObjectAttributes { Enabled = false, Created = at, Updated = at },
        });
        var notBefore = at - NotBeforeSkew;
        var expires = at.AddMonths(ValidityMonths(certificate.Policy));
        using var issued = CertificateFactory.Issue(certificate.Policy, pkcs8, notBefore, expires);
        FillVersion(vault, certificate, version, issued, pkcs8, at);
        certificate.Operation = new CertificateOperationState
        {
            RequestId = NewVersion(),
            Version = version,
            IssuerName = CertificateFactory.IssuerName(certificate.Policy),
            Csr = CertificateFactory.CreateCsr(certificate.Policy, pkcs8),
            PrivateKeyPkcs8 = "",
            Status = "completed",
            Started = at,
            CompletesAt = at,
        };
        return certificate.Versions[^1];
    }

    /// <summary>An imported certificate (with its key) as a new version; the policy is the one Key Vault derives.</summary>
    public static CertificateEntry Import(KeyVaultVault vault, string name, X509Certificate2 withKey, JsonObject policy, bool enabled, Dictionary<string, string>? tags, DateTimeOffset now)
    {
        now = Seconds(now);
        if (!vault.Contents.Certificates.TryGetValue(name, out var certificate))
        {
            certificate = new CertificateEntry { Name = name, Policy = policy, PolicyCreated = now, PolicyUpdated = now };
            vault.Contents.Certificates[name] = certificate;
        }
        else
        {
            certificate.Policy = policy;
            certificate.PolicyUpdated = now;
        }
        var version = NewVersion();
        certificate.Versions.Add(new CertificateVersion
        {
            Version = version,
            Tags = tags,
            Attributes = new ObjectAttributes { Enabled = enabled, Created = now, Updated = now },
        });
        FillVersion(vault, certificate, version, withKey, CertificateFactory.ExportPkcs8(withKey), now);
        if (!enabled) SetEnabledEverywhere(certificate, version, false, vault.Contents);
        return certificate;
    }

    /// <summary>Gives a version its certificate and creates the secret and key versions with the same version id.</summary>
    private static void FillVersion(KeyVaultVault vault, CertificateEntry certificate, string version, X509Certificate2 issued, byte[] pkcs8, DateTimeOffset at)
    {
        var entry = certificate.Find(version) ?? throw new InvalidOperationException($"Version {version} of {certificate.Name} is missing.");
        var notBefore = new DateTimeOffset(issued.NotBefore.ToUniversalTime());
        var expires = new DateTimeOffset(issued.NotAfter.ToUniversalTime());
        var thumbprint = CertificateFactory.Thumbprint(issued);
        entry.Cer = Convert.ToBase64String(issued.RawData);
        entry.Thumbprint = thumbprint;
        entry.Subject = issued.Subject;
        // Key Vault dates a version at its issuance (the recorded create: created = nbf + 10 minutes).
        entry.Attributes = new ObjectAttributes { Enabled = true, NotBefore = notBefore, Expires = expires, Created = at, Updated = at };

        using var withKey = issued.HasPrivateKey ? null : CertificateFactory.AttachKey(issued.RawData, pkcs8);
        var contentType = CertificateFactory.ContentType(certificate.Policy);
        var exportable = CertificateFactory.Exportable(certificate.Policy);
        var secretValue = CertificateFactory.SecretValue(withKey ?? issued, contentType, exportable);

        if (!vault.Contents.Secrets.TryGetValue(certificate.Name, out var secret))
        {
            secret = new SecretEntry { Name = certificate.Name, Managed = true };
            vault.Contents.Secrets[certificate.Name] = secret;
        }
        secret.Managed = true;
        secret.Versions.Add(new SecretVersion
        {
            Version = version,
            Value = secretValue,
            ContentType = contentType,
            CertificateThumbprint = thumbprint,
            Tags = entry.Tags is null ? null : new Dictionary<string, string>(entry.Tags),
            Attributes = new ObjectAttributes { Enabled = true, NotBefore = notBefore, Expires = expires, Created = at, Updated = at },
        });

        if (!vault.Contents.Keys.TryGetValue(certificate.Name, out var key))
        {
            key = new KeyEntry { Name = certificate.Name, Managed = true };
            vault.Contents.Keys[certificate.Name] = key;
        }
        key.Managed = true;
        var algorithm = CertificateFactory.KeyAlgorithmOf(pkcs8);
        var (kty, size, curve) = KeyShape(pkcs8, certificate.Policy);
        key.Versions.Add(new KeyVersion
        {
            Version = version,
            Kty = kty,
            KeySize = size,
            Curve = curve,
            KeyOps = KeyOpsForCertificate(certificate.Policy, algorithm),
            PrivateKeyPkcs8 = Convert.ToBase64String(pkcs8),
            Exportable = exportable,
            Tags = entry.Tags is null ? null : new Dictionary<string, string>(entry.Tags),
            Attributes = new ObjectAttributes { Enabled = true, NotBefore = notBefore, Expires = expires, Created = at, Updated = at },
        });
    }

    /// <summary>Enables or disables a certificate version together with its secret and key versions (Key Vault keeps them in step).</summary>
    public static void SetEnabledEverywhere(CertificateEntry certificate, string version, bool enabled, VaultContents? contents, DateTimeOffset? at = null)
    {
        var entry = certificate.Find(version);
        if (entry is null) return;
        entry.Attributes.Enabled = enabled;
        if (at is { } time) entry.Attributes.Updated = time;
        if (contents is null) return;
        if (contents.Secrets.TryGetValue(certificate.Name, out var secret) && secret.Find(version) is { } secretVersion)
        {
            secretVersion.Attributes.Enabled = enabled;
            if (at is { } t) secretVersion.Attributes.Updated = t;
        }
        if (contents.Keys.TryGetValue(certificate.Name, out var key) && key.Find(version) is { } keyVersion)
        {
            keyVersion.Attributes.Enabled = enabled;
            if (at is { } t) keyVersion.Attributes.Updated = t;
        }
    }

    /// <summary>The key for a new version: the latest issued version's key when the policy says reuse_key, else a new one.</summary>
    private static byte[] NewKeyFor(VaultContents contents, CertificateEntry certificate, JsonObject policy)
    {
        if (CertificateFactory.ReuseKey(policy)
            && certificate.Versions.LastOrDefault(v => !v.Pending) is { } previous
            && contents.Keys.TryGetValue(certificate.Name, out var key)
            && key.Find(previous.Version) is { PrivateKeyPkcs8.Length: > 0 } keyVersion)
        {
            return Convert.FromBase64String(keyVersion.PrivateKeyPkcs8);
        }
        return CertificateFactory.NewPrivateKey(policy);
    }

    public static int ValidityMonths(JsonObject policy) => (int?)policy["x509_props"]?["validity_months"] ?? 12;

    private static (string Kty, int? Size, string? Curve) KeyShape(byte[] pkcs8, JsonObject policy)
    {
        var hsm = ((string?)policy["key_props"]?["kty"])?.EndsWith("-HSM", StringComparison.Ordinal) == true;
        if (CertificateFactory.KeyAlgorithmOf(pkcs8) == "EC")
        {
            using var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8, out _);
            var curve = ec.KeySize switch { 384 => "P-384", 521 => "P-521", _ => (string?)policy["key_props"]?["crv"] ?? "P-256" };
            return (hsm ? "EC-HSM" : "EC", ec.KeySize, curve);
        }
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return (hsm ? "RSA-HSM" : "RSA", rsa.KeySize, null);
    }

    /// <summary>The key operations a certificate's key allows, from the policy's key usage.</summary>
    private static List<string> KeyOpsForCertificate(JsonObject policy, string algorithm)
    {
        var usage = (policy["x509_props"]?["key_usage"] as JsonArray ?? []).Select(u => ((string?)u ?? "").ToLowerInvariant()).ToHashSet();
        var ops = new List<string>();
        if (usage.Contains("digitalsignature") || usage.Contains("nonrepudiation") || usage.Count == 0) ops.AddRange(["sign", "verify"]);
        if (algorithm == "RSA")
        {
            if (usage.Contains("keyencipherment") || usage.Count == 0) ops.AddRange(["wrapKey", "unwrapKey"]);
            if (usage.Contains("dataencipherment") || usage.Count == 0) ops.AddRange(["encrypt", "decrypt"]);
        }
        return ops;
    }

    /// <summary>
    /// A new version of a (plain) key, as <c>POST /keys/{name}/create</c> makes it; the ARM side is told, so
    /// that <c>GET .../vaults/{v}/keys/{k}</c> shows it too.
    /// </summary>
    public static KeyVersion CreateKeyVersion(EmulatorState state, KeyVaultVault vault, string name, string kty, int? keySize, string? curve, IReadOnlyList<string>? keyOps,
        bool enabled, DateTimeOffset? notBefore, DateTimeOffset? expires, Dictionary<string, string>? tags, DateTimeOffset now)
    {
        now = Seconds(now);
        var contents = vault.Contents;
        if (contents.Keys.TryGetValue(name, out var existing) && existing.Managed)
            throw KeyVaultConflictException.Managed("create", "key");
        if (contents.DeletedKeys.ContainsKey(name) || contents.DeletedCertificates.ContainsKey(name))
            throw KeyVaultConflictException.DeletedName("key", name);
        var material = NewKeyMaterial(kty, keySize, curve);
        var ops = keyOps?.ToList() ?? material.DefaultOps;
        var known = new[] { "encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey", "import", "export" };
        foreach (var op in ops)
        {
            if (!known.Contains(op, StringComparer.Ordinal)) throw new KeyVaultBadParameterException($"Invalid key operation '{op}'.");
        }
        if (existing is null)
        {
            existing = new KeyEntry { Name = name };
            contents.Keys[name] = existing;
        }
        var version = new KeyVersion
        {
            Version = NewVersion(),
            Kty = kty,
            KeySize = material.Size,
            Curve = material.Curve,
            KeyOps = ops,
            PrivateKeyPkcs8 = Convert.ToBase64String(material.Pkcs8),
            Tags = tags,
            Attributes = new ObjectAttributes
            {
                Enabled = enabled,
                NotBefore = notBefore is { } nbf ? Seconds(nbf) : null,
                Expires = expires is { } exp ? Seconds(exp) : null,
                Created = now,
                Updated = now,
            },
        };
        existing.Versions.Add(version);
        RegisterKeyWithArm(state, vault, existing.Name, version, now);
        return version;
    }

    /// <summary>
    /// Key versions made through ARM (<c>PUT .../vaults/{v}/keys/{k}</c>, kept by the ARM side as
    /// <c>Microsoft.KeyVault/vaults/keys/versions</c> resources without key material) become data-plane key
    /// versions with the same version id, type, size or curve, operations and attributes, and a new private key.
    /// </summary>
    public static void SyncKeysFromArm(EmulatorState state, KeyVaultVault vault)
    {
        foreach (var resource in state.ListByType(VaultStore.KeyVersionType, vault.Id))
        {
            // {vaultId}/keys/{name}/versions/{version}
            var parts = resource.Id[(vault.Id.Length + 1)..].Split('/');
            if (parts.Length != 4) continue;
            var (name, version) = (parts[1], parts[3]);
            if (vault.Contents.Keys.TryGetValue(name, out var existing) && existing.Find(version) is not null) continue;
            if (existing is { Managed: true }) continue;
            var properties = resource.Body["properties"] as JsonObject ?? new JsonObject();
            var attributes = properties["attributes"] as JsonObject ?? new JsonObject();
            var kty = (string?)properties["kty"] ?? "RSA";
            var ops = (properties["keyOps"] as JsonArray)?.Select(o => (string?)o ?? "").Where(o => o.Length > 0).ToList();
            var material = NewKeyMaterial(kty, (int?)properties["keySize"], (string?)properties["curveName"]);
            if (existing is null)
            {
                existing = new KeyEntry { Name = name };
                vault.Contents.Keys[name] = existing;
            }
            var keyVersion = new KeyVersion
            {
                Version = version,
                Kty = kty,
                KeySize = material.Size,
                Curve = material.Curve,
                KeyOps = ops is { Count: > 0 } ? ops : material.DefaultOps,
                PrivateKeyPkcs8 = Convert.ToBase64String(material.Pkcs8),
                Exportable = attributes["exportable"] is JsonValue ev && ev.TryGetValue(out bool exportable) && exportable,
                Attributes = new ObjectAttributes
                {
                    Enabled = attributes["enabled"] is not JsonValue en || !en.TryGetValue(out bool enabled) || enabled,
                    NotBefore = attributes["nbf"] is JsonValue nbf && nbf.TryGetValue(out long n) ? DateTimeOffset.FromUnixTimeSeconds(n) : null,
                    Expires = attributes["exp"] is JsonValue exp && exp.TryGetValue(out long e) ? DateTimeOffset.FromUnixTimeSeconds(e) : null,
                    Created = Seconds(resource.CreatedAt),
                    Updated = Seconds(resource.ModifiedAt == default ? resource.CreatedAt : resource.ModifiedAt),
                },
            };
            var at = existing.Versions.FindIndex(v => v.Attributes.Created > keyVersion.Attributes.Created);
            if (at < 0) existing.Versions.Add(keyVersion);
            else existing.Versions.Insert(at, keyVersion);
        }
    }

    /// <summary>Records a key version made on the data plane with the ARM side, so that ARM's key reads show it.</summary>
    private static void RegisterKeyWithArm(EmulatorState state, KeyVaultVault vault, string name, KeyVersion version, DateTimeOffset now)
    {
        var attributes = new JsonObject { ["enabled"] = version.Attributes.Enabled };
        if (version.Attributes.NotBefore is { } nbf) attributes["nbf"] = nbf.ToUnixTimeSeconds();
        if (version.Attributes.Expires is { } exp) attributes["exp"] = exp.ToUnixTimeSeconds();
        var properties = new JsonObject
        {
            ["kty"] = version.Kty,
            ["keyOps"] = new JsonArray(version.KeyOps.Select(o => (JsonNode)o).ToArray()),
            ["attributes"] = attributes,
        };
        if (version.Curve is not null) properties["curveName"] = version.Curve;
        else if (version.KeySize is { } size) properties["keySize"] = size;
        VaultKeyStore.AddVersion(state, vault.Resource, name, properties, now, version.Version);
    }

    private sealed record KeyMaterial(byte[] Pkcs8, int Size, string? Curve, List<string> DefaultOps);

    private static KeyMaterial NewKeyMaterial(string kty, int? keySize, string? curve)
    {
        switch (kty)
        {
            case "RSA" or "RSA-HSM":
                var size = keySize ?? 2048;
                if (size is not (2048 or 3072 or 4096)) throw new KeyVaultBadParameterException($"Invalid key size {size}. RSA key sizes are 2048, 3072 or 4096.");
                using (var rsa = RSA.Create(size)) return new KeyMaterial(rsa.ExportPkcs8PrivateKey(), size, null, ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"]);
            case "EC" or "EC-HSM":
                var crv = curve ?? (keySize switch { 384 => "P-384", 521 => "P-521", _ => "P-256" });
                var ecCurve = CertificateFactory.CurveFor(crv) ?? throw new KeyVaultBadParameterException($"Invalid curve name '{crv}'. Supported curves are P-256, P-384, P-521 and P-256K.");
                using (var ec = ECDsa.Create(ecCurve)) return new KeyMaterial(ec.ExportPkcs8PrivateKey(), ec.KeySize, crv, ["sign", "verify"]);
            default:
                throw new KeyVaultBadParameterException($"Invalid key type '{kty}'. Supported key types are RSA, RSA-HSM, EC and EC-HSM.");
        }
    }

    /// <summary>A new version of a plain secret (<c>PUT /secrets/{name}</c>).</summary>
    public static SecretVersion SetSecret(VaultContents contents, string name, string value, string? contentType, bool enabled,
        DateTimeOffset? notBefore, DateTimeOffset? expires, Dictionary<string, string>? tags, DateTimeOffset now)
    {
        now = Seconds(now);
        if (contents.Secrets.TryGetValue(name, out var secret) && secret.Managed)
            throw KeyVaultConflictException.Managed("set", "secret");
        if (contents.DeletedSecrets.ContainsKey(name) || contents.DeletedCertificates.ContainsKey(name))
            throw KeyVaultConflictException.DeletedName("secret", name);
        if (secret is null)
        {
            secret = new SecretEntry { Name = name };
            contents.Secrets[name] = secret;
        }
        var version = new SecretVersion
        {
            Version = NewVersion(),
            Value = value,
            ContentType = contentType,
            Tags = tags,
            Attributes = new ObjectAttributes
            {
                Enabled = enabled,
                NotBefore = notBefore is { } nbf ? Seconds(nbf) : null,
                Expires = expires is { } exp ? Seconds(exp) : null,
                Created = now,
                Updated = now,
            },
        };
        secret.Versions.Add(version);
        return version;
    }
}

/// <summary>
/// Thrown for a request Key Vault refuses because of an object's state: 403 for an operation on a
/// certificate's own secret or key, 409 for a name in the deleted-but-recoverable state.
/// </summary>
public sealed class KeyVaultConflictException(KeyVaultFailure failure) : Exception(failure.Message)
{
    public KeyVaultFailure Failure { get; } = failure;

    public static KeyVaultConflictException Managed(string operation, string kind) =>
        new(new KeyVaultFailure(403, "Forbidden", $"Operation {operation} is not allowed on a managed {kind}."));

    public static KeyVaultConflictException DeletedName(string kind, string name) =>
        new(new KeyVaultFailure(409, "Conflict",
            $"{char.ToUpperInvariant(kind[0])}{kind[1..]} {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the {kind} can only be recovered or purged."));
}
