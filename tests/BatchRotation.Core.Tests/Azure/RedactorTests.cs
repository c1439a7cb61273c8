using BatchRotation.Core.Azure;

namespace BatchRotation.Core.Tests.Azure;

public class RedactorTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJhYmMiLCJvaWQiOiJkZWYifQ.c2lnbmF0dXJl";

    [Fact]
    public void MasksBearerTokens()
    {
        var text = Redactor.Default.Redact("Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789");
        Assert.Equal("Authorization: Bearer ***", text);
    }

    [Fact]
    public void MasksJwtLookingStringsAnywhere()
    {
        var text = Redactor.Default.Redact($"token was {Jwt} in the log");
        Assert.Equal("token was *** in the log", text);
    }

    [Theory]
    [InlineData("grant_type=client_credentials&client_secret=s3cr3t-Value&scope=x", "grant_type=client_credentials&client_secret=***&scope=x")]
    [InlineData("https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=AbC%2Bdef%3D&se=2030", "https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=***&se=2030")]
    [InlineData("access_token=xyz123&refresh_token=abc987", "access_token=***&refresh_token=***")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zm9vYmFy==;", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=***;")]
    public void MasksSecretParameters(string input, string expected) =>
        Assert.Equal(expected, Redactor.Default.Redact(input));

    [Fact]
    public void MasksSecretJsonProperties()
    {
        var text = Redactor.Default.Redact("{\"clientId\":\"abc\",\"clientSecret\":\"p@ss\\\"word\",\"access_token\":\"t\"}");
        Assert.Equal("{\"clientId\":\"abc\",\"clientSecret\":\"***\",\"access_token\":\"***\"}", text);
    }

    [Fact]
    public void MasksKnownSecretsVerbatimAndUrlEscaped()
    {
        var redactor = new Redactor(new[] { "Pl4in+Secret/Value" });
        Assert.Equal("a *** b", redactor.Redact("a Pl4in+Secret/Value b"));
        Assert.Equal("x=***", redactor.Redact("x=" + Uri.EscapeDataString("Pl4in+Secret/Value")));
    }

    [Fact]
    public void WithSecretAddsToTheKnownOnes()
    {
        var redactor = Redactor.Default.WithSecret("first-secret").WithSecret("second-secret");
        Assert.Equal(2, redactor.KnownSecretCount);
        Assert.Equal("*** and ***", redactor.Redact("first-secret and second-secret"));
        Assert.Equal(0, Redactor.Default.KnownSecretCount);
    }

    [Fact]
    public void IgnoresTooShortKnownSecretsAndNulls()
    {
        var redactor = new Redactor(new[] { "ab", null, "" });
        Assert.Equal(0, redactor.KnownSecretCount);
        Assert.Equal("ab cd", redactor.Redact("ab cd"));
    }

    [Theory]
    [InlineData("The SKU Basic tier is not supported.")]
    [InlineData("GET https://management.azure.com/subscriptions/x?api-version=2025-06-01&$skiptoken=abc -> 200")]
    [InlineData("Pool 'pool1' was not found. Code: PoolNotFound")]
    [InlineData("WWW-Authenticate: Bearer authorization=\"https://login.windows.net/t\", resource=\"https://vault.azure.net\"")]
    public void LeavesOrdinaryTextAlone(string text) => Assert.Equal(text, Redactor.Default.Redact(text));

    [Fact]
    public void NullAndEmptyStayAsTheyAre()
    {
        Assert.Null(Redactor.Default.Redact(null));
        Assert.Equal(string.Empty, Redactor.Default.Redact(string.Empty));
    }
}
