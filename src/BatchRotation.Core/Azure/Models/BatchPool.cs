using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using BatchRotation.Core.Azure.Http;

namespace BatchRotation.Core.Azure.Models
{
    /// <summary>
    /// A Batch pool (Microsoft.Batch/batchAccounts/pools), typed after BatchManagement.json 2025-06-01.
    /// <see cref="Raw"/> keeps the whole resource exactly as Azure returned it: compliance checks judge settings
    /// as sent by any tool (e.g. a <c>pollingIntervalInS</c> given as a number or <c>settings</c> given as a
    /// string), which the typed accessors deliberately do not coerce.
    /// </summary>
    public sealed record BatchPool
    {
        public string Id { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        /// <summary>The entity tag (body <c>etag</c>, else the <c>ETag</c> header).</summary>
        public string? ETag { get; init; }

        public string? ProvisioningState { get; init; }

        /// <summary><c>Steady</c>, <c>Resizing</c> or <c>Stopping</c>.</summary>
        public string? AllocationState { get; init; }

        public string? VmSize { get; init; }

        public int? CurrentDedicatedNodes { get; init; }

        public int? CurrentLowPriorityNodes { get; init; }

        public string? NodeAgentSkuId { get; init; }

        public string? ImagePublisher { get; init; }

        public string? ImageOffer { get; init; }

        public string? ImageSku { get; init; }

        public string? ImageVersion { get; init; }

        /// <summary>The pool identity (<c>UserAssigned</c> with its identities, or <c>None</c>); null when absent.</summary>
        public ResourceIdentity? Identity { get; init; }

        /// <summary>The VM extensions of the pool's virtual machine configuration.</summary>
        public IReadOnlyList<PoolExtension> Extensions { get; init; } = new PoolExtension[0];

        /// <summary>Errors of the last resize (<c>resizeOperationStatus.errors</c>), e.g. allocation failures.</summary>
        public IReadOnlyList<AzureErrorItem> ResizeErrors { get; init; } = new AzureErrorItem[0];

        /// <summary>The whole resource as Azure returned it.</summary>
        public JsonElement Raw { get; init; }

        internal static BatchPool FromJson(JsonElement json, string? etagHeader = null)
        {
            var vm = Json.Obj(json, "properties", "deploymentConfiguration", "virtualMachineConfiguration");
            var image = vm == null ? null : Json.Obj(vm.Value, "imageReference");
            return new BatchPool
            {
                Id = Json.Str(json, "id") ?? string.Empty,
                Name = Json.Str(json, "name") ?? string.Empty,
                ETag = Json.Str(json, "etag") ?? etagHeader,
                ProvisioningState = Json.Str(json, "properties", "provisioningState"),
                AllocationState = Json.Str(json, "properties", "allocationState"),
                VmSize = Json.Str(json, "properties", "vmSize"),
                CurrentDedicatedNodes = Json.Int(json, "properties", "currentDedicatedNodes"),
                CurrentLowPriorityNodes = Json.Int(json, "properties", "currentLowPriorityNodes"),
                NodeAgentSkuId = vm == null ? null : Json.Str(vm.Value, "nodeAgentSkuId"),
                ImagePublisher = image == null ? null : Json.Str(image.Value, "publisher"),
                ImageOffer = image == null ? null : Json.Str(image.Value, "offer"),
                ImageSku = image == null ? null : Json.Str(image.Value, "sku"),
                ImageVersion = image == null ? null : Json.Str(image.Value, "version"),
                Identity = ResourceIdentity.FromJson(json),
                Extensions = vm == null ? new List<PoolExtension>() : Json.Array(vm.Value, "extensions").Select(PoolExtension.FromJson).ToList(),
                ResizeErrors = Json.Array(json, "properties", "resizeOperationStatus", "errors").Select(AzureErrorItem.FromJson).ToList(),
                Raw = json,
            };
        }
    }
}
