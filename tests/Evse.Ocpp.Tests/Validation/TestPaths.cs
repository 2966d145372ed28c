namespace Evse.Ocpp.Tests.Validation;

/// <summary>Locates files of the source tree from the test output folder.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EvseDaemon.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("EvseDaemon.sln not found above the test folder.");
        }
    }

    public static string SchemaFile => Path.Combine(RepositoryRoot, "src", "Evse.Ocpp", "Validation", "ocpp1_6-schemas.json");
}
