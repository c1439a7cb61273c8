using System.Text.Json;
using System.Text.Json.Nodes;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Model;
using BatchRotation.Core.Operations.Inspection;
using BatchRotation.Core.Operations.Inspection.Checks;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Tests.Operations.Inspection.Support;

/// <summary>
/// The facts of one pool as Azure would return them, correct by default (Ubuntu 24.04, Key Vault extension
/// Linux 3.0 with valid settings, an access-policy vault granting secrets get/list, a Self-issued AutoRenew
/// certificate, two idle nodes whose extension succeeded). Tests break one thing and build the report.
/// </summary>
internal sealed class PoolFactsBuilder
{
    public const string Sub = "00000000-0000-0000-0000-0000000000aa";
    public const string Tenant = "11111111-1111-1111-1111-111111111111";
    public const string ClientId = "22222222-2222-2222-2222-222222222222";
    public const string PrincipalId = "33333333-3333-3333-3333-333333333333";
    public const string AccountId = "/subscriptions/" + Sub + "/resourceGroups/rg1/providers/Microsoft.Batch/batchAccounts/acct1";
    public const string PoolId = AccountId + "/pools/pool1";
    public const string IdentityId = "/subscriptions/" + Sub + "/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami1";
    public const string VaultId = "/subscriptions/" + Sub + "/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/kv1";
    public const string VaultUri = "https://kv1.vault.azure.net/";
    public const string SecretUrl = VaultUri + "secrets/cert1";
    public const string Version = "0123456789abcdef0123456789abcdef";

    public PoolFactsBuilder()
    {
        Pool = new JsonObject
        {
            ["id"] = PoolId,
            ["name"] = "pool1",
            ["identity"] = new JsonObject
            {
                ["type"] = "UserAssigned",
                ["userAssignedIdentities"] = new JsonObject { [IdentityId] = new JsonObject { ["principalId"] = PrincipalId, ["clientId"] = ClientId } },
            },
            ["properties"] = new JsonObject
            {
                ["vmSize"] = "STANDARD_D2S_V3",
                ["deploymentConfiguration"] = new JsonObject
                {
                    ["virtualMachineConfiguration"] = new JsonObject
                    {
                        ["imageReference"] = new JsonObject { ["publisher"] = "canonical", ["offer"] = "ubuntu-24_04-lts", ["sku"] = "server", ["version"] = "latest" },
                        ["nodeAgentSkuId"] = "batch.node.ubuntu 24.04",
                        ["extensions"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "KVExtension",
                            ["publisher"] = "Microsoft.Azure.KeyVault",
                            ["type"] = "KeyVaultForLinux",
                            ["typeHandlerVersion"] = "3.0",
                            ["autoUpgradeMinorVersion"] = true,
                            ["settings"] = new JsonObject
                            {
                                ["secretsManagementSettings"] = new JsonObject
                                {
                                    ["pollingIntervalInS"] = "3600",
                                    ["requireInitialSync"] = true,
                                    ["observedCertificates"] = new JsonArray(new JsonObject
                                    {
                                        ["url"] = SecretUrl,
                                        ["certificateStoreLocation"] = "/var/lib/waagent/Microsoft.Azure.KeyVault.Store",
                                    }),
                                },
                                ["authenticationSettings"] = new JsonObject
                                {
                                    ["msiEndpoint"] = "http://169.254.169.254/metadata/identity",
                                    ["msiClientId"] = ClientId,
                                },
                            },
                        }),
                    },
                },
                ["scaleSettings"] = new JsonObject { ["fixedScale"] = new JsonObject { ["targetDedicatedNodes"] = 2 } },
            },
        };
        Vault = new JsonObject
        {
            ["id"] = VaultId,
            ["name"] = "kv1",
            ["properties"] = new JsonObject
            {
                ["tenantId"] = Tenant,
                ["vaultUri"] = VaultUri,
                ["enableRbacAuthorization"] = false,
                ["accessPolicies"] = new JsonArray(new JsonObject
                {
                    ["tenantId"] = Tenant,
                    ["objectId"] = PrincipalId,
                    ["permissions"] = new JsonObject { ["secrets"] = new JsonArray("get", "list") },
                }),
            },
        };
        Certificate = new JsonObject
        {
            ["id"] = VaultUri + "certificates/cert1/" + Version,
            ["sid"] = VaultUri + "secrets/cert1/" + Version,
            ["x5t"] = "fLi3U52HunIVNXubkEnf8tP6Wbo",
            ["attributes"] = new JsonObject
            {
                ["enabled"] = true,
                ["nbf"] = Now.AddDays(-30).ToUnixTimeSeconds(),
                ["exp"] = Now.AddDays(335).ToUnixTimeSeconds(),
            },
            ["policy"] = new JsonObject
            {
                ["issuer"] = new JsonObject { ["name"] = "Self" },
                ["x509_props"] = new JsonObject { ["subject"] = "CN=test", ["validity_months"] = 12 },
                ["lifetime_actions"] = new JsonArray(new JsonObject
                {
                    ["trigger"] = new JsonObject { ["lifetime_percentage"] = 80 },
                    ["action"] = new JsonObject { ["action_type"] = "AutoRenew" },
                }),
            },
        };
        Nodes.Add((Node("tvmps_1", "idle"), Extension("ProvisioningState/succeeded", "Info", "Enable succeeded")));
        Nodes.Add((Node("tvmps_2", "idle"), Extension("ProvisioningState/succeeded", "Info", "Enable succeeded")));
    }

    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public JsonObject Pool { get; }

    public JsonObject Vault { get; }

    public JsonObject Certificate { get; }

    public List<JsonObject> RoleAssignments { get; } = [];

    public List<JsonObject> RoleDefinitions { get; } = [];

    /// <summary>Nodes with their Key Vault extension (null: not inspected).</summary>
    public List<(JsonObject Node, JsonObject? Extension)> Nodes { get; } = [];

    public NodeScope NodeScope { get; set; } = NodeScope.All;

    public Lookup<KeyVaultResource>? VaultLookup { get; set; }

    public Lookup<CertificateMetadata>? CertificateLookup { get; set; }

    public Lookup<RoleAssignmentSet>? RolesLookup { get; set; }

    public Lookup<IReadOnlyList<NodeFact>>? NodesLookup { get; set; }

    public Dictionary<string, Lookup<NodeExtension>> NodeExtensionLookups { get; } = new();

    public Lookup<UserAssignedIdentity>? IdentityLookup { get; set; }

    public JsonObject VmConfiguration => Pool["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!.AsObject();

    public JsonObject ExtensionEntry => VmConfiguration["extensions"]![0]!.AsObject();

    public JsonObject Settings => ExtensionEntry["settings"]!.AsObject();

    public JsonObject SecretsManagement => Settings["secretsManagementSettings"]!.AsObject();

    public JsonObject Authentication => Settings["authenticationSettings"]!.AsObject();

    public JsonObject Policy => Certificate["policy"]!.AsObject();

    public JsonArray AccessPolicies => Vault["properties"]!["accessPolicies"]!.AsArray();

    public static JsonObject Node(string id, string state, params (string Code, string Message)[] errors)
    {
        var node = new JsonObject { ["id"] = id, ["state"] = state };
        if (errors.Length > 0)
        {
            node["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject { ["code"] = e.Code, ["message"] = e.Message }).ToArray());
        }

        return node;
    }

    public static JsonObject Extension(string code, string level, string message, string? provisioningState = null) => new()
    {
        ["provisioningState"] = provisioningState ?? (code.EndsWith("succeeded", StringComparison.Ordinal) ? "Succeeded" : code.EndsWith("failed", StringComparison.Ordinal) ? "Failed" : "Creating"),
        ["vmExtension"] = new JsonObject { ["name"] = "KVExtension", ["publisher"] = "Microsoft.Azure.KeyVault", ["type"] = "KeyVaultForLinux" },
        ["instanceView"] = new JsonObject
        {
            ["name"] = "KVExtension",
            ["statuses"] = new JsonArray(new JsonObject { ["code"] = code, ["level"] = level, ["displayStatus"] = "x", ["message"] = message }),
        },
    };

    /// <summary>Uses a Windows Server 2022 image with the given extension version (settings untouched).</summary>
    public void MakeWindows(string version, JsonObject secretsManagementSettings)
    {
        VmConfiguration["imageReference"] = new JsonObject { ["publisher"] = "MicrosoftWindowsServer", ["offer"] = "WindowsServer", ["sku"] = "2022-datacenter-smalldisk", ["version"] = "latest" };
        VmConfiguration["nodeAgentSkuId"] = "batch.node.windows amd64";
        ExtensionEntry["type"] = "KeyVaultForWindows";
        ExtensionEntry["typeHandlerVersion"] = version;
        Settings["secretsManagementSettings"] = secretsManagementSettings;
    }

    public void UseRbac() => Vault["properties"]!["enableRbacAuthorization"] = true;

    public void AssignRole(string scope, string roleGuid, string roleName, string[]? actions = null, string[]? dataActions = null)
    {
        RoleAssignments.Add(new JsonObject
        {
            ["id"] = scope + "/providers/Microsoft.Authorization/roleAssignments/" + Guid.NewGuid(),
            ["properties"] = new JsonObject
            {
                ["scope"] = scope,
                ["roleDefinitionId"] = "/subscriptions/" + Sub + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid,
                ["principalId"] = PrincipalId,
                ["principalType"] = "ServicePrincipal",
            },
        });
        RoleDefinitions.Add(new JsonObject
        {
            ["id"] = "/subscriptions/" + Sub + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid,
            ["name"] = roleGuid,
            ["properties"] = new JsonObject
            {
                ["roleName"] = roleName,
                ["type"] = "BuiltInRole",
                ["permissions"] = new JsonArray(new JsonObject
                {
                    ["actions"] = new JsonArray((actions ?? []).Select(a => (JsonNode)a).ToArray()),
                    ["notActions"] = new JsonArray(),
                    ["dataActions"] = new JsonArray((dataActions ?? []).Select(a => (JsonNode)a).ToArray()),
                    ["notDataActions"] = new JsonArray(),
                }),
            },
        });
    }

    public PoolFacts Build()
    {
        var pool = BatchPool.FromJson(Parse(Pool));
        var view = RotatingBatchPoolFactory.From(pool, "acct1.westeurope.batch.azure.com");
        var vaultLookup = VaultLookup ?? Lookup<KeyVaultResource>.Found(KeyVaultResource.FromJson(Parse(Vault)));
        var roles = RolesLookup ?? Lookup<RoleAssignmentSet>.Found(new RoleAssignmentSet(
            RoleAssignments.Select(a => RoleAssignment.FromJson(Parse(a))).ToArray(),
            RoleDefinitions.Select(d => RoleDefinition.FromJson(Parse(d))).ToArray()));
        var vaultFacts = new Dictionary<string, VaultFact>(StringComparer.OrdinalIgnoreCase);
        var certificates = view.CertificateUrl.Select(url =>
        {
            if (!CertificateUrl.TryParse(url, out var parsed, out var problem))
            {
                return new ObservedCertificateFact(url) { ParseProblem = problem };
            }

            var ours = string.Equals(parsed.VaultUri.AbsoluteUri, VaultUri, StringComparison.OrdinalIgnoreCase);
            if (!vaultFacts.TryGetValue(parsed.VaultUri.AbsoluteUri, out var vault))
            {
                vault = ours
                    ? new VaultFact(parsed.VaultUri, vaultLookup) { RoleAssignments = vaultLookup.IsFound ? roles : null }
                    : new VaultFact(parsed.VaultUri, Lookup<KeyVaultResource>.NotFound($"subscription {Sub} has no vault with URI {parsed.VaultUri}"));
                vaultFacts[parsed.VaultUri.AbsoluteUri] = vault;
            }

            var certificate = ours && parsed.Name == "cert1"
                ? CertificateLookup ?? Lookup<CertificateMetadata>.Found(CertificateMetadata.FromJson(Parse(Certificate)))
                : Lookup<CertificateMetadata>.NotFound("Key Vault answered 404 (CertificateNotFound)");
            return new ObservedCertificateFact(url) { Parsed = parsed, Vault = vault, Certificate = certificate };
        }).ToArray();

        var nodeFacts = NodeScope == NodeScope.None ? null : new NodeFacts(
            NodesLookup ?? Lookup<IReadOnlyList<NodeFact>>.Found(Nodes.Select(n =>
            {
                var node = ComputeNode.FromJson(Parse(n.Node));
                var extension = NodeExtensionLookups.TryGetValue(node.Id, out var special) ? special
                    : n.Extension is null ? null
                    : Lookup<NodeExtension>.Found(NodeExtension.FromJson(Parse(n.Extension)));
                return new NodeFact(node, extension);
            }).ToArray()),
            NodeScope);

        return new PoolFacts(pool, view)
        {
            Identities = pool.Identity?.UserAssignedIdentities.Select(i => new IdentityFact(i.ResourceId,
                IdentityLookup ?? Lookup<UserAssignedIdentity>.Found(UserAssignedIdentity.FromJson(Parse(new JsonObject
                {
                    ["id"] = i.ResourceId,
                    ["name"] = "uami1",
                    ["properties"] = new JsonObject { ["tenantId"] = Tenant, ["principalId"] = i.PrincipalId, ["clientId"] = i.ClientId },
                }))))).ToArray() ?? [],
            Certificates = certificates,
            Nodes = nodeFacts,
        };
    }

    public PoolCertificateReport Report(InspectionOptions? options = null) =>
        PoolReportBuilder.Build(Build(), options ?? new InspectionOptions { Node = NodeScope }, Now);

    private static JsonElement Parse(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
}

internal static class ReportExtensions
{
    public static PoolCheck Check(this PoolCertificateReport report, string id, string? target = null)
    {
        var matches = report.Checks.Where(c => c.Id == id && (target is null || c.Target == target)).ToList();
        Assert.True(matches.Count == 1, $"Expected one check {id}, found {matches.Count}:\n{Describe(report)}");
        return matches[0];
    }

    public static PoolCheck Expect(this PoolCertificateReport report, string id, CheckStatus status, string? messagePart = null)
    {
        var check = report.Check(id);
        Assert.True(check.Status == status, $"{id} is {check.Status}, expected {status}: {check.Message}\n{Describe(report)}");
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, check.Message, StringComparison.OrdinalIgnoreCase);
        }

        return check;
    }

    public static string Describe(PoolCertificateReport report) =>
        string.Join("\n", report.Checks.Select(c => $"  {c.Status,-8} {c.Id} [{c.Target}] {c.Message}"));
}
