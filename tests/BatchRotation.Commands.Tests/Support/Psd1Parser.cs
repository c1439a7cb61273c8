using System.Globalization;
using System.Text;

namespace BatchRotation.Commands.Tests.Support;

/// <summary>
/// A parser for the subset of PowerShell data-file syntax that BatchRotation.psd1 uses: one hashtable
/// <c>@{ key = value }</c> whose values are single- or double-quoted strings (no interpolation),
/// arrays <c>@( ... )</c>, nested hashtables, <c>$true</c>/<c>$false</c>/<c>$null</c> and numbers;
/// entries separated by new lines or ';', array items by ',' or new lines; <c>#</c> and <c>&lt;# #&gt;</c>
/// comments. Anything else (expressions, variables, here-strings, a second top-level value) is
/// rejected with an exception, so a test never passes on a manifest it could not read. It does not
/// prove that PowerShell accepts the file: Module.Tests.ps1 does that in a real PowerShell.
/// </summary>
internal sealed class Psd1Parser
{
    private readonly string _text;
    private int _pos;

    private Psd1Parser(string text) => _text = text;

    public static Dictionary<string, object?> ParseHashtable(string text)
    {
        var parser = new Psd1Parser(text);
        parser.SkipTrivia(newlines: true);
        var result = parser.ReadHashtable();
        parser.SkipTrivia(newlines: true);
        if (parser._pos != text.Length)
        {
            throw parser.Error("text after the top-level hashtable");
        }

        return result;
    }

    private Dictionary<string, object?> ReadHashtable()
    {
        Expect("@{");
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipTrivia(newlines: true);
            if (TryConsume("}"))
            {
                return table;
            }

            string key = Peek() is '\'' or '"' ? ReadString() : ReadBareword();
            SkipTrivia(newlines: false);
            Expect("=");
            SkipTrivia(newlines: true);
            object? value = ReadValue();
            if (!table.TryAdd(key, value))
            {
                throw Error($"duplicate key '{key}'");
            }

            SkipTrivia(newlines: false);
            if (!(TryConsume(";") || TryConsume("\n") || Peek() == '}'))
            {
                throw Error("expected a new line, ';' or '}' after a value");
            }
        }
    }

    private List<object?> ReadArray()
    {
        Expect("@(");
        var items = new List<object?>();
        bool needSeparator = false;
        while (true)
        {
            SkipTrivia(newlines: true);
            if (TryConsume(")"))
            {
                return items;
            }

            if (needSeparator && !TryConsume(","))
            {
                // A new line also separates items; SkipTrivia consumed it, so accept the next value.
                if (!_lastSkipSawNewline)
                {
                    throw Error("expected ',' between array items");
                }
            }

            SkipTrivia(newlines: true);
            items.Add(ReadValue());
            needSeparator = true;
        }
    }

    private object? ReadValue()
    {
        char c = Peek();
        if (c is '\'' or '"')
        {
            return ReadString();
        }

        if (Lookahead("@{"))
        {
            return ReadHashtable();
        }

        if (Lookahead("@("))
        {
            return ReadArray();
        }

        if (c == '$')
        {
            _pos++;
            string name = ReadBareword();
            return name.ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                "null" => null,
                _ => throw Error($"variable ${name} is not allowed in a data file"),
            };
        }

        string word = ReadBareword();
        return decimal.TryParse(word, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error($"bare word '{word}' is not a value");
    }

    private string ReadString()
    {
        char quote = _text[_pos++];
        var value = new StringBuilder();
        while (_pos < _text.Length)
        {
            char c = _text[_pos++];
            if (c == quote)
            {
                if (_pos < _text.Length && _text[_pos] == quote)
                {
                    value.Append(quote); // '' or "" inside the string
                    _pos++;
                    continue;
                }

                return value.ToString();
            }

            if (quote == '"' && (c == '$' || c == '`'))
            {
                throw Error("double-quoted strings with $ or ` are not supported");
            }

            value.Append(c);
        }

        throw Error("unterminated string");
    }

    private string ReadBareword()
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.' or '-'))
        {
            _pos++;
        }

        return _pos > start ? _text.Substring(start, _pos - start) : throw Error("expected a name or a value");
    }

    private bool _lastSkipSawNewline;

    private void SkipTrivia(bool newlines)
    {
        _lastSkipSawNewline = false;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\n' && newlines)
            {
                _lastSkipSawNewline = true;
                _pos++;
            }
            else if (c is ' ' or '\t' or '\r' or '\uFEFF')
            {
                _pos++;
            }
            else if (Lookahead("<#"))
            {
                int end = _text.IndexOf("#>", _pos + 2, StringComparison.Ordinal);
                _pos = end < 0 ? throw Error("unterminated block comment") : end + 2;
            }
            else if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private bool Lookahead(string token) => string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

    private bool TryConsume(string token)
    {
        if (Lookahead(token))
        {
            _pos += token.Length;
            return true;
        }

        return false;
    }

    private void Expect(string token)
    {
        if (!TryConsume(token))
        {
            throw Error($"expected '{token}'");
        }
    }

    private FormatException Error(string what)
    {
        int line = 1 + _text.Take(_pos).Count(c => c == '\n');
        return new FormatException($"psd1 line {line}: {what}.");
    }
}
