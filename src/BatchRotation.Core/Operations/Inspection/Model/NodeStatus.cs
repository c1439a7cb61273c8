namespace BatchRotation.Core.Operations.Inspection
{
    /// <summary>One node of a pool: its state and what its Key Vault extension reports, in the extension's own words.</summary>
    public sealed class NodeStatus
    {
        public const string ExtensionSucceeded = "Succeeded";
        public const string ExtensionFailed = "Failed";
        public const string ExtensionTransitioning = "Transitioning";
        public const string ExtensionMissing = "Missing";
        public const string ExtensionNotInspected = "NotInspected";
        public const string ExtensionUnknown = "Unknown";

        public string Pool { get; set; } = string.Empty;

        public string NodeId { get; set; } = string.Empty;

        /// <summary>The Batch node state, e.g. <c>idle</c>, <c>running</c>, <c>unusable</c>, <c>starttaskfailed</c>.</summary>
        public string? State { get; set; }

        /// <summary>Succeeded, Failed, Transitioning, Missing, NotInspected (per -Node) or Unknown (could not be read).</summary>
        public string ExtensionState { get; set; } = ExtensionNotInspected;

        /// <summary>The extension's status message (or why it could not be read).</summary>
        public string? ExtensionMessage { get; set; }

        /// <summary>The node's own errors (code: message), e.g. a VM extension provisioning error; null when none.</summary>
        public string? NodeErrors { get; set; }

        public override string ToString() => $"{NodeId} {State} {ExtensionState}";
    }
}
