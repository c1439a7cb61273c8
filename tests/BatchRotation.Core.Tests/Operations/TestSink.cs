using System.Collections.Concurrent;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;

namespace BatchRotation.Core.Tests.Operations;

/// <summary>Records what an operation reports; answers ShouldProcess as told (per call with <see cref="Decide"/>).</summary>
internal sealed class TestSink(bool shouldProcess = true) : IOperationSink
{
    public ConcurrentQueue<string> Verbose { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();
    public ConcurrentQueue<OperationProgress> Progress { get; } = new();
    public ConcurrentQueue<BatchRotationException> Errors { get; } = new();
    public ConcurrentQueue<(string Target, string Action)> ShouldProcessCalls { get; } = new();
    public Func<string, string, bool>? Decide { get; init; }

    public void WriteVerbose(string message) => Verbose.Enqueue(message);
    public void WriteWarning(string message) => Warnings.Enqueue(message);
    public void WriteProgress(OperationProgress progress) => Progress.Enqueue(progress);
    public void WriteError(BatchRotationException error) => Errors.Enqueue(error);

    public bool ShouldProcess(string target, string action)
    {
        ShouldProcessCalls.Enqueue((target, action));
        return Decide?.Invoke(target, action) ?? shouldProcess;
    }
}
