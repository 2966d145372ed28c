using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Evse.Host.Composition;

public static class ConfigurationExtensions
{
    /// <summary>Where the installed daemon's configuration lives (a conffile of the .deb).</summary>
    public const string SystemConfigFile = "/etc/evse/evse.json";

    /// <summary>
    /// Configuration, later sources winning: appsettings.json, /etc/evse/evse.json when present (or the file
    /// named by EVSE_CONFIG_FILE), environment variables, command line.
    /// </summary>
    public static WebApplicationBuilder AddEvseConfiguration(this WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var file = Environment.GetEnvironmentVariable("EVSE_CONFIG_FILE") is { Length: > 0 } custom ? custom : SystemConfigFile;
        builder.Configuration.AddJsonFile(file, optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        return builder;
    }
}
