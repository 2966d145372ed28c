using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Evse.Ocpp.Messages;

/// <summary>The action registry: action name or payload type to <see cref="OcppActionDescriptor"/>.</summary>
public static partial class OcppActions
{
    private static readonly FrozenDictionary<string, OcppActionDescriptor> ByName =
        All.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, OcppActionDescriptor> ByRequestType =
        All.ToFrozenDictionary(a => a.RequestType);

    /// <summary>Looks up an action by its exact (case-sensitive) name, as OCPP-J requires.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out OcppActionDescriptor? action) =>
        ByName.TryGetValue(name, out action);

    /// <summary>Looks up the action whose request record is <paramref name="requestType"/>.</summary>
    public static bool TryGetByRequestType(Type requestType, [NotNullWhen(true)] out OcppActionDescriptor? action) =>
        ByRequestType.TryGetValue(requestType, out action);
}
