using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations.Pools;

namespace BatchRotation.Core.Tests.Operations.Pools;

public sealed class PoolNamePatternTests
{
    [Theory]
    [InlineData("web-*", "web-eu", true)]
    [InlineData("web-*", "WEB-us", true)]
    [InlineData("web-*", "api", false)]
    [InlineData("w?b", "web", true)]
    [InlineData("w?b", "weeb", false)]
    [InlineData("pool[12]", "pool2", true)]
    [InlineData("pool[1-3]", "pool3", true)]
    [InlineData("pool[1-3]", "pool4", false)]
    [InlineData("a`*b", "a*b", true)]
    [InlineData("a`*b", "axb", false)]
    [InlineData("web.1", "webx1", false)]
    public void Matches_like_PowerShell_wildcards_without_regard_to_case(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, PoolNamePattern.Parse(pattern).IsMatch(name));
    }

    [Fact]
    public void A_name_without_wildcards_is_a_literal_with_escapes_removed()
    {
        Assert.Equal("web", PoolNamePattern.Parse("web").Literal);
        Assert.Equal("a*b", PoolNamePattern.Parse("a`*b").Literal);
        Assert.True(PoolNamePattern.Parse("web*").IsWildcard);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pool[1")]
    [InlineData("pool[]")]
    public void A_malformed_pattern_is_refused(string pattern)
    {
        var failure = Assert.Throws<BatchRotationException>(() => PoolNamePattern.Parse(pattern));
        Assert.Equal(PoolErrorIds.InvalidPoolNamePattern, failure.ErrorId);
    }
}
