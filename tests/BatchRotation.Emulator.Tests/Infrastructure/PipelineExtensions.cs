using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BatchRotation.Emulator.Tests.Infrastructure;

/// <summary>Sends raw requests through an Azure.Core pipeline and reads JSON back, for shape assertions.</summary>
public static class PipelineExtensions
{
    public static async Task<Response> SendAsync(this HttpPipeline pipeline, RequestMethod method, Uri uri, JsonNode? body = null, IDictionary<string, string>? headers = null)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        if (body is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToJsonString()));
        }
        foreach (var header in headers ?? new Dictionary<string, string>()) message.Request.Headers.SetValue(header.Key, header.Value);
        message.BufferResponse = true;
        await pipeline.SendAsync(message, CancellationToken.None);
        return message.Response;
    }

    public static JsonNode? Json(this Response response) =>
        response.Content.ToMemory().Length == 0 ? null : JsonNode.Parse(response.Content.ToString());
}
