namespace Evse.Host.Options;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Where the database and the logs live (the package sets /var/lib/evse).</summary>
    public string DataDirectory { get; set; } = "./data";
}
