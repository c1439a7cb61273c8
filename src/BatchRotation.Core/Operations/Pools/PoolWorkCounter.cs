using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>How much work deleting a pool would destroy: its nodes and the tasks running on them (Batch data plane).</summary>
    internal sealed class PoolWorkCounter
    {
        private readonly IBatchNodeClient _nodes;
        private readonly IOperationSink _sink;

        public PoolWorkCounter(IBatchNodeClient nodes, IOperationSink sink)
        {
            _nodes = nodes;
            _sink = sink;
        }

        /// <summary>e.g. "3 nodes and 5 running tasks"; falls back to ARM's node counts when the data plane cannot be read.</summary>
        public async Task<string> CountAsync(BatchPool pool, string? accountEndpoint, CancellationToken cancellationToken)
        {
            var armNodes = (pool.CurrentDedicatedNodes ?? 0) + (pool.CurrentLowPriorityNodes ?? 0);
            if (accountEndpoint == null)
            {
                return AzureFailures.Plural(armNodes, "node", "nodes") + " (running tasks unknown)";
            }

            try
            {
                var nodes = await _nodes.ListNodesAsync(accountEndpoint, pool.Name, cancellationToken).ConfigureAwait(false);
                var running = nodes.Sum(RunningTasks);
                return $"{AzureFailures.Plural(nodes.Count, "node", "nodes")} and {AzureFailures.Plural(running, "running task", "running tasks")}";
            }
            catch (BatchRotationException e)
            {
                _sink.WriteWarning($"Could not read the nodes of pool '{pool.Name}' to count their running tasks: {e.Message}");
                return AzureFailures.Plural(armNodes, "node", "nodes") + " (running tasks unknown)";
            }
        }

        internal static int RunningTasks(ComputeNode node) =>
            node.Raw.ValueKind == JsonValueKind.Object
            && node.Raw.TryGetProperty("runningTasksCount", out var count)
            && count.ValueKind == JsonValueKind.Number
            && count.TryGetInt32(out var n)
                ? n
                : 0;
    }
}
