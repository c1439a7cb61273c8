using System.Collections.Generic;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>One vault's entry, with the certificates whose access it covers and those that failed.</summary>
    internal sealed record VaultOutcome(VaultAccessGrant Entry, IReadOnlyList<CertificateUrl> Covered, IReadOnlyList<CertificateUrl> Failed);
}
