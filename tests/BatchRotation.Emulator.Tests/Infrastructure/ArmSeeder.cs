using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BatchRotation.Emulator.Tests.Infrastructure;

/// <summary>How a seeded vault authorizes data-plane requests.</summary>
public enum VaultPermissionModel
{
    /// <summary><c>enableRbacAuthorization: false</c>: access policies.</summary>
    AccessPolicies,

    /// <summary><c>enableRbacAuthorization: true</c>: Azure RBAC data actions.</summary>
    Rbac,
}

/// <summary>What <see cref="ArmSeeder.CreateVaultAsync"/> creates. Every property has a useful default.</summary>
public sealed record VaultSeed
{
    public VaultPermissionModel Model { get; init; } = VaultPermissionModel.AccessPolicies;

    /// <summary>
    /// The principal that gets access to the vault's contents: with <see cref="VaultPermissionModel.AccessPolicies"/>
    /// an initial access policy with <see cref="Secrets"/>, <see cref="Certificates"/> and <see cref="Keys"/>;
    /// with <see cref="VaultPermissionModel.Rbac"/> a <c>Key Vault Administrator</c> role assignment at the vault.
    /// Null: the emulator's signed-in principal (the environment file's). Set <see cref="GrantAccess"/> to false for nobody.
    /// </summary>
    public string? PrincipalId { get; init; }

    public bool GrantAccess { get; init; } = true;

    public string[] Secrets { get; init; } = ["get", "list", "set", "delete", "backup", "restore", "recover", "purge"];

    public string[] Certificates { get; init; } =
        ["get", "list", "delete", "create", "import", "update", "managecontacts", "getissuers", "listissuers", "setissuers", "deleteissuers", "manageissuers", "recover", "purge"];

    public string[] Keys { get; init; } =
        ["encrypt", "decrypt", "wrapKey", "unwrapKey", "sign", "verify", "get", "list", "create", "update", "import", "delete", "backup", "restore", "recover", "purge"];

    public bool EnableSoftDelete { get; init; } = true;

    public bool EnablePurgeProtection { get; init; }

    public string Location { get; init; } = ArmSeeder.DefaultLocation;

    public string ApiVersion { get; init; } = ArmSeeder.KeyVaultApiVersion;
}

public sealed record SeededIdentity(string Id, string Name, string ClientId, string PrincipalId, string TenantId);

public sealed record SeededVault(string Id, string Name, string ResourceGroup, Uri VaultUri, bool EnableRbacAuthorization);

/// <summary>A further service principal (no role until one is assigned) with a credential that signs in as it.</summary>
public sealed record SeededPrincipal(string ClientId, string ClientSecret, string PrincipalId, TokenCredential Credential);

/// <summary>An ARM request that did not answer 2xx.</summary>
public sealed class ArmSeedException(string message, int status, JsonNode? body) : Exception(message)
{
    public int Status { get; } = status;
    public JsonNode? Body { get; } = body;
}

/// <summary>
/// Seeds ARM state through the emulator's real ARM APIs (over HTTPS, signed in as the environment's
/// principal unless another pipeline is given), for any test that needs a resource group, a
/// user-assigned identity, a vault or a role assignment. Every helper throws <see cref="ArmSeedException"/>
/// with ARM's answer when the request fails.
/// </summary>
public static class ArmSeeder
{
    public const string DefaultLocation = "westeurope";
    public const string ResourcesApiVersion = "2024-03-01";
    public const string ManagedIdentityApiVersion = "2024-11-30";
    public const string KeyVaultApiVersion = "2025-05-01";
    public const string AuthorizationApiVersion = "2022-04-01";

    /// <summary>A fresh name: prefix + 8 hex characters (lower case; fits vault and Batch account rules when the prefix does).</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The subscription id the environment file names.</summary>
    public static string SubscriptionId(this EmulatorFixture fixture) => fixture.Environment.SubscriptionId;

    public static string ResourceGroupId(this EmulatorFixture fixture, string resourceGroup) =>
        $"/subscriptions/{fixture.SubscriptionId()}/resourceGroups/{resourceGroup}";

    /// <summary>An absolute ARM URI for a path (resource id) and api-version.</summary>
    public static Uri ArmUri(this EmulatorFixture fixture, string path, string apiVersion, string? extraQuery = null) =>
        new(fixture.Endpoint, path.TrimStart('/') + "?api-version=" + apiVersion + (extraQuery is null ? "" : "&" + extraQuery));

    /// <summary>Creates (or updates) a resource group; returns its id.</summary>
    public static async Task<string> CreateResourceGroupAsync(this EmulatorFixture fixture, string name, string location = DefaultLocation, HttpPipeline? pipeline = null)
    {
        var id = fixture.ResourceGroupId(name);
        var body = await SendAsync(fixture, pipeline, RequestMethod.Put, fixture.ArmUri(id, ResourcesApiVersion), new JsonObject { ["location"] = location });
        return (string)body!["id"]!;
    }

    /// <summary>Creates a user-assigned managed identity; returns its id, client id and principal id.</summary>
    public static async Task<SeededIdentity> CreateUserAssignedIdentityAsync(this EmulatorFixture fixture, string resourceGroup, string name, string location = DefaultLocation, HttpPipeline? pipeline = null)
    {
        var id = $"{fixture.ResourceGroupId(resourceGroup)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}";
        var body = await SendAsync(fixture, pipeline, RequestMethod.Put, fixture.ArmUri(id, ManagedIdentityApiVersion), new JsonObject { ["location"] = location });
        var properties = body!["properties"]!;
        return new SeededIdentity((string)body["id"]!, (string)body["name"]!, (string)properties["clientId"]!, (string)properties["principalId"]!, (string)properties["tenantId"]!);
    }

    /// <summary>
    /// Creates a vault with <c>PUT .../vaults/{name}</c> (which replaces any access-policy list: seeding only)
    /// and, for the RBAC model, assigns Key Vault Administrator to <see cref="VaultSeed.PrincipalId"/> at the vault.
    /// </summary>
    public static async Task<SeededVault> CreateVaultAsync(this EmulatorFixture fixture, string resourceGroup, string name, VaultSeed? seed = null, HttpPipeline? pipeline = null)
    {
        seed ??= new VaultSeed();
        var principalId = seed.PrincipalId ?? fixture.Environment.PrincipalId;
        var rbac = seed.Model == VaultPermissionModel.Rbac;
        var accessPolicies = new JsonArray();
        if (!rbac && seed.GrantAccess)
        {
            accessPolicies.Add(AccessPolicy(fixture.Environment.TenantId, principalId, seed.Secrets, seed.Certificates, seed.Keys));
        }
        var properties = new JsonObject
        {
            ["tenantId"] = fixture.Environment.TenantId,
            ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
            ["accessPolicies"] = accessPolicies,
            ["enableRbacAuthorization"] = rbac,
            ["enableSoftDelete"] = seed.EnableSoftDelete,
        };
        if (seed.EnablePurgeProtection) properties["enablePurgeProtection"] = true;
        var id = $"{fixture.ResourceGroupId(resourceGroup)}/providers/Microsoft.KeyVault/vaults/{name}";
        var body = await SendAsync(fixture, pipeline, RequestMethod.Put, fixture.ArmUri(id, seed.ApiVersion),
            new JsonObject { ["location"] = seed.Location, ["properties"] = properties });
        var vault = new SeededVault((string)body!["id"]!, (string)body["name"]!, resourceGroup, new Uri((string)body["properties"]!["vaultUri"]!), rbac);
        if (rbac && seed.GrantAccess)
        {
            await fixture.AssignRoleAsync(vault.Id, KeyVaultAdministratorRole, principalId, pipeline: pipeline);
        }
        return vault;
    }

    /// <summary>One access-policy entry in ARM's shape.</summary>
    public static JsonObject AccessPolicy(string tenantId, string objectId, string[]? secrets = null, string[]? certificates = null, string[]? keys = null)
    {
        var permissions = new JsonObject();
        if (keys is not null) permissions["keys"] = new JsonArray(keys.Select(k => (JsonNode)k).ToArray());
        if (secrets is not null) permissions["secrets"] = new JsonArray(secrets.Select(s => (JsonNode)s).ToArray());
        if (certificates is not null) permissions["certificates"] = new JsonArray(certificates.Select(c => (JsonNode)c).ToArray());
        return new JsonObject { ["tenantId"] = tenantId, ["objectId"] = objectId, ["permissions"] = permissions };
    }

    /// <summary><c>PUT .../vaults/{vault}/accessPolicies/add</c> for one principal; returns the response body.</summary>
    public static Task<JsonNode?> AddAccessPolicyAsync(this EmulatorFixture fixture, SeededVault vault, string objectId, string[]? secrets = null, string[]? certificates = null, string[]? keys = null, HttpPipeline? pipeline = null) =>
        SendAsync(fixture, pipeline, RequestMethod.Put, fixture.ArmUri(vault.Id + "/accessPolicies/add", KeyVaultApiVersion),
            new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["accessPolicies"] = new JsonArray(AccessPolicy(fixture.Environment.TenantId, objectId, secrets, certificates, keys)),
                },
            });

    public const string KeyVaultAdministratorRole = "00482a5a-887f-4fb3-b363-3b7fe8e74483";
    public const string KeyVaultSecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string KeyVaultCryptoServiceEncryptionUserRole = "e147488a-f6f5-4113-8e2d-b22465e65bf6";
    public const string OwnerRole = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public const string ReaderRole = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

    /// <summary>
    /// <c>PUT {scope}/providers/Microsoft.Authorization/roleAssignments/{new guid}</c>; returns the assignment's id.
    /// <paramref name="roleDefinitionGuid"/> is the built-in role's GUID (e.g. <see cref="KeyVaultSecretsUserRole"/>).
    /// </summary>
    public static async Task<string> AssignRoleAsync(this EmulatorFixture fixture, string scope, string roleDefinitionGuid, string principalId, string principalType = "ServicePrincipal", HttpPipeline? pipeline = null)
    {
        var id = $"{scope.TrimEnd('/')}/providers/Microsoft.Authorization/roleAssignments/{Guid.NewGuid()}";
        var body = await SendAsync(fixture, pipeline, RequestMethod.Put, fixture.ArmUri(id, AuthorizationApiVersion), new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["roleDefinitionId"] = $"/subscriptions/{fixture.SubscriptionId()}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionGuid}",
                ["principalId"] = principalId,
                ["principalType"] = principalType,
            },
        });
        return (string)body!["id"]!;
    }

    /// <summary>A further service principal through the control surface (Entra has no API the emulator twins for it).</summary>
    public static async Task<SeededPrincipal> CreatePrincipalAsync(this EmulatorFixture fixture, string displayName = "seeded principal")
    {
        var response = await fixture.ControlAsync(HttpMethod.Post, "principals", new JsonObject { ["displayName"] = displayName });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new ArmSeedException($"POST /_emulator/principals answered {(int)response.StatusCode}: {text}", (int)response.StatusCode, null);
        var body = JsonNode.Parse(text)!;
        var clientId = (string)body["clientId"]!;
        var secret = (string)body["clientSecret"]!;
        return new SeededPrincipal(clientId, secret, (string)body["principalId"]!, fixture.CredentialFor(clientId, secret));
    }

    /// <summary>GET of an ARM resource; null when it answers 404.</summary>
    public static async Task<JsonNode?> GetResourceAsync(this EmulatorFixture fixture, string id, string apiVersion, HttpPipeline? pipeline = null)
    {
        var response = await (pipeline ?? fixture.ArmPipeline()).SendAsync(RequestMethod.Get, fixture.ArmUri(id, apiVersion));
        if (response.Status == 404) return null;
        EnsureSuccess(RequestMethod.Get, fixture.ArmUri(id, apiVersion), response);
        return response.Json();
    }

    /// <summary>Sends one ARM request and returns the JSON body, throwing <see cref="ArmSeedException"/> unless 2xx.</summary>
    public static async Task<JsonNode?> SendAsync(EmulatorFixture fixture, HttpPipeline? pipeline, RequestMethod method, Uri uri, JsonNode? body = null)
    {
        var response = await (pipeline ?? fixture.ArmPipeline()).SendAsync(method, uri, body);
        EnsureSuccess(method, uri, response);
        return response.Json();
    }

    private static void EnsureSuccess(RequestMethod method, Uri uri, Response response)
    {
        if (response.Status is >= 200 and < 300) return;
        JsonNode? error = null;
        try { error = response.Json(); } catch (System.Text.Json.JsonException) { }
        throw new ArmSeedException($"{method} {uri} answered {response.Status}: {response.Content}", response.Status, error);
    }
}
