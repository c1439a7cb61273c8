using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Grants
{
    /// <summary>
    /// A principal's role assignments that reach a vault (made there, inherited from above, or on its secrets)
    /// with the definitions of their roles. Each role definition is read once per invocation.
    /// </summary>
    internal sealed class RbacStateReader
    {
        private readonly IAuthorizationClient _authorization;
        private readonly IOperationSink _sink;
        private readonly Dictionary<string, RoleDefinitionEntry?> _definitions = new Dictionary<string, RoleDefinitionEntry?>(StringComparer.OrdinalIgnoreCase);

        public RbacStateReader(IAuthorizationClient authorization, IOperationSink sink)
        {
            _authorization = authorization;
            _sink = sink;
        }

        public async Task<RbacState> ReadAsync(string vaultId, string principalId, CancellationToken cancellationToken)
        {
            var assignments = await _authorization.ListRoleAssignmentsAsync(vaultId, principalId, cancellationToken).ConfigureAwait(false);
            var entries = new List<RoleAssignmentEntry>();
            foreach (var assignment in assignments)
            {
                if (!string.IsNullOrWhiteSpace(assignment.Condition))
                {
                    // A condition (ABAC) may deny what the role allows; it is not taken as granting access.
                    _sink.WriteVerbose($"The role assignment {assignment.Id} has a condition; it is not counted as granting access.");
                    continue;
                }

                var entry = AccessModelMapping.ToEntry(assignment);
                if (entry != null)
                {
                    entries.Add(entry);
                }
            }

            var definitions = new List<RoleDefinitionEntry>();
            foreach (var guid in entries.Select(e => BuiltInRoles.GuidOf(e.RoleDefinitionId)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var definition = await DefinitionAsync(vaultId, guid, cancellationToken).ConfigureAwait(false);
                if (definition != null)
                {
                    definitions.Add(definition);
                }
            }

            return new RbacState(entries, definitions);
        }

        private async Task<RoleDefinitionEntry?> DefinitionAsync(string scope, string guid, CancellationToken cancellationToken)
        {
            if (_definitions.TryGetValue(guid, out var known))
            {
                return known;
            }

            RoleDefinitionEntry? definition;
            try
            {
                definition = AccessModelMapping.ToEntry(await _authorization.GetRoleDefinitionAsync(scope, guid, cancellationToken).ConfigureAwait(false));
            }
            catch (BatchRotationException ex) when (ex.Kind == ErrorKind.NotFound || ex.Kind == ErrorKind.InvalidArgument)
            {
                _sink.WriteVerbose($"The role definition {guid} could not be read ({ex.Message}); its permissions are taken as unknown.");
                definition = null;
            }

            _definitions[guid] = definition;
            return definition;
        }
    }
}
