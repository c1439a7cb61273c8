// Core's netstandard2.0 polyfill of NotNullWhenAttribute is visible here (InternalsVisibleTo) and clashes with
// the framework's, so the overrides below cannot carry the attribute; their nullability matches Azure.Core's anyway.
#pragma warning disable CS8765
using Azure.Core;

namespace BatchRotation.Core.Tests.Azure.Fakes;

/// <summary>An in-memory Azure.Core request.</summary>
internal sealed class FakeRequest : Request
{
    private readonly List<KeyValuePair<string, string>> _headers = new();

    public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

    protected override void AddHeader(string name, string value) => _headers.Add(new KeyValuePair<string, string>(name, value));

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

    protected override bool RemoveHeader(string name) => _headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)) > 0;

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value)).ToList();

    public override void Dispose()
    {
    }
}
