using System;

namespace BatchRotation.Core.Azure.SignIn
{
    /// <summary>
    /// Who a token names, read from its claims after a successful sign-in (informational: the token's signature
    /// is the service's business, not ours).
    /// </summary>
    public sealed record SignedInIdentity(string? TenantId, string? ObjectId, string? ApplicationId, string? UserName, DateTimeOffset ExpiresOn);
}
