#Requires -Version 7.2
# Test-PoolCertificate as a compliance suite uses it, in a real PowerShell against the emulator: a pool made
# by the pipeline is compliant and stays so across a renewal; pools made by "another tool" with a versioned
# URL or without access fail the exact checks; errors, -Quiet, -Node and the views.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Module = Import-BatchRotationBuiltModule
    $script:Emulator = Start-BatchRotationEmulator -OutputDirectory (Join-Path $TestDrive 'emulator') -NoBuild
    $script:TestId = 'BatchRotation.Commands.Cmdlets.TestPoolCertificateCommand'
    $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile -ErrorAction Stop
    $script:Group = New-EmulatorResourceGroup -Emulator $Emulator
    $script:Account = New-EmulatorBatchAccount -Emulator $Emulator -ResourceGroup $Group
    $script:Identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
    $script:Vault = New-EmulatorVault -Emulator $Emulator -ResourceGroup $Group
    $script:Certificate = New-EmulatorCertificate -Emulator $Emulator -VaultUri $Vault.VaultUri -Name 'web'
    # 600 simulated seconds per real second: allocation, boot and the extension's polls pass in moments.
    $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'clock' -Method POST -Body @{ scale = 600 }
    $script:Common = @{ ResourceGroupName = $Group.Name; AccountName = $Account.Name }

    # The pool as the pipeline makes it: grant first, then create and wait for the nodes.
    $script:Pool = Grant-PoolVaultAccess -IdentityResourceId $Identity.Id -CertificateUrl $Certificate.SecretUrl |
        New-RotatingBatchPool @Common -Name 'rotating' -VmSize 'Standard_D2s_v3' -TargetDedicatedNodes 2 -Wait -Timeout '00:03:00' -ErrorAction Stop

    function script:New-OtherToolPool {
        # A pool written by another tool: a raw ARM PUT with the Key Vault extension settings as given.
        param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Url, [Parameter(Mandatory)] [string] $IdentityId, [string] $ClientId)
        $body = @{
            identity   = @{ type = 'UserAssigned'; userAssignedIdentities = @{ $IdentityId = @{} } }
            properties = @{
                vmSize                  = 'Standard_D2s_v3'
                deploymentConfiguration = @{
                    virtualMachineConfiguration = @{
                        imageReference = @{ publisher = 'canonical'; offer = 'ubuntu-24_04-lts'; sku = 'server' }
                        nodeAgentSkuId = 'batch.node.ubuntu 24.04'
                        extensions     = @(@{
                                name = 'KVExtension'; publisher = 'Microsoft.Azure.KeyVault'; type = 'KeyVaultForLinux'; typeHandlerVersion = '3.0'
                                settings = @{
                                    secretsManagementSettings = @{ pollingIntervalInS = '3600'; requireInitialSync = $false; observedCertificates = @(@{ url = $Url }) }
                                    authenticationSettings    = @{ msiEndpoint = 'http://169.254.169.254/metadata/identity'; msiClientId = $ClientId }
                                }
                            })
                    }
                }
                scaleSettings           = @{ fixedScale = @{ targetDedicatedNodes = 1 } }
            }
        }
        $null = Invoke-EmulatorAzure -Emulator $Emulator -Method PUT -Path "$($Account.Id)/pools/$Name" -ApiVersion '2025-06-01' -Body $body
        $null = Step-EmulatorClock -Emulator $Emulator -Seconds 600
    }
}

AfterAll {
    if (Get-Command -Name Disconnect-BatchRotation -ErrorAction Ignore) { Disconnect-BatchRotation }
    Stop-BatchRotationEmulator -Emulator $Emulator
    Remove-Module -Name BatchRotation -Force -ErrorAction Ignore
}

Describe 'A pool made by Grant-PoolVaultAccess | New-RotatingBatchPool' {
    BeforeAll {
        $script:Report = Test-PoolCertificate @Common -Name 'rotating' -ErrorAction Stop
    }

    It 'is compliant' {
        @($Report).Count | Should -Be 1
        $Report.IsCompliant | Should -BeTrue
    }

    It 'passes every check, none skipped' {
        $Report.Checks | Where-Object Status -ne 'Passed' | Should -BeNullOrEmpty
        $Report.Checks.Count | Should -BeGreaterThan 25
    }

    It 'observes a versionless /secrets/ URL' {
        ($Report.Checks | Where-Object Id -eq 'Certificate.Versionless').Status | Should -Be 'Passed'
        ($Report.Checks | Where-Object Id -eq 'Certificate.SecretsPath').Status | Should -Be 'Passed'
    }

    It 'gives its identity read access and nothing more' {
        ($Report.Checks | Where-Object Id -eq 'Access.SecretReadable').Status | Should -Be 'Passed'
        ($Report.Checks | Where-Object Id -eq 'Access.LeastPrivilege').Status | Should -Be 'Passed'
    }

    It 'has the extension succeeded on every node' {
        ($Report.Checks | Where-Object Id -eq 'Nodes.ExtensionSucceeded').Status | Should -Be 'Passed'
        $Report.Nodes.Total | Should -Be 2
        $Report.Nodes.ExtensionSucceeded | Should -Be 2
        $Report.Nodes.Nodes.ExtensionState | Should -Be @('Succeeded', 'Succeeded')
    }

    It 'reports the certificate the vault serves now' {
        $Report.Certificates | Should -HaveCount 1
        $status = $Report.Certificates[0]
        $status.SecretUrl | Should -Be $Certificate.SecretUrl
        $status.CurrentVersion | Should -Be $Certificate.Version
        $status.Thumbprint | Should -Be $Certificate.Thumbprint
        $status.AutoRenew | Should -BeTrue
        $status.Issuer | Should -Be 'Self'
        $status.IdentityCanRead | Should -BeTrue
    }

    It 'names the pool and its identity' {
        $Report.PoolResourceId | Should -Be "$($Account.Id)/pools/rotating"
        $Report.IdentityResourceId | Should -Be $Identity.Id
        $Report.IdentityClientId | Should -Be $Identity.ClientId
    }

    It 'gives the same verdict for the piped pool object' {
        $piped = $Pool | Test-PoolCertificate -ErrorAction Stop
        $piped.IsCompliant | Should -BeTrue
        $piped.PoolResourceId | Should -Be $Report.PoolResourceId
    }

    It 'answers one $true with -Quiet' {
        $answer = @(Test-PoolCertificate @Common -Name 'rotating' -Quiet)
        $answer.Count | Should -Be 1
        $answer[0] | Should -BeOfType [bool]
        $answer[0] | Should -BeTrue
    }

    It 'leaves the node checks out with -Node None' {
        $quick = Test-PoolCertificate @Common -Name 'rotating' -Node None
        $quick.Checks | Where-Object Id -like 'Nodes.*' | Should -BeNullOrEmpty
        $quick.Nodes | Should -BeNullOrEmpty
        $quick.IsCompliant | Should -BeTrue
    }

    It 'shows a table line per pool and the checks grouped by pool' {
        $text = $Report | Out-String -Width 300
        $text | Should -Match 'Name\s+Account\s+Compliant\s+Failed\s+Warnings\s+Skipped\s+Certificates\s+Nodes'
        $text | Should -Match ('rotating\s+' + [regex]::Escape($Account.Name) + '\s+True\s+0\s+0\s+0\s+web \(' + $Certificate.Version.Substring(0, 8) + '\)\s+2/2 ok')
        $checks = $Report.Checks | Out-String -Width 300
        $checks | Should -Match 'Pool: rotating'
        $checks | Should -Match 'Passed\s+Certificate\.Versionless'
        ($Report.Certificates | Out-String -Width 300) | Should -Match ([regex]::Escape($Certificate.Thumbprint))
    }
}

Describe 'After the certificate renews' {
    It 'shows the new version and the pool stays compliant' {
        $renewed = Invoke-EmulatorControl -Emulator $Emulator -Path "keyvault/$($Vault.Name)/certificates/web/renew" -Method POST
        $null = Step-EmulatorClock -Emulator $Emulator -Seconds 3601
        $current = ConvertFrom-EmulatorCertificateBundle -Name 'web' -Bundle (Invoke-EmulatorAzure -Emulator $Emulator -Path ($Vault.VaultUri.TrimEnd('/') + '/certificates/web') -ApiVersion '7.5')

        $after = Test-PoolCertificate @Common -Name 'rotating' -ErrorAction Stop

        $current.Version | Should -Not -Be $Certificate.Version
        $after.Certificates[0].CurrentVersion | Should -Be $current.Version
        $after.Certificates[0].Thumbprint | Should -Be $current.Thumbprint
        $after.IsCompliant | Should -BeTrue
        $renewed | Should -Not -BeNullOrEmpty
    }
}

Describe 'A pool made by another tool' {
    It 'fails Certificate.Versionless when it observes a versioned URL' {
        New-OtherToolPool -Name 'pinned' -Url $Certificate.SecretId -IdentityId $Identity.Id -ClientId $Identity.ClientId

        $report = Test-PoolCertificate @Common -Name 'pinned'

        $report.IsCompliant | Should -BeFalse
        $check = $report.Checks | Where-Object Id -eq 'Certificate.Versionless'
        $check.Status | Should -Be 'Failed'
        $check.Target | Should -Be $Certificate.SecretId
        $check.Remedy | Should -Match 'New-RotatingBatchPool .*-Force'
        $check.Remedy | Should -Match ([regex]::Escape($Certificate.SecretUrl))
    }

    It 'fails Access.SecretReadable and Nodes.ExtensionSucceeded when its identity cannot read the secret' {
        $stranger = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
        New-OtherToolPool -Name 'noaccess' -Url $Certificate.SecretUrl -IdentityId $stranger.Id -ClientId $stranger.ClientId

        $report = Test-PoolCertificate @Common -Name 'noaccess'

        ($report.Checks | Where-Object Id -eq 'Access.SecretReadable').Status | Should -Be 'Failed'
        ($report.Checks | Where-Object Id -eq 'Access.SecretReadable').Remedy | Should -Match 'Grant-PoolVaultAccess'
        ($report.Checks | Where-Object Id -eq 'Nodes.ExtensionSucceeded').Status | Should -Be 'Failed'
        ($report.Checks | Where-Object Id -eq 'Nodes.ExtensionSucceeded').Message | Should -Match '403'
    }

    It 'is found by an estate scan of the account, one report per pool' {
        $reports = Get-RotatingBatchPool @Common | Test-PoolCertificate -Node Unhealthy -ThrottleLimit 4
        @($reports).Count | Should -Be 3
        @($reports | Where-Object IsCompliant).Name | Should -Be @('rotating')
        Test-PoolCertificate @Common -Quiet | Should -BeFalse
    }
}

Describe 'Errors' {
    It 'writes PoolNotFound for a pool that does not exist and goes on' {
        $result = Test-PoolCertificate @Common -Name 'nosuchpool' -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "PoolNotFound,$TestId"
        $failures[0].TargetObject | Should -Be "$($Account.Id)/pools/nosuchpool"
    }

    It 'stops with -ErrorAction Stop' {
        { Test-PoolCertificate @Common -Name 'nosuchpool' -ErrorAction Stop } | Should -Throw -ErrorId "PoolNotFound,$TestId"
    }

    It 'answers $false with -Quiet when a pool is missing' {
        $answer = @(Test-PoolCertificate @Common -Name 'nosuchpool' -Quiet -ErrorAction SilentlyContinue)
        $answer.Count | Should -Be 1
        $answer[0] | Should -BeFalse
    }

    It 'refuses a negative -ExpiryWarning' {
        { Test-PoolCertificate @Common -ExpiryWarning (New-TimeSpan -Days -1) } | Should -Throw -ErrorId "InvalidExpiryWarning,$TestId"
    }

    It 'writes BatchAccountNotFound for an account that does not exist' {
        { Test-PoolCertificate -ResourceGroupName $Group.Name -AccountName 'nosuchaccount' -ErrorAction Stop } | Should -Throw -ErrorId "BatchAccountNotFound,$TestId"
    }
}
