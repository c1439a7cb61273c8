using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Tests.Rules;

public class ActionPatternTests
{
    [Theory]
    [InlineData("*", "Microsoft.KeyVault/vaults/secrets/getSecret/action", true)]
    [InlineData("Microsoft.KeyVault/vaults/*", "Microsoft.KeyVault/vaults/secrets/getSecret/action", true)]
    [InlineData("Microsoft.KeyVault/vaults/secrets/*", "Microsoft.KeyVault/vaults/secrets/getSecret/action", true)]
    [InlineData("microsoft.keyvault/VAULTS/secrets/GETSECRET/action", "Microsoft.KeyVault/vaults/secrets/getSecret/action", true)]
    [InlineData("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/secrets/read", true)]
    [InlineData("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/secrets/getSecret/action", false)]
    [InlineData("Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/vaults/read", false)]
    [InlineData("*/read", "Microsoft.KeyVault/vaults/read", true)]
    [InlineData("Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/getSecret/action", true)]
    [InlineData("Microsoft.KeyVault/vaults/secrets/getSecret", "Microsoft.KeyVault/vaults/secrets/getSecret/action", false)]
    [InlineData("Microsoft.KeyVault/vaults/secrets/getSecret/action/x", "Microsoft.KeyVault/vaults/secrets/getSecret/action", false)]
    [InlineData("Microsoft.KeyVault/vaults/keys/*", "Microsoft.KeyVault/vaults/secrets/getSecret/action", false)]
    [InlineData("Microsoft.*/vaults/*/get*/action", "Microsoft.KeyVault/vaults/secrets/getSecret/action", true)]
    [InlineData("**", "x", true)]
    [InlineData("", "x", false)]
    [InlineData("", "", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("a*bc", "abcbc", true)]
    public void Wildcards_match_case_insensitively_anywhere(string pattern, string action, bool expected)
    {
        Assert.Equal(expected, ActionPattern.Matches(pattern, action));
    }

    [Fact]
    public void Not_actions_subtract_from_actions()
    {
        var allowed = new[] { "*" };
        var excluded = new[] { "Microsoft.Authorization/*/Write" };
        Assert.True(ActionPattern.IsPermitted(allowed, excluded, "Microsoft.KeyVault/vaults/write"));
        Assert.False(ActionPattern.IsPermitted(allowed, excluded, "Microsoft.Authorization/roleAssignments/write"));
        Assert.False(ActionPattern.IsPermitted(null, null, "x"));
        Assert.True(ActionPattern.IsPermitted(new[] { "x" }, null, "X"));
    }
}
