using System.Management.Automation;
using System.Text.Json.Nodes;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.PowerShell.Tests.Infrastructure;

namespace BatchRotation.PowerShell.Tests;

/// <summary>Grant-PoolVaultAccess in a real PowerShell against the emulator: both vault models, reruns, -WhatIf and -Confirm, pipeline input, pool repair, errors.</summary>
public sealed class GrantPoolVaultAccessTests(PowerShellFixture fixture) : IClassFixture<PowerShellFixture>
{
    private const string GrantId = "BatchRotation.Commands.Cmdlets.GrantPoolVaultAccessCommand";
    private const string SecretsUserRole = "4633458b-17de-408a-b874-0445c86b69e6";

    [Fact]
    public async Task On_an_access_policy_vault_adds_secrets_get_and_list_once_and_a_rerun_writes_nothing()
    {
        var (group, identity, vault, certificates) = await WorldAsync(rbac: false, "web", "api");
        string[] urls = [.. certificates.Select(Url)];
        using var session = fixture.Connected();

        var result = session.Run("Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $urls", ("identity", identity.Id), ("urls", urls)).Single();
        var mark = await fixture.JournalMarkAsync();
        var again = session.Run("Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $urls", ("identity", identity.Id), ("urls", urls)).Single();

        Assert.Empty(await fixture.WritesSinceAsync(mark));
        Assert.Equal("BatchRotation.Core.Operations.Grants.PoolVaultAccess", result.TypeName());
        Assert.Equal(identity.Id, result.Text("IdentityResourceId"));
        Assert.Equal(identity.ClientId, result.Text("IdentityClientId"));
        Assert.Equal(identity.PrincipalId, result.Text("IdentityPrincipalId"));
        Assert.Equal(urls, result.Texts("CertificateUrl"));
        Assert.Equal(true, result.Property("Complete"));
        var grant = Assert.Single(result.Items("Grants"));
        Assert.Equal("Granted", grant.Text("Status"));
        Assert.Equal("AccessPolicy", grant.Text("AccessModel"));
        Assert.Equal(["get", "list"], grant.Texts("Permissions"));
        Assert.Equal("AlreadyPresent", Assert.Single(again.Items("Grants")).Text("Status"));
        var policies = await PoliciesAsync(vault);
        var mine = Assert.Single(policies, p => (string?)p["objectId"] == identity.PrincipalId);
        Assert.Equal(["get", "list"], mine["permissions"]!["secrets"]!.AsArray().Select(p => (string)p!).Order());
        Assert.Null(mine["permissions"]!["certificates"]?.AsArray().FirstOrDefault());
        Assert.Null(mine["permissions"]!["keys"]?.AsArray().FirstOrDefault());
        Assert.Contains(policies, p => (string?)p["objectId"] == fixture.Environment.PrincipalId);
        _ = group;
    }

    [Fact]
    public async Task On_an_RBAC_vault_assigns_Key_Vault_Secrets_User_warns_about_the_delay_and_a_rerun_writes_nothing()
    {
        var (_, identity, vault, certificates) = await WorldAsync(rbac: true, "web");
        using var session = fixture.Connected();
        (string, object?)[] names = [("identity", identity.Id), ("url", Url(certificates[0]))];

        var first = session.Run("Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url", names).Succeeded();
        var mark = await fixture.JournalMarkAsync();
        var again = session.Run("Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url", names).Single();

        var grant = Assert.Single(Assert.Single(first.Output).Items("Grants"));
        Assert.Equal("Granted", grant.Text("Status"));
        Assert.Equal("Rbac", grant.Text("AccessModel"));
        Assert.Equal("Key Vault Secrets User", grant.Text("RoleName"));
        Assert.Equal([vault.Id], grant.Texts("Scope"));
        Assert.Contains(first.WarningTexts, w => w.Contains("few minutes"));
        var assignment = Assert.Single(await RoleAssignmentsAsync(vault.Id, identity.PrincipalId));
        Assert.EndsWith(SecretsUserRole, (string)assignment["properties"]!["roleDefinitionId"]!);
        Assert.Empty(await fixture.WritesSinceAsync(mark));
        Assert.Equal("AlreadyPresent", Assert.Single(again.Items("Grants")).Text("Status"));
    }

    [Fact]
    public async Task WhatIf_writes_nothing_says_Skipped_and_names_each_vault()
    {
        var group = await fixture.ResourceGroupAsync();
        var identity = await fixture.IdentityAsync(group);
        var policyVault = await fixture.VaultAsync(group);
        var rbacVault = await fixture.VaultAsync(group, rbac: true);
        string[] urls = [Url(await fixture.CertificateAsync(policyVault)), Url(await fixture.CertificateAsync(rbacVault))];
        using var session = fixture.Connected();
        var mark = await fixture.JournalMarkAsync();

        var result = session.Run("Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $urls -WhatIf", ("identity", identity.Id), ("urls", urls));

        Assert.Empty(await fixture.WritesSinceAsync(mark));
        Assert.Equal(["Skipped", "Skipped"], result.Single().Items("Grants").Select(g => g.Text("Status")));
        Assert.Contains($"What if: Performing the operation \"Add an access policy for", result.HostText);
        Assert.Contains(policyVault.Id, result.HostText);
        Assert.Contains("Assign the role 'Key Vault Secrets User'", result.HostText);
        Assert.Contains(rbacVault.Id, result.HostText);
        Assert.DoesNotContain(await PoliciesAsync(policyVault), p => (string?)p["objectId"] == identity.PrincipalId);
        Assert.Empty(await RoleAssignmentsAsync(rbacVault.Id, identity.PrincipalId));
    }

    [Fact]
    public async Task Confirm_asks_per_vault_and_No_writes_nothing_while_Yes_grants()
    {
        var (_, identity, vault, certificates) = await WorldAsync(rbac: false, "web");
        using var session = fixture.Connected();
        (string, object?)[] names = [("identity", identity.Id), ("url", Url(certificates[0]))];
        var mark = await fixture.JournalMarkAsync();

        session.Host.Answers.Enqueue(2); // No
        var declined = session.Run("Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url -Confirm", names).Single();
        var writesAfterNo = await fixture.WritesSinceAsync(mark);
        session.Host.Answers.Enqueue(0); // Yes
        var confirmed = session.Run("Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url -Confirm", names).Single();

        Assert.Equal(2, session.Host.Prompts.Count);
        Assert.All(session.Host.Prompts, p => Assert.Contains(vault.Id, p));
        Assert.Equal("Skipped", Assert.Single(declined.Items("Grants")).Text("Status"));
        Assert.Empty(writesAfterNo);
        Assert.Equal("Granted", Assert.Single(confirmed.Items("Grants")).Text("Status"));
    }

    [Fact]
    public async Task Records_piped_by_property_name_give_one_object_for_the_identity()
    {
        var (_, identity, _, certificates) = await WorldAsync(rbac: false, "web", "api");
        using var session = fixture.Connected();

        var result = session.Run("""
            @(
                [pscustomobject]@{ IdentityResourceId = $identity; CertificateUrl = $web }
                [pscustomobject]@{ IdentityResourceId = $identity; CertificateUrl = $api }
            ) | Grant-PoolVaultAccess
            """, ("identity", identity.Id), ("web", Url(certificates[0])), ("api", Url(certificates[1])));

        var granted = result.Single();
        Assert.Equal([Url(certificates[0]), Url(certificates[1])], granted.Texts("CertificateUrl"));
        Assert.Equal("Granted", Assert.Single(granted.Items("Grants")).Text("Status"));
    }

    [Fact]
    public async Task Its_output_binds_by_property_name_to_the_next_command_exactly_once()
    {
        var (_, identity, _, certificates) = await WorldAsync(rbac: false, "web");
        using var session = fixture.Connected();

        var received = session.Run("""
            function Receive-Grant {
                [CmdletBinding()]
                param(
                    [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $IdentityResourceId,
                    [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $IdentityClientId,
                    [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string[]] $CertificateUrl
                )
                process { [pscustomobject]@{ ClientId = $IdentityClientId; Urls = $CertificateUrl } }
            }
            [pscustomobject]@{ IdentityResourceId = $identity; CertificateUrl = $url } | Grant-PoolVaultAccess | Receive-Grant
            """, ("identity", identity.Id), ("url", Url(certificates[0]))).Single();

        Assert.Equal(identity.ClientId, received.Text("ClientId"));
        Assert.Equal([Url(certificates[0])], received.Texts("Urls"));
    }

    [Fact]
    public async Task A_versioned_certificates_URL_is_normalised_with_a_warning_that_says_why()
    {
        var (_, identity, _, certificates) = await WorldAsync(rbac: false, "web");
        using var session = fixture.Connected();

        var result = session.Run("Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url",
            ("identity", identity.Id), ("url", certificates[0].Id.ToString()));

        Assert.Equal([Url(certificates[0])], result.Single().Texts("CertificateUrl"));
        Assert.Contains(result.WarningTexts, w => w.Contains("pins that one version"));
    }

    [Fact]
    public async Task Pool_objects_are_repaired_one_output_per_pool_and_a_pool_without_identity_is_an_error_for_that_pool_only()
    {
        var (group, identity, _, certificates) = await WorldAsync(rbac: false, "web", "api");
        using var session = fixture.Connected();

        var result = session.Run("""
            $pools = @(
                [BatchRotation.Core.Model.RotatingBatchPool] @{ PoolResourceId = "$account/pools/web"; IdentityResourceId = $identity; CertificateUrl = @($web) }
                [BatchRotation.Core.Model.RotatingBatchPool] @{ PoolResourceId = "$account/pools/bare"; CertificateUrl = @($web) }
                [BatchRotation.Core.Model.RotatingBatchPool] @{ PoolResourceId = "$account/pools/api"; IdentityResourceId = $identity; CertificateUrl = @($api) }
            )
            $pools | Grant-PoolVaultAccess
            """,
            ("account", fixture.Emulator.AccountId(group, "acct")), ("identity", identity.Id), ("web", Url(certificates[0])), ("api", Url(certificates[1])));

        Assert.True(2 == result.Output.Count, result.Describe());
        Assert.Equal("Granted", Assert.Single(result.Objects[0].Items("Grants")).Text("Status"));
        // Both certificates are in one vault, and an access policy covers the whole vault.
        Assert.Equal("AlreadyPresent", Assert.Single(result.Objects[1].Items("Grants")).Text("Status"));
        Assert.Equal([Url(certificates[1])], result.Objects[1].Texts("CertificateUrl"));
        var error = Assert.Single(result.Errors);
        Assert.Null(result.Terminating);
        Assert.Equal($"PoolHasNoIdentity,{GrantId}", error.FullyQualifiedErrorId);
        Assert.Equal(fixture.Emulator.AccountId(group, "acct") + "/pools/bare", error.TargetObject?.ToString());
    }

    [Fact]
    public async Task A_missing_identity_is_IdentityNotFound_with_its_id_as_target_and_the_request_id()
    {
        var (group, _, _, certificates) = await WorldAsync(rbac: false, "web");
        var missing = $"{fixture.Emulator.ResourceGroupId(group)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/nobody";
        using var session = fixture.Connected();

        var failure = session.Run("Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url -ErrorAction Stop; 'after'",
            ("identity", missing), ("url", Url(certificates[0])));

        var error = failure.Error();
        Assert.Equal($"IdentityNotFound,{GrantId}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(missing, error.TargetObject);
        Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
        Assert.False(string.IsNullOrEmpty(error.Exception.Property("RequestId")?.ToString()));
    }

    [Fact]
    public async Task A_malformed_URL_is_InvalidCertificateUrl_for_that_URL_while_the_good_one_is_granted()
    {
        var (_, identity, _, certificates) = await WorldAsync(rbac: false, "web");
        using var session = fixture.Connected();

        var result = session.Run("Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl 'myvault/secrets/web', $url",
            ("identity", identity.Id), ("url", Url(certificates[0])));

        var error = Assert.Single(result.Errors);
        Assert.Equal($"InvalidCertificateUrl,{GrantId}", error.FullyQualifiedErrorId);
        Assert.Equal("myvault/secrets/web", error.TargetObject);
        var granted = Assert.Single(result.Output);
        Assert.Equal([Url(certificates[0]), "myvault/secrets/web"], granted.Texts("CertificateUrl"));
        Assert.Equal(["myvault/secrets/web"], granted.Texts("FailedCertificateUrl"));
        Assert.Equal(false, granted.Property("Complete"));
    }

    [Fact]
    public async Task A_vault_nobody_has_is_VaultNotFound_naming_the_subscription_and_the_other_vault_is_still_granted()
    {
        var (_, identity, _, certificates) = await WorldAsync(rbac: false, "web");
        var ghost = fixture.Emulator.Endpoint + "keyvault/ghostvault1/secrets/web";
        using var session = fixture.Connected();

        var result = session.Run("Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $ghost, $url",
            ("identity", identity.Id), ("ghost", ghost), ("url", Url(certificates[0])));

        var error = Assert.Single(result.Errors);
        Assert.Equal($"VaultNotFound,{GrantId}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains(fixture.SubscriptionId, error.Exception.Message);
        Assert.Equal(["Failed", "Granted"], Assert.Single(result.Objects).Items("Grants").Select(g => g.Text("Status")));
    }

    [Theory]
    [InlineData("InvalidResourceId")]
    [InlineData("CertificateNotFound")]
    [InlineData("VaultAccessModelMismatch")]
    public async Task Each_refusal_has_its_ErrorId_and_writes_nothing(string errorId)
    {
        var (_, identity, vault, certificates) = await WorldAsync(rbac: false, "web");
        using var session = fixture.Connected();
        var (identityId, url, extra) = errorId switch
        {
            "InvalidResourceId" => (vault.Id, Url(certificates[0]), ""),
            "CertificateNotFound" => (identity.Id, vault.VaultUri.ToString().TrimEnd('/') + "/secrets/not-there", ""),
            _ => (identity.Id, Url(certificates[0]), "-AccessModel Rbac"),
        };
        var mark = await fixture.JournalMarkAsync();

        var result = session.Run($"Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url {extra} -ErrorAction Stop", ("identity", identityId), ("url", url));

        Assert.Equal($"{errorId},{GrantId}", result.Error().FullyQualifiedErrorId);
        Assert.Empty(result.Output);
        Assert.Empty(await fixture.WritesSinceAsync(mark));
    }

    [Fact]
    public async Task Signed_in_as_a_Reader_the_write_is_refused_with_AccessPolicyWriteDenied_naming_the_role_needed()
    {
        var (group, identity, vault, certificates) = await WorldAsync(rbac: false, "web");
        var reader = await fixture.Emulator.CreatePrincipalAsync("powershell tests: reader");
        await fixture.Emulator.AssignRoleAsync(fixture.Emulator.ResourceGroupId(group), ArmSeeder.ReaderRole, reader.PrincipalId);
        using var session = fixture.Connected(fixture.EnvironmentFileFor(reader));

        var result = session.Run("Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url -WarningAction SilentlyContinue",
            ("identity", identity.Id), ("url", Url(certificates[0])));

        var error = Assert.Single(result.Errors);
        Assert.Equal($"AccessPolicyWriteDenied,{GrantId}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Equal(vault.Id, error.TargetObject);
        Assert.Contains("Key Vault Contributor", error.ErrorDetails.RecommendedAction);
        Assert.Equal("Failed", Assert.Single(Assert.Single(result.Objects).Items("Grants")).Text("Status"));
    }

    private static string Url(SeededCertificate certificate) => certificate.VersionlessSecretId.ToString();

    private async Task<(string Group, SeededIdentity Identity, SeededVault Vault, SeededCertificate[] Certificates)> WorldAsync(bool rbac, params string[] names)
    {
        var group = await fixture.ResourceGroupAsync();
        var identity = await fixture.IdentityAsync(group);
        var vault = await fixture.VaultAsync(group, rbac);
        var certificates = new List<SeededCertificate>();
        foreach (var name in names) certificates.Add(await fixture.CertificateAsync(vault, name));
        return (group, identity, vault, certificates.ToArray());
    }

    private async Task<IReadOnlyList<JsonNode>> PoliciesAsync(SeededVault vault) =>
        (await fixture.Emulator.GetResourceAsync(vault.Id, ArmSeeder.KeyVaultApiVersion))!["properties"]!["accessPolicies"]!.AsArray().Select(p => p!).ToList();

    private async Task<IReadOnlyList<JsonNode>> RoleAssignmentsAsync(string scope, string principalId)
    {
        var uri = fixture.Emulator.ArmUri(scope + "/providers/Microsoft.Authorization/roleAssignments", ArmSeeder.AuthorizationApiVersion,
            "$filter=" + Uri.EscapeDataString($"principalId eq '{principalId}'"));
        var body = await ArmSeeder.SendAsync(fixture.Emulator, null, Azure.Core.RequestMethod.Get, uri);
        return body!["value"]!.AsArray().Select(a => a!).ToList();
    }
}
