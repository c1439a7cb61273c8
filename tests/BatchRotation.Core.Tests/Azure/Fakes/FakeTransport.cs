using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BatchRotation.Core.Tests.Azure.Fakes;

/// <summary>A request as the transport saw it.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public override string ToString() => $"{Method} {Uri}";
}

/// <summary>
/// An Azure.Core transport that answers from a queue of responders (in order) and records every request.
/// A responder may throw to simulate a dropped connection. An unexpected request fails the test.
/// </summary>
internal sealed class FakeTransport : HttpPipelineTransport
{
    private readonly Queue<Func<RecordedRequest, FakeResponse>> _responders = new();
    private readonly object _gate = new();

    public List<RecordedRequest> Requests { get; } = new();

    public FakeTransport Respond(Func<RecordedRequest, FakeResponse> responder)
    {
        lock (_gate)
        {
            _responders.Enqueue(responder);
        }

        return this;
    }

    public FakeTransport Respond(int status, string? body = null, params (string Name, string Value)[] headers) =>
        Respond(_ => new FakeResponse(status, body, headers));

    public FakeTransport Drop(string message = "Connection reset by peer") =>
        Respond(_ => throw new IOException(message));

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _responders.Count;
            }
        }
    }

    public override Request CreateRequest() => new FakeRequest();

    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message)
    {
        var request = message.Request;
        string? body = null;
        if (request.Content != null)
        {
            using var stream = new MemoryStream();
            request.Content.WriteTo(stream, CancellationToken.None);
            body = Encoding.UTF8.GetString(stream.ToArray());
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Name] = header.Value;
        }

        var recorded = new RecordedRequest(request.Method.Method, request.Uri.ToUri(), headers, body);
        Func<RecordedRequest, FakeResponse> responder;
        lock (_gate)
        {
            Requests.Add(recorded);
            if (_responders.Count == 0)
            {
                throw new InvalidOperationException($"Unexpected request: {recorded}");
            }

            responder = _responders.Dequeue();
        }

        message.Response = responder(recorded);
        return default;
    }
}
