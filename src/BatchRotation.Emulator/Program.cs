using BatchRotation.Emulator.Hosting;

EmulatorOptions options;
try
{
    options = EmulatorOptions.Parse(args);
}
catch (HelpRequestedException)
{
    Console.WriteLine(EmulatorOptions.Usage);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

await using var host = await EmulatorHost.StartAsync(options, stop.Token);
Console.WriteLine($"BatchRotation emulator listening on {host.Endpoint}");
Console.WriteLine($"  environment file: {host.EnvironmentFile}");
Console.WriteLine($"  certificate:      {host.Environment.CertificateFile}");
Console.WriteLine($"  control surface:  {host.Environment.ControlUrl}");
if (options.StateFile is { } stateFile) Console.WriteLine($"  state file:       {stateFile}");
Console.WriteLine("Press Ctrl+C to stop.");

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
Console.WriteLine("Stopping the emulator.");
return 0;
