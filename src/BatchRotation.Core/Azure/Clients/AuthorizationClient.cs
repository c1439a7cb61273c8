using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>Role assignments and definitions over <see cref="IArmRestClient"/>.</summary>
    public sealed class AuthorizationClient : IAuthorizationClient
    {
        private const string RoleAssignments = "/providers/Microsoft.Authorization/roleAssignments";
        private const string RoleDefinitions = "/providers/Microsoft.Authorization/roleDefinitions";
        private readonly IArmRestClient _arm;
        private readonly string _apiVersion;
        private readonly Func<Guid> _newName;

        public AuthorizationClient(IArmRestClient arm, string apiVersion)
            : this(arm, apiVersion, Guid.NewGuid)
        {
        }

        internal AuthorizationClient(IArmRestClient arm, string apiVersion, Func<Guid> newName)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _apiVersion = string.IsNullOrWhiteSpace(apiVersion) ? throw new ArgumentException("An api-version is needed.", nameof(apiVersion)) : apiVersion;
            _newName = newName;
        }

        public async Task<IReadOnlyList<RoleAssignment>> ListRoleAssignmentsAsync(string scope, string? principalId, CancellationToken cancellationToken)
        {
            var normalized = Scope(scope);
            var filter = principalId == null ? "atScope()" : $"principalId eq '{RequireGuid(principalId, "principal id")}'";
            var items = await _arm.ListAsync(
                normalized + RoleAssignments, _apiVersion, new Dictionary<string, string> { ["$filter"] = filter }, cancellationToken).ConfigureAwait(false);
            return items.Select(RoleAssignment.FromJson).ToList();
        }

        public async Task<RoleAssignmentCreateResult> CreateRoleAssignmentAsync(
            string scope, string roleDefinitionId, string principalId, string principalType, CancellationToken cancellationToken)
        {
            var normalized = Scope(scope);
            var definition = RoleDefinitionId(normalized, roleDefinitionId);
            var principal = RequireGuid(principalId, "principal id");
            if (string.IsNullOrWhiteSpace(principalType))
            {
                throw new BatchRotationException(AzureErrorIds.InvalidName, ErrorKind.InvalidArgument, "A principal type (e.g. ServicePrincipal) is needed.", principalId);
            }

            var path = normalized + RoleAssignments + "/" + _newName().ToString("D");
            var body = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["roleDefinitionId"] = definition,
                    ["principalId"] = principal,
                    ["principalType"] = principalType,
                },
            };

            try
            {
                var result = await _arm.PutAsync(path, _apiVersion, body, ArmWriteCondition.None, cancellationToken).ConfigureAwait(false);
                return new RoleAssignmentCreateResult(RoleAssignmentOutcome.Created, RoleAssignment.FromJson(ResultBody.Require(result, path)));
            }
            catch (BatchRotationException ex) when (ex.Status == 409 && string.Equals(ex.AzureErrorCode, "RoleAssignmentExists", StringComparison.OrdinalIgnoreCase))
            {
                return new RoleAssignmentCreateResult(RoleAssignmentOutcome.AlreadyExists, null);
            }
        }

        public Task<DeleteOutcome> DeleteRoleAssignmentAsync(string roleAssignmentId, CancellationToken cancellationToken)
        {
            var id = (roleAssignmentId ?? string.Empty).Trim().TrimEnd('/');
            var marker = id.LastIndexOf(RoleAssignments + "/", StringComparison.OrdinalIgnoreCase);
            if (marker <= 0 || !Guid.TryParse(id.Substring(marker + RoleAssignments.Length + 1), out _))
            {
                throw new BatchRotationException(
                    AzureErrorIds.InvalidResourceId,
                    ErrorKind.InvalidArgument,
                    $"'{roleAssignmentId}' is not a role assignment id ({{scope}}{RoleAssignments}/{{guid}}).",
                    roleAssignmentId);
            }

            Scope(id.Substring(0, marker));
            return _arm.DeleteAsync(id, _apiVersion, cancellationToken);
        }

        public async Task<RoleDefinition> GetRoleDefinitionAsync(string scope, string roleDefinitionGuid, CancellationToken cancellationToken)
        {
            var path = Scope(scope) + RoleDefinitions + "/" + RequireGuid(roleDefinitionGuid, "role definition id");
            var result = await _arm.GetAsync(path, _apiVersion, cancellationToken).ConfigureAwait(false);
            return RoleDefinition.FromJson(ResultBody.Require(result, path));
        }

        public async Task<IReadOnlyList<RoleDefinition>> ListRoleDefinitionsAsync(string scope, string? roleName, CancellationToken cancellationToken)
        {
            var query = string.IsNullOrWhiteSpace(roleName)
                ? null
                : new Dictionary<string, string> { ["$filter"] = $"roleName eq '{roleName!.Replace("'", "''")}'" };
            var items = await _arm.ListAsync(Scope(scope) + RoleDefinitions, _apiVersion, query, cancellationToken).ConfigureAwait(false);
            return items.Select(RoleDefinition.FromJson).ToList();
        }

        /// <summary>A subscription, resource group or resource id, normalised.</summary>
        private static string Scope(string scope)
        {
            if (!ArmResourceId.TryParse(scope, out var parsed))
            {
                throw new BatchRotationException(
                    AzureErrorIds.InvalidResourceId,
                    ErrorKind.InvalidArgument,
                    $"'{scope}' is not a scope (a subscription, resource group or resource id).",
                    scope);
            }

            return parsed.Id;
        }

        private static string RoleDefinitionId(string scope, string roleDefinitionId)
        {
            var value = (roleDefinitionId ?? string.Empty).Trim();
            if (Guid.TryParse(value, out var guid))
            {
                return ArmResourceId.ForRoleDefinition(ArmResourceId.Parse(scope).SubscriptionId, guid.ToString("D"));
            }

            var marker = value.LastIndexOf(RoleDefinitions + "/", StringComparison.OrdinalIgnoreCase);
            if (!value.StartsWith("/", StringComparison.Ordinal) || marker < 0 || !Guid.TryParse(value.Substring(marker + RoleDefinitions.Length + 1), out _))
            {
                throw new BatchRotationException(
                    AzureErrorIds.InvalidResourceId,
                    ErrorKind.InvalidArgument,
                    $"'{roleDefinitionId}' is neither a role definition id nor a role GUID.",
                    roleDefinitionId);
            }

            return value;
        }

        private static string RequireGuid(string? value, string what)
        {
            if (!Guid.TryParse(value ?? string.Empty, out var guid))
            {
                throw new BatchRotationException(AzureErrorIds.InvalidName, ErrorKind.InvalidArgument, $"The {what} '{value}' is not a GUID.", value);
            }

            return guid.ToString("D");
        }
    }
}
