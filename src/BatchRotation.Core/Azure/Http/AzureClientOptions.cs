using System;
using System.Threading;
using System.Threading.Tasks;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>Behaviour of the REST clients beyond the pipeline: long-running operations and paging limits.</summary>
    public sealed record AzureClientOptions
    {
        /// <summary>The options used unless a caller gives others.</summary>
        public static AzureClientOptions Default { get; } = new AzureClientOptions();

        /// <summary>Retry and timeout settings of the pipelines.</summary>
        public AzurePipelineSettings Pipeline { get; init; } = AzurePipelineSettings.Default;

        /// <summary>The wait between polls of a long-running operation when the service gives no Retry-After.</summary>
        public TimeSpan DefaultPollInterval { get; init; } = TimeSpan.FromSeconds(5);

        /// <summary>The longest wait between two polls, whatever Retry-After says.</summary>
        public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromMinutes(2);

        /// <summary>How long a long-running operation may take before the wait is given up.</summary>
        public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMinutes(30);

        /// <summary>The most pages a list may have (a guard against endless paging).</summary>
        public int MaxPages { get; init; } = 1000;

        /// <summary>How to wait between polls (tests replace it to run without sleeping).</summary>
        internal Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;
    }
}
