using System.Collections.Concurrent;
using BatchRotation.Commands.Infrastructure;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;

namespace BatchRotation.Commands.Tests;

/// <summary>
/// The pump with real threads and a recording writer (no PowerShell involved: the pump only knows
/// <see cref="IPipelineWriter"/>). What the cmdlet adapter then does with each call is PowerShell's
/// and is exercised in real PowerShell by the Pester tests of the cmdlets.
/// </summary>
public class OperationPumpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private sealed class Recorder : IPipelineWriter
    {
        public ConcurrentQueue<(string Call, object? Value, int Thread)> Calls { get; } = new();

        public Func<string, string, bool> Answer { get; set; } = (_, _) => true;

        public Action<string>? OnCall { get; set; }

        public void WriteObject(object? item) => Record("object", item);

        public void WriteVerbose(string message) => Record("verbose", message);

        public void WriteWarning(string message) => Record("warning", message);

        public void WriteProgress(OperationProgress progress) => Record("progress", progress);

        public void WriteError(BatchRotationException error) => Record("error", error);

        public bool ShouldProcess(string target, string action)
        {
            Record("shouldprocess", target);
            return Answer(target, action);
        }

        private void Record(string call, object? value)
        {
            Calls.Enqueue((call, value, Environment.CurrentManagedThreadId));
            OnCall?.Invoke(call);
        }
    }

    private static Exception? Run(Func<QueuedOperationSink, CancellationToken, Task> operation, IPipelineWriter writer, CancellationToken stop = default)
    {
        // Run on a dedicated thread standing in for the pipeline thread, with a time limit so a
        // deadlock fails the test instead of hanging the run.
        Exception? result = null;
        Exception? thrown = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = OperationPump.Run(operation, writer, stop);
            }
            catch (Exception e)
            {
                thrown = e;
            }
        });
        thread.Start();
        Assert.True(thread.Join(Timeout), "the pump did not return");
        PipelineThread = thread.ManagedThreadId;
        return thrown is not null ? throw new PumpThrewException(thrown) : result;
    }

    private static int PipelineThread { get; set; }

    /// <summary>What the operation's thread reported, waiting for it a bounded time.</summary>
    private static T Outcome<T>(TaskCompletionSource<T> outcome)
    {
        Assert.True(SpinWait.SpinUntil(() => outcome.Task.IsCompleted, Timeout), "the operation's thread never reported");
        return outcome.Task.GetAwaiter().GetResult();
    }

    private sealed class PumpThrewException(Exception inner) : Exception("The pump threw.", inner);

    [Fact]
    public void Everything_reported_is_written_on_the_pipeline_thread_in_order()
    {
        var writer = new Recorder();
        int operationThread = 0;
        var error = new BatchRotationException("ItemFailed", ErrorKind.NotFound, "one item failed", "item-1");

        var failure = Run(async (sink, token) =>
        {
            await Task.Yield();
            operationThread = Environment.CurrentManagedThreadId;
            sink.WriteVerbose("v1");
            sink.WriteWarning("w1");
            sink.WriteProgress(new OperationProgress(1, "Activity", "Status") { PercentComplete = 50 });
            sink.WriteError(error);
            for (int i = 0; i < 500; i++)
            {
                sink.WriteObject(i);
                await Task.Delay(0, token).ConfigureAwait(false);
            }
        }, writer);

        Assert.Null(failure);
        var calls = writer.Calls.ToList();
        Assert.Equal(504, calls.Count);
        Assert.All(calls, c => Assert.Equal(PipelineThread, c.Thread));
        Assert.NotEqual(PipelineThread, operationThread);
        Assert.Equal(new[] { "verbose", "warning", "progress", "error" }, calls.Take(4).Select(c => c.Call));
        Assert.Same(error, calls[3].Value);
        Assert.Equal(Enumerable.Range(0, 500).Cast<object?>(), calls.Skip(4).Select(c => c.Value));
    }

    [Fact]
    public void ShouldProcess_is_asked_on_the_pipeline_thread_and_its_answer_returned_to_the_operation()
    {
        var writer = new Recorder { Answer = (target, _) => target == "yes" };
        var answers = new List<bool>();

        var failure = Run((sink, _) =>
        {
            answers.Add(sink.ShouldProcess("yes", "Create"));
            sink.WriteVerbose("between");
            answers.Add(sink.ShouldProcess("no", "Delete"));
            return Task.CompletedTask;
        }, writer);

        Assert.Null(failure);
        Assert.Equal(new[] { true, false }, answers);
        Assert.Equal(new[] { "shouldprocess", "verbose", "shouldprocess" }, writer.Calls.Select(c => c.Call));
        Assert.All(writer.Calls, c => Assert.Equal(PipelineThread, c.Thread));
    }

    [Fact]
    public void The_operations_exception_is_returned_unwrapped()
    {
        var error = new BatchRotationException("PoolExists", ErrorKind.ResourceExists, "exists");
        var failure = Run(async (_, _) =>
        {
            await Task.Yield();
            Task.WhenAll(Task.Run(() => throw error)).Wait(); // an AggregateException inside an AggregateException
        }, new Recorder());

        Assert.Same(error, failure);
    }

    [Fact]
    public void Several_simultaneous_failures_stay_together()
    {
        var failure = Run(
            (_, _) => Task.WhenAll(Task.Run(() => throw new InvalidOperationException("a")), Task.Run(() => throw new InvalidOperationException("b"))),
            new Recorder());

        // Task.WhenAll's task carries both; awaiting it would have kept only the first.
        var both = Assert.IsType<AggregateException>(failure);
        Assert.Equal(new[] { "a", "b" }, both.InnerExceptions.Select(e => e.Message).OrderBy(m => m));
    }

    [Fact]
    public void A_cancelled_operation_is_a_failure_not_a_success()
    {
        var failure = Run((_, _) => Task.FromCanceled(new CancellationToken(true)), new Recorder());
        Assert.IsAssignableFrom<OperationCanceledException>(failure);
    }

    [Fact]
    public void An_operation_that_returns_no_task_is_reported()
    {
        var failure = Run((_, _) => null!, new Recorder());
        Assert.IsType<InvalidOperationException>(failure);
    }

    [Fact]
    public void Stop_returns_at_once_and_cancels_the_operation()
    {
        using var stop = new CancellationTokenSource();
        var operationCancelled = new TaskCompletionSource<bool>();
        var writer = new Recorder { OnCall = call => { if (call == "verbose") { stop.Cancel(); } } };

        var failure = Run(async (sink, token) =>
        {
            token.Register(() => operationCancelled.TrySetResult(true));
            sink.WriteVerbose("started");
            await Task.Delay(Timeout * 3, CancellationToken.None).ConfigureAwait(false); // ignores its token on purpose
        }, writer, stop.Token);

        Assert.IsAssignableFrom<OperationCanceledException>(failure);
        Assert.True(Outcome(operationCancelled), "the operation's token was not cancelled");
    }

    [Fact]
    public void Stop_releases_an_operation_waiting_for_a_ShouldProcess_answer()
    {
        using var stop = new CancellationTokenSource();
        Exception? operationSaw = null;
        var writer = new Recorder { OnCall = call => { if (call == "verbose") { stop.Cancel(); } } };

        var failure = Run((sink, _) =>
        {
            sink.WriteVerbose("started");
            stop.Token.WaitHandle.WaitOne(Timeout);
            operationSaw = Record.Exception(() => sink.ShouldProcess("never answered", "x"));
            return Task.CompletedTask;
        }, writer, stop.Token);

        Assert.IsAssignableFrom<OperationCanceledException>(failure);
        SpinWait.SpinUntil(() => operationSaw is not null, Timeout);
        Assert.IsAssignableFrom<OperationCanceledException>(operationSaw);
        Assert.DoesNotContain(writer.Calls, c => c.Call == "shouldprocess");
    }

    [Fact]
    public void A_writer_exception_propagates_unchanged_and_cancels_the_operation()
    {
        var stopByPreference = new InvalidOperationException("stands in for ActionPreferenceStopException");
        var operationSaw = new TaskCompletionSource<Exception?>();
        var writer = new Recorder { OnCall = call => { if (call == "error") { throw stopByPreference; } } };

        var thrown = Assert.Throws<PumpThrewException>(() => Run(async (sink, token) =>
        {
            sink.WriteError(new BatchRotationException("ItemFailed", ErrorKind.InvalidData, "bad"));
            try
            {
                // The pipeline thread will never answer: it is gone. The wait must end anyway.
                sink.ShouldProcess("after the error", "x");
                await Task.Delay(Timeout * 3, token).ConfigureAwait(false);
                operationSaw.TrySetResult(null);
            }
            catch (Exception e)
            {
                operationSaw.TrySetResult(e);
                throw;
            }
        }, writer));

        Assert.Same(stopByPreference, thrown.InnerException);
        Assert.IsAssignableFrom<OperationCanceledException>(Outcome(operationSaw));
    }

    [Fact]
    public void A_ShouldProcess_that_throws_propagates_and_releases_the_operation()
    {
        var refusal = new InvalidOperationException("stands in for PipelineStoppedException");
        var operationSaw = new TaskCompletionSource<Exception?>();
        var writer = new Recorder { Answer = (_, _) => throw refusal };

        var thrown = Assert.Throws<PumpThrewException>(() => Run((sink, _) =>
        {
            try
            {
                sink.ShouldProcess("t", "a");
                operationSaw.TrySetResult(null);
            }
            catch (Exception e)
            {
                operationSaw.TrySetResult(e);
            }

            return Task.CompletedTask;
        }, writer));

        Assert.Same(refusal, thrown.InnerException);
        Assert.IsAssignableFrom<OperationCanceledException>(Outcome(operationSaw));
    }

    [Fact]
    public void Messages_reported_after_the_pump_has_gone_are_dropped_quietly()
    {
        using var stop = new CancellationTokenSource();
        QueuedOperationSink? kept = null;

        Run((sink, _) =>
        {
            kept = sink;
            stop.Cancel();
            return Task.Delay(Timeout * 3, CancellationToken.None);
        }, new Recorder(), stop.Token);

        var exception = Record.Exception(() => kept!.WriteVerbose("late"));
        Assert.Null(exception);
    }

    [Fact]
    public void Unwrap_flattens_nested_aggregates_to_their_single_exception()
    {
        var inner = new TimeoutException();
        Assert.Same(inner, OperationPump.Unwrap(new AggregateException(new AggregateException(inner))));
        Assert.Null(OperationPump.Unwrap(null));
        var two = new AggregateException(new Exception("a"), new Exception("b"));
        Assert.Same(two, OperationPump.Unwrap(two));
    }
}
