using System.Management.Automation;
using BatchRotation.Emulator.Tests.Infrastructure;
using BatchRotation.PowerShell.Tests.Infrastructure;

namespace BatchRotation.PowerShell.Tests;

/// <summary>Connect-BatchRotation, Get-BatchRotationContext and Disconnect-BatchRotation in a real PowerShell against the emulator.</summary>
public sealed class ConnectTests(PowerShellFixture fixture) : IClassFixture<PowerShellFixture>
{
    private const string ConnectId = "BatchRotation.Commands.Cmdlets.ConnectBatchRotationCommand";
    private const string GetPoolId = "BatchRotation.Commands.Cmdlets.GetRotatingBatchPoolCommand";

    [Fact]
    public void Connect_signs_in_with_the_environment_file_and_returns_the_context_it_keeps()
    {
        using var session = fixture.NewSession();

        var context = session.Run("Connect-BatchRotation -EnvironmentFile $file", ("file", fixture.EnvironmentFile)).Single();
        var kept = session.Run("Get-BatchRotationContext").Single();

        Assert.Equal("BatchRotation.Core.Model.BatchRotationContextInfo", context.TypeName());
        Assert.Equal(true, context.Property("IsConnected"));
        Assert.Equal("BatchRotationEmulator", context.Text("Environment"));
        Assert.Equal(fixture.Environment.TenantId, context.Text("TenantId"));
        Assert.Equal(fixture.SubscriptionId, context.Text("SubscriptionId"));
        Assert.False(string.IsNullOrEmpty(context.Text("SubscriptionName")));
        Assert.Equal(fixture.Environment.ClientId, context.Text("Account"));
        Assert.Equal(fixture.Environment.PrincipalId, context.Text("AccountObjectId"));
        Assert.Equal("EnvironmentFile", context.Text("SignInMethod"));
        Assert.Equal(fixture.Environment.PrincipalId, kept.Text("AccountObjectId"));
        Assert.Equal(true, kept.Property("IsConnected"));
    }

    [Fact]
    public void Connect_takes_a_path_relative_to_the_PowerShell_location_not_the_process_directory()
    {
        using var session = fixture.NewSession();

        var context = session.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($folder); Connect-BatchRotation -EnvironmentFile ./emulator.env.json",
            ("folder", Path.GetDirectoryName(fixture.EnvironmentFile))).Single();

        Assert.Equal(true, context.Property("IsConnected"));
        Assert.NotEqual(Path.GetDirectoryName(fixture.EnvironmentFile), Environment.CurrentDirectory);
    }

    [Fact]
    public void No_secret_or_token_shows_in_the_context_its_views_or_any_stream()
    {
        using var session = fixture.NewSession();

        var connect = session.Run("Connect-BatchRotation -EnvironmentFile $file -Verbose", ("file", fixture.EnvironmentFile)).Succeeded();
        var shown = session.Run("$context = Get-BatchRotationContext; $context; $context | Out-Default; $context.PSObject.Properties | ForEach-Object { '{0}={1}' -f $_.Name, $_.Value }").Succeeded();

        var text = connect.AllText() + shown.AllText();
        Assert.Contains(fixture.Environment.ClientId, text);
        Assert.Contains(fixture.Environment.TenantId, text);
        Assert.Contains("Credential", shown.HostText);
        Assert.DoesNotContain(fixture.Environment.ClientSecret, text);
        Assert.DoesNotContain("eyJ", text);
        Assert.DoesNotContain("Bearer", text);
        Assert.NotEmpty(connect.Verbose);
    }

    [Fact]
    public async Task A_later_cmdlet_uses_the_sign_in_and_its_Verbose_shows_each_call_without_a_token()
    {
        var group = await fixture.ResourceGroupAsync();
        var account = await fixture.AccountAsync(group);
        using var session = fixture.Connected();

        var result = session.Run("Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account -Verbose", ("group", group), ("account", account.Name)).Succeeded();

        var authority = fixture.Emulator.Endpoint.Authority;
        var call = $@"^Azure Resource Manager: GET https://{System.Text.RegularExpressions.Regex.Escape(authority)}/subscriptions/{fixture.SubscriptionId}/resourceGroups/{group}/providers/Microsoft\.Batch/batchAccounts/{account.Name}\S* -> 200 \(request id [0-9a-fA-F-]{{8,}}\)";
        Assert.Contains(result.VerboseTexts, line => System.Text.RegularExpressions.Regex.IsMatch(line, call));
        Assert.StartsWith("127.0.0.1:", authority);
        var text = result.AllText();
        Assert.DoesNotContain("eyJ", text);
        Assert.DoesNotContain("Bearer", text);
        Assert.DoesNotContain(fixture.Environment.ClientSecret, text);
    }

    [Fact]
    public void A_missing_environment_file_is_EnvironmentFileNotFound_with_the_path_as_target()
    {
        using var session = fixture.NewSession();
        var missing = Path.Combine(BuiltModule.TempFolder(), "missing.env.json");

        var failure = session.Invoke("Connect-BatchRotation", new Dictionary<string, object> { ["EnvironmentFile"] = missing }).Failure();

        Assert.Equal($"EnvironmentFileNotFound,{ConnectId}", failure.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, failure.CategoryInfo.Category);
        Assert.Equal(missing, failure.TargetObject);
        Assert.Contains("emulator", failure.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void A_malformed_environment_file_is_EnvironmentFileInvalid()
    {
        using var session = fixture.NewSession();
        var malformed = Path.Combine(BuiltModule.TempFolder(), "malformed.env.json");
        File.WriteAllText(malformed, "{ \"name\": \"BatchRotationEmulator\", ");

        var failure = session.Invoke("Connect-BatchRotation", new Dictionary<string, object> { ["EnvironmentFile"] = malformed }).Failure();

        Assert.Equal($"EnvironmentFileInvalid,{ConnectId}", failure.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, failure.CategoryInfo.Category);
    }

    [Fact]
    public void A_wrong_secret_is_AuthenticationFailed_and_shows_neither_secret_anywhere()
    {
        using var session = fixture.NewSession();
        var wrong = "Wrong~Secret." + Guid.NewGuid().ToString("N");
        var file = fixture.EnvironmentFileWith(("clientSecret", wrong));

        var result = session.Run("Connect-BatchRotation -EnvironmentFile $file -Verbose", ("file", file));
        var after = session.Run("(Get-BatchRotationContext).IsConnected").Succeeded();

        var failure = Assert.Single(result.AllErrors);
        Assert.Equal($"AuthenticationFailed,{ConnectId}", failure.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, failure.CategoryInfo.Category);
        Assert.Contains("AADSTS7000215", failure.Exception.Message);
        var text = result.AllText();
        Assert.DoesNotContain(wrong, text);
        Assert.DoesNotContain(fixture.Environment.ClientSecret, text);
        Assert.Equal([false], after.Objects);
    }

    [Fact]
    public void A_failed_Connect_ends_only_its_statement_unless_ErrorAction_is_Stop()
    {
        using var session = fixture.Connected();
        var missing = Path.Combine(BuiltModule.TempFolder(), "missing.env.json");

        var goesOn = session.Run("Connect-BatchRotation -EnvironmentFile $missing; 'after'", ("missing", missing));
        var caught = session.Run("try { Connect-BatchRotation -EnvironmentFile $missing -ErrorAction Stop; 'after' } catch { $_.FullyQualifiedErrorId }", ("missing", missing));
        var stopped = session.Run("$ErrorActionPreference = 'Stop'; Connect-BatchRotation -EnvironmentFile $missing; 'after'", ("missing", missing));
        var kept = session.Run("$ErrorActionPreference = 'Continue'; (Get-BatchRotationContext).AccountObjectId").Succeeded();

        Assert.Equal(["after"], goesOn.Objects);
        Assert.Equal($"EnvironmentFileNotFound,{ConnectId}", Assert.Single(goesOn.Errors).FullyQualifiedErrorId);
        Assert.Equal([$"EnvironmentFileNotFound,{ConnectId}"], caught.Objects);
        Assert.Empty(stopped.Objects);
        Assert.Equal($"EnvironmentFileNotFound,{ConnectId}", stopped.Failure().FullyQualifiedErrorId);
        Assert.Equal([fixture.Environment.PrincipalId], kept.Objects);
    }

    [Fact]
    public async Task A_non_terminating_error_stops_the_script_with_ErrorAction_Stop_or_the_preference()
    {
        var group = await fixture.ResourceGroupAsync();
        var account = await fixture.AccountAsync(group);
        using var session = fixture.Connected();
        (string, object?)[] names = [("group", group), ("account", account.Name)];

        var goesOn = session.Run("Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account -Name missing; 'after'", names);
        var byParameter = session.Run("Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account -Name missing -ErrorAction Stop; 'after'", names);
        var byPreference = session.Run("$ErrorActionPreference = 'Stop'; Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account -Name missing; 'after'", names);

        Assert.Equal(["after"], goesOn.Objects);
        Assert.Null(goesOn.Terminating);
        Assert.Equal($"PoolNotFound,{GetPoolId}", Assert.Single(goesOn.Errors).FullyQualifiedErrorId);
        foreach (var stopped in new[] { byParameter, byPreference })
        {
            Assert.Empty(stopped.Objects);
            Assert.IsType<ActionPreferenceStopException>(stopped.Terminating);
            Assert.Equal($"PoolNotFound,{GetPoolId}", stopped.Failure().FullyQualifiedErrorId);
            Assert.Equal($"{account.Id}/pools/missing", stopped.Failure().TargetObject);
        }
    }

    [Fact]
    public void Get_context_without_a_connection_says_what_the_cmdlets_will_use_without_failing()
    {
        using var session = fixture.NewSession();

        var context = session.Run("Get-BatchRotationContext -ErrorAction Stop").Single();

        Assert.Equal(false, context.Property("IsConnected"));
        Assert.Equal("Default", context.Text("SignInMethod"));
        Assert.Equal("AzureCloud", context.Text("Environment"));
        Assert.Contains("DefaultAzureCredential", context.Text("CredentialDescription"));
        Assert.Null(context.Text("Account"));
    }

    [Fact]
    public void Disconnect_forgets_the_sign_in_and_returns_it_with_PassThru_and_is_quiet_when_nothing_is_connected()
    {
        using var session = fixture.Connected();

        var forgotten = session.Run("Disconnect-BatchRotation -PassThru").Single();
        var after = session.Run("Get-BatchRotationContext").Single();
        var again = session.Run("Disconnect-BatchRotation -PassThru -ErrorAction Stop").Succeeded();

        Assert.Equal(fixture.Environment.PrincipalId, forgotten.Text("AccountObjectId"));
        Assert.Equal(false, after.Property("IsConnected"));
        Assert.Equal("Default", after.Text("SignInMethod"));
        Assert.Empty(again.Output);
    }

    [Fact]
    public async Task Two_runspaces_in_one_process_each_hold_and_use_their_own_sign_in()
    {
        var stranger = await fixture.Emulator.CreatePrincipalAsync("powershell tests: no roles");
        var group = await fixture.ResourceGroupAsync();
        var account = await fixture.AccountAsync(group);
        using var owner = fixture.Connected();
        using var other = fixture.Connected(fixture.EnvironmentFileFor(stranger));
        using var fresh = fixture.NewSession();
        const string script = "(Get-BatchRotationContext).AccountObjectId; Get-RotatingBatchPool -ResourceGroupName $group -AccountName $account";
        (string, object?)[] names = [("group", group), ("account", account.Name)];

        // Both at once, on two threads, as ForEach-Object -Parallel or two runbook jobs in one worker would.
        var results = await Task.WhenAll(Task.Run(() => owner.Run(script, names)), Task.Run(() => other.Run(script, names)));

        Assert.Equal([fixture.Environment.PrincipalId], results[0].Succeeded().Objects);
        Assert.Equal(stranger.PrincipalId, results[1].Objects.Single());
        var denied = Assert.Single(results[1].AllErrors);
        Assert.Equal($"AzurePermissionDenied,{GetPoolId}", denied.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, denied.CategoryInfo.Category);
        Assert.Contains(stranger.PrincipalId, denied.Exception.Message);
        Assert.Equal(false, fresh.Run("Get-BatchRotationContext").Single().Property("IsConnected"));
    }

    [Fact]
    public void The_sign_in_cmdlets_never_prompt_and_Disconnect_has_no_WhatIf()
    {
        using var session = fixture.NewSession();

        var parameters = session.Run("(Get-Command -Name Disconnect-BatchRotation).Parameters.Keys").Succeeded().Objects;

        Assert.DoesNotContain("WhatIf", parameters);
        Assert.DoesNotContain("Confirm", parameters);
    }
}
