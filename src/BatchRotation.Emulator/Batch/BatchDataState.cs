namespace BatchRotation.Emulator.Batch;

/// <summary>The Batch data plane's state: the compute nodes of each pool. Persisted with the rest of the state.</summary>
public sealed class BatchDataState
{
    /// <summary>Forgets every pool's nodes (the control surface's reset).</summary>
    public void Clear()
    {
    }
}
