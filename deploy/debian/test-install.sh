#!/bin/bash
# Package test for evse-daemon (issue 6). Run as root, non-interactive, from any directory:
#
#   deploy/debian/test-install.sh
#
# 1. builds the package twice (the changelog version and <version>+upgradetest1);
# 2. lintian: no errors and no warnings (kept overrides are printed);
# 3. in a Debian 12 (bookworm) chroot: installs the package without the .NET runtime (postinst must
#    warn, not fail), checks user, groups, files, permissions and the enable symlink, runs
#    `systemd-analyze verify` and `systemd-analyze security --offline` on the installed unit;
# 4. copies this machine's /usr/share/dotnet runtime into the chroot and runs the installed daemon as
#    the evse user under notify-harness.py, which plays systemd: READY=1, WATCHDOG=1 every
#    WatchdogSec/2, STOPPING=1 on SIGTERM; once refused real time (one warning, loops run) and once
#    granted it (the loop runs SCHED_FIFO at the packaged priority);
# 5. edits /etc/evse/evse.json, upgrades to the second build: edit and /var/lib/evse kept;
# 6. removes (configuration and data kept), purges (both gone).
#
# Cache: $EVSE_PKG_TEST_CACHE (default /var/cache/evse-pkg-test) keeps the debootstrapped base root
# (bookworm-base/, about 250 MB, made once in ~1-2 minutes) so a re-run only copies it. Delete the
# folder to start from scratch. Mirror: the Debian archive this machine's apt uses
# (/etc/apt/sources.list*), or $EVSE_DEBIAN_MIRROR. The chroot shares this machine's kernel and has
# no running systemd: the unit is verified, not booted (see docs/packaging.md).
#
# Ends with "pkg-test: N passed, N failed"; exit status 0 only when nothing failed.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${EVSE_PKG_TEST_CACHE:-/var/cache/evse-pkg-test}
base="$cache/bookworm-base"
chroot_root="$cache/run-root"
out="$cache/debs"
log="$cache/last-run.log"
start_s=$(date +%s)
passed=0
failed=0
results=()

say() { printf 'pkg-test: %s\n' "$*"; }

record() { # record <0|1> <description>
    if [ "$1" -eq 0 ]; then
        passed=$((passed + 1)); results+=("PASS  $2")
    else
        failed=$((failed + 1)); results+=("FAIL  $2")
        say "FAIL: $2 (details in $log)"
    fi
}

check() { # check <description> <command...>: runs the command, output to the log
    local description=$1; shift
    echo "### $description: $*" >>"$log"
    "$@" >>"$log" 2>&1
    record $? "$description"
}

in_root() { chroot "$chroot_root" "$@"; }

summary_and_exit() {
    local elapsed=$(( $(date +%s) - start_s ))
    echo
    say "summary (${elapsed}s, log: $log)"
    printf '  %s\n' "${results[@]}"
    echo "pkg-test: $passed passed, $failed failed"
    [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
    exit $?
}

fatal() { # a setup step failed: nothing after it can run
    record 1 "$1"
    summary_and_exit
}

unmount_root() {
    local target
    # Deepest first; never delete a tree that still has something mounted inside it.
    for target in $(awk -v r="$chroot_root" '$2 == r || index($2, r "/") == 1 {print $2}' /proc/mounts | sort -r); do
        umount "$target" 2>/dev/null || umount -l "$target"
    done
}

cleanup() { unmount_root; }
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] || { echo "pkg-test: must run as root (debootstrap, chroot)" >&2; exit 2; }
mkdir -p "$cache" "$out"
: >"$log"
say "log: $log"

# --- tools ------------------------------------------------------------------------------------
missing=()
for pair in lintian:lintian debootstrap:debootstrap dpkg-deb:dpkg-dev /usr/bin/python3:python3-minimal; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >>"$log" 2>&1 \
        || fatal "apt-get install ${missing[*]}"
fi
command -v dotnet >/dev/null || fatal "the .NET 10 SDK (dotnet) is needed to build the package"

# --- build ------------------------------------------------------------------------------------
version1=$(sed -n '1s/^evse-daemon (\([^)]*\)).*/\1/p' "$here/changelog")
version2="${version1}+upgradetest1"
rm -f "$out"/*.deb
say "building $version1 and $version2"
deb1=$("$here/build-deb.sh" --output "$out" 2>>"$log" | tail -n1)
record $? "build-deb.sh builds evse-daemon_${version1}_all.deb"
deb2=$("$here/build-deb.sh" --output "$out" --version "$version2" 2>>"$log" | tail -n1)
record $? "build-deb.sh builds evse-daemon_${version2}_all.deb"
[ -f "$deb1" ] && [ -f "$deb2" ] || fatal "both packages exist"

# --- lintian ----------------------------------------------------------------------------------
say "lintian"
# Shown with the overrides we keep (and why); judged by a second run, since --show-overrides
# changes lintian's exit status.
lintian --pedantic --display-info --show-overrides "$deb1" 2>&1 | grep -v 'running with root privileges' \
    | tee -a "$log" | sed 's/^/  lintian: /'
lintian --pedantic --fail-on error,warning "$deb1" >>"$log" 2>&1
lintian_rc=$?
record "$lintian_rc" "lintian: no errors, no warnings"

# --- base root (cached) -----------------------------------------------------------------------
mirror=${EVSE_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
    # The first Debian main archive (not -security) among apt's sources, one-line or deb822 style.
    mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | grep -E '^[[:space:]]*(deb|URIs:)[[:space:]]' | grep -oE 'https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
        | tr -d '[:space:]' | head -n1 || true)
    mirror=${mirror:-http://deb.debian.org/debian}
fi
stamp="bookworm minbase systemd,adduser,libssl3,libstdc++6,libgcc-s1 $mirror"
if [ ! -f "$base/.evse-base-complete" ] || [ "$(cat "$base/.evse-base-complete")" != "$stamp" ]; then
    say "debootstrap bookworm from $mirror into $base (once; cached)"
    rm -rf "$base"
    debootstrap --variant=minbase --include=systemd,adduser,libssl3,libstdc++6,libgcc-s1 \
        bookworm "$base" "$mirror" >>"$log" 2>&1 || fatal "debootstrap bookworm from $mirror"
    cp /etc/resolv.conf "$base/etc/resolv.conf" 2>/dev/null || true
    chroot "$base" apt-get update -qq >>"$log" 2>&1 || fatal "apt-get update in the base root"
    echo "$stamp" >"$base/.evse-base-complete"
fi

unmount_root
rm -rf "$chroot_root"
cp -a "$base" "$chroot_root" || fatal "copy the base root"
mount -t proc proc "$chroot_root/proc" || fatal "mount /proc in the chroot"
cp "$deb1" "$deb2" "$chroot_root/tmp/"
pkg1=/tmp/$(basename "$deb1")
pkg2=/tmp/$(basename "$deb2")
check "chroot is Debian 12" grep -q '^VERSION_ID="12"' "$chroot_root/etc/os-release"
check "no systemd running in the chroot (maintainer scripts must cope)" test ! -d "$chroot_root/run/systemd/system"

# --- install without the runtime --------------------------------------------------------------
say "install $version1 (no .NET runtime yet)"
install_out=$(in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$pkg1" </dev/null 2>&1)
install_rc=$?
echo "$install_out" >>"$log"
record "$install_rc" "apt-get install $version1 succeeds without a running systemd"
check "package is installed" bash -c "chroot '$chroot_root' dpkg-query -W -f='\${Status} \${Version}' evse-daemon | grep -qx 'install ok installed $version1'"
check "postinst warns that the .NET runtime is missing" grep -q 'ASP.NET Core runtime 10 is not installed' <<<"$install_out"
check "apt lists aspnetcore-runtime-10.0 as a recommendation it could not satisfy" grep -q 'aspnetcore-runtime-10.0' <<<"$install_out"
in_root /usr/bin/evsed --check-runtime >>"$log" 2>&1
check "evsed --check-runtime exits 78 (EX_CONFIG) without the runtime" test $? -eq 78

# --- user, files, permissions -----------------------------------------------------------------
stat_is() { # stat_is <path> <expected "mode owner group">
    local actual
    actual=$(in_root stat -c '%a %U %G' "$1") && [ "$actual" = "$2" ] || { echo "$1: got '$actual', want '$2'"; return 1; }
}
passwd_line=$(in_root getent passwd evse || true)
echo "passwd: $passwd_line" >>"$log"
evse_uid=$(cut -d: -f3 <<<"$passwd_line")
check "user evse exists" test -n "$passwd_line"
check "evse is a system user (uid < 1000)" test "${evse_uid:-99999}" -lt 1000
check "evse home is /var/lib/evse, shell nologin" bash -c "[ \"\$(cut -d: -f6,7 <<<'$passwd_line')\" = '/var/lib/evse:/usr/sbin/nologin' ]"
check "evse has its own group" bash -c "[ \"\$(chroot '$chroot_root' id -gn evse)\" = evse ]"
for group in gpio spi i2c dialout; do
    check "evse is in group $group" bash -c "chroot '$chroot_root' id -nG evse | tr ' ' '\n' | grep -qx $group"
done
check "/usr/bin/evsed 755 root root" stat_is /usr/bin/evsed "755 root root"
check "/usr/lib/evse-daemon/evsed.dll 644 root root" stat_is /usr/lib/evse-daemon/evsed.dll "644 root root"
check "/lib/systemd/system/evse.service 644 root root" stat_is /lib/systemd/system/evse.service "644 root root"
check "/etc/evse/evse.json 644 root root" stat_is /etc/evse/evse.json "644 root root"
check "/var/lib/evse 750 evse evse" stat_is /var/lib/evse "750 evse evse"
check "/etc/evse/evse.json is a registered conffile" bash -c "chroot '$chroot_root' dpkg-query -W -f='\${Conffiles}' evse-daemon | grep -q '/etc/evse/evse.json'"
check "no file or directory of the package is group- or world-writable" bash -c "! chroot '$chroot_root' dpkg -L evse-daemon | xargs -d '\n' chroot '$chroot_root' stat -c '%A %n' | grep -E '^[-d].{4}w|^[-d].{7}w'"
check "only linux-x64 and linux-arm64 native assets shipped" bash -c "[ \"\$(ls '$chroot_root/usr/lib/evse-daemon/runtimes' | tr '\n' ' ')\" = 'linux-arm64 linux-x64 ' ]"
check "evse.service enabled (multi-user.target.wants link)" test -L "$chroot_root/etc/systemd/system/multi-user.target.wants/evse.service"
check "systemd-analyze verify accepts the installed unit" in_root systemd-analyze verify evse.service
check "systemd-analyze verify accepts evse-update.path and evse-update.service" in_root systemd-analyze verify evse-update.path evse-update.service
check "evse-update.path enabled (paths.target.wants link)" test -L "$chroot_root/etc/systemd/system/paths.target.wants/evse-update.path"
check "/usr/libexec/evse-daemon/evse-update 755 root root" stat_is /usr/libexec/evse-daemon/evse-update "755 root root"
check "evse-update refuses a ready file naming a path outside its directory" bash -c "mkdir -p '$chroot_root/tmp/upd' && echo ../../etc/passwd > '$chroot_root/tmp/upd/ready' && ! chroot '$chroot_root' env EVSE_UPDATE_DIR=/tmp/upd /usr/libexec/evse-daemon/evse-update 2>/dev/null && grep -q '^failed: unusable file name' '$chroot_root/tmp/upd/result'"
security=$(in_root systemd-analyze security --offline=true /lib/systemd/system/evse.service 2>>"$log" | grep 'Overall exposure level' || true)
say "${security:-systemd-analyze security printed no exposure level}"
exposure=$(grep -oE '[0-9]+\.[0-9]+' <<<"$security" | head -n1)
check "systemd-analyze security exposure <= 4.0 (got ${exposure:-none})" awk -v e="${exposure:-99}" 'BEGIN { exit !(e <= 4.0) }'
# Real time (issue 3): the unit lets the evse user ask for SCHED_FIFO up to LimitRTPRIO, and the packaged
# configuration asks for a priority within it.
unit="$chroot_root/lib/systemd/system/evse.service"
rt_limit=$(sed -n 's/^LimitRTPRIO=\([0-9][0-9]*\)$/\1/p' "$unit" | tail -n1)
rt_priority=$(/usr/bin/python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get("ControlLoop", {}).get("RealTimePriority", 0))' "$chroot_root/etc/evse/evse.json" 2>>"$log")
check "evse.service grants real-time scheduling (LimitRTPRIO=${rt_limit:-none}, no RestrictRealtime=yes)" bash -c "[ -n '$rt_limit' ] && ! grep -q '^RestrictRealtime=yes' '$unit'"
check "packaged ControlLoop:RealTimePriority (${rt_priority:-none}) is between 1 and LimitRTPRIO" bash -c "[ '${rt_priority:-0}' -ge 1 ] && [ '${rt_priority:-0}' -le '${rt_limit:-0}' ]"
runtimeconfig="$chroot_root/usr/lib/evse-daemon/evsed.runtimeconfig.json"
check "installed runtimeconfig keeps the GC and JIT settings (workstation, concurrent, no tiering)" /usr/bin/python3 -c 'import json, sys; o = json.load(open(sys.argv[1]))["runtimeOptions"]["configProperties"]; sys.exit(not (o.get("System.GC.Server") is False and o.get("System.GC.Concurrent") is True and o.get("System.Runtime.TieredCompilation") is False))' "$runtimeconfig"
check "evsed sets the 32 MiB gen0 budget (DOTNET_GCgen0size)" grep -q 'DOTNET_GCgen0size:-0x2000000' "$chroot_root/usr/bin/evsed"
in_root systemd-analyze security --offline=true /lib/systemd/system/evse.service >>"$log" 2>&1 || true

# --- the daemon under a sd_notify harness ------------------------------------------------------
say "copy this machine's .NET runtime into the chroot and run the daemon under the notify harness"
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
mkdir -p "$chroot_root/usr/share/dotnet"
cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/shared" "$chroot_root/usr/share/dotnet/"
check "evsed --check-runtime finds the runtime" in_root /usr/bin/evsed --check-runtime
port=$((20000 + $$ % 20000))
# The local edit an installer would make: simulated hardware and a loopback address for this run.
/usr/bin/python3 - "$chroot_root/etc/evse/evse.json" "$port" <<'PY' >>"$log" 2>&1
import json, sys
path, port = sys.argv[1], sys.argv[2]
with open(path) as f:
    config = json.load(f)
config["Urls"] = f"http://127.0.0.1:{port}"
config["Hardware"]["Mode"] = "Simulated"
config["Ocpp"]["ChargePointId"] = "CP-PKG-TEST"
with open(path, "w") as f:
    json.dump(config, f, indent=2)
    f.write("\n")
PY
record $? "edit /etc/evse/evse.json locally"
cp "$chroot_root/etc/evse/evse.json" "$cache/evse.json.edited"
# No RLIMIT_RTPRIO here (as under a unit without LimitRTPRIO): the loops must be refused SCHED_FIFO and run anyway.
harness_out=$(timeout 180 /usr/bin/python3 "$here/notify-harness.py" --watchdog-sec 2 --pings 3 -- \
    prlimit --rtprio=0 -- \
    chroot --userspec=evse:evse "$chroot_root" env HOME=/var/lib/evse \
    Hardware__Mode=Simulated Urls="http://127.0.0.1:$port" \
    sh -c "cd /var/lib/evse && exec /usr/bin/evsed --urls http://127.0.0.1:$port" 2>&1)
harness_rc=$?
echo "$harness_out" >>"$log"
grep '^harness:' <<<"$harness_out" | sed 's/^/  /'
record "$harness_rc" "installed daemon sends READY=1, WATCHDOG=1 every WatchdogSec/2 and STOPPING=1 (sd_notify harness)"
check "SCHED_FIFO refused: the daemon logs one warning and the loops run as ordinary threads" \
    bash -c '[ "$(grep -c "could not get SCHED_FIFO" <<<"$1")" -eq 1 ]' _ "$harness_out"

# Granted: under the unit's LimitRTPRIO (what systemd sets for the service) the evse user gets SCHED_FIFO for the
# loops. Raising a hard limit needs CAP_SYS_RESOURCE, which some containers (this CI's among them) withhold; there the
# other route the daemon supports is used instead: CAP_SYS_NICE as an ambient capability of the evse user.
if prlimit --rtprio="${rt_limit:-0}" -- true 2>/dev/null; then
    rt_how="LimitRTPRIO=${rt_limit:-none}"
    rt_cmd=(prlimit --rtprio="${rt_limit:-0}" -- chroot --userspec=evse:evse "$chroot_root")
else
    rt_how="CAP_SYS_NICE (cannot raise RLIMIT_RTPRIO here)"
    rt_cmd=(chroot "$chroot_root" setpriv --reuid=evse --regid=evse --init-groups --inh-caps=+sys_nice --ambient-caps=+sys_nice)
fi
rt_out=$(timeout 180 /usr/bin/python3 "$here/notify-harness.py" --watchdog-sec 2 --pings 1 -- \
    "${rt_cmd[@]}" env HOME=/var/lib/evse \
    Hardware__Mode=Simulated Urls="http://127.0.0.1:$port" \
    sh -c "cd /var/lib/evse && exec /usr/bin/evsed --urls http://127.0.0.1:$port" 2>&1)
rt_rc=$?
echo "$rt_out" >>"$log"
record "$rt_rc" "installed daemon with real time granted ($rt_how) starts and stops cleanly (sd_notify harness)"
check "real time granted ($rt_how): the control loop runs SCHED_FIFO at priority ${rt_priority:-none}" \
    grep -q "runs SCHED_FIFO at priority ${rt_priority:-none}" <<<"$rt_out"

# --- upgrade ----------------------------------------------------------------------------------
say "upgrade to $version2"
marker="upgrade marker $(date +%s%N)"
echo "$marker" >"$chroot_root/var/lib/evse/pkg-test-marker"
in_root chown evse:evse /var/lib/evse/pkg-test-marker
data_before=$(cd "$chroot_root/var/lib/evse" && find . -printf '%p %m %U %G\n' | sort)
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$pkg2" </dev/null >>"$log" 2>&1
record $? "apt-get install $version2 (upgrade) succeeds non-interactively"
check "version $version2 is installed" bash -c "chroot '$chroot_root' dpkg-query -W -f='\${Status} \${Version}' evse-daemon | grep -qx 'install ok installed $version2'"
check "upgrade keeps the local edit of /etc/evse/evse.json" cmp "$cache/evse.json.edited" "$chroot_root/etc/evse/evse.json"
check "upgrade leaves no .dpkg-new/.dpkg-dist/.dpkg-old beside the conffile" bash -c "! ls '$chroot_root/etc/evse' | grep -q dpkg"
check "upgrade keeps /var/lib/evse (files, modes, owners)" bash -c "[ \"\$(cd '$chroot_root/var/lib/evse' && find . -printf '%p %m %U %G\n' | sort)\" = '$data_before' ]"
check "upgrade keeps the data content" grep -qx "$marker" "$chroot_root/var/lib/evse/pkg-test-marker"
check "upgrade keeps the evse uid" bash -c "[ \"\$(chroot '$chroot_root' id -u evse)\" = '$evse_uid' ]"
check "upgrade keeps evse.service enabled" test -L "$chroot_root/etc/systemd/system/multi-user.target.wants/evse.service"

# --- remove, then purge -----------------------------------------------------------------------
say "remove, then purge"
in_root dpkg --remove evse-daemon >>"$log" 2>&1
record $? "dpkg --remove succeeds"
check "remove deletes the program files" test ! -e "$chroot_root/usr/lib/evse-daemon/evsed.dll"
check "remove keeps /etc/evse/evse.json" test -f "$chroot_root/etc/evse/evse.json"
check "remove keeps /var/lib/evse" test -f "$chroot_root/var/lib/evse/pkg-test-marker"
in_root dpkg --purge evse-daemon >>"$log" 2>&1
record $? "dpkg --purge succeeds"
check "purge removes /etc/evse" test ! -e "$chroot_root/etc/evse"
check "purge removes /var/lib/evse" test ! -e "$chroot_root/var/lib/evse"
check "purge removes the enable link and the removal mask" bash -c "[ ! -L '$chroot_root/etc/systemd/system/multi-user.target.wants/evse.service' ] && [ ! -L '$chroot_root/etc/systemd/system/evse.service' ]"
check "purge removes the evse-update.path enable link and mask" bash -c "[ ! -L '$chroot_root/etc/systemd/system/paths.target.wants/evse-update.path' ] && [ ! -L '$chroot_root/etc/systemd/system/evse-update.path' ]"
check "dpkg forgets the package" bash -c "! chroot '$chroot_root' dpkg-query -W -f='\${Status}' evse-daemon 2>/dev/null | grep -q installed"

summary_and_exit
