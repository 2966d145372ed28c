using System.Text;
using System.Text.Json;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Validation;

namespace Evse.Ocpp.Tests.Validation;

public class OcppSchemaValidatorTests
{
    private static SchemaValidationResult Validate(string action, OcppPayloadKind kind, string json)
    {
        using var document = JsonDocument.Parse(json);
        return OcppSchemaValidator.Default.Validate(action, kind, document.RootElement);
    }

    [Fact]
    public void Default_EmbeddedResource_IsByteIdenticalToTheSchemaFileAndHas78Schemas()
    {
        using var stream = typeof(OcppSchemaValidator).Assembly.GetManifestResourceStream(OcppSchemaValidator.ResourceName)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);

        Assert.Equal(File.ReadAllBytes(TestPaths.SchemaFile), memory.ToArray());
        using var document = JsonDocument.Parse(memory.ToArray());
        Assert.Equal(document.RootElement.GetArrayLength(), OcppSchemaValidator.Default.SchemaCount);
        Assert.Equal(78, OcppSchemaValidator.Default.SchemaCount);
    }

    [Theory]
    // type: string where an integer is required, and integer vs number.
    [InlineData("StatusNotification", "{\"connectorId\":\"1\",\"errorCode\":\"NoError\",\"status\":\"Available\"}", OcppErrorCode.TypeConstraintViolation, "/connectorId")]
    [InlineData("StatusNotification", "{\"connectorId\":1.5,\"errorCode\":\"NoError\",\"status\":\"Available\"}", OcppErrorCode.TypeConstraintViolation, "/connectorId")]
    [InlineData("StatusNotification", "{\"connectorId\":true,\"errorCode\":\"NoError\",\"status\":\"Available\"}", OcppErrorCode.TypeConstraintViolation, "/connectorId")]
    [InlineData("StatusNotification", "{\"connectorId\":null,\"errorCode\":\"NoError\",\"status\":\"Available\"}", OcppErrorCode.TypeConstraintViolation, "/connectorId")]
    // required
    [InlineData("StatusNotification", "{\"connectorId\":1,\"status\":\"Available\"}", OcppErrorCode.OccurenceConstraintViolation, "/errorCode")]
    // additionalProperties false
    [InlineData("Heartbeat", "{\"extra\":1}", OcppErrorCode.FormationViolation, "/extra")]
    // enum (case-sensitive)
    [InlineData("StatusNotification", "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"available\"}", OcppErrorCode.PropertyConstraintViolation, "/status")]
    // maxLength 20
    [InlineData("Authorize", "{\"idTag\":\"123456789012345678901\"}", OcppErrorCode.PropertyConstraintViolation, "/idTag")]
    // format date-time
    [InlineData("StatusNotification", "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Available\",\"timestamp\":\"yesterday\"}", OcppErrorCode.PropertyConstraintViolation, "/timestamp")]
    // format uri
    [InlineData("GetDiagnostics", "{\"location\":\"not a uri\"}", OcppErrorCode.PropertyConstraintViolation, "/location")]
    // 32-bit integer (OCPP 1.6 §4)
    [InlineData("ChangeAvailability", "{\"connectorId\":2147483648,\"type\":\"Operative\"}", OcppErrorCode.PropertyConstraintViolation, "/connectorId")]
    // items: wrong type deep inside an array, with the index in the path
    [InlineData("GetConfiguration", "{\"key\":[\"HeartbeatInterval\",5]}", OcppErrorCode.TypeConstraintViolation, "/key/1")]
    // multipleOf 0.1, nested in objects and arrays
    [InlineData("SetChargingProfile", "{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":1,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":{\"chargingRateUnit\":\"A\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16.05}]}}}", OcppErrorCode.PropertyConstraintViolation, "/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit")]
    // $ref into definitions: a required property of the referenced type
    [InlineData("DeleteCertificate", "{\"certificateHashData\":{\"hashAlgorithm\":\"SHA256\",\"issuerNameHash\":\"a\",\"issuerKeyHash\":\"b\"}}", OcppErrorCode.OccurenceConstraintViolation, "/certificateHashData/serialNumber")]
    [InlineData("DeleteCertificate", "{\"certificateHashData\":{\"hashAlgorithm\":\"MD5\",\"issuerNameHash\":\"a\",\"issuerKeyHash\":\"b\",\"serialNumber\":\"c\"}}", OcppErrorCode.PropertyConstraintViolation, "/certificateHashData/hashAlgorithm")]
    // duplicate property names
    [InlineData("Authorize", "{\"idTag\":\"A\",\"idTag\":\"B\"}", OcppErrorCode.FormationViolation, "/idTag")]
    public void Validate_Request_ViolationMapsToOcppErrorCodeAndNamesTheProperty(string action, string json, OcppErrorCode expected, string path)
    {
        var result = Validate(action, OcppPayloadKind.Request, json);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.ErrorCode);
        Assert.StartsWith(path + ":", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyArrayUnderMinItems_IsOccurenceConstraintViolation()
    {
        var result = Validate("GetInstalledCertificateIds", OcppPayloadKind.Confirmation, "{\"status\":\"Accepted\",\"certificateHashData\":[]}");

        Assert.Equal(OcppErrorCode.OccurenceConstraintViolation, result.ErrorCode);
        Assert.StartsWith("/certificateHashData:", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Validate_PayloadNotAnObject_IsFormationViolation(string json)
    {
        Assert.Equal(OcppErrorCode.FormationViolation, Validate("Heartbeat", OcppPayloadKind.Request, json).ErrorCode);
    }

    [Theory]
    [InlineData("Authorize", "{\"idTag\":\"12345678901234567890\"}")]
    [InlineData("Authorize", "{\"idTag\":\"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀\"}")]
    [InlineData("StatusNotification", "{\"connectorId\":1.0,\"errorCode\":\"NoError\",\"status\":\"Available\",\"timestamp\":\"2026-01-05T08:00:00.123+02:00\"}")]
    [InlineData("GetDiagnostics", "{\"location\":\"ftp://user@example.com/diag\"}")]
    [InlineData("SetChargingProfile", "{\"connectorId\":0,\"csChargingProfiles\":{\"chargingProfileId\":1,\"stackLevel\":0,\"chargingProfilePurpose\":\"ChargePointMaxProfile\",\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":{\"chargingRateUnit\":\"W\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":7400.5}]}}}")]
    public void Validate_ValidEdgeCases_Passes(string action, string json)
    {
        var result = Validate(action, OcppPayloadKind.Request, json);

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void FromJson_MinimumMaximumMinLength_AreEnforcedAsPropertyConstraints()
    {
        var validator = OcppSchemaValidator.FromJson(Encoding.UTF8.GetBytes(
            "[{\"$id\":\"urn:Test.req\",\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5},\"s\":{\"type\":\"string\",\"minLength\":2},\"a\":{\"type\":\"array\",\"maxItems\":1}}}]"));
        SchemaValidationResult Check(string json)
        {
            using var document = JsonDocument.Parse(json);
            return validator.Validate("Test", OcppPayloadKind.Request, document.RootElement);
        }

        Assert.True(Check("{\"n\":1,\"s\":\"ab\",\"a\":[1]}").IsValid);
        Assert.Equal(OcppErrorCode.PropertyConstraintViolation, Check("{\"n\":0}").ErrorCode);
        Assert.Equal(OcppErrorCode.PropertyConstraintViolation, Check("{\"n\":6}").ErrorCode);
        Assert.Equal(OcppErrorCode.PropertyConstraintViolation, Check("{\"s\":\"a\"}").ErrorCode);
        Assert.Equal(OcppErrorCode.OccurenceConstraintViolation, Check("{\"a\":[1,2]}").ErrorCode);
    }

    [Fact]
    public void FromJson_UnsupportedKeyword_ThrowsAtLoad()
    {
        var schema = Encoding.UTF8.GetBytes("[{\"$id\":\"urn:Test.req\",\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"pattern\":\"^a\"}}}]");

        var error = Assert.Throws<InvalidOperationException>(() => OcppSchemaValidator.FromJson(schema));
        Assert.Contains("pattern", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownAction_Throws()
    {
        using var document = JsonDocument.Parse("{}");

        Assert.False(OcppSchemaValidator.Default.HasSchema("Foo", OcppPayloadKind.Request));
        Assert.Throws<ArgumentException>(() => OcppSchemaValidator.Default.Validate("Foo", OcppPayloadKind.Request, document.RootElement));
    }
}
