using System.Collections.Generic;

namespace BatchRotation.Core.Rules
{
    /// <summary>
    /// One access policy of a vault. A policy with an <see cref="ApplicationId"/> is a compound identity: it
    /// applies only when that application acts for the principal, never to the principal alone.
    /// </summary>
    public sealed record AccessPolicyEntry(
        string TenantId,
        string ObjectId,
        IReadOnlyList<string> Secrets,
        IReadOnlyList<string> Certificates,
        IReadOnlyList<string> Keys)
    {
        public string? ApplicationId { get; init; }
    }
}
