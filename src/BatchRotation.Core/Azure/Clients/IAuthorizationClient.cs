using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>Azure RBAC role assignments and definitions (Microsoft.Authorization).</summary>
    public interface IAuthorizationClient
    {
        /// <summary>
        /// Role assignments that apply at <paramref name="scope"/>, inherited ones included: with a
        /// <paramref name="principalId"/>, <c>$filter=principalId eq '{id}'</c> (that principal's assignments at,
        /// above or below the scope); without, <c>$filter=atScope()</c> (all assignments at or above the scope).
        /// </summary>
        Task<IReadOnlyList<RoleAssignment>> ListRoleAssignmentsAsync(string scope, string? principalId, CancellationToken cancellationToken);

        /// <summary>
        /// Assigns a role (<c>PUT {scope}/providers/Microsoft.Authorization/roleAssignments/{new guid}</c>).
        /// <paramref name="roleDefinitionId"/> is a full role definition id or a role GUID (then taken from the
        /// scope's subscription). An identical existing assignment (409 RoleAssignmentExists) is reported as
        /// <see cref="RoleAssignmentOutcome.AlreadyExists"/>, not as a failure.
        /// </summary>
        Task<RoleAssignmentCreateResult> CreateRoleAssignmentAsync(
            string scope, string roleDefinitionId, string principalId, string principalType, CancellationToken cancellationToken);

        /// <summary>Deletes a role assignment by its full id.</summary>
        Task<DeleteOutcome> DeleteRoleAssignmentAsync(string roleAssignmentId, CancellationToken cancellationToken);

        /// <summary>A role definition by GUID, as seen at <paramref name="scope"/>.</summary>
        Task<RoleDefinition> GetRoleDefinitionAsync(string scope, string roleDefinitionGuid, CancellationToken cancellationToken);

        /// <summary>Role definitions available at <paramref name="scope"/>, optionally only the one named <paramref name="roleName"/>.</summary>
        Task<IReadOnlyList<RoleDefinition>> ListRoleDefinitionsAsync(string scope, string? roleName, CancellationToken cancellationToken);
    }
}
