using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;
using static BatchRotation.Emulator.Tests.KeyVault.KeyVaultTestSupport;

namespace BatchRotation.Emulator.Tests.KeyVault;

/// <summary>Access policies and RBAC data actions, per vault, with Key Vault's own refusal texts.</summary>
public sealed class KeyVaultAuthorizationTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private string Tenant => emulator.Environment.TenantId;

    private string AccessDenied(SeededPrincipal who, string category, string permission, SeededVault vault) =>
        $"The user, group or application 'appid={who.ClientId};oid={who.PrincipalId};iss=https://sts.windows.net/{Tenant}/' does not have {category} {permission} permission on key vault '{vault.Name};location={ArmSeeder.DefaultLocation}'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287";

    private string RbacDenied(SeededPrincipal who, string action, string resource, SeededVault vault) =>
        "Caller is not authorized to perform action on resource.\r\n"
        + "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n"
        + $"Caller: appid={who.ClientId};oid={who.PrincipalId};iss=https://sts.windows.net/{Tenant}/\r\n"
        + $"Action: '{action}'\r\n"
        + $"Resource: '{resource.ToLowerInvariant()}'\r\n"
        + "Assignment: (not found)\r\n"
        + "DenyAssignmentId: null\r\n"
        + "DecisionReason: 'DeniedWithNoValidRBAC' \r\n"
        + $"Vault: {vault.Name};location={ArmSeeder.DefaultLocation}\r\n";

    [Fact]
    public async Task Access_policy_grants_exactly_the_listed_permissions()
    {
        var vault = await emulator.NewVaultAsync();
        await emulator.CreateCertificateAsync(vault, "app");
        var reader = await emulator.CreatePrincipalAsync("secret reader");
        var pipeline = emulator.PipelineFor(reader);

        var denied = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/app"));
        Assert.Equal(403, denied.Status);
        Assert.Equal("Forbidden", denied.ErrorCode());
        Assert.Equal("AccessDenied", denied.InnerCode());
        Assert.Equal(AccessDenied(reader, "secrets", "get", vault), denied.ErrorMessage());

        await emulator.GrantAccessPolicyAsync(vault, reader.PrincipalId, secrets: ["Get"]);

        Assert.Equal(200, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/app"))).Status);
        var list = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets"));
        Assert.Equal(403, list.Status);
        Assert.Equal(AccessDenied(reader, "secrets", "list", vault), list.ErrorMessage());
        var certificate = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/app"));
        Assert.Equal(AccessDenied(reader, "certificates", "get", vault), certificate.ErrorMessage());
        // With get, an absent secret is a 404 (authorization passed, then existence).
        Assert.Equal(404, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/absent"))).Status);
    }

    [Fact]
    public async Task The_all_permission_counts_as_every_permission_of_its_category()
    {
        var vault = await emulator.NewVaultAsync();
        await emulator.CreateCertificateAsync(vault, "app");
        var admin = await emulator.CreatePrincipalAsync("all secrets");
        await emulator.GrantAccessPolicyAsync(vault, admin.PrincipalId, secrets: ["all"]);
        var pipeline = emulator.PipelineFor(admin);

        Assert.Equal(200, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/app"))).Status);
        Assert.Equal(200, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets"))).Status);
        Assert.Equal(200, (await pipeline.SendAsync(RequestMethod.Put, Kv(vault, "secrets/plain"), new JsonObject { ["value"] = "v" })).Status);
        Assert.Equal(403, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "keys"))).Status);
    }

    [Fact]
    public async Task Access_policies_do_not_count_on_an_RBAC_vault()
    {
        var vault = await emulator.NewVaultAsync(new VaultSeed { Model = VaultPermissionModel.Rbac });
        await emulator.CreateCertificateAsync(vault, "app");
        var who = await emulator.CreatePrincipalAsync("policy on rbac vault");
        lock (emulator.Host.Runtime.State.Sync)
        {
            var body = emulator.Host.Runtime.State.Resources[vault.Id].Body;
            var policies = body["properties"]!["accessPolicies"] as JsonArray ?? [];
            body["properties"]!["accessPolicies"] = policies;
            policies.Add(ArmSeeder.AccessPolicy(Tenant, who.PrincipalId, secrets: ["all"]));
        }

        var response = await emulator.PipelineFor(who).SendAsync(RequestMethod.Get, Kv(vault, "secrets/app"));

        Assert.Equal(403, response.Status);
        Assert.Equal("ForbiddenByRbac", response.InnerCode());
    }

    [Fact]
    public async Task RBAC_without_a_data_role_is_refused_with_the_real_text_and_Secrets_User_at_the_vault_allows()
    {
        var vault = await emulator.NewVaultAsync(new VaultSeed { Model = VaultPermissionModel.Rbac });
        await emulator.CreateCertificateAsync(vault, "app");
        var node = await emulator.CreatePrincipalAsync("pool identity");
        var pipeline = emulator.PipelineFor(node);

        var denied = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/app"));
        Assert.Equal(403, denied.Status);
        Assert.Equal("Forbidden", denied.ErrorCode());
        Assert.Equal("ForbiddenByRbac", denied.InnerCode());
        Assert.Equal(RbacDenied(node, "Microsoft.KeyVault/vaults/secrets/getSecret/action", vault.Id + "/secrets/app", vault), denied.ErrorMessage());
        var listDenied = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets"));
        Assert.Equal(RbacDenied(node, "Microsoft.KeyVault/vaults/secrets/readMetadata/action", vault.Id, vault), listDenied.ErrorMessage());

        await emulator.NewRoleAssignmentAsync(vault.Id, ArmSeeder.KeyVaultSecretsUserRole, node.PrincipalId);

        Assert.Equal(200, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/app"))).Status);
        Assert.Equal(200, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets"))).Status);
        var certificate = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "certificates/app"));
        Assert.Equal(RbacDenied(node, "Microsoft.KeyVault/vaults/certificates/read", vault.Id + "/certificates/app", vault), certificate.ErrorMessage());
        var write = await pipeline.SendAsync(RequestMethod.Put, Kv(vault, "secrets/other"), new JsonObject { ["value"] = "x" });
        Assert.Equal(403, write.Status);
    }

    [Fact]
    public async Task A_secret_scope_assignment_allows_that_secret_only()
    {
        var vault = await emulator.NewVaultAsync(new VaultSeed { Model = VaultPermissionModel.Rbac });
        await emulator.CreateCertificateAsync(vault, "mine");
        await emulator.CreateCertificateAsync(vault, "theirs");
        var node = await emulator.CreatePrincipalAsync("secret scope");

        await emulator.NewRoleAssignmentAsync(vault.Id + "/secrets/mine", ArmSeeder.KeyVaultSecretsUserRole, node.PrincipalId);
        var pipeline = emulator.PipelineFor(node);

        Assert.Equal(200, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/mine"))).Status);
        var other = await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets/theirs"));
        Assert.Equal(403, other.Status);
        Assert.Equal(RbacDenied(node, "Microsoft.KeyVault/vaults/secrets/getSecret/action", vault.Id + "/secrets/theirs", vault), other.ErrorMessage());
        Assert.Equal(403, (await pipeline.SendAsync(RequestMethod.Get, Kv(vault, "secrets"))).Status);
    }

    [Fact]
    public async Task An_assignment_at_the_resource_group_is_inherited()
    {
        var vault = await emulator.NewVaultAsync(new VaultSeed { Model = VaultPermissionModel.Rbac });
        await emulator.CreateCertificateAsync(vault, "app");
        var node = await emulator.CreatePrincipalAsync("rg scope");

        await emulator.NewRoleAssignmentAsync(emulator.ResourceGroupId(vault.ResourceGroup), ArmSeeder.KeyVaultSecretsUserRole, node.PrincipalId);

        Assert.Equal(200, (await emulator.PipelineFor(node).SendAsync(RequestMethod.Get, Kv(vault, "secrets/app"))).Status);
    }

    [Fact]
    public async Task Owner_of_the_subscription_without_a_data_role_gets_no_data()
    {
        var vault = await emulator.NewVaultAsync(new VaultSeed { Model = VaultPermissionModel.Rbac });
        await emulator.CreateCertificateAsync(vault, "app");
        var owner = await emulator.CreatePrincipalAsync("owner only");
        await emulator.NewRoleAssignmentAsync($"/subscriptions/{emulator.SubscriptionId()}", ArmSeeder.OwnerRole, owner.PrincipalId);
        var reader = await emulator.CreatePrincipalAsync("kv reader");
        await emulator.NewRoleAssignmentAsync(vault.Id, "21090545-7ca7-4776-b22c-e363652d74d2", reader.PrincipalId);

        var ownerGet = await emulator.PipelineFor(owner).SendAsync(RequestMethod.Get, Kv(vault, "secrets/app"));
        Assert.Equal(403, ownerGet.Status);
        Assert.Equal("ForbiddenByRbac", ownerGet.InnerCode());
        Assert.Equal(403, (await emulator.PipelineFor(owner).SendAsync(RequestMethod.Get, Kv(vault, "certificates"))).Status);

        // Key Vault Reader reads metadata but not secret values.
        Assert.Equal(200, (await emulator.PipelineFor(reader).SendAsync(RequestMethod.Get, Kv(vault, "secrets"))).Status);
        Assert.Equal(200, (await emulator.PipelineFor(reader).SendAsync(RequestMethod.Get, Kv(vault, "certificates/app"))).Status);
        Assert.Equal(403, (await emulator.PipelineFor(reader).SendAsync(RequestMethod.Get, Kv(vault, "secrets/app"))).Status);
    }

    [Fact]
    public async Task A_caller_from_another_tenant_gets_Key_Vaults_invalid_issuer_401_with_the_vaults_authority()
    {
        var vault = await emulator.NewVaultAsync();
        var otherTenant = Guid.NewGuid().ToString();
        lock (emulator.Host.Runtime.State.Sync)
        {
            emulator.Host.Runtime.State.Resources[vault.Id].Body["properties"]!["tenantId"] = otherTenant;
        }

        var response = await emulator.KeyVaultPipeline().SendAsync(RequestMethod.Get, Kv(vault, "secrets"));

        Assert.Equal(401, response.Status);
        Assert.Equal("Unauthorized", response.ErrorCode());
        Assert.Equal($"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/{otherTenant}/, found https://sts.windows.net/{Tenant}/.", response.ErrorMessage());
        Assert.True(response.Headers.TryGetValue("WWW-Authenticate", out var challenge));
        Assert.Equal($"Bearer authorization=\"{emulator.Endpoint.GetLeftPart(UriPartial.Authority)}/{otherTenant}\", resource=\"https://vault.azure.net\"", challenge);
    }

    [Fact]
    public async Task An_unknown_vault_answers_404_in_Key_Vaults_envelope()
    {
        var response = await emulator.KeyVaultPipeline().SendAsync(RequestMethod.Get, new Uri(emulator.Endpoint, "keyvault/novaultnamedthis/secrets/x?api-version=7.5"));

        Assert.Equal(404, response.Status);
        Assert.Equal("VaultNotFound", response.ErrorCode());
        Assert.True(response.Headers.TryGetValue("x-ms-request-id", out _));
    }
}
