namespace BatchRotation.Emulator.Infrastructure;

/// <summary>
/// Simulated time. It runs at <see cref="Scale"/> simulated seconds per real second and can be moved
/// forward at once, so that tests see hours of node and certificate life in milliseconds.
/// Token lifetimes use real time, everything Azure-side (nodes, certificates, renewals) uses this.
/// </summary>
public sealed class SimClock
{
    private readonly object _gate = new();
    private DateTimeOffset _anchorReal;
    private DateTimeOffset _anchorSimulated;
    private double _scale;

    public SimClock(double scale = 1, DateTimeOffset? start = null)
    {
        _anchorReal = DateTimeOffset.UtcNow;
        _anchorSimulated = start ?? _anchorReal;
        _scale = scale;
    }

    public DateTimeOffset UtcNow
    {
        get
        {
            lock (_gate)
            {
                return SimulatedAt(DateTimeOffset.UtcNow);
            }
        }
    }

    public double Scale
    {
        get { lock (_gate) { return _scale; } }
        set
        {
            if (value <= 0) throw new ArgumentOutOfRangeException(nameof(value), "The clock scale must be positive.");
            lock (_gate)
            {
                Rebase();
                _scale = value;
            }
        }
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "Simulated time only moves forward.");
        lock (_gate)
        {
            Rebase();
            _anchorSimulated += by;
        }
    }

    /// <summary>Restarts simulated time at the real time (used by reset).</summary>
    public void Reset(double scale)
    {
        lock (_gate)
        {
            _anchorReal = DateTimeOffset.UtcNow;
            _anchorSimulated = _anchorReal;
            _scale = scale;
        }
    }

    private void Rebase()
    {
        var real = DateTimeOffset.UtcNow;
        _anchorSimulated = SimulatedAt(real);
        _anchorReal = real;
    }

    private DateTimeOffset SimulatedAt(DateTimeOffset real) =>
        _anchorSimulated + TimeSpan.FromTicks((long)((real - _anchorReal).Ticks * _scale));
}
