#!/bin/sh
# Build the Debian package of benchgate from an already built binary (`make deb`):
# debian/build-deb.sh BUILD VERSION writes BUILD/benchgate_VERSION_ARCH.deb and prints
# its path. The package holds the binary (stripped), the man page and the README; its
# Depends are the packages of the shared libraries the binary needs, as dpkg-shlibdeps
# finds them (libc6, libgsl27, libjansson4, libexpat1 on Debian 12), and libgit2-1.5, which the
# binary loads when a command first uses git.
# Needs dpkg-dev (dpkg-shlibdeps) and binutils (strip); no debhelper, no root.
set -eu
build=${1:?usage: debian/build-deb.sh BUILD VERSION}
version=${2:?usage: debian/build-deb.sh BUILD VERSION}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
[ -x "$build/benchgate" ] || { echo "debian/build-deb.sh: no '$build/benchgate': run make first" >&2; exit 1; }
command -v dpkg-shlibdeps >/dev/null || { echo "debian/build-deb.sh: dpkg-shlibdeps not found: apt-get install dpkg-dev" >&2; exit 1; }

arch=$(dpkg --print-architecture)
stage="$build/deb/benchgate"
deb="$build/benchgate_${version}_${arch}.deb"
rm -rf "$stage" "$deb"
install -d "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/share/man/man1" \
	"$stage/usr/share/doc/benchgate"
install -m 755 "$build/benchgate" "$stage/usr/bin/benchgate"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/benchgate"
gzip -9n <docs/benchgate.1 >"$stage/usr/share/man/man1/benchgate.1.gz"
install -m 644 README.md "$stage/usr/share/doc/benchgate/README.md"
chmod 644 "$stage/usr/share/man/man1/benchgate.1.gz"

# The shared libraries' packages, from their shlibs and symbols files (the minimum
# versions that have every symbol the binary uses).
depends=$(dpkg-shlibdeps -O -e"$stage/usr/bin/benchgate" 2>"$build/deb/shlibdeps.err" |
	sed -n 's/^shlibs:Depends=//p')
grep -v 'should already be installed in their package' "$build/deb/shlibdeps.err" >&2 || true
[ -n "$depends" ] || { echo "debian/build-deb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# libgit2 is loaded with dlopen when a command first uses it (src/store/gitload.c), so
# dpkg-shlibdeps does not see it: its package is found from the library file.
gitso=$(sed -n 's/^#define LIBGIT2_SOVERSION[ \t]*"\(.*\)"/libgit2.so.\1/p' /usr/include/git2/version.h)
gitpath=$(ldconfig -p | awk -v l="$gitso" '$1 == l { print $NF; exit }')
gitpkg=$(dpkg -S "$(readlink -f "${gitpath:-/nonexistent}")" 2>/dev/null | head -n 1 | cut -d: -f1)
[ -n "$gitpkg" ] || { echo "debian/build-deb.sh: no package holds '$gitso'" >&2; exit 1; }
depends="$depends, $gitpkg"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)

# DEBIAN/control: the binary stanza of debian/control with the computed fields.
awk -v version="$version" -v arch="$arch" -v depends="$depends" -v size="$size" '
	/^Package:/ { bin = 1 }
	!bin { if ($1 == "Maintainer:" || $1 == "Homepage:" || $1 == "Section:" || $1 == "Priority:") src = src $0 "\n"; next }
	$1 == "Package:" { print; print "Version: " version; print "Architecture: " arch;
		printf "%s", src; print "Installed-Size: " size; next }
	$1 == "Architecture:" { next }
	$1 == "Depends:" { print "Depends: " depends; next }
	{ print }' debian/control >"$stage/DEBIAN/control"

# root:root whoever builds it; mtimes of the last commit (or SOURCE_DATE_EPOCH) make the
# same tree give the same package.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
find "$stage" -exec touch -h -d "@$epoch" {} +
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "$deb"
