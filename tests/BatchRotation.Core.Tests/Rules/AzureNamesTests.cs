using BatchRotation.Core.Rules;
using BatchRotation.Core.Tests.Rules.TestSupport;

namespace BatchRotation.Core.Tests.Rules;

public class AzureNamesTests
{
    [Theory]
    [InlineData("p", true)]
    [InlineData("Pool_1-a", true)]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123", true)]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234", false)]
    [InlineData("", false)]
    [InlineData("pool.1", false)]
    [InlineData("pool 1", false)]
    [InlineData(null, false)]
    public void Pool_names(string? name, bool valid)
    {
        Assert.Equal(valid, AzureNames.IsValidPoolName(name));
        if (!valid)
        {
            var error = Expect.Error(RuleErrorIds.InvalidPoolName, () => AzureNames.ValidatePoolName(name));
            Assert.Equal($"'{name}' is not a valid Batch pool name: use 1 to 64 letters, digits, hyphens and underscores.", error.Message);
        }
        else
        {
            AzureNames.ValidatePoolName(name);
        }
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("batch2024account", true)]
    [InlineData("abcdefghijklmnopqrstuvwx", true)]
    [InlineData("abcdefghijklmnopqrstuvwxy", false)]
    [InlineData("ab", false)]
    [InlineData("Batch", false)]
    [InlineData("my-batch", false)]
    [InlineData(null, false)]
    public void Batch_account_names(string? name, bool valid)
    {
        Assert.Equal(valid, AzureNames.IsValidBatchAccountName(name));
        if (!valid)
        {
            var error = Expect.Error(RuleErrorIds.InvalidBatchAccountName, () => AzureNames.ValidateBatchAccountName(name));
            Assert.Equal($"'{name}' is not a valid Batch account name: use 3 to 24 lower-case letters and digits.", error.Message);
        }
    }

    [Theory]
    [InlineData("rg", true)]
    [InlineData("My_RG-(test).1", true)]
    [InlineData("rgé", true)]
    [InlineData("rg.", false)]
    [InlineData("rg 1", false)]
    [InlineData("rg/1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Resource_group_names(string? name, bool valid)
    {
        Assert.Equal(valid, AzureNames.IsValidResourceGroupName(name));
        if (!valid)
        {
            Expect.Error(RuleErrorIds.InvalidResourceGroupName, () => AzureNames.ValidateResourceGroupName(name));
        }
    }

    [Fact]
    public void Resource_group_names_are_at_most_90_characters()
    {
        Assert.True(AzureNames.IsValidResourceGroupName(new string('a', 90)));
        Assert.False(AzureNames.IsValidResourceGroupName(new string('a', 91)));
    }

    [Theory]
    [InlineData("kv1", true)]
    [InlineData("my-Vault-2", true)]
    [InlineData("kv", false)]
    [InlineData("my_vault", false)]
    [InlineData("abcdefghijklmnopqrstuvwxy", false)]
    public void Key_vault_names(string name, bool valid)
    {
        Assert.Equal(valid, AzureNames.IsValidKeyVaultName(name));
    }
}
