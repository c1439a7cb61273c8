namespace BatchRotation.Emulator.Infrastructure;

/// <summary>Faults to inject into one service's responses. Rates are probabilities (0..1); counts are exact.</summary>
public sealed record FaultSettings
{
    public int LatencyMs { get; init; }
    public double ThrottleRate { get; init; }
    public int RetryAfterSeconds { get; init; } = 1;
    public double ServerErrorRate { get; init; }
    public double DropRate { get; init; }

    /// <summary>Throttle exactly this many next requests (deterministic, for tests).</summary>
    public int ThrottleNext { get; init; }
    public int ServerErrorNext { get; init; }
    public int DropNext { get; init; }

    public bool IsEmpty => this == new FaultSettings();
}

public enum FaultDecision
{
    None,
    Throttle,
    ServerError,
    Drop,
}

/// <summary>The fault settings per service and the decision, request by request, whether to inject one.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly Dictionary<ServiceKind, FaultSettings> _settings = new();
    private readonly Dictionary<ServiceKind, (int Throttle, int ServerError, int Drop)> _remaining = new();
    private readonly Random _random;

    public FaultInjector(int? seed = null) => _random = seed is { } s ? new Random(s) : new Random();

    public static readonly ServiceKind[] InjectableServices = [ServiceKind.Arm, ServiceKind.KeyVault, ServiceKind.Batch, ServiceKind.Entra];

    public void Set(ServiceKind service, FaultSettings settings)
    {
        lock (_gate)
        {
            _settings[service] = settings;
            _remaining[service] = (settings.ThrottleNext, settings.ServerErrorNext, settings.DropNext);
        }
    }

    public void ClearAll()
    {
        lock (_gate)
        {
            _settings.Clear();
            _remaining.Clear();
        }
    }

    public FaultSettings Get(ServiceKind service)
    {
        lock (_gate)
        {
            return _settings.TryGetValue(service, out var settings) ? settings : new FaultSettings();
        }
    }

    public IReadOnlyDictionary<ServiceKind, FaultSettings> All()
    {
        lock (_gate)
        {
            return new Dictionary<ServiceKind, FaultSettings>(_settings);
        }
    }

    public FaultDecision Decide(ServiceKind service)
    {
        lock (_gate)
        {
            if (!_settings.TryGetValue(service, out var settings)) return FaultDecision.None;
            var (throttle, serverError, drop) = _remaining[service];
            if (drop > 0) { _remaining[service] = (throttle, serverError, drop - 1); return FaultDecision.Drop; }
            if (throttle > 0) { _remaining[service] = (throttle - 1, serverError, drop); return FaultDecision.Throttle; }
            if (serverError > 0) { _remaining[service] = (throttle, serverError - 1, drop); return FaultDecision.ServerError; }
            var roll = _random.NextDouble();
            if (roll < settings.DropRate) return FaultDecision.Drop;
            if (roll < settings.DropRate + settings.ThrottleRate) return FaultDecision.Throttle;
            if (roll < settings.DropRate + settings.ThrottleRate + settings.ServerErrorRate) return FaultDecision.ServerError;
            return FaultDecision.None;
        }
    }
}
