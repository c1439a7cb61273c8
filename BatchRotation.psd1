# Module manifest of BatchRotation. The build copies this file into out/BatchRotation/<version>/ and
# stamps ModuleVersion from VersionPrefix in Directory.Build.props (the one version source): leave the
# value below alone. The export lists are explicit (no wildcards); CmdletsToExport must name exactly
# the [Cmdlet] classes of BatchRotation.Commands.dll (BatchRotation.Commands.Tests checks it).
# Private dependencies (Azure.Core, Azure.Identity, MSAL, System.*) live in dependencies/ and are
# resolved by the module itself: never list them in RequiredAssemblies or NestedModules.
@{
    RootModule           = 'BatchRotation.Commands.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '41ddfcaf-b7a3-4dca-adcf-7b8a24e786b8'
    Author               = 'BatchRotation contributors'
    CompanyName          = 'BatchRotation contributors'
    Copyright            = '(c) BatchRotation contributors. MIT License.'
    Description          = 'Safe, idempotent cmdlets for automatic certificate rotation in Azure Batch pools: grant a user-assigned identity least-privilege access to Key Vault certificates, create pools with a correct Key Vault VM extension, and prove on every node that rotation works.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('BatchRotation.format.ps1xml')
    TypesToProcess       = @('BatchRotation.types.ps1xml')
    CmdletsToExport      = @(
        'Connect-BatchRotation'
        'Disconnect-BatchRotation'
        'Get-BatchRotationContext'
        'Get-RotatingBatchPool'
        'Grant-PoolVaultAccess'
        'New-RotatingBatchPool'
        'Test-PoolCertificate'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Azure', 'Batch', 'KeyVault', 'Certificate', 'Rotation', 'ManagedIdentity', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'Foundation: module layout, dependency isolation, cmdlet infrastructure.'
        }
    }
}
