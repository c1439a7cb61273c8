using System.Globalization;

namespace BatchRotation.Emulator.Batch;

/// <summary>Thrown for a <c>$filter</c> the service cannot parse; the message is the reason.</summary>
public sealed class ODataFilterException(string message) : Exception(message);

/// <summary>
/// The subset of OData <c>$filter</c> that Batch lists accept: comparisons (<c>eq ne gt ge lt le</c>) of a
/// property path with a string, number, boolean or <c>datetime'…'</c> literal, <c>startswith(path,'x')</c>,
/// <c>and</c>, <c>or</c>, <c>not</c> and parentheses. String equality ignores case, as the service does.
/// </summary>
public sealed class ODataFilter
{
    private readonly Func<Func<string, string?>, bool> _predicate;

    private ODataFilter(Func<Func<string, string?>, bool> predicate) => _predicate = predicate;

    /// <summary>True when the item (its property values by path) matches.</summary>
    public bool Matches(Func<string, string?> property) => _predicate(property);

    public static ODataFilter Parse(string text)
    {
        var parser = new Parser(text);
        var predicate = parser.ParseOr();
        parser.SkipSpace();
        if (!parser.AtEnd) throw new ODataFilterException($"Unexpected text at position {parser.Position}.");
        return new ODataFilter(predicate);
    }

    private sealed class Parser(string text)
    {
        private int _position;

        public int Position => _position;

        public bool AtEnd => _position >= text.Length;

        public void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position])) _position++;
        }

        public Func<Func<string, string?>, bool> ParseOr()
        {
            var left = ParseAnd();
            while (TryKeyword("or"))
            {
                var right = ParseAnd();
                var l = left;
                left = p => l(p) || right(p);
            }
            return left;
        }

        private Func<Func<string, string?>, bool> ParseAnd()
        {
            var left = ParseNot();
            while (TryKeyword("and"))
            {
                var right = ParseNot();
                var l = left;
                left = p => l(p) && right(p);
            }
            return left;
        }

        private Func<Func<string, string?>, bool> ParseNot()
        {
            if (TryKeyword("not"))
            {
                var inner = ParseNot();
                return p => !inner(p);
            }
            return ParsePrimary();
        }

        private Func<Func<string, string?>, bool> ParsePrimary()
        {
            SkipSpace();
            if (TryChar('('))
            {
                var inner = ParseOr();
                Expect(')');
                return inner;
            }
            var identifier = ReadPath();
            SkipSpace();
            if (identifier.Equals("startswith", StringComparison.OrdinalIgnoreCase) && TryChar('('))
            {
                var path = ReadPath();
                Expect(',');
                var prefix = ReadLiteral();
                Expect(')');
                return p => p(path) is { } value && value.StartsWith(prefix.Text, StringComparison.OrdinalIgnoreCase);
            }
            var op = ReadWord().ToLowerInvariant();
            if (op is not ("eq" or "ne" or "gt" or "ge" or "lt" or "le"))
                throw new ODataFilterException($"Unsupported operator '{op}' at position {_position}.");
            var literal = ReadLiteral();
            return p => Compare(p(identifier), op, literal);
        }

        private static bool Compare(string? value, string op, Literal literal)
        {
            if (op is "eq") return Equal(value, literal);
            if (op is "ne") return !Equal(value, literal);
            if (value is null) return false;
            int order;
            if (literal.Kind == 'd' && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var left)
                && DateTimeOffset.TryParse(literal.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var right))
                order = left.CompareTo(right);
            else if (literal.Kind == 'n' && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                     && double.TryParse(literal.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
                order = a.CompareTo(b);
            else
                order = string.Compare(value, literal.Text, StringComparison.OrdinalIgnoreCase);
            return op switch
            {
                "gt" => order > 0,
                "ge" => order >= 0,
                "lt" => order < 0,
                _ => order <= 0,
            };
        }

        private static bool Equal(string? value, Literal literal)
        {
            if (value is null) return literal.Kind == 'z';
            if (literal.Kind == 'd'
                && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var left)
                && DateTimeOffset.TryParse(literal.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var right))
                return left == right;
            return string.Equals(value, literal.Text, StringComparison.OrdinalIgnoreCase);
        }

        private readonly record struct Literal(char Kind, string Text);

        private Literal ReadLiteral()
        {
            SkipSpace();
            if (TryChar('\''))
            {
                var builder = new System.Text.StringBuilder();
                while (true)
                {
                    if (AtEnd) throw new ODataFilterException("Unterminated string literal.");
                    var c = text[_position++];
                    if (c == '\'')
                    {
                        if (!AtEnd && text[_position] == '\'') { builder.Append('\''); _position++; continue; }
                        break;
                    }
                    builder.Append(c);
                }
                return new Literal('s', builder.ToString());
            }
            var word = ReadWord();
            if (word.Equals("datetime", StringComparison.OrdinalIgnoreCase) && !AtEnd && text[_position] == '\'')
            {
                return new Literal('d', ReadLiteral().Text);
            }
            if (word.Equals("null", StringComparison.OrdinalIgnoreCase)) return new Literal('z', "");
            if (word.Equals("true", StringComparison.OrdinalIgnoreCase) || word.Equals("false", StringComparison.OrdinalIgnoreCase))
                return new Literal('b', word.ToLowerInvariant());
            if (double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return new Literal('n', word);
            throw new ODataFilterException($"Invalid literal '{word}' at position {_position}.");
        }

        private string ReadPath()
        {
            SkipSpace();
            var start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] is '/' or '_' or '.')) _position++;
            if (_position == start) throw new ODataFilterException($"Expected a property name at position {_position}.");
            return text[start.._position];
        }

        private string ReadWord()
        {
            SkipSpace();
            var start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] is '.' or '-' or '+' or ':')) _position++;
            if (_position == start) throw new ODataFilterException($"Expected a word at position {_position}.");
            return text[start.._position];
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpace();
            if (_position + keyword.Length > text.Length) return false;
            if (!text.AsSpan(_position, keyword.Length).Equals(keyword, StringComparison.OrdinalIgnoreCase)) return false;
            var after = _position + keyword.Length;
            if (after < text.Length && (char.IsLetterOrDigit(text[after]) || text[after] == '_')) return false;
            if (after < text.Length && text[after] != ' ' && text[after] != '(') return false;
            _position = after;
            return true;
        }

        private bool TryChar(char c)
        {
            SkipSpace();
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }
            return false;
        }

        private void Expect(char c)
        {
            if (!TryChar(c)) throw new ODataFilterException($"Expected '{c}' at position {_position}.");
        }
    }
}
