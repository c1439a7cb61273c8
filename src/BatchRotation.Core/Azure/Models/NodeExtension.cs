using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>A VM extension on a node with its instance view (<c>BatchNodeVMExtension</c>).</summary>
    public sealed record NodeExtension
    {
        public string? ProvisioningState { get; init; }

        public string? Name { get; init; }

        public string? Publisher { get; init; }

        public string? Type { get; init; }

        public string? TypeHandlerVersion { get; init; }

        /// <summary>The extension's <c>settings</c> as reported, of whatever JSON kind; null when absent.</summary>
        public JsonElement? Settings { get; init; }

        public string? InstanceViewName { get; init; }

        public IReadOnlyList<InstanceViewStatus> Statuses { get; init; } = new InstanceViewStatus[0];

        public IReadOnlyList<InstanceViewStatus> SubStatuses { get; init; } = new InstanceViewStatus[0];

        /// <summary>The item as the service returned it.</summary>
        public JsonElement Raw { get; init; }

        internal static NodeExtension FromJson(JsonElement json) => new NodeExtension
        {
            ProvisioningState = Json.Str(json, "provisioningState"),
            Name = Json.Str(json, "vmExtension", "name") ?? Json.Str(json, "instanceView", "name"),
            Publisher = Json.Str(json, "vmExtension", "publisher"),
            Type = Json.Str(json, "vmExtension", "type"),
            TypeHandlerVersion = Json.Str(json, "vmExtension", "typeHandlerVersion"),
            Settings = Json.Get(json, "vmExtension", "settings") is JsonElement s && s.ValueKind != JsonValueKind.Null ? s : (JsonElement?)null,
            InstanceViewName = Json.Str(json, "instanceView", "name"),
            Statuses = Json.Array(json, "instanceView", "statuses").Select(InstanceViewStatus.FromJson).ToList(),
            SubStatuses = Json.Array(json, "instanceView", "subStatuses").Select(InstanceViewStatus.FromJson).ToList(),
            Raw = json,
        };
    }

    /// <summary>One status of an extension's instance view, e.g. <c>ProvisioningState/succeeded</c> at level Info.</summary>
    public sealed record InstanceViewStatus(string? Code, string? Level, string? DisplayStatus, string? Message, DateTimeOffset? Time)
    {
        internal static InstanceViewStatus FromJson(JsonElement json) => new InstanceViewStatus(
            Json.Str(json, "code"), Json.Str(json, "level"), Json.Str(json, "displayStatus"), Json.Str(json, "message"), Json.Time(json, "time"));
    }
}
