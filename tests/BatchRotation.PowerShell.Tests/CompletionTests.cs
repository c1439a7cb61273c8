using BatchRotation.PowerShell.Tests.Infrastructure;

namespace BatchRotation.PowerShell.Tests;

/// <summary>Tab completion as a console asks for it (TabExpansion2), with the module's argument completers running in the engine.</summary>
public sealed class CompletionTests
{
    [Theory]
    [InlineData("Connect-BatchRotation -Environment Azure", new[] { "AzureChinaCloud", "AzureCloud", "AzureUSGovernment" })]
    [InlineData("New-RotatingBatchPool -Image Win", new[] { "WindowsServer2019", "WindowsServer2022", "WindowsServer2025" })]
    [InlineData("New-RotatingBatchPool -Image WindowsServer2022 -ExtensionVersion ", new[] { "1.0", "3.0", "4.0" })]
    [InlineData("New-RotatingBatchPool -Image Ubuntu2404 -ExtensionVersion ", new[] { "1.0", "2.0", "3.0" })]
    [InlineData("New-RotatingBatchPool -CertificateStoreName W", new[] { "WebHosting" })]
    [InlineData("New-RotatingBatchPool -VmSize Standard_D2s_", new[] { "Standard_D2s_v3", "Standard_D2s_v5" })]
    public void Completes_the_values_that_fit_what_was_typed(string line, string[] expected)
    {
        using var session = PowerShellSession.Start();

        var completions = session.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object CompletionText", ("line", line))
            .Succeeded().Objects;

        Assert.Equal(expected, completions.Select(c => c.ToString()).Order(StringComparer.Ordinal));
    }

}
