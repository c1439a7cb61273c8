using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using BatchRotation.Core.Azure.Clients;
using BatchRotation.Core.Azure.Models;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Operations;
using BatchRotation.Core.Operations.Inspection;

namespace BatchRotation.Core.Tests.Operations.Inspection.Support;

/// <summary>
/// An in-memory estate behind the read-only client interfaces: one account with <c>pools</c> pools spread over
/// <c>vaults</c> vaults (pool i observes a certificate of vault i % vaults), one identity, two idle nodes per
/// pool. Counts every call, tracks how many run at once, and lets a test delay, fail or hold any of them.
/// Built on DispatchProxy so that methods added to the interfaces later need no change here.
/// </summary>
internal sealed class FakeEstate
{
    private int _inFlight;
    private int _maxInFlight;

    public FakeEstate(int pools, int vaults)
    {
        for (var v = 0; v < vaults; v++)
        {
            var builder = new PoolFactsBuilder();
            builder.Vault["id"] = VaultId(v);
            builder.Vault["name"] = "kv" + v;
            builder.Vault["properties"]!["vaultUri"] = VaultUri(v);
            Vaults.Add(Parse<KeyVaultResource>(builder.Vault, KeyVaultResource.FromJson));
            var certificate = builder.Certificate.DeepClone().AsObject();
            certificate["id"] = VaultUri(v) + "certificates/cert1/" + PoolFactsBuilder.Version;
            Certificates[VaultUri(v)] = Parse(certificate, CertificateMetadata.FromJson);
        }

        for (var p = 0; p < pools; p++)
        {
            var builder = new PoolFactsBuilder();
            builder.Pool["id"] = PoolFactsBuilder.AccountId + "/pools/pool" + p;
            builder.Pool["name"] = "pool" + p;
            builder.SecretsManagement["observedCertificates"]![0]!["url"] = VaultUri(p % Math.Max(1, vaults)) + "secrets/cert1";
            Pools.Add(Parse(builder.Pool, j => BatchPool.FromJson(j)));
        }

        Clients = new InspectionClients(
            Proxy<IBatchManagementClient>(), Proxy<IKeyVaultManagementClient>(), Proxy<IManagedIdentityClient>(),
            Proxy<IAuthorizationClient>(), Proxy<IKeyVaultCertificateClient>(), Proxy<IBatchNodeClient>())
        {
            Subscriptions = Proxy<ISubscriptionClient>(),
        };
    }

    public static string VaultId(int v) => PoolFactsBuilder.VaultId.Replace("/kv1", "/kv" + v);

    public static string VaultUri(int v) => $"https://kv{v}.vault.azure.net/";

    public List<BatchPool> Pools { get; } = [];

    public List<KeyVaultResource> Vaults { get; } = [];

    public Dictionary<string, CertificateMetadata> Certificates { get; } = new(StringComparer.OrdinalIgnoreCase);

    public InspectionClients Clients { get; }

    /// <summary>The subscription the vaults live in (the pools' own by default).</summary>
    public string VaultSubscription { get; set; } = PoolFactsBuilder.Sub;

    /// <summary>Calls per method name.</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>A pause before every answer (to make concurrency visible).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Runs before a method answers (by method name); may throw or wait.</summary>
    public ConcurrentDictionary<string, Func<object?[], Task>> Before { get; } = new();

    public int CallsTo(string method) => Calls.TryGetValue(method, out var n) ? n : 0;

    internal async Task<object?> AnswerAsync(string method, object?[] args)
    {
        Calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            if (Latency > TimeSpan.Zero) await Task.Delay(Latency);
            if (Before.TryGetValue(method, out var before)) await before(args);
            return Answer(method, args);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private object? Answer(string method, object?[] args)
    {
        switch (method)
        {
            case "GetAccountAsync":
                return Parse(new JsonObject { ["id"] = (string)args[0]!, ["name"] = "acct1", ["properties"] = new JsonObject { ["accountEndpoint"] = "acct1.westeurope.batch.azure.com" } }, BatchAccount.FromJson);
            case "ListAccountsAsync":
                return (IReadOnlyList<BatchAccount>)[Parse(new JsonObject { ["id"] = PoolFactsBuilder.AccountId, ["name"] = "acct1", ["properties"] = new JsonObject { ["accountEndpoint"] = "acct1.westeurope.batch.azure.com" } }, BatchAccount.FromJson)];
            case "ListPoolsAsync":
                return (IReadOnlyList<BatchPool>)Pools;
            case "TryGetPoolAsync":
            case "GetPoolAsync":
                return Pools.FirstOrDefault(p => string.Equals(p.Id, (string)args[0]!, StringComparison.OrdinalIgnoreCase))
                    ?? (method == "GetPoolAsync" ? throw NotFound((string)args[0]!) : null);
            case "GetUserAssignedIdentityAsync":
                return Parse(new JsonObject
                {
                    ["id"] = (string)args[0]!,
                    ["name"] = "uami1",
                    ["properties"] = new JsonObject { ["tenantId"] = PoolFactsBuilder.Tenant, ["principalId"] = PoolFactsBuilder.PrincipalId, ["clientId"] = PoolFactsBuilder.ClientId },
                }, UserAssignedIdentity.FromJson);
            case "ListVaultsAsync":
                return string.Equals((string)args[0]!, VaultSubscription, StringComparison.OrdinalIgnoreCase) ? (IReadOnlyList<KeyVaultResource>)Vaults : [];
            case "ListSubscriptionsAsync":
                return (IReadOnlyList<AzureSubscription>)new[] { PoolFactsBuilder.Sub, VaultSubscription, "disabled0-0000-0000-0000-000000000000" }.Distinct()
                    .Select(s => Parse(new JsonObject { ["subscriptionId"] = s, ["state"] = s.StartsWith("disabled", StringComparison.Ordinal) ? "Disabled" : "Enabled" }, AzureSubscription.FromJson))
                    .ToList();
            case "GetVaultAsync":
                return Vaults.FirstOrDefault(v => string.Equals(v.Id, (string)args[0]!, StringComparison.OrdinalIgnoreCase)) ?? throw NotFound((string)args[0]!);
            case "GetCertificateAsync":
                return Certificates.TryGetValue(((Uri)args[0]!).AbsoluteUri, out var certificate) ? certificate : throw NotFound((string)args[1]!);
            case "ListRoleAssignmentsAsync":
                return (IReadOnlyList<RoleAssignment>)[];
            case "ListNodesAsync":
                return (IReadOnlyList<ComputeNode>)[
                    Parse(PoolFactsBuilder.Node("tvmps_1", "idle"), ComputeNode.FromJson),
                    Parse(PoolFactsBuilder.Node("tvmps_2", "idle"), ComputeNode.FromJson)];
            case "GetNodeExtensionAsync":
                return Parse(PoolFactsBuilder.Extension("ProvisioningState/succeeded", "Info", "Enable succeeded"), NodeExtension.FromJson);
            default:
                throw new NotSupportedException($"The fake estate does not answer {method}: an inspection must only read.");
        }
    }

    public static BatchRotationException NotFound(string what) =>
        new("AzureResourceNotFound", ErrorKind.NotFound, $"Azure answered 404 for {what}.", what) { Status = 404 };

    public static BatchRotationException Throttled() =>
        new("AzureThrottled", ErrorKind.LimitsExceeded, "Azure answered 429 (TooManyRequests).") { Status = 429 };

    private T Proxy<T>()
        where T : class
    {
        var proxy = DispatchProxy.Create<T, EstateProxy>();
        ((EstateProxy)(object)proxy).Estate = this;
        return proxy;
    }

    private static T Parse<T>(JsonNode node, Func<JsonElement, T> read) => read(JsonDocument.Parse(node.ToJsonString()).RootElement.Clone());

    /// <summary>Routes every interface call to <see cref="AnswerAsync"/> and returns a task of the method's result type.</summary>
    public class EstateProxy : DispatchProxy
    {
        internal FakeEstate Estate { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var method = targetMethod!;
            var resultType = method.ReturnType.GetGenericArguments()[0];
            var answer = Estate.AnswerAsync(method.Name, args ?? []);
            return typeof(EstateProxy).GetMethod(nameof(Cast), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(resultType).Invoke(null, [answer]);
        }

        private static async Task<TResult> Cast<TResult>(Task<object?> answer) => (TResult)(await answer)!;
    }
}

/// <summary>An operation sink that records everything (thread-safe).</summary>
internal sealed class ListSink : IOperationSink
{
    public ConcurrentQueue<string> Verbose { get; } = new();
    public ConcurrentQueue<BatchRotationException> Errors { get; } = new();
    public ConcurrentQueue<OperationProgress> Progress { get; } = new();

    public void WriteVerbose(string message) => Verbose.Enqueue(message);
    public void WriteWarning(string message) => Verbose.Enqueue("WARNING: " + message);
    public void WriteProgress(OperationProgress progress) => Progress.Enqueue(progress);
    public void WriteError(BatchRotationException error) => Errors.Enqueue(error);
    public bool ShouldProcess(string target, string action) => throw new InvalidOperationException("An inspection never changes anything.");
}
