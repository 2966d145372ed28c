using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Evse.Core.Station;
using Evse.Host.Options;

namespace Evse.Host.Station;

/// <summary>Builds the station's identity from configuration, the machine and the assembly version.</summary>
public static class StationIdentityFactory
{
    public static StationIdentity Create(StationOptions options, TimeProvider time, string machineIdPath = "/etc/machine-id")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var serial = options.SerialNumber.Length > 0 ? options.SerialNumber : DeriveSerial(machineIdPath);
        var version = typeof(StationIdentityFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return new StationIdentity(options.Vendor, options.Model, serial, plus > 0 ? version[..plus] : version, time.GetUtcNow());
    }

    /// <summary>A stable serial for a board that was not given one: a hash of the machine id, never the id itself.</summary>
    private static string DeriveSerial(string machineIdPath)
    {
        var machineId = File.Exists(machineIdPath) ? File.ReadAllText(machineIdPath).Trim() : Environment.MachineName;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("evse-serial:" + machineId));
        return "EVSE" + Convert.ToHexString(hash, 0, 5);
    }
}
