using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Evse.Ocpp.Framing;

/// <summary>
/// Parses OCPP-J frames. Never throws on any input: every defect comes back as an <see cref="OcppFrameError"/>.
/// </summary>
public static class OcppFrameParser
{
    /// <summary>OCPP-J 1.6 §4.1.4: the unique id is at most 36 characters (a GUID's length).</summary>
    public const int MaxMessageIdLength = 36;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    /// <summary>Parses one WebSocket text message.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out OcppFrame? frame, [NotNullWhen(false)] out OcppFrameError? error)
    {
        frame = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text ?? string.Empty, DocumentOptions);
        }
        catch (JsonException ex)
        {
            error = new OcppFrameError(OcppFrameErrorKind.NotJson, "Frame is not valid JSON: " + Shorten(ex.Message), null, null);
            return false;
        }
        catch (ArgumentException)
        {
            // A lone UTF-16 surrogate cannot be transcoded to UTF-8; only an in-process transport can produce one.
            error = new OcppFrameError(OcppFrameErrorKind.NotJson, "Frame is not valid Unicode text.", null, null);
            return false;
        }

        using (document)
        {
            return TryParse(document.RootElement, out frame, out error);
        }
    }

    private static bool TryParse(JsonElement root, out OcppFrame? frame, out OcppFrameError? error)
    {
        frame = null;
        error = null;
        if (root.ValueKind != JsonValueKind.Array)
        {
            error = new OcppFrameError(OcppFrameErrorKind.NotArray, "Frame is not a JSON array.", null, null);
            return false;
        }

        var count = root.GetArrayLength();
        if (count == 0)
        {
            error = new OcppFrameError(OcppFrameErrorKind.EmptyArray, "Frame is an empty array.", null, null);
            return false;
        }

        var first = root[0];
        if (first.ValueKind != JsonValueKind.Number || !first.TryGetInt32(out var typeId))
        {
            error = new OcppFrameError(OcppFrameErrorKind.MessageTypeIdNotInteger, "MessageTypeId is not an integer.", null, ReadId(root));
            return false;
        }

        var expected = typeId switch
        {
            (int)OcppMessageType.Call => 4,
            (int)OcppMessageType.CallResult => 3,
            (int)OcppMessageType.CallError => 5,
            _ => -1,
        };
        if (expected < 0)
        {
            error = new OcppFrameError(OcppFrameErrorKind.UnknownMessageTypeId, $"MessageTypeId {typeId} is not 2, 3 or 4.", typeId, ReadId(root));
            return false;
        }

        string? id = ReadId(root);
        if (count >= 2)
        {
            var idElement = root[1];
            if (idElement.ValueKind != JsonValueKind.String)
            {
                error = new OcppFrameError(OcppFrameErrorKind.MessageIdNotString, "UniqueId is not a string.", typeId, null);
                return false;
            }

            if (id is null)
            {
                error = new OcppFrameError(OcppFrameErrorKind.MessageIdEmpty, "UniqueId is empty.", typeId, null);
                return false;
            }
        }

        if (count != expected)
        {
            error = new OcppFrameError(OcppFrameErrorKind.WrongElementCount, $"MessageTypeId {typeId} needs {expected} elements, got {count}.", typeId, id);
            return false;
        }

        if (id!.Length > MaxMessageIdLength)
        {
            error = new OcppFrameError(OcppFrameErrorKind.MessageIdTooLong, $"UniqueId is longer than {MaxMessageIdLength} characters.", typeId, id);
            return false;
        }

        switch ((OcppMessageType)typeId)
        {
            case OcppMessageType.Call:
                var action = root[2];
                if (action.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(action.GetString()))
                {
                    error = new OcppFrameError(OcppFrameErrorKind.ActionNotString, "Action is not a non-empty string.", typeId, id);
                    return false;
                }

                if (root[3].ValueKind != JsonValueKind.Object)
                {
                    error = new OcppFrameError(OcppFrameErrorKind.PayloadNotObject, "Payload is not a JSON object.", typeId, id);
                    return false;
                }

                frame = new OcppCall(id, action.GetString()!, root[3].Clone());
                return true;

            case OcppMessageType.CallResult:
                if (root[2].ValueKind != JsonValueKind.Object)
                {
                    error = new OcppFrameError(OcppFrameErrorKind.PayloadNotObject, "Payload is not a JSON object.", typeId, id);
                    return false;
                }

                frame = new OcppCallResult(id, root[2].Clone());
                return true;

            default:
                if (root[2].ValueKind != JsonValueKind.String)
                {
                    error = new OcppFrameError(OcppFrameErrorKind.ErrorCodeNotString, "errorCode is not a string.", typeId, id);
                    return false;
                }

                if (root[3].ValueKind != JsonValueKind.String)
                {
                    error = new OcppFrameError(OcppFrameErrorKind.ErrorDescriptionNotString, "errorDescription is not a string.", typeId, id);
                    return false;
                }

                if (root[4].ValueKind != JsonValueKind.Object)
                {
                    error = new OcppFrameError(OcppFrameErrorKind.ErrorDetailsNotObject, "errorDetails is not a JSON object.", typeId, id);
                    return false;
                }

                var codeText = root[2].GetString()!;
                var code = OcppErrorCodes.TryParse(codeText, out var known) ? known : OcppErrorCode.GenericError;
                frame = new OcppCallError(id, code, codeText, root[3].GetString()!, root[4].Clone());
                return true;
        }
    }

    private static string? ReadId(JsonElement root)
    {
        if (root.GetArrayLength() < 2 || root[1].ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var id = root[1].GetString();
        return string.IsNullOrEmpty(id) ? null : id;
    }

    private static string Shorten(string message) => message.Length <= 120 ? message : message[..120];
}
