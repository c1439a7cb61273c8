using System.Collections.Generic;

namespace BatchRotation.Core.Rules
{
    /// <summary>What to add so a principal can read the secrets, and what each secret's access is now.</summary>
    public sealed record GrantPlan(
        AccessPolicyAddition? AccessPolicyAddition,
        IReadOnlyList<RoleAssignmentToCreate> RoleAssignments,
        IReadOnlyDictionary<string, SecretAccessResult> CurrentAccess)
    {
        public bool NothingToDo => AccessPolicyAddition == null && RoleAssignments.Count == 0;
    }
}
