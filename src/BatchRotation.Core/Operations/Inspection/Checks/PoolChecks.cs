using System.Linq;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>The pool itself: Virtual Machine configuration, a user-assigned identity, and each identity still existing.</summary>
    internal static class PoolChecks
    {
        public static void Evaluate(PoolFacts facts, CheckCollector checks)
        {
            var pool = facts.View;
            var remedy = Remedies.RecreatePool(pool);
            if (facts.Pool.NodeAgentSkuId != null)
            {
                checks.Pass(PoolCheckIds.PoolVirtualMachineConfiguration, pool.PoolResourceId,
                    $"The pool uses Virtual Machine configuration ({pool.ImageReference ?? "custom image"}, {pool.NodeAgentSkuId}).");
            }
            else
            {
                checks.Fail(PoolCheckIds.PoolVirtualMachineConfiguration, pool.PoolResourceId,
                    "The pool has no Virtual Machine configuration: VM extensions, and so the Key Vault extension, exist only there.", remedy);
            }

            var identity = facts.Pool.Identity;
            var assigned = identity?.UserAssignedIdentities ?? new Azure.Models.UserAssignedIdentityReference[0];
            if (assigned.Count == 0)
            {
                checks.Fail(PoolCheckIds.PoolUserAssignedIdentity, pool.PoolResourceId,
                    $"The pool has no user-assigned identity (identity type '{identity?.Type ?? "absent"}'): the extension has no identity to sign in to Key Vault as.", remedy);
                return;
            }

            checks.Pass(PoolCheckIds.PoolUserAssignedIdentity, pool.PoolResourceId,
                $"The pool has {assigned.Count} user-assigned identit{(assigned.Count == 1 ? "y" : "ies")}: {string.Join(", ", assigned.Select(a => a.ResourceId))}.");

            foreach (var reference in assigned)
            {
                var fact = facts.Identities.FirstOrDefault(i => string.Equals(i.ResourceId, reference.ResourceId, System.StringComparison.OrdinalIgnoreCase));
                if (fact == null)
                {
                    checks.Skip(PoolCheckIds.IdentityExists, reference.ResourceId, "The identity was not read.");
                    continue;
                }

                switch (fact.Identity.Outcome)
                {
                    case LookupOutcome.Found:
                        checks.Pass(PoolCheckIds.IdentityExists, reference.ResourceId,
                            $"The identity exists (client id {fact.Identity.Value!.ClientId}, principal id {fact.Identity.Value.PrincipalId}).");
                        break;
                    case LookupOutcome.NotFound:
                        checks.Fail(PoolCheckIds.IdentityExists, reference.ResourceId,
                            $"The identity no longer exists: nodes cannot get tokens for it. {fact.Identity.Problem}", remedy);
                        break;
                    default:
                        checks.Skip(PoolCheckIds.IdentityExists, reference.ResourceId,
                            $"The identity could not be read: {fact.Identity.Problem}",
                            "Give the account running the test read access (Reader) on the identity's resource group.");
                        break;
                }
            }
        }
    }
}
