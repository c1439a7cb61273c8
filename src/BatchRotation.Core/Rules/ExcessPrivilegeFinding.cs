using System.Collections.Generic;

namespace BatchRotation.Core.Rules
{
    /// <summary>More access than the pool identity needs: what, where it comes from, and the permissions at fault.</summary>
    public sealed record ExcessPrivilegeFinding(ExcessPrivilegeKind Kind, string Source, IReadOnlyList<string> Permissions, string Message);
}
