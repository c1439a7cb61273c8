using System.Text.Json.Nodes;
using BatchRotation.Core.Tests.Rules.TestSupport;

namespace BatchRotation.Core.Tests.Rules;

/// <summary>The validator must accept Microsoft's own request examples and reject what the schema forbids.</summary>
public class SwaggerValidatorTests
{
    private const string Schema = """
        {
          "definitions": {
            "Thing": {
              "type": "object",
              "allOf": [ { "$ref": "#/definitions/Base" } ],
              "required": [ "kind" ],
              "properties": {
                "kind": { "type": "string", "enum": [ "A", "B" ] },
                "open": { "type": "string", "enum": [ "X" ], "x-ms-enum": { "modelAsString": true } },
                "count": { "type": "integer", "format": "int32", "minimum": 0 },
                "when": { "type": "string", "format": "date-time" },
                "timeout": { "type": "string", "format": "duration" },
                "tags": { "type": "object", "additionalProperties": { "type": "string" } },
                "items": { "type": "array", "items": { "$ref": "#/definitions/Item" } },
                "free": { "type": "object" },
                "flag": { "type": "boolean" }
              }
            },
            "Base": {
              "type": "object",
              "properties": { "id": { "type": "string", "readOnly": true }, "name": { "type": "string" } }
            },
            "Item": { "type": "object", "required": [ "n" ], "properties": { "n": { "type": "string", "maxLength": 3 } } }
          }
        }
        """;

    private static readonly SwaggerValidator Validator = new((JsonObject)JsonNode.Parse(Schema)!);

    [Fact]
    public void A_conforming_body_has_no_errors()
    {
        var body = JsonNode.Parse("""
            {"kind":"A","open":"Y","count":3,"when":"2025-01-01T00:00:00Z","timeout":"PT15M","tags":{"a":"b"},
             "items":[{"n":"abc"}],"free":{"anything":[1,2]},"flag":true,"name":"x"}
            """);
        Assert.Empty(Validator.Validate(body, "Thing"));
    }

    [Theory]
    [InlineData("""{"name":"x"}""", "$: required property 'kind' is missing.")]
    [InlineData("""{"kind":"C"}""", "$.kind: 'C' is not one of A, B.")]
    [InlineData("""{"kind":"A","id":"x"}""", "$.id: the property is read-only and must not be sent.")]
    [InlineData("""{"kind":"A","colour":"x"}""", "$.colour: the schema declares no such property.")]
    [InlineData("""{"kind":"A","count":"3"}""", "$.count: expected integer, got String.")]
    [InlineData("""{"kind":"A","count":1.5}""", "$.count: 1.5 is not an integer.")]
    [InlineData("""{"kind":"A","count":-1}""", "$.count: -1 is below the minimum 0.")]
    [InlineData("""{"kind":"A","count":3000000000}""", "$.count: 3000000000 does not fit int32.")]
    [InlineData("""{"kind":"A","when":"yesterday"}""", "$.when: 'yesterday' is not a valid date-time.")]
    [InlineData("""{"kind":"A","timeout":"15 minutes"}""", "$.timeout: '15 minutes' is not a valid duration.")]
    [InlineData("""{"kind":"A","tags":{"a":1}}""", "$.tags.a: expected a string, got Number.")]
    [InlineData("""{"kind":"A","items":[{}]}""", "$.items[0]: required property 'n' is missing.")]
    [InlineData("""{"kind":"A","items":[{"n":"abcd"}]}""", "$.items[0].n: longer than 3.")]
    [InlineData("""{"kind":"A","items":{"n":"a"}}""", "$.items: expected an array, got Object.")]
    [InlineData("""{"kind":"A","free":"text"}""", "$.free: expected an object, got String.")]
    [InlineData("""{"kind":"A","flag":"true"}""", "$.flag: expected a boolean, got String.")]
    public void A_violation_is_reported_where_it_is(string body, string expected)
    {
        Assert.Equal(new[] { expected }, Validator.Validate(JsonNode.Parse(body), "Thing"));
    }

    /// <summary>
    /// Four of Microsoft's examples break their own schema: property names in other casing (which the service
    /// tolerates), an enum value in other casing, an explicit null, and a property the 2025-06-01 schema
    /// lacks. The validator must name exactly those and nothing in the other examples.
    /// </summary>
    private static readonly Dictionary<string, string[]> KnownExampleDeviations = new(StringComparer.Ordinal)
    {
        ["PoolCreate_DualStackNetworking.json"] =
        [
            "$.properties.networkConfiguration.endpointConfiguration: required property 'inboundNatPools' is missing.",
            "$.properties.networkConfiguration.endpointConfiguration.inboundNATPools: the schema declares no such property.",
            "$.properties.deploymentConfiguration.virtualMachineConfiguration: required property 'nodeAgentSkuId' is missing.",
            "$.properties.deploymentConfiguration.virtualMachineConfiguration.nodeAgentSKUId: the schema declares no such property.",
        ],
        ["PoolCreate_ConfidentialDiskEncryptionSet_ForUserSubscriptionAccounts.json"] =
        [
            "$.properties.deploymentConfiguration.virtualMachineConfiguration.securityProfile.securityType: 'ConfidentialVM' is not one of trustedLaunch, confidentialVM.",
        ],
        ["PoolCreate_SecurityProfile.json"] =
        [
            "$.properties.deploymentConfiguration.virtualMachineConfiguration.securityProfile.uefiSettings.secureBootEnabled: null is not allowed.",
        ],
        ["PoolCreate_ResourceTags.json"] =
        [
            "$.properties.resourceTags: the schema declares no such property.",
        ],
    };

    public static TheoryData<string> PoolCreateExamples()
    {
        var data = new TheoryData<string>();
        if (ReferencePaths.ReferenceRoot != null)
        {
            foreach (var file in Directory.GetFiles(ReferencePaths.BatchManagementExamples, "PoolCreate_*.json").OrderBy(f => f, StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }
        }
        else
        {
            data.Add("(reference material absent)");
        }

        return data;
    }

    [ReferenceTheory]
    [MemberData(nameof(PoolCreateExamples))]
    public void Microsofts_pool_create_examples_validate_except_their_known_deviations(string exampleFile)
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(ReferencePaths.BatchManagementExamples, exampleFile)))!;
        var body = example["parameters"]!["parameters"];
        var validator = SwaggerValidator.Load(ReferencePaths.BatchManagementSwagger);
        var expected = KnownExampleDeviations.TryGetValue(exampleFile, out var deviations) ? deviations : [];
        Assert.Equal(expected, validator.Validate(body, "Pool"));
    }

    [ReferenceFact]
    public void There_are_pool_create_examples_to_check()
    {
        Assert.True(Directory.GetFiles(ReferencePaths.BatchManagementExamples, "PoolCreate_*.json").Length >= 10);
    }

    [ReferenceFact]
    public void A_pool_response_is_refused_as_a_request_because_it_carries_read_only_fields()
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(ReferencePaths.BatchManagementExamples, "PoolCreate_UserAssignedIdentities.json")))!;
        var response = example["responses"]!["200"]!["body"];
        var errors = SwaggerValidator.Load(ReferencePaths.BatchManagementSwagger).Validate(response, "Pool");
        Assert.Contains("$.id: the property is read-only and must not be sent.", errors);
        Assert.Contains("$.properties.provisioningState: the property is read-only and must not be sent.", errors);
        Assert.Contains("$.identity.userAssignedIdentities./subscriptions/subid/resourceGroups/default-azurebatch-japaneast/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1.principalId: the property is read-only and must not be sent.", errors);
    }
}
