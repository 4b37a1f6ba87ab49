#!/bin/sh
# tests/browser/run.sh QINGDAN_BINARY - the browser tests.
#
# Builds the demo county in a temporary directory (with a fixed "today", so
# that pages and screenshots are the same on every run), serves it on a free
# loopback port and runs test_web.mjs, test_public.mjs, test_board.mjs,
# test_ledger.mjs, then test_report.mjs against it in headless Debian Chromium driven by
# playwright-core (installed
# here from package-lock.json with `npm ci`; it downloads no browser). The node
# programs print TAP, joined here into one numbered stream; this
# script stops the server on exit and fails if the server does not stop
# cleanly (under ASan that includes leaks).
#
# Environment: CHROMIUM (default /usr/bin/chromium), QINGDAN_TODAY (default
# 2026-11-22), SCREENSHOTS (default docs/screenshots; empty: none),
# KEEP_TMP=1 keeps the temporary directory.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

bail() {
	echo "not ok 1 - $1"
	shift
	for line in "$@"; do echo "#   $line"; done
	echo "1..1"
	echo "Bail out! $*"
	exit 1
}

[ $# -eq 1 ] || bail "usage: tests/browser/run.sh QINGDAN_BINARY"
QINGDAN=$1
case $QINGDAN in
/*) ;;
*) QINGDAN=$(cd "$(dirname "$QINGDAN")" && pwd)/$(basename "$QINGDAN") ;;
esac
[ -x "$QINGDAN" ] || bail "binary $QINGDAN exists and is executable"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM
[ -x "$CHROMIUM" ] || bail "Chromium is installed at $CHROMIUM" \
	"the browser tests need Debian's chromium package: run scripts/deps.sh (make deps)"
command -v node >/dev/null && command -v npm >/dev/null ||
	bail "node and npm are installed" "run scripts/deps.sh (make deps)"

export QINGDAN_TODAY=${QINGDAN_TODAY:-2026-11-22}
unset QINGDAN_DB QINGDAN_PASSWORD QINGDAN_LANG
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
SCREENSHOTS=${SCREENSHOTS-$ROOT/docs/screenshots}
export SCREENSHOTS

TMP=$(mktemp -d "${TMPDIR:-/tmp}/qingdan-browser.XXXXXX") || bail "mktemp"

SERVER_PID=
stop_server() {
	[ -n "$SERVER_PID" ] || return 0
	kill -TERM "$SERVER_PID" 2>/dev/null
	i=0
	while kill -0 "$SERVER_PID" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$SERVER_PID" 2>/dev/null; then
		kill -KILL "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
		SERVER_PID=
		return 124
	fi
	wait "$SERVER_PID"
	rc=$?
	SERVER_PID=
	return $rc
}
cleanup() {
	stop_server
	if [ -n "${KEEP_TMP:-}" ]; then
		echo "# kept $TMP" >&2
	else
		rm -rf "$TMP"
	fi
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# playwright-core, exactly as locked; installed again only when the lock
# file changed. Quiet unless it fails. Two runs at once wait for each other.
install_playwright() {
	if [ -f "$HERE/node_modules/playwright-core/package.json" ] &&
		cmp -s "$HERE/package-lock.json" "$HERE/node_modules/.package-lock.json.installed"; then
		return 0
	fi
	(cd "$HERE" && timeout 120 npm ci --no-audit --no-fund --loglevel=error) >"$TMP/npm.log" 2>&1 &&
		cp "$HERE/package-lock.json" "$HERE/node_modules/.package-lock.json.installed"
}
if command -v flock >/dev/null; then
	(
		flock -w 150 9 || exit 1
		install_playwright
	) 9>"${TMPDIR:-/tmp}/qingdan-browser-npm.lock"
else
	install_playwright
fi || bail "npm ci installs playwright-core in tests/browser" "$(tail -20 "$TMP/npm.log" 2>/dev/null)"

t0=$(date +%s)
if ! timeout 90 "$QINGDAN" demo --db "$TMP/demo.db" >"$TMP/demo.log" 2>&1; then
	bail "qingdan demo builds the demo county" "$(tail -20 "$TMP/demo.log")"
fi
echo "# demo county built in $(($(date +%s) - t0)) s (today $QINGDAN_TODAY)"

"$QINGDAN" serve --db "$TMP/demo.db" --address 127.0.0.1 --port 0 \
	--port-file "$TMP/port" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
i=0
while [ ! -s "$TMP/port" ] && [ $i -lt 100 ]; do
	kill -0 "$SERVER_PID" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
[ -s "$TMP/port" ] || bail "the server starts within 10 s" "$(tail -20 "$TMP/server.log")"
PORT=$(cat "$TMP/port")
BASE=http://127.0.0.1:$PORT
echo "# serving $BASE"

# The programs run one after the other against the same server; their TAP
# is joined into one stream, numbered on, with one plan at the end.
TAP=$TMP/tap
node_rc=0
count=0
for prog in test_web.mjs test_public.mjs test_board.mjs test_ledger.mjs test_report.mjs; do
	timeout 150 node "$HERE/$prog" "$BASE" >"$TMP/$prog.tap"
	rc=$?
	[ $rc -ne 0 ] && node_rc=$rc
	# the TAP tells whether the program finished
	if ! grep -q '^1\.\.[0-9]' "$TMP/$prog.tap"; then
		echo "not ok 999 - $prog finished (no plan printed; timed out or crashed)" >>"$TMP/$prog.tap"
		node_rc=1
	fi
	awk -v n="$count" '
		/^ok [0-9]+/     { n++; sub(/^ok [0-9]+/, "ok " n); print; next }
		/^not ok [0-9]+/ { n++; sub(/^not ok [0-9]+/, "not ok " n); print; next }
		/^1\.\.[0-9]+/   { next }
		{ print }
		END { print n > "/dev/stderr" }' "$TMP/$prog.tap" 2>"$TMP/count" | tee -a "$TAP"
	count=$(cat "$TMP/count")
done
echo "1..$count" | tee -a "$TAP"

if ! stop_server; then
	echo "# server log:"
	tail -40 "$TMP/server.log" | sed 's/^/#   /'
	echo "# the server did not stop cleanly on SIGTERM (see above)"
	exit 1
fi
grep -q '^not ok' "$TAP" && exit 1
exit $node_rc
