using BatchRotation.Commands.Infrastructure;

namespace BatchRotation.Commands.Tests;

public class CompletionHelperTests
{
    [Fact]
    public void Candidates_are_filtered_by_prefix_deduplicated_and_sorted()
    {
        var result = CompletionHelper.Filter(new[] { "pool-b", "Pool-a", "other", "pool-A", "" }, "'po");
        Assert.Equal(new[] { "Pool-a", "pool-b" }, result);
        Assert.Equal(3, CompletionHelper.Filter(new[] { "a", "b", "c" }, null).Count());
    }

    [Theory]
    [InlineData("pool-1", "pool-1")]
    [InlineData("https://v.vault.azure.net/secrets/c", "https://v.vault.azure.net/secrets/c")]
    [InlineData("my pool", "'my pool'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("-dash", "'-dash'")]
    [InlineData("$x", "'$x'")]
    public void Values_are_quoted_only_when_PowerShell_needs_it(string value, string expected)
    {
        Assert.Equal(expected, CompletionHelper.Quote(value));
    }
}
