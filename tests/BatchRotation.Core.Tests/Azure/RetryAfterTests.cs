using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Tests.Azure;

public class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static Func<string, string?> Headers(params (string Name, string Value)[] headers) =>
        name => headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    [Fact]
    public void ReadsSeconds() => Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.Parse(Headers(("Retry-After", "7")), Now));

    [Fact]
    public void ReadsAnHttpDate() =>
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Parse(Headers(("Retry-After", "Wed, 01 Jan 2025 12:00:30 GMT")), Now));

    [Fact]
    public void APastDateMeansNoWait() =>
        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse(Headers(("Retry-After", "Wed, 01 Jan 2025 11:00:00 GMT")), Now));

    [Fact]
    public void MillisecondHeadersWin() =>
        Assert.Equal(TimeSpan.FromMilliseconds(250), RetryAfter.Parse(Headers(("Retry-After", "9"), ("x-ms-retry-after-ms", "250")), Now));

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("")]
    public void UnreadableValuesMeanNothing(string value) => Assert.Null(RetryAfter.Parse(Headers(("Retry-After", value)), Now));

    [Fact]
    public void NoHeaderMeansNothing() => Assert.Null(RetryAfter.Parse(Headers(), Now));
}
