#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages or demonstrates BatchRotation. A thin wrapper over dotnet: `dotnet build`
    alone already produces the module folder out/BatchRotation/<version>/ and out/BatchRotation.zip.

.PARAMETER Task
    Build    dotnet build of the solution (module folder and Automation zip included).
    Test     dotnet test of the solution, then the Pester tests in tests/pester against the built
             module when Pester 5 or later is installed (skipped with a warning otherwise).
    Package  the Azure Automation package out/BatchRotation.zip (BatchRotation/ at the zip root, no
             version folder, under 100 MB), built and checked.
    Demo     starts the emulator, imports the built module, signs in with Connect-BatchRotation
             -EnvironmentFile and runs tests/demo/Demo.ps1 against it (grant, create -Wait, test,
             renew, test again); stops the emulator afterwards.

.PARAMETER Configuration
    Debug or Release (default Release).

.EXAMPLE
    ./build.ps1 -Task Test

.EXAMPLE
    ./build.ps1 -Task Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Demo only: the script run after sign-in; it receives -Emulator (see tests/pester/TestHelpers.ps1).
    [string] $DemoScript = (Join-Path $PSScriptRoot 'tests/demo/Demo.ps1')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$repoRoot = $PSScriptRoot
$solution = Join-Path $repoRoot 'BatchRotation.sln'
$commandsProject = Join-Path $repoRoot 'src/BatchRotation.Commands/BatchRotation.Commands.csproj'
$packageFile = Join-Path $repoRoot 'out/BatchRotation.zip'
$automationLimitBytes = 100MB

. (Join-Path $repoRoot 'tests/pester/TestHelpers.ps1')

function Invoke-Dotnet {
    # Arguments as one array of strings, so PowerShell never parses '--configuration' or '-t:X' itself.
    param([Parameter(Mandatory)] [string[]] $Arguments)
    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

function ConvertTo-Literal([string] $Text) {
    "'" + $Text.Replace("'", "''") + "'"
}

function Invoke-Build {
    Invoke-Dotnet @('build', $solution, '--configuration', $Configuration)
    Write-Host "Module: $(Split-Path -Parent (Get-BatchRotationManifestPath))" -ForegroundColor Green
}

function Invoke-Test {
    Invoke-Dotnet @('test', $solution, '--configuration', $Configuration)

    $pester = Get-Module -ListAvailable -Name Pester | Where-Object Version -GE ([version] '5.0.0') |
        Sort-Object Version -Descending | Select-Object -First 1
    if ($null -eq $pester) {
        Write-Warning 'Pester 5 or later is not installed: the Pester tests in tests/pester were not run (Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser).'
        return
    }

    # A child pwsh: the module's assemblies stay loaded in a process, and this one may rebuild them.
    $script = @(
        "`$ErrorActionPreference = 'Stop'"
        "Import-Module -Name $(ConvertTo-Literal $pester.Path)"
        '$config = New-PesterConfiguration'
        "`$config.Run.Path = $(ConvertTo-Literal (Join-Path $repoRoot 'tests/pester'))"
        '$config.Run.Exit = $true'
        "`$config.Output.Verbosity = 'Detailed'"
        '$config.TestResult.Enabled = $true'
        "`$config.TestResult.OutputPath = $(ConvertTo-Literal (Join-Path $repoRoot 'out/pester-results.xml'))"
        'Invoke-Pester -Configuration $config'
    ) -join [Environment]::NewLine
    & ([Environment]::ProcessPath) -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) {
        throw "Pester reported $LASTEXITCODE failed test(s)."
    }
}

function Invoke-Package {
    Invoke-Dotnet @('build', $commandsProject, '--configuration', $Configuration, '-t:PackageModule')

    $zip = Get-Item -LiteralPath $packageFile
    if ($zip.Length -ge $automationLimitBytes) {
        throw "$packageFile is $($zip.Length) bytes; Azure Automation accepts packages under 100 MB."
    }

    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $archive = [System.IO.Compression.ZipFile]::OpenRead($zip.FullName)
    try {
        $entries = @($archive.Entries | ForEach-Object FullName)
    }
    finally {
        $archive.Dispose()
    }
    $outside = @($entries | Where-Object { -not $_.StartsWith('BatchRotation/') })
    if ($outside.Count -gt 0 -or 'BatchRotation/BatchRotation.psd1' -notin $entries) {
        throw "$packageFile must hold the folder BatchRotation/ with BatchRotation.psd1 at the zip root (found: $($entries -join ', '))."
    }
    Write-Host "Azure Automation package: $($zip.FullName) ($([math]::Round($zip.Length / 1MB, 2)) MB)" -ForegroundColor Green
}

function Invoke-Demo {
    Invoke-Dotnet @('build', $solution, '--configuration', $Configuration)
    $emulator = $null
    try {
        $outputDir = Join-Path $repoRoot '.emulator/demo'
        $emulator = Start-BatchRotationEmulator -OutputDirectory $outputDir -NoBuild -Configuration $Configuration
        Write-Host "Emulator: $($emulator.Environment.resourceManagerUrl) (environment file $($emulator.EnvironmentFile))" -ForegroundColor Green

        $module = Import-BatchRotationBuiltModule
        $required = 'Connect-BatchRotation', 'Grant-PoolVaultAccess', 'New-RotatingBatchPool', 'Test-PoolCertificate'
        $missing = @($required | Where-Object { -not $module.ExportedCmdlets.ContainsKey($_) })
        if ($missing.Count -gt 0) {
            throw "The demo needs cmdlets the built module $($module.Version) does not export yet: $($missing -join ', ')."
        }
        if (-not (Test-Path -LiteralPath $DemoScript)) {
            throw "The demo script $DemoScript does not exist."
        }

        Connect-BatchRotation -EnvironmentFile $emulator.EnvironmentFile
        & $DemoScript -Emulator $emulator
    }
    finally {
        if ($null -ne $emulator) {
            Stop-BatchRotationEmulator -Emulator $emulator
            Write-Host 'Emulator stopped.'
        }
    }
}

Push-Location -LiteralPath $repoRoot
# Tells the Pester helpers (also in the child pwsh) which build of the emulator to run.
$env:BATCHROTATION_CONFIGURATION = $Configuration
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
    }
}
finally {
    Pop-Location
}
