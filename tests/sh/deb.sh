#!/bin/sh
# make deb: the package's control data and contents, its Depends against the libraries
# the binary needs, and (as root) an install into a scratch root with dpkg that runs.
set -eu
: "${TOP:?}" "${BUILD:?}"
cd "$TOP"
fail() { echo "deb: $*" >&2; exit 1; }
version=$(sed -n 's/^VERSION := //p' Makefile)
deb=$(sh debian/build-deb.sh "$BUILD" "$version") || fail "debian/build-deb.sh failed"
[ -f "$deb" ] || fail "no package at '$deb'"
case "$deb" in "$BUILD"/*) ;; *) fail "'$deb' is not under $BUILD" ;; esac

info=$(dpkg-deb --info "$deb")
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = benchgate ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', not '$version'"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "wrong Architecture"
printf '%s\n' "$info" | grep -q '^ Description: benchmark regression gate' || fail "no Description"

# Every shared library the binary needs comes from a package named in Depends.
depends=$(field Depends)
# libgit2 is loaded on first use (dlopen), not NEEDED: it must be named too.
gitso=$(sed -n 's/^#define LIBGIT2_SOVERSION[ \t]*"\(.*\)"/libgit2.so.\1/p' /usr/include/git2/version.h)
for lib in $(objdump -p "$BUILD/benchgate" | awk '$1 == "NEEDED" { print $2 }') $gitso; do
	path=$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')
	[ -n "$path" ] || fail "cannot find '$lib'"
	pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n 1 | cut -d: -f1)
	[ -n "$pkg" ] || pkg=$(dpkg -S "$path" | head -n 1 | cut -d: -f1)
	printf '%s\n' "$depends" | tr ',' '\n' | grep -q "^ *$pkg\( \|$\)" ||
		fail "'$lib' is in '$pkg', which Depends ('$depends') does not name"
done

contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/benchgate ./usr/share/man/man1/benchgate.1.gz; do
	printf '%s\n' "$contents" | awk '{ print $NF }' | grep -qx "$f" || fail "'$f' not in the package"
done
printf '%s\n' "$contents" | grep -q '^-rwxr-xr-x root/root .* \./usr/bin/benchgate$' ||
	fail "the binary is not 0755 root/root"
if printf '%s\n' "$contents" | awk '{ print $NF }' | grep -v '^\./usr/' | grep -qv '^\./$'; then
	fail "files outside /usr"
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "package checked; not root: dpkg -i into a scratch root skipped"
	exit 0
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
# The scratch root's dpkg database knows no libc6 etc.: the host provides them.
dpkg --root="$root" --log=/dev/null --force-depends --force-not-root -i "$deb" >/dev/null 2>"$root/dpkg.err" ||
	{ cat "$root/dpkg.err" >&2; fail "dpkg -i failed"; }
[ -x "$root/usr/bin/benchgate" ] || fail "no usr/bin/benchgate after dpkg -i"
out=$("$root/usr/bin/benchgate" --version) || fail "the installed benchgate --version failed"
[ "$out" = "benchgate $version" ] || fail "installed benchgate --version says '$out'"
zcat "$root/usr/share/man/man1/benchgate.1.gz" | grep -q '^\.TH BENCHGATE 1' || fail "man page"
dpkg --root="$root" -s benchgate | grep -q '^Status: install ok installed' || fail "not registered"
echo "$(basename "$deb") installs into a scratch root and runs: $out"
