#Requires -Version 7.2
# Grant-PoolVaultAccess in a real PowerShell against the emulator: both permission models, the idempotent
# rerun (no write at all), -WhatIf, pipeline input by property name (one object out), pool repair, the
# format views, and the ErrorIds with their targets and categories.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Module = Import-BatchRotationBuiltModule
    $script:Emulator = Start-BatchRotationEmulator -OutputDirectory (Join-Path $TestDrive 'emulator') -NoBuild
    $script:Settings = $Emulator.Environment
    $script:GrantId = 'BatchRotation.Commands.Cmdlets.GrantPoolVaultAccessCommand'
    $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile -ErrorAction Stop
    $script:Group = New-EmulatorResourceGroup -Emulator $Emulator

    function script:New-TestVault {
        # A vault with certificates; -Rbac for the Azure RBAC model.
        param([string[]] $Certificate = @('web'), [switch] $Rbac, [object] $ResourceGroup = $Group)
        $vault = New-EmulatorVault -Emulator $Emulator -ResourceGroup $ResourceGroup -Rbac:$Rbac
        $certificates = foreach ($name in $Certificate) { New-EmulatorCertificate -Emulator $Emulator -VaultUri $vault.VaultUri -Name $name }
        [pscustomobject]@{ Vault = $vault; Certificates = @($certificates) }
    }

    function script:Get-JournalMark {
        $entries = @(Invoke-EmulatorControl -Emulator $Emulator -Path 'journal')
        if ($entries.Count -eq 0) { 0 } else { [long] $entries[-1].seq }
    }

    function script:Get-AzureWrite {
        # Every Azure request since the mark that is not a read (sign-in is not Azure's state).
        param([Parameter(Mandatory)] [long] $Since)
        @(Invoke-EmulatorControl -Emulator $Emulator -Path "journal?since=$Since") |
            Where-Object { $_.service -in @('arm', 'keyvault', 'batch') -and $_.method -ne 'GET' }
    }

    function script:Get-VaultPolicy {
        param([Parameter(Mandatory)] [object] $Vault, [Parameter(Mandatory)] [string] $PrincipalId)
        $body = Invoke-EmulatorAzure -Emulator $Emulator -Path $Vault.Id -ApiVersion '2025-05-01'
        @($body.properties.accessPolicies | Where-Object objectId -EQ $PrincipalId)
    }

    function script:Get-RoleAssignment {
        param([Parameter(Mandatory)] [string] $Scope, [Parameter(Mandatory)] [string] $PrincipalId)
        $answer = Invoke-EmulatorAzure -Emulator $Emulator -ApiVersion '2022-04-01' `
            -Path "$Scope/providers/Microsoft.Authorization/roleAssignments?`$filter=principalId%20eq%20'$PrincipalId'"
        @($answer.value)
    }

    function script:Connect-AsPrincipal {
        # Signs this session in as another principal, through a copy of the emulator's environment file.
        param([Parameter(Mandatory)] [object] $Principal)
        $values = Get-Content -Raw -LiteralPath $Emulator.EnvironmentFile | ConvertFrom-Json -AsHashtable
        $values['clientId'] = $Principal.ClientId
        $values['clientSecret'] = $Principal.ClientSecret
        $values['principalId'] = $Principal.PrincipalId
        $path = Join-Path $TestDrive ('env-' + [guid]::NewGuid().ToString('N') + '.json')
        $values | ConvertTo-Json | Set-Content -LiteralPath $path -Encoding utf8
        $null = Connect-BatchRotation -EnvironmentFile $path -WarningAction SilentlyContinue -ErrorAction Stop
    }
}

AfterAll {
    if (Get-Command -Name Disconnect-BatchRotation -ErrorAction Ignore) { Disconnect-BatchRotation }
    Stop-BatchRotationEmulator -Emulator $Emulator
    Remove-Module -Name BatchRotation -Force -ErrorAction Ignore
}

Describe 'Grant-PoolVaultAccess on an access-policy vault' {
    BeforeAll {
        $script:Identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
        $script:World = New-TestVault -Certificate 'web', 'api'
        $script:Result = Grant-PoolVaultAccess -IdentityResourceId $Identity.Id -CertificateUrl $World.Certificates.SecretUrl
    }

    It 'returns one object naming the identity and the normalised URLs' {
        @($Result).Count | Should -Be 1
        $Result.PSObject.TypeNames[0] | Should -Be 'BatchRotation.Core.Operations.Grants.PoolVaultAccess'
        $Result.IdentityResourceId | Should -Be $Identity.Id
        $Result.IdentityClientId | Should -Be $Identity.ClientId
        $Result.IdentityPrincipalId | Should -Be $Identity.PrincipalId
        $Result.CertificateUrl | Should -Be @($World.Certificates.SecretUrl)
        $Result.Complete | Should -BeTrue
    }

    It 'adds secrets get and list, and nothing else, through accessPolicies/add' {
        $grant = @($Result.Grants)
        $grant.Count | Should -Be 1
        $grant[0].Status | Should -Be 'Granted'
        $grant[0].AccessModel | Should -Be 'AccessPolicy'
        $grant[0].Permissions | Should -Be @('get', 'list')
        $policy = Get-VaultPolicy -Vault $World.Vault -PrincipalId $Identity.PrincipalId
        $policy.Count | Should -Be 1
        @($policy[0].permissions.secrets | Sort-Object) | Should -Be @('get', 'list')
        foreach ($kind in 'certificates', 'keys', 'storage') {
            $granted = $policy[0].permissions.PSObject.Properties[$kind]
            if ($null -ne $granted) { @($granted.Value).Count | Should -Be 0 -Because "only secret permissions are granted, not $kind" }
        }
    }

    It 'keeps the policy of the principal that created the vault' {
        (Get-VaultPolicy -Vault $World.Vault -PrincipalId $Settings.principalId).Count | Should -Be 1
    }

    It 'writes nothing at all on a rerun and says AlreadyPresent' {
        $mark = Get-JournalMark
        $again = Grant-PoolVaultAccess -IdentityResourceId $Identity.Id -CertificateUrl $World.Certificates.SecretUrl
        @(Get-AzureWrite -Since $mark) | Should -BeNullOrEmpty
        $again.Grants[0].Status | Should -Be 'AlreadyPresent'
        $again.Grants[0].Detail | Should -Match 'access policy'
    }

    It 'shows the identity and a line per vault, and the entries as a table' {
        $text = $Result | Out-String -Width 300
        $text | Should -Match ([regex]::Escape($Identity.ClientId))
        $text | Should -Match ('Granted ' + [regex]::Escape($World.Vault.Name) + ' \(AccessPolicy\): secrets: get, list')
        $table = $Result.Grants | Out-String -Width 300
        $table | Should -Match 'Vault\s+Model\s+Access\s+Scope\s+Status'
        $table | Should -Match ([regex]::Escape($World.Vault.Name) + '\s+AccessPolicy\s+secrets: get, list\s+Granted')
    }
}

Describe 'Grant-PoolVaultAccess on an RBAC vault' {
    It 'assigns Key Vault Secrets User at the vault, and a rerun writes nothing' {
        $identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
        $world = New-TestVault -Rbac

        $result = Grant-PoolVaultAccess -IdentityResourceId $identity.Id -CertificateUrl $world.Certificates[0].SecretUrl -WarningVariable warnings -WarningAction SilentlyContinue

        $result.Grants[0].Status | Should -Be 'Granted'
        $result.Grants[0].AccessModel | Should -Be 'Rbac'
        $result.Grants[0].RoleName | Should -Be 'Key Vault Secrets User'
        $result.Grants[0].Scope | Should -Be @($world.Vault.Id)
        ($warnings -join ' ') | Should -Match 'few minutes'
        $assignments = Get-RoleAssignment -Scope $world.Vault.Id -PrincipalId $identity.PrincipalId
        $assignments.Count | Should -Be 1
        $assignments[0].properties.roleDefinitionId | Should -Match '4633458b-17de-408a-b874-0445c86b69e6$'

        $mark = Get-JournalMark
        $again = Grant-PoolVaultAccess -IdentityResourceId $identity.Id -CertificateUrl $world.Certificates[0].SecretUrl
        @(Get-AzureWrite -Since $mark) | Should -BeNullOrEmpty
        $again.Grants[0].Status | Should -Be 'AlreadyPresent'
    }

    It 'assigns the role on each secret with -RbacScope Secret' {
        $identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
        $world = New-TestVault -Rbac -Certificate 'web', 'api'

        $result = Grant-PoolVaultAccess $identity.Id $world.Certificates.SecretUrl -RbacScope Secret -WarningAction SilentlyContinue

        @($result.Grants[0].Scope | Sort-Object) | Should -Be @("$($world.Vault.Id)/secrets/api", "$($world.Vault.Id)/secrets/web")
        (Get-RoleAssignment -Scope $world.Vault.Id -PrincipalId $identity.PrincipalId).Count | Should -Be 2
    }

    It 'says AlreadyPresent for a role inherited from the resource group' {
        $group = New-EmulatorResourceGroup -Emulator $Emulator
        $identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $group
        $world = New-TestVault -Rbac -ResourceGroup $group
        $null = Add-EmulatorRoleAssignment -Emulator $Emulator -Scope $group.Id -RoleDefinitionId '4633458b-17de-408a-b874-0445c86b69e6' -PrincipalId $identity.PrincipalId
        $mark = Get-JournalMark

        $result = Grant-PoolVaultAccess -IdentityResourceId $identity.Id -CertificateUrl $world.Certificates[0].SecretUrl

        @(Get-AzureWrite -Since $mark) | Should -BeNullOrEmpty
        $result.Grants[0].Status | Should -Be 'AlreadyPresent'
        $result.Grants[0].Scope | Should -Be @($group.Id)
        $result.Grants[0].Detail | Should -Match 'inherited'
        ($result.Grants | Out-String -Width 300) | Should -Match "resource group $([regex]::Escape($group.Name))"
    }
}

Describe 'Grant-PoolVaultAccess -WhatIf' {
    It 'writes nothing and says Skipped' {
        $identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
        $policyWorld = New-TestVault
        $rbacWorld = New-TestVault -Rbac
        $mark = Get-JournalMark

        $result = Grant-PoolVaultAccess -IdentityResourceId $identity.Id -CertificateUrl $policyWorld.Certificates[0].SecretUrl, $rbacWorld.Certificates[0].SecretUrl -WhatIf

        @(Get-AzureWrite -Since $mark) | Should -BeNullOrEmpty
        @($result.Grants.Status) | Should -Be @('Skipped', 'Skipped')
        (Get-VaultPolicy -Vault $policyWorld.Vault -PrincipalId $identity.PrincipalId).Count | Should -Be 0
        (Get-RoleAssignment -Scope $rbacWorld.Vault.Id -PrincipalId $identity.PrincipalId).Count | Should -Be 0
    }
}

Describe 'Grant-PoolVaultAccess input' {
    It 'collects records piped by property name and writes one object' {
        $identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
        $world = New-TestVault -Certificate 'web', 'api'
        $records = @(
            [pscustomobject]@{ IdentityResourceId = $identity.Id; CertificateUrl = $world.Certificates[0].SecretUrl }
            [pscustomobject]@{ IdentityResourceId = $identity.Id; CertificateUrl = $world.Certificates[1].SecretUrl }
        )

        $out = @($records | Grant-PoolVaultAccess)

        $out.Count | Should -Be 1
        $out[0].CertificateUrl | Should -Be @($world.Certificates.SecretUrl)
        $out[0].Grants[0].Status | Should -Be 'Granted'
    }

    It 'binds by property name to the next command exactly once' {
        $identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
        $world = New-TestVault
        function Receive-Grant {
            [CmdletBinding()]
            param(
                [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $IdentityResourceId,
                [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string] $IdentityClientId,
                [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [string[]] $CertificateUrl
            )
            process { [pscustomobject]@{ Identity = $IdentityResourceId; ClientId = $IdentityClientId; Urls = $CertificateUrl } }
        }

        $received = @([pscustomobject]@{ IdentityResourceId = $identity.Id; CertificateUrl = $world.Certificates[0].SecretUrl } |
                Grant-PoolVaultAccess | Receive-Grant)

        $received.Count | Should -Be 1
        $received[0].ClientId | Should -Be $identity.ClientId
        $received[0].Urls | Should -Be @($world.Certificates[0].SecretUrl)
    }

    It 'normalises a versioned /certificates/ URL with a warning that says why' {
        $identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
        $world = New-TestVault

        $result = Grant-PoolVaultAccess -IdentityResourceId $identity.Id -CertificateUrl "$($world.Certificates[0].Id)/" -WarningVariable warnings -WarningAction SilentlyContinue

        $result.CertificateUrl | Should -Be @($world.Certificates[0].SecretUrl)
        ($warnings -join ' ') | Should -Match 'pins that one version'
    }

    It 'repairs a pool object''s grants, one object per pool' {
        $identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
        $world = New-TestVault -Certificate 'web', 'api'
        $pools = foreach ($certificate in $world.Certificates) {
            [BatchRotation.Core.Model.RotatingBatchPool] @{
                PoolResourceId     = "/subscriptions/$($Settings.subscriptionId)/resourceGroups/$($Group.Name)/providers/Microsoft.Batch/batchAccounts/acct/pools/$($certificate.Name)"
                IdentityResourceId = $identity.Id
                CertificateUrl     = @($certificate.SecretUrl)
            }
        }

        $out = @($pools | Grant-PoolVaultAccess)

        $out.Count | Should -Be 2
        $out[0].Grants[0].Status | Should -Be 'Granted'
        # Both certificates are in one vault, and an access policy covers the whole vault.
        $out[1].Grants[0].Status | Should -Be 'AlreadyPresent'
        $out[1].CertificateUrl | Should -Be @($world.Certificates[1].SecretUrl)
    }

    It 'reports a pool without identity as PoolHasNoIdentity and goes on with the next pool' {
        $identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
        $world = New-TestVault
        $pools = @(
            [BatchRotation.Core.Model.RotatingBatchPool] @{ PoolResourceId = '/pools/without-identity'; CertificateUrl = @($world.Certificates[0].SecretUrl) }
            [BatchRotation.Core.Model.RotatingBatchPool] @{ PoolResourceId = '/pools/fine'; IdentityResourceId = $identity.Id; CertificateUrl = @($world.Certificates[0].SecretUrl) }
        )

        $out = @($pools | Grant-PoolVaultAccess -ErrorVariable failures -ErrorAction SilentlyContinue)

        $out.Count | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "PoolHasNoIdentity,$GrantId"
    }
}

Describe 'Grant-PoolVaultAccess errors' {
    BeforeAll {
        $script:Identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $Group
        $script:World = New-TestVault
        $script:Url = $World.Certificates[0].SecretUrl
    }

    It 'IdentityNotFound for an identity that does not exist' {
        $missing = "$($Group.Id)/providers/Microsoft.ManagedIdentity/userAssignedIdentities/nobody"
        { Grant-PoolVaultAccess -IdentityResourceId $missing -CertificateUrl $Url -ErrorAction Stop } |
            Should -Throw -ErrorId "IdentityNotFound,$GrantId"
        try { Grant-PoolVaultAccess -IdentityResourceId $missing -CertificateUrl $Url -ErrorAction Stop }
        catch {
            $_.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $_.TargetObject | Should -Be $missing
            $_.Exception.RequestId | Should -Not -BeNullOrEmpty
            $_.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        }
    }

    It 'InvalidResourceId for something that is not an identity id' {
        { Grant-PoolVaultAccess -IdentityResourceId $World.Vault.Id -CertificateUrl $Url -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidResourceId,$GrantId"
    }

    It 'InvalidCertificateUrl for a malformed URL, while the good one is granted' {
        $out = Grant-PoolVaultAccess -IdentityResourceId $Identity.Id -CertificateUrl 'myvault/secrets/web', $Url -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "InvalidCertificateUrl,$GrantId"
        $failures[0].TargetObject | Should -Be 'myvault/secrets/web'
        $out.CertificateUrl | Should -Be @($Url, 'myvault/secrets/web')
        $out.FailedCertificateUrl | Should -Be @('myvault/secrets/web')
        { Grant-PoolVaultAccess -IdentityResourceId $Identity.Id -CertificateUrl 'myvault/secrets/web' -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidCertificateUrl,$GrantId"
    }

    It 'VaultNotFound names the subscription searched, and the other vault is still granted' {
        $ghost = $Settings.resourceManagerUrl.TrimEnd('/') + '/keyvault/ghostvault1/secrets/web'
        $other = New-TestVault
        $out = Grant-PoolVaultAccess -IdentityResourceId $Identity.Id -CertificateUrl $ghost, $other.Certificates[0].SecretUrl -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "VaultNotFound,$GrantId"
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -Match $Settings.subscriptionId
        @($out.Grants.Status) | Should -Be @('Failed', 'Granted')
        { Grant-PoolVaultAccess -IdentityResourceId $Identity.Id -CertificateUrl $ghost -ErrorAction Stop } | Should -Throw -ErrorId "VaultNotFound,$GrantId"
    }

    It 'CertificateNotFound for a certificate the vault does not have' {
        $missing = $World.Vault.VaultUri.TrimEnd('/') + '/secrets/not-there'
        { Grant-PoolVaultAccess -IdentityResourceId $Identity.Id -CertificateUrl $missing -ErrorAction Stop } |
            Should -Throw -ErrorId "CertificateNotFound,$GrantId"
    }

    It 'VaultInAnotherTenant for a vault of another tenant' {
        $name = New-EmulatorName -Prefix 'kv'
        $foreign = Invoke-EmulatorAzure -Emulator $Emulator -Method PUT -ApiVersion '2025-05-01' `
            -Path "$($Group.Id)/providers/Microsoft.KeyVault/vaults/$name" `
            -Body @{ location = 'westeurope'; properties = @{ tenantId = '5f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'; sku = @{ family = 'A'; name = 'standard' }; accessPolicies = @() } }
        $url = $foreign.properties.vaultUri.TrimEnd('/') + '/secrets/web'
        { Grant-PoolVaultAccess -IdentityResourceId $Identity.Id -CertificateUrl $url -ErrorAction Stop } |
            Should -Throw -ErrorId "VaultInAnotherTenant,$GrantId"
    }

    It 'VaultAccessModelMismatch when -AccessModel contradicts the vault' {
        { Grant-PoolVaultAccess -IdentityResourceId $Identity.Id -CertificateUrl $Url -AccessModel Rbac -ErrorAction Stop } |
            Should -Throw -ErrorId "VaultAccessModelMismatch,$GrantId"
    }

    Context 'signed in as a principal with only Reader' {
        BeforeAll {
            $script:ReaderGroup = New-EmulatorResourceGroup -Emulator $Emulator
            $script:ReaderIdentity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $ReaderGroup
            $script:PolicyWorld = New-TestVault -ResourceGroup $ReaderGroup
            $script:RbacWorld = New-TestVault -Rbac -ResourceGroup $ReaderGroup
            $script:Reader = New-EmulatorPrincipal -Emulator $Emulator -DisplayName 'reader'
            $null = Add-EmulatorRoleAssignment -Emulator $Emulator -Scope $ReaderGroup.Id -RoleDefinitionId 'acdd72a7-3385-48ef-bd42-f606fba81ae7' -PrincipalId $Reader.PrincipalId
            Connect-AsPrincipal -Principal $Reader
        }

        AfterAll {
            $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile -ErrorAction Stop
        }

        It 'AccessPolicyWriteDenied names the role needed and carries the request id' {
            $out = Grant-PoolVaultAccess -IdentityResourceId $ReaderIdentity.Id -CertificateUrl $PolicyWorld.Certificates[0].SecretUrl `
                -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "AccessPolicyWriteDenied,$GrantId"
            $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $failures[0].TargetObject | Should -Be $PolicyWorld.Vault.Id
            $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Key Vault Contributor'
            $failures[0].Exception.RequestId | Should -Not -BeNullOrEmpty
            $out.Grants[0].Status | Should -Be 'Failed'
        }

        It 'RoleAssignmentWriteDenied names the roles needed and leaves nothing behind' {
            { Grant-PoolVaultAccess -IdentityResourceId $ReaderIdentity.Id -CertificateUrl $RbacWorld.Certificates[0].SecretUrl -ErrorAction Stop -WarningAction SilentlyContinue } |
                Should -Throw -ErrorId "RoleAssignmentWriteDenied,$GrantId"
            (Get-RoleAssignment -Scope $RbacWorld.Vault.Id -PrincipalId $ReaderIdentity.PrincipalId).Count | Should -Be 0
        }
    }
}
