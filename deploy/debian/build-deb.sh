#!/bin/bash
# Builds evse-daemon_<version>_all.deb from a framework-dependent publish of src/Evse.Host.
#
#   deploy/debian/build-deb.sh [--version V] [--output DIR] [--publish-dir DIR]
#
#   --version V        package version; default: the top entry of deploy/debian/changelog. A different
#                      version gets a generated changelog entry (used by the upgrade test).
#   --output DIR       where the .deb goes; default: <repo>/artifacts/deb
#   --publish-dir DIR  reuse an existing `dotnet publish` output instead of publishing again
#
# Needs: dotnet SDK 10, dpkg-deb, gzip. Runs as any user (dpkg-deb --root-owner-group, no fakeroot).
# Prints the path of the .deb as its last line.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
version=""
output="$repo/artifacts/deb"
publish_dir=""

while [ $# -gt 0 ]; do
    case "$1" in
        --version) version=$2; shift 2 ;;
        --output) output=$2; shift 2 ;;
        --publish-dir) publish_dir=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "build-deb: unknown argument '$1'" >&2; exit 2 ;;
    esac
done

die() { echo "build-deb: ERROR: $*" >&2; exit 1; }
for tool in dotnet dpkg-deb gzip; do
    command -v "$tool" >/dev/null || die "'$tool' is not installed"
done

changelog_version=$(sed -n '1s/^evse-daemon (\([^)]*\)).*/\1/p' "$here/changelog")
[ -n "$changelog_version" ] || die "cannot read the version from $here/changelog"
version=${version:-$changelog_version}
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || die "'$version' is not a valid native Debian version"

# Reproducible timestamps: everything is dated by the changelog entry, not by the build machine.
changelog_date=$(sed -n 's/^ -- .*>  \(.*\)$/\1/p' "$here/changelog" | head -n1)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date -d "$changelog_date" +%s)}

work=$(mktemp -d "${TMPDIR:-/tmp}/evse-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -z "$publish_dir" ]; then
    publish_dir="$work/publish"
    echo "build-deb: dotnet publish src/Evse.Host (Release, framework-dependent, portable)" >&2
    dotnet publish "$repo/src/Evse.Host/Evse.Host.csproj" -c Release -o "$publish_dir" --nologo \
        -p:UseAppHost=false -p:IsTransformWebConfigDisabled=true -p:GenerateDocumentationFile=false >&2
fi
[ -f "$publish_dir/evsed.dll" ] || die "$publish_dir/evsed.dll is missing: is the Host's AssemblyName still 'evsed'?"
[ -f "$publish_dir/evsed.runtimeconfig.json" ] || die "$publish_dir is not a framework-dependent publish (no evsed.runtimeconfig.json)"
# The control loop's runtime settings (docs/charging-domain.md, GC settings and Session 5): workstation GC, concurrent, no tiered JIT.
for gc_setting in '"System.GC.Server": false' '"System.GC.Concurrent": true' '"System.Runtime.TieredCompilation": false'; do
    grep -qF "$gc_setting" "$publish_dir/evsed.runtimeconfig.json" || die "evsed.runtimeconfig.json lacks $gc_setting"
done

root="$work/root"
app="$root/usr/lib/evse-daemon"
doc="$root/usr/share/doc/evse-daemon"
mkdir -p "$app" "$root/usr/bin" "$root/lib/systemd/system" "$root/lib/udev/rules.d" "$root/etc/evse" \
    "$doc" "$root/usr/share/man/man8" "$root/usr/share/lintian/overrides" "$root/DEBIAN"

cp -a "$publish_dir/." "$app/"
# Keep only the native SQLite builds for the boards we support (arm64 chargers, x64 test benches);
# drop Windows, macOS, musl, browser and exotic-architecture assets that could never load here.
if [ -d "$app/runtimes" ]; then
    find "$app/runtimes" -mindepth 1 -maxdepth 1 -type d ! -name linux-x64 ! -name linux-arm64 -exec rm -rf {} +
fi
rm -f "$app/web.config"

install -m 0755 "$here/evsed" "$root/usr/bin/evsed"
install -m 0644 "$repo/deploy/systemd/evse.service" "$root/lib/systemd/system/evse.service"
install -m 0644 "$repo/deploy/systemd/evse-update.path" "$root/lib/systemd/system/evse-update.path"
install -m 0644 "$repo/deploy/systemd/evse-update.service" "$root/lib/systemd/system/evse-update.service"
install -D -m 0755 "$here/evse-update" "$root/usr/libexec/evse-daemon/evse-update"
install -m 0644 "$here/60-evse-daemon.rules" "$root/lib/udev/rules.d/60-evse-daemon.rules"
install -m 0644 "$here/evse.json" "$root/etc/evse/evse.json"
install -m 0644 "$here/copyright" "$doc/copyright"
install -m 0644 "$repo/deploy/README.md" "$doc/README.md"
install -m 0644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/evse-daemon"
gzip -9nc "$here/evsed.8" > "$root/usr/share/man/man8/evsed.8.gz"

changelog="$work/changelog"
if [ "$version" != "$changelog_version" ]; then
    {
        echo "evse-daemon ($version) bookworm; urgency=medium"
        echo
        echo "  * Local build of $changelog_version as $version."
        echo
        echo " -- EvseDaemon maintainers <evse-daemon@example.com>  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
        echo
        cat "$here/changelog"
    } > "$changelog"
else
    cp "$here/changelog" "$changelog"
fi
gzip -9nc "$changelog" > "$doc/changelog.gz"

# Owners come from --root-owner-group (root:root); modes are normalised so the umask of the build
# machine does not leak into the package.
find "$root" -path "$root/DEBIAN" -prune -o -type d -exec chmod 0755 {} +
find "$root" -path "$root/DEBIAN" -prune -o -type f ! -path "$root/usr/bin/evsed" ! -path "$root/usr/libexec/evse-daemon/evse-update" -exec chmod 0644 {} +

install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$root/DEBIAN/"
install -m 0644 "$here/conffiles" "$root/DEBIAN/conffiles"
installed_kib=$(du -sk --apparent-size --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$installed_kib/" "$here/control.in" > "$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

mkdir -p "$output"
deb="$output/evse-daemon_${version}_all.deb"
# --no-uniform-compression: control.tar.gz (data stays xz), so the daemon can read the control file of a
# downloaded update with the BCL before installing it (docs/firmware-update.md).
dpkg-deb --root-owner-group --no-uniform-compression -Zxz --build "$root" "$deb" >&2
echo "$deb"
