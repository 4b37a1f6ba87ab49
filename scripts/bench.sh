#!/bin/bash
# make bench: measure qingdan on this machine and print figures for
# BENCHMARKS.md. Loopback only; every load run is bounded in time.
#   BENCH_SECONDS  length of each wrk run (default 10)
#   BENCH_ITEMS    size of the synthetic large database (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -qq wrk >/dev/null; }
secs=${BENCH_SECONDS:-10}
big=${BENCH_ITEMS:-1000000}
dir=$(mktemp -d /tmp/qingdan-bench.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

echo "# qingdan bench $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(uname -r)"
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

t0=$(date +%s.%N)
./qingdan demo --db "$dir/demo.db" >/dev/null
t1=$(date +%s.%N)
printf 'demo build: %.1f s\n' "$(echo "$t1 - $t0" | bc)"

serve() { # db
	rm -f "$dir/port"
	./qingdan serve --db "$1" --port 0 --port-file "$dir/port" --threads 2 >/dev/null &
	pid=$!
	for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
	port=$(cat "$dir/port")
	base="http://127.0.0.1:$port"
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
token() { # login
	curl -s "$base/api/v1/login" -H 'Content-Type: application/json' \
		-d "{\"login\":\"$1\",\"password\":\"qingdan-demo\"}" | jq -r .token
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
run() { # label conns path [script]
	local label=$1 c=$2 path=$3 script=${4:-scripts/bench/get.lua}
	local before after out rps reqs
	before=$(cpu_ticks)
	out=$(wrk -t2 -c"$c" -d"${secs}s" --latency -s "$script" "$base$path")
	after=$(cpu_ticks)
	rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
	reqs=$(echo "$out" | awk '/requests in/ {print $1}')
	p50=$(echo "$out" | awk '$1=="50%" {print $2}')
	p99=$(echo "$out" | awk '$1=="99%" {print $2}')
	non2xx=$(echo "$out" | awk '/Non-2xx/ {print $4}')
	cpu=$(echo "scale=3; ($after - $before) * 1000 / $(getconf CLK_TCK) / $reqs" | bc)
	printf '| %-34s | %3s | %9s | %8s | %8s | %6s ms | %s |\n' "$label" "$c" "$rps" "$p50" "$p99" "$cpu" "${non2xx:-0}"
}
header() {
	echo
	echo "$1"
	echo "| what | conns | req/s | p50 | p99 | server CPU/req | non-2xx |"
	echo "|---|---|---|---|---|---|---|"
}

serve "$dir/demo.db"
export QD_TOKEN=$(token county.leader)
township=$(curl -s -H "Authorization: Bearer $QD_TOKEN" "$base/api/v1/units?under=1" |
	jq '[.units[] | select(.kind=="township")][0].id')
header "## Demo county ($(sqlite3 "$dir/demo.db" 'select count(*) from item') items), 2 listener threads"
run "bare: GET /api/v1 (no DB, no auth)" 8 /api/v1
run "items list, county, 20 rows" 8 "/api/v1/items?unit=1&limit=20"
run "items list, township, overdue" 8 "/api/v1/items?unit=$township&overdue=true&limit=20"
run "item detail with measures+history" 8 "/api/v1/items/100"
run "stats, county" 8 "/api/v1/stats?unit=1"
run "stats, county, one month" 8 "/api/v1/stats?unit=1&from=$(date -d '-40 days' +%F)&to=$(date -d '-10 days' +%F)"
QD_UNIT=$township run "POST item (durable write)" 8 /api/v1/items scripts/bench/post_item.lua
QD_UNIT=$township run "POST item (durable write)" 32 /api/v1/items scripts/bench/post_item.lua
stop
./qingdan check --db "$dir/demo.db" | tail -1

if [ "$big" -gt 0 ]; then
	t0=$(date +%s.%N)
	./qingdan bench-fill --db "$dir/big.db" --items "$big" >/dev/null
	t1=$(date +%s.%N)
	printf '\nlarge database: %s items built in %.0f s (%s MB)\n' "$big" \
		"$(echo "$t1 - $t0" | bc)" "$(( $(stat -c %s "$dir/big.db") / 1048576 ))"
	serve "$dir/big.db"
	export QD_TOKEN=$(token bench.leader)
	leaf=$(sqlite3 "$dir/big.db" "select id from unit where kind='grid' order by id limit 1")
	mid=$(sqlite3 "$dir/big.db" "select id from unit where kind='township' order by id limit 1")
	header "## Large database ($big items), 2 listener threads"
	run "bare: GET /api/v1" 8 /api/v1
	run "items list, root, 20 rows" 8 "/api/v1/items?unit=1&limit=20"
	run "items list, township, 20 rows" 8 "/api/v1/items?unit=$mid&limit=20"
	run "items list, grid, 20 rows" 8 "/api/v1/items?unit=$leaf&limit=20"
	run "items list, township, overdue" 8 "/api/v1/items?unit=$mid&overdue=true&limit=20"
	run "stats, root (all items)" 8 "/api/v1/stats?unit=1"
	run "stats, township" 8 "/api/v1/stats?unit=$mid"
	run "item detail" 8 "/api/v1/items/12345"
	stop
fi
