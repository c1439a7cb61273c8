#Requires -Version 7.2
# The test infrastructure itself: the emulator starts on a free port, writes its environment file,
# answers, and is gone after Stop-BatchRotationEmulator.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Start-BatchRotationEmulator' {
    BeforeAll {
        $script:Emulator = Start-BatchRotationEmulator -OutputDirectory (Join-Path $TestDrive 'emulator') -NoBuild
    }

    AfterAll {
        Stop-BatchRotationEmulator -Emulator $Emulator
    }

    It 'writes the environment file in the output directory' {
        $Emulator.EnvironmentFile | Should -Exist
        Split-Path -Parent $Emulator.EnvironmentFile | Should -Be (Join-Path $TestDrive 'emulator')
    }

    It 'listens on loopback over HTTPS on a port it picked' {
        $uri = [uri] $Emulator.Environment.resourceManagerUrl
        $uri.Scheme | Should -Be 'https'
        $uri.Host | Should -Be '127.0.0.1'
        $uri.Port | Should -BeGreaterThan 0
    }

    It 'answers on its control surface over TLS that trusts only its own certificate' {
        (Invoke-EmulatorControl -Emulator $Emulator -Path 'clock').scale | Should -Be 1
    }

    It 'names its certificate and a principal to sign in with' {
        $Emulator.Environment.certificateFile | Should -Exist
        $Emulator.Environment.tenantId | Should -Match '^[0-9a-f-]{36}$'
        $Emulator.Environment.clientId | Should -Not -BeNullOrEmpty
    }

    It 'stops with its child processes' {
        $second = Start-BatchRotationEmulator -OutputDirectory (Join-Path $TestDrive 'second') -NoBuild
        Stop-BatchRotationEmulator -Emulator $second
        $second.Process.HasExited | Should -BeTrue
        { Invoke-EmulatorControl -Emulator $second -Path 'clock' } | Should -Throw
    }
}

Describe 'Get-BatchRotationManifestPath' {
    It 'finds the built manifest of the current version' {
        Get-BatchRotationManifestPath | Should -BeLike "*out*BatchRotation*$(Get-BatchRotationVersion)*BatchRotation.psd1"
    }
}
