// Core's netstandard2.0 polyfill of NotNullWhenAttribute is visible here (InternalsVisibleTo) and clashes with
// the framework's, so the overrides below cannot carry the attribute; their nullability matches Azure.Core's anyway.
#pragma warning disable CS8765
using System.Text;
using Azure;
using Azure.Core;

namespace BatchRotation.Core.Tests.Azure.Fakes;

/// <summary>An in-memory Azure.Core response.</summary>
internal sealed class FakeResponse : Response
{
    private readonly List<KeyValuePair<string, string>> _headers = new();

    public FakeResponse(int status, string? body = null, params (string Name, string Value)[] headers)
    {
        Status = status;
        ContentStream = new MemoryStream(Encoding.UTF8.GetBytes(body ?? string.Empty));
        foreach (var (name, value) in headers)
        {
            _headers.Add(new KeyValuePair<string, string>(name, value));
        }

        if (body != null && !headers.Any(h => string.Equals(h.Name, "Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            _headers.Add(new KeyValuePair<string, string>("Content-Type", "application/json; charset=utf-8"));
        }
    }

    public override int Status { get; }

    public override string ReasonPhrase => Status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = string.Empty;

    protected override bool TryGetHeader(string name, out string? value)
    {
        var values = _headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        value = values.Count == 0 ? null : string.Join(",", values);
        return value != null;
    }

    protected override bool TryGetHeaderValues(string name, out IEnumerable<string>? values)
    {
        var found = _headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        values = found.Count == 0 ? null : found;
        return values != null;
    }

    protected override bool ContainsHeader(string name) => _headers.Any(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value)).ToList();

    public override void Dispose()
    {
    }
}
