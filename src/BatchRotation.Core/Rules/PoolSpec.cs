using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace BatchRotation.Core.Rules
{
    /// <summary>What a rotating pool is made of; <see cref="PoolBodyBuilder"/> turns it into the ARM PUT body.</summary>
    public sealed record PoolSpec(string VmSize, PoolImage Image, UserAssignedIdentityId Identity, IReadOnlyList<JsonObject> Extensions)
    {
        public int TargetDedicatedNodes { get; init; } = 1;

        public int TargetLowPriorityNodes { get; init; }

        /// <summary>ARM id of the subnet the nodes join; null for no virtual network.</summary>
        public string? SubnetId { get; init; }

        public string? DisplayName { get; init; }

        /// <summary>Allocation timeout; Batch's default (15 minutes) when null, at least 5 minutes.</summary>
        public TimeSpan? ResizeTimeout { get; init; }
    }
}
