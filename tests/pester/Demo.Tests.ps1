#Requires -Version 7.2
# The main job: tests/demo/Demo.ps1 (what build.ps1 -Task Demo runs) tells the whole story against a fresh
# emulator and ends without an error only when the pool rotated by itself and is still compliant.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Module = Import-BatchRotationBuiltModule
    $script:Emulator = Start-BatchRotationEmulator -OutputDirectory (Join-Path $TestDrive 'emulator') -NoBuild
    $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile -ErrorAction Stop
    $script:DemoScript = Join-Path (Get-BatchRotationRepoRoot) 'tests/demo/Demo.ps1'
}

AfterAll {
    if (Get-Command -Name Disconnect-BatchRotation -ErrorAction Ignore) { Disconnect-BatchRotation }
    Stop-BatchRotationEmulator -Emulator $Emulator
    Remove-Module -Name BatchRotation -Force -ErrorAction Ignore
}

Describe 'The demo' {
    It 'grants, creates, proves, renews and proves again without an error' {
        { & $DemoScript -Emulator $Emulator 6>$null } | Should -Not -Throw
    }

    It 'left a compliant pool whose report shows the renewed certificate' {
        $report = Test-PoolCertificate -ResourceGroupName 'demo-rg' -AccountName 'demobatch' -Name 'demo-pool' -ErrorAction Stop
        $report.IsCompliant | Should -BeTrue
        $versions = Invoke-EmulatorAzure -Emulator $Emulator -Path ($report.Certificates[0].SecretUrl -replace '/secrets/', '/certificates/') -ApiVersion '7.5'
        $report.Certificates[0].CurrentVersion | Should -Be (([uri] $versions.id).Segments[-1])
    }
}
