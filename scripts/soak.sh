#!/usr/bin/env bash
# make soak: a long mixed read/write load at about 70% of capacity, then a
# shorter one against the AddressSanitizer build for leaks. Loopback only;
# every load run is bounded by wrk's -d.
#
#   SOAK_ITEMS         items of the generated province (default 100000)
#   SOAK_SECONDS       length of the soak (default 600)
#   SOAK_ASAN_SECONDS  length of the run of build/asan/qingdan (default 120)
#   SOAK_SHARE         share of the measured capacity to run at (default 0.7)
#   SOAK_PAUSE_MS      each connection's pause before a request (default 20);
#                      the connections are as many as that rate needs
#
# The load (scripts/soak/mixed.lua): four reads in five - dashboards, lists,
# item pages and API reads by a province leader - and one write in five,
# new items and new measures in turn by a township handler. Capacity is the
# rate of the same mix with no pause (20 s). During the soak the server's
# RSS is read every 5 s. It passes with zero failed requests (non-2xx/3xx
# or socket errors), RSS of the last quarter within 5% (or 4 MB) of the
# second quarter, a clean exit on SIGTERM, and `qingdan check` on the
# database afterwards; the ASan run passes with no sanitizer or leak report.
# Two `qingdan backup`s are taken under the load; each holds every item the
# database had when it began, and restores into a database that passes
# `qingdan check`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
need=""
for p in wrk jq sqlite3 curl; do command -v "$p" >/dev/null || need="$need $p"; done
if [ -n "$need" ]; then
	echo "installing:$need" >&2
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get install -y -qq $need >/dev/null
fi
items=${SOAK_ITEMS:-100000}
secs=${SOAK_SECONDS:-600}
asan_secs=${SOAK_ASAN_SECONDS:-120}
share=${SOAK_SHARE:-0.7}
pause=${SOAK_PAUSE_MS:-20}
conns=16
threads=$(nproc)
tmp=$(mktemp -d /tmp/qingdan-soak.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
failed=0
passed=0
check() { # LABEL COMMAND...: print ok/FAILED
	if "${@:2}"; then
		echo "ok      $1"; passed=$((passed + 1))
	else
		echo "FAILED  $1"; failed=$((failed + 1))
	fi
}

serve() { # BINARY DB LOG
	rm -f "$tmp/port"
	ASAN_OPTIONS=detect_leaks=1 "$1" serve --db "$2" --port 0 --port-file "$tmp/port" \
		--threads "$threads" >"$3" 2>&1 &
	pid=$!
	for _ in $(seq 600); do [ -s "$tmp/port" ] && break; sleep 0.1; done
	[ -s "$tmp/port" ] || { echo "server did not start:" >&2; cat "$3" >&2; exit 1; }
	base="http://127.0.0.1:$(cat "$tmp/port")"
	for _ in $(seq 100); do curl -sf -o /dev/null "$base/api/v1" && break; sleep 0.1; done
}
stop() { # -> rc of the server after SIGTERM (bounded: 30 s, then SIGKILL)
	kill -TERM "$pid"
	for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -KILL "$pid" 2>/dev/null || true
	local rc=0
	wait "$pid" || rc=$?
	pid=""
	return $rc
}
token() { # LOGIN
	curl -sf "$base/api/v1/login" -H 'Content-Type: application/json' \
		-d "{\"login\":\"$1\",\"password\":\"qingdan-demo\"}" | jq -r .token
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
# load SECONDS DELAY_MS CONNS OUT: the mix for SECONDS; wrk's report in OUT.
load() {
	QD_DELAY_MS=$2 wrk -t"$threads" -c"$3" -d"$1"s --timeout 10s --latency \
		-s scripts/soak/mixed.lua "$base" >"$4"
}
rate_of() { awk '/^Requests\/sec:/ { printf "%d", $2 }' "$1"; }
requests_of() { awk '/requests in/ { print $1 }' "$1"; }
errors_of() { # non-2xx/3xx replies plus socket errors
	awk '/Non-2xx or 3xx responses:/ { n += $NF }
	     /Socket errors:/ { gsub(/[^0-9 ]/, " "); for (i = 1; i <= NF; i++) n += $i }
	     END { print n + 0 }' "$1"
}
p99_of() { awk '$1 == "99%" { print $2 }' "$1"; }

echo "== make soak: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m)"
db=$tmp/soak.db
t0=$(date +%s)
"$root/qingdan" gen --db "$db" --items "$items" --quiet >/dev/null
echo "generated $items items in $(($(date +%s) - t0)) s"
wtown=$(sqlite3 "$db" "SELECT unit_id FROM grants g JOIN account a ON a.id=g.account_id WHERE a.login='township.handler'")
wpath=$(sqlite3 "$db" "SELECT path FROM unit WHERE id=$wtown")
village=$(sqlite3 "$db" "SELECT id FROM unit WHERE parent_id=$wtown ORDER BY id LIMIT 1")
prov=$(sqlite3 "$db" "SELECT id FROM unit WHERE kind='province' ORDER BY id LIMIT 1")
county=$(sqlite3 "$db" "SELECT id FROM unit WHERE kind='county' ORDER BY id LIMIT 1")
# items the handler may add measures to: open ones of its township
sqlite3 "$db" "SELECT id FROM item WHERE upath >= '$wpath' AND upath < '${wpath%/}0'
	AND status IN ('open','in_progress') ORDER BY id LIMIT 200" >"$tmp/items.txt"
[ -s "$tmp/items.txt" ] || { echo "no open items in the handler's township" >&2; exit 1; }
{
	for p in "/?unit=$prov" "/?unit=$county" "/items?unit=$county&status=in_progress&sort=due" \
		"/api/v1/items?unit=$county&limit=20" "/api/v1/stats?unit=$county" "/rates?unit=$county" \
		"/board" "/opinions?unit=$county" "/measures?unit=$wtown"; do
		echo "$p"
	done
	sqlite3 "$db" "SELECT '/items/' || id FROM item ORDER BY random() LIMIT 300"
	sqlite3 "$db" "SELECT '/api/v1/items/' || id FROM item ORDER BY random() LIMIT 100"
} | shuf --random-source=<(yes) >"$tmp/paths.txt"
export QD_PATHS=$tmp/paths.txt QD_ITEMS=$tmp/items.txt QD_UNIT=$village

# ---------------------------------------------------------------- the soak
serve "$root/qingdan" "$db" "$tmp/serve.log"
QD_READ_TOKEN=$(token province.leader)
QD_WRITE_TOKEN=$(token township.handler)
export QD_READ_TOKEN QD_WRITE_TOKEN
load 20 0 "$conns" "$tmp/capacity.txt"
cap=$(rate_of "$tmp/capacity.txt")
[ "$cap" -gt 0 ] || { echo "capacity run failed:" >&2; cat "$tmp/capacity.txt" >&2; exit 1; }
# enough connections, each pausing $pause ms, to ask for share x capacity
# (wrk's pause is in whole milliseconds: few connections would round badly)
soak_conns() { awk -v r="$1" -v s="$share" -v p="$pause" 'BEGIN { c = int(r * s * p / 1000 + 0.5); print (c < 1 ? 1 : c) }'; }
sconns=$(soak_conns "$cap")
echo "capacity of the mix: $cap req/s with $conns connections ($(errors_of "$tmp/capacity.txt") failed); soak at ${share} x: $sconns connections, $pause ms pause each"

rss0=$(rss_kb "$pid")
load "$secs" "$pause" "$sconns" "$tmp/soak.txt" &
wrk_pid=$!
: >"$tmp/rss.txt"
start=$(date +%s)
nb=0
while kill -0 "$wrk_pid" 2>/dev/null && [ $(($(date +%s) - start)) -le $((secs + 30)) ]; do
	now=$(($(date +%s) - start))
	echo "$now $(rss_kb "$pid")" >>"$tmp/rss.txt"
	# two backups under the load, at a third and two thirds of the way
	if [ "$nb" -lt 2 ] && [ "$now" -ge $(((nb + 1) * secs / 3)) ]; then
		nb=$((nb + 1))
		before=$(sqlite3 "$db" "SELECT count(*) FROM item")
		b0=$(date +%s.%N)
		"$root/qingdan" backup --db "$db" --to "$tmp/backup$nb.db" >"$tmp/backup$nb.out" 2>&1 ||
			{ echo "FAILED  backup $nb:"; cat "$tmp/backup$nb.out"; failed=$((failed + 1)); }
		echo "$before $(awk -v a="$b0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')" >"$tmp/backup$nb.info"
	fi
	sleep 5
done
wait "$wrk_pid"
rate=$(rate_of "$tmp/soak.txt")
errors=$(errors_of "$tmp/soak.txt")
# RSS: mean of the second and last quarters, least-squares slope after the first quarter
read -r q2 q4 slope rmin rmax <<<"$(awk -v T="$secs" '
	{ t[NR] = $1; r[NR] = $2 }
	END {
		for (i = 1; i <= NR; i++) {
			if (min == "" || r[i] < min) min = r[i]; if (r[i] > max) max = r[i]
			if (t[i] >= T / 4 && t[i] < T / 2) { s2 += r[i]; n2++ }
			if (t[i] >= 3 * T / 4) { s4 += r[i]; n4++ }
			if (t[i] >= T / 4) { n++; sx += t[i]; sy += r[i]; sxx += t[i] * t[i]; sxy += t[i] * r[i] }
		}
		slope = (n > 1 && n * sxx - sx * sx) ? (n * sxy - sx * sy) / (n * sxx - sx * sx) : 0
		printf "%d %d %.1f %d %d\n", n2 ? s2 / n2 : 0, n4 ? s4 / n4 : 0, slope * 3600 / 1024, min, max
	}' "$tmp/rss.txt")"
added_items=$(sqlite3 "$db" "SELECT count(*) FROM item WHERE title LIKE '长稳测试问题%'")
added_measures=$(sqlite3 "$db" "SELECT count(*) FROM measure WHERE text LIKE '长稳测试措施%'")
soak_rc=0
stop || soak_rc=$?
echo
echo "soak: $secs s, $(requests_of "$tmp/soak.txt") requests, $rate req/s ($(awk -v a="$rate" -v c="$cap" 'BEGIN { printf "%.0f", 100 * a / c }')% of capacity), p99 $(p99_of "$tmp/soak.txt"), $errors failed"
echo "writes: $added_items items and $added_measures measures added"
echo "RSS: $((rss0 / 1024)) MB at start, min $((rmin / 1024)) max $((rmax / 1024)) MB; second quarter $((q2 / 1024)) MB, last quarter $((q4 / 1024)) MB; trend after the first quarter ${slope} MB/h"
check "no failed request in the soak" [ "$errors" -eq 0 ]
check "RSS flat: last quarter within 5% or 4 MB of the second" \
	awk -v a="$q2" -v b="$q4" 'BEGIN { exit !(b - a <= 4096 || b <= a * 1.05) }'
check "server exits cleanly on SIGTERM (status $soak_rc)" [ "$soak_rc" -eq 0 ]
check "qingdan check after the soak" sh -c "'$root/qingdan' check --db '$db' >'$tmp/check.out' 2>&1"
check "PRAGMA integrity_check after the soak" [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]
for b in 1 2; do
	[ -f "$tmp/backup$b.db" ] || { check "backup $b under load was written" false; continue; }
	read -r before took <"$tmp/backup$b.info"
	held=$(sqlite3 "$tmp/backup$b.db" "SELECT count(*) FROM item")
	echo "backup $b under load: $(($(stat -c %s "$tmp/backup$b.db") / 1048576)) MB in $took s; $held items, $before when it began"
	check "backup $b holds every item there when it began" [ "$held" -ge "$before" ]
	check "backup $b restores into a new database that passes qingdan check" \
		sh -c "'$root/qingdan' restore --from '$tmp/backup$b.db' --db '$tmp/restored$b.db' >'$tmp/restore.out' 2>&1 &&
			'$root/qingdan' check --db '$tmp/restored$b.db' >'$tmp/check.out' 2>&1"
	rm -f "$tmp/restored$b.db"*
done

# ---------------------------------------------------------------- ASan run
serve "$root/build/asan/qingdan" "$db" "$tmp/asan.log"
QD_READ_TOKEN=$(token province.leader)
QD_WRITE_TOKEN=$(token township.handler)
load 10 0 "$conns" "$tmp/asan-cap.txt"
acap=$(rate_of "$tmp/asan-cap.txt")
load "$asan_secs" "$pause" "$(soak_conns "$acap")" "$tmp/asan-soak.txt"
aerrors=$(errors_of "$tmp/asan-soak.txt")
asan_rc=0
stop || asan_rc=$?
echo
echo "ASan run: $asan_secs s, $(requests_of "$tmp/asan-soak.txt") requests, $(rate_of "$tmp/asan-soak.txt") req/s (capacity $acap), $aerrors failed, exit $asan_rc"
check "no failed request in the ASan run" [ "$aerrors" -eq 0 ]
check "no sanitizer or leak report, clean exit" \
	sh -c "[ $asan_rc -eq 0 ] && ! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' '$tmp/asan.log'"
grep -E -A20 'AddressSanitizer|LeakSanitizer|runtime error' "$tmp/asan.log" | head -40 || true
echo
echo "$((passed)) passed, $failed failed"
[ "$failed" -eq 0 ]
