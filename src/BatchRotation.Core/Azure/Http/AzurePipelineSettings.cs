using System;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>
    /// Retry and timeout settings of the service pipelines. Requests answered 408, 429, 500, 502, 503 or 504,
    /// and requests whose connection failed, are retried with exponential back-off; a <c>Retry-After</c>
    /// (or <c>retry-after-ms</c>) answer is honoured as long as it is at most <see cref="MaxServerDelay"/>.
    /// </summary>
    public sealed record AzurePipelineSettings
    {
        /// <summary>The settings used unless a caller gives others.</summary>
        public static AzurePipelineSettings Default { get; } = new AzurePipelineSettings();

        /// <summary>Retries after the first attempt.</summary>
        public int MaxRetries { get; init; } = 5;

        /// <summary>The first back-off delay when the service gives no Retry-After.</summary>
        public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest back-off delay when the service gives no Retry-After.</summary>
        public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// The longest Retry-After the pipeline waits for. A longer one ends the retries and the throttling
        /// error reaches the caller, rather than blocking a runbook for an unbounded time.
        /// </summary>
        public TimeSpan MaxServerDelay { get; init; } = TimeSpan.FromMinutes(2);

        /// <summary>The timeout of one network operation.</summary>
        public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(100);

        /// <summary>Sent in the User-Agent (at most 24 characters).</summary>
        public string ApplicationId { get; init; } = "BatchRotation";
    }
}
