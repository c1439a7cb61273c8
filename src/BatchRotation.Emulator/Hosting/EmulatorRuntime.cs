using BatchRotation.Emulator.Identity;
using BatchRotation.Emulator.Infrastructure;
using BatchRotation.Emulator.State;

namespace BatchRotation.Emulator.Hosting;

/// <summary>The emulator's singletons, shared by the middleware and every endpoint handler.</summary>
public sealed class EmulatorRuntime : IDisposable
{
    public EmulatorRuntime(EmulatorOptions options, EmulatorState state)
    {
        Options = options;
        State = state;
        Clock = new SimClock(options.ClockScale);
    }

    public EmulatorOptions Options { get; }

    public EmulatorState State { get; }

    public SimClock Clock { get; }

    public RequestJournal Journal { get; } = new();

    public FaultInjector Faults { get; } = new();

    public TokenIssuer Tokens { get; } = new();

    /// <summary>The HTTPS endpoint once listening, e.g. <c>https://127.0.0.1:47443/</c>.</summary>
    public Uri Endpoint { get; set; } = new("https://127.0.0.1/");

    /// <summary>
    /// Back to the seeded state: the tenant, subscription and default principal stay (so that the
    /// environment file keeps working), everything created since is forgotten.
    /// </summary>
    public void Reset()
    {
        lock (State.Sync)
        {
            var defaultPrincipal = State.Principals[State.DefaultPrincipalId];
            State.Principals.Clear();
            State.Principals[defaultPrincipal.PrincipalId] = defaultPrincipal;
            State.Resources.Clear();
            State.Operations.Clear();
            State.KeyVault.Clear();
            State.Batch.Clear();
            foreach (var subscriptionId in State.SubscriptionIds)
            {
                Seed.AddRoleAssignment(State, ResourceIds.Subscription(subscriptionId), Seed.OwnerRoleDefinitionGuid, defaultPrincipal.PrincipalId, Clock.UtcNow);
            }
        }
        Journal.Clear();
        Faults.ClearAll();
        Clock.Reset(Options.ClockScale);
    }

    public void Dispose() => Tokens.Dispose();
}
