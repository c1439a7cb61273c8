#Requires -Version 7.2
# The built module in a real PowerShell: it imports, exports what the manifest says, keeps its private
# dependencies out of the shared load context, and every cmdlet has help and an output type.
# Run by build.ps1 -Task Test (after dotnet test, so out/BatchRotation/<version>/ exists).

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $manifest = Import-PowerShellDataFile -LiteralPath (Get-BatchRotationManifestPath)
    $script:CmdletCases = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:ManifestPath = Get-BatchRotationManifestPath
    $script:Manifest = Import-PowerShellDataFile -LiteralPath $ManifestPath
    $script:Module = Import-BatchRotationBuiltModule
    $script:DependencyDir = Join-Path $Module.ModuleBase 'dependencies'
}

AfterAll {
    Remove-Module -Name BatchRotation -Force -ErrorAction Ignore
}

Describe 'The built module' {
    It 'has a manifest that PowerShell accepts' {
        $info = Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop
        $info.Name | Should -Be 'BatchRotation'
    }

    It 'carries the version of Directory.Build.props' {
        $Module.Version | Should -Be ([version] (Get-BatchRotationVersion))
    }

    It 'loads from the built folder on this edition' {
        $Module.ModuleBase | Should -Be (Split-Path -Parent $ManifestPath)
        $Module.ModuleType | Should -Be 'Binary'
        $Manifest.CompatiblePSEditions | Should -Contain $PSVersionTable.PSEdition
    }

    It 'exports exactly the cmdlets the manifest lists' {
        @($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
    }

    It 'exports no functions, aliases or variables' {
        $Module.ExportedFunctions.Count | Should -Be 0
        $Module.ExportedAliases.Count | Should -Be 0
        $Module.ExportedVariables.Count | Should -Be 0
    }

    It 'processes its format and type files' {
        @($Module.ExportedFormatFiles | Split-Path -Leaf) | Should -Be @('BatchRotation.format.ps1xml')
        @($Module.ExportedTypeFiles | Split-Path -Leaf) | Should -Be @('BatchRotation.types.ps1xml')
    }

    It 'has its about topic' {
        $help = Get-Help -Name about_BatchRotation -ErrorAction Stop
        ($help | Out-String) | Should -Match 'Grant-PoolVaultAccess'
    }

    It 'loads none of its private dependencies into the default load context' {
        $shared = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies |
            Where-Object { -not $_.IsDynamic -and $_.Location -and $_.Location.StartsWith($DependencyDir, [StringComparison]::OrdinalIgnoreCase) }
        $shared | Should -BeNullOrEmpty
    }

    It 'imports in a fresh runspace too' {
        $names = Invoke-InBatchRotationRunspace -Script '(Get-Module BatchRotation).Name'
        $names | Should -Be 'BatchRotation'
    }
}

Describe 'Cmdlet <Name>' -ForEach $CmdletCases {
    BeforeAll {
        $script:Command = Get-Command -Module BatchRotation -Name $Name -CommandType Cmdlet -ErrorAction Stop
        $script:Help = Get-Help -Name $Name -Full -ErrorAction Stop
    }

    It 'declares an output type' {
        $Command.OutputType | Should -Not -BeNullOrEmpty
    }

    It 'has a synopsis and a description' {
        # Without MAML help, PowerShell makes up a synopsis from the syntax.
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis.Trim() | Should -Not -BeLike "$Name *"
        ($Help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has an example' {
        @($Help.examples.example).Count | Should -BeGreaterThan 0
    }

    It 'describes every parameter' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($parameter in $Command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $described = @($Help.parameters.parameter | Where-Object name -EQ $parameter)
            $described.Count | Should -Be 1 -Because "-$parameter must be in the help"
            ($described[0].description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }
}
