using System.Management.Automation;
using System.Text.Json.Nodes;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.PowerShell.Tests.Infrastructure;

namespace BatchRotation.PowerShell.Tests;

/// <summary>An account with three pools made by "another tool" (raw ARM PUTs): the article's shape, settings double-encoded as a string, and no extension.</summary>
public sealed class OtherToolPoolsFixture : PowerShellFixture
{
    public string Group { get; private set; } = null!;

    public SeededAccount Account { get; private set; } = null!;

    public SeededIdentity Identity { get; private set; } = null!;

    public SeededCertificate Certificate { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Group = await ResourceGroupAsync();
        Account = await AccountAsync(Group);
        Identity = await IdentityAsync(Group);
        Certificate = await CertificateAsync(await VaultAsync(Group));

        // The Batch article's shape: extension 2.0, a versioned URL as a string, the polling interval as a number.
        var article = BatchSeeder.KeyVaultSettings([Certificate.SecretId.ToString()], Identity.ClientId, objects: false);
        article["secretsManagementSettings"]!["pollingIntervalInS"] = 3600;
        await CreatePoolAsync("web-eu", BatchSeeder.KeyVaultExtension(article, typeHandlerVersion: "2.0"));
        // Settings sent as a JSON string, as ConvertTo-Json in a script often does.
        var encoded = BatchSeeder.KeyVaultSettings([Certificate.VersionlessSecretId.ToString()], Identity.ClientId).ToJsonString();
        await CreatePoolAsync("web-us", BatchSeeder.KeyVaultExtension(JsonValue.Create(encoded)));
        await CreatePoolAsync("api", extension: null);
    }

    public (string, object?)[] Variables => [("group", Group), ("account", Account.Name)];

    private Task CreatePoolAsync(string name, JsonObject? extension) =>
        Emulator.CreatePoolAsync(Group, Account.Name, name, BatchSeeder.PoolBody(
            dedicated: 0,
            identityIds: extension is null ? null : [Identity.Id],
            extensions: extension is null ? null : [extension]));
}

/// <summary>Get-RotatingBatchPool in a real PowerShell: pools of any tool as objects, names and wildcards, ids from the pipeline, subscriptions, errors.</summary>
public sealed class GetRotatingBatchPoolTests(OtherToolPoolsFixture fixture) : IClassFixture<OtherToolPoolsFixture>
{
    private const string GetId = "BatchRotation.Commands.Cmdlets.GetRotatingBatchPoolCommand";

    [Fact]
    public void Returns_every_pool_of_the_account_as_a_pool_object()
    {
        using var session = fixture.Connected();

        var pools = session.Run("Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account", fixture.Variables).Succeeded().Objects;

        Assert.Equal(["api", "web-eu", "web-us"], pools.Select(p => p.Text("Name")).Order());
        Assert.All(pools, pool =>
        {
            Assert.Equal("BatchRotation.Core.Model.RotatingBatchPool", pool.TypeName());
            Assert.Equal($"{fixture.Account.Id}/pools/{pool.Text("Name")}", pool.Text("PoolResourceId"));
            Assert.Equal(fixture.Account.Endpoint, pool.Text("AccountEndpoint"));
        });
    }

    [Fact]
    public void Reads_what_another_tool_configured_exactly_as_configured()
    {
        using var session = fixture.Connected();

        var pool = session.Run("Get-RotatingBatchPool $group $account web-eu", fixture.Variables).Single();
        var encoded = session.Run("Get-RotatingBatchPool $group $account web-us", fixture.Variables).Single();
        var plain = session.Run("Get-RotatingBatchPool $group $account api", fixture.Variables).Single();

        Assert.Equal([fixture.Certificate.SecretId.ToString()], pool.Texts("CertificateUrl"));
        Assert.Equal(TimeSpan.FromHours(1), pool.Property("PollingInterval"));
        Assert.Equal("2.0", pool.Text("ExtensionVersion"));
        Assert.Equal(fixture.Identity.Id, pool.Text("IdentityResourceId"));
        Assert.Equal(fixture.Identity.ClientId, pool.Text("IdentityClientId"));
        Assert.Equal(true, encoded.Property("HasKeyVaultExtension"));
        Assert.Empty(encoded.Items("CertificateUrl"));
        Assert.Equal(false, plain.Property("HasKeyVaultExtension"));
        Assert.Null(plain.Text("ExtensionType"));
    }

    [Fact]
    public void Filters_by_wildcard_without_regard_to_case_and_a_wildcard_matching_nothing_is_no_error()
    {
        using var session = fixture.Connected();

        var matched = session.Run("Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account -Name 'WEB-*'", fixture.Variables).Succeeded();
        var none = session.Run("Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account -Name 'zzz*'", fixture.Variables).Succeeded();

        Assert.Equal(["web-eu", "web-us"], matched.Objects.Select(p => p.Text("Name")).Order());
        Assert.Empty(none.Output);
    }

    [Fact]
    public void A_missing_pool_named_exactly_is_PoolNotFound_with_its_id_and_the_next_name_is_still_read()
    {
        using var session = fixture.Connected();

        var result = session.Run("Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account -Name missing, api", fixture.Variables);

        Assert.Equal(["api"], result.Objects.Select(p => p.Text("Name")));
        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"PoolNotFound,{GetId}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal($"{fixture.Account.Id}/pools/missing", error.TargetObject);
    }

    [Fact]
    public void An_account_that_does_not_exist_is_AccountNotFound()
    {
        using var session = fixture.Connected();

        var result = session.Run("Get-RotatingBatchPool -ResourceGroupName $group -AccountName nosuchaccount", fixture.Variables);

        var error = result.Error();
        Assert.Equal($"AccountNotFound,{GetId}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Takes_the_account_by_resource_id()
    {
        using var session = fixture.Connected();

        var pool = session.Run("Get-RotatingBatchPool -AccountResourceId $id -Name api", ("id", fixture.Account.Id)).Single();

        Assert.Equal("api", pool.Text("Name"));
    }

    [Fact]
    public void Reads_pools_again_from_the_pipeline_by_PoolResourceId_and_reports_a_gone_one()
    {
        using var session = fixture.Connected();

        var result = session.Run("""
            $pools = Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account
            $pools + [pscustomobject]@{ PoolResourceId = "$($pools[0].PoolResourceId)-gone" } | Get-RotatingBatchPool
            """, fixture.Variables);

        Assert.Equal(["api", "web-eu", "web-us"], result.Objects.Select(p => p.Text("Name")).Order());
        var error = Assert.Single(result.Errors);
        Assert.Equal($"PoolNotFound,{GetId}", error.FullyQualifiedErrorId);
        Assert.EndsWith("-gone", error.TargetObject?.ToString());
    }

    [Fact]
    public async Task Returns_every_pool_of_every_account_of_a_subscription_given_or_signed_in()
    {
        var group = await fixture.ResourceGroupAsync();
        var second = await fixture.AccountAsync(group);
        await fixture.Emulator.CreatePoolAsync(group, second.Name, "other", BatchSeeder.PoolBody(dedicated: 0));
        using var session = fixture.Connected();

        var given = session.Run("Get-RotatingBatchPool -SubscriptionId $subscription", ("subscription", fixture.SubscriptionId)).Succeeded().Objects;
        var signedIn = session.Run("Get-RotatingBatchPool").Succeeded().Objects;

        foreach (var pools in new[] { given, signedIn })
        {
            Assert.Equal(3, pools.Count(p => p.Text("AccountName") == fixture.Account.Name));
            Assert.Equal(["other"], pools.Where(p => p.Text("AccountName") == second.Name).Select(p => p.Text("Name")));
        }
    }

    [Fact]
    public void Piped_into_Grant_PoolVaultAccess_repairs_each_pool_with_an_identity_and_reports_the_one_without()
    {
        using var session = fixture.Connected();

        var result = session.Run("Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account -Name web-eu, api | Grant-PoolVaultAccess -WhatIf", fixture.Variables);

        // web-eu observes a versioned URL of a vault its identity cannot read yet: -WhatIf shows the grant it would add.
        var repaired = Assert.Single(result.Objects);
        Assert.Equal(fixture.Identity.Id, repaired.Text("IdentityResourceId"));
        Assert.Equal("Skipped", Assert.Single(repaired.Items("Grants")).Text("Status"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("PoolHasNoIdentity,BatchRotation.Commands.Cmdlets.GrantPoolVaultAccessCommand", error.FullyQualifiedErrorId);
        Assert.Equal($"{fixture.Account.Id}/pools/api", error.TargetObject?.ToString());
    }
}
