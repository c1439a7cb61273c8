using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchRotation.Emulator.Errors;
using BatchRotation.Emulator.Hosting;
using BatchRotation.Emulator.Infrastructure;

namespace BatchRotation.Emulator.KeyVault;

/// <summary>
/// Registers every Key Vault data-plane route (per vault, under <c>/keyvault/{vault}/</c>) and the control
/// surface's renew. Every request: api-version, the vault, the time-driven changes (issuance, AutoRenew,
/// purges), authorization for the operation, then the operation itself — all under the state's lock.
/// </summary>
public static class KeyVaultEndpoints
{
    /// <summary>
    /// The stable data-plane versions. 2026-04-01 is included because Azure.Security.KeyVault.Secrets 4.12.0
    /// ("regenerated for stable Key Vault API version 2026-04-01") sends it by default.
    /// </summary>
    public static readonly string[] SupportedApiVersions = ["7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-07-01", "2026-04-01"];

    /// <summary>The version the refusal names as "the latest supported version".</summary>
    public const string LatestApiVersion = "2026-04-01";

    /// <summary>Key Vault's page size limit for <c>maxresults</c>.</summary>
    public const int MaxPageSize = 25;

    /// <summary>Seconds the real service puts in the Retry-After of a certificate create.</summary>
    public const string CreateRetryAfterSeconds = "10";

    public static void Map(WebApplication app)
    {
        app.Map("/keyvault/{vault}/{**path}", HandleAsync);
        app.Map("/keyvault/{vault}", (HttpContext context, string vault, EmulatorRuntime runtime) => HandleAsync(context, vault, null, runtime));
        app.MapPost("/_emulator/keyvault/{vault}/certificates/{name}/renew", RenewNow);
    }

    private static IResult RenewNow(string vault, string name, EmulatorRuntime runtime)
    {
        lock (runtime.State.Sync)
        {
            var handle = KeyVaultVault.Find(runtime, vault);
            if (handle is null) return ControlError(404, $"There is no vault named '{vault}'.");
            var now = runtime.Clock.UtcNow;
            KeyVaultStore.Advance(handle, now);
            if (!handle.Contents.Certificates.TryGetValue(name, out var certificate) || certificate.Versions.All(v => v.Pending))
                return ControlError(404, $"Vault '{handle.Name}' has no certificate named '{name}'.");
            var issuer = CertificateFactory.IssuerName(certificate.Policy);
            if (!CertificateFactory.IssuerCanRenew(issuer))
                return ControlError(409, $"Certificate '{certificate.Name}' has issuer '{issuer}': Key Vault cannot renew it (AutoRenew never applies to issuer Unknown).");
            if (certificate.Operation is { Status: "inProgress" })
                return ControlError(409, $"Certificate '{certificate.Name}' has a certificate operation in progress.");
            var version = KeyVaultStore.Renew(handle, certificate, now);
            return Results.Json(new JsonObject
            {
                ["id"] = handle.Url("certificates", certificate.Name, version.Version),
                ["version"] = version.Version,
                ["thumbprint"] = version.Thumbprint,
                ["x5t"] = CertificateFactory.X5t(version.Thumbprint!),
                ["notBefore"] = version.Attributes.NotBefore?.ToString("O"),
                ["expires"] = version.Attributes.Expires?.ToString("O"),
            });
        }
    }

    private static IResult ControlError(int status, string message) => Results.Json(new JsonObject { ["error"] = message }, statusCode: status);

    private static async Task<IResult> HandleAsync(HttpContext context, string vault, string? path, EmulatorRuntime runtime)
    {
        var apiVersion = context.Request.Query["api-version"].ToString();
        if (apiVersion.Length == 0)
            return KeyVaultFailure.BadParameter("The 'api-version' query parameter is required.").ToResult(context);
        if (!SupportedApiVersions.Contains(apiVersion, StringComparer.Ordinal))
            return KeyVaultFailure.BadParameter($"The specified version ({apiVersion}) is not recognized. Consider using the latest supported version ({LatestApiVersion}).").ToResult(context);

        JsonObject? body = null;
        var method = context.Request.Method;
        if (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method))
        {
            var read = await ReadBodyAsync(context);
            if (read.Failure is { } bodyFailure) return bodyFailure.ToResult(context);
            body = read.Body;
        }

        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        lock (runtime.State.Sync)
        {
            var handle = KeyVaultVault.Find(runtime, vault);
            if (handle is null)
            {
                return KeyVaultErrors.Result(404, "VaultNotFound",
                    $"The vault '{vault}' does not exist. (Emulator: in Azure its host name '{vault}.vault.azure.net' would not resolve.)");
            }
            var request = new KvRequest(context, runtime, handle, KeyVaultCaller.From(context.RequiredCaller()), method, segments, body, apiVersion, runtime.Clock.UtcNow);
            KeyVaultStore.Advance(handle, request.Now);
            try
            {
                return Dispatch(request);
            }
            catch (KeyVaultBadParameterException e)
            {
                return KeyVaultFailure.BadParameter(e.Message).ToResult(context);
            }
            catch (KeyVaultConflictException e)
            {
                return e.Failure.ToResult(context);
            }
        }
    }

    private sealed record BodyRead(JsonObject? Body, KeyVaultFailure? Failure);

    private static async Task<BodyRead> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return new BodyRead(null, null);
        try
        {
            return JsonNode.Parse(text) is JsonObject json
                ? new BodyRead(json, null)
                : new BodyRead(null, KeyVaultFailure.BadParameter("The request body must be a JSON object."));
        }
        catch (JsonException)
        {
            return new BodyRead(null, KeyVaultFailure.BadParameter("The request body is not valid JSON."));
        }
    }

    /// <summary>One data-plane request, resolved.</summary>
    private sealed record KvRequest(HttpContext Context, EmulatorRuntime Runtime, KeyVaultVault Vault, KeyVaultCaller Caller, string Method,
        string[] Segments, JsonObject? Body, string ApiVersion, DateTimeOffset Now)
    {
        public KeyVaultFailure? Authorize(KeyVaultPermission permission, string? objectName) =>
            KeyVaultAccess.Authorize(Runtime.State, Vault, Caller, permission, objectName, Runtime.Endpoint.ToString());

        public bool Is(string method) => string.Equals(Method, method, StringComparison.OrdinalIgnoreCase);

        public IResult Fail(KeyVaultFailure failure) => failure.ToResult(Context);
    }

    private static readonly string[] KeyOperations = ["wrapkey", "unwrapkey", "encrypt", "decrypt"];

    private static IResult Dispatch(KvRequest r)
    {
        var s = r.Segments;
        if (s.Length == 0) return NotFound(r);
        var collection = s[0].ToLowerInvariant();
        foreach (var name in s.Skip(1).Take(1))
        {
            if (!KeyVaultStore.IsValidName(name)) return r.Fail(KeyVaultFailure.BadParameter($"The request URI contains an invalid name: {name}"));
        }
        return collection switch
        {
            "certificates" => Certificates(r, s),
            "secrets" => Secrets(r, s),
            "keys" => Keys(r, s),
            "deletedcertificates" => DeletedCertificates(r, s),
            "deletedsecrets" => DeletedSecrets(r, s),
            "deletedkeys" => DeletedKeys(r, s),
            _ => NotFound(r),
        };
    }

    private static IResult NotFound(KvRequest r) => KeyVaultErrors.Result(404, "NotFound", "The requested resource was not found.");

    private static IResult MethodNotAllowed(KvRequest r) =>
        KeyVaultErrors.Result(405, "MethodNotAllowed", $"The requested resource does not support http method '{r.Method}'.");

    // ---------------------------------------------------------------- certificates

    private static IResult Certificates(KvRequest r, string[] s)
    {
        switch (s.Length)
        {
            case 1:
                return r.Is("GET") ? ListCertificates(r) : MethodNotAllowed(r);
            case 2:
                if (r.Is("GET")) return GetCertificate(r, s[1], null);
                if (r.Is("PATCH")) return UpdateCertificate(r, s[1], null);
                if (r.Is("DELETE")) return DeleteCertificate(r, s[1]);
                return MethodNotAllowed(r);
            case 3:
                switch (s[2].ToLowerInvariant())
                {
                    case "create": return r.Is("POST") ? CreateCertificate(r, s[1]) : MethodNotAllowed(r);
                    case "import": return r.Is("POST") ? ImportCertificate(r, s[1]) : MethodNotAllowed(r);
                    case "pending":
                        if (r.Is("GET")) return GetPending(r, s[1]);
                        if (r.Is("PATCH")) return CancelPending(r, s[1]);
                        if (r.Is("DELETE")) return DeletePending(r, s[1]);
                        return MethodNotAllowed(r);
                    case "policy":
                        if (r.Is("GET")) return GetPolicy(r, s[1]);
                        if (r.Is("PATCH")) return UpdatePolicy(r, s[1]);
                        return MethodNotAllowed(r);
                    case "versions": return r.Is("GET") ? ListCertificateVersions(r, s[1]) : MethodNotAllowed(r);
                    default:
                        if (r.Is("GET")) return GetCertificate(r, s[1], s[2]);
                        if (r.Is("PATCH")) return UpdateCertificate(r, s[1], s[2]);
                        return MethodNotAllowed(r);
                }
            case 4 when s[2].Equals("pending", StringComparison.OrdinalIgnoreCase) && s[3].Equals("merge", StringComparison.OrdinalIgnoreCase):
                return r.Is("POST") ? MergeCertificate(r, s[1]) : MethodNotAllowed(r);
            default:
                return NotFound(r);
        }
    }

    private static IResult ListCertificates(KvRequest r)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesList, null) is { } denied) return r.Fail(denied);
        var includePending = bool.TryParse(r.Context.Request.Query["includePending"], out var include) && include;
        var items = r.Vault.Contents.Certificates.Values
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(c => (Certificate: c, Version: includePending ? c.Latest : c.Versions.LastOrDefault(v => !v.Pending)))
            .Where(x => x.Version is not null)
            .Select(x => KeyVaultJson.CertificateItem(r.Vault, x.Certificate, x.Version!, versioned: false));
        return Page(r, items, "certificates");
    }

    private static IResult ListCertificateVersions(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesList, name) is { } denied) return r.Fail(denied);
        if (!r.Vault.Contents.Certificates.TryGetValue(name, out var certificate)) return r.Fail(KeyVaultErrorsText.CertificateNotFound(name));
        var items = certificate.Versions.Select(v => KeyVaultJson.CertificateItem(r.Vault, certificate, v, versioned: true));
        return Page(r, items, $"certificates/{certificate.Name}/versions");
    }

    private static IResult GetCertificate(KvRequest r, string name, string? version)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesGet, name) is { } denied) return r.Fail(denied);
        if (!r.Vault.Contents.Certificates.TryGetValue(name, out var certificate) || certificate.Latest is null)
            return r.Fail(KeyVaultErrorsText.CertificateNotFound(name, version));
        var entry = version is null ? certificate.Latest : certificate.Find(version);
        if (entry is null) return r.Fail(KeyVaultErrorsText.CertificateNotFound(name, version));
        return Results.Json(KeyVaultJson.Certificate(r.Vault, certificate, entry, withPolicy: version is null));
    }

    private static IResult CreateCertificate(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesCreate, name) is { } denied) return r.Fail(denied);
        var contents = r.Vault.Contents;
        if (contents.DeletedCertificates.ContainsKey(name)) throw KeyVaultConflictException.DeletedName("certificate", name);
        if (!contents.Certificates.ContainsKey(name) && (contents.Secrets.ContainsKey(name) || contents.Keys.ContainsKey(name)))
            return r.Fail(new KeyVaultFailure(409, "Conflict", $"There is already a secret or key named '{name}' in this key vault that is not managed by a certificate; a certificate with this name cannot be created."));
        contents.Certificates.TryGetValue(name, out var existing);
        if (existing?.Operation is { Status: "inProgress" })
            return r.Fail(new KeyVaultFailure(409, "Conflict", $"There is already a certificate operation in progress for certificate '{existing.Name}'. Wait for it to finish or cancel it."));
        if (r.Body?["policy"] is not JsonObject && existing is null)
            return r.Fail(KeyVaultFailure.BadParameter("Property policy is required for a new certificate."));
        var policy = r.Body?["policy"] is JsonObject p ? CertificateFactory.NormalizePolicy(p) : existing!.Policy;
        var enabled = EnabledOf(r.Body?["attributes"]) ?? true;
        var certificate = KeyVaultStore.StartCreate(r.Vault, name, policy, enabled, TagsOf(r.Body?["tags"]), r.Now);
        var operation = certificate.Operation!;
        r.Context.Response.Headers.Location = $"{r.Vault.Url("certificates", certificate.Name)}/pending?api-version={r.ApiVersion}&request_id={operation.RequestId}";
        r.Context.Response.Headers.RetryAfter = CreateRetryAfterSeconds;
        return Results.Json(KeyVaultJson.Operation(r.Vault, certificate, operation), statusCode: 202);
    }

    private static IResult ImportCertificate(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesImport, name) is { } denied) return r.Fail(denied);
        var contents = r.Vault.Contents;
        if (contents.DeletedCertificates.ContainsKey(name)) throw KeyVaultConflictException.DeletedName("certificate", name);
        if (!contents.Certificates.ContainsKey(name) && (contents.Secrets.ContainsKey(name) || contents.Keys.ContainsKey(name)))
            return r.Fail(new KeyVaultFailure(409, "Conflict", $"There is already a secret or key named '{name}' in this key vault that is not managed by a certificate; a certificate with this name cannot be imported."));
        var value = (string?)r.Body?["value"];
        if (string.IsNullOrEmpty(value)) return r.Fail(KeyVaultFailure.BadParameter("Property value is required."));
        var (certificateWithKey, detected) = CertificateFactory.ParseImport(value, (string?)r.Body?["pwd"]);
        using (certificateWithKey)
        {
            var requestedPolicy = r.Body?["policy"] as JsonObject;
            var declared = (string?)requestedPolicy?["secret_props"]?["contentType"];
            if (declared is not null && declared != CertificateFactory.Pkcs12ContentType && declared != CertificateFactory.PemContentType)
                return r.Fail(KeyVaultFailure.BadParameter($"The content type '{declared}' is not supported. Use '{CertificateFactory.Pkcs12ContentType}' or '{CertificateFactory.PemContentType}'."));
            var policy = CertificateFactory.PolicyForImport(certificateWithKey, requestedPolicy, detected);
            var enabled = EnabledOf(r.Body?["attributes"]) ?? true;
            var certificate = KeyVaultStore.Import(r.Vault, name, certificateWithKey, policy, enabled, TagsOf(r.Body?["tags"]), r.Now);
            return Results.Json(KeyVaultJson.Certificate(r.Vault, certificate, certificate.Latest!, withPolicy: true));
        }
    }

    private static IResult UpdateCertificate(KvRequest r, string name, string? version)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesUpdate, name) is { } denied) return r.Fail(denied);
        if (!r.Vault.Contents.Certificates.TryGetValue(name, out var certificate) || certificate.Latest is null)
            return r.Fail(KeyVaultErrorsText.CertificateNotFound(name, version));
        var entry = version is null ? certificate.Latest : certificate.Find(version);
        if (entry is null) return r.Fail(KeyVaultErrorsText.CertificateNotFound(name, version));
        var now = KeyVaultStore.Seconds(r.Now);
        if (r.Body?["policy"] is JsonObject policy)
        {
            certificate.Policy = CertificateFactory.NormalizePolicy(policy, certificate.Policy);
            certificate.PolicyUpdated = now;
        }
        if (EnabledOf(r.Body?["attributes"]) is { } enabled)
        {
            KeyVaultStore.SetEnabledEverywhere(certificate, entry.Version, enabled, r.Vault.Contents, now);
        }
        if (r.Body?["tags"] is JsonObject)
        {
            entry.Tags = TagsOf(r.Body["tags"]);
            if (r.Vault.Contents.Secrets.TryGetValue(certificate.Name, out var secret) && secret.Find(entry.Version) is { } sv) sv.Tags = entry.Tags is null ? null : new(entry.Tags);
            if (r.Vault.Contents.Keys.TryGetValue(certificate.Name, out var key) && key.Find(entry.Version) is { } kv) kv.Tags = entry.Tags is null ? null : new(entry.Tags);
        }
        entry.Attributes.Updated = now;
        return Results.Json(KeyVaultJson.Certificate(r.Vault, certificate, entry, withPolicy: true));
    }

    private static IResult GetPolicy(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesGet, name) is { } denied) return r.Fail(denied);
        if (!r.Vault.Contents.Certificates.TryGetValue(name, out var certificate)) return r.Fail(KeyVaultErrorsText.CertificateNotFound(name));
        return Results.Json(KeyVaultJson.Policy(r.Vault, certificate));
    }

    private static IResult UpdatePolicy(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesUpdate, name) is { } denied) return r.Fail(denied);
        if (!r.Vault.Contents.Certificates.TryGetValue(name, out var certificate)) return r.Fail(KeyVaultErrorsText.CertificateNotFound(name));
        certificate.Policy = CertificateFactory.NormalizePolicy(r.Body ?? new JsonObject(), certificate.Policy);
        certificate.PolicyUpdated = KeyVaultStore.Seconds(r.Now);
        return Results.Json(KeyVaultJson.Policy(r.Vault, certificate));
    }

    private static KeyVaultFailure PendingNotFound(string name) =>
        new(404, "PendingCertificateNotFound", $"Pending certificate not found: {name}");

    private static IResult GetPending(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesGet, name) is { } denied) return r.Fail(denied);
        if (!r.Vault.Contents.Certificates.TryGetValue(name, out var certificate) || certificate.Operation is null) return r.Fail(PendingNotFound(name));
        KeyVaultStore.Poll(r.Vault, certificate, r.Now);
        var operation = certificate.Operation;
        if (operation.Status == "inProgress") r.Context.Response.Headers.RetryAfter = CreateRetryAfterSeconds;
        return Results.Json(KeyVaultJson.Operation(r.Vault, certificate, operation));
    }

    private static IResult CancelPending(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesUpdate, name) is { } denied) return r.Fail(denied);
        if (!r.Vault.Contents.Certificates.TryGetValue(name, out var certificate) || certificate.Operation is null) return r.Fail(PendingNotFound(name));
        if (r.Body?["cancellation_requested"] is not JsonValue flag || !flag.TryGetValue(out bool cancel))
            return r.Fail(KeyVaultFailure.BadParameter("Property cancellation_requested is required."));
        if (cancel) KeyVaultStore.Cancel(certificate);
        return Results.Json(KeyVaultJson.Operation(r.Vault, certificate, certificate.Operation));
    }

    private static IResult DeletePending(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesDelete, name) is { } denied) return r.Fail(denied);
        if (!r.Vault.Contents.Certificates.TryGetValue(name, out var certificate) || certificate.Operation is null) return r.Fail(PendingNotFound(name));
        var operation = certificate.Operation;
        if (operation.Status == "inProgress") KeyVaultStore.Cancel(certificate);
        var json = KeyVaultJson.Operation(r.Vault, certificate, operation);
        certificate.Operation = null;
        if (certificate.Versions.Count == 0) r.Vault.Contents.Certificates.Remove(certificate.Name);
        return Results.Json(json);
    }

    private static IResult MergeCertificate(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesCreate, name) is { } denied) return r.Fail(denied);
        if (!r.Vault.Contents.Certificates.TryGetValue(name, out var certificate) || certificate.Operation is not { Status: "inProgress" })
            return r.Fail(PendingNotFound(name));
        if (r.Body?["x5c"] is not JsonArray { Count: > 0 } chain || (string?)chain[0] is not { Length: > 0 } leaf)
            return r.Fail(KeyVaultFailure.BadParameter("Property x5c is required."));
        byte[] der;
        try { der = Convert.FromBase64String(leaf); }
        catch (FormatException) { return r.Fail(KeyVaultFailure.BadParameter("Property x5c must hold base64 DER certificates.")); }
        KeyVaultStore.Merge(r.Vault, certificate, der, r.Now);
        return Results.Json(KeyVaultJson.Certificate(r.Vault, certificate, certificate.Latest!, withPolicy: true), statusCode: 201);
    }

    private static IResult DeleteCertificate(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.CertificatesDelete, name) is { } denied) return r.Fail(denied);
        var contents = r.Vault.Contents;
        if (!contents.Certificates.TryGetValue(name, out var certificate) || certificate.Latest is null) return r.Fail(KeyVaultErrorsText.CertificateNotFound(name));
        var json = KeyVaultJson.Certificate(r.Vault, certificate, certificate.Latest, withPolicy: true);
        json.Remove("pending");
        contents.Certificates.Remove(certificate.Name);
        contents.Secrets.Remove(certificate.Name, out var secret);
        contents.Keys.Remove(certificate.Name, out var key);
        if (r.Vault.SoftDelete)
        {
            var deleted = new DeletedCertificate
            {
                Certificate = certificate,
                Secret = secret,
                Key = key,
                DeletedDate = KeyVaultStore.Seconds(r.Now),
                ScheduledPurgeDate = KeyVaultStore.Seconds(r.Now).AddDays(r.Vault.RecoverableDays),
            };
            contents.DeletedCertificates[certificate.Name] = deleted;
            AddDeletion(json, r.Vault.Url("deletedcertificates", certificate.Name), deleted.DeletedDate, deleted.ScheduledPurgeDate, "recoveryId");
        }
        return Results.Json(json);
    }

    private static void AddDeletion(JsonObject json, string recoveryId, DateTimeOffset deleted, DateTimeOffset purge, string idName)
    {
        json[idName] = recoveryId;
        json["deletedDate"] = KeyVaultJson.Unix(deleted);
        json["scheduledPurgeDate"] = KeyVaultJson.Unix(purge);
    }

    private static IResult DeletedCertificates(KvRequest r, string[] s)
    {
        var contents = r.Vault.Contents;
        if (s.Length == 1)
        {
            if (!r.Is("GET")) return MethodNotAllowed(r);
            if (r.Authorize(KeyVaultPermission.CertificatesReadDeleted, null) is { } listDenied) return r.Fail(listDenied);
            var items = contents.DeletedCertificates.Values.OrderBy(d => d.Certificate.Name, StringComparer.OrdinalIgnoreCase)
                .Where(d => d.Certificate.Latest is not null)
                .Select(d =>
                {
                    var item = KeyVaultJson.CertificateItem(r.Vault, d.Certificate, d.Certificate.Latest!, versioned: false);
                    AddDeletion(item, r.Vault.Url("deletedcertificates", d.Certificate.Name), d.DeletedDate, d.ScheduledPurgeDate, "recoveryId");
                    return item;
                });
            return Page(r, items, "deletedcertificates");
        }
        var name = s[1];
        if (s.Length == 3 && s[2].Equals("recover", StringComparison.OrdinalIgnoreCase))
        {
            if (!r.Is("POST")) return MethodNotAllowed(r);
            if (r.Authorize(KeyVaultPermission.CertificatesRecover, name) is { } denied) return r.Fail(denied);
            if (!contents.DeletedCertificates.Remove(name, out var deleted)) return r.Fail(KeyVaultErrorsText.CertificateNotFound(name));
            contents.Certificates[deleted.Certificate.Name] = deleted.Certificate;
            if (deleted.Secret is not null) contents.Secrets[deleted.Secret.Name] = deleted.Secret;
            if (deleted.Key is not null) contents.Keys[deleted.Key.Name] = deleted.Key;
            return Results.Json(KeyVaultJson.Certificate(r.Vault, deleted.Certificate, deleted.Certificate.Latest!, withPolicy: true));
        }
        if (s.Length != 2) return NotFound(r);
        if (r.Is("GET"))
        {
            if (r.Authorize(KeyVaultPermission.CertificatesReadDeleted, name) is { } denied) return r.Fail(denied);
            if (!contents.DeletedCertificates.TryGetValue(name, out var deleted)) return r.Fail(KeyVaultErrorsText.CertificateNotFound(name));
            var json = KeyVaultJson.Certificate(r.Vault, deleted.Certificate, deleted.Certificate.Latest!, withPolicy: true);
            json.Remove("pending");
            AddDeletion(json, r.Vault.Url("deletedcertificates", deleted.Certificate.Name), deleted.DeletedDate, deleted.ScheduledPurgeDate, "recoveryId");
            return Results.Json(json);
        }
        if (r.Is("DELETE"))
        {
            if (r.Authorize(KeyVaultPermission.CertificatesPurge, name) is { } denied) return r.Fail(denied);
            if (!contents.DeletedCertificates.ContainsKey(name)) return r.Fail(KeyVaultErrorsText.CertificateNotFound(name));
            if (r.Vault.PurgeProtection) return r.Fail(PurgeProtected());
            contents.DeletedCertificates.Remove(name);
            return Results.NoContent();
        }
        return MethodNotAllowed(r);
    }

    private static KeyVaultFailure PurgeProtected() =>
        new(403, "Forbidden", "Operation \"purge\" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.");

    // ---------------------------------------------------------------- secrets

    private static IResult Secrets(KvRequest r, string[] s)
    {
        switch (s.Length)
        {
            case 1:
                return r.Is("GET") ? ListSecrets(r) : MethodNotAllowed(r);
            case 2:
                if (r.Is("GET")) return GetSecret(r, s[1], null);
                if (r.Is("PUT")) return SetSecret(r, s[1]);
                if (r.Is("PATCH")) return UpdateSecret(r, s[1], null);
                if (r.Is("DELETE")) return DeleteSecret(r, s[1]);
                return MethodNotAllowed(r);
            case 3 when s[2].Equals("versions", StringComparison.OrdinalIgnoreCase):
                return r.Is("GET") ? ListSecretVersions(r, s[1]) : MethodNotAllowed(r);
            case 3:
                if (r.Is("GET")) return GetSecret(r, s[1], s[2]);
                if (r.Is("PATCH")) return UpdateSecret(r, s[1], s[2]);
                return MethodNotAllowed(r);
            default:
                return NotFound(r);
        }
    }

    private static IResult GetSecret(KvRequest r, string name, string? version)
    {
        var read = KeyVaultQueries.ReadSecret(r.Runtime, r.Vault, r.Caller, name, version);
        if (read.Failure is { } failure) return r.Fail(failure);
        var json = KeyVaultJson.Secret(r.Vault, read.Secret!, read.Version!);
        var outContentType = r.Context.Request.Query["outContentType"].ToString();
        if (outContentType.Length > 0)
        {
            // 2025-07-01+: a certificate's secret can be read as PKCS#12 or PEM whatever it is stored as.
            if (outContentType is not (CertificateFactory.Pkcs12ContentType or CertificateFactory.PemContentType))
                return r.Fail(KeyVaultFailure.BadParameter($"Invalid value for outContentType: {outContentType}. It must be {CertificateFactory.Pkcs12ContentType} or {CertificateFactory.PemContentType}."));
            if (!read.Secret!.Managed || read.Version!.ContentType is not (CertificateFactory.Pkcs12ContentType or CertificateFactory.PemContentType))
                return r.Fail(KeyVaultFailure.BadParameter("outContentType is supported only for the secret of a certificate."));
            json["value"] = CertificateFactory.ConvertSecretValue(read.Version.Value, read.Version.ContentType, outContentType);
            json["contentType"] = outContentType;
        }
        return Results.Json(json);
    }

    private static IResult ListSecrets(KvRequest r)
    {
        if (r.Authorize(KeyVaultPermission.SecretsList, null) is { } denied) return r.Fail(denied);
        var items = r.Vault.Contents.Secrets.Values
            .Where(x => x.Latest is not null)
            .OrderBy(x => x.Name, StringComparer.OrdinalIgnoreCase)
            .Select(x => KeyVaultJson.SecretItem(r.Vault, x, x.Latest!, versioned: false));
        return Page(r, items, "secrets");
    }

    private static IResult ListSecretVersions(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.SecretsList, name) is { } denied) return r.Fail(denied);
        if (!r.Vault.Contents.Secrets.TryGetValue(name, out var secret)) return r.Fail(KeyVaultErrorsText.SecretNotFound(name));
        return Page(r, secret.Versions.Select(v => KeyVaultJson.SecretItem(r.Vault, secret, v, versioned: true)), $"secrets/{secret.Name}/versions");
    }

    private static IResult SetSecret(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.SecretsSet, name) is { } denied) return r.Fail(denied);
        if (r.Body?["value"] is not JsonValue valueNode || !valueNode.TryGetValue(out string? value))
            return r.Fail(KeyVaultFailure.BadParameter("Property value is required."));
        if (value.Length > 25 * 1024) return r.Fail(KeyVaultFailure.BadParameter("The secret value exceeds the maximum size of 25 KB."));
        var attributes = r.Body["attributes"];
        var version = KeyVaultStore.SetSecret(r.Vault.Contents, name, value, (string?)r.Body["contentType"], EnabledOf(attributes) ?? true,
            UnixOf(attributes?["nbf"]), UnixOf(attributes?["exp"]), TagsOf(r.Body["tags"]), r.Now);
        var secret = r.Vault.Contents.Secrets[name];
        return Results.Json(KeyVaultJson.Secret(r.Vault, secret, version));
    }

    private static IResult UpdateSecret(KvRequest r, string name, string? version)
    {
        if (r.Authorize(KeyVaultPermission.SecretsSet, name) is { } denied) return r.Fail(denied);
        if (!r.Vault.Contents.Secrets.TryGetValue(name, out var secret)) return r.Fail(KeyVaultErrorsText.SecretNotFound(name, version));
        var entry = version is null ? secret.Latest : secret.Find(version);
        if (entry is null) return r.Fail(KeyVaultErrorsText.SecretNotFound(name, version));
        if (secret.Managed) throw KeyVaultConflictException.Managed("update", "secret");
        var attributes = r.Body?["attributes"];
        if (EnabledOf(attributes) is { } enabled) entry.Attributes.Enabled = enabled;
        if (attributes?["nbf"] is not null) entry.Attributes.NotBefore = UnixOf(attributes["nbf"]);
        if (attributes?["exp"] is not null) entry.Attributes.Expires = UnixOf(attributes["exp"]);
        if (r.Body?["contentType"] is JsonValue) entry.ContentType = (string?)r.Body["contentType"];
        if (r.Body?["tags"] is JsonObject) entry.Tags = TagsOf(r.Body["tags"]);
        entry.Attributes.Updated = KeyVaultStore.Seconds(r.Now);
        return Results.Json(KeyVaultJson.SecretItem(r.Vault, secret, entry, versioned: true));
    }

    private static IResult DeleteSecret(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.SecretsDelete, name) is { } denied) return r.Fail(denied);
        var contents = r.Vault.Contents;
        if (!contents.Secrets.TryGetValue(name, out var secret) || secret.Latest is null) return r.Fail(KeyVaultErrorsText.SecretNotFound(name));
        if (secret.Managed) throw KeyVaultConflictException.Managed("delete", "secret");
        var json = KeyVaultJson.SecretItem(r.Vault, secret, secret.Latest, versioned: true);
        contents.Secrets.Remove(secret.Name);
        if (r.Vault.SoftDelete)
        {
            var deleted = new DeletedItem<SecretEntry> { Item = secret, DeletedDate = KeyVaultStore.Seconds(r.Now), ScheduledPurgeDate = KeyVaultStore.Seconds(r.Now).AddDays(r.Vault.RecoverableDays) };
            contents.DeletedSecrets[secret.Name] = deleted;
            AddDeletion(json, r.Vault.Url("deletedsecrets", secret.Name), deleted.DeletedDate, deleted.ScheduledPurgeDate, "recoveryId");
        }
        return Results.Json(json);
    }

    private static IResult DeletedSecrets(KvRequest r, string[] s)
    {
        var contents = r.Vault.Contents;
        if (s.Length == 1)
        {
            if (!r.Is("GET")) return MethodNotAllowed(r);
            if (r.Authorize(KeyVaultPermission.SecretsReadDeleted, null) is { } listDenied) return r.Fail(listDenied);
            var items = contents.DeletedSecrets.Values.OrderBy(d => d.Item.Name, StringComparer.OrdinalIgnoreCase).Where(d => d.Item.Latest is not null).Select(d =>
            {
                var item = KeyVaultJson.SecretItem(r.Vault, d.Item, d.Item.Latest!, versioned: false);
                AddDeletion(item, r.Vault.Url("deletedsecrets", d.Item.Name), d.DeletedDate, d.ScheduledPurgeDate, "recoveryId");
                return item;
            });
            return Page(r, items, "deletedsecrets");
        }
        var name = s[1];
        if (s.Length == 3 && s[2].Equals("recover", StringComparison.OrdinalIgnoreCase))
        {
            if (!r.Is("POST")) return MethodNotAllowed(r);
            if (r.Authorize(KeyVaultPermission.SecretsRecover, name) is { } denied) return r.Fail(denied);
            if (!contents.DeletedSecrets.Remove(name, out var deleted)) return r.Fail(KeyVaultErrorsText.SecretNotFound(name));
            contents.Secrets[deleted.Item.Name] = deleted.Item;
            return Results.Json(KeyVaultJson.SecretItem(r.Vault, deleted.Item, deleted.Item.Latest!, versioned: true));
        }
        if (s.Length != 2) return NotFound(r);
        if (r.Is("GET"))
        {
            if (r.Authorize(KeyVaultPermission.SecretsReadDeleted, name) is { } denied) return r.Fail(denied);
            if (!contents.DeletedSecrets.TryGetValue(name, out var deleted)) return r.Fail(KeyVaultErrorsText.SecretNotFound(name));
            var json = KeyVaultJson.SecretItem(r.Vault, deleted.Item, deleted.Item.Latest!, versioned: true);
            AddDeletion(json, r.Vault.Url("deletedsecrets", deleted.Item.Name), deleted.DeletedDate, deleted.ScheduledPurgeDate, "recoveryId");
            return Results.Json(json);
        }
        if (r.Is("DELETE"))
        {
            if (r.Authorize(KeyVaultPermission.SecretsPurge, name) is { } denied) return r.Fail(denied);
            if (!contents.DeletedSecrets.ContainsKey(name)) return r.Fail(KeyVaultErrorsText.SecretNotFound(name));
            if (r.Vault.PurgeProtection) return r.Fail(PurgeProtected());
            contents.DeletedSecrets.Remove(name);
            return Results.NoContent();
        }
        return MethodNotAllowed(r);
    }

    // ---------------------------------------------------------------- keys

    private static IResult Keys(KvRequest r, string[] s)
    {
        switch (s.Length)
        {
            case 1:
                return r.Is("GET") ? ListKeys(r) : MethodNotAllowed(r);
            case 2:
                if (r.Is("GET")) return GetKey(r, s[1], null);
                if (r.Is("PATCH")) return UpdateKey(r, s[1], null);
                if (r.Is("DELETE")) return DeleteKey(r, s[1]);
                return MethodNotAllowed(r);
            case 3 when s[2].Equals("create", StringComparison.OrdinalIgnoreCase):
                return r.Is("POST") ? CreateKey(r, s[1]) : MethodNotAllowed(r);
            case 3 when s[2].Equals("versions", StringComparison.OrdinalIgnoreCase):
                return r.Is("GET") ? ListKeyVersions(r, s[1]) : MethodNotAllowed(r);
            case 3 when KeyOperations.Contains(s[2].ToLowerInvariant()):
                return r.Is("POST") ? KeyOperation(r, s[1], null, s[2].ToLowerInvariant()) : MethodNotAllowed(r);
            case 3:
                if (r.Is("GET")) return GetKey(r, s[1], s[2]);
                if (r.Is("PATCH")) return UpdateKey(r, s[1], s[2]);
                return MethodNotAllowed(r);
            case 4 when KeyOperations.Contains(s[3].ToLowerInvariant()):
                return r.Is("POST") ? KeyOperation(r, s[1], s[2], s[3].ToLowerInvariant()) : MethodNotAllowed(r);
            default:
                return NotFound(r);
        }
    }

    private static IResult ListKeys(KvRequest r)
    {
        if (r.Authorize(KeyVaultPermission.KeysList, null) is { } denied) return r.Fail(denied);
        var items = r.Vault.Contents.Keys.Values
            .Where(k => k.Latest is not null)
            .OrderBy(k => k.Name, StringComparer.OrdinalIgnoreCase)
            .Select(k => KeyVaultJson.KeyItem(r.Vault, k, k.Latest!, versioned: false));
        return Page(r, items, "keys");
    }

    private static IResult ListKeyVersions(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.KeysList, name) is { } denied) return r.Fail(denied);
        if (!r.Vault.Contents.Keys.TryGetValue(name, out var key)) return r.Fail(KeyVaultErrorsText.KeyNotFound(name));
        return Page(r, key.Versions.Select(v => KeyVaultJson.KeyItem(r.Vault, key, v, versioned: true)), $"keys/{key.Name}/versions");
    }

    private static (KeyEntry? Key, KeyVersion? Version, KeyVaultFailure? Failure) FindKey(KvRequest r, string name, string? version)
    {
        if (!r.Vault.Contents.Keys.TryGetValue(name, out var key)) return (null, null, KeyVaultErrorsText.KeyNotFound(name, version));
        var entry = string.IsNullOrEmpty(version) ? key.Latest : key.Find(version);
        return entry is null ? (key, null, KeyVaultErrorsText.KeyNotFound(name, version)) : (key, entry, null);
    }

    private static IResult GetKey(KvRequest r, string name, string? version)
    {
        if (r.Authorize(KeyVaultPermission.KeysGet, name) is { } denied) return r.Fail(denied);
        var (key, entry, failure) = FindKey(r, name, version);
        if (failure is not null) return r.Fail(failure);
        if (!entry!.Attributes.Enabled) return r.Fail(KeyVaultErrorsText.Disabled("get", "key"));
        return Results.Json(KeyVaultJson.Key(r.Vault, key!, entry));
    }

    private static IResult CreateKey(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.KeysCreate, name) is { } denied) return r.Fail(denied);
        var kty = (string?)r.Body?["kty"];
        if (string.IsNullOrEmpty(kty)) return r.Fail(KeyVaultFailure.BadParameter("Property kty is required."));
        var attributes = r.Body!["attributes"];
        var size = r.Body["key_size"] is JsonValue sv && sv.TryGetValue(out int s) ? s : (int?)null;
        var ops = r.Body["key_ops"] is JsonArray array ? array.Select(o => (string?)o ?? "").ToList() : null;
        var version = KeyVaultStore.CreateKeyVersion(r.Runtime.State, r.Vault, name, kty, size, (string?)r.Body["crv"], ops, EnabledOf(attributes) ?? true,
            UnixOf(attributes?["nbf"]), UnixOf(attributes?["exp"]), TagsOf(r.Body["tags"]), r.Now);
        return Results.Json(KeyVaultJson.Key(r.Vault, r.Vault.Contents.Keys[name], version));
    }

    private static IResult UpdateKey(KvRequest r, string name, string? version)
    {
        if (r.Authorize(KeyVaultPermission.KeysUpdate, name) is { } denied) return r.Fail(denied);
        var (key, entry, failure) = FindKey(r, name, version);
        if (failure is not null) return r.Fail(failure);
        if (key!.Managed) throw KeyVaultConflictException.Managed("update", "key");
        var attributes = r.Body?["attributes"];
        if (EnabledOf(attributes) is { } enabled) entry!.Attributes.Enabled = enabled;
        if (attributes?["nbf"] is not null) entry!.Attributes.NotBefore = UnixOf(attributes["nbf"]);
        if (attributes?["exp"] is not null) entry!.Attributes.Expires = UnixOf(attributes["exp"]);
        if (r.Body?["key_ops"] is JsonArray ops) entry!.KeyOps = ops.Select(o => (string?)o ?? "").ToList();
        if (r.Body?["tags"] is JsonObject) entry!.Tags = TagsOf(r.Body["tags"]);
        entry!.Attributes.Updated = KeyVaultStore.Seconds(r.Now);
        return Results.Json(KeyVaultJson.Key(r.Vault, key, entry));
    }

    private static IResult DeleteKey(KvRequest r, string name)
    {
        if (r.Authorize(KeyVaultPermission.KeysDelete, name) is { } denied) return r.Fail(denied);
        var contents = r.Vault.Contents;
        if (!contents.Keys.TryGetValue(name, out var key) || key.Latest is null) return r.Fail(KeyVaultErrorsText.KeyNotFound(name));
        if (key.Managed) throw KeyVaultConflictException.Managed("delete", "key");
        var json = KeyVaultJson.Key(r.Vault, key, key.Latest);
        contents.Keys.Remove(key.Name);
        if (r.Vault.SoftDelete)
        {
            var deleted = new DeletedItem<KeyEntry> { Item = key, DeletedDate = KeyVaultStore.Seconds(r.Now), ScheduledPurgeDate = KeyVaultStore.Seconds(r.Now).AddDays(r.Vault.RecoverableDays) };
            contents.DeletedKeys[key.Name] = deleted;
            AddDeletion(json, r.Vault.Url("deletedkeys", key.Name), deleted.DeletedDate, deleted.ScheduledPurgeDate, "recoveryId");
        }
        return Results.Json(json);
    }

    private static IResult DeletedKeys(KvRequest r, string[] s)
    {
        var contents = r.Vault.Contents;
        if (s.Length == 1)
        {
            if (!r.Is("GET")) return MethodNotAllowed(r);
            if (r.Authorize(KeyVaultPermission.KeysReadDeleted, null) is { } listDenied) return r.Fail(listDenied);
            var items = contents.DeletedKeys.Values.OrderBy(d => d.Item.Name, StringComparer.OrdinalIgnoreCase).Where(d => d.Item.Latest is not null).Select(d =>
            {
                var item = KeyVaultJson.KeyItem(r.Vault, d.Item, d.Item.Latest!, versioned: false);
                AddDeletion(item, r.Vault.Url("deletedkeys", d.Item.Name), d.DeletedDate, d.ScheduledPurgeDate, "recoveryId");
                return item;
            });
            return Page(r, items, "deletedkeys");
        }
        var name = s[1];
        if (s.Length == 3 && s[2].Equals("recover", StringComparison.OrdinalIgnoreCase))
        {
            if (!r.Is("POST")) return MethodNotAllowed(r);
            if (r.Authorize(KeyVaultPermission.KeysRecover, name) is { } denied) return r.Fail(denied);
            if (!contents.DeletedKeys.Remove(name, out var deleted)) return r.Fail(KeyVaultErrorsText.KeyNotFound(name));
            contents.Keys[deleted.Item.Name] = deleted.Item;
            return Results.Json(KeyVaultJson.Key(r.Vault, deleted.Item, deleted.Item.Latest!));
        }
        if (s.Length != 2) return NotFound(r);
        if (r.Is("GET"))
        {
            if (r.Authorize(KeyVaultPermission.KeysReadDeleted, name) is { } denied) return r.Fail(denied);
            if (!contents.DeletedKeys.TryGetValue(name, out var deleted)) return r.Fail(KeyVaultErrorsText.KeyNotFound(name));
            var json = KeyVaultJson.Key(r.Vault, deleted.Item, deleted.Item.Latest!);
            AddDeletion(json, r.Vault.Url("deletedkeys", deleted.Item.Name), deleted.DeletedDate, deleted.ScheduledPurgeDate, "recoveryId");
            return Results.Json(json);
        }
        if (r.Is("DELETE"))
        {
            if (r.Authorize(KeyVaultPermission.KeysPurge, name) is { } denied) return r.Fail(denied);
            if (!contents.DeletedKeys.ContainsKey(name)) return r.Fail(KeyVaultErrorsText.KeyNotFound(name));
            if (r.Vault.PurgeProtection) return r.Fail(PurgeProtected());
            contents.DeletedKeys.Remove(name);
            return Results.NoContent();
        }
        return MethodNotAllowed(r);
    }

    /// <summary>wrapkey / unwrapkey / encrypt / decrypt with an RSA key (RSA-OAEP, RSA-OAEP-256, RSA1_5).</summary>
    private static IResult KeyOperation(KvRequest r, string name, string? version, string operation)
    {
        var (permission, opName) = operation switch
        {
            "wrapkey" => (KeyVaultPermission.KeysWrap, "wrapKey"),
            "unwrapkey" => (KeyVaultPermission.KeysUnwrap, "unwrapKey"),
            "encrypt" => (KeyVaultPermission.KeysEncrypt, "encrypt"),
            _ => (KeyVaultPermission.KeysDecrypt, "decrypt"),
        };
        if (r.Authorize(permission, name) is { } denied) return r.Fail(denied);
        var (_, entry, failure) = FindKey(r, name, version);
        if (failure is not null) return r.Fail(failure);
        if (!entry!.Attributes.Enabled) return r.Fail(KeyVaultErrorsText.Disabled(opName, "key"));
        var protects = opName is "wrapKey" or "encrypt";
        if (protects && entry.Attributes.Expires is { } exp && exp <= r.Now)
            return r.Fail(new KeyVaultFailure(403, "Forbidden", $"Operation {opName} is not allowed on an expired key."));
        if (protects && entry.Attributes.NotBefore is { } nbf && nbf > r.Now)
            return r.Fail(new KeyVaultFailure(403, "Forbidden", $"Operation {opName} is not allowed on a key that is not yet valid."));
        if (!entry.KeyOps.Contains(opName, StringComparer.Ordinal))
            return r.Fail(new KeyVaultFailure(403, "Forbidden", $"Operation {opName} is not permitted on this key."));
        if (!entry.Kty.StartsWith("RSA", StringComparison.Ordinal))
            return r.Fail(KeyVaultFailure.BadParameter($"Key type {entry.Kty} does not support the {opName} operation."));
        var alg = (string?)r.Body?["alg"];
        RSAEncryptionPadding? padding = alg switch
        {
            "RSA-OAEP" => RSAEncryptionPadding.OaepSHA1,
            "RSA-OAEP-256" => RSAEncryptionPadding.OaepSHA256,
            "RSA1_5" => RSAEncryptionPadding.Pkcs1,
            _ => null,
        };
        if (padding is null) return r.Fail(KeyVaultFailure.BadParameter($"Invalid algorithm '{alg}'. Supported algorithms are RSA-OAEP, RSA-OAEP-256 and RSA1_5."));
        if ((string?)r.Body?["value"] is not { } valueText) return r.Fail(KeyVaultFailure.BadParameter("Property value is required."));
        byte[] input;
        try { input = KeyVaultJson.FromBase64Url(valueText); }
        catch (FormatException) { return r.Fail(KeyVaultFailure.BadParameter("Property value must be base64url.")); }
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(entry.PrivateKeyPkcs8), out _);
        byte[] output;
        try
        {
            output = protects ? rsa.Encrypt(input, padding) : rsa.Decrypt(input, padding);
        }
        catch (CryptographicException)
        {
            return r.Fail(KeyVaultFailure.BadParameter(protects ? "The value is too long for this key and algorithm." : "The value could not be decrypted with this key and algorithm."));
        }
        return Results.Json(new JsonObject
        {
            ["kid"] = r.Vault.Url("keys", r.Vault.Contents.Keys[name].Name, entry.Version),
            ["value"] = KeyVaultJson.Base64Url(output),
        });
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>One page of a list: <c>maxresults</c> (1..25, default 25) and an opaque <c>$skiptoken</c> in <c>nextLink</c>.</summary>
    private static IResult Page(KvRequest r, IEnumerable<JsonObject> items, string collectionPath)
    {
        var query = r.Context.Request.Query;
        var maxText = query["maxresults"].ToString();
        var pageSize = MaxPageSize;
        if (maxText.Length > 0)
        {
            if (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize)
                return r.Fail(KeyVaultFailure.BadParameter($"Invalid value for maxresults: {maxText}. It must be an integer between 1 and {MaxPageSize}."));
        }
        var skip = 0;
        var token = query["$skiptoken"].ToString();
        if (token.Length > 0 && !TryReadSkipToken(token, out skip))
            return r.Fail(KeyVaultFailure.BadParameter("The $skiptoken is not valid."));
        var all = items.ToList();
        var page = all.Skip(skip).Take(pageSize).ToList();
        string? nextLink = null;
        if (skip + page.Count < all.Count)
        {
            nextLink = $"{r.Vault.BaseUri}{collectionPath}?api-version={r.ApiVersion}&$skiptoken={SkipToken(skip + page.Count)}"
                + (maxText.Length > 0 ? $"&maxresults={pageSize}" : "");
        }
        return Results.Json(new JsonObject
        {
            ["value"] = new JsonArray(page.Cast<JsonNode>().ToArray()),
            ["nextLink"] = nextLink,
        });
    }

    /// <summary>A skip token in the service's style: base64 of <c>{"NextMarker":"…","TargetLocation":0}</c>.</summary>
    private static string SkipToken(int offset)
    {
        var marker = Convert.ToBase64String(Encoding.UTF8.GetBytes($"2!{offset.ToString(CultureInfo.InvariantCulture)}!"));
        var json = new JsonObject { ["NextMarker"] = marker, ["TargetLocation"] = 0 }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=');
    }

    private static bool TryReadSkipToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var padded = token + (token.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
            var marker = Encoding.UTF8.GetString(Convert.FromBase64String((string?)json?["NextMarker"] ?? ""));
            var parts = marker.Split('!');
            return parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out offset) && offset >= 0;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool? EnabledOf(JsonNode? attributes) =>
        attributes?["enabled"] is JsonValue value && value.TryGetValue(out bool enabled) ? enabled : null;

    private static DateTimeOffset? UnixOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out long seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static Dictionary<string, string>? TagsOf(JsonNode? node)
    {
        if (node is not JsonObject tags) return null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in tags)
        {
            if (value is not JsonValue v || !v.TryGetValue(out string? text)) throw new KeyVaultBadParameterException($"The value of tag '{name}' must be a string.");
            result[name] = text;
        }
        return result;
    }
}
