# Shared helpers for the Pester tests (and build.ps1 -Task Demo): find and import the built module,
# start and stop the emulator. Dot-source it; it defines functions only and changes nothing else.
#
#   BeforeAll { . (Join-Path $PSScriptRoot 'TestHelpers.ps1') }
#
# Requires PowerShell 7.2+ (process-tree kill, X509Certificate2.CreateFromPem) and the solution built
# (`dotnet build`), which produces out/BatchRotation/<version>/ and the emulator.

Set-StrictMode -Version Latest

function Get-BatchRotationRepoRoot {
    <# The folder holding BatchRotation.sln, found by walking up from this file. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $dir = Get-Item -LiteralPath $PSScriptRoot
    while ($null -ne $dir) {
        if (Test-Path -LiteralPath (Join-Path $dir.FullName 'BatchRotation.sln')) {
            return $dir.FullName
        }
        $dir = $dir.Parent
    }
    throw "No BatchRotation.sln above $PSScriptRoot."
}

function Get-BatchRotationVersion {
    <# VersionPrefix from Directory.Build.props: the one version source. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $props = Join-Path (Get-BatchRotationRepoRoot) 'Directory.Build.props'
    $values = @(Select-Xml -LiteralPath $props -XPath '//VersionPrefix' | ForEach-Object { $_.Node.InnerText.Trim() })
    if ($values.Count -ne 1) {
        throw 'Directory.Build.props must define VersionPrefix exactly once.'
    }
    $values[0]
}

function Get-BatchRotationManifestPath {
    <# The manifest of the built module folder; fails clearly when the module has not been built. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $path = Join-Path (Get-BatchRotationRepoRoot) "out/BatchRotation/$(Get-BatchRotationVersion)/BatchRotation.psd1"
    if (-not (Test-Path -LiteralPath $path)) {
        throw "The built module is not at $path. Run 'dotnet build' (or ./build.ps1) first."
    }
    $path
}

function Import-BatchRotationBuiltModule {
    <# Imports the built module into the current session (replacing any loaded copy) and returns it. #>
    [CmdletBinding()]
    [OutputType([psmoduleinfo])]
    param()
    Remove-Module -Name BatchRotation -Force -ErrorAction Ignore
    Import-Module -Name (Get-BatchRotationManifestPath) -Force -PassThru -ErrorAction Stop
}

function Invoke-InBatchRotationRunspace {
    <#
    Runs a script in a fresh runspace (default session state, nothing else loaded) after importing the
    built module there, and returns its output. Errors in the script are thrown here.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Script,

        [hashtable] $Parameters = @{}
    )
    $state = [initialsessionstate]::CreateDefault2()
    $state.ImportPSModule([string[]] @(Get-BatchRotationManifestPath))
    $runspace = [runspacefactory]::CreateRunspace($state)
    $shell = [powershell]::Create()
    try {
        $runspace.Open()
        $shell.Runspace = $runspace
        $null = $shell.AddScript($Script)
        foreach ($name in $Parameters.Keys) {
            $null = $shell.AddParameter($name, $Parameters[$name])
        }
        $output = $shell.Invoke()
        if ($shell.HadErrors -and $shell.Streams.Error.Count -gt 0) {
            throw $shell.Streams.Error[0]
        }
        $output
    }
    finally {
        $shell.Dispose()
        $runspace.Dispose()
    }
}

function Start-BatchRotationEmulator {
    <#
    Starts the emulator on a free port and waits until it answers. Returns an object with the process,
    the environment file (for Connect-BatchRotation -EnvironmentFile), its parsed content and the log
    files. Always pair with Stop-BatchRotationEmulator (in AfterAll / finally).
    -NoBuild runs the already built emulator (tests run after 'dotnet build'/'dotnet test') of the given
    -Configuration (default: $env:BATCHROTATION_CONFIGURATION, which build.ps1 sets, else Debug).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $OutputDirectory,

        [ValidateRange(1, 600)]
        [int] $TimeoutSeconds = 120,

        [switch] $NoBuild,

        [ValidateSet('Debug', 'Release')]
        [string] $Configuration = $(if ($env:BATCHROTATION_CONFIGURATION) { $env:BATCHROTATION_CONFIGURATION } else { 'Debug' })
    )
    $root = Get-BatchRotationRepoRoot
    $null = New-Item -ItemType Directory -Path $OutputDirectory -Force
    $OutputDirectory = (Resolve-Path -LiteralPath $OutputDirectory).ProviderPath
    $envFile = Join-Path $OutputDirectory 'emulator.env.json'
    Remove-Item -LiteralPath $envFile -ErrorAction Ignore
    $stdout = Join-Path $OutputDirectory 'emulator.stdout.log'
    $stderr = Join-Path $OutputDirectory 'emulator.stderr.log'

    $arguments = @('run', '--configuration', $Configuration)
    if ($NoBuild) { $arguments += '--no-build' }
    $arguments += @('--project', (Join-Path $root 'src/BatchRotation.Emulator'), '--', '--port', '0', '--output-dir', $OutputDirectory)
    # Start-Process joins the arguments with spaces as they are: quote the ones that need it.
    $arguments = $arguments | ForEach-Object { if ($_ -match '[\s"]') { '"' + ($_ -replace '"', '\"') + '"' } else { $_ } }
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -WorkingDirectory $root -PassThru `
        -RedirectStandardOutput $stdout -RedirectStandardError $stderr -NoNewWindow
    $null = $process.Handle # keeps ExitCode readable after the process ends (Windows)

    $emulator = [pscustomobject]@{
        PSTypeName      = 'BatchRotation.Test.Emulator'
        Process         = $process
        OutputDirectory = $OutputDirectory
        EnvironmentFile = $envFile
        Environment     = $null
        StdOut          = $stdout
        StdErr          = $stderr
    }

    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
    try {
        while ($true) {
            if ($process.HasExited) {
                throw "The emulator exited with code $($process.ExitCode) before it was ready.`n$(Get-EmulatorLog $emulator)"
            }
            if ([datetime]::UtcNow -gt $deadline) {
                throw "The emulator was not ready within $TimeoutSeconds s (no answer with $envFile).`n$(Get-EmulatorLog $emulator)"
            }
            if (Test-Path -LiteralPath $envFile) {
                try {
                    # The emulator writes this file only once it is listening.
                    $emulator.Environment = Get-Content -Raw -LiteralPath $envFile | ConvertFrom-Json -ErrorAction Stop
                    $null = Invoke-EmulatorControl -Emulator $emulator -Path 'clock'
                    return $emulator
                }
                catch {
                    Write-Verbose "Emulator not ready yet: $($_.Exception.Message)"
                }
            }
            Start-Sleep -Milliseconds 250
        }
    }
    catch {
        Stop-BatchRotationEmulator -Emulator $emulator
        throw
    }
}

function Stop-BatchRotationEmulator {
    <# Stops the emulator started by Start-BatchRotationEmulator, with its child processes (dotnet run starts one). #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)]
        [AllowNull()]
        [psobject] $Emulator
    )
    process {
        if ($null -eq $Emulator -or $null -eq $Emulator.Process) {
            return
        }
        $process = [System.Diagnostics.Process] $Emulator.Process
        if (-not $process.HasExited) {
            $process.Kill($true)
            if (-not $process.WaitForExit(30000)) {
                Write-Warning "The emulator (process $($process.Id)) did not exit within 30 s."
            }
        }
    }
}

function Get-EmulatorLog {
    <# The emulator's console output so far, for failure messages. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [psobject] $Emulator)
    $parts = foreach ($file in @($Emulator.StdOut, $Emulator.StdErr)) {
        if (Test-Path -LiteralPath $file) { Get-Content -Raw -LiteralPath $file }
    }
    ($parts | Where-Object { $_ }) -join "`n"
}

function Get-EmulatorHttpClient {
    <#
    An HttpClient that trusts exactly the emulator's own certificate (pinned by its bytes) and nothing
    else: TLS validation stays on, as everywhere in this project.
    #>
    [CmdletBinding()]
    [OutputType([System.Net.Http.HttpClient])]
    param([Parameter(Mandatory)] [string] $CertificateFile)
    if (-not ('BatchRotationTests.PinnedHttpClient' -as [type])) {
        Add-Type -TypeDefinition @'
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace BatchRotationTests
{
    public static class PinnedHttpClient
    {
        public static HttpClient Create(string certificateFile)
        {
            var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(certificateFile));
            var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (message, presented, chain, errors) =>
                    presented != null
                    && presented.RawData.SequenceEqual(pinned.RawData)
                    && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None,
            };
            return new HttpClient(handler);
        }
    }
}
'@
    }
    [BatchRotationTests.PinnedHttpClient]::Create($CertificateFile)
}

function Invoke-EmulatorControl {
    <#
    Calls the emulator's control surface (/_emulator/...): advance the clock, renew a certificate,
    fail a node, read the journal. Returns the parsed JSON answer, or nothing for an empty answer.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [ValidateSet('GET', 'POST', 'DELETE')] [string] $Method = 'GET',
        [object] $Body
    )
    $client = Get-EmulatorHttpClient -CertificateFile $Emulator.Environment.certificateFile
    try {
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), $Emulator.Environment.controlUrl.TrimEnd('/') + '/' + $Path.TrimStart('/'))
        if ($PSBoundParameters.ContainsKey('Body')) {
            $request.Content = [System.Net.Http.StringContent]::new(($Body | ConvertTo-Json -Depth 10 -Compress), [System.Text.Encoding]::UTF8, 'application/json')
        }
        $response = $client.SendAsync($request).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) {
            throw "The emulator answered $([int]$response.StatusCode) to $Method $Path`: $text"
        }
        if ($text) { $text | ConvertFrom-Json }
    }
    finally {
        $client.Dispose()
    }
}
