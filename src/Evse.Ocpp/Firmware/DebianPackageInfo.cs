namespace Evse.Ocpp.Firmware;

/// <summary>The control fields of a verified Debian binary package that the update needs.</summary>
/// <param name="Package">The <c>Package:</c> field.</param>
/// <param name="Version">The <c>Version:</c> field.</param>
public sealed record DebianPackageInfo(string Package, string Version);
