using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>Nodes and node extensions over a pipeline authenticated for the cloud's Batch audience.</summary>
    public sealed class BatchNodeClient : IBatchNodeClient
    {
        private static readonly Regex PoolPattern = new Regex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant);
        private static readonly Regex NodePattern = new Regex("^[a-zA-Z0-9_.-]{1,256}$", RegexOptions.CultureInvariant);
        private static readonly Regex ExtensionPattern = new Regex("^[a-zA-Z0-9_.-]{1,256}$", RegexOptions.CultureInvariant);
        private readonly AzureRestInvoker _invoker;
        private readonly string _apiVersion;

        public BatchNodeClient(HttpPipeline pipeline, string apiVersion, Redactor? redactor = null, AzureClientOptions? options = null)
        {
            _invoker = new AzureRestInvoker(pipeline, AzureService.Batch, redactor ?? Redactor.Default, options ?? AzureClientOptions.Default);
            _apiVersion = string.IsNullOrWhiteSpace(apiVersion) ? throw new ArgumentException("An api-version is needed.", nameof(apiVersion)) : apiVersion;
        }

        public async Task<IReadOnlyList<ComputeNode>> ListNodesAsync(string accountEndpoint, string poolId, CancellationToken cancellationToken)
        {
            var uri = DataPlaneUris.Build(Account(accountEndpoint), _apiVersion, "pools", Pool(poolId), "nodes");
            var items = await _invoker.ListAsync(uri, "odata.nextLink", Target(uri), cancellationToken).ConfigureAwait(false);
            return items.Select(ComputeNode.FromJson).ToList();
        }

        public async Task<ComputeNode> GetNodeAsync(string accountEndpoint, string poolId, string nodeId, CancellationToken cancellationToken)
        {
            var uri = DataPlaneUris.Build(Account(accountEndpoint), _apiVersion, "pools", Pool(poolId), "nodes", Node(nodeId));
            var result = await _invoker.SendAsync(RequestMethod.Get, uri, null, null, Target(uri), cancellationToken).ConfigureAwait(false);
            return ComputeNode.FromJson(ResultBody.Require(result, Target(uri)));
        }

        public async Task<IReadOnlyList<NodeExtension>> ListNodeExtensionsAsync(string accountEndpoint, string poolId, string nodeId, CancellationToken cancellationToken)
        {
            var uri = DataPlaneUris.Build(Account(accountEndpoint), _apiVersion, "pools", Pool(poolId), "nodes", Node(nodeId), "extensions");
            var items = await _invoker.ListAsync(uri, "odata.nextLink", Target(uri), cancellationToken).ConfigureAwait(false);
            return items.Select(NodeExtension.FromJson).ToList();
        }

        public async Task<NodeExtension> GetNodeExtensionAsync(string accountEndpoint, string poolId, string nodeId, string extensionName, CancellationToken cancellationToken)
        {
            var name = DataPlaneUris.RequireName(extensionName, ExtensionPattern, "extension name");
            var uri = DataPlaneUris.Build(Account(accountEndpoint), _apiVersion, "pools", Pool(poolId), "nodes", Node(nodeId), "extensions", name);
            var result = await _invoker.SendAsync(RequestMethod.Get, uri, null, null, Target(uri), cancellationToken).ConfigureAwait(false);
            return NodeExtension.FromJson(ResultBody.Require(result, Target(uri)));
        }

        /// <summary><c>https://</c> + the account endpoint (an explicit <c>https://</c> is accepted, <c>http://</c> refused).</summary>
        internal static Uri Account(string accountEndpoint)
        {
            var text = (accountEndpoint ?? string.Empty).Trim();
            if (text.Length == 0 || text.IndexOfAny(new[] { '?', '#', '\\', ' ' }) >= 0)
            {
                throw new Errors.BatchRotationException(
                    AzureErrorIds.InvalidName, Errors.ErrorKind.InvalidArgument, $"'{accountEndpoint}' is not a Batch account endpoint.", accountEndpoint);
            }

            var withScheme = text.IndexOf("://", StringComparison.Ordinal) >= 0 ? text : "https://" + text;
            if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri))
            {
                throw new Errors.BatchRotationException(
                    AzureErrorIds.InvalidName, Errors.ErrorKind.InvalidArgument, $"'{accountEndpoint}' is not a Batch account endpoint.", accountEndpoint);
            }

            return DataPlaneUris.RequireBase(uri, "Batch account endpoint");
        }

        private static string Pool(string poolId) => DataPlaneUris.RequireName(poolId, PoolPattern, "pool id");

        private static string Node(string nodeId) => DataPlaneUris.RequireName(nodeId, NodePattern, "node id");

        private static string Target(Uri uri) => uri.GetLeftPart(UriPartial.Path);
    }
}
