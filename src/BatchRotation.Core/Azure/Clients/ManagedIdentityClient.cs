using System;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>User-assigned managed identities over <see cref="IArmRestClient"/>.</summary>
    public sealed class ManagedIdentityClient : IManagedIdentityClient
    {
        internal const string IdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";
        private readonly IArmRestClient _arm;
        private readonly string _apiVersion;

        public ManagedIdentityClient(IArmRestClient arm, string apiVersion)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _apiVersion = string.IsNullOrWhiteSpace(apiVersion) ? throw new ArgumentException("An api-version is needed.", nameof(apiVersion)) : apiVersion;
        }

        public async Task<UserAssignedIdentity> GetUserAssignedIdentityAsync(string identityId, CancellationToken cancellationToken)
        {
            var id = ArmResourceId.Require(identityId, IdentityType);
            var result = await _arm.GetAsync(id.Id, _apiVersion, cancellationToken).ConfigureAwait(false);
            return UserAssignedIdentity.FromJson(ResultBody.Require(result, id.Id));
        }
    }
}
