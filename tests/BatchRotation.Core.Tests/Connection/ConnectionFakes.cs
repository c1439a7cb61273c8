using System.Collections.Concurrent;
using Azure.Core;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.SignIn;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Connection;

/// <summary>Records what an operation reports.</summary>
internal sealed class RecordingSink : IOperationSink
{
    public ConcurrentQueue<string> Verbose { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();
    public ConcurrentQueue<BatchRotationException> Errors { get; } = new();

    public IEnumerable<string> AllText => Verbose.Concat(Warnings).Concat(Errors.Select(e => e.ToString()));

    public void WriteVerbose(string message) => Verbose.Enqueue(message);
    public void WriteWarning(string message) => Warnings.Enqueue(message);
    public void WriteProgress(OperationProgress progress) { }
    public void WriteError(BatchRotationException error) => Errors.Enqueue(error);
    public bool ShouldProcess(string target, string action) => throw new InvalidOperationException("Signing in never asks to change anything.");
}

/// <summary>Builds contexts over a <see cref="TestAzure"/>'s fake transport and credential.</summary>
internal static class ConnectionContexts
{
    /// <summary>The tenant, object id and application id the <see cref="FakeCredential"/> token names.</summary>
    public const string TokenTenant = "11111111-1111-1111-1111-111111111111";
    public const string TokenObjectId = "22222222-2222-2222-2222-222222222222";
    public const string TokenApplicationId = "33333333-3333-3333-3333-333333333333";

    public const string Secret = "Sup3r~Secret.Value-for-tests";

    public static BatchRotationContext For(TestAzure azure, string? tenantId = null, string? subscriptionId = TestAzure.Sub, TokenCredential? credential = null) =>
        new(azure.Cloud, tenantId, subscriptionId, credential ?? azure.Credential, SignInMethod.EnvironmentFile,
            "client secret of application 0d3a4b5c (test)", azure.Transport, null, new Redactor(new[] { Secret }));

    public static string Subscription(string id, string name = "Production", string state = "Enabled") =>
        $$"""{"id":"/subscriptions/{{id}}","subscriptionId":"{{id}}","tenantId":"{{TokenTenant}}","displayName":"{{name}}","state":"{{state}}"}""";
}
