#!/bin/sh
# Install the Debian packages qingdan needs to build and test, when missing.
# Safe to run again: it installs nothing that is already there.
set -e
need=""
for p in build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libjansson-dev \
         libsodium-dev libxlsxwriter-dev libzip-dev libexpat1-dev sqlite3 tzdata curl jq libxml2-utils ca-certificates chromium fonts-noto-cjk; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need="$need $p"
done
# The browser tests run playwright-core (tests/browser, from npm) on node.
# Debian's nodejs and npm only when there is no npm at all: Debian's npm
# cannot be installed over a node from another source (nodesource).
command -v npm >/dev/null 2>&1 || need="$need nodejs npm"
if [ -n "$need" ]; then
	echo "installing:$need"
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >/dev/null
fi
# The tests also need a real spreadsheet engine: LibreOffice converts the
# exported xlsx to CSV (tests/http/test_ledger_libreoffice.sh). Without its
# recommended packages it is a fraction of the size.
if [ "$1" = "test" ] && ! dpkg-query -W -f='${Status}' libreoffice-calc-nogui 2>/dev/null | grep -q "ok installed"; then
	echo "installing: libreoffice-calc-nogui"
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
		libreoffice-calc-nogui >/dev/null
fi
