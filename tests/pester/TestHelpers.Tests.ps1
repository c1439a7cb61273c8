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

Describe 'Seeding helpers' {
    BeforeAll {
        $script:Seeded = Start-BatchRotationEmulator -OutputDirectory (Join-Path $TestDrive 'seeding') -NoBuild
        $script:Group = New-EmulatorResourceGroup -Emulator $Seeded

        function script:ConvertFrom-JwtPayload([string] $Token) {
            $payload = $Token.Split('.')[1].Replace('-', '+').Replace('_', '/')
            $payload += '=' * ((4 - $payload.Length % 4) % 4)
            [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($payload)) | ConvertFrom-Json
        }
    }

    AfterAll {
        Stop-BatchRotationEmulator -Emulator $Seeded
    }

    It 'gets a token for each audience as the environment principal' {
        foreach ($audience in 'arm', 'keyvault', 'batch') {
            $claims = ConvertFrom-JwtPayload (Get-EmulatorAccessToken -Emulator $Seeded -Audience $audience)
            $claims.aud | Should -Be (Get-EmulatorAudience -Emulator $Seeded -Audience $audience)
            $claims.oid | Should -Be $Seeded.Environment.principalId
        }
    }

    It 'fails to get a token with a wrong secret, naming the status and not the secret' {
        $wrong = 'not-the-secret-' + [guid]::NewGuid()
        $failure = { Get-EmulatorAccessToken -Emulator $Seeded -ClientSecret $wrong } | Should -Throw -PassThru
        $failure.Exception.StatusCode | Should -Be ([System.Net.HttpStatusCode]::Unauthorized)
        $failure.Exception.Message | Should -Match 'AADSTS7000215'
        $failure.Exception.Message | Should -Not -Match ([regex]::Escape($wrong))
    }

    It 'calls ARM by path and returns parsed JSON' {
        $subscription = Invoke-EmulatorAzure -Emulator $Seeded -Path "/subscriptions/$($Seeded.Environment.subscriptionId)" -ApiVersion '2022-12-01'
        $subscription.subscriptionId | Should -Be $Seeded.Environment.subscriptionId
    }

    It 'throws with the status and the body when Azure refuses' {
        $missing = "/subscriptions/$($Seeded.Environment.subscriptionId)/resourceGroups/rg-missing-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
        $failure = { Invoke-EmulatorAzure -Emulator $Seeded -Path $missing -ApiVersion '2024-03-01' } | Should -Throw -PassThru
        $failure.Exception.StatusCode | Should -Be ([System.Net.HttpStatusCode]::NotFound)
        $failure.Exception.Message | Should -Match 'ResourceGroupNotFound'
    }

    It 'creates a resource group' {
        $Group.Name | Should -Match '^rg-[0-9a-f]{8}$'
        $Group.Id | Should -Be "/subscriptions/$($Seeded.Environment.subscriptionId)/resourceGroups/$($Group.Name)"
        (Invoke-EmulatorAzure -Emulator $Seeded -Path $Group.Id -ApiVersion '2024-03-01').properties.provisioningState | Should -Be 'Succeeded'
    }

    It 'creates a user-assigned identity with a client id and a principal id' {
        $identity = New-EmulatorIdentity -Emulator $Seeded -ResourceGroup $Group -Name 'pool-identity'
        $identity.Id | Should -BeLike "$($Group.Id)/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pool-identity"
        $identity.ClientId | Should -Match '^[0-9a-f-]{36}$'
        $identity.PrincipalId | Should -Match '^[0-9a-f-]{36}$'
        $identity.ClientId | Should -Not -Be $identity.PrincipalId
    }

    It 'creates an access-policy vault where the environment principal has full access' {
        $vault = New-EmulatorVault -Emulator $Seeded -ResourceGroup $Group.Name
        $vault.EnableRbacAuthorization | Should -BeFalse
        $vault.VaultUri | Should -Be "https://$(([uri]$Seeded.Environment.resourceManagerUrl).Authority)/keyvault/$($vault.Name)/"
        $read = Invoke-EmulatorAzure -Emulator $Seeded -Path $vault.Id -ApiVersion '2025-05-01'
        $policy = @($read.properties.accessPolicies | Where-Object objectId -EQ $Seeded.Environment.principalId)
        $policy.Count | Should -Be 1
        $policy[0].permissions.secrets | Should -Contain 'get'
        $policy[0].permissions.certificates | Should -Contain 'create'
    }

    It 'creates an RBAC vault where the environment principal is Key Vault Administrator' {
        $vault = New-EmulatorVault -Emulator $Seeded -ResourceGroup $Group -Rbac
        $vault.EnableRbacAuthorization | Should -BeTrue
        $assignments = (Invoke-EmulatorAzure -Emulator $Seeded -Path "$($vault.Id)/providers/Microsoft.Authorization/roleAssignments" -ApiVersion '2022-04-01').value
        @($assignments | Where-Object { $_.properties.principalId -eq $Seeded.Environment.principalId -and $_.properties.roleDefinitionId -like '*/00482a5a-887f-4fb3-b363-3b7fe8e74483' }).Count |
            Should -Be 1
        # The role really opens the data plane: a certificate can be made there.
        (New-EmulatorCertificate -Emulator $Seeded -VaultUri $vault.VaultUri -Name 'rbac-cert').Thumbprint | Should -Match '^[0-9A-F]{40}$'
    }

    It 'creates a self-issued, auto-renewing certificate and returns its secret URLs and thumbprint' {
        $vault = New-EmulatorVault -Emulator $Seeded -ResourceGroup $Group
        $certificate = New-EmulatorCertificate -Emulator $Seeded -VaultUri $vault.VaultUri -Name 'web'
        $certificate.SecretUrl | Should -Be "$($vault.VaultUri)secrets/web"
        $certificate.SecretId | Should -Be "$($certificate.SecretUrl)/$($certificate.Version)"
        $certificate.Thumbprint | Should -Match '^[0-9A-F]{40}$'
        $bundle = Invoke-EmulatorAzure -Emulator $Seeded -Path $certificate.Id -ApiVersion '7.5'
        $bundle.policy.issuer.name | Should -Be 'Self'
        $bundle.policy.lifetime_actions[0].action.action_type | Should -Be 'AutoRenew'
    }

    It 'imports a certificate of an Unknown issuer that does not renew by itself' {
        $vault = New-EmulatorVault -Emulator $Seeded -ResourceGroup $Group
        $certificate = New-EmulatorCertificate -Emulator $Seeded -VaultUri $vault.VaultUri -Name 'imported' -Issuer Unknown -NoAutoRenew
        $policy = Invoke-EmulatorAzure -Emulator $Seeded -Path "$($vault.VaultUri)certificates/imported/policy" -ApiVersion '7.5'
        $policy.issuer.name | Should -Be 'Unknown'
        $policy.lifetime_actions[0].action.action_type | Should -Be 'EmailContacts'
        $certificate.Expires | Should -BeGreaterThan $certificate.NotBefore
    }

    It 'imports a PEM certificate of an Unknown issuer' {
        $vault = New-EmulatorVault -Emulator $Seeded -ResourceGroup $Group
        $certificate = New-EmulatorCertificate -Emulator $Seeded -VaultUri $vault.VaultUri -Name 'pem' -Issuer Unknown -ContentType 'application/x-pem-file'
        $certificate.Thumbprint | Should -Match '^[0-9A-F]{40}$'
    }

    It 'creates a Batch account through its long-running operation' {
        $account = New-EmulatorBatchAccount -Emulator $Seeded -ResourceGroup $Group
        $account.Name | Should -Match '^batch[0-9a-f]{8}$'
        $account.AccountEndpoint | Should -Be "$(([uri]$Seeded.Environment.resourceManagerUrl).Authority)/batch/$($account.Name)"
        (Invoke-EmulatorAzure -Emulator $Seeded -Path $account.Id -ApiVersion '2025-06-01').properties.provisioningState | Should -Be 'Succeeded'
    }

    It 'moves the simulated clock on' {
        $before = [datetimeoffset] (Invoke-EmulatorControl -Emulator $Seeded -Path 'clock').now
        $after = [datetimeoffset] (Step-EmulatorClock -Emulator $Seeded -Seconds 600).now
        ($after - $before).TotalSeconds | Should -BeGreaterOrEqual 600
    }

    It 'signs in as a further principal that has no role yet' {
        $principal = New-EmulatorPrincipal -Emulator $Seeded
        (ConvertFrom-JwtPayload (Get-EmulatorAccessToken -Emulator $Seeded -ClientId $principal.ClientId -ClientSecret $principal.ClientSecret)).oid |
            Should -Be $principal.PrincipalId
        $failure = { Invoke-EmulatorAzure -Emulator $Seeded -Path $Group.Id -ApiVersion '2024-03-01' -ClientId $principal.ClientId -ClientSecret $principal.ClientSecret } |
            Should -Throw -PassThru
        $failure.Exception.StatusCode | Should -Be ([System.Net.HttpStatusCode]::Forbidden)

        $null = Add-EmulatorRoleAssignment -Emulator $Seeded -Scope $Group.Id -RoleDefinitionId 'acdd72a7-3385-48ef-bd42-f606fba81ae7' -PrincipalId $principal.PrincipalId
        (Invoke-EmulatorAzure -Emulator $Seeded -Path $Group.Id -ApiVersion '2024-03-01' -ClientId $principal.ClientId -ClientSecret $principal.ClientSecret).name |
            Should -Be $Group.Name
    }
}
