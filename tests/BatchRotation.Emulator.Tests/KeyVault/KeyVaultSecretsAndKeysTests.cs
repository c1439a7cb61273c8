using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using BatchRotation.Emulator.KeyVault;
using BatchRotation.Emulator.Tests.Infrastructure;
using static BatchRotation.Emulator.Tests.KeyVault.KeyVaultTestSupport;

namespace BatchRotation.Emulator.Tests.KeyVault;

public sealed class KeyVaultSecretsAndKeysTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private SecretClient SecretClientFor(SeededVault vault, ResponseRecorder? recorder = null)
    {
        var options = new SecretClientOptions
        {
            DisableChallengeResourceVerification = true,
            Transport = new HttpClientTransport(EmulatorFixture.PinnedHandler(emulator.Host.Certificate)),
            Retry = { MaxRetries = 0 },
        };
        if (recorder is not null) options.AddPolicy(recorder, HttpPipelinePosition.BeforeTransport);
        return new SecretClient(vault.VaultUri, emulator.Credential, options);
    }

    /// <summary>Records every response the client receives (status, headers, body), changing nothing.</summary>
    private sealed class ResponseRecorder : HttpPipelinePolicy
    {
        public List<(string Method, string Uri, int Status, string? Challenge, string Body)> Responses { get; } = [];

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            Record(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            Record(message);
        }

        private void Record(HttpMessage message)
        {
            message.Response.Headers.TryGetValue("WWW-Authenticate", out var challenge);
            var body = "";
            if (message.Response.ContentStream is { } stream)
            {
                // Buffer the body (as the pipeline would) so that it can be read here and again by the client.
                var copy = new MemoryStream();
                stream.CopyTo(copy);
                copy.Position = 0;
                body = new StreamReader(copy, leaveOpen: true).ReadToEnd();
                copy.Position = 0;
                message.Response.ContentStream = copy;
            }
            Responses.Add((message.Request.Method.ToString(), message.Request.Uri.ToString(), message.Response.Status, challenge, body));
        }
    }

    [Fact]
    public async Task Azure_SecretClient_passes_the_401_challenge_receives_a_certificates_secret_and_reports_errors()
    {
        var vault = await emulator.NewVaultAsync();
        var certificate = await emulator.CreateCertificateAsync(vault, "sdkcert", new CertificateSeed { DnsNames = ["app.example"] });
        var recorder = new ResponseRecorder();
        var client = SecretClientFor(vault, recorder);

        // Known deviation (README): the client's identifier parser accepts only host-rooted ids
        // (https://{vault}.vault.azure.net/secrets/{name}/{version}); the emulator's vaults live under
        // /keyvault/{vault}/, so the typed model cannot be built from an otherwise correct answer.
        var parse = await Assert.ThrowsAsync<ArgumentException>(() => client.GetSecretAsync("sdkcert"));
        Assert.Contains("Invalid ObjectIdentifier", parse.Message);

        // What went over the wire is Key Vault's conversation: the unauthenticated probe, the 401
        // challenge naming the tenant and resource, then the authenticated GET answered 200.
        Assert.Equal(2, recorder.Responses.Count);
        var (_, probeUri, probeStatus, challenge, _) = recorder.Responses[0];
        // The client appends "/secrets/..." to the vault URI, which here already ends with a slash.
        Assert.StartsWith(vault.VaultUri.ToString(), probeUri);
        Assert.Contains("/secrets/sdkcert?", probeUri);
        Assert.Contains("api-version=2026-04-01", probeUri);
        Assert.Equal(401, probeStatus);
        Assert.Equal($"Bearer authorization=\"{emulator.Endpoint.GetLeftPart(UriPartial.Authority)}/{emulator.Environment.TenantId}\", resource=\"https://vault.azure.net\"", challenge);
        var (_, _, status, _, body) = recorder.Responses[1];
        Assert.Equal(200, status);
        var secret = JsonNode.Parse(body)!;
        Assert.Equal(certificate.SecretId.ToString(), (string?)secret["id"]);
        Assert.Equal("application/x-pkcs12", (string?)secret["contentType"]);
        using var pfx = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String((string)secret["value"]!), null);
        Assert.Equal(certificate.Thumbprint, pfx.Thumbprint);
        Assert.True(pfx.HasPrivateKey);

        // Errors need no identifier parsing: the client reports Key Vault's codes and texts.
        // (One test on purpose: the client caches the challenge per endpoint, so only its first request probes.)
        await emulator.DisableCertificateAsync(vault, "sdkcert");
        var notFound = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("nothere"));
        var disabled = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("sdkcert"));

        Assert.Equal((404, "SecretNotFound"), (notFound.Status, notFound.ErrorCode));
        Assert.Contains("A secret with (name/id) nothere was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182", notFound.Message);
        Assert.Equal((403, "Forbidden"), (disabled.Status, disabled.ErrorCode));
        Assert.Contains("Operation get is not allowed on a disabled secret.", disabled.Message);
    }

    [Fact]
    public async Task Secrets_list_pages_through_nextLink_until_it_is_null()
    {
        var vault = await emulator.NewVaultAsync();
        for (var i = 0; i < 30; i++) await emulator.SetSecretAsync(vault.VaultUri, $"plain{i:00}", $"value {i}");
        var pipeline = emulator.KeyVaultPipeline();

        var names = new List<string>();
        var pages = 0;
        Uri? next = Kv(vault, "secrets");
        while (next is not null)
        {
            var page = (await pipeline.SendAsync(RequestMethod.Get, next)).Json()!;
            pages++;
            names.AddRange(page["value"]!.AsArray().Select(i => ((string)i!["id"]!).Split('/')[^1]));
            next = (string?)page["nextLink"] is { } link ? new Uri(link) : null;
        }

        Assert.Equal(2, pages);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"plain{i:00}"), names);
    }

    [Fact]
    public async Task Plain_secrets_version_and_the_versionless_GET_follows_the_latest()
    {
        var vault = await emulator.NewVaultAsync();
        var pipeline = emulator.KeyVaultPipeline();

        var first = await emulator.SetSecretAsync(vault.VaultUri, "conn", "one", contentType: "text/plain");
        var second = await emulator.SetSecretAsync(vault.VaultUri, "conn", "two");

        var latest = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/conn"))).Json()!;
        Assert.Equal("two", (string?)latest["value"]);
        Assert.Equal((string?)second["id"], (string?)latest["id"]);
        Assert.Null(latest["managed"]);
        Assert.Null(latest["kid"]);
        var pinned = (await pipeline.SendAsync(RequestMethod.Get, new Uri((string)first["id"]! + "?api-version=" + Api))).Json()!;
        Assert.Equal("one", (string?)pinned["value"]);
        Assert.Equal("text/plain", (string?)pinned["contentType"]);

        var page = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/conn/versions", "maxresults=1"))).Json()!;
        Assert.Single(page["value"]!.AsArray());
        Assert.Null(page["value"]![0]!["value"]);
        var next = (await pipeline.SendAsync(RequestMethod.Get, new Uri((string)page["nextLink"]!))).Json()!;
        Assert.Single(next["value"]!.AsArray());
        Assert.Null((string?)next["nextLink"]);

        var disable = await pipeline.SendAsync(RequestMethod.Patch, new Uri((string)second["id"]! + "?api-version=" + Api), new JsonObject { ["attributes"] = new JsonObject { ["enabled"] = false } });
        Assert.Equal(200, disable.Status);
        Assert.Null(disable.Json()!["value"]);
        Assert.Equal(403, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/conn"))).Status);
    }

    [Fact]
    public async Task A_certificates_secret_can_be_read_as_PEM_with_outContentType()
    {
        var vault = await emulator.NewVaultAsync();
        var certificate = await emulator.CreateCertificateAsync(vault, "both");
        await emulator.SetSecretAsync(vault.VaultUri, "plainone", "text");
        var pipeline = emulator.KeyVaultPipeline();

        var pem = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/both", "outContentType=application/x-pem-file", apiVersion: "2025-07-01"));
        var plain = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/plainone", "outContentType=application/x-pem-file", apiVersion: "2025-07-01"));

        Assert.Equal(200, pem.Status);
        Assert.Equal("application/x-pem-file", (string?)pem.Json()!["contentType"]);
        var value = (string)pem.Json()!["value"]!;
        using var fromPem = X509Certificate2.CreateFromPem(value, value);
        Assert.Equal(certificate.Thumbprint, fromPem.Thumbprint);
        Assert.True(fromPem.HasPrivateKey);
        Assert.Equal((400, "BadParameter"), (plain.Status, plain.ErrorCode()));
    }

    [Fact]
    public async Task A_certificates_secret_and_key_are_managed_and_cannot_be_set_directly()
    {
        var vault = await emulator.NewVaultAsync();
        await emulator.CreateCertificateAsync(vault, "managed1");
        var pipeline = emulator.KeyVaultPipeline();

        var set = await pipeline.SendAsync(RequestMethod.Put, Kv(vault, "secrets/managed1"), new JsonObject { ["value"] = "x" });
        var key = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "keys/managed1/create"), new JsonObject { ["kty"] = "RSA" });

        Assert.Equal(403, set.Status);
        Assert.Equal("Operation set is not allowed on a managed secret.", set.ErrorMessage());
        Assert.Equal(403, key.Status);
        var list = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets"))).Json()!;
        var item = list["value"]!.AsArray().Single(i => ((string)i!["id"]!).EndsWith("/secrets/managed1", StringComparison.Ordinal));
        Assert.True((bool)item!["managed"]!);
        Assert.Equal("application/x-pkcs12", (string?)item["contentType"]);
    }

    [Fact]
    public async Task RSA_keys_wrap_and_unwrap_with_every_supported_algorithm()
    {
        var vault = await emulator.NewVaultAsync();
        var pipeline = emulator.KeyVaultPipeline();

        var created = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "keys/cmk/create"), new JsonObject { ["kty"] = "RSA", ["key_size"] = 3072 });

        Assert.Equal(200, created.Status);
        var key = created.Json()!["key"]!;
        var kid = (string)key["kid"]!;
        Assert.Matches($"^{vault.VaultUri}keys/cmk/[0-9a-f]{{32}}$", kid);
        Assert.Equal("RSA", (string?)key["kty"]);
        Assert.Contains("wrapKey", key["key_ops"]!.AsArray().Select(o => (string)o!));
        using var publicKey = RSA.Create(new RSAParameters { Modulus = FromBase64Url((string)key["n"]!), Exponent = FromBase64Url((string)key["e"]!) });
        Assert.Equal(3072, publicKey.KeySize);

        foreach (var (alg, padding) in new[] { ("RSA-OAEP", RSAEncryptionPadding.OaepSHA1), ("RSA-OAEP-256", RSAEncryptionPadding.OaepSHA256), ("RSA1_5", RSAEncryptionPadding.Pkcs1) })
        {
            var cek = RandomNumberGenerator.GetBytes(32);
            // Wrapped locally with the public key, unwrapped by the vault.
            var unwrapped = await pipeline.SendAsync(RequestMethod.Post, new Uri(kid + "/unwrapkey?api-version=" + Api),
                new JsonObject { ["alg"] = alg, ["value"] = Base64Url(publicKey.Encrypt(cek, padding)) });
            Assert.Equal(200, unwrapped.Status);
            Assert.Equal(cek, FromBase64Url((string)unwrapped.Json()!["value"]!));
            Assert.Equal(kid, (string?)unwrapped.Json()!["kid"]);
            // Wrapped by the vault, unwrapped by the vault.
            var wrapped = await pipeline.SendAsync(RequestMethod.Post, new Uri(kid + "/wrapkey?api-version=" + Api), new JsonObject { ["alg"] = alg, ["value"] = Base64Url(cek) });
            Assert.Equal(200, wrapped.Status);
            Assert.NotEqual(cek, FromBase64Url((string)wrapped.Json()!["value"]!));
            var back = await pipeline.SendAsync(RequestMethod.Post, new Uri(kid + "/unwrapkey?api-version=" + Api), new JsonObject { ["alg"] = alg, ["value"] = wrapped.Json()!["value"]!.DeepClone() });
            Assert.Equal(cek, FromBase64Url((string)back.Json()!["value"]!));
        }

        var badAlg = await pipeline.SendAsync(RequestMethod.Post, new Uri(kid + "/wrapkey?api-version=" + Api), new JsonObject { ["alg"] = "A256KW", ["value"] = Base64Url(new byte[16]) });
        Assert.Equal(400, badAlg.Status);
        Assert.Equal("BadParameter", badAlg.ErrorCode());
    }

    [Fact]
    public async Task Key_operations_follow_key_ops_enabled_and_permissions()
    {
        var vault = await emulator.NewVaultAsync();
        var pipeline = emulator.KeyVaultPipeline();
        var signOnly = (await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "keys/signer/create"), new JsonObject { ["kty"] = "RSA", ["key_ops"] = new JsonArray("sign", "verify") })).Json()!;
        var ec = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "keys/ec1/create"), new JsonObject { ["kty"] = "EC", ["crv"] = "P-384" });
        var small = await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "keys/small/create"), new JsonObject { ["kty"] = "RSA", ["key_size"] = 1024 });

        var wrap = await pipeline.SendAsync(RequestMethod.Post, new Uri((string)signOnly["key"]!["kid"]! + "/wrapkey?api-version=" + Api), new JsonObject { ["alg"] = "RSA-OAEP", ["value"] = Base64Url(new byte[32]) });
        Assert.Equal(403, wrap.Status);
        Assert.Equal(200, ec.Status);
        Assert.Equal("P-384", (string?)ec.Json()!["key"]!["crv"]);
        Assert.NotNull(ec.Json()!["key"]!["x"]);
        Assert.Equal(400, small.Status);

        // A principal with keys get only: wrapKey is refused with the access-policy text.
        var cmk = await emulator.CreatePrincipalAsync("account identity");
        await emulator.GrantAccessPolicyAsync(vault, cmk.PrincipalId, keys: ["get"]);
        var created = (await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "keys/cmk2/create"), new JsonObject { ["kty"] = "RSA" })).Json()!;
        var kid = (string)created["key"]!["kid"]!;
        var denied = await emulator.PipelineFor(cmk).SendAsync(RequestMethod.Post, new Uri(kid + "/wrapkey?api-version=" + Api), new JsonObject { ["alg"] = "RSA-OAEP", ["value"] = Base64Url(new byte[32]) });
        Assert.Equal(403, denied.Status);
        Assert.Contains("does not have keys wrapKey permission on key vault", denied.ErrorMessage());
        await emulator.GrantAccessPolicyAsync(vault, cmk.PrincipalId, keys: ["get", "wrapKey", "unwrapKey"]);
        Assert.Equal(200, (await emulator.PipelineFor(cmk).SendAsync(RequestMethod.Post, new Uri(kid + "/wrapkey?api-version=" + Api), new JsonObject { ["alg"] = "RSA-OAEP", ["value"] = Base64Url(new byte[32]) })).Status);

        // Disabled keys refuse wrapping.
        await pipeline.SendAsync(RequestMethod.Patch, new Uri(kid + "?api-version=" + Api), new JsonObject { ["attributes"] = new JsonObject { ["enabled"] = false } });
        var disabled = await pipeline.SendAsync(RequestMethod.Post, new Uri(kid + "/wrapkey?api-version=" + Api), new JsonObject { ["alg"] = "RSA-OAEP", ["value"] = Base64Url(new byte[32]) });
        Assert.Equal(403, disabled.Status);
        Assert.Equal("Operation wrapKey is not allowed on a disabled key.", disabled.ErrorMessage());
    }

    [Fact]
    public async Task A_key_made_through_ARM_wraps_on_the_data_plane_and_a_data_plane_key_shows_in_ARM()
    {
        var vault = await emulator.NewVaultAsync();
        var armKey = await ArmSeeder.SendAsync(emulator, null, RequestMethod.Put, emulator.ArmUri(vault.Id + "/keys/batchcmk", ArmSeeder.KeyVaultApiVersion),
            new JsonObject { ["properties"] = new JsonObject { ["kty"] = "RSA", ["keySize"] = 3072, ["keyOps"] = new JsonArray("wrapKey", "unwrapKey") } });
        var keyUriWithVersion = (string)armKey!["properties"]!["keyUriWithVersion"]!;
        var pipeline = emulator.KeyVaultPipeline();

        var onDataPlane = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "keys/batchcmk"))).Json()!;
        Assert.Equal(keyUriWithVersion, (string?)onDataPlane["key"]!["kid"]);
        Assert.Equal(["wrapKey", "unwrapKey"], onDataPlane["key"]!["key_ops"]!.AsArray().Select(o => (string)o!).ToArray());
        using var publicKey = RSA.Create(new RSAParameters { Modulus = FromBase64Url((string)onDataPlane["key"]!["n"]!), Exponent = FromBase64Url((string)onDataPlane["key"]!["e"]!) });
        Assert.Equal(3072, publicKey.KeySize);
        var cek = RandomNumberGenerator.GetBytes(32);
        var unwrapped = await pipeline.SendAsync(RequestMethod.Post, new Uri(keyUriWithVersion + "/unwrapkey?api-version=" + Api),
            new JsonObject { ["alg"] = "RSA-OAEP", ["value"] = Base64Url(publicKey.Encrypt(cek, RSAEncryptionPadding.OaepSHA1)) });
        Assert.Equal(cek, FromBase64Url((string)unwrapped.Json()!["value"]!));
        // The material stays the same on every read.
        Assert.Equal((string?)onDataPlane["key"]!["n"], (string?)(await pipeline.SendAsync(RequestMethod.Get, new Uri(keyUriWithVersion + "?api-version=" + Api))).Json()!["key"]!["n"]);

        // A new version made on the data plane (a CMK rotation) becomes ARM's current version.
        var rotated = (await pipeline.SendAsync(RequestMethod.Post, Kv(vault, "keys/batchcmk/create"), new JsonObject { ["kty"] = "RSA", ["key_size"] = 2048 })).Json()!;
        var rotatedKid = (string)rotated["key"]!["kid"]!;
        var armAfter = await emulator.GetResourceAsync(vault.Id + "/keys/batchcmk", ArmSeeder.KeyVaultApiVersion);
        Assert.Equal(rotatedKid, (string?)armAfter!["properties"]!["keyUriWithVersion"]);
        var versions = (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "keys/batchcmk/versions"))).Json()!;
        Assert.Equal([keyUriWithVersion, rotatedKid], versions["value"]!.AsArray().Select(v => (string)v!["kid"]!).ToArray());

        lock (emulator.Host.Runtime.State.Sync)
        {
            Assert.Equal(rotatedKid, KeyVaultQueries.GetKeyVersion(emulator.Host.Runtime, vault.Name, "batchcmk")!.KeyUriWithVersion);
            Assert.Equal(2, KeyVaultQueries.ListKeyVersions(emulator.Host.Runtime, vault.Name, "batchcmk").Count);
            Assert.Throws<KeyVaultBadParameterException>(() => KeyVaultQueries.CreateKeyVersion(emulator.Host.Runtime, vault.Name, "batchcmk", "RSA", 1024));
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(padded);
    }
}
