using BatchRotation.Commands.Tests.Support;

namespace BatchRotation.Commands.Tests;

/// <summary>The manifest tests are only as good as the parser: it must read the subset and refuse the rest.</summary>
public class Psd1ParserTests
{
    [Fact]
    public void It_reads_strings_arrays_nested_tables_and_literals()
    {
        var table = Psd1Parser.ParseHashtable("""
            # comment
            @{
                A = 'it''s'   # trailing comment
                B = @('x', 'y'
                      'z')
                C = @()
                D = @{ E = $true; F = $null }
                <# block #>
                "G" = "plain"
                H = 5.1
            }
            """);
        Assert.Equal("it's", table["A"]);
        Assert.Equal(new object?[] { "x", "y", "z" }, (List<object?>)table["B"]!);
        Assert.Empty((List<object?>)table["C"]!);
        var d = (Dictionary<string, object?>)table["D"]!;
        Assert.Equal(true, d["E"]);
        Assert.Null(d["F"]);
        Assert.Equal("plain", table["g"]);
        Assert.Equal(5.1m, table["H"]);
    }

    [Theory]
    [InlineData("@{ A = $env:X }")]
    [InlineData("@{ A = \"$x\" }")]
    [InlineData("@{ A = 'x' 'y' }")]
    [InlineData("@{ A = 'x'\n A = 'y' }")]
    [InlineData("@{ A = @('x' 'y') }")]
    [InlineData("@{ A = 'x' } @{}")]
    [InlineData("@{ A = Get-Date }")]
    [InlineData("@{ A = 'unterminated }")]
    public void It_refuses_what_it_does_not_understand(string text)
    {
        Assert.Throws<FormatException>(() => Psd1Parser.ParseHashtable(text));
    }
}
