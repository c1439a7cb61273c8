using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace BatchRotation.Emulator.KeyVault;

/// <summary>
/// Key Vault's wire shapes (snake_case policy, unix-time attributes, ids as full URLs), property for
/// property as the real service sends them (see the recorded <c>VerifyGetCertificateCompleted</c> session).
/// </summary>
public static class KeyVaultJson
{
    public static long Unix(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static JsonObject Attributes(KeyVaultVault vault, ObjectAttributes attributes, bool? exportable = null)
    {
        var json = new JsonObject { ["enabled"] = attributes.Enabled };
        if (attributes.NotBefore is { } nbf) json["nbf"] = Unix(nbf);
        if (attributes.Expires is { } exp) json["exp"] = Unix(exp);
        json["created"] = Unix(attributes.Created);
        json["updated"] = Unix(attributes.Updated);
        json["recoveryLevel"] = vault.RecoveryLevel;
        if (vault.RecoverableDays > 0) json["recoverableDays"] = vault.RecoverableDays;
        if (exportable is { } e) json["exportable"] = e;
        return json;
    }

    public static JsonObject? Tags(Dictionary<string, string>? tags)
    {
        if (tags is null) return null;
        var json = new JsonObject();
        foreach (var (name, value) in tags) json[name] = value;
        return json;
    }

    public static JsonObject Policy(KeyVaultVault vault, CertificateEntry certificate)
    {
        var json = new JsonObject { ["id"] = vault.Url("certificates", certificate.Name) + "/policy" };
        foreach (var (name, value) in certificate.Policy) json[name] = value?.DeepClone();
        json["attributes"] = new JsonObject
        {
            ["enabled"] = true,
            ["created"] = Unix(certificate.PolicyCreated),
            ["updated"] = Unix(certificate.PolicyUpdated),
        };
        return json;
    }

    /// <summary>A certificate bundle; the latest (versionless GET, create/import/update answers) also carries the policy and the pending link.</summary>
    public static JsonObject Certificate(KeyVaultVault vault, CertificateEntry certificate, CertificateVersion version, bool withPolicy)
    {
        var json = new JsonObject
        {
            ["id"] = vault.Url("certificates", certificate.Name, version.Version),
            ["kid"] = vault.Url("keys", certificate.Name, version.Version),
            ["sid"] = vault.Url("secrets", certificate.Name, version.Version),
        };
        if (version.Thumbprint is not null) json["x5t"] = CertificateFactory.X5t(version.Thumbprint);
        if (version.Cer is not null) json["cer"] = version.Cer;
        json["attributes"] = Attributes(vault, version.Attributes);
        if (Tags(version.Tags) is { } tags) json["tags"] = tags;
        if (withPolicy)
        {
            json["policy"] = Policy(vault, certificate);
            if (certificate.Operation is not null) json["pending"] = new JsonObject { ["id"] = vault.Url("certificates", certificate.Name) + "/pending" };
        }
        return json;
    }

    public static JsonObject CertificateItem(KeyVaultVault vault, CertificateEntry certificate, CertificateVersion version, bool versioned)
    {
        var json = new JsonObject
        {
            ["id"] = versioned ? vault.Url("certificates", certificate.Name, version.Version) : vault.Url("certificates", certificate.Name),
        };
        if (version.Thumbprint is not null) json["x5t"] = CertificateFactory.X5t(version.Thumbprint);
        json["attributes"] = Attributes(vault, version.Attributes);
        if (Tags(version.Tags) is { } tags) json["tags"] = tags;
        return json;
    }

    public static JsonObject Operation(KeyVaultVault vault, CertificateEntry certificate, CertificateOperationState operation)
    {
        var json = new JsonObject
        {
            ["id"] = vault.Url("certificates", certificate.Name) + "/pending",
            ["issuer"] = new JsonObject { ["name"] = operation.IssuerName },
            ["csr"] = operation.Csr,
            ["cancellation_requested"] = operation.CancellationRequested,
            ["status"] = operation.Status,
        };
        if (operation.StatusDetails is not null) json["status_details"] = operation.StatusDetails;
        if (operation.ErrorCode is not null) json["error"] = new JsonObject { ["code"] = operation.ErrorCode, ["message"] = operation.ErrorMessage };
        if (operation.Status == "completed") json["target"] = vault.Url("certificates", certificate.Name);
        json["request_id"] = operation.RequestId;
        return json;
    }

    public static JsonObject Secret(KeyVaultVault vault, SecretEntry secret, SecretVersion version)
    {
        var json = new JsonObject { ["value"] = version.Value };
        if (version.ContentType is not null) json["contentType"] = version.ContentType;
        json["id"] = vault.Url("secrets", secret.Name, version.Version);
        if (secret.Managed) json["managed"] = true;
        json["attributes"] = Attributes(vault, version.Attributes);
        if (Tags(version.Tags) is { } tags) json["tags"] = tags;
        if (secret.Managed) json["kid"] = vault.Url("keys", secret.Name, version.Version);
        return json;
    }

    /// <summary>A secret's metadata without its value (answers to PATCH and list items).</summary>
    public static JsonObject SecretItem(KeyVaultVault vault, SecretEntry secret, SecretVersion version, bool versioned)
    {
        var json = new JsonObject
        {
            ["id"] = versioned ? vault.Url("secrets", secret.Name, version.Version) : vault.Url("secrets", secret.Name),
            ["attributes"] = Attributes(vault, version.Attributes),
        };
        if (Tags(version.Tags) is { } tags) json["tags"] = tags;
        if (version.ContentType is not null) json["contentType"] = version.ContentType;
        if (secret.Managed) json["managed"] = true;
        return json;
    }

    public static JsonObject Key(KeyVaultVault vault, KeyEntry key, KeyVersion version)
    {
        var json = new JsonObject
        {
            ["key"] = JsonWebKey(vault.Url("keys", key.Name, version.Version), version),
            ["attributes"] = Attributes(vault, version.Attributes, version.Exportable ? true : null),
        };
        if (Tags(version.Tags) is { } tags) json["tags"] = tags;
        if (key.Managed) json["managed"] = true;
        return json;
    }

    public static JsonObject KeyItem(KeyVaultVault vault, KeyEntry key, KeyVersion version, bool versioned)
    {
        var json = new JsonObject
        {
            ["kid"] = versioned ? vault.Url("keys", key.Name, version.Version) : vault.Url("keys", key.Name),
            ["attributes"] = Attributes(vault, version.Attributes, version.Exportable ? true : null),
        };
        if (Tags(version.Tags) is { } tags) json["tags"] = tags;
        if (key.Managed) json["managed"] = true;
        return json;
    }

    /// <summary>The public part of a key as a JSON Web Key.</summary>
    public static JsonObject JsonWebKey(string kid, KeyVersion version)
    {
        var json = new JsonObject
        {
            ["kid"] = kid,
            ["kty"] = version.Kty,
            ["key_ops"] = new JsonArray(version.KeyOps.Select(o => (JsonNode)o).ToArray()),
        };
        var pkcs8 = Convert.FromBase64String(version.PrivateKeyPkcs8);
        if (version.Kty.StartsWith("EC", StringComparison.Ordinal))
        {
            using var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8, out _);
            var parameters = ec.ExportParameters(false);
            json["crv"] = version.Curve;
            json["x"] = Base64Url(parameters.Q.X!);
            json["y"] = Base64Url(parameters.Q.Y!);
        }
        else
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            var parameters = rsa.ExportParameters(false);
            json["n"] = Base64Url(parameters.Modulus!);
            json["e"] = Base64Url(parameters.Exponent!);
        }
        return json;
    }

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(padded);
    }
}
