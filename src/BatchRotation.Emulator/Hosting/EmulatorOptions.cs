namespace BatchRotation.Emulator.Hosting;

/// <summary>How the emulator is started: from the command line or by a test fixture.</summary>
public sealed record EmulatorOptions
{
    public const int DefaultPort = 47443;

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Where the certificate (PEM) and the environment file are written.</summary>
    public string OutputDirectory { get; init; } = Path.Combine(Directory.GetCurrentDirectory(), ".emulator");

    /// <summary>Optional file the state is loaded from at start and saved to at stop.</summary>
    public string? StateFile { get; init; }

    /// <summary>Simulated seconds per real second at start (1 = real time).</summary>
    public double ClockScale { get; init; } = 1;

    /// <summary>Whether ASP.NET's own request logging goes to the console.</summary>
    public bool VerboseLogging { get; init; }

    public static EmulatorOptions Parse(string[] args)
    {
        var options = new EmulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option '{args[i]}' needs a value.");
            options = args[i] switch
            {
                "--port" => options with { Port = ParsePort(Next()) },
                "--output-dir" => options with { OutputDirectory = Path.GetFullPath(Next()) },
                "--state-file" => options with { StateFile = Path.GetFullPath(Next()) },
                "--clock-scale" => options with { ClockScale = ParseScale(Next()) },
                "--verbose" => options with { VerboseLogging = true },
                "--help" or "-h" => throw new HelpRequestedException(),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. {Usage}"),
            };
        }
        return options;
    }

    public const string Usage =
        "Usage: BatchRotation.Emulator [--port <n, 0 = any free port>] [--output-dir <dir>] [--state-file <file>] [--clock-scale <x>] [--verbose]";

    private static int ParsePort(string value) =>
        int.TryParse(value, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"'{value}' is not a TCP port (0-65535).");

    private static double ParseScale(string value) =>
        double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var scale) && scale > 0
            ? scale
            : throw new ArgumentException($"'{value}' is not a positive clock scale.");
}

public sealed class HelpRequestedException : Exception;
