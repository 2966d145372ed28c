using System.Globalization;
using Evse.Core.Control;

namespace Evse.Core.Tests.Control;

/// <summary>
/// Parsing of ControlLoop:RealTimeCpu. Reserving a CPU changes every thread of the process, so it is not done inside the
/// test process; the trip bench reserves one and prints it (docs/charging-domain.md "Session 6").
/// </summary>
public sealed class CpuReservationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("none")]
    [InlineData("NONE")]
    public void TryResolve_NoneOrEmpty_NoCpuAndNoError(string? setting)
    {
        Assert.True(CpuReservation.TryResolve(setting, out var cpu, out var error));
        Assert.Equal(-1, cpu);
        Assert.Null(error);
    }

    [Fact]
    public void TryResolve_Last_TheHighestCpuThisProcessMayUseWhenItMayUseTwo()
    {
        var allowed = AllowedCpusFromProcStatus();
        Assert.True(CpuReservation.TryResolve("last", out var cpu, out var error));
        Assert.Null(error);
        Assert.Equal(allowed.Count >= 2 ? allowed.Max() : -1, cpu);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("first")]
    public void TryResolve_NotACpu_FalseWithTheReason(string setting)
    {
        Assert.False(CpuReservation.TryResolve(setting, out var cpu, out var error));
        Assert.Equal(-1, cpu);
        Assert.Contains(setting, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_CpuTheProcessMayNotUse_FalseNamingTheAllowedOnes()
    {
        Assert.False(CpuReservation.TryResolve("1000", out _, out var error));
        Assert.Contains("1000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_AnAllowedCpu_ThatCpu()
    {
        var first = AllowedCpusFromProcStatus().Min();
        Assert.True(CpuReservation.TryResolve(first.ToString(CultureInfo.InvariantCulture), out var cpu, out var error));
        Assert.Equal(first, cpu);
        Assert.Null(error);
    }

    /// <summary>The kernel's own account of the process's CPUs ("Cpus_allowed_list: 0-1,4"), read independently of the code under test.</summary>
    private static List<int> AllowedCpusFromProcStatus()
    {
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        var cpus = new List<int>();
        foreach (var part in line["Cpus_allowed_list:".Length..].Trim().Split(','))
        {
            var bounds = part.Split('-');
            var low = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var high = bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : low;
            cpus.AddRange(Enumerable.Range(low, high - low + 1));
        }

        return cpus;
    }
}
