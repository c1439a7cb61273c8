using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BatchRotation.Emulator.Tests.Infrastructure;

/// <summary>What <see cref="KeyVaultSeeder.CreateCertificateAsync(EmulatorFixture, Uri, string, CertificateSeed?, HttpPipeline?)"/> creates. Every property has a useful default.</summary>
public sealed record CertificateSeed
{
    public string Subject { get; init; } = "CN=batchrotation.test";

    public string[] DnsNames { get; init; } = [];

    /// <summary><c>Self</c> (created by Key Vault, renewable) or <c>Unknown</c> (imported: never renews by itself).</summary>
    public string Issuer { get; init; } = "Self";

    /// <summary>A lifetime action of type AutoRenew (true) or EmailContacts (false).</summary>
    public bool AutoRenew { get; init; } = true;

    /// <summary>The trigger as a percentage of the lifetime (used unless <see cref="DaysBeforeExpiry"/> is set).</summary>
    public int LifetimePercentage { get; init; } = 80;

    /// <summary>The trigger as days before expiry; overrides <see cref="LifetimePercentage"/>.</summary>
    public int? DaysBeforeExpiry { get; init; }

    public int ValidityMonths { get; init; } = 12;

    /// <summary><c>application/x-pkcs12</c> or <c>application/x-pem-file</c>.</summary>
    public string ContentType { get; init; } = "application/x-pkcs12";

    /// <summary><c>RSA</c> or <c>EC</c>.</summary>
    public string KeyType { get; init; } = "RSA";

    public int KeySize { get; init; } = 2048;

    public bool Exportable { get; init; } = true;

    public bool Enabled { get; init; } = true;

    public Dictionary<string, string>? Tags { get; init; }

    /// <summary>The policy in Key Vault's wire shape.</summary>
    public JsonObject Policy()
    {
        var keyProps = new JsonObject { ["exportable"] = Exportable, ["kty"] = KeyType, ["reuse_key"] = false };
        if (KeyType.StartsWith("RSA", StringComparison.Ordinal)) keyProps["key_size"] = KeySize;
        else keyProps["crv"] = "P-256";
        var x509 = new JsonObject { ["subject"] = Subject, ["validity_months"] = ValidityMonths };
        if (DnsNames.Length > 0) x509["sans"] = new JsonObject { ["dns_names"] = new JsonArray(DnsNames.Select(d => (JsonNode)d).ToArray()) };
        var trigger = DaysBeforeExpiry is { } days ? new JsonObject { ["days_before_expiry"] = days } : new JsonObject { ["lifetime_percentage"] = LifetimePercentage };
        return new JsonObject
        {
            ["key_props"] = keyProps,
            ["secret_props"] = new JsonObject { ["contentType"] = ContentType },
            ["x509_props"] = x509,
            ["lifetime_actions"] = new JsonArray(new JsonObject
            {
                ["trigger"] = trigger,
                ["action"] = new JsonObject { ["action_type"] = AutoRenew ? "AutoRenew" : "EmailContacts" },
            }),
            ["issuer"] = new JsonObject { ["name"] = Issuer },
        };
    }
}

/// <summary>A certificate version as Key Vault reported it.</summary>
public sealed record SeededCertificate(
    string Name,
    string Version,
    Uri Id,
    Uri SecretId,
    Uri VersionlessSecretId,
    Uri KeyId,
    string Thumbprint /* SHA-1 hex upper */,
    string X5t,
    DateTimeOffset NotBefore,
    DateTimeOffset Expires,
    bool Enabled,
    JsonNode Bundle);

/// <summary>A Key Vault data-plane request that did not answer as expected.</summary>
public sealed class KeyVaultSeedException(string message, int status, JsonNode? body) : Exception(message)
{
    public int Status { get; } = status;
    public JsonNode? Body { get; } = body;
}

/// <summary>
/// Seeds certificates and secrets through the emulator's real Key Vault data plane (over HTTPS, signed in
/// as the environment's principal unless another pipeline is given; that principal needs the data-plane
/// permissions, which <see cref="ArmSeeder.CreateVaultAsync"/> grants by default). The vault is named by its
/// data-plane base URI (<see cref="SeededVault.VaultUri"/>). The control surface is used only for renew.
/// </summary>
public static class KeyVaultSeeder
{
    public const string ApiVersion = "7.5";

    public static Uri DataUri(Uri vaultUri, string path, string? extraQuery = null) =>
        new(EnsureSlash(vaultUri), path.TrimStart('/') + "?api-version=" + ApiVersion + (extraQuery is null ? "" : "&" + extraQuery));

    /// <summary>
    /// A certificate: issuer <c>Self</c> through <c>POST /certificates/{name}/create</c> and the pending
    /// operation (polled until completed); issuer <c>Unknown</c> by importing a locally made self-signed
    /// PFX with the seed's policy (Key Vault cannot issue for Unknown). Disabled afterwards when
    /// <see cref="CertificateSeed.Enabled"/> is false.
    /// </summary>
    public static async Task<SeededCertificate> CreateCertificateAsync(this EmulatorFixture fixture, Uri vaultUri, string name, CertificateSeed? seed = null, HttpPipeline? pipeline = null)
    {
        seed ??= new CertificateSeed();
        pipeline ??= fixture.KeyVaultPipeline();
        if (seed.Issuer.Equals("Unknown", StringComparison.OrdinalIgnoreCase))
        {
            using var local = NewSelfSignedCertificate(seed.Subject, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMonths(seed.ValidityMonths), seed.DnsNames);
            return await fixture.ImportCertificateAsync(vaultUri, name, local.Export(X509ContentType.Pkcs12), seed, password: null, pipeline);
        }

        var body = new JsonObject { ["policy"] = seed.Policy(), ["attributes"] = new JsonObject { ["enabled"] = true } };
        if (seed.Tags is not null) body["tags"] = Tags(seed.Tags);
        await SendAsync(pipeline, RequestMethod.Post, DataUri(vaultUri, $"certificates/{name}/create"), body, expected: 202);
        for (var attempt = 0; ; attempt++)
        {
            var operation = await SendAsync(pipeline, RequestMethod.Get, DataUri(vaultUri, $"certificates/{name}/pending"));
            var status = (string?)operation!["status"];
            if (status == "completed") break;
            if (status != "inProgress" || attempt >= 50)
                throw new KeyVaultSeedException($"The certificate operation for '{name}' ended as '{status}': {operation.ToJsonString()}", 200, operation);
            await Task.Delay(50);
        }
        if (!seed.Enabled) return await fixture.DisableCertificateAsync(vaultUri, name, pipeline: pipeline);
        return await fixture.GetCertificateAsync(vaultUri, name, pipeline: pipeline);
    }

    public static Task<SeededCertificate> CreateCertificateAsync(this EmulatorFixture fixture, SeededVault vault, string name, CertificateSeed? seed = null, HttpPipeline? pipeline = null) =>
        fixture.CreateCertificateAsync(vault.VaultUri, name, seed, pipeline);

    /// <summary>
    /// <c>POST /certificates/{name}/import</c> of PKCS#12 bytes (base64 in the body) or, with
    /// <see cref="CertificateSeed.ContentType"/> = PEM, of PEM text in <paramref name="content"/> (UTF-8).
    /// Issuer and lifetime actions come from <paramref name="seed"/> (Key Vault makes the issuer Unknown when the policy names none).
    /// </summary>
    public static async Task<SeededCertificate> ImportCertificateAsync(this EmulatorFixture fixture, Uri vaultUri, string name, byte[] content, CertificateSeed? seed = null, string? password = null, HttpPipeline? pipeline = null)
    {
        seed ??= new CertificateSeed { Issuer = "Unknown", AutoRenew = false };
        pipeline ??= fixture.KeyVaultPipeline();
        var pem = seed.ContentType == "application/x-pem-file";
        var policy = new JsonObject
        {
            ["secret_props"] = new JsonObject { ["contentType"] = seed.ContentType },
            ["key_props"] = new JsonObject { ["exportable"] = seed.Exportable, ["reuse_key"] = false },
            ["issuer"] = new JsonObject { ["name"] = seed.Issuer },
            ["lifetime_actions"] = seed.Policy()["lifetime_actions"]!.DeepClone(),
        };
        var body = new JsonObject
        {
            ["value"] = pem ? System.Text.Encoding.UTF8.GetString(content) : Convert.ToBase64String(content),
            ["policy"] = policy,
            ["attributes"] = new JsonObject { ["enabled"] = seed.Enabled },
        };
        if (password is not null) body["pwd"] = password;
        if (seed.Tags is not null) body["tags"] = Tags(seed.Tags);
        var bundle = await SendAsync(pipeline, RequestMethod.Post, DataUri(vaultUri, $"certificates/{name}/import"), body);
        return Parse(name, bundle!);
    }

    public static Task<SeededCertificate> ImportCertificateAsync(this EmulatorFixture fixture, SeededVault vault, string name, byte[] content, CertificateSeed? seed = null, string? password = null, HttpPipeline? pipeline = null) =>
        fixture.ImportCertificateAsync(vault.VaultUri, name, content, seed, password, pipeline);

    /// <summary><c>GET /certificates/{name}[/{version}]</c>.</summary>
    public static async Task<SeededCertificate> GetCertificateAsync(this EmulatorFixture fixture, Uri vaultUri, string name, string? version = null, HttpPipeline? pipeline = null)
    {
        var bundle = await SendAsync(pipeline ?? fixture.KeyVaultPipeline(), RequestMethod.Get, DataUri(vaultUri, version is null ? $"certificates/{name}" : $"certificates/{name}/{version}"));
        return Parse(name, bundle!);
    }

    public static Task<SeededCertificate> GetCertificateAsync(this EmulatorFixture fixture, SeededVault vault, string name, string? version = null, HttpPipeline? pipeline = null) =>
        fixture.GetCertificateAsync(vault.VaultUri, name, version, pipeline);

    /// <summary>Renews now through the control surface (a new version, as AutoRenew would make it); returns the new latest version.</summary>
    public static async Task<SeededCertificate> RenewCertificateAsync(this EmulatorFixture fixture, Uri vaultUri, string name, HttpPipeline? pipeline = null)
    {
        var vaultName = VaultName(vaultUri);
        var response = await fixture.ControlAsync(HttpMethod.Post, $"keyvault/{vaultName}/certificates/{name}/renew");
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new KeyVaultSeedException($"POST /_emulator/keyvault/{vaultName}/certificates/{name}/renew answered {(int)response.StatusCode}: {text}", (int)response.StatusCode, JsonNode.Parse(text));
        return await fixture.GetCertificateAsync(vaultUri, name, pipeline: pipeline);
    }

    public static Task<SeededCertificate> RenewCertificateAsync(this EmulatorFixture fixture, SeededVault vault, string name, HttpPipeline? pipeline = null) =>
        fixture.RenewCertificateAsync(vault.VaultUri, name, pipeline);

    /// <summary><c>PATCH /certificates/{name}/{version}</c> with <c>attributes.enabled = false</c> (the latest version when none is given).</summary>
    public static Task<SeededCertificate> DisableCertificateAsync(this EmulatorFixture fixture, Uri vaultUri, string name, string? version = null, HttpPipeline? pipeline = null) =>
        fixture.SetCertificateEnabledAsync(vaultUri, name, false, version, pipeline);

    public static Task<SeededCertificate> DisableCertificateAsync(this EmulatorFixture fixture, SeededVault vault, string name, string? version = null, HttpPipeline? pipeline = null) =>
        fixture.DisableCertificateAsync(vault.VaultUri, name, version, pipeline);

    public static async Task<SeededCertificate> SetCertificateEnabledAsync(this EmulatorFixture fixture, Uri vaultUri, string name, bool enabled, string? version = null, HttpPipeline? pipeline = null)
    {
        var bundle = await SendAsync(pipeline ?? fixture.KeyVaultPipeline(), RequestMethod.Patch,
            DataUri(vaultUri, version is null ? $"certificates/{name}/" : $"certificates/{name}/{version}"),
            new JsonObject { ["attributes"] = new JsonObject { ["enabled"] = enabled } });
        return Parse(name, bundle!);
    }

    /// <summary><c>PUT /secrets/{name}</c> (a plain secret); returns the secret bundle.</summary>
    public static async Task<JsonNode> SetSecretAsync(this EmulatorFixture fixture, Uri vaultUri, string name, string value, string? contentType = null, bool enabled = true, HttpPipeline? pipeline = null)
    {
        var body = new JsonObject { ["value"] = value, ["attributes"] = new JsonObject { ["enabled"] = enabled } };
        if (contentType is not null) body["contentType"] = contentType;
        return (await SendAsync(pipeline ?? fixture.KeyVaultPipeline(), RequestMethod.Put, DataUri(vaultUri, $"secrets/{name}"), body))!;
    }

    /// <summary>A self-signed RSA certificate with its private key, for imports.</summary>
    public static X509Certificate2 NewSelfSignedCertificate(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, IEnumerable<string>? dnsNames = null)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = dnsNames?.ToArray() ?? [];
        if (names.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in names) san.AddDnsName(name);
            request.CertificateExtensions.Add(san.Build());
        }
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>The vault name in a data-plane base URI (<c>https://host:port/keyvault/{name}/</c>).</summary>
    public static string VaultName(Uri vaultUri)
    {
        var segments = vaultUri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0] == "keyvault" ? segments[1] : throw new ArgumentException($"'{vaultUri}' is not an emulator vault URI.", nameof(vaultUri));
    }

    public static SeededCertificate Parse(string name, JsonNode bundle)
    {
        var id = new Uri((string)bundle["id"]!);
        var sid = new Uri((string)bundle["sid"]!);
        var x5t = (string?)bundle["x5t"] ?? "";
        var thumbprint = x5t.Length == 0 ? "" : Convert.ToHexString(FromBase64Url(x5t));
        var attributes = bundle["attributes"]!;
        return new SeededCertificate(
            name,
            id.Segments[^1].TrimEnd('/'),
            id,
            sid,
            new Uri(sid.GetLeftPart(UriPartial.Path)[..sid.GetLeftPart(UriPartial.Path).LastIndexOf('/')]),
            new Uri((string)bundle["kid"]!),
            thumbprint,
            x5t,
            DateTimeOffset.FromUnixTimeSeconds((long?)attributes["nbf"] ?? 0),
            DateTimeOffset.FromUnixTimeSeconds((long?)attributes["exp"] ?? 0),
            (bool?)attributes["enabled"] ?? false,
            bundle);
    }

    private static JsonObject Tags(Dictionary<string, string> tags)
    {
        var json = new JsonObject();
        foreach (var (key, value) in tags) json[key] = value;
        return json;
    }

    private static async Task<JsonNode?> SendAsync(HttpPipeline pipeline, RequestMethod method, Uri uri, JsonNode? body = null, int expected = 200)
    {
        var response = await pipeline.SendAsync(method, uri, body);
        if (response.Status != expected)
        {
            JsonNode? error = null;
            try { error = response.Json(); } catch (System.Text.Json.JsonException) { }
            throw new KeyVaultSeedException($"{method} {uri} answered {response.Status}: {response.Content}", response.Status, error);
        }
        return response.Json();
    }

    private static Uri EnsureSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static byte[] FromBase64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(padded);
    }
}
