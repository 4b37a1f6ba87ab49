#!/bin/sh
# make fuzz: build the libFuzzer targets under tests/fuzz with ASan+UBSan and
# run each for a bounded time (FUZZ_SECONDS, default 60). Crashes land in
# build/fuzz/ and fail the run.
set -e
cd "$(dirname "$0")/.."
command -v clang >/dev/null || { echo "installing clang"; apt-get install -y -qq clang >/dev/null; }
secs=${FUZZ_SECONDS:-60}
out=build/fuzz
mkdir -p "$out"
lib=$(ls src/*/*.c src/*/*/*.c | grep -v '^src/main.c$')
flags=$(pkg-config --cflags --libs libmicrohttpd sqlite3 jansson libsodium xlsxwriter libzip expat)
for t in tests/fuzz/fuzz_*.c; do
	name=$(basename "$t" .c)
	echo "== $name (${secs}s)"
	clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
		-o "$out/$name" "$t" $lib $flags -lpthread
	mkdir -p "$out/$name.corpus"
	"$out/$name" -max_total_time="$secs" -max_len=4096 -artifact_prefix="$out/$name-" \
		"$out/$name.corpus" tests/fuzz/corpus
done
echo "fuzzing finished without a crash"
