#Requires -Version 7.2
# Connect-BatchRotation, Get-BatchRotationContext and Disconnect-BatchRotation in a real PowerShell,
# against the emulator: signing in with its environment file, what the context shows (never a secret),
# -Verbose, runspace isolation, and the ErrorIds of a missing, malformed or insecure file.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Module = Import-BatchRotationBuiltModule
    $script:ManifestPath = Get-BatchRotationManifestPath
    $script:Emulator = Start-BatchRotationEmulator -OutputDirectory (Join-Path $TestDrive 'emulator') -NoBuild
    $script:Settings = $Emulator.Environment
    $script:ConnectId = 'BatchRotation.Commands.Cmdlets.ConnectBatchRotationCommand'

    function script:Write-ChangedEnvironmentFile {
        # A copy of the emulator's environment file with some values changed.
        param([Parameter(Mandatory)] [hashtable] $Changes)
        $values = Get-Content -Raw -LiteralPath $Emulator.EnvironmentFile | ConvertFrom-Json -AsHashtable
        foreach ($key in $Changes.Keys) { $values[$key] = $Changes[$key] }
        $path = Join-Path $TestDrive ('env-' + [guid]::NewGuid().ToString('N') + '.json')
        $values | ConvertTo-Json | Set-Content -LiteralPath $path -Encoding utf8
        $path
    }

    function script:Get-AllText {
        # Everything a user can see of objects or error records: formatted views, properties, exceptions.
        param([Parameter(Mandatory, ValueFromPipeline)] [object] $InputObject)
        process {
            $InputObject | Out-String -Width 400
            $InputObject | Format-List -Property * -Force | Out-String -Width 400
            $InputObject | Format-Table | Out-String -Width 400
            if ($InputObject -is [System.Management.Automation.ErrorRecord]) {
                $InputObject.Exception.ToString()
                $InputObject.ErrorDetails | Out-String -Width 400
            }
            else {
                $InputObject | ConvertTo-Json -Depth 5
            }
        }
    }
}

AfterAll {
    if (Get-Command -Name Disconnect-BatchRotation -ErrorAction Ignore) { Disconnect-BatchRotation }
    Stop-BatchRotationEmulator -Emulator $Emulator
    Remove-Module -Name BatchRotation -Force -ErrorAction Ignore
}

Describe 'Connect-BatchRotation -EnvironmentFile' {
    BeforeEach { Disconnect-BatchRotation }

    It 'signs in as the file''s principal and returns the context it keeps' {
        $context = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile

        $context.PSObject.TypeNames[0] | Should -Be 'BatchRotation.Core.Model.BatchRotationContextInfo'
        $context.IsConnected | Should -BeTrue
        $context.Environment | Should -Be 'BatchRotationEmulator'
        $context.TenantId | Should -Be $Settings.tenantId
        $context.SubscriptionId | Should -Be $Settings.subscriptionId
        $context.SubscriptionName | Should -Not -BeNullOrEmpty
        $context.Account | Should -Be $Settings.clientId
        $context.AccountObjectId | Should -Be $Settings.principalId
        "$($context.SignInMethod)" | Should -Be 'EnvironmentFile'
        $context.ResourceManagerUrl | Should -Be $Settings.resourceManagerUrl
        $context.TrustedCertificate | Should -Match "trusted for $([regex]::Escape(([uri]$Settings.resourceManagerUrl).Authority)) only"
        (Get-BatchRotationContext).AccountObjectId | Should -Be $Settings.principalId
    }

    It 'takes a path relative to the current PowerShell location, not the process directory' {
        Push-Location -LiteralPath $Emulator.OutputDirectory
        try {
            (Connect-BatchRotation -EnvironmentFile ./emulator.env.json).TenantId | Should -Be $Settings.tenantId
        }
        finally {
            Pop-Location
        }
    }

    It 'takes a path on a PowerShell drive' {
        $null = New-PSDrive -Name BrEmulator -PSProvider FileSystem -Root $Emulator.OutputDirectory -Scope Global
        try {
            (Connect-BatchRotation -EnvironmentFile 'BrEmulator:\emulator.env.json').IsConnected | Should -BeTrue
        }
        finally {
            Remove-PSDrive -Name BrEmulator -Scope Global
        }
    }

    It 'replaces an earlier sign-in of the session' {
        $principal = New-EmulatorPrincipal -Emulator $Emulator -DisplayName 'pester replacement'
        $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile
        $file = Write-ChangedEnvironmentFile @{ clientId = $principal.ClientId; clientSecret = $principal.ClientSecret }

        $null = Connect-BatchRotation -EnvironmentFile $file -WarningAction SilentlyContinue

        (Get-BatchRotationContext).AccountObjectId | Should -Be $principal.PrincipalId
    }

    It 'warns, but connects, when the account may not read its subscription' {
        $principal = New-EmulatorPrincipal -Emulator $Emulator -DisplayName 'pester no roles'
        $file = Write-ChangedEnvironmentFile @{ clientId = $principal.ClientId; clientSecret = $principal.ClientSecret }

        $context = Connect-BatchRotation -EnvironmentFile $file -WarningVariable warnings -WarningAction SilentlyContinue

        $context.IsConnected | Should -BeTrue
        $context.SubscriptionName | Should -BeNullOrEmpty
        "$warnings" | Should -Match "cannot read subscription $($Settings.subscriptionId) \(AuthorizationFailed"
    }
}

Describe 'Get-BatchRotationContext' {
    BeforeEach { Disconnect-BatchRotation }

    It 'shows tenant, subscription and sign-in method, and no secret or token in any view' {
        $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile
        $context = Get-BatchRotationContext

        $text = ($context | Get-AllText) -join "`n"

        $text | Should -Match ([regex]::Escape($Settings.tenantId))
        $text | Should -Match ([regex]::Escape($Settings.subscriptionId))
        $text | Should -Match 'EnvironmentFile'
        $text | Should -Match ([regex]::Escape($Settings.clientId))
        $text | Should -Not -Match ([regex]::Escape($Settings.clientSecret))
        $text | Should -Not -Match 'eyJ'
    }

    It 'shows the connection as a list by default and as a table on request' {
        $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile

        $list = Get-BatchRotationContext | Out-String -Width 400
        $list | Should -Match '(?m)^Connected\s+: True'
        $list | Should -Match '(?m)^SignInMethod\s+: EnvironmentFile'
        $list | Should -Match '(?m)^Credential\s+: Client secret of application'
        $table = Get-BatchRotationContext | Format-Table | Out-String -Width 400
        $table | Should -Match 'Connected\s+Environment\s+Account\s+TenantId\s+SubscriptionId\s+SignInMethod'
    }

    It 'says what the cmdlets will use when nothing is connected, without failing' {
        $context = Get-BatchRotationContext -ErrorAction Stop

        $context.IsConnected | Should -BeFalse
        "$($context.SignInMethod)" | Should -Be 'Default'
        $context.Environment | Should -Be 'AzureCloud'
        $context.CredentialDescription | Should -Match 'DefaultAzureCredential'
        $context.CredentialDescription | Should -Match 'Azure CLI'
        $context.Account | Should -BeNullOrEmpty
    }
}

Describe '-Verbose' {
    BeforeEach { Disconnect-BatchRotation }

    It 'shows each Azure call with method, URL, status and request id, and never a token or secret' {
        $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile

        $records = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile -Verbose 4>&1
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

        $authority = [regex]::Escape(([uri]$Settings.resourceManagerUrl).Authority)
        $call = "^Azure Resource Manager: GET https://$authority/subscriptions/$($Settings.subscriptionId)\?api-version=[0-9-]+ -> 200 \(request id [0-9a-fA-F-]{8,}\)"
        @($verbose | Where-Object { $_ -match $call }).Count | Should -Be 1
        @($verbose | Where-Object { $_ -like "Signed in as $($Settings.clientId) (object id $($Settings.principalId))*" }).Count | Should -Be 1
        $joined = $verbose -join "`n"
        $joined | Should -Match '127\.0\.0\.1:\d+'
        $joined | Should -Not -Match 'eyJ'
        $joined | Should -Not -Match 'Bearer'
        $joined | Should -Not -Match ([regex]::Escape($Settings.clientSecret))
    }

    It 'a later cmdlet works with the connected sign-in and shows its calls the same way' {
        if (-not (Get-Command -Name Get-RotatingBatchPool -Module BatchRotation -ErrorAction Ignore)) {
            Set-ItResult -Skipped -Because 'Get-RotatingBatchPool is not in this build'
            return
        }
        $group = New-EmulatorResourceGroup -Emulator $Emulator
        $account = New-EmulatorBatchAccount -Emulator $Emulator -ResourceGroup $group
        $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile

        $records = Get-RotatingBatchPool -ResourceGroupName $group.Name -AccountName $account.Name -Verbose -ErrorAction Stop 4>&1
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

        $authority = [regex]::Escape(([uri]$Settings.resourceManagerUrl).Authority)
        $call = "^Azure Resource Manager: GET https://$authority/subscriptions/$($Settings.subscriptionId)/resourceGroups/$($group.Name)/providers/Microsoft\.Batch/batchAccounts/$($account.Name)\S* -> 200 \(request id [0-9a-fA-F-]{8,}\)"
        @($verbose | Where-Object { $_ -match $call }).Count | Should -BeGreaterThan 0
        ($verbose -join "`n") | Should -Not -Match 'eyJ|Bearer'
        ($verbose -join "`n") | Should -Not -Match ([regex]::Escape($Settings.clientSecret))
    }
}

Describe 'Disconnect-BatchRotation' {
    BeforeEach { Disconnect-BatchRotation }

    It 'forgets the sign-in: Get-BatchRotationContext then shows the default chain' {
        $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile

        Disconnect-BatchRotation | Should -BeNullOrEmpty

        $context = Get-BatchRotationContext
        $context.IsConnected | Should -BeFalse
        "$($context.SignInMethod)" | Should -Be 'Default'
    }

    It 'returns the forgotten sign-in with -PassThru' {
        $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile

        $forgotten = Disconnect-BatchRotation -PassThru

        $forgotten.AccountObjectId | Should -Be $Settings.principalId
        $forgotten.IsConnected | Should -BeTrue
    }

    It 'does nothing, quietly, when nothing is connected' {
        { Disconnect-BatchRotation -PassThru -ErrorAction Stop } | Should -Not -Throw
        Disconnect-BatchRotation -PassThru | Should -BeNullOrEmpty
    }

    It 'never prompts: it has no -WhatIf or -Confirm' {
        (Get-Command -Name Disconnect-BatchRotation).Parameters.Keys | Should -Not -Contain 'Confirm'
        (Get-Command -Name Disconnect-BatchRotation).Parameters.Keys | Should -Not -Contain 'WhatIf'
    }
}

Describe 'Runspaces' {
    BeforeEach { Disconnect-BatchRotation }

    It 'keeps one sign-in per runspace: parallel runspaces do not see each other''s' {
        $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile
        $principal = New-EmulatorPrincipal -Emulator $Emulator -DisplayName 'pester parallel'
        $secondFile = Write-ChangedEnvironmentFile @{ clientId = $principal.ClientId; clientSecret = $principal.ClientSecret }
        $manifest = $ManifestPath

        $results = 1..2 | ForEach-Object -ThrottleLimit 2 -UseNewRunspace -Parallel {
            Import-Module -Name $using:manifest -ErrorAction Stop
            if ($_ -eq 1) {
                $null = Connect-BatchRotation -EnvironmentFile $using:secondFile -WarningAction SilentlyContinue -ErrorAction Stop
            }
            $context = Get-BatchRotationContext
            [pscustomobject]@{ Index = $_; IsConnected = $context.IsConnected; ObjectId = $context.AccountObjectId }
        }

        ($results | Where-Object Index -EQ 1).ObjectId | Should -Be $principal.PrincipalId
        ($results | Where-Object Index -EQ 2).IsConnected | Should -BeFalse
        (Get-BatchRotationContext).AccountObjectId | Should -Be $Settings.principalId
    }

    It 'starts a fresh runspace with the default chain' {
        $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile

        Invoke-InBatchRotationRunspace -Script '(Get-BatchRotationContext).IsConnected' | Should -BeFalse
        (Get-BatchRotationContext).IsConnected | Should -BeTrue
    }
}

Describe 'Errors' {
    BeforeEach { Disconnect-BatchRotation }

    It 'names a missing environment file EnvironmentFileNotFound, with the path as target' {
        $missing = Join-Path $TestDrive 'missing.env.json'

        $failure = { Connect-BatchRotation -EnvironmentFile $missing } | Should -Throw -ErrorId "EnvironmentFileNotFound,$ConnectId" -PassThru

        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure.TargetObject | Should -Be $missing
        $failure.ErrorDetails.RecommendedAction | Should -Match 'emulator'
    }

    It 'names a path on a drive that does not exist EnvironmentFileNotFound' {
        { Connect-BatchRotation -EnvironmentFile 'NoSuchDrive:\emulator.env.json' } | Should -Throw -ErrorId "EnvironmentFileNotFound,$ConnectId"
    }

    It 'names a malformed environment file EnvironmentFileInvalid' {
        $malformed = Join-Path $TestDrive 'malformed.env.json'
        Set-Content -LiteralPath $malformed -Value '{ "name": "BatchRotationEmulator", ' -Encoding utf8

        $failure = { Connect-BatchRotation -EnvironmentFile $malformed } | Should -Throw -ErrorId "EnvironmentFileInvalid,$ConnectId" -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'refuses an http:// endpoint with InsecureEndpoint' {
        $insecure = Write-ChangedEnvironmentFile @{ resourceManagerUrl = $Settings.resourceManagerUrl -replace '^https:', 'http:' }

        $failure = { Connect-BatchRotation -EnvironmentFile $insecure } | Should -Throw -ErrorId "InsecureEndpoint,$ConnectId" -PassThru
        $failure.Exception.Message | Should -Match 'http://'
    }

    It 'fails at Connect with AuthenticationFailed for a wrong secret, and shows the secret nowhere' {
        $wrong = 'Wrong~Secret.' + [guid]::NewGuid().ToString('N')
        $file = Write-ChangedEnvironmentFile @{ clientSecret = $wrong }

        $failure = { Connect-BatchRotation -EnvironmentFile $file } | Should -Throw -ErrorId "AuthenticationFailed,$ConnectId" -PassThru

        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.Exception.Message | Should -Match 'AADSTS7000215'
        $text = ($failure | Get-AllText) -join "`n"
        $text | Should -Not -Match ([regex]::Escape($wrong))
        $text | Should -Not -Match ([regex]::Escape($Settings.clientSecret))
        (Get-BatchRotationContext).IsConnected | Should -BeFalse
    }

    It 'fails at Connect with SubscriptionNotFound for a subscription that does not exist' {
        $failure = { Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile -SubscriptionId ([guid]::NewGuid()) } |
            Should -Throw -ErrorId "SubscriptionNotFound,$ConnectId" -PassThru
        $failure.ErrorDetails.Message | Should -Match 'HTTP 404; Azure error code: SubscriptionNotFound; request id: '
    }

    It 'refuses a subscription id that is not a GUID with SignInRequestInvalid' {
        { Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile -SubscriptionId 'my-subscription' } |
            Should -Throw -ErrorId "SignInRequestInvalid,$ConnectId"
    }

    It 'offers only the built-in clouds for -Environment' {
        { Connect-BatchRotation -Environment AzureGermanCloud } | Should -Throw -ErrorId 'ParameterArgumentValidationError,BatchRotation.Commands.Cmdlets.ConnectBatchRotationCommand'
        $completions = TabExpansion2 -inputScript 'Connect-BatchRotation -Environment Azure' -cursorColumn 'Connect-BatchRotation -Environment Azure'.Length
        @($completions.CompletionMatches.CompletionText | Sort-Object) | Should -Be @('AzureChinaCloud', 'AzureCloud', 'AzureUSGovernment')
    }

    It 'stops a script at the failed Connect with -ErrorAction Stop, keeping the earlier sign-in' {
        $null = Connect-BatchRotation -EnvironmentFile $Emulator.EnvironmentFile
        $steps = [System.Collections.Generic.List[string]]::new()

        try {
            Connect-BatchRotation -EnvironmentFile (Join-Path $TestDrive 'missing.env.json') -ErrorAction Stop
            $steps.Add('after connect')
        }
        catch {
            $steps.Add($_.FullyQualifiedErrorId)
        }

        $steps | Should -Be @("EnvironmentFileNotFound,$ConnectId")
        (Get-BatchRotationContext).AccountObjectId | Should -Be $Settings.principalId
    }
}
