using System;

namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>The nodes of a pool at a glance: counts by state and by Key Vault extension status, and each node read.</summary>
    public sealed class PoolNodeRollup
    {
        public int Total { get; set; }

        /// <summary>Nodes whose extension status was read (all, or the unhealthy ones, per -Node).</summary>
        public int Inspected { get; set; }

        /// <summary>Nodes in state <c>unusable</c> or <c>starttaskfailed</c>.</summary>
        public int Unusable { get; set; }

        public int ExtensionSucceeded { get; set; }

        public int ExtensionFailed { get; set; }

        /// <summary>Nodes whose extension is still provisioning (or not yet reported).</summary>
        public int ExtensionPending { get; set; }

        /// <summary>Counts per node state, e.g. <c>idle=3, unusable=1</c>.</summary>
        public string States { get; set; } = string.Empty;

        /// <summary>The nodes read (with -Node All every node; with -Node Unhealthy the unhealthy ones).</summary>
        public NodeStatus[] Nodes { get; set; } = Array.Empty<NodeStatus>();

        public override string ToString() => Total == 0 ? "no nodes" : $"{Total} nodes ({States}); extension succeeded on {ExtensionSucceeded} of {Inspected} inspected";
    }
}
