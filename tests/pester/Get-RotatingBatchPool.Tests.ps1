#Requires -Version 7.2
# Get-RotatingBatchPool in a real PowerShell against the emulator: pools made by another tool (raw ARM
# bodies, some with broken Key Vault extension settings) come back as objects; by name and wildcard, by
# account id, by pool id from the pipeline, by subscription; a missing pool is ObjectNotFound.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Module = Import-BatchRotationBuiltModule
    $script:Emulator = Start-BatchRotationEmulator -OutputDirectory (Join-Path $TestDrive 'emulator') -NoBuild
    $script:Settings = $Emulator.Environment
    $script:GetId = 'BatchRotation.Commands.Cmdlets.GetRotatingBatchPoolCommand'
    $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile -ErrorAction Stop
    $script:Group = New-EmulatorResourceGroup -Emulator $Emulator
    $script:Account = New-EmulatorBatchAccount -Emulator $Emulator -ResourceGroup $Group
    $script:Identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
    $script:Vault = New-EmulatorVault -Emulator $Emulator -ResourceGroup $Group
    $script:Certificate = New-EmulatorCertificate -Emulator $Emulator -VaultUri $Vault.VaultUri -Name 'web'

    function script:New-RawPool {
        # A pool PUT as another tool would send it; -Extension is the extensions array (or nothing).
        param([Parameter(Mandatory)] [string] $Name, [object[]] $Extension, [switch] $WithIdentity)
        $vm = @{
            imageReference = @{ publisher = 'canonical'; offer = 'ubuntu-24_04-lts'; sku = 'server' }
            nodeAgentSkuId = 'batch.node.ubuntu 24.04'
        }
        if ($Extension) { $vm.extensions = @($Extension) }
        $body = @{
            properties = @{
                vmSize                  = 'Standard_D2s_v3'
                deploymentConfiguration = @{ virtualMachineConfiguration = $vm }
                scaleSettings           = @{ fixedScale = @{ targetDedicatedNodes = 0 } }
            }
        }
        if ($WithIdentity) {
            $body.identity = @{ type = 'UserAssigned'; userAssignedIdentities = @{ ($Identity.Id) = @{} } }
        }
        Invoke-EmulatorAzure -Emulator $Emulator -Method PUT -Path "$($Account.Id)/pools/$Name" -ApiVersion '2025-06-01' -Body $body
    }

    # The Batch article's shape: a versioned URL and a polling interval sent as a number.
    $article = @{
        name = 'KVExtension'; publisher = 'Microsoft.Azure.KeyVault'; type = 'KeyVaultForLinux'; typeHandlerVersion = '2.0'
        settings = @{
            secretsManagementSettings = @{ pollingIntervalInS = 3600; observedCertificates = @($Certificate.SecretId) }
            authenticationSettings    = @{ msiEndpoint = 'http://169.254.169.254/metadata/identity'; msiClientId = $Identity.ClientId }
        }
    }
    # Settings double-encoded as a JSON string, as ConvertTo-Json in a script often sends them.
    $encoded = @{
        name = 'KVExtension'; publisher = 'Microsoft.Azure.KeyVault'; type = 'KeyVaultForLinux'; typeHandlerVersion = '3.0'
        settings = (@{ secretsManagementSettings = @{ pollingIntervalInS = '3600'; observedCertificates = @(@{ url = $Certificate.SecretUrl }) } } | ConvertTo-Json -Depth 10 -Compress)
    }
    $null = New-RawPool -Name 'web-eu' -Extension $article -WithIdentity
    $null = New-RawPool -Name 'web-us' -Extension $encoded -WithIdentity
    $null = New-RawPool -Name 'api'
}

AfterAll {
    if (Get-Command -Name Disconnect-BatchRotation -ErrorAction Ignore) { Disconnect-BatchRotation }
    Stop-BatchRotationEmulator -Emulator $Emulator
    Remove-Module -Name BatchRotation -Force -ErrorAction Ignore
}

Describe 'Get-RotatingBatchPool by account' {
    It 'returns every pool of the account as a pool object' {
        $pools = @(Get-RotatingBatchPool -ResourceGroupName $Group.Name -AccountName $Account.Name -ErrorAction Stop)
        @($pools.Name | Sort-Object) | Should -Be @('api', 'web-eu', 'web-us')
        foreach ($pool in $pools) {
            $pool.PSObject.TypeNames[0] | Should -Be 'BatchRotation.Core.Model.RotatingBatchPool'
            $pool.PoolResourceId | Should -Be "$($Account.Id)/pools/$($pool.Name)"
            $pool.AccountEndpoint | Should -Be $Account.AccountEndpoint
        }
    }

    It 'reads what another tool configured, exactly as configured' {
        $pool = Get-RotatingBatchPool $Group.Name $Account.Name 'web-eu' -ErrorAction Stop
        $pool.CertificateUrl | Should -Be @($Certificate.SecretId)
        $pool.PollingInterval | Should -Be ([timespan] '01:00:00')
        $pool.ExtensionVersion | Should -Be '2.0'
        $pool.IdentityResourceId | Should -Be $Identity.Id
        $pool.IdentityClientId | Should -Be $Identity.ClientId
    }

    It 'still returns a pool whose settings are a JSON string, and one without the extension' {
        $encoded = Get-RotatingBatchPool $Group.Name $Account.Name 'web-us' -ErrorAction Stop
        $encoded.HasKeyVaultExtension | Should -BeTrue
        @($encoded.CertificateUrl) | Should -BeNullOrEmpty
        $plain = Get-RotatingBatchPool $Group.Name $Account.Name 'api' -ErrorAction Stop
        $plain.HasKeyVaultExtension | Should -BeFalse
        $plain.ExtensionType | Should -BeNullOrEmpty
    }

    It 'filters by wildcard without regard to case' {
        @((Get-RotatingBatchPool -ResourceGroupName $Group.Name -AccountName $Account.Name -Name 'WEB-*' -ErrorAction Stop).Name | Sort-Object) |
            Should -Be @('web-eu', 'web-us')
    }

    It 'returns nothing and no error for a wildcard that matches nothing' {
        $errors = $null
        $result = Get-RotatingBatchPool -ResourceGroupName $Group.Name -AccountName $Account.Name -Name 'zzz*' -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
    }

    It 'reports a missing pool named exactly as ObjectNotFound with its id, and goes on' {
        $errors = $null
        $result = Get-RotatingBatchPool -ResourceGroupName $Group.Name -AccountName $Account.Name -Name 'missing', 'api' -ErrorVariable errors -ErrorAction SilentlyContinue
        $result.Name | Should -Be 'api'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "PoolNotFound,$GetId"
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be "$($Account.Id)/pools/missing"
    }

    It 'ends with AccountNotFound for an account that does not exist' {
        { Get-RotatingBatchPool -ResourceGroupName $Group.Name -AccountName 'nosuchaccount' -ErrorAction Stop } | Should -Throw -ErrorId "AccountNotFound,$GetId"
    }

    It 'takes the account by resource id' {
        @((Get-RotatingBatchPool -AccountResourceId $Account.Id -Name 'api' -ErrorAction Stop).Name) | Should -Be @('api')
    }

    It 'shows a table line per pool' {
        $text = Get-RotatingBatchPool $Group.Name $Account.Name 'web-eu' | Out-String -Width 300
        $text | Should -Match 'Name\s+Account\s+Os\s+Extension\s+Certificates\s+Allocation\s+Nodes'
        $text | Should -Match ('web-eu\s+' + [regex]::Escape($Account.Name) + '\s+Linux\s+KeyVaultForLinux 2\.0\s+1: web/')
    }
}

Describe 'Get-RotatingBatchPool by pool id and by subscription' {
    It 'reads pools again from the pipeline by their PoolResourceId' {
        $pools = @(Get-RotatingBatchPool -ResourceGroupName $Group.Name -AccountName $Account.Name -ErrorAction Stop)
        $again = @($pools | Get-RotatingBatchPool -ErrorAction Stop)
        @($again.PoolResourceId | Sort-Object) | Should -Be @($pools.PoolResourceId | Sort-Object)
    }

    It 'reports a missing pool id as ObjectNotFound' {
        $errors = $null
        $null = Get-RotatingBatchPool -PoolResourceId "$($Account.Id)/pools/gone" -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be "PoolNotFound,$GetId"
        $errors[0].TargetObject | Should -Be "$($Account.Id)/pools/gone"
    }

    It 'returns every pool of every Batch account of a subscription' {
        $second = New-EmulatorBatchAccount -Emulator $Emulator -ResourceGroup $Group
        $null = Invoke-EmulatorAzure -Emulator $Emulator -Method PUT -Path "$($second.Id)/pools/other" -ApiVersion '2025-06-01' -Body @{
            properties = @{
                vmSize                  = 'Standard_D2s_v3'
                deploymentConfiguration = @{ virtualMachineConfiguration = @{ imageReference = @{ publisher = 'canonical'; offer = 'ubuntu-24_04-lts'; sku = 'server' }; nodeAgentSkuId = 'batch.node.ubuntu 24.04' } }
                scaleSettings           = @{ fixedScale = @{ targetDedicatedNodes = 0 } }
            }
        }
        $pools = @(Get-RotatingBatchPool -SubscriptionId $Settings.subscriptionId -ErrorAction Stop)
        @($pools | Where-Object AccountName -EQ $Account.Name).Count | Should -Be 3
        @($pools | Where-Object AccountName -EQ $second.Name).Name | Should -Be @('other')
    }

    It 'uses the signed-in subscription when none is given' {
        $pools = @(Get-RotatingBatchPool -ErrorAction Stop)
        @($pools | Where-Object AccountName -EQ $Account.Name).Count | Should -Be 3
    }
}
