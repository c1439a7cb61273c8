namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>Which nodes' Key Vault extension status a test reads.</summary>
    public enum NodeScope
    {
        /// <summary>Every node: the complete proof (one data-plane call per node).</summary>
        All,

        /// <summary>Only nodes that are not idle or running (cheaper on large pools; idle nodes are not proven).</summary>
        Unhealthy,

        /// <summary>No node is read: the node checks are left out of the report.</summary>
        None,
    }
}
