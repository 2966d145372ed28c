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
        return new StationIdentity(options.Vendor, options.Model, serial, FirmwareVersion, time.GetUtcNow());
    }

    /// <summary>The daemon's version without the source-revision suffix, as BootNotification reports it.</summary>
    public static string FirmwareVersion
    {
        get
        {
            var version = typeof(StationIdentityFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus > 0 ? version[..plus] : version;
        }
    }

    /// <summary>A stable serial for a board that was not given one: a hash of the machine id, never the id itself.</summary>
    private static string DeriveSerial(string machineIdPath)
    {
        var machineId = File.Exists(machineIdPath) ? File.ReadAllText(machineIdPath).Trim() : Environment.MachineName;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("evse-serial:" + machineId));
        return "EVSE" + Convert.ToHexString(hash, 0, 5);
    }
}
