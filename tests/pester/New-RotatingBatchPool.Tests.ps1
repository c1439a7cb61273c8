#Requires -Version 7.2
# New-RotatingBatchPool in a real PowerShell against the emulator (its clock sped up so that -Wait takes
# seconds): grant | create -Wait on Linux and Windows, nodes that fail without access, the versioned URL
# warning, -AsTemplate, -WhatIf, create-only (PoolAlreadyExists) and -Force, pre-flight ErrorIds, the view.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Module = Import-BatchRotationBuiltModule
    $script:Emulator = Start-BatchRotationEmulator -OutputDirectory (Join-Path $TestDrive 'emulator') -NoBuild
    $script:Settings = $Emulator.Environment
    $script:NewId = 'BatchRotation.Commands.Cmdlets.NewRotatingBatchPoolCommand'
    $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile -ErrorAction Stop
    $script:Group = New-EmulatorResourceGroup -Emulator $Emulator
    $script:Account = New-EmulatorBatchAccount -Emulator $Emulator -ResourceGroup $Group
    # 600 simulated seconds per real second: allocation, boot and the extension's retries pass in moments.
    $null = Invoke-EmulatorControl -Emulator $Emulator -Path 'clock' -Method POST -Body @{ scale = 600 }

    function script:New-TestWorld {
        # An identity and a vault with one certificate; -Grant gives the identity access with Grant-PoolVaultAccess.
        param([switch] $Rbac, [switch] $Grant)
        $identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
        $vault = New-EmulatorVault -Emulator $Emulator -ResourceGroup $Group -Rbac:$Rbac
        $certificate = New-EmulatorCertificate -Emulator $Emulator -VaultUri $vault.VaultUri -Name 'web'
        if ($Grant) {
            $null = Grant-PoolVaultAccess -IdentityResourceId $identity.Id -CertificateUrl $certificate.SecretUrl -ErrorAction Stop
        }
        [pscustomobject]@{ Identity = $identity; Vault = $vault; Certificate = $certificate }
    }

    function script:Get-JournalMark {
        $entries = @(Invoke-EmulatorControl -Emulator $Emulator -Path 'journal')
        if ($entries.Count -eq 0) { 0 } else { [long] $entries[-1].seq }
    }

    function script:Get-AzureWrite {
        # Every request to ARM, Key Vault or Batch since the mark that is not a read (sign-in is not a write).
        param([Parameter(Mandatory)] [long] $Since)
        @(Invoke-EmulatorControl -Emulator $Emulator -Path "journal?since=$Since") |
            Where-Object { $_.service -in @('arm', 'keyvault', 'batch') -and $_.method -ne 'GET' }
    }

    function script:Get-PoolNode {
        param([Parameter(Mandatory)] [string] $Pool)
        $answer = Invoke-EmulatorAzure -Emulator $Emulator -Path ('https://' + $Account.AccountEndpoint + "/pools/$Pool/nodes") -ApiVersion '2025-06-01.21.0' -Audience batch
        @($answer.value)
    }

    function script:Test-PoolExists {
        param([Parameter(Mandatory)] [string] $Pool)
        try {
            $null = Invoke-EmulatorAzure -Emulator $Emulator -Path "$($Account.Id)/pools/$Pool" -ApiVersion '2025-06-01'
            $true
        }
        catch [System.Net.Http.HttpRequestException] {
            if ($_.Exception.StatusCode -eq [System.Net.HttpStatusCode]::NotFound) { $false } else { throw }
        }
    }

    $script:Common = @{ ResourceGroupName = $Group.Name; AccountName = $Account.Name; VmSize = 'Standard_D2s_v3' }
}

AfterAll {
    if (Get-Command -Name Disconnect-BatchRotation -ErrorAction Ignore) { Disconnect-BatchRotation }
    Stop-BatchRotationEmulator -Emulator $Emulator
    Remove-Module -Name BatchRotation -Force -ErrorAction Ignore
}

Describe 'Grant-PoolVaultAccess | New-RotatingBatchPool -Wait on Linux' {
    BeforeAll {
        $script:Linux = New-TestWorld
        $script:Pool = Grant-PoolVaultAccess -IdentityResourceId $Linux.Identity.Id -CertificateUrl $Linux.Certificate.SecretUrl |
            New-RotatingBatchPool @Common -Name 'linux' -TargetDedicatedNodes 2 -Wait -Timeout '00:03:00' -ErrorAction Stop
    }

    It 'returns one pool object bound to the identity and the versionless URL' {
        @($Pool).Count | Should -Be 1
        $Pool.PSObject.TypeNames[0] | Should -Be 'BatchRotation.Core.Model.RotatingBatchPool'
        $Pool.PoolResourceId | Should -Be "$($Account.Id)/pools/linux"
        $Pool.IdentityResourceId | Should -Be $Linux.Identity.Id
        $Pool.IdentityClientId | Should -Be $Linux.Identity.ClientId
        $Pool.CertificateUrl | Should -Be @($Linux.Certificate.SecretUrl)
        $Pool.Os | Should -Be 'Linux'
        $Pool.ExtensionType | Should -Be 'KeyVaultForLinux'
        $Pool.ExtensionVersion | Should -Be '3.0'
        $Pool.RequireInitialSync | Should -BeTrue
    }

    It 'waited until every node is idle with the allocation steady' {
        $Pool.AllocationState | Should -Be 'Steady'
        $Pool.CurrentDedicatedNodes | Should -Be 2
        $nodes = Get-PoolNode -Pool 'linux'
        $nodes.Count | Should -Be 2
        @($nodes | Where-Object state -NE 'idle') | Should -BeNullOrEmpty
    }

    It 'put the certificate on every node' {
        foreach ($node in Get-PoolNode -Pool 'linux') {
            $held = Invoke-EmulatorControl -Emulator $Emulator -Path "batch/$($Account.Name)/pools/linux/nodes/$($node.id)/certificates"
            ($held | ConvertTo-Json -Depth 10) | Should -Match $Linux.Certificate.Version
        }
    }

    It 'shows one table line with the extension, the certificate and the nodes' {
        $text = $Pool | Out-String -Width 300
        $text | Should -Match 'Name\s+Account\s+Os\s+Extension\s+Certificates\s+Allocation\s+Nodes'
        $text | Should -Match ('linux\s+' + [regex]::Escape($Account.Name) + '\s+Linux\s+KeyVaultForLinux 3\.0\s+1: web\s+Steady\s+2/2')
        ($Pool | Format-List | Out-String -Width 300) | Should -Match ([regex]::Escape($Linux.Identity.ClientId))
    }
}

Describe 'Grant-PoolVaultAccess | New-RotatingBatchPool -Wait on Windows with an RBAC vault' {
    It 'creates a KeyVaultForWindows 3.0 pool whose node is ready' {
        $world = New-TestWorld -Rbac
        $pool = Grant-PoolVaultAccess -IdentityResourceId $world.Identity.Id -CertificateUrl $world.Certificate.SecretUrl |
            New-RotatingBatchPool @Common -Name 'windows' -Image WindowsServer2022 -CertificateStoreName WebHosting -Wait -Timeout '00:03:00' -ErrorAction Stop

        $pool.Os | Should -Be 'Windows'
        $pool.ExtensionType | Should -Be 'KeyVaultForWindows'
        $pool.ExtensionVersion | Should -Be '3.0'
        (Get-PoolNode -Pool 'windows').state | Should -Be 'idle'
    }
}

Describe 'Nodes without access to the secret' {
    It 'are refused before anything is written, with the exact grant command' {
        $world = New-TestWorld
        $mark = Get-JournalMark
        $failure = $null
        try { New-RotatingBatchPool @Common -Name 'noaccess' -IdentityResourceId $world.Identity.Id -CertificateUrl $world.Certificate.SecretUrl -ErrorAction Stop }
        catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -Be "IdentityCannotReadSecret,$NewId"
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("Grant-PoolVaultAccess -IdentityResourceId '$($world.Identity.Id)'"))
        Get-AzureWrite -Since $mark | Should -BeNullOrEmpty
    }

    It 'with -SkipAccessCheck end unusable, each reported with the extension message, then PoolNodesFailed' {
        $world = New-TestWorld
        $nodeErrors = $null
        $failure = $null
        try {
            New-RotatingBatchPool @Common -Name 'skipped' -IdentityResourceId $world.Identity.Id -CertificateUrl $world.Certificate.SecretUrl `
                -SkipAccessCheck -Wait -Timeout '00:03:00' -ErrorVariable nodeErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        }
        catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -Be "PoolNodesFailed,$NewId"
        $perNode = @($nodeErrors | Where-Object { $_.FullyQualifiedErrorId -eq "PoolNodeFailed,$NewId" })
        $perNode.Count | Should -Be 1
        $node = Get-PoolNode -Pool 'skipped'
        $node.state | Should -Be 'unusable'
        $perNode[0].TargetObject | Should -Be $node.id
        $perNode[0].Exception.Message | Should -Match 'Forbidden'
    }
}

Describe 'Certificate URLs' {
    It 'normalises a versioned URL and says why' {
        $world = New-TestWorld -Grant
        $warnings = $null
        $pool = New-RotatingBatchPool @Common -Name 'versioned' -TargetDedicatedNodes 0 -IdentityResourceId $world.Identity.Id `
            -CertificateUrl $world.Certificate.SecretId -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop

        $pool.CertificateUrl | Should -Be @($world.Certificate.SecretUrl)
        ($warnings -join "`n") | Should -Match 'pins that one version'
    }
}

Describe '-AsTemplate' {
    BeforeAll {
        $script:TemplateWorld = New-TestWorld -Grant
        $script:TemplateMark = Get-JournalMark
        $script:Template = New-RotatingBatchPool @Common -Name 'template' -IdentityResourceId $TemplateWorld.Identity.Id `
            -CertificateUrl $TemplateWorld.Certificate.SecretUrl -PollingInterval '00:10:00' -AsTemplate -ErrorAction Stop
    }

    It 'writes nothing and creates no pool' {
        Get-AzureWrite -Since $TemplateMark | Should -BeNullOrEmpty
        Test-PoolExists -Pool 'template' | Should -BeFalse
    }

    It 'is JSON in the shape of the ARM request body' {
        $Template | Should -BeOfType [string]
        $body = $Template | ConvertFrom-Json
        $body.identity.type | Should -Be 'UserAssigned'
        @($body.identity.userAssignedIdentities.PSObject.Properties.Name) | Should -Be @($TemplateWorld.Identity.Id)
        $body.properties.vmSize | Should -Be 'Standard_D2s_v3'
        $vm = $body.properties.deploymentConfiguration.virtualMachineConfiguration
        $vm.nodeAgentSkuId | Should -Be 'batch.node.ubuntu 24.04'
        $extension = @($vm.extensions)[0]
        $extension.publisher | Should -Be 'Microsoft.Azure.KeyVault'
        $extension.type | Should -Be 'KeyVaultForLinux'
        $extension.typeHandlerVersion | Should -Be '3.0'
        $extension.settings.authenticationSettings.msiClientId | Should -Be $TemplateWorld.Identity.ClientId
        $extension.settings.secretsManagementSettings.pollingIntervalInS | Should -BeOfType [string]
        $extension.settings.secretsManagementSettings.pollingIntervalInS | Should -Be '600'
        @($extension.settings.secretsManagementSettings.observedCertificates)[0].url | Should -Be $TemplateWorld.Certificate.SecretUrl
    }

    It 'is a body Azure accepts as it is' {
        $null = Invoke-EmulatorAzure -Emulator $Emulator -Method PUT -Path "$($Account.Id)/pools/template" -ApiVersion '2025-06-01' -Body $Template
        Test-PoolExists -Pool 'template' | Should -BeTrue
    }
}

Describe 'Create-only' {
    BeforeAll {
        $script:Existing = New-TestWorld -Grant
        $script:ExistingArgs = @{ Name = 'existing'; IdentityResourceId = $Existing.Identity.Id; CertificateUrl = $Existing.Certificate.SecretUrl }
        $script:First = New-RotatingBatchPool @Common @ExistingArgs -Wait -Timeout '00:03:00' -ErrorAction Stop
    }

    It '-WhatIf creates nothing' {
        $mark = Get-JournalMark
        $result = New-RotatingBatchPool @Common -Name 'whatif' -IdentityResourceId $Existing.Identity.Id -CertificateUrl $Existing.Certificate.SecretUrl -WhatIf
        $result | Should -BeNullOrEmpty
        Get-AzureWrite -Since $mark | Should -BeNullOrEmpty
        Test-PoolExists -Pool 'whatif' | Should -BeFalse
    }

    It 'refuses an existing pool with PoolAlreadyExists and changes nothing' {
        $mark = Get-JournalMark
        { New-RotatingBatchPool @Common @ExistingArgs -ErrorAction Stop } | Should -Throw -ErrorId "PoolAlreadyExists,$NewId"
        Get-AzureWrite -Since $mark | Should -BeNullOrEmpty
    }

    It 'says how to recreate it' {
        $failure = $null
        try { New-RotatingBatchPool @Common @ExistingArgs -ErrorAction Stop } catch { $failure = $_ }
        $failure.CategoryInfo.Category | Should -Be 'ResourceExists'
        $failure.TargetObject | Should -Be $First.PoolResourceId
        $failure.ErrorDetails.RecommendedAction | Should -Match '-Force'
    }

    It '-Force -WhatIf names the work it would destroy and deletes nothing' {
        $node = @(Get-PoolNode -Pool 'existing')[0]
        $null = Invoke-EmulatorControl -Emulator $Emulator -Method POST -Path "batch/$($Account.Name)/pools/existing/nodes/$($node.id)/tasks" -Body @{ runningTasks = 2 }
        $mark = Get-JournalMark
        $warnings = $null
        New-RotatingBatchPool @Common @ExistingArgs -Force -WhatIf -WarningVariable warnings -WarningAction SilentlyContinue
        ($warnings -join "`n") | Should -Match '1 node and 2 running tasks'
        Get-AzureWrite -Since $mark | Should -BeNullOrEmpty
    }

    It '-Force deletes the pool and creates it again' {
        $mark = Get-JournalMark
        $second = New-RotatingBatchPool @Common @ExistingArgs -PollingInterval '00:05:00' -Force -WarningAction SilentlyContinue -ErrorAction Stop
        $writes = @(Get-AzureWrite -Since $mark)
        $writes.method | Should -Be @('DELETE', 'PUT')
        $second.PollingInterval | Should -Be ([timespan] '00:05:00')
        $First.PollingInterval | Should -Be ([timespan] '01:00:00')
    }
}

Describe 'Pre-flight errors' {
    BeforeAll {
        $script:Checked = New-TestWorld -Grant
        $script:CheckedArgs = @{ Name = 'checked'; IdentityResourceId = $Checked.Identity.Id; CertificateUrl = $Checked.Certificate.SecretUrl }
    }

    It '<Case> is <ErrorId> and writes nothing' -ForEach @(
        @{ Case = 'an option Linux does not have'; ErrorId = 'ExtensionOptionNotSupported'; Extra = @{ LinkOnRenewal = $true } }
        @{ Case = 'Windows 4.0 on Server 2019'; ErrorId = 'ExtensionVersionNotSupportedOnImage'; Extra = @{ Image = 'WindowsServer2019'; ExtensionVersion = '4.0' } }
        @{ Case = 'an unknown image alias'; ErrorId = 'UnknownImageAlias'; Extra = @{ Image = 'Ubuntu1604' } }
        @{ Case = 'a polling interval in milliseconds'; ErrorId = 'InvalidPollingInterval'; Extra = @{ PollingInterval = [timespan]::FromMilliseconds(1500) } }
        @{ Case = '-Timeout without -Wait'; ErrorId = 'TimeoutWithoutWait'; Extra = @{ Timeout = '00:05:00' } }
        @{ Case = 'an account that does not exist'; ErrorId = 'AccountNotFound'; Extra = @{ AccountName = 'nosuchaccount' } }
        @{ Case = 'a certificate that does not exist'; ErrorId = 'CertificateNotFound'; Extra = @{ CertificateUrl = 'MISSING' } }
    ) {
        if ($Extra.CertificateUrl -eq 'MISSING') { $Extra.CertificateUrl = $Checked.Vault.VaultUri.TrimEnd('/') + '/secrets/missing' }
        $mark = Get-JournalMark
        $arguments = $Common + $CheckedArgs
        foreach ($key in $Extra.Keys) { $arguments[$key] = $Extra[$key] }
        { New-RotatingBatchPool @arguments -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,$NewId"
        Get-AzureWrite -Since $mark | Should -BeNullOrEmpty
    }
}
