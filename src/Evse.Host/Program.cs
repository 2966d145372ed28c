using Evse.Host.Composition;
using Evse.Host.Options;
using Evse.Host.Simulation;
using Evse.Host.Station;
using Evse.Host.Systemd;
using Evse.Portal;

// EvseDaemon: the charge point controller. Reads like a table of contents; the wiring is in Composition/.
// The content root is the install directory, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddEvseConfiguration(args);
builder.AddEvseLogging();
builder.Services
    .AddEvseOptions(builder.Configuration)
    .AddEvseStorage()
    .AddEvseHardware()
    .AddEvseCore()
    .AddEvseSystemd()
    .AddEvsePortal();

// With a Central System the station talks OCPP and its authorizer replaces the standalone one.
if (builder.Configuration.GetSection(OcppOptions.SectionName).Get<OcppOptions>()?.CentralSystemUrl is { Length: > 0 })
{
    builder.Services.AddEvseOcpp();
}

builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

var app = builder.Build();
app.MapEvsePortal();
if (app.Configuration.GetSection(HardwareOptions.SectionName).Get<HardwareOptions>()?.Mode is null or HardwareMode.Simulated)
{
    app.MapSimulationApi();
}

var restart = app.Services.GetRequiredService<RestartRequester>();
await app.RunAsync().ConfigureAwait(false);
return restart.RequestedExitCode ?? 0;

/// <summary>The entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
