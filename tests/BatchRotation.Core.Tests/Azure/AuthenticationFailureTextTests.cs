using Azure.Identity;
using BatchRotation.Core.Azure.SignIn;

namespace BatchRotation.Core.Tests.Azure;

public class AuthenticationFailureTextTests
{
    [Fact]
    public void Entras_reason_is_taken_from_the_exception_inside()
    {
        var msal = new InvalidOperationException(
            "A configuration issue is preventing authentication. Original exception: AADSTS7000215: Invalid client secret provided. Ensure the secret is the value.\r\nTrace ID: 1\r\nCorrelation ID: 2");
        var failed = new AuthenticationFailedException("ClientSecretCredential authentication failed: ", msal);

        Assert.Equal(
            "ClientSecretCredential authentication failed: AADSTS7000215: Invalid client secret provided. Ensure the secret is the value.",
            AuthenticationFailureText.Describe(failed));
    }

    [Fact]
    public void A_message_that_already_gives_the_reason_is_kept()
    {
        var failed = new AuthenticationFailedException("ClientSecretCredential authentication failed: AADSTS700016: Application not found.", new Exception("AADSTS700016: Application not found."));
        Assert.Equal("ClientSecretCredential authentication failed: AADSTS700016: Application not found.", AuthenticationFailureText.Describe(failed));
    }

    [Fact]
    public void Without_an_Entra_reason_the_first_line_of_the_inner_message_is_added()
    {
        var failed = new AuthenticationFailedException("ManagedIdentityCredential authentication failed: ", new Exception("No managed identity endpoint found.\nDetails follow."));
        Assert.Equal("ManagedIdentityCredential authentication failed: No managed identity endpoint found.", AuthenticationFailureText.Describe(failed));
        Assert.Equal("Plain.", AuthenticationFailureText.Describe(new AuthenticationFailedException("Plain.")));
    }
}
