# Shared helpers for the Pester tests (and build.ps1 -Task Demo): find and import the built module,
# start and stop the emulator. Dot-source it; it defines functions only and changes nothing else.
#
#   BeforeAll { . (Join-Path $PSScriptRoot 'TestHelpers.ps1') }
#
# Requires PowerShell 7.2+ (process-tree kill, X509Certificate2.CreateFromPem) and the solution built
# (`dotnet build`), which produces out/BatchRotation/<version>/ and the emulator.

Set-StrictMode -Version Latest

function Get-BatchRotationRepoRoot {
    <# The folder holding BatchRotation.sln, found by walking up from this file. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $dir = Get-Item -LiteralPath $PSScriptRoot
    while ($null -ne $dir) {
        if (Test-Path -LiteralPath (Join-Path $dir.FullName 'BatchRotation.sln')) {
            return $dir.FullName
        }
        $dir = $dir.Parent
    }
    throw "No BatchRotation.sln above $PSScriptRoot."
}

function Get-BatchRotationVersion {
    <# VersionPrefix from Directory.Build.props: the one version source. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $props = Join-Path (Get-BatchRotationRepoRoot) 'Directory.Build.props'
    $values = @(Select-Xml -LiteralPath $props -XPath '//VersionPrefix' | ForEach-Object { $_.Node.InnerText.Trim() })
    if ($values.Count -ne 1) {
        throw 'Directory.Build.props must define VersionPrefix exactly once.'
    }
    $values[0]
}

function Get-BatchRotationManifestPath {
    <# The manifest of the built module folder; fails clearly when the module has not been built. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $path = Join-Path (Get-BatchRotationRepoRoot) "out/BatchRotation/$(Get-BatchRotationVersion)/BatchRotation.psd1"
    if (-not (Test-Path -LiteralPath $path)) {
        throw "The built module is not at $path. Run 'dotnet build' (or ./build.ps1) first."
    }
    $path
}

function Import-BatchRotationBuiltModule {
    <# Imports the built module into the current session (replacing any loaded copy) and returns it. #>
    [CmdletBinding()]
    [OutputType([psmoduleinfo])]
    param()
    Remove-Module -Name BatchRotation -Force -ErrorAction Ignore
    Import-Module -Name (Get-BatchRotationManifestPath) -Force -PassThru -ErrorAction Stop
}

function Invoke-InBatchRotationRunspace {
    <#
    Runs a script in a fresh runspace (default session state, nothing else loaded) after importing the
    built module there, and returns its output. Errors in the script are thrown here.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $Script,

        [hashtable] $Parameters = @{}
    )
    $state = [initialsessionstate]::CreateDefault2()
    $state.ImportPSModule([string[]] @(Get-BatchRotationManifestPath))
    $runspace = [runspacefactory]::CreateRunspace($state)
    $shell = [powershell]::Create()
    try {
        $runspace.Open()
        $shell.Runspace = $runspace
        $null = $shell.AddScript($Script)
        foreach ($name in $Parameters.Keys) {
            $null = $shell.AddParameter($name, $Parameters[$name])
        }
        $output = $shell.Invoke()
        if ($shell.HadErrors -and $shell.Streams.Error.Count -gt 0) {
            throw $shell.Streams.Error[0]
        }
        $output
    }
    finally {
        $shell.Dispose()
        $runspace.Dispose()
    }
}

function Start-BatchRotationEmulator {
    <#
    Starts the emulator on a free port and waits until it answers. Returns an object with the process,
    the environment file (for Connect-BatchRotation -EnvironmentFile), its parsed content and the log
    files. Always pair with Stop-BatchRotationEmulator (in AfterAll / finally).
    -NoBuild runs the already built emulator (tests run after 'dotnet build'/'dotnet test') of the given
    -Configuration (default: $env:BATCHROTATION_CONFIGURATION, which build.ps1 sets, else Debug).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string] $OutputDirectory,

        [ValidateRange(1, 600)]
        [int] $TimeoutSeconds = 120,

        [switch] $NoBuild,

        [ValidateSet('Debug', 'Release')]
        [string] $Configuration = $(if ($env:BATCHROTATION_CONFIGURATION) { $env:BATCHROTATION_CONFIGURATION } else { 'Debug' })
    )
    $root = Get-BatchRotationRepoRoot
    $null = New-Item -ItemType Directory -Path $OutputDirectory -Force
    $OutputDirectory = (Resolve-Path -LiteralPath $OutputDirectory).ProviderPath
    $envFile = Join-Path $OutputDirectory 'emulator.env.json'
    Remove-Item -LiteralPath $envFile -ErrorAction Ignore
    $stdout = Join-Path $OutputDirectory 'emulator.stdout.log'
    $stderr = Join-Path $OutputDirectory 'emulator.stderr.log'

    $arguments = @('run', '--configuration', $Configuration)
    if ($NoBuild) { $arguments += '--no-build' }
    $arguments += @('--project', (Join-Path $root 'src/BatchRotation.Emulator'), '--', '--port', '0', '--output-dir', $OutputDirectory)
    # Start-Process joins the arguments with spaces as they are: quote the ones that need it.
    $arguments = $arguments | ForEach-Object { if ($_ -match '[\s"]') { '"' + ($_ -replace '"', '\"') + '"' } else { $_ } }
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -WorkingDirectory $root -PassThru `
        -RedirectStandardOutput $stdout -RedirectStandardError $stderr -NoNewWindow
    $null = $process.Handle # keeps ExitCode readable after the process ends (Windows)

    $emulator = [pscustomobject]@{
        PSTypeName      = 'BatchRotation.Test.Emulator'
        Process         = $process
        OutputDirectory = $OutputDirectory
        EnvironmentFile = $envFile
        Environment     = $null
        StdOut          = $stdout
        StdErr          = $stderr
    }

    $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
    try {
        while ($true) {
            if ($process.HasExited) {
                throw "The emulator exited with code $($process.ExitCode) before it was ready.`n$(Get-EmulatorLog $emulator)"
            }
            if ([datetime]::UtcNow -gt $deadline) {
                throw "The emulator was not ready within $TimeoutSeconds s (no answer with $envFile).`n$(Get-EmulatorLog $emulator)"
            }
            if (Test-Path -LiteralPath $envFile) {
                try {
                    # The emulator writes this file only once it is listening.
                    $emulator.Environment = Get-Content -Raw -LiteralPath $envFile | ConvertFrom-Json -ErrorAction Stop
                    $null = Invoke-EmulatorControl -Emulator $emulator -Path 'clock'
                    return $emulator
                }
                catch {
                    Write-Verbose "Emulator not ready yet: $($_.Exception.Message)"
                }
            }
            Start-Sleep -Milliseconds 250
        }
    }
    catch {
        Stop-BatchRotationEmulator -Emulator $emulator
        throw
    }
}

function Stop-BatchRotationEmulator {
    <# Stops the emulator started by Start-BatchRotationEmulator, with its child processes (dotnet run starts one). #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)]
        [AllowNull()]
        [psobject] $Emulator
    )
    process {
        if ($null -eq $Emulator -or $null -eq $Emulator.Process) {
            return
        }
        $process = [System.Diagnostics.Process] $Emulator.Process
        if (-not $process.HasExited) {
            $process.Kill($true)
            if (-not $process.WaitForExit(30000)) {
                Write-Warning "The emulator (process $($process.Id)) did not exit within 30 s."
            }
        }
    }
}

function Get-EmulatorLog {
    <# The emulator's console output so far, for failure messages. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [psobject] $Emulator)
    $parts = foreach ($file in @($Emulator.StdOut, $Emulator.StdErr)) {
        if (Test-Path -LiteralPath $file) { Get-Content -Raw -LiteralPath $file }
    }
    ($parts | Where-Object { $_ }) -join "`n"
}

function Get-EmulatorHttpClient {
    <#
    An HttpClient that trusts exactly the emulator's own certificate (pinned by its bytes) and nothing
    else: TLS validation stays on, as everywhere in this project.
    #>
    [CmdletBinding()]
    [OutputType([System.Net.Http.HttpClient])]
    param([Parameter(Mandatory)] [string] $CertificateFile)
    if (-not ('BatchRotationTests.PinnedHttpClient' -as [type])) {
        Add-Type -TypeDefinition @'
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace BatchRotationTests
{
    public static class PinnedHttpClient
    {
        public static HttpClient Create(string certificateFile)
        {
            var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(certificateFile));
            var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (message, presented, chain, errors) =>
                    presented != null
                    && presented.RawData.SequenceEqual(pinned.RawData)
                    && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None,
            };
            return new HttpClient(handler);
        }
    }
}
'@
    }
    [BatchRotationTests.PinnedHttpClient]::Create($CertificateFile)
}

function Invoke-EmulatorControl {
    <#
    Calls the emulator's control surface (/_emulator/...): advance the clock, renew a certificate,
    fail a node, read the journal. Returns the parsed JSON answer, or nothing for an empty answer.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [ValidateSet('GET', 'POST', 'DELETE')] [string] $Method = 'GET',
        [object] $Body
    )
    $client = Get-EmulatorHttpClient -CertificateFile $Emulator.Environment.certificateFile
    try {
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), $Emulator.Environment.controlUrl.TrimEnd('/') + '/' + $Path.TrimStart('/'))
        if ($PSBoundParameters.ContainsKey('Body')) {
            $request.Content = [System.Net.Http.StringContent]::new(($Body | ConvertTo-Json -Depth 10 -Compress), [System.Text.Encoding]::UTF8, 'application/json')
        }
        $response = $client.SendAsync($request).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) {
            throw "The emulator answered $([int]$response.StatusCode) to $Method $Path`: $text"
        }
        if ($text) { $text | ConvertFrom-Json }
    }
    finally {
        $client.Dispose()
    }
}

# ---------------------------------------------------------------------------------------------------
# Seeding the emulator through its real Azure APIs (Entra token endpoint, ARM, Key Vault, Batch), the
# way the C# seeders in tests/BatchRotation.Emulator.Tests/Infrastructure do it.
# ---------------------------------------------------------------------------------------------------

function Get-EmulatorAudience {
    <# The token audience the environment file names for a service. #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [Parameter(Mandatory)] [ValidateSet('arm', 'keyvault', 'batch')] [string] $Audience
    )
    switch ($Audience) {
        'arm' { $Emulator.Environment.resourceManagerAudience }
        'keyvault' { $Emulator.Environment.keyVaultAudience }
        'batch' { $Emulator.Environment.batchAudience }
    }
}

function Get-EmulatorAccessToken {
    <#
    An access token for the emulator's principal (or -ClientId/-ClientSecret, e.g. from New-EmulatorPrincipal)
    by client credentials against the environment's authority, through the client pinned to the
    emulator's certificate. Throws with Entra's answer when the sign-in fails.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [ValidateSet('arm', 'keyvault', 'batch')] [string] $Audience = 'arm',
        [string] $ClientId = $Emulator.Environment.clientId,
        [string] $ClientSecret = $Emulator.Environment.clientSecret
    )
    $environment = $Emulator.Environment
    $tokenUrl = $environment.authorityHost.TrimEnd('/') + "/$($environment.tenantId)/oauth2/v2.0/token"
    $form = [System.Collections.Generic.Dictionary[string, string]]::new()
    $form['grant_type'] = 'client_credentials'
    $form['client_id'] = $ClientId
    $form['client_secret'] = $ClientSecret
    $form['scope'] = (Get-EmulatorAudience -Emulator $Emulator -Audience $Audience).TrimEnd('/') + '/.default'
    $client = Get-EmulatorHttpClient -CertificateFile $environment.certificateFile
    try {
        $content = [System.Net.Http.FormUrlEncodedContent]::new($form)
        $response = $client.PostAsync($tokenUrl, $content).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) {
            # Entra's error answer names the client id, never the secret.
            throw [System.Net.Http.HttpRequestException]::new("The emulator's token endpoint answered $([int]$response.StatusCode): $text", $null, $response.StatusCode)
        }
        ($text | ConvertFrom-Json).access_token
    }
    finally {
        $client.Dispose()
    }
}

function Resolve-EmulatorUrl {
    <# An absolute URL on the emulator for an ARM path or an absolute URL, with ?api-version= added when given. #>
    [CmdletBinding()]
    [OutputType([uri])]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [string] $ApiVersion
    )
    $url = if ($Path -match '^https?://') { $Path } else { $Emulator.Environment.resourceManagerUrl.TrimEnd('/') + '/' + $Path.TrimStart('/') }
    if ($ApiVersion -and $url -notmatch '[?&]api-version=') {
        $url += $(if ($url.Contains('?')) { '&' } else { '?' }) + 'api-version=' + [uri]::EscapeDataString($ApiVersion)
    }
    [uri] $url
}

function Get-EmulatorServiceOfUrl {
    <# Which audience a URL on the emulator belongs to: /keyvault/... is Key Vault, /batch/... is Batch, the rest ARM. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [uri] $Url)
    switch -Regex ($Url.AbsolutePath) {
        '^/keyvault/' { 'keyvault'; break }
        '^/batch/' { 'batch'; break }
        default { 'arm' }
    }
}

function Invoke-EmulatorAzure {
    <#
    One Azure call to the emulator, signed in as its principal (or -ClientId/-ClientSecret): -Path is an ARM
    path (/subscriptions/...) or an absolute URL (a vault's data plane, a Batch account's endpoint, a
    nextLink). The audience follows from the URL unless -Audience says otherwise. Returns the parsed JSON
    answer (nothing for an empty one). An ARM PUT or DELETE answering 202 with a Location (a long-running
    operation) is followed until done: each poll first moves the simulated clock on by the answer's
    Retry-After, as waiting would. -NoWait returns the 202's body instead. -Body is an object (sent as
    JSON) or a JSON string. Throws an HttpRequestException carrying the status and the body
    for any other answer outside 2xx.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [ValidateSet('GET', 'PUT', 'POST', 'PATCH', 'DELETE')] [string] $Method = 'GET',
        [Parameter(Mandatory)] [string] $Path,
        [string] $ApiVersion,
        [object] $Body,
        [ValidateSet('arm', 'keyvault', 'batch')] [string] $Audience,
        [string] $ClientId = $Emulator.Environment.clientId,
        [string] $ClientSecret = $Emulator.Environment.clientSecret,
        [switch] $NoWait,
        [ValidateRange(1, 500)] [int] $MaxPolls = 60
    )
    $url = Resolve-EmulatorUrl -Emulator $Emulator -Path $Path -ApiVersion $ApiVersion
    if (-not $Audience) { $Audience = Get-EmulatorServiceOfUrl -Url $url }
    $token = Get-EmulatorAccessToken -Emulator $Emulator -Audience $Audience -ClientId $ClientId -ClientSecret $ClientSecret
    $json = if (-not $PSBoundParameters.ContainsKey('Body')) { $null }
    elseif ($Body -is [string]) { $Body }
    else { ConvertTo-Json -InputObject $Body -Depth 32 -Compress }
    # Key Vault's certificate create answers 202 with a Location too, but that one is polled by its caller.
    $follow = $Audience -eq 'arm' -and $Method -in @('PUT', 'DELETE') -and -not $NoWait

    $client = Get-EmulatorHttpClient -CertificateFile $Emulator.Environment.certificateFile
    try {
        $answer = Send-EmulatorRequest -Client $client -Method $Method -Url $url -Token $token -Json $json
        $polls = 0
        while ($follow -and $answer.Status -eq 202 -and $answer.Location) {
            if (++$polls -gt $MaxPolls) {
                throw "$Method $url was still running after $MaxPolls polls of $($answer.Location)."
            }
            $null = Step-EmulatorClock -Emulator $Emulator -Seconds $answer.RetryAfter
            $answer = Send-EmulatorRequest -Client $client -Method 'GET' -Url ([uri] $answer.Location) -Token $token
            if ($answer.Status -eq 200 -and -not $answer.Text -and $Method -eq 'PUT') {
                # The operation finished without a body: the resource is what a GET now returns.
                $answer = Send-EmulatorRequest -Client $client -Method 'GET' -Url $url -Token $token
            }
        }
        if ($answer.Text) { $answer.Text | ConvertFrom-Json }
    }
    finally {
        $client.Dispose()
    }
}

function Send-EmulatorRequest {
    <# One HTTP request with a bearer token; returns {Status, Text, Location, RetryAfter}; throws outside 2xx. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Net.Http.HttpClient] $Client,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [uri] $Url,
        [Parameter(Mandatory)] [string] $Token,
        [AllowNull()] [string] $Json
    )
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), $Url)
    $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $Token)
    if ($Json) {
        $request.Content = [System.Net.Http.StringContent]::new($Json, [System.Text.Encoding]::UTF8, 'application/json')
    }
    $response = $Client.SendAsync($request).GetAwaiter().GetResult()
    $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
    $status = [int] $response.StatusCode
    if ($status -lt 200 -or $status -ge 300) {
        throw [System.Net.Http.HttpRequestException]::new("$Method $Url answered $status`: $text", $null, $response.StatusCode)
    }
    $retryAfter = 15
    if ($null -ne $response.Headers.RetryAfter -and $null -ne $response.Headers.RetryAfter.Delta) {
        $retryAfter = [math]::Max(1, [int] $response.Headers.RetryAfter.Delta.TotalSeconds)
    }
    [pscustomobject]@{
        Status     = $status
        Text       = $text
        Location   = if ($null -ne $response.Headers.Location) { $response.Headers.Location.AbsoluteUri } else { $null }
        RetryAfter = $retryAfter
    }
}

function Step-EmulatorClock {
    <# Moves the emulator's simulated clock on; returns the clock ({now, scale, ...}). #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [Parameter(Mandatory)] [ValidateRange(0, [double]::MaxValue)] [double] $Seconds
    )
    Invoke-EmulatorControl -Emulator $Emulator -Path 'clock' -Method POST -Body @{ advanceSeconds = $Seconds }
}

function New-EmulatorName {
    <# prefix + 8 lower-case hex characters: fits resource group, identity, vault and Batch account rules. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [string] $Prefix)
    $Prefix + [guid]::NewGuid().ToString('N').Substring(0, 8)
}

function Get-EmulatorResourceGroupName {
    <# A resource group given by name or as the object New-EmulatorResourceGroup returned. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [object] $ResourceGroup)
    if ($ResourceGroup -is [string]) { $ResourceGroup } else { $ResourceGroup.Name }
}

function New-EmulatorResourceGroup {
    <# PUT of a resource group in the environment's subscription; returns {Id, Name, Location}. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [string] $Name = (New-EmulatorName -Prefix 'rg-'),
        [string] $Location = 'westeurope'
    )
    $group = Invoke-EmulatorAzure -Emulator $Emulator -Method PUT -Path "/subscriptions/$($Emulator.Environment.subscriptionId)/resourceGroups/$Name" `
        -ApiVersion '2024-03-01' -Body @{ location = $Location }
    [pscustomobject]@{ Id = $group.id; Name = $group.name; Location = $group.location }
}

function New-EmulatorIdentity {
    <# PUT of a user-assigned managed identity; returns {Id, Name, ClientId, PrincipalId, TenantId}. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [Parameter(Mandatory)] [object] $ResourceGroup,
        [string] $Name = (New-EmulatorName -Prefix 'id-'),
        [string] $Location = 'westeurope'
    )
    $group = Get-EmulatorResourceGroupName $ResourceGroup
    $identity = Invoke-EmulatorAzure -Emulator $Emulator -Method PUT -ApiVersion '2024-11-30' -Body @{ location = $Location } `
        -Path "/subscriptions/$($Emulator.Environment.subscriptionId)/resourceGroups/$group/providers/Microsoft.ManagedIdentity/userAssignedIdentities/$Name"
    [pscustomobject]@{
        Id          = $identity.id
        Name        = $identity.name
        ClientId    = $identity.properties.clientId
        PrincipalId = $identity.properties.principalId
        TenantId    = $identity.properties.tenantId
    }
}

function Add-EmulatorRoleAssignment {
    <#
    PUT of a role assignment at -Scope (a resource id) for -PrincipalId; -RoleDefinitionId is the built-in
    role's GUID (Key Vault Administrator 00482a5a-887f-4fb3-b363-3b7fe8e74483, Key Vault Secrets User
    4633458b-17de-408a-b874-0445c86b69e6, Reader acdd72a7-3385-48ef-bd42-f606fba81ae7). Returns the assignment.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [Parameter(Mandatory)] [string] $Scope,
        [Parameter(Mandatory)] [string] $RoleDefinitionId,
        [Parameter(Mandatory)] [string] $PrincipalId
    )
    $body = @{
        properties = @{
            roleDefinitionId = "/subscriptions/$($Emulator.Environment.subscriptionId)/providers/Microsoft.Authorization/roleDefinitions/$RoleDefinitionId"
            principalId      = $PrincipalId
            principalType    = 'ServicePrincipal'
        }
    }
    Invoke-EmulatorAzure -Emulator $Emulator -Method PUT -ApiVersion '2022-04-01' -Body $body `
        -Path "$($Scope.TrimEnd('/'))/providers/Microsoft.Authorization/roleAssignments/$([guid]::NewGuid())"
}

function New-EmulatorVault {
    <#
    PUT of a vault (seeding only: a vault PUT replaces its access-policy list, which the module never does).
    The emulator's own principal gets full access to the vault's contents: an access policy with every
    secret, certificate and key permission, or with -Rbac the Key Vault Administrator role at the vault.
    Returns {Id, Name, ResourceGroup, VaultUri, EnableRbacAuthorization}.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [Parameter(Mandatory)] [object] $ResourceGroup,
        [string] $Name = (New-EmulatorName -Prefix 'kv-'),
        [string] $Location = 'westeurope',
        [switch] $Rbac
    )
    $environment = $Emulator.Environment
    $group = Get-EmulatorResourceGroupName $ResourceGroup
    $policies = @()
    if (-not $Rbac) {
        $policies = @(@{
                tenantId    = $environment.tenantId
                objectId    = $environment.principalId
                permissions = @{
                    secrets      = @('get', 'list', 'set', 'delete', 'backup', 'restore', 'recover', 'purge')
                    certificates = @('get', 'list', 'delete', 'create', 'import', 'update', 'managecontacts', 'getissuers', 'listissuers', 'setissuers', 'deleteissuers', 'manageissuers', 'recover', 'purge')
                    keys         = @('encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'sign', 'verify', 'get', 'list', 'create', 'update', 'import', 'delete', 'backup', 'restore', 'recover', 'purge')
                }
            })
    }
    $body = @{
        location   = $Location
        properties = @{
            tenantId                = $environment.tenantId
            sku                     = @{ family = 'A'; name = 'standard' }
            accessPolicies          = $policies
            enableRbacAuthorization = [bool] $Rbac
            enableSoftDelete        = $true
        }
    }
    $vault = Invoke-EmulatorAzure -Emulator $Emulator -Method PUT -ApiVersion '2025-05-01' -Body $body `
        -Path "/subscriptions/$($environment.subscriptionId)/resourceGroups/$group/providers/Microsoft.KeyVault/vaults/$Name"
    if ($Rbac) {
        $null = Add-EmulatorRoleAssignment -Emulator $Emulator -Scope $vault.id -RoleDefinitionId '00482a5a-887f-4fb3-b363-3b7fe8e74483' -PrincipalId $environment.principalId
    }
    [pscustomobject]@{
        Id                      = $vault.id
        Name                    = $vault.name
        ResourceGroup           = $group
        VaultUri                = $vault.properties.vaultUri
        EnableRbacAuthorization = [bool] $vault.properties.enableRbacAuthorization
    }
}

function ConvertFrom-EmulatorCertificateBundle {
    <# The test's view of a Key Vault certificate bundle: ids, the versionless secret URL and the SHA-1 thumbprint. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [psobject] $Bundle
    )
    $x5t = $Bundle.x5t.Replace('-', '+').Replace('_', '/')
    $x5t += '=' * ((4 - $x5t.Length % 4) % 4)
    $secretId = [string] $Bundle.sid
    [pscustomobject]@{
        Id         = $Bundle.id
        Name       = $Name
        Version    = ([uri] $Bundle.id).Segments[-1].TrimEnd('/')
        SecretId   = $secretId
        SecretUrl  = $secretId.Substring(0, $secretId.LastIndexOf('/'))
        Thumbprint = [System.Convert]::ToHexString([System.Convert]::FromBase64String($x5t))
        X5t        = $Bundle.x5t
        NotBefore  = [System.DateTimeOffset]::FromUnixTimeSeconds([long] $Bundle.attributes.nbf)
        Expires    = [System.DateTimeOffset]::FromUnixTimeSeconds([long] $Bundle.attributes.exp)
    }
}

function New-EmulatorCertificate {
    <#
    A certificate in a vault through Key Vault's data plane, signed in as the emulator's principal (which
    New-EmulatorVault gave access). -Issuer Self: POST .../create, then the pending operation polled until
    completed. -Issuer Unknown: a locally made self-signed certificate imported (Key Vault cannot issue
    for Unknown, so it never renews by itself). The lifetime action is AutoRenew at 80 % unless -NoAutoRenew
    (then EmailContacts). Returns {Id, Name, Version, SecretId (versioned), SecretUrl (versionless),
    Thumbprint (SHA-1 hex from x5t), X5t, NotBefore, Expires}.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [Parameter(Mandatory)] [string] $VaultUri,
        [Parameter(Mandatory)] [string] $Name,
        [switch] $NoAutoRenew,
        [ValidateSet('Self', 'Unknown')] [string] $Issuer = 'Self',
        [string] $Subject = 'CN=batchrotation.test',
        [ValidateSet('application/x-pkcs12', 'application/x-pem-file')] [string] $ContentType = 'application/x-pkcs12',
        [ValidateRange(1, 120)] [int] $ValidityMonths = 12
    )
    $base = $VaultUri.TrimEnd('/') + '/certificates/' + $Name
    $lifetimeActions = @(@{
            trigger = @{ lifetime_percentage = 80 }
            action  = @{ action_type = $(if ($NoAutoRenew) { 'EmailContacts' } else { 'AutoRenew' }) }
        })
    if ($Issuer -eq 'Self') {
        $policy = @{
            key_props        = @{ exportable = $true; kty = 'RSA'; key_size = 2048; reuse_key = $false }
            secret_props     = @{ contentType = $ContentType }
            x509_props       = @{ subject = $Subject; validity_months = $ValidityMonths }
            lifetime_actions = $lifetimeActions
            issuer           = @{ name = 'Self' }
        }
        $null = Invoke-EmulatorAzure -Emulator $Emulator -Method POST -Path "$base/create" -ApiVersion '7.5' -Body @{ policy = $policy; attributes = @{ enabled = $true } }
        for ($attempt = 0; ; $attempt++) {
            $operation = Invoke-EmulatorAzure -Emulator $Emulator -Path "$base/pending" -ApiVersion '7.5'
            if ($operation.status -eq 'completed') { break }
            if ($operation.status -ne 'inProgress' -or $attempt -ge 50) {
                throw "The certificate operation for '$Name' ended as '$($operation.status)': $($operation | ConvertTo-Json -Compress -Depth 10)"
            }
            Start-Sleep -Milliseconds 50
        }
        $bundle = Invoke-EmulatorAzure -Emulator $Emulator -Path $base -ApiVersion '7.5'
    }
    else {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        try {
            $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $rsa, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
            $now = [System.DateTimeOffset]::UtcNow
            $local = $request.CreateSelfSigned($now.AddMinutes(-10), $now.AddMonths($ValidityMonths))
            $value = if ($ContentType -eq 'application/x-pem-file') {
                # Key Vault's PEM import: the private key (PKCS#8) and the certificate, as text.
                $pem = {
                    param([string] $Label, [byte[]] $Data)
                    $lines = [System.Convert]::ToBase64String($Data) -split '(.{64})' | Where-Object { $_ }
                    (@("-----BEGIN $Label-----") + $lines + @("-----END $Label-----")) -join "`n"
                }
                (& $pem 'PRIVATE KEY' $rsa.ExportPkcs8PrivateKey()) + "`n" + (& $pem 'CERTIFICATE' $local.RawData) + "`n"
            }
            else {
                [System.Convert]::ToBase64String($local.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pkcs12))
            }
            $local.Dispose()
        }
        finally {
            $rsa.Dispose()
        }
        $policy = @{
            secret_props     = @{ contentType = $ContentType }
            key_props        = @{ exportable = $true; reuse_key = $false }
            issuer           = @{ name = 'Unknown' }
            lifetime_actions = $lifetimeActions
        }
        $bundle = Invoke-EmulatorAzure -Emulator $Emulator -Method POST -Path "$base/import" -ApiVersion '7.5' -Body @{ value = $value; policy = $policy; attributes = @{ enabled = $true } }
    }
    ConvertFrom-EmulatorCertificateBundle -Name $Name -Bundle $bundle
}

function New-EmulatorBatchAccount {
    <#
    PUT of a Batch account (a long-running operation: Invoke-EmulatorAzure follows it, moving the simulated
    clock on). Returns {Id, Name, ResourceGroup, AccountEndpoint (host/path, without a scheme, as ARM gives it)}.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [Parameter(Mandatory)] [object] $ResourceGroup,
        [string] $Name = (New-EmulatorName -Prefix 'batch'),
        [string] $Location = 'westeurope'
    )
    $group = Get-EmulatorResourceGroupName $ResourceGroup
    $account = Invoke-EmulatorAzure -Emulator $Emulator -Method PUT -ApiVersion '2025-06-01' -Body @{ location = $Location } `
        -Path "/subscriptions/$($Emulator.Environment.subscriptionId)/resourceGroups/$group/providers/Microsoft.Batch/batchAccounts/$Name"
    [pscustomobject]@{
        Id              = $account.id
        Name            = $account.name
        ResourceGroup   = $group
        AccountEndpoint = $account.properties.accountEndpoint
    }
}

function New-EmulatorPrincipal {
    <#
    A further service principal (no role until one is assigned) through the control surface: Entra has no
    API the emulator twins for it. Returns {ClientId, ClientSecret, PrincipalId}.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [psobject] $Emulator,
        [string] $DisplayName = 'pester principal'
    )
    $principal = Invoke-EmulatorControl -Emulator $Emulator -Path 'principals' -Method POST -Body @{ displayName = $DisplayName }
    [pscustomobject]@{ ClientId = $principal.clientId; ClientSecret = $principal.clientSecret; PrincipalId = $principal.principalId }
}
