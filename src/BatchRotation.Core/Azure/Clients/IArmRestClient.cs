using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Azure.Models;

namespace BatchRotation.Core.Azure.Clients
{
    /// <summary>
    /// Generic Azure Resource Manager calls on a path (a resource id or a collection under one) with an
    /// api-version. Failures throw <see cref="Errors.BatchRotationException"/> carrying status, code and request id.
    /// </summary>
    public interface IArmRestClient
    {
        /// <summary>The ARM endpoint of the cloud.</summary>
        System.Uri Endpoint { get; }

        Task<RestResult> GetAsync(string path, string apiVersion, CancellationToken cancellationToken);

        /// <summary>Like <see cref="GetAsync"/>, but null when the resource does not exist (404).</summary>
        Task<RestResult?> GetIfExistsAsync(string path, string apiVersion, CancellationToken cancellationToken);

        /// <summary>PUT with an optional precondition; an asynchronous answer (202) is waited for and the resource read back.</summary>
        Task<RestResult> PutAsync(string path, string apiVersion, JsonNode body, ArmWriteCondition? condition, CancellationToken cancellationToken);

        /// <summary>PATCH, optionally only if the resource still has <paramref name="ifMatch"/>.</summary>
        Task<RestResult> PatchAsync(string path, string apiVersion, JsonNode body, string? ifMatch, CancellationToken cancellationToken);

        /// <summary>DELETE; a 202 is polled at its <c>Location</c> (or <c>Azure-AsyncOperation</c>), honouring Retry-After, until done.</summary>
        Task<DeleteOutcome> DeleteAsync(string path, string apiVersion, CancellationToken cancellationToken);

        /// <summary>Every item of a list, following <c>nextLink</c> as given.</summary>
        Task<IReadOnlyList<JsonElement>> ListAsync(
            string path, string apiVersion, IReadOnlyDictionary<string, string>? query, CancellationToken cancellationToken);
    }
}
