using System.Text.Json;
using System.Text.Json.Nodes;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Tests.Validation;
using Evse.Ocpp.Validation;

namespace Evse.Ocpp.Tests.Messages;

public class MessageRoundTripTests
{
    private static readonly JsonElement[] Schemas = LoadSchemas();

    public static TheoryData<string> SchemaIds()
    {
        var data = new TheoryData<string>();
        foreach (var schema in Schemas)
        {
            data.Add(schema.GetProperty("$id").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SchemaIds))]
    public void RoundTrip_GeneratedInstances_SerializeToIdenticalSchemaValidJson(string schemaId)
    {
        var schema = Schemas.Single(s => s.GetProperty("$id").GetString() == schemaId);
        var (action, kind) = Split(schemaId);
        Assert.True(OcppActions.TryGet(action, out var descriptor));
        var typeInfo = kind == OcppPayloadKind.Request ? descriptor.RequestTypeInfo : descriptor.ConfirmationTypeInfo;

        // Seed per schema so a failure reproduces; two fully populated and 20 random instances each.
        var random = new Random(schemaId.GetHashCode(StringComparison.Ordinal) & 0x7fffffff);
        for (var i = 0; i < 22; i++)
        {
            var original = new SchemaSampleGenerator(schema, random, allOptional: i < 2).Generate();
            var originalText = original.ToJsonString();
            using var originalDocument = JsonDocument.Parse(originalText);
            var generatedCheck = OcppSchemaValidator.Default.Validate(action, kind, originalDocument.RootElement);
            Assert.True(generatedCheck.IsValid, $"generator produced invalid {schemaId}: {generatedCheck.Message}");

            var record = JsonSerializer.Deserialize(originalText, typeInfo);
            Assert.NotNull(record);
            Assert.IsType(kind == OcppPayloadKind.Request ? descriptor.RequestType : descriptor.ConfirmationType, record);

            var serialized = JsonSerializer.Serialize(record, typeInfo);
            using var serializedDocument = JsonDocument.Parse(serialized);
            var check = OcppSchemaValidator.Default.Validate(action, kind, serializedDocument.RootElement);
            Assert.True(check.IsValid, $"{schemaId} serialized invalid: {check.Message}\n{serialized}");
            Assert.True(JsonNode.DeepEquals(original, JsonNode.Parse(serialized)), $"{schemaId} changed in a round trip:\n{originalText}\n{serialized}");

            var again = JsonSerializer.Deserialize(serialized, typeInfo);
            Assert.Equal(serialized, JsonSerializer.Serialize(again, typeInfo));
        }
    }

    [Fact]
    public void Registry_AllSchemas_HaveExactlyOneActionWithBothPayloads()
    {
        var actions = Schemas.Select(s => Split(s.GetProperty("$id").GetString()!).Action).Distinct().ToArray();

        Assert.Equal(actions.Length, OcppActions.All.Count);
        Assert.Equal(Schemas.Length, OcppActions.All.Count * 2);
        foreach (var action in actions)
        {
            Assert.True(OcppActions.TryGet(action, out var descriptor));
            Assert.Equal(action + "Request", descriptor.RequestType.Name);
            Assert.Equal(action + "Confirmation", descriptor.ConfirmationType.Name);
            Assert.True(OcppActions.TryGetByRequestType(descriptor.RequestType, out var byType));
            Assert.Same(descriptor, byType);
        }
    }

    [Theory]
    [InlineData("BootNotification", OcppDirection.ChargePointToCentralSystem)]
    [InlineData("StopTransaction", OcppDirection.ChargePointToCentralSystem)]
    [InlineData("SignCertificate", OcppDirection.ChargePointToCentralSystem)]
    [InlineData("Reset", OcppDirection.CentralSystemToChargePoint)]
    [InlineData("ExtendedTriggerMessage", OcppDirection.CentralSystemToChargePoint)]
    [InlineData("DataTransfer", OcppDirection.Both)]
    public void Registry_Action_HasSpecDirection(string action, OcppDirection direction)
    {
        Assert.True(OcppActions.TryGet(action, out var descriptor));
        Assert.Equal(direction, descriptor.Direction);
    }

    [Fact]
    public void Registry_LookupByName_IsCaseSensitive()
    {
        Assert.False(OcppActions.TryGet("heartbeat", out _));
        Assert.True(OcppActions.TryGet("Heartbeat", out _));
    }

    [Fact]
    public void Request_Action_MatchesRegistryName()
    {
        foreach (var descriptor in OcppActions.All)
        {
            var request = (IOcppRequest)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(descriptor.RequestType);
            Assert.Equal(descriptor.Name, request.Action);
        }
    }

    private static (string Action, OcppPayloadKind Kind) Split(string schemaId)
    {
        var name = schemaId["urn:".Length..];
        var dot = name.LastIndexOf('.');
        return (name[..dot], name[(dot + 1)..] == "req" ? OcppPayloadKind.Request : OcppPayloadKind.Confirmation);
    }

    private static JsonElement[] LoadSchemas()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(TestPaths.SchemaFile));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
