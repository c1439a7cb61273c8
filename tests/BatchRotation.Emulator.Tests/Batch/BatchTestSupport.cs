using System.Text.Json.Nodes;
using Azure;
using BatchRotation.Emulator.Tests.Infrastructure;

namespace BatchRotation.Emulator.Tests.Batch;

/// <summary>Resource groups and accounts for the Batch tests, made through ARM.</summary>
internal static class BatchTestSupport
{
    public const string Recording = "recordings/batch-mgmt.pools.python-recording.extract.json";

    public static async Task<(string ResourceGroup, string Account)> NewAccountAsync(this EmulatorFixture fixture)
    {
        var resourceGroup = ArmSeeder.UniqueName("rg-batch-");
        await fixture.CreateResourceGroupAsync(resourceGroup);
        var account = ArmSeeder.UniqueName("batch");
        await fixture.CreateAccountAsync(resourceGroup, account);
        return (resourceGroup, account);
    }

    public static string Code(this Response response) => (string?)response.Json()?["error"]?["code"] ?? "";

    public static string Message(this Response response) => (string?)response.Json()?["error"]?["message"] ?? "";

    public static string Header(this Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value ?? "" : "";

    /// <summary>The n-th interaction of the real recording (PUT, PATCH, GET, DELETE, delete poll).</summary>
    public static JsonNode RecordedInteraction(int index) => ReferenceData.Load(Recording)["interactions"]![index]!;
}
