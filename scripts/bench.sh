#!/bin/bash
# make bench: measure qingdan on this machine and write the figures into
# BENCHMARKS.md (between the "make bench" markers; the rest of the file is
# prose kept by hand). Loopback only; every load run is bounded in time.
#
#   BENCH_SIZES    item counts of the generated provinces (default
#                  "10000 1000000 10000000"; `qingdan gen`)
#   BENCH_SECONDS  length of each wrk run (default 8)
#   BENCH_DATA     where generated databases and the Fossil repository are
#                  kept between runs (default /var/tmp/qingdan-bench); a
#                  database is made again when `qingdan gen --version`
#                  changes. The write rows add items to it.
#   BENCH_FOSSIL   0 to leave out the Fossil peer (default 1)
#   BENCH_OUT      file to update (default BENCHMARKS.md; "-" = stdout only)
#   BENCH_STEPS    which parts to run (default "pages files fossil": the
#                  load runs per size, the 1M-row CSV export and import on a
#                  freshly generated province, the Fossil peer)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
need=""
for p in wrk jq sqlite3 curl bc python3 fossil; do command -v "$p" >/dev/null || need="$need $p"; done
if [ -n "$need" ]; then
	echo "installing:$need" >&2
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get install -y -qq $need >/dev/null
fi
secs=${BENCH_SECONDS:-8}
sizes=${BENCH_SIZES:-"10000 1000000 10000000"}
data=${BENCH_DATA:-/var/tmp/qingdan-bench}
out=${BENCH_OUT:-BENCHMARKS.md}
threads=$(nproc)
mkdir -p "$data"
tmp=$(mktemp -d /tmp/qingdan-bench.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
report=$tmp/report.md
say() { echo "$@" | tee -a "$report"; }

serve() { # db
	rm -f "$tmp/port"
	"$root/qingdan" serve --db "$1" --port 0 --port-file "$tmp/port" --threads "$threads" \
		>"$tmp/serve.log" 2>&1 &
	pid=$!
	for _ in $(seq 600); do [ -s "$tmp/port" ] && break; sleep 0.1; done
	[ -s "$tmp/port" ] || { echo "server did not start:" >&2; cat "$tmp/serve.log" >&2; exit 1; }
	base="http://127.0.0.1:$(cat "$tmp/port")"
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
token() { # login
	curl -sf "$base/api/v1/login" -H 'Content-Type: application/json' \
		-d "{\"login\":\"$1\",\"password\":\"qingdan-demo\"}" | jq -r .token
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
mb() { echo "$(( ($1 + 524288) / 1048576 ))"; }

# row LABEL CONNS PATH [SCRIPT] - one wrk run against $base (or $peer_pid's
# server when set), one table row.
row() {
	local label=$1 c=$2 path=$3 script=${4:-scripts/bench/get.lua}
	local spid=${peer_pid:-$pid} t=2 load before after out rps reqs p50 p99 bad cpu
	[ "$c" -lt 2 ] && t=1
	load=$(cut -d' ' -f1 /proc/loadavg)
	before=$(cpu_ticks "$spid")
	out=$(QD_THREADS=$t wrk -t"$t" -c"$c" -d"${secs}s" --timeout 10s --latency -s "$script" \
		"${peer_base:-$base}$path")
	after=$(cpu_ticks "$spid")
	rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%d", $2}')
	reqs=$(echo "$out" | awk '/requests in/ {print $1}')
	p50=$(echo "$out" | awk '$1=="50%" {print $2}')
	p99=$(echo "$out" | awk '$1=="99%" {print $2}')
	bad=$(echo "$out" | awk '/Non-2xx/ {n=$5} /Socket errors/ {s=$0} END {print (n?n:0) (s?" ("s")":"")}')
	cpu=$(echo "scale=3; ($after - $before) * 1000 / $(getconf CLK_TCK) / ($reqs + 0.0001)" | bc)
	say "$(printf '| %s | %s | %s | %s | %s | %s | %.3f | %s | %s |' "$size_label" "$label" \
		"$c" "$rps" "$p50" "$p99" "$cpu" "$bad" "$load")"
}
header() {
	say ""
	say "| items | what | conns | req/s | p50 | p99 | server CPU ms/req | non-2xx | load1 |"
	say "|---|---|---|---|---|---|---|---|---|"
}

# A kept database of another generator version is made again.
gen_db() { # items -> path
	local n=$1 db=$data/province-$1.db
	if [ -f "$db" ] && [ -f "$db.gen" ] &&
		[ "$(head -1 "$db.gen" | cut -d: -f1)" = "$("$root/qingdan" gen --version)" ]; then
		echo "$db"
		return
	fi
	rm -f "$db" "$db-wal" "$db-shm" "$db.gen"
	local t0 t1
	t0=$(date +%s.%N)
	"$root/qingdan" gen --db "$db" --items "$n" --quiet >"$db.gen"
	t1=$(date +%s.%N)
	printf '%.0f\n' "$(echo "$t1 - $t0" | bc)" >>"$db.gen"
	echo "$db"
}

# typical DB KIND PARENT: the unit of that kind under PARENT whose item
# count is nearest the average of its kind there.
typical() {
	sqlite3 "$1" "WITH k AS (SELECT u.id, coalesce(l.items, 0) AS n FROM unit u
		LEFT JOIN unit_load l ON l.unit_id = u.id WHERE u.kind = '$2' AND
		u.path >= (SELECT path FROM unit WHERE id = $3) AND
		u.path < (SELECT substr(path, 1, length(path) - 1) || '0' FROM unit WHERE id = $3))
		SELECT id FROM k ORDER BY abs(n - (SELECT avg(n) FROM k)), id LIMIT 1"
}

# ledger_files DB: the problem list of a freshly generated province of at
# least 1M items out as CSV, and into an empty province of the same units
# (before any write run adds to it).
ledger_files() {
	local db=$1 counties rows t0 t1 t2 t3 imported
	counties=$(sqlite3 "$db" "SELECT count(*) FROM unit WHERE kind='county'")
	rows=$(sqlite3 "$db" "SELECT count(*) FROM item")
	t0=$(date +%s.%N)
	"$root/qingdan" export --db "$db" --unit 1 --format csv --out "$tmp/items.csv" 2>"$tmp/export.log" ||
		{ cat "$tmp/export.log" >&2; return 1; }
	t1=$(date +%s.%N)
	"$root/qingdan" gen --db "$tmp/import.db" --items 1 --counties "$counties" --quiet >/dev/null
	t2=$(date +%s.%N)
	if "$root/qingdan" import --db "$tmp/import.db" --unit 1 "$tmp/items.csv" --quiet \
		>"$tmp/import.log" 2>&1; then imported=ok; else imported="failed: $(tail -1 "$tmp/import.log")"; fi
	t3=$(date +%s.%N)
	say ""
	say "### Ledger files: $(printf "%'d" "$rows") rows"
	say ""
	say "| what | rows | seconds | rows/s | result |"
	say "|---|---|---|---|---|"
	say "$(printf '| export the problem list as CSV (%s MB) | %s | %.1f | %.0f | ok |' \
		"$(mb "$(stat -c %s "$tmp/items.csv")")" "$rows" "$(echo "$t1 - $t0" | bc)" \
		"$(echo "$rows / ($t1 - $t0)" | bc -l)")"
	say "$(printf '| import it into an empty province (one transaction) | %s | %.1f | %.0f | %s |' \
		"$rows" "$(echo "$t3 - $t2" | bc)" "$(echo "$rows / ($t3 - $t2)" | bc -l)" "$imported")"
	rm -f "$tmp/items.csv" "$tmp/import.db"*
}

say "## make bench, $(date -u '+%Y-%m-%d %H:%M UTC')"
say ""
say "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
say "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r),"
say "$(sqlite3 --version | cut -d' ' -f1-1 | sed 's/^/SQLite /'), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2),"
say "load average at start $(cut -d' ' -f1-3 /proc/loadavg). Server: \`qingdan serve --threads $threads\`"
say "(one single-threaded libmicrohttpd daemon per core on one port); load: \`wrk -t2 -cN"
say "-d${secs}s --latency -s scripts/bench/SCRIPT.lua URL\` on the same cores (-t1 for one"
say "connection). Server CPU is its utime+stime over the run divided by requests."

steps=${BENCH_STEPS:-"pages files fossil"}
has_step() { case " $steps " in *" $1 "*) return 0 ;; esac; return 1; }
county_items=0
files_done=""
for n in $sizes; do
	size_label=$(printf "%'d" "$n" 2>/dev/null || echo "$n")
	fresh=""
	[ -f "$data/province-$n.db.gen" ] || fresh=1
	db=$(gen_db "$n")
	if has_step files && [ -z "$files_done" ] && [ "$n" -ge 1000000 ]; then
		if [ -z "$fresh" ] && [ "$(sqlite3 "$db" "SELECT count(*) FROM item")" -ne "$n" ]; then
			rm -f "$db" "$db.gen" # written to by an earlier run: make it again
			db=$(gen_db "$n")
		fi
		ledger_files "$db"
		files_done=1
	fi
	gen_secs=$(tail -1 "$db.gen")
	gen_line=$(head -1 "$db.gen")
	prov=$(sqlite3 "$db" "SELECT id FROM unit WHERE kind='province' ORDER BY id LIMIT 1")
	# a county and a township of typical size (nearest the average), read
	# by the province's leader
	county=$(typical "$db" county "$prov")
	cpath=$(sqlite3 "$db" "SELECT path FROM unit WHERE id=$county")
	town=$(typical "$db" township "$county")
	tpath=$(sqlite3 "$db" "SELECT path FROM unit WHERE id=$town")
	# writes: the township handler's first village (its township signs off)
	wtown=$(sqlite3 "$db" "SELECT unit_id FROM grants g JOIN account a ON a.id=g.account_id WHERE a.login='township.handler'")
	village=$(sqlite3 "$db" "SELECT id FROM unit WHERE parent_id=$wtown ORDER BY id LIMIT 1")
	max_item=$(sqlite3 "$db" "SELECT max(id) FROM item")
	county_items=$(sqlite3 "$db" "SELECT items FROM unit_load WHERE unit_id=$county")
	town_items=$(sqlite3 "$db" "SELECT items FROM unit_load WHERE unit_id=$town")
	last_db=$db
	last_cpath=$cpath
	last_max_item=$max_item
	has_step pages || continue
	serve "$db"
	sqlite3 "$db" "SELECT '/items/' || id FROM item WHERE upath >= '$cpath' AND upath < '${cpath%/}0' ORDER BY random() LIMIT 2000" >"$tmp/items.txt"
	prov_tok=$(token province.leader)
	handler_tok=$(token township.handler)
	say ""
	say "### $size_label items"
	say ""
	say "\`qingdan gen --items $n\`: $gen_line; built in $gen_secs s; database $(mb "$(stat -c %s "$db")") MB."
	say "Typical county $county: $county_items items; typical township $town: $town_items items. Pages read as province.leader."
	header
	export QD_TOKEN=$prov_tok
	row "bare: GET /api/v1 (no database, no login)" 8 /api/v1
	row "bare: GET /api/v1 (no database, no login)" 64 /api/v1
	for c in 1 8 64; do row "dashboard page, province" "$c" "/?unit=$prov"; done
	for c in 1 8 64; do row "dashboard page, county" "$c" "/?unit=$county"; done
	for c in 1 8 64; do row "dashboard page, township" "$c" "/?unit=$town"; done
	for c in 8 64; do row "stats API, county" "$c" "/api/v1/stats?unit=$county"; done
	for c in 1 8 64; do row "list page, county, in progress, by due day (20 rows)" "$c" "/items?unit=$county&status=in_progress&sort=due"; done
	for c in 8 64; do row "list page, township, in progress, by due day" "$c" "/items?unit=$town&status=in_progress&sort=due"; done
	for c in 1 8 64; do QD_PATHS=$tmp/items.txt row "item page (2,000 items of the county in turn)" "$c" ""; done
	for c in 8 64; do row "API list, county, in progress, by due day (20)" "$c" "/api/v1/items?unit=$county&status=in_progress&sort=due&limit=20"; done
	for c in 8 64; do row "report page, county, all time" "$c" "/report?unit=$county"; done
	for c in 8 32 64; do QD_TOKEN=$handler_tok QD_UNIT=$village QD_FIXED=1 row "API item creation (durable)" "$c" /api/v1/items scripts/bench/post_item.lua; done
	# more items waiting for sign-off (not reported): signing off is faster
	# than creating, and each is signed off once
	QD_TOKEN=$handler_tok QD_UNIT=$village QD_FIXED=1 wrk -t2 -c32 -d$((3 * secs))s \
		-s scripts/bench/post_item.lua "$base/api/v1/items" >/dev/null
	sqlite3 "$db" "SELECT id FROM item WHERE status='review' AND unit_id <> $prov ORDER BY id" |
		awk -v d="$tmp" '{ print > (d "/review" (NR % 2) ".txt") }'
	QD_IDS=$tmp/review0.txt row "sign-off (POST …/signoff, durable)" 8 /api/v1/items scripts/bench/signoff.lua
	QD_IDS=$tmp/review1.txt row "sign-off (POST …/signoff, durable)" 64 /api/v1/items scripts/bench/signoff.lua
	unset QD_TOKEN
	rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
	hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
	stop
	say ""
	say "Server memory after the runs: RSS $((rss / 1024)) MB, peak $((hwm / 1024)) MB."
	say "Database after the runs: $(mb "$(stat -c %s "$db")") MB (+ WAL $(mb "$(stat -c %s "$db-wal" 2>/dev/null || echo 0)") MB)."
done

if has_step fossil && [ "${BENCH_FOSSIL:-1}" = 1 ] && [ -n "${last_db:-}" ]; then
	repo=$data/county-$county_items.fossil
	if [ ! -f "$repo" ] || [ "$repo" -ot "$last_db.gen" ]; then
		python3 scripts/bench/fossil_repo.py "$last_db" "$last_cpath" "$last_max_item" "$repo" >/dev/null
	fi
	tickets=$(fossil sql -R "$repo" "SELECT count(*) FROM ticket")
	tkt=$(fossil sql -R "$repo" "SELECT tkt_uuid FROM ticket ORDER BY tkt_id LIMIT 1 OFFSET 1000" | tr -d "'")
	fport=$(( 20000 + RANDOM % 20000 ))
	fossil server --port "$fport" --localhost "$repo" >"$tmp/fossil.log" 2>&1 &
	fpid=$!
	for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$fport/" && break; sleep 0.1; done
	say ""
	say "### Peer: Fossil $(fossil version | awk '{print $5}') with the county's items as tickets"
	say ""
	say "The county of the last size as generated ($county_items items) as $tickets ticket artifacts"
	say "(\`scripts/bench/fossil_repo.py\`, then \`fossil reconstruct\`), served by"
	say "\`fossil server --localhost\` (a process per connection; its CPU is counted for the"
	say "parent and its children). Report rn=2 is rn=1's SQL with"
	say "\`WHERE status IN ('Open','Review') ORDER BY tkt_mtime DESC LIMIT 20\`."
	header
	size_label="$(printf "%'d" "$tickets") tickets"
	cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }
	for c in 8 64; do peer_pid=$fpid peer_base="http://127.0.0.1:$fport" row "Fossil ticket list (rptview rn=2, 20 rows)" "$c" "/rptview?rn=2"; done
	for c in 8 64; do peer_pid=$fpid peer_base="http://127.0.0.1:$fport" row "Fossil ticket view (tktview)" "$c" "/tktview?name=$tkt"; done
	kill "$fpid"; wait "$fpid" 2>/dev/null || true
fi

if [ "$out" != "-" ]; then
	begin='<!-- make bench: begin -->'
	end='<!-- make bench: end -->'
	[ -f "$out" ] || echo "# Benchmarks" >"$out"
	if ! grep -q "$begin" "$out"; then printf '\n%s\n%s\n' "$begin" "$end" >>"$out"; fi
	awk -v b="$begin" -v e="$end" -v f="$report" '
		$0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
		$0 == e { skip = 0 }
		!skip' "$out" >"$tmp/out.md"
	cp "$tmp/out.md" "$out"
	echo "written to $out" >&2
fi
