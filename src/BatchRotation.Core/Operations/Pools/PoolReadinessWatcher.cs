using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>
    /// -Wait: follows a new pool's allocation (ARM) and each node's state and Key Vault extension (Batch data plane)
    /// until every node is idle or running with the extension succeeded. Failed nodes are reported one by one
    /// through <see cref="IOperationSink.WriteError"/> with the extension's own message, then a terminating
    /// <c>PoolNodesFailed</c> is thrown once no node is still on its way; the deadline ends the wait with
    /// <c>PoolWaitTimedOut</c> (or <c>PoolNodesFailed</c> when some nodes had failed by then).
    /// </summary>
    internal sealed class PoolReadinessWatcher
    {
        private const int ActivityId = 42;
        private readonly PoolClients _clients;
        private readonly IOperationSink _sink;
        private readonly PoolOperationOptions _options;

        public PoolReadinessWatcher(PoolClients clients, IOperationSink sink, PoolOperationOptions options)
        {
            _clients = clients;
            _sink = sink;
            _options = options;
        }

        /// <summary>Waits and returns the pool as ARM reports it once every node is ready.</summary>
        public async Task<BatchPool> WaitAsync(BatchPoolId poolId, string accountEndpoint, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var activity = $"Waiting for pool '{poolId.PoolName}'";
            var deadline = _options.UtcNow() + timeout;
            var pause = _options.InitialPollInterval;
            var succeeded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var pool = await ReadPoolAsync(poolId, cancellationToken).ConfigureAwait(false);
                if (pool.ResizeErrors.Count > 0)
                {
                    throw AllocationFailed(poolId, pool);
                }

                var nodes = await _clients.BatchNodes.ListNodesAsync(accountEndpoint, poolId.PoolName, cancellationToken).ConfigureAwait(false);
                var judged = new List<NodeReadiness>();
                foreach (var node in nodes)
                {
                    judged.Add(await JudgeAsync(accountEndpoint, poolId, node, succeeded, cancellationToken).ConfigureAwait(false));
                }

                var target = Target(pool);
                var current = (pool.CurrentDedicatedNodes ?? 0) + (pool.CurrentLowPriorityNodes ?? 0);
                var steady = string.Equals(pool.AllocationState, "Steady", StringComparison.OrdinalIgnoreCase);
                var ready = judged.Count(n => n.Readiness == NodeReadinessState.Ready);
                var failed = judged.Where(n => n.Readiness == NodeReadinessState.Failed).ToList();
                _sink.WriteProgress(new OperationProgress(ActivityId, activity, Status(pool, judged, target))
                {
                    PercentComplete = target <= 0 ? -1 : Math.Min(100, 100 * ready / target),
                });

                var allocated = steady && judged.Count == current && (current > 0 || target == 0);
                if (allocated && judged.All(n => n.Readiness != NodeReadinessState.Pending))
                {
                    _sink.WriteProgress(new OperationProgress(ActivityId, activity, "Done") { Completed = true });
                    if (failed.Count > 0)
                    {
                        throw NodesFailed(poolId, failed, judged.Count, timedOut: false);
                    }

                    _sink.WriteVerbose($"Pool '{poolId.PoolName}': {AzureFailures.Plural(ready, "node is", "nodes are")} ready with the Key Vault extension succeeded.");
                    return pool;
                }

                var now = _options.UtcNow();
                if (now >= deadline)
                {
                    _sink.WriteProgress(new OperationProgress(ActivityId, activity, "Timed out") { Completed = true });
                    if (failed.Count > 0)
                    {
                        throw NodesFailed(poolId, failed, judged.Count, timedOut: true);
                    }

                    throw TimedOut(poolId, timeout, pool, judged);
                }

                var wait = pause < deadline - now ? pause : deadline - now;
                await _options.Delay(wait, cancellationToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, _options.MaxPollInterval.Ticks));
            }
        }

        private async Task<BatchPool> ReadPoolAsync(BatchPoolId poolId, CancellationToken cancellationToken)
        {
            var pool = await _clients.BatchManagement.TryGetPoolAsync(poolId.ToString(), cancellationToken).ConfigureAwait(false);
            return pool ?? throw new BatchRotationException(PoolErrorIds.PoolDisappeared, ErrorKind.NotFound,
                $"Pool '{poolId.PoolName}' was deleted while waiting for its nodes.", poolId.ToString());
        }

        private async Task<NodeReadiness> JudgeAsync(string accountEndpoint, BatchPoolId poolId, ComputeNode node, HashSet<string> succeeded, CancellationToken cancellationToken)
        {
            if (!NodeReadiness.NeedsExtensions(node))
            {
                return NodeReadiness.Of(node, null);
            }

            var state = (node.State ?? string.Empty).ToLowerInvariant();
            if (succeeded.Contains(node.Id) && (state == "idle" || state == "running"))
            {
                return new NodeReadiness(node.Id, state, NodeReadinessState.Ready, "succeeded", null);
            }

            var extensions = await _clients.BatchNodes.ListNodeExtensionsAsync(accountEndpoint, poolId.PoolName, node.Id, cancellationToken).ConfigureAwait(false);
            var result = NodeReadiness.Of(node, extensions);
            if (result.Readiness == NodeReadinessState.Ready)
            {
                succeeded.Add(node.Id);
            }

            return result;
        }

        private static int Target(BatchPool pool)
        {
            var fixedScale = pool.Raw.ValueKind == System.Text.Json.JsonValueKind.Object
                && pool.Raw.TryGetProperty("properties", out var properties)
                && properties.ValueKind == System.Text.Json.JsonValueKind.Object
                && properties.TryGetProperty("scaleSettings", out var scale)
                && scale.ValueKind == System.Text.Json.JsonValueKind.Object
                && scale.TryGetProperty("fixedScale", out var f)
                    ? f
                    : default;
            return Count(fixedScale, "targetDedicatedNodes") + Count(fixedScale, "targetLowPriorityNodes");
        }

        private static int Count(System.Text.Json.JsonElement fixedScale, string name) =>
            fixedScale.ValueKind == System.Text.Json.JsonValueKind.Object && fixedScale.TryGetProperty(name, out var value)
                && value.ValueKind == System.Text.Json.JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;

        /// <summary>e.g. "Allocation Steady, 3 of 3 nodes: idle 2, starting 1; extension succeeded on 2".</summary>
        internal static string Status(BatchPool pool, IReadOnlyList<NodeReadiness> nodes, int target)
        {
            var states = nodes.Count == 0
                ? "no nodes yet"
                : string.Join(", ", nodes.GroupBy(n => n.State).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => g.Key + " " + g.Count().ToString(CultureInfo.InvariantCulture)));
            var ready = nodes.Count(n => n.Readiness == NodeReadinessState.Ready);
            var failed = nodes.Count(n => n.Readiness == NodeReadinessState.Failed);
            return $"Allocation {pool.AllocationState ?? "unknown"}, {nodes.Count} of {target} nodes: {states}; Key Vault extension ready on {ready}"
                + (failed > 0 ? $", failed on {failed}" : string.Empty);
        }

        private BatchRotationException NodesFailed(BatchPoolId poolId, IReadOnlyList<NodeReadiness> failed, int total, bool timedOut)
        {
            var remedy = "Check the pool identity's access with Test-PoolCertificate and grant it with Grant-PoolVaultAccess, then recreate the pool "
                + "(New-RotatingBatchPool ... -Force): extensions of an existing pool cannot be changed.";
            foreach (var node in failed)
            {
                _sink.WriteError(new BatchRotationException(PoolErrorIds.PoolNodeFailed, ErrorKind.InvalidOperation,
                    $"Node {node.NodeId} of pool '{poolId.PoolName}' is {node.State}"
                    + (node.ExtensionStatus == null ? string.Empty : $" (Key Vault extension: {node.ExtensionStatus})")
                    + $": {node.Message ?? "no message was reported."}",
                    node.NodeId)
                {
                    Remedy = remedy,
                });
            }

            return new BatchRotationException(PoolErrorIds.PoolNodesFailed, ErrorKind.InvalidOperation,
                $"{failed.Count} of {total} nodes of pool '{poolId.PoolName}' failed"
                + (timedOut ? " (and the wait timed out)" : string.Empty)
                + $": {string.Join(", ", failed.Select(n => n.NodeId + " " + n.State))}. The pool exists; each node's error is above. First: {failed[0].Message}",
                poolId.ToString())
            {
                Remedy = remedy,
            };
        }

        private static BatchRotationException TimedOut(BatchPoolId poolId, TimeSpan timeout, BatchPool pool, IReadOnlyList<NodeReadiness> nodes) =>
            new BatchRotationException(PoolErrorIds.PoolWaitTimedOut, ErrorKind.OperationTimeout,
                $"Pool '{poolId.PoolName}' was not ready within {timeout}: {Status(pool, nodes, Target(pool))}. The pool exists and keeps allocating.",
                poolId.ToString())
            {
                Remedy = "Wait longer (-Timeout), or follow it with Get-RotatingBatchPool and Test-PoolCertificate.",
            };

        private static BatchRotationException AllocationFailed(BatchPoolId poolId, BatchPool pool) =>
            new BatchRotationException(PoolErrorIds.PoolAllocationFailed, ErrorKind.ResourceUnavailable,
                $"Pool '{poolId.PoolName}' could not allocate its nodes: "
                + string.Join(" ", pool.ResizeErrors.Select(e => $"[{e.Code}] {e.Message}")),
                poolId.ToString())
            {
                Remedy = "Check the account's core quota for the VM size and the subnet, then resize the pool or recreate it.",
            };
    }
}
