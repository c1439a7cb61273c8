using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Operations.Inspection.Checks
{
    /// <summary>
    /// The nodes: none unusable or startTaskFailed, and the Key Vault extension succeeded on every node read,
    /// failing nodes listed with the extension's own message.
    /// </summary>
    internal static class NodeChecks
    {
        /// <summary>At most this many nodes are named in one message; the rollup lists them all.</summary>
        public const int NamedNodes = 10;

        private static readonly HashSet<string> UnusableStates = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "unusable", "starttaskfailed" };

        private static readonly HashSet<string> HealthyStates = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "idle", "running" };

        /// <summary>States in which a node has not run its extensions yet.</summary>
        private static readonly HashSet<string> StartingStates = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "creating", "starting", "waitingforstarttask", "rebooting", "reimaging", "upgradingos", "deallocating", "deallocated",
        };

        /// <summary>Whether -Node Unhealthy reads this node's extension.</summary>
        public static bool IsUnhealthy(ComputeNode node) => node.State == null || !HealthyStates.Contains(node.State);

        public static PoolNodeRollup? Evaluate(PoolFacts facts, ExtensionReading? extension, CheckCollector checks)
        {
            var nodeFacts = facts.Nodes;
            if (nodeFacts == null)
            {
                return null;
            }

            var target = facts.View.PoolResourceId;
            if (!nodeFacts.Nodes.IsFound)
            {
                var reason = $"The pool's nodes could not be read: {nodeFacts.Nodes.Problem}";
                const string remedy = "Run the test as an account with read access to the Batch account (Reader), and check that the account's endpoint is reachable.";
                checks.Skip(PoolCheckIds.NodesUsable, target, reason, remedy);
                checks.Skip(PoolCheckIds.NodesExtensionSucceeded, target, reason, remedy);
                return new PoolNodeRollup();
            }

            var nodes = nodeFacts.Nodes.Value!;
            var statuses = nodes.Select(n => StatusOf(facts.View.Name, n, extension)).ToArray();
            var rollup = Rollup(nodes, statuses, nodeFacts.Scope);
            if (nodes.Count == 0)
            {
                checks.Pass(PoolCheckIds.NodesUsable, target, "The pool has no nodes yet: there is nothing to prove on nodes.");
                checks.Pass(PoolCheckIds.NodesExtensionSucceeded, target, "The pool has no nodes yet: there is nothing to prove on nodes.");
                return rollup;
            }

            Usable(facts, nodes, rollup, checks);
            ExtensionSucceeded(facts, nodes, statuses, nodeFacts.Scope, extension, checks);
            return rollup;
        }

        private static void Usable(PoolFacts facts, IReadOnlyList<NodeFact> nodes, PoolNodeRollup rollup, CheckCollector checks)
        {
            var target = facts.View.PoolResourceId;
            var broken = nodes.Where(n => n.Node.State != null && UnusableStates.Contains(n.Node.State)).ToArray();
            if (broken.Length == 0)
            {
                checks.Pass(PoolCheckIds.NodesUsable, target, $"None of the {nodes.Count} nodes is unusable ({rollup.States}).");
                return;
            }

            var named = broken.Take(NamedNodes).Select(n => $"{n.Node.Id} ({n.Node.State}{(Errors(n.Node) is string e ? ": " + e : string.Empty)})");
            checks.Fail(PoolCheckIds.NodesUsable, target,
                $"{broken.Length} of {nodes.Count} nodes cannot run tasks: {string.Join("; ", named)}{More(broken.Length)}.",
                "Fix the cause the node errors name (an extension that failed for lack of access: Grant-PoolVaultAccess ...), then reimage or remove the nodes (Reset-AzBatchComputeNode / Remove-AzBatchComputeNode) so that new nodes run the extension again.");
        }

        private static void ExtensionSucceeded(PoolFacts facts, IReadOnlyList<NodeFact> nodes, NodeStatus[] statuses, NodeScope scope, ExtensionReading? extension, CheckCollector checks)
        {
            var target = facts.View.PoolResourceId;
            if (extension == null)
            {
                checks.Skip(PoolCheckIds.NodesExtensionSucceeded, target, $"The pool has no single Key Vault extension to look for (see {PoolCheckIds.ExtensionPresent}).");
                return;
            }

            var inspected = statuses.Where(s => s.ExtensionState != NodeStatus.ExtensionNotInspected).ToArray();
            var skippedNote = scope == NodeScope.Unhealthy && inspected.Length < nodes.Count
                ? $" {nodes.Count - inspected.Length} idle or running node(s) were not inspected (-Node Unhealthy)."
                : string.Empty;
            var failed = inspected.Where(s => s.ExtensionState == NodeStatus.ExtensionFailed || s.ExtensionState == NodeStatus.ExtensionMissing).ToArray();
            var unknown = inspected.Where(s => s.ExtensionState == NodeStatus.ExtensionUnknown).ToArray();
            var pending = inspected.Where(s => s.ExtensionState == NodeStatus.ExtensionTransitioning).ToArray();
            if (failed.Length > 0)
            {
                var named = failed.Take(NamedNodes).Select(s => $"{s.NodeId} ({s.State}): {s.ExtensionMessage}");
                checks.Fail(PoolCheckIds.NodesExtensionSucceeded, target,
                    $"The Key Vault extension failed on {failed.Length} of {inspected.Length} inspected nodes: {string.Join("; ", named)}{More(failed.Length)}.{skippedNote}",
                    "Fix what the extension says (access: Grant-PoolVaultAccess; URL or settings: recreate the pool with New-RotatingBatchPool ... -Force), then reimage or remove the failing nodes (Reset-AzBatchComputeNode / Remove-AzBatchComputeNode).");
            }
            else if (unknown.Length > 0)
            {
                checks.Skip(PoolCheckIds.NodesExtensionSucceeded, target,
                    $"The extension status of {unknown.Length} node(s) could not be read: {unknown[0].ExtensionMessage}{skippedNote}",
                    "Run the test as an account with read access to the Batch account (Reader).");
            }
            else if (pending.Length > 0)
            {
                checks.Warn(PoolCheckIds.NodesExtensionSucceeded, target,
                    $"The Key Vault extension is still provisioning on {pending.Length} of {inspected.Length} inspected nodes ({string.Join(", ", pending.Take(NamedNodes).Select(p => p.NodeId))}{More(pending.Length)}); it succeeded on {inspected.Length - pending.Length}.{skippedNote}",
                    "Run Test-PoolCertificate again once the nodes are idle (New-RotatingBatchPool -Wait waits for this).");
            }
            else if (inspected.Length == 0)
            {
                checks.Pass(PoolCheckIds.NodesExtensionSucceeded, target, $"No node is unhealthy, so none was inspected.{skippedNote}");
            }
            else
            {
                checks.Pass(PoolCheckIds.NodesExtensionSucceeded, target, $"The Key Vault extension '{extension.Name}' succeeded on all {inspected.Length} inspected nodes.{skippedNote}");
            }
        }

        private static NodeStatus StatusOf(string pool, NodeFact fact, ExtensionReading? extension)
        {
            var node = fact.Node;
            var status = new NodeStatus { Pool = pool, NodeId = node.Id, State = node.State, NodeErrors = Errors(node) };
            var lookup = fact.Extension;
            if (lookup == null || extension == null)
            {
                status.ExtensionState = NodeStatus.ExtensionNotInspected;
                return status;
            }

            switch (lookup.Outcome)
            {
                case LookupOutcome.Found:
                    (status.ExtensionState, status.ExtensionMessage) = Judge(lookup.Value!);
                    break;
                case LookupOutcome.NotFound when node.State != null && StartingStates.Contains(node.State):
                    status.ExtensionState = NodeStatus.ExtensionTransitioning;
                    status.ExtensionMessage = $"The node is {node.State}; its extensions have not reported yet.";
                    break;
                case LookupOutcome.NotFound:
                    status.ExtensionState = NodeStatus.ExtensionMissing;
                    status.ExtensionMessage = $"The node has no extension named '{extension.Name}'.";
                    break;
                default:
                    status.ExtensionState = NodeStatus.ExtensionUnknown;
                    status.ExtensionMessage = lookup.Problem;
                    break;
            }

            return status;
        }

        /// <summary>Succeeded, Failed or Transitioning, with the extension's own message.</summary>
        internal static (string State, string? Message) Judge(NodeExtension extension)
        {
            var all = extension.Statuses.Concat(extension.SubStatuses).ToArray();
            var error = all.FirstOrDefault(s => string.Equals(s.Level, "Error", StringComparison.OrdinalIgnoreCase)
                || (s.Code?.StartsWith("ProvisioningState/failed", StringComparison.OrdinalIgnoreCase) ?? false));
            if (error != null || string.Equals(extension.ProvisioningState, "Failed", StringComparison.OrdinalIgnoreCase))
            {
                return (NodeStatus.ExtensionFailed, error?.Message ?? error?.DisplayStatus ?? $"provisioningState {extension.ProvisioningState}");
            }

            var main = extension.Statuses.FirstOrDefault(s => s.Code?.StartsWith("ProvisioningState/", StringComparison.OrdinalIgnoreCase) ?? false);
            if (main?.Code?.StartsWith("ProvisioningState/succeeded", StringComparison.OrdinalIgnoreCase) == true
                || (main == null && string.Equals(extension.ProvisioningState, "Succeeded", StringComparison.OrdinalIgnoreCase)))
            {
                return (NodeStatus.ExtensionSucceeded, main?.Message ?? main?.DisplayStatus);
            }

            return (NodeStatus.ExtensionTransitioning, main?.Message ?? main?.DisplayStatus ?? $"provisioningState {extension.ProvisioningState ?? "not reported"}");
        }

        private static PoolNodeRollup Rollup(IReadOnlyList<NodeFact> nodes, NodeStatus[] statuses, NodeScope scope)
        {
            var states = nodes
                .GroupBy(n => n.Node.State ?? "unknown", StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key + "=" + g.Count().ToString(CultureInfo.InvariantCulture));
            return new PoolNodeRollup
            {
                Total = nodes.Count,
                Inspected = statuses.Count(s => s.ExtensionState != NodeStatus.ExtensionNotInspected),
                Unusable = nodes.Count(n => n.Node.State != null && UnusableStates.Contains(n.Node.State)),
                ExtensionSucceeded = statuses.Count(s => s.ExtensionState == NodeStatus.ExtensionSucceeded),
                ExtensionFailed = statuses.Count(s => s.ExtensionState == NodeStatus.ExtensionFailed || s.ExtensionState == NodeStatus.ExtensionMissing),
                ExtensionPending = statuses.Count(s => s.ExtensionState == NodeStatus.ExtensionTransitioning),
                States = string.Join(", ", states),
                Nodes = scope == NodeScope.Unhealthy ? statuses.Where(s => s.ExtensionState != NodeStatus.ExtensionNotInspected || IsUnusable(s)).ToArray() : statuses,
            };
        }

        private static bool IsUnusable(NodeStatus status) => status.State != null && UnusableStates.Contains(status.State);

        private static string? Errors(ComputeNode node) =>
            node.Errors.Count == 0 ? null : string.Join("; ", node.Errors.Select(e => $"{e.Code}: {e.Message}"));

        private static string More(int count) => count > NamedNodes ? $"; and {count - NamedNodes} more" : string.Empty;
    }
}
