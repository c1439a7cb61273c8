using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BatchRotation.Core.Azure.Http
{
    /// <summary>
    /// Reports every attempt of every call to a verbose callback, as
    /// <c>METHOD URL -&gt; STATUS (request id ...)</c>. The URL is sanitized (secret query values masked) and
    /// the whole line goes through the <see cref="Redactor"/>. Sits after the retry policy, so each retry is
    /// its own line.
    /// </summary>
    internal sealed class CallLoggingPolicy : HttpPipelinePolicy
    {
        private const string AttemptProperty = "BatchRotation.Attempt";
        private readonly Action<string> _verbose;
        private readonly Redactor _redactor;
        private readonly string _serviceName;

        public CallLoggingPolicy(Action<string> verbose, Redactor redactor, string serviceName)
        {
            _verbose = verbose ?? throw new ArgumentNullException(nameof(verbose));
            _redactor = redactor ?? throw new ArgumentNullException(nameof(redactor));
            _serviceName = serviceName;
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var attempt = NextAttempt(message);
            var stopwatch = Stopwatch.StartNew();
            try
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _verbose(FormatFailure(message, ex, attempt, stopwatch.Elapsed));
                throw;
            }

            _verbose(FormatResponse(message, attempt, stopwatch.Elapsed));
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var attempt = NextAttempt(message);
            var stopwatch = Stopwatch.StartNew();
            try
            {
                ProcessNext(message, pipeline);
            }
            catch (Exception ex)
            {
                _verbose(FormatFailure(message, ex, attempt, stopwatch.Elapsed));
                throw;
            }

            _verbose(FormatResponse(message, attempt, stopwatch.Elapsed));
        }

        private static int NextAttempt(HttpMessage message)
        {
            var attempt = message.TryGetProperty(AttemptProperty, out var value) && value is int previous ? previous + 1 : 1;
            message.SetProperty(AttemptProperty, attempt);
            return attempt;
        }

        private string Describe(HttpMessage message, int attempt) =>
            $"{_serviceName}: {message.Request.Method} {UrlSanitizer.Sanitize(message.Request.Uri.ToUri(), _redactor)}" +
            (attempt > 1 ? $" (attempt {attempt})" : string.Empty);

        private string FormatResponse(HttpMessage message, int attempt, TimeSpan elapsed)
        {
            var response = message.Response;
            var requestId = ResponseInfo.RequestId(name => response.Headers.TryGetValue(name, out var v) ? v : null) ?? "none";
            return _redactor.Redact(
                $"{Describe(message, attempt)} -> {response.Status} (request id {requestId}) [{(long)elapsed.TotalMilliseconds} ms]");
        }

        private string FormatFailure(HttpMessage message, Exception ex, int attempt, TimeSpan elapsed)
        {
            var reason = ex is OperationCanceledException && message.CancellationToken.IsCancellationRequested
                ? "cancelled"
                : "failed: " + ex.GetType().Name + ": " + ex.Message;
            return _redactor.Redact($"{Describe(message, attempt)} -> {reason} [{(long)elapsed.TotalMilliseconds} ms]");
        }
    }
}
