using System;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>
    /// Azure.Core's retry policy (exponential back-off with jitter, Retry-After honoured, retriable statuses and
    /// dropped connections), with one addition: a Retry-After longer than
    /// <see cref="AzurePipelineSettings.MaxServerDelay"/> stops the retries instead of sleeping for it.
    /// </summary>
    internal sealed class AzureRetryPolicy : RetryPolicy
    {
        private readonly TimeSpan _maxServerDelay;

        public AzureRetryPolicy(AzurePipelineSettings settings)
            : base(settings.MaxRetries, DelayStrategy.CreateExponentialDelayStrategy(settings.InitialDelay, settings.MaxDelay))
        {
            _maxServerDelay = settings.MaxServerDelay;
        }

        protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
            base.ShouldRetry(message, exception) && ServerDelayAcceptable(message);

        protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
            await base.ShouldRetryAsync(message, exception).ConfigureAwait(false) && ServerDelayAcceptable(message);

        private bool ServerDelayAcceptable(HttpMessage message)
        {
            if (!message.HasResponse)
            {
                return true;
            }

            var response = message.Response;
            var delay = RetryAfter.Parse(name => response.Headers.TryGetValue(name, out var v) ? v : null, DateTimeOffset.UtcNow);
            return delay == null || delay.Value <= _maxServerDelay;
        }
    }
}
