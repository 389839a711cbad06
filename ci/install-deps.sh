#!/bin/sh
# Install the Debian packages benchgate builds and tests with, skipping what is present.
set -e
# expat (libexpat1-dev) parses Catch2 XML reports (src/input/catch2.c).
pkgs="gcc make pkg-config libgsl-dev libjansson-dev libgit2-dev libexpat1-dev libcmocka-dev git"
# The report tests: xmllint checks JUnit XML against its schema; headless Chromium
# renders the HTML report for tests/html/render.py (python3).
pkgs="$pkgs libxml2-utils python3 chromium"
# make deb and its test: dpkg-shlibdeps (dpkg-dev), strip (binutils).
pkgs="$pkgs dpkg-dev binutils"
# tests/sh/gate-action.sh reads action.yml with PyYAML.
pkgs="$pkgs python3-yaml"
[ -n "$BG_EXTRA_PKGS" ] && pkgs="$pkgs $BG_EXTRA_PKGS"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing </dev/null
