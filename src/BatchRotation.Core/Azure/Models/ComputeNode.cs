using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>A compute node of a pool (Batch data plane <c>BatchNode</c>, 2025-06-01.21.0).</summary>
    public sealed record ComputeNode
    {
        public string Id { get; init; } = string.Empty;

        public string? Url { get; init; }

        /// <summary>e.g. <c>idle</c>, <c>running</c>, <c>starting</c>, <c>waitingforstarttask</c>, <c>starttaskfailed</c>, <c>unusable</c>.</summary>
        public string? State { get; init; }

        public string? SchedulingState { get; init; }

        public DateTimeOffset? StateTransitionTime { get; init; }

        public DateTimeOffset? LastBootTime { get; init; }

        public DateTimeOffset? AllocationTime { get; init; }

        public string? VmSize { get; init; }

        public bool? IsDedicated { get; init; }

        public string? StartTaskState { get; init; }

        public int? StartTaskExitCode { get; init; }

        public IReadOnlyList<NodeError> Errors { get; init; } = new NodeError[0];

        /// <summary>The node as the service returned it.</summary>
        public JsonElement Raw { get; init; }

        internal static ComputeNode FromJson(JsonElement json) => new ComputeNode
        {
            Id = Json.Str(json, "id") ?? string.Empty,
            Url = Json.Str(json, "url"),
            State = Json.Str(json, "state"),
            SchedulingState = Json.Str(json, "schedulingState"),
            StateTransitionTime = Json.Time(json, "stateTransitionTime"),
            LastBootTime = Json.Time(json, "lastBootTime"),
            AllocationTime = Json.Time(json, "allocationTime"),
            VmSize = Json.Str(json, "vmSize"),
            IsDedicated = Json.Bool(json, "isDedicated"),
            StartTaskState = Json.Str(json, "startTaskInfo", "state"),
            StartTaskExitCode = Json.Int(json, "startTaskInfo", "exitCode"),
            Errors = Json.Array(json, "errors")
                .Select(e => new NodeError(
                    Json.Str(e, "code"),
                    Json.Str(e, "message"),
                    Json.Array(e, "errorDetails")
                        .Select(d => new KeyValuePair<string, string?>(Json.Str(d, "name") ?? string.Empty, Json.Str(d, "value")))
                        .ToList()))
                .ToList(),
            Raw = json,
        };
    }

    /// <summary>An error a node reports (<c>BatchNodeError</c>).</summary>
    public sealed record NodeError(string? Code, string? Message, IReadOnlyList<KeyValuePair<string, string?>> Details);
}
