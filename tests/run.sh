#!/bin/sh
# tests/run.sh BUILD_DIR - run every test program and add up the TAP results.
#
#   BUILD_DIR/tests/test_*      unit tests (built by make, with sanitizers)
#   tests/http/test_*.sh        HTTP tests, if executable; they get
#                               QINGDAN=BUILD_DIR/qingdan in the environment
#   tests/browser/run.sh        browser tests (headless Chromium driven by
#                               playwright-core) of BUILD_DIR/qingdan; a
#                               missing Chromium is a failure, not a skip
#
# Each program runs under `timeout 300` (the browser tests 240); its output goes to
# BUILD_DIR/test-logs/NAME.log and is echoed. "ok N" and "not ok N" lines are
# counted over all programs. A program that exits non-zero, crashes or times
# out without printing a "not ok" line counts as one more failure, and so
# does one whose plan ("1..N") disagrees with the tests it ran. The last line
# is always "N passed, N failed"; the exit status is 1 when anything failed
# or nothing ran.
set -u

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
	echo "usage: tests/run.sh BUILD_DIR" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$1" && pwd)
LOGS=$BUILD/test-logs
mkdir -p "$LOGS"

passed=0
failed=0
limit=300
ran=0
summary=""

now() {
	date +%s.%N 2>/dev/null || date +%s
}

# run_one NAME COMMAND...
run_one() {
	name=$1
	shift
	log=$LOGS/$name.log
	echo "=== $name"
	t0=$(now)
	timeout "$limit" "$@" </dev/null >"$log" 2>&1
	rc=$?
	t1=$(now)
	cat "$log"
	ran=$((ran + 1))

	# Count TAP lines; also check the plan when there is one.
	set -- $(awk '
		/^ok [0-9]/     { p++ }
		/^not ok [0-9]/ { f++ }
		/^1\.\.[0-9]+/  { plan = substr($1, 4) + 0; has_plan = 1 }
		END { printf "%d %d %d %d\n", p, f, has_plan, plan }' "$log")
	p=$1 f=$2 has_plan=$3 plan=$4
	extra=0
	why=""
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		extra=1
		if [ "$rc" -eq 124 ]; then
			why="timed out after $limit s"
		elif [ "$rc" -gt 128 ]; then
			why="killed by signal $((rc - 128))"
		else
			why="exited with status $rc without a failing test"
		fi
	elif [ "$has_plan" -eq 1 ] && [ "$plan" -ne $((p + f)) ]; then
		extra=1
		why="planned $plan tests, ran $((p + f))"
	elif [ "$rc" -eq 0 ] && [ $((p + f)) -eq 0 ]; then
		extra=1
		why="ran no tests"
	fi
	f=$((f + extra))
	passed=$((passed + p))
	failed=$((failed + f))
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	line=$(printf '%-28s %5d passed, %3d failed  (exit %d, %ss)' "$name" "$p" "$f" "$rc" "$secs")
	[ -n "$why" ] && line="$line  FAILED: $why"
	echo "--- $line"
	summary="$summary$line
"
}

for t in "$BUILD"/tests/test_*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	run_one "$(basename "$t")" "$t"
done

QINGDAN=$BUILD/qingdan
export QINGDAN
for t in "$ROOT"/tests/http/test_*.sh; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	run_one "http-$(basename "$t" .sh)" "$t"
done

limit=240
run_one browser "$ROOT/tests/browser/run.sh" "$QINGDAN"
limit=300

echo
echo "=== summary (logs in $LOGS)"
printf '%s' "$summary"
if [ "$ran" -eq 0 ]; then
	echo "no test programs found under $BUILD/tests or tests/http"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$ran" -gt 0 ]
