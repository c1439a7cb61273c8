using System.Text.Json.Nodes;
using Azure.Core;
using BatchRotation.Emulator.Arm.Authorization;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Arm;

/// <summary>The built-in catalog and ARM's action wildcards, as the published role definitions use them.</summary>
public sealed class BuiltInRoleTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData("*", "Microsoft.KeyVault/vaults/write", true)]
    [InlineData("*/read", "Microsoft.KeyVault/vaults/read", true)]
    [InlineData("*/read", "Microsoft.KeyVault/vaults/write", false)]
    [InlineData("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/read", true)]
    [InlineData("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/keys/versions/read", true)]
    [InlineData("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaultsX/read", false)]
    [InlineData("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/secrets/readMetadata/action", false)]
    [InlineData("Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action", "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action", true)]
    [InlineData("Microsoft.Authorization/*/Write", "microsoft.authorization/roleAssignments/write", true)]
    [InlineData("Microsoft.KeyVault/vaults/secrets/*", "Microsoft.KeyVault/vaults/secrets/getSecret/action", true)]
    [InlineData("Microsoft.KeyVault/vaults/secrets/*", "Microsoft.KeyVault/vaults/keys/read", false)]
    [InlineData("Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/getSecret/action", true)]
    public void Action_patterns_match_as_ARM_matches_them(string pattern, string action, bool expected) =>
        Assert.Equal(expected, ActionPattern.Matches(pattern, action));

    [Fact]
    public void The_Data_Access_Administrator_condition_names_exactly_the_roles_it_may_assign()
    {
        var role = BuiltInRoles.Find(BuiltInRoles.KeyVaultDataAccessAdministrator)!;
        Assert.NotNull(role.Condition);
        var named = System.Text.RegularExpressions.Regex.Matches(role.Condition!, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
            .Select(m => m.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.True(named.SetEquals(BuiltInRoles.AssignableByDataAccessAdministrator));
        Assert.DoesNotContain(BuiltInRoles.KeyVaultCertificateUser, BuiltInRoles.AssignableByDataAccessAdministrator);
        Assert.Equal(8, BuiltInRoles.AssignableByDataAccessAdministrator.Count);
    }

    [Fact]
    public void Key_Vault_Contributor_manages_vaults_but_reads_no_data()
    {
        var contributor = BuiltInRoles.Find(BuiltInRoles.KeyVaultContributor)!;
        Assert.True(contributor.AllowsAction("Microsoft.KeyVault/vaults/accessPolicies/write"));
        Assert.False(contributor.AllowsAction("Microsoft.KeyVault/locations/deletedVaults/purge/action"));
        Assert.False(contributor.AllowsAction("Microsoft.Authorization/roleAssignments/write"));
        Assert.False(contributor.AllowsDataAction("Microsoft.KeyVault/vaults/secrets/getSecret/action"));
        var secretsUser = BuiltInRoles.Find(BuiltInRoles.KeyVaultSecretsUser)!;
        Assert.True(secretsUser.AllowsDataAction("Microsoft.KeyVault/vaults/secrets/getSecret/action"));
        Assert.False(secretsUser.AllowsAction("Microsoft.KeyVault/vaults/read"));
    }

    [Fact]
    public async Task The_definition_of_Data_Access_Administrator_carries_its_condition()
    {
        var body = (await emulator.ArmAsync(RequestMethod.Get,
            $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.Authorization/roleDefinitions/{BuiltInRoles.KeyVaultDataAccessAdministrator}", ArmSeeder.AuthorizationApiVersion)).AssertStatus(200);
        var permission = body["properties"]!["permissions"]![0]!;
        Assert.Equal("2.0", (string?)permission["conditionVersion"]);
        Assert.StartsWith("((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'}))", (string?)permission["condition"]);
        Assert.EndsWith("Includes an ABAC condition to constrain role assignments.", (string?)body["properties"]!["description"]);
    }

    [Fact]
    public async Task Key_Vault_Reader_reads_vaults_and_Managed_Identity_Operator_reads_identities()
    {
        var group = (await emulator.CreateResourceGroupAsync(ArmSeeder.UniqueName("rg-roles-"))).Split('/')[^1];
        var vault = await emulator.CreateVaultAsync(group, ArmSeeder.UniqueName("kvroles"));
        var identity = await emulator.CreateUserAssignedIdentityAsync(group, "operated");
        var (principal, pipeline) = await emulator.PrincipalPipelineAsync("narrow roles");

        await emulator.AssignRoleAsync(vault.Id, BuiltInRoles.KeyVaultReader, principal.PrincipalId);
        (await emulator.ArmAsync(RequestMethod.Get, vault.Id, ArmSeeder.KeyVaultApiVersion, pipeline: pipeline)).AssertStatus(200);
        (await emulator.ArmAsync(RequestMethod.Patch, vault.Id, ArmSeeder.KeyVaultApiVersion, new JsonObject(), pipeline)).AssertArmError(403, "AuthorizationFailed");

        (await emulator.ArmAsync(RequestMethod.Get, identity.Id, ArmSeeder.ManagedIdentityApiVersion, pipeline: pipeline)).AssertArmError(403, "AuthorizationFailed");
        await emulator.AssignRoleAsync(identity.Id, BuiltInRoles.ManagedIdentityOperator, principal.PrincipalId);
        (await emulator.ArmAsync(RequestMethod.Get, identity.Id, ArmSeeder.ManagedIdentityApiVersion, pipeline: pipeline)).AssertStatus(200);
    }

    [Fact]
    public async Task A_Data_Access_Administrator_cannot_hand_out_Key_Vault_Certificate_User()
    {
        var group = (await emulator.CreateResourceGroupAsync(ArmSeeder.UniqueName("rg-daa-"))).Split('/')[^1];
        var vault = await emulator.CreateVaultAsync(group, ArmSeeder.UniqueName("kvdaa"), new VaultSeed { Model = VaultPermissionModel.Rbac, GrantAccess = false });
        var identity = await emulator.CreateUserAssignedIdentityAsync(group, "daa-target");
        var (principal, pipeline) = await emulator.PrincipalPipelineAsync("daa");
        await emulator.AssignRoleAsync(vault.Id, BuiltInRoles.KeyVaultDataAccessAdministrator, principal.PrincipalId);
        var refused = await emulator.ArmAsync(RequestMethod.Put, $"{vault.Id}/providers/Microsoft.Authorization/roleAssignments/{Guid.NewGuid()}", ArmSeeder.AuthorizationApiVersion,
            new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["roleDefinitionId"] = $"/subscriptions/{emulator.SubscriptionId()}/providers/Microsoft.Authorization/roleDefinitions/{BuiltInRoles.KeyVaultCertificateUser}",
                    ["principalId"] = identity.PrincipalId,
                    ["principalType"] = "ServicePrincipal",
                },
            }, pipeline);
        refused.AssertArmError(403, "AuthorizationFailed", "an ABAC condition not fulfilled");
    }
}
