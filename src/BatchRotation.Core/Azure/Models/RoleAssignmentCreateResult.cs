using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>What creating a role assignment did.</summary>
    public enum RoleAssignmentOutcome
    {
        /// <summary>A new assignment was created.</summary>
        Created,

        /// <summary>The same principal already had this role at this scope (409 RoleAssignmentExists); nothing changed.</summary>
        AlreadyExists,
    }

    /// <summary>The result of creating a role assignment: created (with the new assignment) or already present.</summary>
    public sealed record RoleAssignmentCreateResult(RoleAssignmentOutcome Outcome, RoleAssignment? Assignment);
}
