namespace BatchRotation.Emulator.Identity;

public enum PrincipalKind
{
    ServicePrincipal,
    ManagedIdentity,
}

/// <summary>
/// A directory object that can sign in: a service principal (client id + secret) or the service
/// principal behind a user-assigned managed identity (tokens only from inside a node).
/// </summary>
public sealed class Principal
{
    public required string PrincipalId { get; init; }
    public required string ClientId { get; init; }
    public required string TenantId { get; init; }
    public required string DisplayName { get; init; }
    public PrincipalKind Kind { get; init; }

    /// <summary>The client secret of a service principal; null for managed identities.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>For a managed identity: the resource id of the user-assigned identity.</summary>
    public string? ManagedIdentityResourceId { get; init; }
}

/// <summary>The authenticated caller of one request, from its bearer token.</summary>
public sealed record Caller(string PrincipalId, string TenantId, string ClientId, string Audience);
