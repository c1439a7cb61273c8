using Azure;
using Azure.Core;
using Azure.Identity;
using BatchRotation.Core.Azure;
using BatchRotation.Core.Azure.Http;
using BatchRotation.Core.Errors;
using BatchRotation.Core.Tests.Azure.Fakes;

namespace BatchRotation.Core.Tests.Azure;

/// <summary>Failed answers of each service, with the real envelopes from reference/recordings/error-envelopes.json.</summary>
public class ErrorMappingTests
{
    private const string ArmNotFound =
        "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource 'Microsoft.Batch/batchAccounts/javabatch78086' under resource group 'javabatchrg43b36438' was not found.\"}}";

    private const string KeyVaultUnauthorized =
        "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"AKV10000: Request is missing a Bearer or PoP token.\"}}";

    private const string KeyVaultNotFound =
        "{\"error\":{\"code\":\"CertificateNotFound\",\"message\":\"A certificate with (name/id) c1 was not found in this key vault.\"}}";

    private const string BatchInvalidHeader =
        "{\r\n  \"odata.metadata\":\"https://account.region.batch.azure.com/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element\",\"code\":\"InvalidHeaderValue\",\"message\":{\r\n    \"lang\":\"en-US\",\"value\":\"The value for one of the HTTP headers is not in the correct format.\\nRequestId:5f4c1f05-603a-4495-8e80-01f776310bbd\\nTime:2016-01-04T22:12:33.9245931Z\"\r\n  },\"values\":[\r\n    {\r\n      \"key\":\"HeaderName\",\"value\":\"Content-Type\"\r\n    },{\r\n      \"key\":\"HeaderValue\",\"value\":\"application/json; odata=minimalmetadata; charset=utf-8\"\r\n    }\r\n  ]\r\n}";

    private static async Task<BatchRotationException> FailAsync(
        AzureService service, string url, int status, string? body, (string, string)[] headers, IReadOnlyDictionary<string, string>? requestHeaders = null, Redactor? redactor = null)
    {
        var azure = new TestAzure(redactor: redactor);
        azure.Transport.Respond(status, body, headers);
        var invoker = new AzureRestInvoker(azure.Pipeline(service), service, azure.Redactor, azure.Options);
        return await Assert.ThrowsAsync<BatchRotationException>(() =>
            invoker.SendAsync(RequestMethod.Get, new Uri(url), null, requestHeaders, null, CancellationToken.None));
    }

    [Fact]
    public async Task ArmEnvelope404IsNotFoundWithCodeMessageAndRequestId()
    {
        var ex = await FailAsync(
            AzureService.ResourceManager,
            "https://management.azure.com/subscriptions/s/resourceGroups/g/providers/Microsoft.Batch/batchAccounts/a?api-version=2025-06-01",
            404, ArmNotFound, new[] { ("x-ms-request-id", "arm-req-1"), ("x-ms-correlation-request-id", "corr-1") });

        Assert.Equal(AzureErrorIds.AzureResourceNotFound, ex.ErrorId);
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Equal(404, ex.Status);
        Assert.Equal("ResourceNotFound", ex.AzureErrorCode);
        Assert.Equal("arm-req-1", ex.RequestId);
        Assert.Contains("was not found", ex.Message);
        Assert.StartsWith("Azure Resource Manager answered 404 (ResourceNotFound) to GET https://management.azure.com/subscriptions/s/", ex.Message);
        Assert.DoesNotContain("api-version", ex.Message);
    }

    [Fact]
    public async Task KeyVaultEnvelope401IsAnAuthenticationError()
    {
        var ex = await FailAsync(
            AzureService.KeyVault, "https://v.vault.azure.net/certificates/c1?api-version=7.6", 401, KeyVaultUnauthorized,
            new[] { ("x-ms-request-id", "kv-req-1"), ("WWW-Authenticate", "Bearer authorization=\"https://login.windows.net/t\", resource=\"https://vault.azure.net\"") });

        Assert.Equal(AzureErrorIds.AzureAuthenticationFailed, ex.ErrorId);
        Assert.Equal(ErrorKind.AuthenticationError, ex.Kind);
        Assert.Equal("Unauthorized", ex.AzureErrorCode);
        Assert.Equal("kv-req-1", ex.RequestId);
        Assert.Contains("AKV10000", ex.Message);
        Assert.Contains("Connect-BatchRotation", ex.Remedy);
    }

    [Fact]
    public async Task KeyVaultEnvelope404IsNotFound()
    {
        var ex = await FailAsync(AzureService.KeyVault, "https://v.vault.azure.net/certificates/c1?api-version=7.6", 404, KeyVaultNotFound, Array.Empty<(string, string)>());
        Assert.Equal(ErrorKind.NotFound, ex.Kind);
        Assert.Equal("CertificateNotFound", ex.AzureErrorCode);
        Assert.Null(ex.RequestId);
    }

    [Fact]
    public async Task KeyVaultForbiddenWithInnerErrorIsPermissionDeniedNamingTheInnerCode()
    {
        var ex = await FailAsync(
            AzureService.KeyVault, "https://v.vault.azure.net/certificates/c1?api-version=7.6", 403,
            "{\"error\":{\"code\":\"Forbidden\",\"message\":\"The user, group or application does not have certificates get permission.\",\"innererror\":{\"code\":\"AccessDenied\"}}}",
            new[] { ("x-ms-request-id", "kv-req-2") });

        Assert.Equal(AzureErrorIds.AzurePermissionDenied, ex.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, ex.Kind);
        Assert.Equal("Forbidden", ex.AzureErrorCode);
        Assert.Contains("(inner error: AccessDenied)", ex.Message);
        Assert.Contains("access policy", ex.Remedy);
    }

    [Fact]
    public async Task BatchEnvelopeGivesCodeValueAndValuesAndTheBatchRequestId()
    {
        var ex = await FailAsync(
            AzureService.Batch, "https://account.region.batch.azure.com/pools/p/nodes?api-version=2025-06-01.21.0", 400, BatchInvalidHeader,
            new[] { ("request-id", "5f4c1f05-603a-4495-8e80-01f776310bbd") });

        Assert.Equal(AzureErrorIds.AzureBadRequest, ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Equal("InvalidHeaderValue", ex.AzureErrorCode);
        Assert.Equal("5f4c1f05-603a-4495-8e80-01f776310bbd", ex.RequestId);
        Assert.Contains("The value for one of the HTTP headers is not in the correct format.", ex.Message);
        Assert.Contains("HeaderName=Content-Type", ex.Message);
        Assert.DoesNotContain("Time:2016", ex.Message);
        Assert.StartsWith("The Batch service answered 400 (InvalidHeaderValue)", ex.Message);
    }

    [Fact]
    public async Task BatchForbiddenIsPermissionDenied()
    {
        var ex = await FailAsync(
            AzureService.Batch, "https://a.r.batch.azure.com/pools/p/nodes", 403,
            "{\"odata.metadata\":\"x\",\"code\":\"AuthorizationFailure\",\"message\":{\"lang\":\"en-US\",\"value\":\"This request is not authorized to perform this operation.\"}}",
            Array.Empty<(string, string)>());
        Assert.Equal(ErrorKind.PermissionDenied, ex.Kind);
        Assert.Equal("AuthorizationFailure", ex.AzureErrorCode);
        Assert.Contains("Batch account", ex.Remedy);
    }

    [Fact]
    public async Task FlatOAuthEnvelopeIsRead()
    {
        var ex = await FailAsync(
            AzureService.ResourceManager, "https://management.azure.com/x", 400,
            "{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}", Array.Empty<(string, string)>());
        Assert.Equal("invalid_request", ex.AzureErrorCode);
        Assert.Contains("Identity not found", ex.Message);
    }

    [Fact]
    public async Task ANonJsonErrorBodyBecomesTheMessage()
    {
        var ex = await FailAsync(AzureService.ResourceManager, "https://management.azure.com/x", 501, "Not Implemented by proxy", new[] { ("Content-Type", "text/plain") });
        Assert.Null(ex.AzureErrorCode);
        Assert.Contains("Not Implemented by proxy", ex.Message);
        Assert.Equal(ErrorKind.ResourceUnavailable, ex.Kind);
    }

    [Fact]
    public async Task AnEmptyErrorBodyStillGivesStatusAndRemedy()
    {
        var ex = await FailAsync(AzureService.ResourceManager, "https://management.azure.com/x", 404, null, Array.Empty<(string, string)>());
        Assert.Equal(404, ex.Status);
        Assert.Contains("(no message)", ex.Message);
        Assert.NotNull(ex.Remedy);
    }

    [Fact]
    public async Task BatchResourceProviderTrailersAreDroppedFromArmMessages()
    {
        var ex = await FailAsync(
            AzureService.ResourceManager, "https://management.azure.com/x", 409,
            "{\"error\":{\"code\":\"PoolExists\",\"message\":\"The specified pool already exists.\\nRequestId:7dccbe9a\\nTime:2026-11-22T12:07:52Z\"}}",
            new[] { ("x-ms-request-id", "7dccbe9a") });
        Assert.EndsWith(": The specified pool already exists.", ex.Message);
        Assert.Equal("7dccbe9a", ex.RequestId);
        Assert.Equal(ErrorKind.ResourceExists, ex.Kind);
    }

    [Fact]
    public async Task ArmForbiddenIsPermissionDenied()
    {
        var ex = await FailAsync(
            AzureService.ResourceManager, "https://management.azure.com/x", 403,
            "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client 'abc' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write'.\"}}",
            new[] { ("x-ms-request-id", "r") });
        Assert.Equal(AzureErrorIds.AzurePermissionDenied, ex.ErrorId);
        Assert.Equal("AuthorizationFailed", ex.AzureErrorCode);
        Assert.Contains("Owner", ex.Remedy);
    }

    [Fact]
    public async Task AConflictNamingAnExistingResourceIsResourceExists()
    {
        var ex = await FailAsync(
            AzureService.ResourceManager, "https://management.azure.com/x", 409,
            "{\"error\":{\"code\":\"RoleAssignmentExists\",\"message\":\"The role assignment already exists.\"}}", Array.Empty<(string, string)>());
        Assert.Equal(AzureErrorIds.AzureResourceExists, ex.ErrorId);
        Assert.Equal(ErrorKind.ResourceExists, ex.Kind);
    }

    [Fact]
    public async Task AnyOtherConflictIsInvalidOperation()
    {
        var ex = await FailAsync(
            AzureService.ResourceManager, "https://management.azure.com/x", 409,
            "{\"error\":{\"code\":\"PoolBeingDeleted\",\"message\":\"The specified pool has been marked for deletion.\"}}", Array.Empty<(string, string)>());
        Assert.Equal(AzureErrorIds.AzureConflict, ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidOperation, ex.Kind);
    }

    [Fact]
    public async Task PreconditionFailedOnCreateOnlyMeansItExists()
    {
        var body = "{\"error\":{\"code\":\"PreconditionFailed\",\"message\":\"The condition specified using HTTP conditional header(s) is not met.\"}}";
        var createOnly = await FailAsync(AzureService.ResourceManager, "https://management.azure.com/x", 412, body, Array.Empty<(string, string)>(),
            new Dictionary<string, string> { ["If-None-Match"] = "*" });
        Assert.Equal(ErrorKind.ResourceExists, createOnly.Kind);

        var ifMatch = await FailAsync(AzureService.ResourceManager, "https://management.azure.com/x", 412, body, Array.Empty<(string, string)>(),
            new Dictionary<string, string> { ["If-Match"] = "W/\"0x1\"" });
        Assert.Equal(AzureErrorIds.AzurePreconditionFailed, ifMatch.ErrorId);
        Assert.Equal(ErrorKind.InvalidOperation, ifMatch.Kind);
    }

    [Fact]
    public async Task ErrorMessagesAreRedacted()
    {
        var ex = await FailAsync(
            AzureService.ResourceManager, "https://management.azure.com/x", 400,
            "{\"error\":{\"code\":\"BadRequest\",\"message\":\"client_secret=leaked&x=1 and the-known-secret\"}}", Array.Empty<(string, string)>(),
            redactor: new Redactor(new[] { "the-known-secret" }));
        Assert.DoesNotContain("leaked", ex.Message);
        Assert.DoesNotContain("the-known-secret", ex.Message);
        Assert.Contains("client_secret=***", ex.Message);
    }

    [Fact]
    public void ClassifiesEveryStatusFamily()
    {
        Assert.Equal(ErrorKind.LimitsExceeded, AzureErrorMapper.Classify(429, null, false).Kind);
        Assert.Equal(ErrorKind.OperationTimeout, AzureErrorMapper.Classify(504, null, false).Kind);
        Assert.Equal(ErrorKind.ResourceUnavailable, AzureErrorMapper.Classify(500, null, false).Kind);
        Assert.Equal(ErrorKind.InvalidOperation, AzureErrorMapper.Classify(405, null, false).Kind);
        Assert.Equal(AzureErrorIds.AzureRequestFailed, AzureErrorMapper.Classify(405, null, false).ErrorId);
    }

    [Fact]
    public async Task AnUnavailableCredentialIsReportedAsSuch()
    {
        var ex = await SignInFailureAsync(new CredentialUnavailableException("EnvironmentCredential authentication unavailable. Azure CLI not installed."));
        Assert.Equal(AzureErrorIds.CredentialUnavailable, ex.ErrorId);
        Assert.Equal(ErrorKind.AuthenticationError, ex.Kind);
        Assert.Contains("Azure CLI not installed", ex.Message);
        Assert.Contains("-Identity", ex.Remedy);
    }

    [Fact]
    public async Task AFailedSignInIsReportedAsSuch()
    {
        var ex = await SignInFailureAsync(new AuthenticationFailedException("AADSTS7000215: Invalid client secret provided."));
        Assert.Equal(AzureErrorIds.AuthenticationFailed, ex.ErrorId);
        Assert.Contains("AADSTS7000215", ex.Message);
    }

    [Fact]
    public async Task ARejectedServerCertificateIsReportedAsSuch()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(_ => throw new RequestFailedException(0, "The SSL connection could not be established.",
            new System.Net.Http.HttpRequestException("SSL", new System.Security.Authentication.AuthenticationException("The remote certificate was rejected by the provided RemoteCertificateValidationCallback."))));
        for (var i = 0; i < 3; i++)
        {
            azure.Transport.Respond(_ => throw new RequestFailedException(0, "SSL", new System.Security.Authentication.AuthenticationException("rejected")));
        }

        var invoker = new AzureRestInvoker(azure.Pipeline(AzureService.ResourceManager), AzureService.ResourceManager, azure.Redactor, azure.Options);
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() =>
            invoker.SendAsync(RequestMethod.Get, new Uri("https://127.0.0.1:47443/subscriptions"), null, null, null, CancellationToken.None));
        Assert.Equal(AzureErrorIds.TlsCertificateRejected, ex.ErrorId);
        Assert.Equal(ErrorKind.ConnectionError, ex.Kind);
    }

    [Fact]
    public async Task AProgrammingErrorIsNotDisguised()
    {
        var azure = new TestAzure();
        azure.Transport.Respond(_ => throw new NullReferenceException("bug"));
        var invoker = new AzureRestInvoker(azure.Pipeline(AzureService.ResourceManager), AzureService.ResourceManager, azure.Redactor, azure.Options);
        await Assert.ThrowsAsync<NullReferenceException>(() =>
            invoker.SendAsync(RequestMethod.Get, new Uri("https://management.azure.com/x"), null, null, null, CancellationToken.None));
    }

    private static async Task<BatchRotationException> SignInFailureAsync(Exception failure)
    {
        var azure = new TestAzure();
        var context = new BatchRotationContext(
            AzureCloud.AzurePublic, null, null, new FailingCredential(failure), BatchRotation.Core.Azure.SignIn.SignInMethod.Default, "test", azure.Transport);
        var pipeline = AzurePipelineFactory.Create(context, AzureService.ResourceManager, null, azure.Options.Pipeline);
        var invoker = new AzureRestInvoker(pipeline, AzureService.ResourceManager, Redactor.Default, azure.Options);
        var ex = await Assert.ThrowsAsync<BatchRotationException>(() =>
            invoker.SendAsync(RequestMethod.Get, new Uri("https://management.azure.com/x"), null, null, null, CancellationToken.None));
        Assert.Empty(azure.Transport.Requests);
        return ex;
    }
}
