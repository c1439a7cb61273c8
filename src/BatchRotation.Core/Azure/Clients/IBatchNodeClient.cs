using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>
    /// Nodes and node extensions from the Batch data plane. <c>accountEndpoint</c> is the account's
    /// <c>properties.accountEndpoint</c> from ARM (a host, optionally with port and path), used as an opaque
    /// base: <c>https://</c> + endpoint.
    /// </summary>
    public interface IBatchNodeClient
    {
        /// <summary>All nodes of the pool (every page, following <c>odata.nextLink</c>).</summary>
        Task<IReadOnlyList<ComputeNode>> ListNodesAsync(string accountEndpoint, string poolId, CancellationToken cancellationToken);

        Task<ComputeNode> GetNodeAsync(string accountEndpoint, string poolId, string nodeId, CancellationToken cancellationToken);

        /// <summary>The node's VM extensions with their instance views.</summary>
        Task<IReadOnlyList<NodeExtension>> ListNodeExtensionsAsync(string accountEndpoint, string poolId, string nodeId, CancellationToken cancellationToken);

        Task<NodeExtension> GetNodeExtensionAsync(string accountEndpoint, string poolId, string nodeId, string extensionName, CancellationToken cancellationToken);
    }
}
