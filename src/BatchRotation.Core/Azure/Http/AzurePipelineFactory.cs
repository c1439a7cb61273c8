using System;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>
    /// Builds the Azure.Core pipeline of one service for one sign-in: the sign-in's transport, the retry policy
    /// (<see cref="AzurePipelineSettings"/>), a bearer token for the service's audience in the sign-in's cloud,
    /// and a line per call to the verbose callback.
    /// </summary>
    public static class AzurePipelineFactory
    {
        public static HttpPipeline Create(
            BatchRotationContext context,
            AzureService service,
            Action<string>? verbose = null,
            AzurePipelineSettings? settings = null)
        {
            if (context == null)
            {
                throw new ArgumentNullException(nameof(context));
            }

            return Create(
                context.Transport,
                context.Credential,
                context.Cloud.GetScope(service),
                AzureErrorMapper.DisplayName(service),
                context.Redactor,
                verbose,
                settings ?? AzurePipelineSettings.Default);
        }

        internal static HttpPipeline Create(
            HttpPipelineTransport transport,
            TokenCredential credential,
            string scope,
            string serviceName,
            Redactor redactor,
            Action<string>? verbose,
            AzurePipelineSettings settings)
        {
            var options = new PipelineClientOptions
            {
                Transport = transport,
                RetryPolicy = new AzureRetryPolicy(settings),
            };
            options.Retry.NetworkTimeout = settings.NetworkTimeout;
            options.Diagnostics.ApplicationId = settings.ApplicationId;
            options.Diagnostics.IsLoggingEnabled = false;
            options.Diagnostics.IsDistributedTracingEnabled = false;

            var perRetry = verbose == null
                ? new HttpPipelinePolicy[] { new BearerTokenAuthenticationPolicy(credential, scope) }
                : new HttpPipelinePolicy[] { new BearerTokenAuthenticationPolicy(credential, scope), new CallLoggingPolicy(verbose, redactor, serviceName) };
            return HttpPipelineBuilder.Build(options, Array.Empty<HttpPipelinePolicy>(), perRetry, new ResponseClassifier());
        }

        private sealed class PipelineClientOptions : ClientOptions
        {
        }
    }
}
