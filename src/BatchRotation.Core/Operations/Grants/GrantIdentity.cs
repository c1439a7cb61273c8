namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>The identity being granted, as Azure reports it.</summary>
    internal sealed record GrantIdentity(string ResourceId, string Name, string PrincipalId, string? ClientId, string? TenantId)
    {
        public string Describe() => $"identity '{Name}' (principal {PrincipalId})";
    }
}
