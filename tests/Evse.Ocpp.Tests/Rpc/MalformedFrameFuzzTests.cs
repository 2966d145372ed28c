using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Evse.Ocpp.Framing;
using Evse.Ocpp.Messages;
using Evse.Ocpp.Rpc;
using Evse.Ocpp.Tests.Messages;
using Evse.Ocpp.Tests.Validation;
using Evse.Ocpp.Validation;
using Microsoft.Extensions.Logging;

namespace Evse.Ocpp.Tests.Rpc;

/// <summary>
/// Throws at least 10,000 malformed frames at the dispatcher and checks each against an independent oracle: a frame
/// that is or may be a CALL gets exactly one answer addressed to its id (or "-1"), with the code the rules predict;
/// CALLRESULT and CALLERROR garbage gets none; nothing escapes; nothing is logged at error level.
/// </summary>
public class MalformedFrameFuzzTests
{
    private const int FramesPerStrategy = 2_100;
    private static readonly JsonElement[] RequestSchemas = LoadRequestSchemas();

    [Fact]
    public async Task OnMessage_TenThousandMalformedFrames_EachAnsweredOrIgnoredPerSpecAndNothingEscapes()
    {
        var registry = new OcppHandlerRegistry()
            .Register(new DelegateHandler<ResetRequest, ResetConfirmation>((_, _) => ValueTask.FromResult<OcppHandlerResult<ResetConfirmation>>(new ResetConfirmation { Status = ResetStatus.Accepted })))
            .Register(new DelegateHandler<DataTransferRequest, DataTransferConfirmation>((_, _) => ValueTask.FromResult<OcppHandlerResult<DataTransferConfirmation>>(new DataTransferConfirmation { Status = DataTransferStatus.UnknownVendorId })))
            .Register(new DelegateHandler<GetConfigurationRequest, GetConfigurationConfirmation>((_, _) => ValueTask.FromResult<OcppHandlerResult<GetConfigurationConfirmation>>(new GetConfigurationConfirmation { UnknownKey = ["x"] })))
            .Register(new DelegateHandler<SetChargingProfileRequest, SetChargingProfileConfirmation>((_, _) => ValueTask.FromResult<OcppHandlerResult<SetChargingProfileConfirmation>>(new SetChargingProfileConfirmation { Status = ChargingProfileStatus.Accepted })));
        await using var h = await RpcHarness.StartAsync(registry);
        var random = new Random(20260105);
        var frames = new List<string>();
        for (var i = 0; i < FramesPerStrategy; i++)
        {
            frames.Add(MutateText(ValidCall(random), random));
            frames.Add(RandomJson(random, 0)?.ToJsonString() ?? "null");
            var valid = ValidCall(random);
            frames.Add(valid[..random.Next(valid.Length)]);
            frames.Add(WrongElementTypes(random));
            frames.Add(StructuredPayloadMutation(random));
        }

        var answered = 0;
        var ignored = 0;
        foreach (var frame in frames)
        {
            var expectation = Oracle(frame, registry);
            await h.DeliverAsync(frame);
            var sent = new List<string>();
            while (h.TryReadSent(out var answer))
            {
                sent.Add(answer);
            }

            if (expectation.Id is null)
            {
                Assert.True(sent.Count == 0, $"answered a frame that must be ignored: {frame} -> {string.Join(" | ", sent)}");
                ignored++;
                continue;
            }

            var reply = Assert.Single(sent);
            // Read with a plain JSON parser: an over-long id is echoed as received so the Central System can match it.
            var parsed = (JsonArray)JsonNode.Parse(reply)!;
            Assert.Equal(expectation.Id, parsed[1]!.GetValue<string>());
            if (expectation.Code is { } code)
            {
                Assert.Equal(4, parsed[0]!.GetValue<int>());
                Assert.Equal(5, parsed.Count);
                Assert.True(OcppErrorCodes.ToWire(code) == parsed[2]!.GetValue<string>(), $"{frame} -> {reply}, expected {code}");
            }
            else
            {
                Assert.Equal(3, parsed[0]!.GetValue<int>());
            }

            answered++;
        }

        Assert.True(frames.Count >= 10_000);
        Assert.Empty(h.Logger.EventIds(LogLevel.Error));
        Assert.True(answered > 1000 && ignored > 100, $"answered {answered}, ignored {ignored}: the generators lost their spread");

        // And the link still works afterwards.
        var call = h.Dispatcher.CallAsync(new HeartbeatRequest(), CancellationToken.None);
        var heartbeat = await h.NextSentAsync();
        Assert.True(OcppFrameParser.TryParse(heartbeat, out var heartbeatFrame, out _));
        await h.DeliverAsync($"[3,\"{heartbeatFrame.MessageId}\",{{\"currentTime\":\"2026-01-05T08:00:00Z\"}}]");
        Assert.True((await call).IsConfirmed);
    }

    /// <summary>
    /// The rules of docs/ocpp.md, written independently of the dispatcher: which id an answer goes to (null: none)
    /// and which error code it carries (null: a CALLRESULT).
    /// </summary>
    private static (string? Id, OcppErrorCode? Code) Oracle(string frame, OcppHandlerRegistry registry)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(frame, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return ("-1", OcppErrorCode.FormationViolation);
        }

        if (root is not JsonArray array || array.Count == 0)
        {
            return ("-1", OcppErrorCode.FormationViolation);
        }

        var idNode = array.Count > 1 ? array[1] : null;
        var id = idNode is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0 ? v.GetValue<string>() : null;
        int? type = array[0] is JsonValue t && t.GetValueKind() == JsonValueKind.Number && int.TryParse(t.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsedType) ? parsedType : null;
        if (type is 3 or 4)
        {
            return (null, null);
        }

        if (type is null)
        {
            return (id ?? "-1", OcppErrorCode.FormationViolation);
        }

        if (type != 2)
        {
            return (id ?? "-1", OcppErrorCode.ProtocolError);
        }

        if (array.Count != 4 || id is null || id.Length > 36
            || array[2] is not JsonValue action || action.GetValueKind() != JsonValueKind.String || action.GetValue<string>().Length == 0
            || array[3] is not JsonObject)
        {
            return (id ?? "-1", OcppErrorCode.FormationViolation);
        }

        var name = action.GetValue<string>();
        if (!registry.Actions.Contains(name))
        {
            // OCPP-J §4.2.3: a 1.6 action without a handler is NotSupported, an unknown one NotImplemented.
            return (id, OcppActions.TryGet(name, out _) ? OcppErrorCode.NotSupported : OcppErrorCode.NotImplemented);
        }

        using var payload = JsonDocument.Parse(array[3]!.ToJsonString());
        var check = OcppSchemaValidator.Default.Validate(name, OcppPayloadKind.Request, payload.RootElement);
        return check.IsValid ? (id, null) : (id, check.ErrorCode);
    }

    private static string ValidCall(Random random)
    {
        var schema = RequestSchemas[random.Next(RequestSchemas.Length)];
        var action = schema.GetProperty("$id").GetString()!["urn:".Length..^".req".Length];
        var payload = new SchemaSampleGenerator(schema, random, allOptional: false).Generate();
        return new JsonArray(2, "id" + random.Next(100_000).ToString(CultureInfo.InvariantCulture), action, payload).ToJsonString();
    }

    private static string MutateText(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && builder.Length > 0; e++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(4))
            {
                case 0:
                    builder.Remove(at, 1);
                    break;
                case 1:
                    builder.Insert(at, "[]{}\",:0-9.eE\\ntruefalsenull\u00e9\ud83d\ude00"[random.Next(30)]);
                    break;
                case 2:
                    builder[at] = (char)random.Next(32, 127);
                    break;
                default:
                    var length = Math.Min(random.Next(1, 8), builder.Length - at);
                    builder.Insert(random.Next(builder.Length), builder.ToString(at, length));
                    break;
            }
        }

        return builder.ToString();
    }

    private static JsonNode? RandomJson(Random random, int depth)
    {
        var kind = depth > 3 ? random.Next(5) : random.Next(7);
        switch (kind)
        {
            case 0: return null;
            case 1: return JsonValue.Create(random.Next(-3, 8));
            case 2: return JsonValue.Create(random.NextDouble() * 1e6);
            case 3: return JsonValue.Create(random.Next(2) == 0 ? "Reset" : new string('x', random.Next(0, 50)));
            case 4: return JsonValue.Create(random.Next(2) == 0);
            case 5:
                var array = new JsonArray();
                // Bias towards frame-shaped arrays that start with a message type id.
                if (random.Next(2) == 0)
                {
                    array.Add(random.Next(1, 6));
                }

                for (var i = random.Next(0, 6); i > 0; i--)
                {
                    array.Add(RandomJson(random, depth + 1));
                }

                return array;
            default:
                var obj = new JsonObject();
                for (var i = random.Next(0, 4); i > 0; i--)
                {
                    obj["p" + i.ToString(CultureInfo.InvariantCulture)] = RandomJson(random, depth + 1);
                }

                return obj;
        }
    }

    private static string WrongElementTypes(Random random)
    {
        var frame = (JsonArray)JsonNode.Parse(ValidCall(random))!;
        if (random.Next(3) == 0)
        {
            frame[0] = random.Next(2, 5);
        }

        var index = random.Next(frame.Count);
        frame[index] = RandomJson(random, 2);
        if (random.Next(4) == 0)
        {
            frame.RemoveAt(random.Next(frame.Count));
        }
        else if (random.Next(4) == 0)
        {
            frame.Add(RandomJson(random, 3));
        }

        return frame.ToJsonString();
    }

    private static string StructuredPayloadMutation(Random random)
    {
        var frame = (JsonArray)JsonNode.Parse(ValidCall(random))!;
        var payload = (JsonObject)frame[3]!;
        var target = FindObjects(payload).ToList();
        var victim = target[random.Next(target.Count)];
        var names = victim.Select(p => p.Key).ToList();
        switch (random.Next(4))
        {
            case 0 when names.Count > 0:
                victim.Remove(names[random.Next(names.Count)]);
                break;
            case 1 when names.Count > 0:
                victim[names[random.Next(names.Count)]] = RandomJson(random, 3);
                break;
            case 2:
                victim["unexpected" + random.Next(3).ToString(CultureInfo.InvariantCulture)] = 1;
                break;
            default:
                frame[2] = random.Next(2) == 0 ? "Reset" : "DataTransfer";
                break;
        }

        return frame.ToJsonString();
    }

    private static IEnumerable<JsonObject> FindObjects(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            yield return obj;
            foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(FindObjects))
            {
                yield return child;
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>().SelectMany(FindObjects))
            {
                yield return child;
            }
        }
    }

    private static JsonElement[] LoadRequestSchemas()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(TestPaths.SchemaFile));
        return document.RootElement.EnumerateArray()
            .Where(s => s.GetProperty("$id").GetString()!.EndsWith(".req", StringComparison.Ordinal))
            .Select(s => s.Clone())
            .ToArray();
    }
}
