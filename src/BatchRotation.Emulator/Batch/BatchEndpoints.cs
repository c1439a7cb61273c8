using BatchRotation.Emulator.Hosting;

namespace BatchRotation.Emulator.Batch;

/// <summary>
/// Registers everything Batch: the ARM routes of <c>Microsoft.Batch</c> (accounts and pools), the Batch
/// data plane under <c>/batch/{account}/</c>, and the Batch control routes under <c>/_emulator/batch/</c>.
/// It also brings the node simulation up to the simulated clock before every request, so that each change
/// to the world (a renewal, a role assignment, a clock jump) finds the nodes as they were just before it.
/// </summary>
public static class BatchEndpoints
{
    public static void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
            lock (runtime.State.Sync)
            {
                BatchSimulation.Sync(runtime);
            }
            await next(context);
        });
        BatchAccounts.Map(app);
        BatchPools.Map(app);
        BatchDataPlane.Map(app);
        BatchControl.Map(app);
    }
}
