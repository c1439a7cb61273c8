using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace BatchRotation.Emulator.KeyVault;

/// <summary>Thrown for a request Key Vault refuses with 400 <c>BadParameter</c>.</summary>
public sealed class KeyVaultBadParameterException(string message) : Exception(message);

/// <summary>
/// Real X.509 for the emulated vaults: certificate policies in Key Vault's wire shape (with Key Vault's
/// defaults), key generation, CSRs, self-issued certificates whose subject, SANs, EKUs, key usage and
/// validity follow the policy, the secret value (PKCS#12 or PEM) and imports of PFX/PEM content.
/// </summary>
public static class CertificateFactory
{
    public const string Pkcs12ContentType = "application/x-pkcs12";
    public const string PemContentType = "application/x-pem-file";

    public static readonly string[] DefaultEkus = ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"];
    public static readonly string[] DefaultKeyUsage = ["digitalSignature", "keyEncipherment"];

    private static readonly (string Name, X509KeyUsageFlags Flag)[] KeyUsageNames =
    [
        ("cRLSign", X509KeyUsageFlags.CrlSign),
        ("dataEncipherment", X509KeyUsageFlags.DataEncipherment),
        ("decipherOnly", X509KeyUsageFlags.DecipherOnly),
        ("digitalSignature", X509KeyUsageFlags.DigitalSignature),
        ("encipherOnly", X509KeyUsageFlags.EncipherOnly),
        ("keyAgreement", X509KeyUsageFlags.KeyAgreement),
        ("keyCertSign", X509KeyUsageFlags.KeyCertSign),
        ("keyEncipherment", X509KeyUsageFlags.KeyEncipherment),
        ("nonRepudiation", X509KeyUsageFlags.NonRepudiation),
    ];

    /// <summary>True for issuers that issue (and so can renew) by themselves: everything but <c>Unknown</c>.</summary>
    public static bool IssuerCanRenew(string issuerName) => !issuerName.Equals("Unknown", StringComparison.OrdinalIgnoreCase);

    public static string IssuerName(JsonObject policy) => (string?)policy["issuer"]?["name"] ?? "Unknown";

    public static string ContentType(JsonObject policy) => (string?)policy["secret_props"]?["contentType"] ?? Pkcs12ContentType;

    public static bool Exportable(JsonObject policy) => policy["key_props"]?["exportable"] is not JsonValue v || !v.TryGetValue(out bool b) || b;

    public static bool ReuseKey(JsonObject policy) => policy["key_props"]?["reuse_key"] is JsonValue v && v.TryGetValue(out bool b) && b;

    /// <summary>
    /// A policy sent to create (or PATCH, merged onto <paramref name="current"/>) in the shape Key Vault
    /// stores and returns, with its defaults: RSA 2048, exportable, PKCS#12, 12 months, server and client
    /// authentication EKUs, digitalSignature + keyEncipherment, and AutoRenew at 80 % (EmailContacts for
    /// issuer Unknown).
    /// </summary>
    public static JsonObject NormalizePolicy(JsonObject? requested, JsonObject? current = null)
    {
        requested ??= new JsonObject();
        var keyIn = Merge(current?["key_props"], requested["key_props"]);
        var secretIn = Merge(current?["secret_props"], requested["secret_props"]);
        var x509In = Merge(current?["x509_props"], requested["x509_props"]);
        var issuerIn = Merge(current?["issuer"], requested["issuer"]);

        var kty = (string?)keyIn["kty"] ?? "RSA";
        if (kty is not ("RSA" or "RSA-HSM" or "EC" or "EC-HSM"))
            throw new KeyVaultBadParameterException($"Invalid key type '{kty}'. Supported key types are RSA, RSA-HSM, EC and EC-HSM.");
        var keyProps = new JsonObject
        {
            ["exportable"] = keyIn["exportable"] is JsonValue ev && ev.TryGetValue(out bool exportable) ? exportable : true,
            ["kty"] = kty,
        };
        if (kty.StartsWith("RSA", StringComparison.Ordinal))
        {
            var size = keyIn["key_size"] is JsonValue sv && sv.TryGetValue(out int s) ? s : 2048;
            if (size is not (2048 or 3072 or 4096))
                throw new KeyVaultBadParameterException($"Invalid key size {size}. RSA key sizes are 2048, 3072 or 4096.");
            keyProps["key_size"] = size;
        }
        else
        {
            var curve = (string?)keyIn["crv"] ?? "P-256";
            if (CurveFor(curve) is null) throw new KeyVaultBadParameterException($"Invalid curve name '{curve}'. Supported curves are P-256, P-384, P-521 and P-256K.");
            keyProps["crv"] = curve;
            keyProps["key_size"] = curve switch { "P-384" => 384, "P-521" => 521, _ => 256 };
        }
        keyProps["reuse_key"] = keyIn["reuse_key"] is JsonValue rv && rv.TryGetValue(out bool reuse) && reuse;

        var contentType = (string?)secretIn["contentType"] ?? Pkcs12ContentType;
        if (contentType is not (Pkcs12ContentType or PemContentType))
            throw new KeyVaultBadParameterException($"The content type '{contentType}' is not supported. Use '{Pkcs12ContentType}' or '{PemContentType}'.");

        var subject = (string?)x509In["subject"];
        var sans = x509In["sans"] as JsonObject;
        var hasSans = sans is not null && sans.Any(p => p.Value is JsonArray { Count: > 0 });
        if (string.IsNullOrWhiteSpace(subject) && !hasSans)
            throw new KeyVaultBadParameterException("The certificate policy must specify a subject or at least one subject alternative name.");
        if (!string.IsNullOrWhiteSpace(subject))
        {
            try { _ = new X500DistinguishedName(subject); }
            catch (CryptographicException) { throw new KeyVaultBadParameterException($"The subject name '{subject}' is not a valid X.500 distinguished name."); }
        }
        var validity = x509In["validity_months"] is JsonValue vm && vm.TryGetValue(out int months) ? months : 12;
        if (validity < 1) throw new KeyVaultBadParameterException("validity_months must be a positive number of months.");
        var ekus = x509In["ekus"] is JsonArray ekuArray ? ekuArray.Select(e => (string?)e ?? "").ToArray() : DefaultEkus;
        foreach (var eku in ekus)
        {
            if (!IsDottedOid(eku)) throw new KeyVaultBadParameterException($"'{eku}' is not a valid extended key usage OID.");
        }
        var usage = x509In["key_usage"] is JsonArray usageArray ? usageArray.Select(u => (string?)u ?? "").ToArray() : DefaultKeyUsage;
        var normalizedUsage = usage.Select(u => KeyUsageNames.FirstOrDefault(k => k.Name.Equals(u, StringComparison.OrdinalIgnoreCase)).Name
                ?? throw new KeyVaultBadParameterException($"'{u}' is not a valid key usage."))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(u => u, StringComparer.OrdinalIgnoreCase)
            .ToArray();

        var x509Props = new JsonObject();
        if (!string.IsNullOrWhiteSpace(subject)) x509Props["subject"] = subject;
        if (hasSans)
        {
            var sansOut = new JsonObject();
            foreach (var kind in new[] { "emails", "dns_names", "upns" })
            {
                if (sans![kind] is JsonArray { Count: > 0 } list) sansOut[kind] = list.DeepClone();
            }
            x509Props["sans"] = sansOut;
        }
        x509Props["ekus"] = new JsonArray(ekus.Select(e => (JsonNode)e).ToArray());
        x509Props["key_usage"] = new JsonArray(normalizedUsage.Select(u => (JsonNode)u).ToArray());
        x509Props["validity_months"] = validity;
        x509Props["basic_constraints"] = new JsonObject { ["ca"] = false };

        var issuerName = (string?)issuerIn["name"] ?? "Unknown";
        var issuer = new JsonObject { ["name"] = issuerName };
        if (issuerIn["cty"] is JsonValue cty) issuer["cty"] = cty.DeepClone();
        if (!issuerName.Equals("Unknown", StringComparison.OrdinalIgnoreCase))
            issuer["cert_transparency"] = issuerIn["cert_transparency"] is JsonValue ct && ct.TryGetValue(out bool transparency) && transparency;

        JsonArray lifetimeActions;
        if (requested["lifetime_actions"] is JsonArray requestedActions) lifetimeActions = NormalizeLifetimeActions(requestedActions, validity);
        else if (current?["lifetime_actions"] is JsonArray currentActions) lifetimeActions = (JsonArray)currentActions.DeepClone();
        else lifetimeActions = DefaultLifetimeActions(issuerName);

        return new JsonObject
        {
            ["key_props"] = keyProps,
            ["secret_props"] = new JsonObject { ["contentType"] = contentType },
            ["x509_props"] = x509Props,
            ["lifetime_actions"] = lifetimeActions,
            ["issuer"] = issuer,
        };
    }

    public static JsonArray DefaultLifetimeActions(string issuerName) =>
    [
        new JsonObject
        {
            ["trigger"] = new JsonObject { ["lifetime_percentage"] = 80 },
            ["action"] = new JsonObject { ["action_type"] = CertificateFactory.IssuerCanRenew(issuerName) ? "AutoRenew" : "EmailContacts" },
        },
    ];

    private static JsonArray NormalizeLifetimeActions(JsonArray requested, int validityMonths)
    {
        var result = new JsonArray();
        foreach (var item in requested)
        {
            if (item is not JsonObject action) throw new KeyVaultBadParameterException("Each lifetime action must be an object with a trigger and an action.");
            var type = (string?)action["action"]?["action_type"];
            var normalizedType = type is null ? null
                : type.Equals("AutoRenew", StringComparison.OrdinalIgnoreCase) ? "AutoRenew"
                : type.Equals("EmailContacts", StringComparison.OrdinalIgnoreCase) ? "EmailContacts" : null;
            if (normalizedType is null) throw new KeyVaultBadParameterException($"Invalid lifetime action type '{type}'. It must be AutoRenew or EmailContacts.");
            var trigger = action["trigger"] as JsonObject;
            var percentage = trigger?["lifetime_percentage"] is JsonValue p && p.TryGetValue(out int pct) ? pct : (int?)null;
            var days = trigger?["days_before_expiry"] is JsonValue d && d.TryGetValue(out int dd) ? dd : (int?)null;
            if (percentage is null == days is null)
                throw new KeyVaultBadParameterException("A lifetime action trigger must have exactly one of lifetime_percentage or days_before_expiry.");
            if (percentage is < 1 or > 99) throw new KeyVaultBadParameterException("lifetime_percentage must be between 1 and 99.");
            if (days is not null && (days < 1 || days > validityMonths * 27))
                throw new KeyVaultBadParameterException($"days_before_expiry must be between 1 and {validityMonths * 27} for a validity of {validityMonths} months.");
            result.Add(new JsonObject
            {
                ["trigger"] = percentage is not null ? new JsonObject { ["lifetime_percentage"] = percentage } : new JsonObject { ["days_before_expiry"] = days },
                ["action"] = new JsonObject { ["action_type"] = normalizedType },
            });
        }
        return result;
    }

    /// <summary>When AutoRenew fires for a version valid from <paramref name="notBefore"/> to <paramref name="expires"/>; null when the policy has no AutoRenew.</summary>
    public static DateTimeOffset? AutoRenewAt(JsonObject policy, DateTimeOffset notBefore, DateTimeOffset expires)
    {
        if (!IssuerCanRenew(IssuerName(policy))) return null;
        DateTimeOffset? earliest = null;
        foreach (var action in (policy["lifetime_actions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (!string.Equals((string?)action["action"]?["action_type"], "AutoRenew", StringComparison.OrdinalIgnoreCase)) continue;
            DateTimeOffset at;
            if (action["trigger"]?["lifetime_percentage"] is JsonValue p && p.TryGetValue(out int pct))
                at = notBefore + TimeSpan.FromTicks((expires - notBefore).Ticks / 100 * pct);
            else if (action["trigger"]?["days_before_expiry"] is JsonValue d && d.TryGetValue(out int days))
                at = expires - TimeSpan.FromDays(days);
            else continue;
            if (earliest is null || at < earliest) earliest = at;
        }
        return earliest;
    }

    /// <summary>A new private key for the policy, as PKCS#8.</summary>
    public static byte[] NewPrivateKey(JsonObject policy)
    {
        var kty = (string?)policy["key_props"]?["kty"] ?? "RSA";
        if (kty.StartsWith("EC", StringComparison.Ordinal))
        {
            using var ec = ECDsa.Create(CurveFor((string?)policy["key_props"]?["crv"] ?? "P-256")!.Value);
            return ec.ExportPkcs8PrivateKey();
        }
        using var rsa = RSA.Create((int?)policy["key_props"]?["key_size"] ?? 2048);
        return rsa.ExportPkcs8PrivateKey();
    }

    public static ECCurve? CurveFor(string name) => name switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        "P-256K" => ECCurve.CreateFromValue("1.3.132.0.10"),
        _ => null,
    };

    /// <summary>The PKCS#10 request Key Vault shows in a pending operation (<c>csr</c>), base64.</summary>
    public static string CreateCsr(JsonObject policy, byte[] pkcs8) =>
        WithKey(pkcs8, (request, _) => Convert.ToBase64String(request(policy).CreateSigningRequest()));

    /// <summary>Issues the certificate for the policy, self-signed, valid from <paramref name="notBefore"/> to <paramref name="expires"/>.</summary>
    public static X509Certificate2 Issue(JsonObject policy, byte[] pkcs8, DateTimeOffset notBefore, DateTimeOffset expires) =>
        WithKey(pkcs8, (request, attach) =>
        {
            var certificateRequest = request(policy);
            certificateRequest.CertificateExtensions.Add(X509SubjectKeyIdentifierExtension(certificateRequest.PublicKey));
            // CreateSelfSigned already binds the key object used here; rebind a fresh copy so the result owns its key.
            using var selfSigned = certificateRequest.CreateSelfSigned(notBefore, expires);
            using var publicOnly = X509CertificateLoader.LoadCertificate(selfSigned.RawData);
            return attach(publicOnly);
        });

    private static X509Extension X509SubjectKeyIdentifierExtension(PublicKey key) => new X509SubjectKeyIdentifierExtension(key, false);

    private delegate T KeyUse<T>(Func<JsonObject, CertificateRequest> request, Func<X509Certificate2, X509Certificate2> attach);

    private static T WithKey<T>(byte[] pkcs8, KeyUse<T> use)
    {
        var algorithm = KeyAlgorithmOf(pkcs8);
        if (algorithm == "EC")
        {
            using var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8, out _);
            return use(p => BuildRequest(p, new CertificateRequest(SubjectName(p), ec, HashFor(ec.KeySize))), c => c.CopyWithPrivateKey(ec));
        }
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return use(p => BuildRequest(p, new CertificateRequest(SubjectName(p), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)), c => c.CopyWithPrivateKey(rsa));
    }

    private static HashAlgorithmName HashFor(int ecKeySize) => ecKeySize switch
    {
        > 384 => HashAlgorithmName.SHA512,
        > 256 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA256,
    };

    public static string KeyAlgorithmOf(byte[] pkcs8)
    {
        var reader = new AsnReader(pkcs8, AsnEncodingRules.DER).ReadSequence();
        reader.ReadInteger();
        var algorithm = reader.ReadSequence().ReadObjectIdentifier();
        return algorithm == "1.2.840.10045.2.1" ? "EC" : "RSA";
    }

    private static X500DistinguishedName SubjectName(JsonObject policy) =>
        new((string?)policy["x509_props"]?["subject"] ?? "");

    private static CertificateRequest BuildRequest(JsonObject policy, CertificateRequest request)
    {
        var x509 = policy["x509_props"] as JsonObject ?? new JsonObject();
        var flags = X509KeyUsageFlags.None;
        foreach (var usage in (x509["key_usage"] as JsonArray ?? []).Select(u => (string?)u))
        {
            flags |= KeyUsageNames.FirstOrDefault(k => k.Name.Equals(usage, StringComparison.OrdinalIgnoreCase)).Flag;
        }
        if (flags != X509KeyUsageFlags.None) request.CertificateExtensions.Add(new X509KeyUsageExtension(flags, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: false));
        if (x509["ekus"] is JsonArray { Count: > 0 } ekus)
        {
            var collection = new OidCollection();
            foreach (var eku in ekus) collection.Add(new Oid((string?)eku ?? ""));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(collection, critical: false));
        }
        if (x509["sans"] is JsonObject sans)
        {
            var builder = new SubjectAlternativeNameBuilder();
            var any = false;
            foreach (var dns in sans["dns_names"] as JsonArray ?? []) { builder.AddDnsName((string)dns!); any = true; }
            foreach (var email in sans["emails"] as JsonArray ?? []) { builder.AddEmailAddress((string)email!); any = true; }
            foreach (var upn in sans["upns"] as JsonArray ?? []) { builder.AddUserPrincipalName((string)upn!); any = true; }
            if (any) request.CertificateExtensions.Add(builder.Build());
        }
        return request;
    }

    /// <summary>The secret value Key Vault keeps for a certificate: base64 PKCS#12 or PEM (key first), with the key only when exportable.</summary>
    public static string SecretValue(X509Certificate2 certificateWithKey, string contentType, bool exportable)
    {
        if (contentType == PemContentType)
        {
            var builder = new StringBuilder();
            if (exportable)
            {
                using AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)certificateWithKey.GetRSAPrivateKey() ?? certificateWithKey.GetECDsaPrivateKey();
                if (key is not null) builder.Append(key.ExportPkcs8PrivateKeyPem()).Append('\n');
            }
            builder.Append(certificateWithKey.ExportCertificatePem()).Append('\n');
            return builder.ToString();
        }
        if (!exportable)
        {
            using var publicOnly = X509CertificateLoader.LoadCertificate(certificateWithKey.RawData);
            return Convert.ToBase64String(publicOnly.Export(X509ContentType.Pkcs12)!);
        }
        return Convert.ToBase64String(certificateWithKey.Export(X509ContentType.Pkcs12)!);
    }

    /// <summary>A certificate secret's value in another content type (GET secret with <c>outContentType</c>).</summary>
    public static string ConvertSecretValue(string value, string fromContentType, string toContentType)
    {
        if (fromContentType == toContentType) return value;
        X509Certificate2 certificate;
        if (fromContentType == PemContentType)
        {
            certificate = value.Contains("PRIVATE KEY-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(value, value)
                : X509Certificate2.CreateFromPem(value);
        }
        else
        {
            certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(value), null, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        }
        using (certificate)
        {
            if (!certificate.HasPrivateKey) return SecretValue(certificate, toContentType, exportable: false);
            using var rebound = AttachKey(certificate.RawData, ExportPkcs8(certificate));
            return SecretValue(rebound, toContentType, exportable: true);
        }
    }

    public static byte[] ExportPkcs8(X509Certificate2 certificate)
    {
        using AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey();
        return key?.ExportPkcs8PrivateKey() ?? throw new KeyVaultBadParameterException("The certificate content does not include a private key.");
    }

    /// <summary>The certificate (with its private key) in an import request's value: base64 PKCS#12 or PEM text.</summary>
    public static (X509Certificate2 Certificate, string DetectedContentType) ParseImport(string value, string? password)
    {
        if (value.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            try
            {
                var certificate = X509Certificate2.CreateFromPem(value, value);
                return (certificate, PemContentType);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                throw new KeyVaultBadParameterException("The specified PEM X.509 certificate content is in an unexpected format. Please check if certificate is in valid PEM format.");
            }
        }
        byte[] bytes;
        try { bytes = Convert.FromBase64String(value); }
        catch (FormatException) { throw new KeyVaultBadParameterException("The specified X.509 certificate content is not valid base64."); }
        try
        {
            var collection = X509CertificateLoader.LoadPkcs12Collection(bytes, password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
            var withKey = collection.FirstOrDefault(c => c.HasPrivateKey)
                ?? throw new KeyVaultBadParameterException("The specified X.509 certificate content does not contain a private key.");
            foreach (var other in collection.Where(c => !ReferenceEquals(c, withKey))) other.Dispose();
            // Re-import through PKCS#8 so that the key is exportable on every platform.
            var pkcs8 = ExportPkcs8(withKey);
            var certificate = AttachKey(withKey.RawData, pkcs8);
            withKey.Dispose();
            return (certificate, Pkcs12ContentType);
        }
        catch (CryptographicException)
        {
            throw new KeyVaultBadParameterException("Private key is not valid or the password is incorrect: the specified PKCS#12 X.509 certificate content could not be read.");
        }
    }

    /// <summary>The certificate in <paramref name="der"/> with the private key in <paramref name="pkcs8"/>.</summary>
    public static X509Certificate2 AttachKey(byte[] der, byte[] pkcs8)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        if (KeyAlgorithmOf(pkcs8) == "EC")
        {
            using var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8, out _);
            return certificate.CopyWithPrivateKey(ec);
        }
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return certificate.CopyWithPrivateKey(rsa);
    }

    /// <summary>The policy Key Vault derives for an imported certificate, over what the request's policy said.</summary>
    public static JsonObject PolicyForImport(X509Certificate2 certificate, JsonObject? requested, string contentType)
    {
        requested ??= new JsonObject();
        var keyProps = new JsonObject
        {
            ["exportable"] = requested["key_props"]?["exportable"] is JsonValue ev && ev.TryGetValue(out bool exportable) ? exportable : true,
        };
        using (var ec = certificate.GetECDsaPublicKey())
        {
            if (ec is not null)
            {
                keyProps["kty"] = "EC";
                keyProps["key_size"] = ec.KeySize;
                keyProps["crv"] = ec.KeySize switch { 384 => "P-384", 521 => "P-521", _ => "P-256" };
            }
            else
            {
                using var rsa = certificate.GetRSAPublicKey();
                keyProps["kty"] = "RSA";
                keyProps["key_size"] = rsa?.KeySize ?? 2048;
            }
        }
        keyProps["reuse_key"] = requested["key_props"]?["reuse_key"] is JsonValue rv && rv.TryGetValue(out bool reuse) && reuse;

        var x509Props = new JsonObject { ["subject"] = certificate.Subject };
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var dnsNames = san?.EnumerateDnsNames().ToArray() ?? [];
        if (dnsNames.Length > 0) x509Props["sans"] = new JsonObject { ["dns_names"] = new JsonArray(dnsNames.Select(d => (JsonNode)d).ToArray()) };
        var ekus = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault()?.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value!).ToArray() ?? [];
        x509Props["ekus"] = new JsonArray(ekus.Select(e => (JsonNode)e).ToArray());
        var flags = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault()?.KeyUsages ?? X509KeyUsageFlags.None;
        x509Props["key_usage"] = new JsonArray(KeyUsageNames.Where(k => k.Flag != X509KeyUsageFlags.None && flags.HasFlag(k.Flag)).Select(k => (JsonNode)k.Name).ToArray());
        x509Props["validity_months"] = ValidityMonths(new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
        var basic = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (basic is not null) x509Props["basic_constraints"] = new JsonObject { ["ca"] = basic.CertificateAuthority };

        var issuerName = (string?)requested["issuer"]?["name"] ?? "Unknown";
        var issuer = new JsonObject { ["name"] = issuerName };
        var validity = (int)x509Props["validity_months"]!;
        var lifetimeActions = requested["lifetime_actions"] is JsonArray actions ? NormalizeLifetimeActions(actions, validity) : DefaultLifetimeActions(issuerName);
        return new JsonObject
        {
            ["key_props"] = keyProps,
            ["secret_props"] = new JsonObject { ["contentType"] = (string?)requested["secret_props"]?["contentType"] ?? contentType },
            ["x509_props"] = x509Props,
            ["lifetime_actions"] = lifetimeActions,
            ["issuer"] = issuer,
        };
    }

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/>, a started month counting as one.</summary>
    public static int ValidityMonths(DateTimeOffset from, DateTimeOffset to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        if (from.AddMonths(months) < to) months++;
        return Math.Max(1, months);
    }

    public static string Thumbprint(X509Certificate2 certificate) => certificate.Thumbprint.ToUpperInvariant();

    /// <summary>The <c>x5t</c> of a certificate: base64url of its SHA-1 thumbprint.</summary>
    public static string X5t(string thumbprintHex) =>
        Convert.ToBase64String(Convert.FromHexString(thumbprintHex)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static JsonObject Merge(JsonNode? current, JsonNode? requested)
    {
        var result = current is JsonObject c ? (JsonObject)c.DeepClone() : new JsonObject();
        if (requested is JsonObject r)
        {
            foreach (var (name, value) in r) result[name] = value?.DeepClone();
        }
        return result;
    }

    private static bool IsDottedOid(string value) =>
        value.Length > 0 && value.Split('.').All(part => part.Length > 0 && part.All(char.IsAsciiDigit)) && value.Contains('.');
}
