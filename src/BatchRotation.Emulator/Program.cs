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

// Ctrl+C and SIGTERM reach the host's console lifetime, which stops the web server; waiting for that
// and then disposing the host lets it finish and save the state file before the process ends.
await using var host = await EmulatorHost.StartAsync(options);
Console.WriteLine($"BatchRotation emulator listening on {host.Endpoint}");
Console.WriteLine($"  environment file: {host.EnvironmentFile}");
Console.WriteLine($"  certificate:      {host.Environment.CertificateFile}");
Console.WriteLine($"  control surface:  {host.Environment.ControlUrl}");
if (options.StateFile is { } stateFile) Console.WriteLine($"  state file:       {stateFile}");
Console.WriteLine("Press Ctrl+C to stop.");

try
{
    await Task.Delay(Timeout.Infinite, host.Stopping);
}
catch (OperationCanceledException)
{
}
Console.WriteLine("Stopping the emulator.");
return 0;
