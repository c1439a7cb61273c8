using System.Text.Json;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Errors;

namespace BatchRotation.Core.Azure.Clients
{
    internal static class ResultBody
    {
        /// <summary>The answer's JSON object, or an <c>AzureResponseInvalid</c> error naming <paramref name="target"/>.</summary>
        public static JsonElement Require(RestResult result, string target) =>
            result.Body is JsonElement body && body.ValueKind == JsonValueKind.Object
                ? body
                : throw new BatchRotationException(
                    AzureErrorIds.AzureResponseInvalid,
                    ErrorKind.InvalidData,
                    $"Azure answered {result.Status} for {target} without the expected JSON object.",
                    target)
                {
                    RequestId = result.RequestId,
                    Status = result.Status,
                };
    }
}
