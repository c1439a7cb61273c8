using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;
using static BatchRotation.Emulator.Tests.KeyVault.KeyVaultTestSupport;

namespace BatchRotation.Emulator.Tests.KeyVault;

public sealed class KeyVaultCertificateTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Examples = "examples/keyvault-data/7.5/examples/";
    private const string Recording = "recordings/kv-certificates.VerifyGetCertificateCompleted.extract.json";

    private static JsonNode RecordedResponse(int entry) => ReferenceData.Load(Recording)["Entries"]![entry]!["ResponseBody"]!;

    private static JsonObject ExamplePolicy() =>
        (JsonObject)ReferenceData.Load(Examples + "CreateCertificate-example.json")["parameters"]!["parameters"]!["policy"]!.DeepClone();

    [ReferenceFact]
    public async Task Create_answers_202_with_Location_RetryAfter_and_the_pending_operation_as_recorded()
    {
        var vault = await emulator.NewVaultAsync();
        var pipeline = emulator.KeyVaultPipeline();

        var response = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "certificates/selfSignedCert01/create"), new JsonObject { ["policy"] = ExamplePolicy() });

        Assert.Equal(202, response.Status);
        var body = response.Json()!;
        JsonShape.AssertCoversWithValues(ReferenceData.ExampleResponse(Examples + "CreateCertificate-example.json", "202"), body,
            ["$.issuer.name", "$.status", "$.status_details", "$.cancellation_requested"]);
        JsonShape.AssertCovers(RecordedResponse(1), body);
        Assert.Equal($"{vault.VaultUri}certificates/selfSignedCert01/pending", (string?)body["id"]);
        var requestId = (string)body["request_id"]!;
        Assert.Matches("^[0-9a-f]{32}$", requestId);
        Assert.True(response.Headers.TryGetValue("Location", out var location));
        Assert.Equal($"{vault.VaultUri}certificates/selfSignedCert01/pending?api-version={Api}&request_id={requestId}", location);
        Assert.True(response.Headers.TryGetValue("Retry-After", out var retryAfter));
        Assert.Equal("10", retryAfter);

        // The CSR is a real PKCS#10 request for the policy's subject and names.
        var csr = CertificateRequest.LoadSigningRequest(Convert.FromBase64String((string)body["csr"]!), HashAlgorithmName.SHA256,
            CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        Assert.Equal("CN=*.microsoft.com", csr.SubjectName.Name);
        var san = csr.CertificateExtensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["onedrive.microsoft.com", "xbox.microsoft.com"], san.EnumerateDnsNames().ToArray());
    }

    [ReferenceFact]
    public async Task Following_Location_completes_the_operation_and_the_certificate_is_real_X509_with_secret_and_key()
    {
        var vault = await emulator.NewVaultAsync();
        var pipeline = emulator.KeyVaultPipeline();
        var before = emulator.SimulatedNow();
        var created = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "certificates/web/create"), new JsonObject { ["policy"] = ExamplePolicy() });
        created.Headers.TryGetValue("Location", out var location);

        var poll = await pipeline.SendAsync(RequestMethod.Get, new Uri(location!));

        Assert.Equal(200, poll.Status);
        var operation = poll.Json()!;
        JsonShape.AssertCoversWithValues(RecordedResponse(2), operation, ["$.status", "$.cancellation_requested", "$.issuer.name"]);
        Assert.Equal($"{vault.VaultUri}certificates/web", (string?)operation["target"]);
        Assert.Null(operation["status_details"]);

        var latest = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/web"));
        Assert.Equal(200, latest.Status);
        var bundle = latest.Json()!;
        JsonShape.AssertCovers(ReferenceData.ExampleResponse(Examples + "GetCertificate-example.json"), bundle);
        JsonShape.AssertCoversWithValues(RecordedResponse(3), bundle,
            ["$.policy.key_props.kty", "$.policy.key_props.key_size", "$.policy.key_props.exportable", "$.policy.key_props.reuse_key",
             "$.policy.secret_props.contentType", "$.policy.x509_props.validity_months", "$.policy.x509_props.basic_constraints.ca",
             "$.policy.lifetime_actions[0].trigger.lifetime_percentage", "$.policy.lifetime_actions[0].action.action_type",
             "$.policy.issuer.name", "$.policy.issuer.cert_transparency", "$.attributes.enabled"],
            "$.policy.x509_props.key_usage", "$.attributes.recoveryLevel", "$.attributes.recoverableDays");
        Assert.Equal($"{vault.VaultUri}certificates/web/pending", (string?)bundle["pending"]!["id"]);
        Assert.Equal($"{vault.VaultUri}certificates/web/policy", (string?)bundle["policy"]!["id"]);
        Assert.Equal(["digitalSignature", "keyEncipherment"], bundle["policy"]!["x509_props"]!["key_usage"]!.AsArray().Select(u => (string)u!).ToArray());

        // Real X.509: x5t is the SHA-1 thumbprint of cer, the dates are the certificate's, from the simulated clock.
        var version = ((string)bundle["id"]!).Split('/')[^1];
        Assert.Matches("^[0-9a-f]{32}$", version);
        Assert.Equal($"{vault.VaultUri}keys/web/{version}", (string?)bundle["kid"]);
        Assert.Equal($"{vault.VaultUri}secrets/web/{version}", (string?)bundle["sid"]);
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String((string)bundle["cer"]!));
        Assert.Equal(Base64Url(SHA1.HashData(certificate.RawData)), (string?)bundle["x5t"]);
        Assert.Equal("CN=*.microsoft.com", certificate.Subject);
        Assert.Equal(["onedrive.microsoft.com", "xbox.microsoft.com"], certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToArray());
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value!).ToArray());
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(2048, certificate.GetRSAPublicKey()!.KeySize);
        var attributes = bundle["attributes"]!;
        Assert.Equal(new DateTimeOffset(certificate.NotBefore.ToUniversalTime()).ToUnixTimeSeconds(), (long)attributes["nbf"]!);
        Assert.Equal(new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds(), (long)attributes["exp"]!);
        var createdAt = DateTimeOffset.FromUnixTimeSeconds((long)attributes["created"]!);
        Assert.InRange(createdAt, before.AddSeconds(-1), emulator.SimulatedNow().AddSeconds(1));
        Assert.Equal(createdAt.AddMinutes(-10), DateTimeOffset.FromUnixTimeSeconds((long)attributes["nbf"]!));
        Assert.Equal(createdAt.AddMonths(12), DateTimeOffset.FromUnixTimeSeconds((long)attributes["exp"]!));

        // A version GET has no policy, as recorded.
        var byVersion = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, $"certificates/web/{version}"));
        Assert.Equal(200, byVersion.Status);
        var versionBundle = byVersion.Json()!;
        JsonShape.AssertCovers(RecordedResponse(4), versionBundle, "$.attributes.recoveryLevel", "$.attributes.recoverableDays");
        Assert.Null(versionBundle["policy"]);
        Assert.Null(versionBundle["pending"]);
        Assert.Equal((string?)bundle["cer"], (string?)versionBundle["cer"]);

        // The secret of the same version holds the PFX with the private key of this certificate.
        var secret = (await pipeline.SendAsync(RequestMethod.Get, new Uri((string)bundle["sid"]! + "?api-version=" + Api))).Json()!;
        Assert.Equal("application/x-pkcs12", (string?)secret["contentType"]);
        Assert.True((bool)secret["managed"]!);
        Assert.Equal((string?)bundle["kid"], (string?)secret["kid"]);
        using var pfx = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String((string)secret["value"]!), null);
        Assert.True(pfx.HasPrivateKey);
        Assert.Equal(certificate.Thumbprint, pfx.Thumbprint);

        // The key of the same version is the certificate's public key.
        var key = (await pipeline.SendAsync(RequestMethod.Get, new Uri((string)bundle["kid"]! + "?api-version=" + Api))).Json()!;
        Assert.True((bool)key["managed"]!);
        Assert.Equal(Base64Url(certificate.GetRSAPublicKey()!.ExportParameters(false).Modulus!), (string?)key["key"]!["n"]);
    }

    [Fact]
    public async Task Versions_list_pages_with_maxresults_and_nextLink()
    {
        var vault = await emulator.NewVaultAsync();
        var first = await emulator.CreateCertificateAsync(vault, "paged");
        var second = await emulator.RenewCertificateAsync(vault, "paged");
        var third = await emulator.RenewCertificateAsync(vault, "paged");
        var pipeline = emulator.KeyVaultPipeline();

        var page1 = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/paged/versions", "maxresults=2"))).Json()!;
        var nextLink = (string?)page1["nextLink"];
        Assert.NotNull(nextLink);
        Assert.StartsWith($"{vault.VaultUri}certificates/paged/versions?api-version={Api}&$skiptoken=", nextLink);
        var page2 = (await pipeline.SendAsync(RequestMethod.Get, new Uri(nextLink))).Json()!;

        Assert.Null((string?)page2["nextLink"]);
        var ids = page1["value"]!.AsArray().Concat(page2["value"]!.AsArray()).Select(i => (string)i!["id"]!).ToArray();
        Assert.Equal([first.Id.ToString(), second.Id.ToString(), third.Id.ToString()], ids);
        Assert.Equal(third.X5t, (string?)page2["value"]![0]!["x5t"]);
        Assert.Equal(3, new[] { first.Thumbprint, second.Thumbprint, third.Thumbprint }.Distinct().Count());

        var list = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates"))).Json()!;
        var item = list["value"]!.AsArray().Single();
        Assert.Equal($"{vault.VaultUri}certificates/paged", (string?)item!["id"]);
        Assert.Equal(third.X5t, (string?)item["x5t"]);
        Assert.True(list.AsObject().ContainsKey("nextLink"));

        var invalid = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/paged/versions", "maxresults=26"));
        Assert.Equal(400, invalid.Status);
        Assert.Equal("BadParameter", invalid.ErrorCode());
    }

    [ReferenceFact]
    public async Task Policy_can_be_read_and_patched()
    {
        var vault = await emulator.NewVaultAsync();
        await emulator.CreateCertificateAsync(vault, "policy1");
        var pipeline = emulator.KeyVaultPipeline();

        var policy = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/policy1/policy"));
        Assert.Equal(200, policy.Status);
        JsonShape.AssertCovers(ReferenceData.ExampleResponse(Examples + "GetCertificatePolicy-example.json"), policy.Json());

        var patched = await pipeline.SendAsync(RequestMethod.Patch, Kv(vault, "certificates/policy1/policy"), new JsonObject
        {
            ["lifetime_actions"] = new JsonArray(new JsonObject
            {
                ["trigger"] = new JsonObject { ["days_before_expiry"] = 30 },
                ["action"] = new JsonObject { ["action_type"] = "AutoRenew" },
            }),
        });

        Assert.Equal(200, patched.Status);
        Assert.Equal(30, (int)patched.Json()!["lifetime_actions"]![0]!["trigger"]!["days_before_expiry"]!);
        Assert.Equal("CN=batchrotation.test", (string?)patched.Json()!["x509_props"]!["subject"]);
        var latest = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/policy1"))).Json()!;
        Assert.Equal(30, (int)latest["policy"]!["lifetime_actions"]![0]!["trigger"]!["days_before_expiry"]!);

        var invalid = await pipeline.SendAsync(RequestMethod.Patch, Kv(vault, "certificates/policy1/policy"), new JsonObject
        {
            ["lifetime_actions"] = new JsonArray(new JsonObject { ["trigger"] = new JsonObject(), ["action"] = new JsonObject { ["action_type"] = "AutoRenew" } }),
        });
        Assert.Equal(400, invalid.Status);
        Assert.Equal("BadParameter", invalid.ErrorCode());
    }

    [Fact]
    public async Task Import_of_a_pfx_keeps_the_certificate_and_the_issuer_becomes_Unknown()
    {
        var vault = await emulator.NewVaultAsync();
        using var local = KeyVaultSeeder.NewSelfSignedCertificate("CN=imported.example", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(200), ["imported.example"]);
        var pfx = local.Export(X509ContentType.Pkcs12, "p@ss");
        var pipeline = emulator.KeyVaultPipeline();

        var response = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "certificates/imported/import"),
            new JsonObject { ["value"] = Convert.ToBase64String(pfx), ["pwd"] = "p@ss" });

        Assert.Equal(200, response.Status);
        var bundle = response.Json()!;
        Assert.Equal(Convert.ToBase64String(local.RawData), (string?)bundle["cer"]);
        Assert.Equal(Base64Url(Convert.FromHexString(local.Thumbprint)), (string?)bundle["x5t"]);
        var policy = bundle["policy"]!;
        Assert.Equal("Unknown", (string?)policy["issuer"]!["name"]);
        Assert.Equal("EmailContacts", (string?)policy["lifetime_actions"]![0]!["action"]!["action_type"]);
        Assert.Equal("CN=imported.example", (string?)policy["x509_props"]!["subject"]);
        Assert.Equal(["imported.example"], policy["x509_props"]!["sans"]!["dns_names"]!.AsArray().Select(d => (string)d!).ToArray());
        Assert.Equal("application/x-pkcs12", (string?)policy["secret_props"]!["contentType"]);
        Assert.Equal(new DateTimeOffset(local.NotAfter.ToUniversalTime()).ToUnixTimeSeconds(), (long)bundle["attributes"]!["exp"]!);

        var secret = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/imported"))).Json()!;
        using var back = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String((string)secret["value"]!), null);
        Assert.Equal(local.Thumbprint, back.Thumbprint);
        Assert.True(back.HasPrivateKey);
        var data = new byte[] { 1, 2, 3, 4 };
        Assert.True(local.GetRSAPublicKey()!.VerifyData(data, back.GetRSAPrivateKey()!.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var wrongPassword = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "certificates/imported2/import"),
            new JsonObject { ["value"] = Convert.ToBase64String(pfx), ["pwd"] = "wrong" });
        Assert.Equal(400, wrongPassword.Status);
        Assert.Equal("BadParameter", wrongPassword.ErrorCode());
    }

    [Fact]
    public async Task Import_of_PEM_content_keeps_the_PEM_content_type()
    {
        var vault = await emulator.NewVaultAsync();
        using var local = KeyVaultSeeder.NewSelfSignedCertificate("CN=pem.example", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
        var pem = local.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n" + local.ExportCertificatePem();

        var imported = await emulator.ImportCertificateAsync(vault, "pem1", System.Text.Encoding.UTF8.GetBytes(pem),
            new CertificateSeed { Issuer = "Unknown", AutoRenew = false, ContentType = "application/x-pem-file" });

        Assert.Equal(local.Thumbprint, imported.Thumbprint);
        var secret = (await emulator.KeyVaultPipeline().SendAsync(RequestMethod.Get, Kv(vault, "secrets/pem1"))).Json()!;
        Assert.Equal("application/x-pem-file", (string?)secret["contentType"]);
        var value = (string)secret["value"]!;
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", value);
        using var back = X509Certificate2.CreateFromPem(value, value);
        Assert.Equal(local.Thumbprint, back.Thumbprint);
    }

    [Fact]
    public async Task A_disabled_certificate_can_be_read_but_its_secret_and_key_cannot()
    {
        var vault = await emulator.NewVaultAsync();
        var seeded = await emulator.CreateCertificateAsync(vault, "off");
        var disabled = await emulator.DisableCertificateAsync(vault, "off");
        var pipeline = emulator.KeyVaultPipeline();

        Assert.False(disabled.Enabled);
        Assert.Equal(seeded.Version, disabled.Version);
        var certificate = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/off"));
        Assert.Equal(200, certificate.Status);
        Assert.False((bool)certificate.Json()!["attributes"]!["enabled"]!);

        var secret = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/off"));
        Assert.Equal(403, secret.Status);
        Assert.Equal("Forbidden", secret.ErrorCode());
        Assert.Equal("Operation get is not allowed on a disabled secret.", secret.ErrorMessage());
        Assert.Equal("SecretDisabled", secret.InnerCode());
        var key = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "keys/off"));
        Assert.Equal(403, key.Status);
        Assert.Equal("Operation get is not allowed on a disabled key.", key.ErrorMessage());

        // Secret metadata still lists, with enabled false.
        var versions = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/off/versions"))).Json()!;
        Assert.False((bool)versions["value"]![0]!["attributes"]!["enabled"]!);

        await emulator.SetCertificateEnabledAsync(vault.VaultUri, "off", true);
        Assert.Equal(200, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/off"))).Status);

        // Tags set on the version show on the certificate and on its secret.
        var tagged = await pipeline.SendAsync(RequestMethod.Patch, Kv(vault, $"certificates/off/{seeded.Version}"), new JsonObject { ["tags"] = new JsonObject { ["owner"] = "batch" } });
        Assert.Equal(200, tagged.Status);
        Assert.Equal("batch", (string?)tagged.Json()!["tags"]!["owner"]);
        Assert.Equal("batch", (string?)(await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/off"))).Json()!["tags"]!["owner"]);
        Assert.True((bool)tagged.Json()!["attributes"]!["enabled"]!);
    }

    [ReferenceFact]
    public async Task An_absent_certificate_answers_404_with_Key_Vaults_text()
    {
        var vault = await emulator.NewVaultAsync();
        var name = "recoverCertificateName-cannotgetacertificatethatneverexisted-";

        var response = await emulator.KeyVaultPipeline().SendAsync(RequestMethod.Get, Kv(vault, $"certificates/{name}"));

        Assert.Equal(404, response.Status);
        var recorded = ReferenceData.Load("recordings/error-envelopes.json")["keyvault_dataplane_404_certificate_not_found"]!["body"]!;
        Assert.True(JsonNode.DeepEquals(recorded, response.Json()), response.Content.ToString());
    }

    [Fact]
    public async Task Issuer_Unknown_create_waits_for_a_merge_of_the_certificate_issued_for_its_CSR()
    {
        var vault = await emulator.NewVaultAsync();
        var pipeline = emulator.KeyVaultPipeline();
        var policy = new CertificateSeed { Issuer = "Unknown", AutoRenew = false, Subject = "CN=external.example" }.Policy();

        var created = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "certificates/external/create"), new JsonObject { ["policy"] = policy });
        Assert.Equal(202, created.Status);
        Assert.Equal("Pending certificate created. Please Perform Merge to complete the request.", (string?)created.Json()!["status_details"]);
        var polled = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/external/pending"))).Json()!;
        Assert.Equal("inProgress", (string?)polled["status"]);
        await emulator.AdvanceClockAsync(TimeSpan.FromHours(1));
        Assert.Equal("inProgress", (string?)(await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/external/pending"))).Json()!["status"]);
        var pendingSecret = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/external"));
        Assert.Equal(404, pendingSecret.Status);

        // An external CA signs the CSR.
        var csr = CertificateRequest.LoadSigningRequest(Convert.FromBase64String((string)polled["csr"]!), HashAlgorithmName.SHA256,
            CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions, RSASignaturePadding.Pkcs1);
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Example CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        using var issued = csr.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(90), RandomNumberGenerator.GetBytes(16));

        var merged = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "certificates/external/pending/merge"),
            new JsonObject { ["x5c"] = new JsonArray(Convert.ToBase64String(issued.RawData)) });

        Assert.Equal(201, merged.Status);
        Assert.Equal(Base64Url(SHA1.HashData(issued.RawData)), (string?)merged.Json()!["x5t"]);
        Assert.Equal("completed", (string?)(await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/external/pending"))).Json()!["status"]);
        var secret = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/external"))).Json()!;
        using var pfx = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String((string)secret["value"]!), null);
        Assert.Equal(issued.Thumbprint, pfx.Thumbprint);
        Assert.True(pfx.HasPrivateKey);
    }

    [Fact]
    public async Task Delete_is_soft_the_name_cannot_be_reused_and_recover_brings_it_back()
    {
        var vault = await emulator.NewVaultAsync();
        var seeded = await emulator.CreateCertificateAsync(vault, "gone");
        var pipeline = emulator.KeyVaultPipeline();

        var deleted = await pipeline.SendAsync(RequestMethod.Delete, Kv(vault, "certificates/gone"));

        Assert.Equal(200, deleted.Status);
        Assert.Equal($"{vault.VaultUri}deletedcertificates/gone", (string?)deleted.Json()!["recoveryId"]);
        Assert.True((long)deleted.Json()!["scheduledPurgeDate"]! > (long)deleted.Json()!["deletedDate"]!);
        Assert.Equal(404, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/gone"))).Status);
        Assert.Equal(404, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/gone"))).Status);

        var again = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "certificates/gone/create"), new JsonObject { ["policy"] = new CertificateSeed().Policy() });
        Assert.Equal(409, again.Status);
        Assert.Equal("Conflict", again.ErrorCode());
        Assert.Equal("Certificate gone is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the certificate can only be recovered or purged.", again.ErrorMessage());

        var recovered = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "deletedcertificates/gone/recover"));
        Assert.Equal(200, recovered.Status);
        Assert.Equal(seeded.X5t, (string?)(await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/gone"))).Json()!["x5t"]);
        Assert.Equal(200, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/gone"))).Status);
    }

    [Fact]
    public async Task An_unsupported_api_version_is_refused_with_Key_Vaults_text()
    {
        var vault = await emulator.NewVaultAsync();
        var pipeline = emulator.KeyVaultPipeline();

        var response = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates", apiVersion: "2016-10-01"));
        var preview = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates", apiVersion: "7.6-preview.2"));

        Assert.Equal(400, response.Status);
        Assert.Equal("BadParameter", response.ErrorCode());
        Assert.Equal("The specified version (2016-10-01) is not recognized. Consider using the latest supported version (2026-04-01).", response.ErrorMessage());
        foreach (var supported in new[] { "7.0", "7.3", "7.5", "7.6", "2025-07-01", "2026-04-01" })
        {
            Assert.Equal(200, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates", apiVersion: supported))).Status);
        }
        Assert.Equal(400, preview.Status);
        var missing = await pipeline.SendAsync(RequestMethod.Get, new Uri(vault.VaultUri, "certificates"));
        Assert.Equal(400, missing.Status);
        Assert.Equal("BadParameter", missing.ErrorCode());
    }

    [Fact]
    public async Task Invalid_policies_and_names_are_refused_with_BadParameter()
    {
        var vault = await emulator.NewVaultAsync();
        var pipeline = emulator.KeyVaultPipeline();
        var policy = new CertificateSeed().Policy();
        policy["key_props"]!["key_size"] = 1024;

        var smallKey = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "certificates/small/create"), new JsonObject { ["policy"] = policy });
        var badName = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "certificates/bad_name/create"), new JsonObject { ["policy"] = new CertificateSeed().Policy() });
        var noPolicy = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "certificates/nopolicy/create"), new JsonObject());

        Assert.Equal((400, "BadParameter"), (smallKey.Status, smallKey.ErrorCode()));
        Assert.Equal((400, "BadParameter"), (badName.Status, badName.ErrorCode()));
        Assert.Equal("The request URI contains an invalid name: bad_name", badName.ErrorMessage());
        Assert.Equal((400, "BadParameter"), (noPolicy.Status, noPolicy.ErrorCode()));
        Assert.Equal(404, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/small"))).Status);
    }

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
