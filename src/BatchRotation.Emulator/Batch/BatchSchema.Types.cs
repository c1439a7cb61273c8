// The request-body models of Microsoft.Batch (accounts and pools), as the resource provider knows them, per
// api-version: every member of every type reachable from Pool, BatchAccountCreateParameters and
// BatchAccountUpdateParameters, derived from the public OpenAPI files
// (specification/batch/resource-manager/Microsoft.Batch/stable/{2025-06-01,2024-07-01}/BatchManagement.json).
// The resource provider deserializes strictly: an unknown member is a 400 InvalidRequestBody.
// Member kinds: V value, O object of a type, A array of a type, M map of a type, F free-form object.

namespace BatchRotation.Emulator.Batch;

public static partial class BatchSchema
{
    private static readonly Dictionary<string, SchemaType> Types2025_06_01 = new(StringComparer.Ordinal)
    {
        ["Pool"] = T(
            M("properties", 'O', "PoolProperties", null),
            M("identity", 'O', "BatchPoolIdentity", null),
            M("id", 'V', null, null),
            M("name", 'V', null, null),
            M("type", 'V', null, null),
            M("etag", 'V', null, null),
            M("tags", 'F', null, null)
        ),
        ["BatchAccountCreateParameters"] = T(
            M("location", 'V', null, null),
            M("tags", 'F', null, null),
            M("properties", 'O', "BatchAccountCreateProperties", null),
            M("identity", 'O', "BatchAccountIdentity", null)
        ),
        ["BatchAccountUpdateParameters"] = T(
            M("tags", 'F', null, null),
            M("properties", 'O', "BatchAccountUpdateProperties", null),
            M("identity", 'O', "BatchAccountIdentity", null)
        ),
        ["PoolProperties"] = T(
            M("displayName", 'V', null, null),
            M("lastModified", 'V', null, null),
            M("creationTime", 'V', null, null),
            M("provisioningState", 'V', null, new("PoolProvisioningState", ["Succeeded", "Deleting"])),
            M("provisioningStateTransitionTime", 'V', null, null),
            M("allocationState", 'V', null, new("AllocationState", ["Steady", "Resizing", "Stopping"])),
            M("allocationStateTransitionTime", 'V', null, null),
            M("vmSize", 'V', null, null),
            M("deploymentConfiguration", 'O', "DeploymentConfiguration", null),
            M("currentDedicatedNodes", 'V', null, null),
            M("currentLowPriorityNodes", 'V', null, null),
            M("scaleSettings", 'O', "ScaleSettings", null),
            M("autoScaleRun", 'O', "AutoScaleRun", null),
            M("interNodeCommunication", 'V', null, new("InterNodeCommunicationState", ["Enabled", "Disabled"])),
            M("networkConfiguration", 'O', "NetworkConfiguration", null),
            M("taskSlotsPerNode", 'V', null, null),
            M("taskSchedulingPolicy", 'O', "TaskSchedulingPolicy", null),
            M("userAccounts", 'A', "UserAccount", null),
            M("metadata", 'A', "MetadataItem", null),
            M("startTask", 'O', "StartTask", null),
            M("applicationPackages", 'A', "ApplicationPackageReference", null),
            M("resizeOperationStatus", 'O', "ResizeOperationStatus", null),
            M("mountConfiguration", 'A', "MountConfiguration", null),
            M("targetNodeCommunicationMode", 'V', null, new("NodeCommunicationMode", ["Default", "Classic", "Simplified"])),
            M("currentNodeCommunicationMode", 'V', null, new("NodeCommunicationMode", ["Default", "Classic", "Simplified"])),
            M("upgradePolicy", 'O', "UpgradePolicy", null)
        ),
        ["BatchPoolIdentity"] = T(
            M("type", 'V', null, new("PoolIdentityType", ["UserAssigned", "None"])),
            M("userAssignedIdentities", 'M', "UserAssignedIdentities", null)
        ),
        ["BatchAccountCreateProperties"] = T(
            M("autoStorage", 'O', "AutoStorageBaseProperties", null),
            M("poolAllocationMode", 'V', null, new("PoolAllocationMode", ["BatchService", "UserSubscription"])),
            M("keyVaultReference", 'O', "KeyVaultReference", null),
            M("publicNetworkAccess", 'V', null, new("PublicNetworkAccessType", ["Enabled", "Disabled", "SecuredByPerimeter"])),
            M("networkProfile", 'O', "NetworkProfile", null),
            M("encryption", 'O', "EncryptionProperties", null),
            M("allowedAuthenticationModes", 'V', null, null)
        ),
        ["BatchAccountIdentity"] = T(
            M("principalId", 'V', null, null),
            M("tenantId", 'V', null, null),
            M("type", 'V', null, new("ResourceIdentityType", ["SystemAssigned", "UserAssigned", "None"])),
            M("userAssignedIdentities", 'M', "UserAssignedIdentities", null)
        ),
        ["BatchAccountUpdateProperties"] = T(
            M("autoStorage", 'O', "AutoStorageBaseProperties", null),
            M("encryption", 'O', "EncryptionProperties", null),
            M("allowedAuthenticationModes", 'V', null, null),
            M("publicNetworkAccess", 'V', null, new("PublicNetworkAccessType", ["Enabled", "Disabled", "SecuredByPerimeter"])),
            M("networkProfile", 'O', "NetworkProfile", null)
        ),
        ["DeploymentConfiguration"] = T(
            M("virtualMachineConfiguration", 'O', "VirtualMachineConfiguration", null)
        ),
        ["ScaleSettings"] = T(
            M("fixedScale", 'O', "FixedScaleSettings", null),
            M("autoScale", 'O', "AutoScaleSettings", null)
        ),
        ["AutoScaleRun"] = T(
            M("evaluationTime", 'V', null, null),
            M("results", 'V', null, null),
            M("error", 'O', "AutoScaleRunError", null)
        ),
        ["NetworkConfiguration"] = T(
            M("subnetId", 'V', null, null),
            M("dynamicVnetAssignmentScope", 'V', null, new("DynamicVNetAssignmentScope", ["none", "job"])),
            M("endpointConfiguration", 'O', "PoolEndpointConfiguration", null),
            M("publicIPAddressConfiguration", 'O', "PublicIPAddressConfiguration", null),
            M("enableAcceleratedNetworking", 'V', null, null)
        ),
        ["TaskSchedulingPolicy"] = T(
            M("jobDefaultOrder", 'V', null, new("JobDefaultOrder", ["None", "CreationTime"])),
            M("nodeFillType", 'V', null, new("ComputeNodeFillType", ["Spread", "Pack"]))
        ),
        ["UserAccount"] = T(
            M("name", 'V', null, null),
            M("password", 'V', null, null),
            M("elevationLevel", 'V', null, new("ElevationLevel", ["NonAdmin", "Admin"])),
            M("linuxUserConfiguration", 'O', "LinuxUserConfiguration", null),
            M("windowsUserConfiguration", 'O', "WindowsUserConfiguration", null)
        ),
        ["MetadataItem"] = T(
            M("name", 'V', null, null),
            M("value", 'V', null, null)
        ),
        ["StartTask"] = T(
            M("commandLine", 'V', null, null),
            M("resourceFiles", 'A', "ResourceFile", null),
            M("environmentSettings", 'A', "EnvironmentSetting", null),
            M("userIdentity", 'O', "UserIdentity", null),
            M("maxTaskRetryCount", 'V', null, null),
            M("waitForSuccess", 'V', null, null),
            M("containerSettings", 'O', "TaskContainerSettings", null)
        ),
        ["ApplicationPackageReference"] = T(
            M("id", 'V', null, null),
            M("version", 'V', null, null)
        ),
        ["ResizeOperationStatus"] = T(
            M("targetDedicatedNodes", 'V', null, null),
            M("targetLowPriorityNodes", 'V', null, null),
            M("resizeTimeout", 'V', null, null),
            M("nodeDeallocationOption", 'V', null, new("ComputeNodeDeallocationOption", ["Requeue", "Terminate", "TaskCompletion", "RetainedData"])),
            M("startTime", 'V', null, null),
            M("errors", 'A', "ResizeError", null)
        ),
        ["MountConfiguration"] = T(
            M("azureBlobFileSystemConfiguration", 'O', "AzureBlobFileSystemConfiguration", null),
            M("nfsMountConfiguration", 'O', "NFSMountConfiguration", null),
            M("cifsMountConfiguration", 'O', "CIFSMountConfiguration", null),
            M("azureFileShareConfiguration", 'O', "AzureFileShareConfiguration", null)
        ),
        ["UpgradePolicy"] = T(
            M("mode", 'V', null, new("UpgradeMode", ["automatic", "manual", "rolling"])),
            M("automaticOSUpgradePolicy", 'O', "AutomaticOSUpgradePolicy", null),
            M("rollingUpgradePolicy", 'O', "RollingUpgradePolicy", null)
        ),
        ["UserAssignedIdentities"] = T(
            M("principalId", 'V', null, null),
            M("clientId", 'V', null, null)
        ),
        ["AutoStorageBaseProperties"] = T(
            M("storageAccountId", 'V', null, null),
            M("authenticationMode", 'V', null, new("AutoStorageAuthenticationMode", ["StorageKeys", "BatchAccountManagedIdentity"])),
            M("nodeIdentityReference", 'O', "ComputeNodeIdentityReference", null)
        ),
        ["KeyVaultReference"] = T(
            M("id", 'V', null, null),
            M("url", 'V', null, null)
        ),
        ["NetworkProfile"] = T(
            M("accountAccess", 'O', "EndpointAccessProfile", null),
            M("nodeManagementAccess", 'O', "EndpointAccessProfile", null)
        ),
        ["EncryptionProperties"] = T(
            M("keySource", 'V', null, new("KeySource", ["Microsoft.Batch", "Microsoft.KeyVault"])),
            M("keyVaultProperties", 'O', "KeyVaultProperties", null)
        ),
        ["VirtualMachineConfiguration"] = T(
            M("imageReference", 'O', "ImageReference", null),
            M("nodeAgentSkuId", 'V', null, null),
            M("windowsConfiguration", 'O', "WindowsConfiguration", null),
            M("dataDisks", 'A', "DataDisk", null),
            M("licenseType", 'V', null, null),
            M("containerConfiguration", 'O', "ContainerConfiguration", null),
            M("diskEncryptionConfiguration", 'O', "DiskEncryptionConfiguration", null),
            M("nodePlacementConfiguration", 'O', "NodePlacementConfiguration", null),
            M("extensions", 'A', "VMExtension", null),
            M("osDisk", 'O', "OSDisk", null),
            M("securityProfile", 'O', "SecurityProfile", null),
            M("serviceArtifactReference", 'O', "ServiceArtifactReference", null)
        ),
        ["FixedScaleSettings"] = T(
            M("resizeTimeout", 'V', null, null),
            M("targetDedicatedNodes", 'V', null, null),
            M("targetLowPriorityNodes", 'V', null, null),
            M("nodeDeallocationOption", 'V', null, new("ComputeNodeDeallocationOption", ["Requeue", "Terminate", "TaskCompletion", "RetainedData"]))
        ),
        ["AutoScaleSettings"] = T(
            M("formula", 'V', null, null),
            M("evaluationInterval", 'V', null, null)
        ),
        ["AutoScaleRunError"] = T(
            M("code", 'V', null, null),
            M("message", 'V', null, null),
            M("details", 'A', "AutoScaleRunError", null)
        ),
        ["PoolEndpointConfiguration"] = T(
            M("inboundNatPools", 'A', "InboundNatPool", null)
        ),
        ["PublicIPAddressConfiguration"] = T(
            M("provision", 'V', null, new("IPAddressProvisioningType", ["BatchManaged", "UserManaged", "NoPublicIPAddresses"])),
            M("ipAddressIds", 'V', null, null),
            M("ipFamilies", 'V', null, null),
            M("ipTags", 'A', "IpTag", null)
        ),
        ["LinuxUserConfiguration"] = T(
            M("uid", 'V', null, null),
            M("gid", 'V', null, null),
            M("sshPrivateKey", 'V', null, null)
        ),
        ["WindowsUserConfiguration"] = T(
            M("loginMode", 'V', null, new("LoginMode", ["Batch", "Interactive"]))
        ),
        ["ResourceFile"] = T(
            M("autoStorageContainerName", 'V', null, null),
            M("storageContainerUrl", 'V', null, null),
            M("httpUrl", 'V', null, null),
            M("blobPrefix", 'V', null, null),
            M("filePath", 'V', null, null),
            M("fileMode", 'V', null, null),
            M("identityReference", 'O', "ComputeNodeIdentityReference", null)
        ),
        ["EnvironmentSetting"] = T(
            M("name", 'V', null, null),
            M("value", 'V', null, null)
        ),
        ["UserIdentity"] = T(
            M("userName", 'V', null, null),
            M("autoUser", 'O', "AutoUserSpecification", null)
        ),
        ["TaskContainerSettings"] = T(
            M("containerRunOptions", 'V', null, null),
            M("imageName", 'V', null, null),
            M("registry", 'O', "ContainerRegistry", null),
            M("workingDirectory", 'V', null, new("ContainerWorkingDirectory", ["TaskWorkingDirectory", "ContainerImageDefault"])),
            M("containerHostBatchBindMounts", 'A', "ContainerHostBatchBindMountEntry", null)
        ),
        ["ResizeError"] = T(
            M("code", 'V', null, null),
            M("message", 'V', null, null),
            M("details", 'A', "ResizeError", null)
        ),
        ["AzureBlobFileSystemConfiguration"] = T(
            M("accountName", 'V', null, null),
            M("containerName", 'V', null, null),
            M("accountKey", 'V', null, null),
            M("sasKey", 'V', null, null),
            M("blobfuseOptions", 'V', null, null),
            M("relativeMountPath", 'V', null, null),
            M("identityReference", 'O', "ComputeNodeIdentityReference", null)
        ),
        ["NFSMountConfiguration"] = T(
            M("source", 'V', null, null),
            M("relativeMountPath", 'V', null, null),
            M("mountOptions", 'V', null, null)
        ),
        ["CIFSMountConfiguration"] = T(
            M("userName", 'V', null, null),
            M("source", 'V', null, null),
            M("relativeMountPath", 'V', null, null),
            M("mountOptions", 'V', null, null),
            M("password", 'V', null, null)
        ),
        ["AzureFileShareConfiguration"] = T(
            M("accountName", 'V', null, null),
            M("azureFileUrl", 'V', null, null),
            M("accountKey", 'V', null, null),
            M("relativeMountPath", 'V', null, null),
            M("mountOptions", 'V', null, null)
        ),
        ["AutomaticOSUpgradePolicy"] = T(
            M("disableAutomaticRollback", 'V', null, null),
            M("enableAutomaticOSUpgrade", 'V', null, null),
            M("useRollingUpgradePolicy", 'V', null, null),
            M("osRollingUpgradeDeferral", 'V', null, null)
        ),
        ["RollingUpgradePolicy"] = T(
            M("enableCrossZoneUpgrade", 'V', null, null),
            M("maxBatchInstancePercent", 'V', null, null),
            M("maxUnhealthyInstancePercent", 'V', null, null),
            M("maxUnhealthyUpgradedInstancePercent", 'V', null, null),
            M("pauseTimeBetweenBatches", 'V', null, null),
            M("prioritizeUnhealthyInstances", 'V', null, null),
            M("rollbackFailedInstancesOnPolicyBreach", 'V', null, null)
        ),
        ["ComputeNodeIdentityReference"] = T(
            M("resourceId", 'V', null, null)
        ),
        ["EndpointAccessProfile"] = T(
            M("defaultAction", 'V', null, new("EndpointAccessDefaultAction", ["Allow", "Deny"])),
            M("ipRules", 'A', "IPRule", null)
        ),
        ["KeyVaultProperties"] = T(
            M("keyIdentifier", 'V', null, null)
        ),
        ["ImageReference"] = T(
            M("publisher", 'V', null, null),
            M("offer", 'V', null, null),
            M("sku", 'V', null, null),
            M("version", 'V', null, null),
            M("id", 'V', null, null),
            M("sharedGalleryImageId", 'V', null, null),
            M("communityGalleryImageId", 'V', null, null)
        ),
        ["WindowsConfiguration"] = T(
            M("enableAutomaticUpdates", 'V', null, null)
        ),
        ["DataDisk"] = T(
            M("lun", 'V', null, null),
            M("caching", 'V', null, new("CachingType", ["None", "ReadOnly", "ReadWrite"])),
            M("diskSizeGB", 'V', null, null),
            M("storageAccountType", 'V', null, new("StorageAccountType", ["Standard_LRS", "Premium_LRS", "StandardSSD_LRS"])),
            M("managedDisk", 'O', "ManagedDisk", null)
        ),
        ["ContainerConfiguration"] = T(
            M("type", 'V', null, new("ContainerType", ["DockerCompatible", "CriCompatible"])),
            M("containerImageNames", 'V', null, null),
            M("containerRegistries", 'A', "ContainerRegistry", null)
        ),
        ["DiskEncryptionConfiguration"] = T(
            M("targets", 'V', null, null),
            M("customerManagedKey", 'O', "DiskCustomerManagedKey", null)
        ),
        ["NodePlacementConfiguration"] = T(
            M("policy", 'V', null, new("NodePlacementPolicyType", ["Regional", "Zonal"]))
        ),
        ["VMExtension"] = T(
            M("name", 'V', null, null),
            M("publisher", 'V', null, null),
            M("type", 'V', null, null),
            M("typeHandlerVersion", 'V', null, null),
            M("autoUpgradeMinorVersion", 'V', null, null),
            M("enableAutomaticUpgrade", 'V', null, null),
            M("settings", 'F', null, null),
            M("protectedSettings", 'F', null, null),
            M("provisionAfterExtensions", 'V', null, null)
        ),
        ["OSDisk"] = T(
            M("ephemeralOSDiskSettings", 'O', "DiffDiskSettings", null),
            M("caching", 'V', null, new("CachingType", ["None", "ReadOnly", "ReadWrite"])),
            M("managedDisk", 'O', "ManagedDisk", null),
            M("diskSizeGB", 'V', null, null),
            M("writeAcceleratorEnabled", 'V', null, null)
        ),
        ["SecurityProfile"] = T(
            M("securityType", 'V', null, new("SecurityTypes", ["trustedLaunch", "confidentialVM"])),
            M("encryptionAtHost", 'V', null, null),
            M("uefiSettings", 'O', "UefiSettings", null),
            M("proxyAgentSettings", 'O', "ProxyAgentSettings", null)
        ),
        ["ServiceArtifactReference"] = T(
            M("id", 'V', null, null)
        ),
        ["InboundNatPool"] = T(
            M("name", 'V', null, null),
            M("protocol", 'V', null, new("InboundEndpointProtocol", ["TCP", "UDP"])),
            M("backendPort", 'V', null, null),
            M("frontendPortRangeStart", 'V', null, null),
            M("frontendPortRangeEnd", 'V', null, null),
            M("networkSecurityGroupRules", 'A', "NetworkSecurityGroupRule", null)
        ),
        ["IpTag"] = T(
            M("ipTagType", 'V', null, null),
            M("displayName", 'V', null, null)
        ),
        ["AutoUserSpecification"] = T(
            M("scope", 'V', null, new("AutoUserScope", ["Task", "Pool"])),
            M("elevationLevel", 'V', null, new("ElevationLevel", ["NonAdmin", "Admin"]))
        ),
        ["ContainerRegistry"] = T(
            M("username", 'V', null, null),
            M("password", 'V', null, null),
            M("registryServer", 'V', null, null),
            M("identityReference", 'O', "ComputeNodeIdentityReference", null)
        ),
        ["ContainerHostBatchBindMountEntry"] = T(
            M("source", 'V', null, new("ContainerHostDataPath", ["Shared", "Startup", "VfsMounts", "Task", "JobPrep", "Applications"])),
            M("isReadOnly", 'V', null, null)
        ),
        ["IPRule"] = T(
            M("action", 'V', null, new("IPRuleAction", ["Allow"])),
            M("value", 'V', null, null)
        ),
        ["ManagedDisk"] = T(
            M("storageAccountType", 'V', null, new("StorageAccountType", ["Standard_LRS", "Premium_LRS", "StandardSSD_LRS"])),
            M("securityProfile", 'O', "VMDiskSecurityProfile", null),
            M("diskEncryptionSet", 'O', "DiskEncryptionSetParameters", null)
        ),
        ["DiskCustomerManagedKey"] = T(
            M("keyUrl", 'V', null, null),
            M("rotationToLatestKeyVersionEnabled", 'V', null, null),
            M("identityReference", 'O', "PoolIdentityReference", null)
        ),
        ["DiffDiskSettings"] = T(
            M("placement", 'V', null, new("DiffDiskPlacement", ["CacheDisk"]))
        ),
        ["UefiSettings"] = T(
            M("secureBootEnabled", 'V', null, null),
            M("vTpmEnabled", 'V', null, null)
        ),
        ["ProxyAgentSettings"] = T(
            M("enabled", 'V', null, null),
            M("imds", 'O', "HostEndpointSettings", null),
            M("wireServer", 'O', "HostEndpointSettings", null)
        ),
        ["NetworkSecurityGroupRule"] = T(
            M("priority", 'V', null, null),
            M("access", 'V', null, new("NetworkSecurityGroupRuleAccess", ["Allow", "Deny"])),
            M("sourceAddressPrefix", 'V', null, null),
            M("sourcePortRanges", 'V', null, null)
        ),
        ["VMDiskSecurityProfile"] = T(
            M("securityEncryptionType", 'V', null, new("SecurityEncryptionTypes", ["DiskWithVMGuestState", "NonPersistedTPM", "VMGuestStateOnly"])),
            M("diskEncryptionSet", 'O', "DiskEncryptionSetParameters", null)
        ),
        ["DiskEncryptionSetParameters"] = T(
            M("id", 'V', null, null)
        ),
        ["PoolIdentityReference"] = T(
            M("resourceId", 'V', null, null)
        ),
        ["HostEndpointSettings"] = T(
            M("mode", 'V', null, new("HostEndpointSettingsModeTypes", ["Audit", "Enforce"])),
            M("inVMAccessControlProfileReferenceId", 'V', null, null)
        ),
    };

    private static readonly Dictionary<string, SchemaType> Types2024_07_01 = new(StringComparer.Ordinal)
    {
        ["Pool"] = T(
            M("properties", 'O', "PoolProperties", null),
            M("identity", 'O', "BatchPoolIdentity", null),
            M("id", 'V', null, null),
            M("name", 'V', null, null),
            M("type", 'V', null, null),
            M("etag", 'V', null, null),
            M("tags", 'F', null, null)
        ),
        ["BatchAccountCreateParameters"] = T(
            M("location", 'V', null, null),
            M("tags", 'F', null, null),
            M("properties", 'O', "BatchAccountCreateProperties", null),
            M("identity", 'O', "BatchAccountIdentity", null)
        ),
        ["BatchAccountUpdateParameters"] = T(
            M("tags", 'F', null, null),
            M("properties", 'O', "BatchAccountUpdateProperties", null),
            M("identity", 'O', "BatchAccountIdentity", null)
        ),
        ["PoolProperties"] = T(
            M("displayName", 'V', null, null),
            M("lastModified", 'V', null, null),
            M("creationTime", 'V', null, null),
            M("provisioningState", 'V', null, new("PoolProvisioningState", ["Succeeded", "Deleting"])),
            M("provisioningStateTransitionTime", 'V', null, null),
            M("allocationState", 'V', null, new("AllocationState", ["Steady", "Resizing", "Stopping"])),
            M("allocationStateTransitionTime", 'V', null, null),
            M("vmSize", 'V', null, null),
            M("deploymentConfiguration", 'O', "DeploymentConfiguration", null),
            M("currentDedicatedNodes", 'V', null, null),
            M("currentLowPriorityNodes", 'V', null, null),
            M("scaleSettings", 'O', "ScaleSettings", null),
            M("autoScaleRun", 'O', "AutoScaleRun", null),
            M("interNodeCommunication", 'V', null, new("InterNodeCommunicationState", ["Enabled", "Disabled"])),
            M("networkConfiguration", 'O', "NetworkConfiguration", null),
            M("taskSlotsPerNode", 'V', null, null),
            M("taskSchedulingPolicy", 'O', "TaskSchedulingPolicy", null),
            M("userAccounts", 'A', "UserAccount", null),
            M("metadata", 'A', "MetadataItem", null),
            M("startTask", 'O', "StartTask", null),
            M("certificates", 'A', "CertificateReference", null),
            M("applicationPackages", 'A', "ApplicationPackageReference", null),
            M("applicationLicenses", 'V', null, null),
            M("resizeOperationStatus", 'O', "ResizeOperationStatus", null),
            M("mountConfiguration", 'A', "MountConfiguration", null),
            M("targetNodeCommunicationMode", 'V', null, new("NodeCommunicationMode", ["Default", "Classic", "Simplified"])),
            M("currentNodeCommunicationMode", 'V', null, new("NodeCommunicationMode", ["Default", "Classic", "Simplified"])),
            M("upgradePolicy", 'O', "UpgradePolicy", null),
            M("resourceTags", 'F', null, null)
        ),
        ["BatchPoolIdentity"] = T(
            M("type", 'V', null, new("PoolIdentityType", ["UserAssigned", "None"])),
            M("userAssignedIdentities", 'M', "UserAssignedIdentities", null)
        ),
        ["BatchAccountCreateProperties"] = T(
            M("autoStorage", 'O', "AutoStorageBaseProperties", null),
            M("poolAllocationMode", 'V', null, new("PoolAllocationMode", ["BatchService", "UserSubscription"])),
            M("keyVaultReference", 'O', "KeyVaultReference", null),
            M("publicNetworkAccess", 'V', null, new("PublicNetworkAccessType", ["Enabled", "Disabled", "SecuredByPerimeter"])),
            M("networkProfile", 'O', "NetworkProfile", null),
            M("encryption", 'O', "EncryptionProperties", null),
            M("allowedAuthenticationModes", 'V', null, null)
        ),
        ["BatchAccountIdentity"] = T(
            M("principalId", 'V', null, null),
            M("tenantId", 'V', null, null),
            M("type", 'V', null, new("ResourceIdentityType", ["SystemAssigned", "UserAssigned", "None"])),
            M("userAssignedIdentities", 'M', "UserAssignedIdentities", null)
        ),
        ["BatchAccountUpdateProperties"] = T(
            M("autoStorage", 'O', "AutoStorageBaseProperties", null),
            M("encryption", 'O', "EncryptionProperties", null),
            M("allowedAuthenticationModes", 'V', null, null),
            M("publicNetworkAccess", 'V', null, new("PublicNetworkAccessType", ["Enabled", "Disabled", "SecuredByPerimeter"])),
            M("networkProfile", 'O', "NetworkProfile", null)
        ),
        ["DeploymentConfiguration"] = T(
            M("virtualMachineConfiguration", 'O', "VirtualMachineConfiguration", null)
        ),
        ["ScaleSettings"] = T(
            M("fixedScale", 'O', "FixedScaleSettings", null),
            M("autoScale", 'O', "AutoScaleSettings", null)
        ),
        ["AutoScaleRun"] = T(
            M("evaluationTime", 'V', null, null),
            M("results", 'V', null, null),
            M("error", 'O', "AutoScaleRunError", null)
        ),
        ["NetworkConfiguration"] = T(
            M("subnetId", 'V', null, null),
            M("dynamicVnetAssignmentScope", 'V', null, new("DynamicVNetAssignmentScope", ["none", "job"])),
            M("endpointConfiguration", 'O', "PoolEndpointConfiguration", null),
            M("publicIPAddressConfiguration", 'O', "PublicIPAddressConfiguration", null),
            M("enableAcceleratedNetworking", 'V', null, null)
        ),
        ["TaskSchedulingPolicy"] = T(
            M("nodeFillType", 'V', null, new("ComputeNodeFillType", ["Spread", "Pack"]))
        ),
        ["UserAccount"] = T(
            M("name", 'V', null, null),
            M("password", 'V', null, null),
            M("elevationLevel", 'V', null, new("ElevationLevel", ["NonAdmin", "Admin"])),
            M("linuxUserConfiguration", 'O', "LinuxUserConfiguration", null),
            M("windowsUserConfiguration", 'O', "WindowsUserConfiguration", null)
        ),
        ["MetadataItem"] = T(
            M("name", 'V', null, null),
            M("value", 'V', null, null)
        ),
        ["StartTask"] = T(
            M("commandLine", 'V', null, null),
            M("resourceFiles", 'A', "ResourceFile", null),
            M("environmentSettings", 'A', "EnvironmentSetting", null),
            M("userIdentity", 'O', "UserIdentity", null),
            M("maxTaskRetryCount", 'V', null, null),
            M("waitForSuccess", 'V', null, null),
            M("containerSettings", 'O', "TaskContainerSettings", null)
        ),
        ["CertificateReference"] = T(
            M("id", 'V', null, null),
            M("storeLocation", 'V', null, new("CertificateStoreLocation", ["CurrentUser", "LocalMachine"])),
            M("storeName", 'V', null, null),
            M("visibility", 'V', null, null)
        ),
        ["ApplicationPackageReference"] = T(
            M("id", 'V', null, null),
            M("version", 'V', null, null)
        ),
        ["ResizeOperationStatus"] = T(
            M("targetDedicatedNodes", 'V', null, null),
            M("targetLowPriorityNodes", 'V', null, null),
            M("resizeTimeout", 'V', null, null),
            M("nodeDeallocationOption", 'V', null, new("ComputeNodeDeallocationOption", ["Requeue", "Terminate", "TaskCompletion", "RetainedData"])),
            M("startTime", 'V', null, null),
            M("errors", 'A', "ResizeError", null)
        ),
        ["MountConfiguration"] = T(
            M("azureBlobFileSystemConfiguration", 'O', "AzureBlobFileSystemConfiguration", null),
            M("nfsMountConfiguration", 'O', "NFSMountConfiguration", null),
            M("cifsMountConfiguration", 'O', "CIFSMountConfiguration", null),
            M("azureFileShareConfiguration", 'O', "AzureFileShareConfiguration", null)
        ),
        ["UpgradePolicy"] = T(
            M("mode", 'V', null, new("UpgradeMode", ["automatic", "manual", "rolling"])),
            M("automaticOSUpgradePolicy", 'O', "AutomaticOSUpgradePolicy", null),
            M("rollingUpgradePolicy", 'O', "RollingUpgradePolicy", null)
        ),
        ["UserAssignedIdentities"] = T(
            M("principalId", 'V', null, null),
            M("clientId", 'V', null, null)
        ),
        ["AutoStorageBaseProperties"] = T(
            M("storageAccountId", 'V', null, null),
            M("authenticationMode", 'V', null, new("AutoStorageAuthenticationMode", ["StorageKeys", "BatchAccountManagedIdentity"])),
            M("nodeIdentityReference", 'O', "ComputeNodeIdentityReference", null)
        ),
        ["KeyVaultReference"] = T(
            M("id", 'V', null, null),
            M("url", 'V', null, null)
        ),
        ["NetworkProfile"] = T(
            M("accountAccess", 'O', "EndpointAccessProfile", null),
            M("nodeManagementAccess", 'O', "EndpointAccessProfile", null)
        ),
        ["EncryptionProperties"] = T(
            M("keySource", 'V', null, new("KeySource", ["Microsoft.Batch", "Microsoft.KeyVault"])),
            M("keyVaultProperties", 'O', "KeyVaultProperties", null)
        ),
        ["VirtualMachineConfiguration"] = T(
            M("imageReference", 'O', "ImageReference", null),
            M("nodeAgentSkuId", 'V', null, null),
            M("windowsConfiguration", 'O', "WindowsConfiguration", null),
            M("dataDisks", 'A', "DataDisk", null),
            M("licenseType", 'V', null, null),
            M("containerConfiguration", 'O', "ContainerConfiguration", null),
            M("diskEncryptionConfiguration", 'O', "DiskEncryptionConfiguration", null),
            M("nodePlacementConfiguration", 'O', "NodePlacementConfiguration", null),
            M("extensions", 'A', "VMExtension", null),
            M("osDisk", 'O', "OSDisk", null),
            M("securityProfile", 'O', "SecurityProfile", null),
            M("serviceArtifactReference", 'O', "ServiceArtifactReference", null)
        ),
        ["FixedScaleSettings"] = T(
            M("resizeTimeout", 'V', null, null),
            M("targetDedicatedNodes", 'V', null, null),
            M("targetLowPriorityNodes", 'V', null, null),
            M("nodeDeallocationOption", 'V', null, new("ComputeNodeDeallocationOption", ["Requeue", "Terminate", "TaskCompletion", "RetainedData"]))
        ),
        ["AutoScaleSettings"] = T(
            M("formula", 'V', null, null),
            M("evaluationInterval", 'V', null, null)
        ),
        ["AutoScaleRunError"] = T(
            M("code", 'V', null, null),
            M("message", 'V', null, null),
            M("details", 'A', "AutoScaleRunError", null)
        ),
        ["PoolEndpointConfiguration"] = T(
            M("inboundNatPools", 'A', "InboundNatPool", null)
        ),
        ["PublicIPAddressConfiguration"] = T(
            M("provision", 'V', null, new("IPAddressProvisioningType", ["BatchManaged", "UserManaged", "NoPublicIPAddresses"])),
            M("ipAddressIds", 'V', null, null)
        ),
        ["LinuxUserConfiguration"] = T(
            M("uid", 'V', null, null),
            M("gid", 'V', null, null),
            M("sshPrivateKey", 'V', null, null)
        ),
        ["WindowsUserConfiguration"] = T(
            M("loginMode", 'V', null, new("LoginMode", ["Batch", "Interactive"]))
        ),
        ["ResourceFile"] = T(
            M("autoStorageContainerName", 'V', null, null),
            M("storageContainerUrl", 'V', null, null),
            M("httpUrl", 'V', null, null),
            M("blobPrefix", 'V', null, null),
            M("filePath", 'V', null, null),
            M("fileMode", 'V', null, null),
            M("identityReference", 'O', "ComputeNodeIdentityReference", null)
        ),
        ["EnvironmentSetting"] = T(
            M("name", 'V', null, null),
            M("value", 'V', null, null)
        ),
        ["UserIdentity"] = T(
            M("userName", 'V', null, null),
            M("autoUser", 'O', "AutoUserSpecification", null)
        ),
        ["TaskContainerSettings"] = T(
            M("containerRunOptions", 'V', null, null),
            M("imageName", 'V', null, null),
            M("registry", 'O', "ContainerRegistry", null),
            M("workingDirectory", 'V', null, new("ContainerWorkingDirectory", ["TaskWorkingDirectory", "ContainerImageDefault"])),
            M("containerHostBatchBindMounts", 'A', "ContainerHostBatchBindMountEntry", null)
        ),
        ["ResizeError"] = T(
            M("code", 'V', null, null),
            M("message", 'V', null, null),
            M("details", 'A', "ResizeError", null)
        ),
        ["AzureBlobFileSystemConfiguration"] = T(
            M("accountName", 'V', null, null),
            M("containerName", 'V', null, null),
            M("accountKey", 'V', null, null),
            M("sasKey", 'V', null, null),
            M("blobfuseOptions", 'V', null, null),
            M("relativeMountPath", 'V', null, null),
            M("identityReference", 'O', "ComputeNodeIdentityReference", null)
        ),
        ["NFSMountConfiguration"] = T(
            M("source", 'V', null, null),
            M("relativeMountPath", 'V', null, null),
            M("mountOptions", 'V', null, null)
        ),
        ["CIFSMountConfiguration"] = T(
            M("userName", 'V', null, null),
            M("source", 'V', null, null),
            M("relativeMountPath", 'V', null, null),
            M("mountOptions", 'V', null, null),
            M("password", 'V', null, null)
        ),
        ["AzureFileShareConfiguration"] = T(
            M("accountName", 'V', null, null),
            M("azureFileUrl", 'V', null, null),
            M("accountKey", 'V', null, null),
            M("relativeMountPath", 'V', null, null),
            M("mountOptions", 'V', null, null)
        ),
        ["AutomaticOSUpgradePolicy"] = T(
            M("disableAutomaticRollback", 'V', null, null),
            M("enableAutomaticOSUpgrade", 'V', null, null),
            M("useRollingUpgradePolicy", 'V', null, null),
            M("osRollingUpgradeDeferral", 'V', null, null)
        ),
        ["RollingUpgradePolicy"] = T(
            M("enableCrossZoneUpgrade", 'V', null, null),
            M("maxBatchInstancePercent", 'V', null, null),
            M("maxUnhealthyInstancePercent", 'V', null, null),
            M("maxUnhealthyUpgradedInstancePercent", 'V', null, null),
            M("pauseTimeBetweenBatches", 'V', null, null),
            M("prioritizeUnhealthyInstances", 'V', null, null),
            M("rollbackFailedInstancesOnPolicyBreach", 'V', null, null)
        ),
        ["ComputeNodeIdentityReference"] = T(
            M("resourceId", 'V', null, null)
        ),
        ["EndpointAccessProfile"] = T(
            M("defaultAction", 'V', null, new("EndpointAccessDefaultAction", ["Allow", "Deny"])),
            M("ipRules", 'A', "IPRule", null)
        ),
        ["KeyVaultProperties"] = T(
            M("keyIdentifier", 'V', null, null)
        ),
        ["ImageReference"] = T(
            M("publisher", 'V', null, null),
            M("offer", 'V', null, null),
            M("sku", 'V', null, null),
            M("version", 'V', null, null),
            M("id", 'V', null, null),
            M("sharedGalleryImageId", 'V', null, null),
            M("communityGalleryImageId", 'V', null, null)
        ),
        ["WindowsConfiguration"] = T(
            M("enableAutomaticUpdates", 'V', null, null)
        ),
        ["DataDisk"] = T(
            M("lun", 'V', null, null),
            M("caching", 'V', null, new("CachingType", ["None", "ReadOnly", "ReadWrite"])),
            M("diskSizeGB", 'V', null, null),
            M("storageAccountType", 'V', null, new("StorageAccountType", ["Standard_LRS", "Premium_LRS", "StandardSSD_LRS"]))
        ),
        ["ContainerConfiguration"] = T(
            M("type", 'V', null, new("ContainerType", ["DockerCompatible", "CriCompatible"])),
            M("containerImageNames", 'V', null, null),
            M("containerRegistries", 'A', "ContainerRegistry", null)
        ),
        ["DiskEncryptionConfiguration"] = T(
            M("targets", 'V', null, null)
        ),
        ["NodePlacementConfiguration"] = T(
            M("policy", 'V', null, new("NodePlacementPolicyType", ["Regional", "Zonal"]))
        ),
        ["VMExtension"] = T(
            M("name", 'V', null, null),
            M("publisher", 'V', null, null),
            M("type", 'V', null, null),
            M("typeHandlerVersion", 'V', null, null),
            M("autoUpgradeMinorVersion", 'V', null, null),
            M("enableAutomaticUpgrade", 'V', null, null),
            M("settings", 'F', null, null),
            M("protectedSettings", 'F', null, null),
            M("provisionAfterExtensions", 'V', null, null)
        ),
        ["OSDisk"] = T(
            M("ephemeralOSDiskSettings", 'O', "DiffDiskSettings", null),
            M("caching", 'V', null, new("CachingType", ["None", "ReadOnly", "ReadWrite"])),
            M("managedDisk", 'O', "ManagedDisk", null),
            M("diskSizeGB", 'V', null, null),
            M("writeAcceleratorEnabled", 'V', null, null)
        ),
        ["SecurityProfile"] = T(
            M("securityType", 'V', null, new("SecurityTypes", ["trustedLaunch", "confidentialVM"])),
            M("encryptionAtHost", 'V', null, null),
            M("uefiSettings", 'O', "UefiSettings", null)
        ),
        ["ServiceArtifactReference"] = T(
            M("id", 'V', null, null)
        ),
        ["InboundNatPool"] = T(
            M("name", 'V', null, null),
            M("protocol", 'V', null, new("InboundEndpointProtocol", ["TCP", "UDP"])),
            M("backendPort", 'V', null, null),
            M("frontendPortRangeStart", 'V', null, null),
            M("frontendPortRangeEnd", 'V', null, null),
            M("networkSecurityGroupRules", 'A', "NetworkSecurityGroupRule", null)
        ),
        ["AutoUserSpecification"] = T(
            M("scope", 'V', null, new("AutoUserScope", ["Task", "Pool"])),
            M("elevationLevel", 'V', null, new("ElevationLevel", ["NonAdmin", "Admin"]))
        ),
        ["ContainerRegistry"] = T(
            M("username", 'V', null, null),
            M("password", 'V', null, null),
            M("registryServer", 'V', null, null),
            M("identityReference", 'O', "ComputeNodeIdentityReference", null)
        ),
        ["ContainerHostBatchBindMountEntry"] = T(
            M("source", 'V', null, new("ContainerHostDataPath", ["Shared", "Startup", "VfsMounts", "Task", "JobPrep", "Applications"])),
            M("isReadOnly", 'V', null, null)
        ),
        ["IPRule"] = T(
            M("action", 'V', null, new("IPRuleAction", ["Allow"])),
            M("value", 'V', null, null)
        ),
        ["DiffDiskSettings"] = T(
            M("placement", 'V', null, new("DiffDiskPlacement", ["CacheDisk"]))
        ),
        ["ManagedDisk"] = T(
            M("storageAccountType", 'V', null, new("StorageAccountType", ["Standard_LRS", "Premium_LRS", "StandardSSD_LRS"])),
            M("securityProfile", 'O', "VMDiskSecurityProfile", null)
        ),
        ["UefiSettings"] = T(
            M("secureBootEnabled", 'V', null, null),
            M("vTpmEnabled", 'V', null, null)
        ),
        ["NetworkSecurityGroupRule"] = T(
            M("priority", 'V', null, null),
            M("access", 'V', null, new("NetworkSecurityGroupRuleAccess", ["Allow", "Deny"])),
            M("sourceAddressPrefix", 'V', null, null),
            M("sourcePortRanges", 'V', null, null)
        ),
        ["VMDiskSecurityProfile"] = T(
            M("securityEncryptionType", 'V', null, new("SecurityEncryptionTypes", ["NonPersistedTPM", "VMGuestStateOnly"]))
        ),
    };
}
