#Requires -Version 7.2
<#
.SYNOPSIS
    The whole story in one command, against the emulator: grant, create, prove, renew, prove again.

.DESCRIPTION
    Run by `./build.ps1 -Task Demo`, which builds, starts the emulator, imports the built module, signs in
    with Connect-BatchRotation -EnvironmentFile and calls this script with -Emulator; it stops the emulator
    afterwards. The script seeds what a Batch administrator already has (a resource group, a Batch account,
    a user-assigned identity, a vault and a certificate that renews itself) through the emulator's real
    Azure APIs, then runs the module's pipeline:

        Grant-PoolVaultAccess | New-RotatingBatchPool -Wait | Test-PoolCertificate

    then renews the certificate in Key Vault, lets one polling interval pass and tests again: the report
    shows the new version and thumbprint, and every node holds the new certificate.

.PARAMETER Emulator
    The emulator object of Start-BatchRotationEmulator (tests/pester/TestHelpers.ps1).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [psobject] $Emulator
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../pester/TestHelpers.ps1')

function Write-Step([string] $Text) {
    Write-Host ''
    Write-Host "== $Text" -ForegroundColor Cyan
}

Write-Step 'What an administrator already has (seeded through the emulator''s Azure APIs)'
$group = New-EmulatorResourceGroup -Emulator $Emulator -Name 'demo-rg'
$account = New-EmulatorBatchAccount -Emulator $Emulator -ResourceGroup $group -Name 'demobatch'
$identity = New-EmulatorIdentity -Emulator $Emulator -ResourceGroup $group -Name 'demo-pool-identity'
$vault = New-EmulatorVault -Emulator $Emulator -ResourceGroup $group -Name (New-EmulatorName -Prefix 'demokv')
$certificate = New-EmulatorCertificate -Emulator $Emulator -VaultUri $vault.VaultUri -Name 'web'
Write-Host "Batch account   $($account.Name) in resource group $($group.Name)"
Write-Host "Pool identity   $($identity.Id)"
Write-Host "Certificate     $($certificate.SecretUrl) (AutoRenew at 80% of its lifetime, version $($certificate.Version))"

# Simulated time runs 600 times faster than real time, so that nodes boot in moments.
$null = Invoke-EmulatorControl -Emulator $Emulator -Path 'clock' -Method POST -Body @{ scale = 600 }

Write-Step 'Grant-PoolVaultAccess | New-RotatingBatchPool -Wait | Test-PoolCertificate'
$report = Grant-PoolVaultAccess -IdentityResourceId $identity.Id -CertificateUrl $certificate.SecretUrl |
    New-RotatingBatchPool -ResourceGroupName $group.Name -AccountName $account.Name -Name 'demo-pool' -VmSize 'Standard_D2s_v3' -TargetDedicatedNodes 2 -Wait |
    Test-PoolCertificate
$report | Format-Table | Out-Host
$report.Certificates | Format-Table Name, CurrentVersion, Thumbprint, NotAfter, AutoRenew, Issuer, IdentityCanRead | Out-Host
$report.Checks | Format-Table Status, Id, Target -AutoSize | Out-Host
$before = $report.Certificates[0]

Write-Step 'Key Vault renews the certificate (AutoRenew, triggered now), and one polling interval passes'
$null = Invoke-EmulatorControl -Emulator $Emulator -Path "keyvault/$($vault.Name)/certificates/web/renew" -Method POST
$null = Step-EmulatorClock -Emulator $Emulator -Seconds 3601

Write-Step 'Test-PoolCertificate again'
$after = Test-PoolCertificate -ResourceGroupName $group.Name -AccountName $account.Name -Name 'demo-pool'
$after | Format-Table | Out-Host
$after.Certificates | Format-Table Name, CurrentVersion, Thumbprint, NotAfter, AutoRenew, IdentityCanRead | Out-Host

Write-Step 'What each node holds now (read from the emulator''s simulation, not an Azure API)'
foreach ($node in $after.Nodes.Nodes) {
    $held = Invoke-EmulatorControl -Emulator $Emulator -Path "batch/$($account.Name)/pools/demo-pool/nodes/$($node.NodeId)/certificates"
    foreach ($certificateOnNode in $held.extensions[0].certificates) {
        Write-Host ("{0}  version {1}  thumbprint {2}" -f $node.NodeId, $certificateOnNode.version, $certificateOnNode.thumbprint)
    }
}

Write-Step 'Verdict'
Write-Host "Thumbprint before the renewal  $($before.Thumbprint)"
Write-Host "Thumbprint after the renewal   $($after.Certificates[0].Thumbprint)"
if ($after.IsCompliant -and $before.Thumbprint -ne $after.Certificates[0].Thumbprint) {
    Write-Host 'The pool rotated by itself and is still compliant.' -ForegroundColor Green
}
else {
    $after.Checks | Where-Object Status -ne 'Passed' | Format-List Id, Status, Message, Remedy | Out-Host
    throw 'The demo pool did not rotate as expected.'
}
