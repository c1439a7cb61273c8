using Azure.Core;

namespace BatchRotation.Core.Tests.Azure.Fakes;

/// <summary>A credential that hands out a fixed token and records the scopes asked for.</summary>
internal sealed class FakeCredential : TokenCredential
{
    public FakeCredential(string token = FakeCredential.Token) => TokenValue = token;

    /// <summary>A JWT-looking token (header.payload.signature) naming tenant, object and app ids.</summary>
    public const string Token =
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9." +
        "eyJ0aWQiOiIxMTExMTExMS0xMTExLTExMTEtMTExMS0xMTExMTExMTExMTEiLCJvaWQiOiIyMjIyMjIyMi0yMjIyLTIyMjItMjIyMi0yMjIyMjIyMjIyMjIiLCJhcHBpZCI6IjMzMzMzMzMzLTMzMzMtMzMzMy0zMzMzLTMzMzMzMzMzMzMzMyJ9." +
        "c2lnbmF0dXJlLWJ5dGVz";

    public string TokenValue { get; }

    public List<string> Scopes { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (Scopes)
        {
            Scopes.AddRange(requestContext.Scopes);
        }

        return new AccessToken(TokenValue, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}

/// <summary>A credential that always fails with the given exception.</summary>
internal sealed class FailingCredential : TokenCredential
{
    private readonly Exception _exception;

    public FailingCredential(Exception exception) => _exception = exception;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw _exception;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw _exception;
}
