using System;
using System.Collections.Generic;
using System.Linq;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Rules;

namespace BatchRotation.Core.Operations.Pools
{
    /// <summary>Where a node stands on its way to serving certificates.</summary>
    public enum NodeReadinessState
    {
        /// <summary>Still allocating, booting or installing the extension.</summary>
        Pending,

        /// <summary>Idle or running, with the Key Vault extension succeeded.</summary>
        Ready,

        /// <summary>Unusable, start task failed, offline, or the Key Vault extension failed.</summary>
        Failed,
    }

    /// <summary>A node's state judged from the data plane's node and its Key Vault extension's instance view.</summary>
    public sealed record NodeReadiness(string NodeId, string State, NodeReadinessState Readiness, string? ExtensionStatus, string? Message)
    {
        private static readonly string[] WorkingStates = { "idle", "running" };
        private static readonly string[] FailedStates = { "unusable", "starttaskfailed", "offline" };

        /// <summary>True when the node's extension list should be read to judge it.</summary>
        public static bool NeedsExtensions(ComputeNode node) =>
            WorkingStates.Contains(Lower(node.State)) || FailedStates.Contains(Lower(node.State));

        /// <summary>Judges a node; <paramref name="extensions"/> is null when they were not read.</summary>
        public static NodeReadiness Of(ComputeNode node, IReadOnlyList<NodeExtension>? extensions)
        {
            var state = Lower(node.State);
            var extension = extensions?.FirstOrDefault(IsKeyVaultExtension);
            var (status, extensionMessage) = Describe(extension);
            var nodeErrors = string.Join(" ", node.Errors.Select(e => $"[{e.Code}] {e.Message}"));

            if (FailedStates.Contains(state))
            {
                var message = Join(extensionMessage, nodeErrors) ?? $"The node is {state}.";
                return new NodeReadiness(node.Id, state, NodeReadinessState.Failed, status, message);
            }

            if (WorkingStates.Contains(state))
            {
                if (status == "failed")
                {
                    return new NodeReadiness(node.Id, state, NodeReadinessState.Failed, status, Join(extensionMessage, nodeErrors));
                }

                if (status == "succeeded")
                {
                    return new NodeReadiness(node.Id, state, NodeReadinessState.Ready, status, extensionMessage);
                }
            }

            return new NodeReadiness(node.Id, state, NodeReadinessState.Pending, status, extensionMessage);
        }

        public static bool IsKeyVaultExtension(NodeExtension extension) =>
            (extension.Publisher == null || string.Equals(extension.Publisher, KeyVaultExtensionVersion.Publisher, StringComparison.OrdinalIgnoreCase))
            && (string.Equals(extension.Type, "KeyVaultForLinux", StringComparison.OrdinalIgnoreCase)
                || string.Equals(extension.Type, "KeyVaultForWindows", StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// succeeded / failed / transitioning from the instance view. Status codes may carry a suffix
        /// (<c>ProvisioningState/succeeded/0</c>), so they are matched on their prefix and level.
        /// </summary>
        private static (string? Status, string? Message) Describe(NodeExtension? extension)
        {
            if (extension == null)
            {
                return (null, null);
            }

            var statuses = extension.Statuses.Concat(extension.SubStatuses).ToList();
            var error = statuses.FirstOrDefault(s => string.Equals(s.Level, "Error", StringComparison.OrdinalIgnoreCase)
                || (s.Code ?? string.Empty).StartsWith("ProvisioningState/failed", StringComparison.OrdinalIgnoreCase));
            if (error != null || string.Equals(extension.ProvisioningState, "Failed", StringComparison.OrdinalIgnoreCase))
            {
                return ("failed", Text(error) ?? $"The {extension.Type ?? "Key Vault"} extension reports provisioning state Failed.");
            }

            var success = statuses.FirstOrDefault(s => (s.Code ?? string.Empty).StartsWith("ProvisioningState/succeeded", StringComparison.OrdinalIgnoreCase));
            if (success != null || (statuses.Count == 0 && string.Equals(extension.ProvisioningState, "Succeeded", StringComparison.OrdinalIgnoreCase)))
            {
                return ("succeeded", Text(success));
            }

            return ("transitioning", Text(statuses.FirstOrDefault()));
        }

        private static string? Text(InstanceViewStatus? status) =>
            status == null ? null : (status.Message ?? status.DisplayStatus);

        private static string? Join(string? a, string? b)
        {
            var parts = new[] { a, b }.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray();
            return parts.Length == 0 ? null : string.Join(" ", parts);
        }

        private static string Lower(string? state) => (state ?? "unknown").ToLowerInvariant();
    }
}
