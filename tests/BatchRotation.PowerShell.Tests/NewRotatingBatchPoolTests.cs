using System.Management.Automation;
using System.Text.Json.Nodes;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.PowerShell.Tests.Infrastructure;

namespace BatchRotation.PowerShell.Tests;

/// <summary>
/// New-RotatingBatchPool in a real PowerShell against the emulator (clock 600x): the grant | create -Wait pipeline,
/// -AsTemplate, -WhatIf, -Confirm, create-only and -Force, nodes without access, pre-flight errors that write nothing.
/// </summary>
public sealed class NewRotatingBatchPoolTests(FastClockFixture fixture) : IClassFixture<FastClockFixture>
{
    private const string NewId = "BatchRotation.Commands.Cmdlets.NewRotatingBatchPoolCommand";
    private const string Common = "-ResourceGroupName $group -AccountName $account -VmSize Standard_D2s_v3";

    [Fact]
    public async Task Grant_piped_into_New_with_Wait_gives_one_ready_Linux_pool_with_the_certificate_on_every_node()
    {
        var world = await WorldAsync();
        using var session = fixture.Connected();

        var result = session.Run(
            $"Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url | New-RotatingBatchPool {Common} -Name linux -TargetDedicatedNodes 2 -Wait -Timeout 00:03:00",
            world.Variables);
        var shown = session.Run("$pool = Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account -Name linux; $pool | Out-Default", world.Variables).Succeeded();

        var pool = result.Single();
        Assert.Equal("BatchRotation.Core.Model.RotatingBatchPool", pool.TypeName());
        Assert.Equal($"{world.Account.Id}/pools/linux", pool.Text("PoolResourceId"));
        Assert.Equal(world.Identity.Id, pool.Text("IdentityResourceId"));
        Assert.Equal(world.Identity.ClientId, pool.Text("IdentityClientId"));
        Assert.Equal([world.Url], pool.Texts("CertificateUrl"));
        Assert.Equal("Linux", pool.Text("Os"));
        Assert.Equal("KeyVaultForLinux", pool.Text("ExtensionType"));
        Assert.Equal("3.0", pool.Text("ExtensionVersion"));
        Assert.Equal(true, pool.Property("RequireInitialSync"));
        Assert.Equal("Steady", pool.Text("AllocationState"));
        Assert.Equal(2, pool.Property("CurrentDedicatedNodes"));
        Assert.NotEmpty(result.Progress);
        var nodes = await fixture.Emulator.ListNodesAsync(world.Account.Name, "linux");
        Assert.Equal(2, nodes.Count);
        foreach (var node in nodes)
        {
            Assert.Equal("idle", (string?)node!["state"]);
            var held = await fixture.Emulator.NodeCertificatesAsync(world.Account.Name, "linux", (string)node["id"]!);
            Assert.Contains(world.Certificate.Version, held.ToJsonString());
        }

        Assert.Matches(@"Name\s+Account\s+Os\s+Extension\s+Certificates\s+Allocation\s+Nodes", shown.HostText);
        Assert.Matches($@"linux\s+{world.Account.Name}\s+Linux\s+KeyVaultForLinux 3\.0\s+1: web\s+Steady\s+2/2", shown.HostText);
    }

    [Fact]
    public async Task On_Windows_with_an_RBAC_vault_the_pool_gets_KeyVaultForWindows_3_and_a_ready_node()
    {
        var world = await WorldAsync(rbac: true);
        using var session = fixture.Connected();

        var pool = session.Run(
            $"Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url -WarningAction SilentlyContinue | New-RotatingBatchPool {Common} -Name windows -Image WindowsServer2022 -CertificateStoreName WebHosting -Wait -Timeout 00:03:00",
            world.Variables).Single();

        Assert.Equal("Windows", pool.Text("Os"));
        Assert.Equal("KeyVaultForWindows", pool.Text("ExtensionType"));
        Assert.Equal("3.0", pool.Text("ExtensionVersion"));
        Assert.Equal("idle", (string?)Assert.Single(await fixture.Emulator.ListNodesAsync(world.Account.Name, "windows"))!["state"]);
    }

    [Fact]
    public async Task AsTemplate_writes_nothing_and_returns_the_JSON_body_that_Azure_accepts()
    {
        var world = await WorldAsync(grant: true);
        using var session = fixture.Connected();
        var mark = await fixture.JournalMarkAsync();

        var template = session.Run($"New-RotatingBatchPool {Common} -Name template -IdentityResourceId $identity -CertificateUrl $url -PollingInterval 00:10:00 -AsTemplate",
            world.Variables).Single();

        Assert.Empty(await fixture.WritesSinceAsync(mark));
        Assert.Null(await PoolAsync(world, "template"));
        var body = JsonNode.Parse(Assert.IsType<string>(template))!;
        Assert.Equal("UserAssigned", (string?)body["identity"]!["type"]);
        Assert.Equal([world.Identity.Id], body["identity"]!["userAssignedIdentities"]!.AsObject().Select(p => p.Key));
        var vm = body["properties"]!["deploymentConfiguration"]!["virtualMachineConfiguration"]!;
        Assert.Equal("batch.node.ubuntu 24.04", (string?)vm["nodeAgentSkuId"]);
        var extension = vm["extensions"]![0]!;
        Assert.Equal("KeyVaultForLinux", (string?)extension["type"]);
        Assert.Equal(world.Identity.ClientId, (string?)extension["settings"]!["authenticationSettings"]!["msiClientId"]);
        Assert.Equal("600", (string?)extension["settings"]!["secretsManagementSettings"]!["pollingIntervalInS"]);
        Assert.Equal(world.Url, (string?)extension["settings"]!["secretsManagementSettings"]!["observedCertificates"]![0]!["url"]);

        var created = await fixture.Emulator.PutPoolAsync(world.Group, world.Account.Name, "template", body.AsObject());
        Assert.Equal(200, created.Status);
    }

    [Fact]
    public async Task WhatIf_creates_nothing_and_names_the_pool_it_would_create()
    {
        var world = await WorldAsync(grant: true);
        using var session = fixture.Connected();
        var mark = await fixture.JournalMarkAsync();

        var result = session.Run($"New-RotatingBatchPool {Common} -Name whatif -IdentityResourceId $identity -CertificateUrl $url -WhatIf", world.Variables).Succeeded();

        Assert.Empty(result.Output);
        Assert.Empty(await fixture.WritesSinceAsync(mark));
        Assert.Null(await PoolAsync(world, "whatif"));
        Assert.Contains("What if: Performing the operation \"Create a ", result.HostText);
        Assert.Contains($"{world.Account.Id}/pools/whatif", result.HostText);
    }

    [Fact]
    public async Task An_existing_pool_is_PoolAlreadyExists_without_Force_and_Force_with_Confirm_false_recreates_it_without_a_prompt()
    {
        var world = await WorldAsync(grant: true);
        using var session = fixture.Connected();
        var first = session.Run($"New-RotatingBatchPool {Common} -Name existing -IdentityResourceId $identity -CertificateUrl $url -Wait -Timeout 00:03:00", world.Variables).Single();
        var node = (string)(await fixture.Emulator.ListNodesAsync(world.Account.Name, "existing"))[0]!["id"]!;
        await fixture.Emulator.SetRunningTasksAsync(world.Account.Name, "existing", node, 2);

        var mark = await fixture.JournalMarkAsync();
        var refused = session.Run($"New-RotatingBatchPool {Common} -Name existing -IdentityResourceId $identity -CertificateUrl $url", world.Variables);
        var writesWhenRefused = await fixture.WritesSinceAsync(mark);
        session.Host.Answers.Enqueue(2); // No
        var declined = session.Run($"New-RotatingBatchPool {Common} -Name existing -IdentityResourceId $identity -CertificateUrl $url -Force -Confirm", world.Variables);
        var writesWhenDeclined = await fixture.WritesSinceAsync(mark);
        var recreated = session.Run(
            $"New-RotatingBatchPool {Common} -Name existing -IdentityResourceId $identity -CertificateUrl $url -PollingInterval 00:05:00 -Force -Confirm:$false", world.Variables);
        var writes = await fixture.WritesSinceAsync(mark);

        var error = refused.Error();
        Assert.Equal($"PoolAlreadyExists,{NewId}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(first.Text("PoolResourceId"), error.TargetObject);
        Assert.Contains("-Force", error.ErrorDetails.RecommendedAction);
        Assert.Empty(writesWhenRefused);
        Assert.Empty(declined.Succeeded().Output);
        Assert.Empty(writesWhenDeclined);
        var prompt = Assert.Single(session.Host.Prompts);
        Assert.Contains("1 node and 2 running tasks", prompt);
        Assert.Contains(first.Text("PoolResourceId")!, prompt);
        Assert.Equal(["DELETE", "PUT"], writes.Select(w => w.Split(' ')[0]));
        Assert.Equal(TimeSpan.FromMinutes(5), recreated.Single().Property("PollingInterval"));
        Assert.Contains(recreated.WarningTexts, w => w.Contains("-Force deletes it"));
        Assert.Equal(TimeSpan.FromHours(1), first.Property("PollingInterval"));
    }

    [Fact]
    public async Task An_identity_without_access_is_refused_before_anything_is_written_with_the_exact_grant_command()
    {
        var world = await WorldAsync();
        using var session = fixture.Connected();
        var mark = await fixture.JournalMarkAsync();

        var result = session.Run($"New-RotatingBatchPool {Common} -Name noaccess -IdentityResourceId $identity -CertificateUrl $url -ErrorAction Stop", world.Variables);

        var error = result.Error();
        Assert.Equal($"IdentityCannotReadSecret,{NewId}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains($"Grant-PoolVaultAccess -IdentityResourceId '{world.Identity.Id}'", error.ErrorDetails.RecommendedAction);
        Assert.Empty(await fixture.WritesSinceAsync(mark));
    }

    [Fact]
    public async Task A_grant_that_failed_for_one_certificate_stops_the_piped_creation_instead_of_making_a_pool_without_it()
    {
        var world = await WorldAsync();
        using var session = fixture.Connected();
        var missing = world.Vault.VaultUri.ToString().TrimEnd('/') + "/secrets/missing";
        var mark = await fixture.JournalMarkAsync();

        var result = session.Run(
            $"Grant-PoolVaultAccess -IdentityResourceId $identity -CertificateUrl $url, $missing | New-RotatingBatchPool {Common} -Name partial",
            [.. world.Variables, ("missing", missing)]);

        Assert.Empty(result.Output);
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId == "CertificateNotFound,BatchRotation.Commands.Cmdlets.GrantPoolVaultAccessCommand");
        var refused = Assert.Single(result.Errors, e => e.FullyQualifiedErrorId == $"CertificateNotFound,{NewId}");
        Assert.Equal(missing, refused.TargetObject);
        Assert.DoesNotContain(await fixture.WritesSinceAsync(mark), w => w.Contains("/pools/", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task With_SkipAccessCheck_each_failing_node_is_an_error_and_the_wait_ends_with_PoolNodesFailed()
    {
        var world = await WorldAsync();
        using var session = fixture.Connected();

        var result = session.Run(
            $"New-RotatingBatchPool {Common} -Name skipped -IdentityResourceId $identity -CertificateUrl $url -SkipAccessCheck -Wait -Timeout 00:03:00 -WarningAction SilentlyContinue; 'after'",
            world.Variables);

        var node = Assert.Single(await fixture.Emulator.ListNodesAsync(world.Account.Name, "skipped"))!;
        Assert.Equal("unusable", (string?)node["state"]);
        var perNode = Assert.Single(result.Errors, e => e.FullyQualifiedErrorId == $"PoolNodeFailed,{NewId}");
        Assert.Equal((string)node["id"]!, perNode.TargetObject);
        Assert.Contains("Forbidden", perNode.Exception.Message);
        Assert.Single(result.Errors, e => e.FullyQualifiedErrorId == $"PoolNodesFailed,{NewId}");
        Assert.Equal(["after"], result.Objects);
    }

    [Theory]
    [InlineData("ExtensionOptionNotSupported", "-LinkOnRenewal")]
    [InlineData("ExtensionVersionNotSupportedOnImage", "-Image WindowsServer2019 -ExtensionVersion 4.0")]
    [InlineData("UnknownImageAlias", "-Image Ubuntu1604")]
    [InlineData("InvalidPollingInterval", "-PollingInterval ([timespan]::FromMilliseconds(1500))")]
    [InlineData("TimeoutWithoutWait", "-Timeout 00:05:00")]
    [InlineData("AccountNotFound", "-AccountName nosuchaccount")]
    [InlineData("CertificateNotFound", "-CertificateUrl $missing")]
    public async Task Each_pre_flight_failure_has_its_ErrorId_and_writes_nothing(string errorId, string arguments)
    {
        var world = await WorldAsync(grant: true);
        using var session = fixture.Connected();
        var mark = await fixture.JournalMarkAsync();
        var named = $"-Name checked {arguments}";
        var identityAndUrl = arguments.Contains("-CertificateUrl") ? "-IdentityResourceId $identity" : "-IdentityResourceId $identity -CertificateUrl $url";
        var common = arguments.Contains("-AccountName") ? "-ResourceGroupName $group -VmSize Standard_D2s_v3" : Common;

        var result = session.Run($"New-RotatingBatchPool {common} {named} {identityAndUrl} -ErrorAction Stop",
            [.. world.Variables, ("missing", world.Vault.VaultUri.ToString().TrimEnd('/') + "/secrets/missing")]);

        Assert.Equal($"{errorId},{NewId}", result.Error().FullyQualifiedErrorId);
        Assert.Empty(result.Output);
        Assert.Empty(await fixture.WritesSinceAsync(mark));
    }

    private sealed record World(string Group, SeededAccount Account, SeededIdentity Identity, SeededVault Vault, SeededCertificate Certificate)
    {
        public string Url => Certificate.VersionlessSecretId.ToString();

        public (string, object?)[] Variables => [("group", Group), ("account", Account.Name), ("identity", Identity.Id), ("url", Url)];
    }

    /// <summary>A resource group with a Batch account, an identity and a vault holding certificate 'web'; with <paramref name="grant"/>, the identity may read it.</summary>
    private async Task<World> WorldAsync(bool rbac = false, bool grant = false)
    {
        var group = await fixture.ResourceGroupAsync();
        var account = await fixture.AccountAsync(group);
        var identity = await fixture.IdentityAsync(group);
        var vault = await fixture.VaultAsync(group, rbac);
        var certificate = await fixture.CertificateAsync(vault);
        if (grant)
        {
            await fixture.Emulator.AddAccessPolicyAsync(vault, identity.PrincipalId, secrets: ["get", "list"]);
        }

        return new World(group, account, identity, vault, certificate);
    }

    private Task<JsonNode?> PoolAsync(World world, string pool) =>
        fixture.Emulator.GetResourceAsync(fixture.Emulator.PoolId(world.Group, world.Account.Name, pool), BatchSeeder.ApiVersion);
}
