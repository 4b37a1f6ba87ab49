#!/bin/sh
# make fuzz: build the libFuzzer targets tests/fuzz/fuzz_*.c with clang
# (ASan + UBSan, coverage) and run each for FUZZ_SECONDS (default 60), one
# after another, then print a summary. Exits 1 when any target crashed,
# leaked, timed out or ran out of memory.
#
#   FUZZ_SECONDS=180 make fuzz             every target, 180 s each
#   FUZZ_TARGETS="csv xlsx" make fuzz       only these (names without fuzz_)
#   scripts/fuzz.sh merge                   after a run: add what the run
#                                           found and the committed corpus
#                                           lacks (new coverage only) to
#                                           tests/fuzz/corpus/<target>/
#
# Seeds are tests/fuzz/corpus/<target>/ (committed) and the inputs that
# once crashed it, tests/fuzz/regress/<target>/; what a run finds goes
# to build/fuzz/<target>.corpus/, its log to build/fuzz/<target>.log and
# a crashing input to build/fuzz/<target>-crash-<sha1> (leak-, timeout-,
# oom-). A crash is fixed in the parser and its input kept in
# tests/fuzz/regress/<target>/; make test replays both folders
# (tests/fuzz/replay.c, build/asan/tests/test_fuzz_<target>).
set -e
cd "$(dirname "$0")/.."

# clang, and libFuzzer's runtime (libclang-rt-14-dev on Debian 12, only
# recommended by clang, so absent after --no-install-recommends).
can_fuzz() {
	command -v clang >/dev/null 2>&1 || return 1
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' |
		clang -x c -fsanitize=fuzzer -o build/fuzz/.probe - >/dev/null 2>&1
}
mkdir -p build/fuzz
if ! can_fuzz; then
	echo "installing clang and libFuzzer (libclang-rt-dev)"
	apt-get install -y -qq clang libclang-rt-dev >/dev/null ||
		{ apt-get update -qq && apt-get install -y -qq clang libclang-rt-dev >/dev/null; }
	can_fuzz || { echo "fuzz: clang cannot build a libFuzzer target" >&2; exit 1; }
fi

out=build/fuzz
obj=$out/obj
secs=${FUZZ_SECONDS:-60}
pkgs="libmicrohttpd sqlite3 jansson libsodium xlsxwriter libzip expat"
cflags="-std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lpthread -lm"

targets=""
for t in ${FUZZ_TARGETS:-$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')}; do
	[ -f "tests/fuzz/fuzz_$t.c" ] || { echo "fuzz: no target tests/fuzz/fuzz_$t.c" >&2; exit 1; }
	targets="$targets $t"
done

# The library, instrumented for coverage once for all targets. An object is
# rebuilt when its source is newer, all of them when a header is.
lib_src=$(ls src/*/*.c src/*/*/*.c)
mkdir -p "$obj"
if [ ! -f "$obj/.stamp" ] || [ -n "$(find src -newer "$obj/.stamp" \( -name '*.h' -o -name '*.def' \) | head -1)" ]; then
	stale=$lib_src
else
	stale=$(for s in $lib_src; do o=$obj/$(echo "$s" | sed 's|^src/||; s|/|_|g; s|\.c$|.o|'); [ "$o" -nt "$s" ] || echo "$s"; done)
fi
if [ -n "$stale" ]; then
	echo "fuzz: compiling $(echo "$stale" | wc -w) sources"
	echo "$stale" | tr ' ' '\n' | xargs -P 2 -I{} sh -c \
		'o='"$obj"'/$(echo "{}" | sed "s|^src/||; s|/|_|g; s|\.c\$|.o|"); clang '"$cflags"' -fsanitize=fuzzer-no-link -c -o "$o" "{}"'
fi
touch "$obj/.stamp"
objs=$(for s in $lib_src; do echo "$obj/$(echo "$s" | sed 's|^src/||; s|/|_|g; s|\.c$|.o|')"; done)

bytes() {
	find "$@" -type f -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }'
}

build() {
	name=fuzz_$1
	# a target that includes harness_http.h compiles src/http/server.c itself
	o=$objs
	grep -q 'harness_http\.h' "tests/fuzz/$name.c" && o=$(echo "$objs" | grep -v '/http_server\.o$')
	clang $cflags -fsanitize=fuzzer -Isrc -o "$out/$name" "tests/fuzz/$name.c" $o $libs
}

if [ "${1:-}" = merge ]; then
	for t in $targets; do
		name=fuzz_$t
		build "$t"
		mkdir -p "tests/fuzz/corpus/$name" "$out/$name.corpus"
		before=$(ls "tests/fuzz/corpus/$name" | wc -l)
		# new edges only (not hit counts), so the committed corpus stays small
		"$out/$name" -merge=1 -use_counters=0 "tests/fuzz/corpus/$name" "$out/$name.corpus" \
			>"$out/$name.merge.log" 2>&1
		echo "$name: $before -> $(ls "tests/fuzz/corpus/$name" | wc -l) files, $(bytes "tests/fuzz/corpus/$name") bytes"
	done
	exit 0
fi

summary=""
failed=0
for t in $targets; do
	name=fuzz_$t
	echo "== $name (${secs}s)"
	build "$t"
	corpus=tests/fuzz/corpus/$name
	found=$out/$name.corpus
	mkdir -p "$corpus" "$found"
	before=$(ls "$out" | grep -c "^$name-\(crash\|leak\|timeout\|oom\)-" || true)
	regress=""
	[ -d "tests/fuzz/regress/$name" ] && regress="tests/fuzz/regress/$name"
	dict=""
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	rc=0
	# -rss_limit_mb: the readers' own limit (GRID_MAX_CELLS, 40M cells, a
	# 1M-row ledger) takes about 2.2 GB under ASan; past that is a finding.
	"$out/$name" -max_total_time="$secs" -timeout=25 -rss_limit_mb=4096 -print_final_stats=1 $dict \
		-artifact_prefix="$out/$name-" "$found" "$corpus" $regress >"$out/$name.log" 2>&1 || rc=$?
	after=$(ls "$out" | grep -c "^$name-\(crash\|leak\|timeout\|oom\)-" || true)
	crashes=$((after - before))
	if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
		crashes=1 # died without leaving an input (the log says why)
	fi
	if [ "$crashes" -gt 0 ]; then
		failed=1
		grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$out/$name.log" | head -20
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.log" | tail -1)
	files=$(($(ls "$corpus" | wc -l) + $(ls "$found" | wc -l)))
	summary="$summary$(printf '%-22s %7s %12s %8s %10s %7s' "$name" "$secs" "${execs:-?}" "$files" "$(bytes "$corpus" "$found")" "$crashes")
"
done

echo
printf '%-22s %7s %12s %8s %10s %7s\n' target seconds executions files bytes crashes
printf '%s' "$summary"
echo "(files, bytes: the corpus after the run, tests/fuzz/corpus/<target> + $out/<target>.corpus)"
if [ "$failed" -ne 0 ]; then
	echo "fuzz: crashes found; inputs and logs in $out/"
	exit 1
fi
echo "fuzzing finished without a crash"
