using System.Diagnostics;
using System.Text.Json.Nodes;

namespace BatchRotation.Emulator.Tests.Hosting;

/// <summary>
/// The emulator as a user starts it: one command, files written where asked, and a clean stop on
/// Ctrl+C (SIGINT) or SIGTERM that saves the state file.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "batchrotation-emulator-cli", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_stops_it_cleanly_and_saves_the_state(string signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // POSIX signals; Windows has Ctrl+C only in a console
        var stateFile = Path.Combine(_directory, "state.json");
        using var emulator = Start("--port", "0", "--output-dir", _directory, "--state-file", stateFile);
        await WaitForAsync(() => File.Exists(Path.Combine(_directory, "emulator.env.json")));
        var environment = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_directory, "emulator.env.json")))!;

        using (var kill = Process.Start("kill", ["-" + signal, emulator.Id.ToString()])) await kill.WaitForExitAsync();
        var exited = emulator.WaitForExit(TimeSpan.FromSeconds(20));

        if (!exited) emulator.Kill(entireProcessTree: true);
        Assert.True(exited, "The emulator did not stop within 20 s.");
        Assert.Equal(0, emulator.ExitCode);
        Assert.Contains("Stopping the emulator.", await emulator.StandardOutput.ReadToEndAsync());
        var saved = JsonNode.Parse(await File.ReadAllTextAsync(stateFile))!;
        Assert.Equal((string?)environment["tenantId"], (string?)saved["TenantId"]);
    }

    [Fact]
    public async Task An_unknown_option_is_refused_with_the_usage()
    {
        using var emulator = Start("--colour", "blue");

        Assert.True(emulator.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(2, emulator.ExitCode);
        Assert.Contains("Unknown option '--colour'", await emulator.StandardError.ReadToEndAsync());
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BatchRotation.Emulator.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The emulator did not write its environment file within 30 s.");
            await Task.Delay(100);
        }
    }
}
