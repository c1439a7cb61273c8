using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace BatchRotation.PowerShell.Tests.Infrastructure;

/// <summary>
/// A fresh runspace of a real PowerShell engine (default session state, <see cref="TestHost"/> as its host)
/// with the built module imported, as a user's new session. Scripts run in its global scope, so variables
/// set by one <see cref="Run"/> are there for the next, as at a prompt.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private PowerShellSession(string manifestPath)
    {
        Host = new TestHost();
        Runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        Runspace.Open();
        ManifestPath = manifestPath;
        ImportResult = Run("Import-Module -Name $manifest -ErrorAction Stop -PassThru", ("manifest", manifestPath));
    }

    public TestHost Host { get; }

    public Runspace Runspace { get; }

    public string ManifestPath { get; }

    /// <summary>What <c>Import-Module &lt;manifest&gt; -ErrorAction Stop -PassThru</c> produced when the session started.</summary>
    public PsResult ImportResult { get; }

    /// <summary>A new runspace with the module imported (the built module unless <paramref name="manifestPath"/> names another copy).</summary>
    public static PowerShellSession Start(string? manifestPath = null) => new(manifestPath ?? BuiltModule.ManifestPath);

    /// <summary>Runs a script after setting <paramref name="variables"/> in the session.</summary>
    public PsResult Run(string script, params (string Name, object? Value)[] variables) => RunWithInput(script, null, variables);

    /// <summary>Runs a script with objects piped into it (<c>$input</c>, or a pipeline that starts with a command).</summary>
    public PsResult RunWithInput(string script, IEnumerable? input, params (string Name, object? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            Runspace.SessionStateProxy.SetVariable(name, value);
        }

        using var shell = Create();
        shell.AddScript(script);
        return Invoke(shell, input);
    }

    /// <summary>Runs one command with named parameters (a switch is <c>true</c>), as the PowerShell API does.</summary>
    public PsResult Invoke(string command, IDictionary? parameters = null, IEnumerable? input = null)
    {
        using var shell = Create();
        shell.AddCommand(command);
        if (parameters is not null) shell.AddParameters(parameters);
        return Invoke(shell, input);
    }

    /// <summary>A PowerShell instance on this runspace, for tests that drive it themselves (BeginInvoke, Stop).</summary>
    public System.Management.Automation.PowerShell Create()
    {
        var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = Runspace;
        return shell;
    }

    /// <summary>Collects what <paramref name="shell"/> produced after it ran (or was stopped).</summary>
    public PsResult Collect(System.Management.Automation.PowerShell shell, IEnumerable<PSObject> output, RuntimeException? terminating) =>
        new(output.ToList(),
            shell.Streams.Error.ToList(),
            shell.Streams.Warning.ToList(),
            shell.Streams.Verbose.ToList(),
            shell.Streams.Progress.ToList(),
            shell.Streams.Information.ToList(),
            terminating,
            Host.TakeText());

    public void Dispose() => Runspace.Dispose();

    private PsResult Invoke(System.Management.Automation.PowerShell shell, IEnumerable? input)
    {
        var output = new List<PSObject>();
        RuntimeException? terminating = null;
        try
        {
            shell.Invoke(input, output);
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }

        return Collect(shell, output, terminating);
    }
}
