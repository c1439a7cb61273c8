namespace BatchRotation.Emulator.Batch;

/// <summary>Registers every Batch data-plane route (per account, under /batch/{account}/).</summary>
public static class BatchEndpoints
{
    public static void Map(WebApplication app)
    {
    }
}
