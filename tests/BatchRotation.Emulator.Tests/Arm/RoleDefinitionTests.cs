using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Arm;

public sealed class RoleDefinitionTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Version = ArmSeeder.AuthorizationApiVersion;

    [Fact]
    public async Task A_built_in_role_reads_in_ARMs_shape_with_a_subscription_scoped_id()
    {
        var group = (await emulator.CreateResourceGroupAsync(ArmSeeder.UniqueName("rg-rd-"))).Split('/')[^1];
        var body = (await emulator.ArmAsync(RequestMethod.Get, $"{emulator.ResourceGroupId(group)}/providers/Microsoft.Authorization/roleDefinitions/{ArmSeeder.KeyVaultSecretsUserRole}", Version)).AssertStatus(200);
        Assert.Equal($"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.Authorization/roleDefinitions/{ArmSeeder.KeyVaultSecretsUserRole}", (string?)body["id"]);
        Assert.Equal("Microsoft.Authorization/roleDefinitions", (string?)body["type"]);
        Assert.Equal(ArmSeeder.KeyVaultSecretsUserRole, (string?)body["name"]);
        var properties = body["properties"]!;
        Assert.Equal("Key Vault Secrets User", (string?)properties["roleName"]);
        Assert.Equal("BuiltInRole", (string?)properties["type"]);
        Assert.Equal("/", (string?)properties["assignableScopes"]![0]);
        var permission = properties["permissions"]![0]!;
        Assert.Empty(permission["actions"]!.AsArray());
        Assert.Contains(permission["dataActions"]!.AsArray(), a => (string?)a == "Microsoft.KeyVault/vaults/secrets/getSecret/action");
        Assert.NotNull(permission["notActions"]);
        Assert.NotNull(permission["notDataActions"]);
        Assert.NotNull(properties["createdOn"]);
    }

    [Fact]
    public async Task The_tenant_root_form_has_an_unscoped_id()
    {
        var body = (await emulator.ArmPipeline().SendAsync(RequestMethod.Get,
            new Uri(emulator.Endpoint, $"providers/Microsoft.Authorization/roleDefinitions/{ArmSeeder.OwnerRole}?api-version={Version}"))).AssertStatus(200);
        Assert.Equal($"/providers/Microsoft.Authorization/roleDefinitions/{ArmSeeder.OwnerRole}", (string?)body["id"]);
        Assert.Equal("Owner", (string?)body["properties"]!["roleName"]);
    }

    [Fact]
    public async Task List_filters_by_role_name()
    {
        var scope = $"/subscriptions/{emulator.SubscriptionId()}";
        var all = (await emulator.ArmAsync(RequestMethod.Get, $"{scope}/providers/Microsoft.Authorization/roleDefinitions", Version)).AssertStatus(200)["value"]!.AsArray();
        Assert.True(all.Count >= 16);
        Assert.Equal(all.Count, all.Select(r => (string)r!["name"]!).Distinct().Count());

        var filtered = (await emulator.ArmAsync(RequestMethod.Get, $"{scope}/providers/Microsoft.Authorization/roleDefinitions", Version,
            query: "$filter=" + Uri.EscapeDataString("roleName eq 'Key Vault Crypto Service Encryption User'"))).AssertStatus(200)["value"]!.AsArray();
        var role = Assert.Single(filtered);
        Assert.Equal(ArmSeeder.KeyVaultCryptoServiceEncryptionUserRole, (string?)role!["name"]);

        var none = (await emulator.ArmAsync(RequestMethod.Get, $"{scope}/providers/Microsoft.Authorization/roleDefinitions", Version,
            query: "$filter=" + Uri.EscapeDataString("roleName eq 'No Such Role'"))).AssertStatus(200)["value"]!.AsArray();
        Assert.Empty(none);
    }

    [Fact]
    public async Task An_unknown_role_is_RoleDefinitionDoesNotExist()
    {
        var unknown = Guid.NewGuid();
        (await emulator.ArmAsync(RequestMethod.Get, $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.Authorization/roleDefinitions/{unknown}", Version))
            .AssertArmError(404, "RoleDefinitionDoesNotExist", $"The specified role definition with ID '{unknown}' does not exist.");
    }

    [Fact]
    public async Task Reading_definitions_needs_roleDefinitions_read()
    {
        var (_, pipeline) = await emulator.PrincipalPipelineAsync();
        (await emulator.ArmAsync(RequestMethod.Get, $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.Authorization/roleDefinitions/{ArmSeeder.ReaderRole}", Version, pipeline: pipeline))
            .AssertArmError(403, "AuthorizationFailed", "'Microsoft.Authorization/roleDefinitions/read'");
    }
}
