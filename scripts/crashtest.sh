#!/usr/bin/env bash
# scripts/crashtest.sh - no acknowledged write is lost when the server dies.
#
# Four kinds of clients write through the API at once (new items, measures
# added to one item, edits of one item's title, Open311 service requests),
# while the server is killed with SIGKILL at a random moment, CRASH_KILLS
# times (default 50). After each kill, with the server down:
#   - every write answered 2xx since the start is in the database (for the
#     edits: the title is the last acknowledged one or a later one),
#   - PRAGMA integrity_check says ok,
#   - `qingdan check` verifies the audit chain and the counters,
# and after the restart the server answers the last acknowledged record of
# each client. Output is TAP; the last line sums kills and writes checked.
#
#   make crashtest                       50 kills, the release build
#   CRASH_KILLS=5 QINGDAN=build/asan/qingdan scripts/crashtest.sh
#
# CRASH_SEED fixes the kill moments (default: the time). Each cycle runs the
# writers for 0.2-2.0 s; every client loop is bounded (CRASH_MAX_REQ requests).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
QINGDAN=${QINGDAN:-$ROOT/qingdan}
. "$ROOT/tests/http/lib.sh"

KILLS=${CRASH_KILLS:-50}
SEED=${CRASH_SEED:-$(date +%s)}
MAX_REQ=${CRASH_MAX_REQ:-2000}
RANDOM=$SEED
note "crashtest: $KILLS kills, seed $SEED, binary $QINGDAN"

make_fixture
start_server
as admin
step "category for Open311" 201 POST /api/v1/categories '{"code":"road","name":"道路坑洼"}'
step "item that gets measures" 201 POST /api/v1/items \
	"{\"source\":\"self_inspection\",\"title\":\"措施目标\",\"unit_id\":$U_VA1,\"mode\":\"deadline\",\"due_on\":\"2024-06-30\"}"
M_ITEM=$(val .id)
step "item that gets edited" 201 POST /api/v1/items \
	"{\"source\":\"self_inspection\",\"title\":\"编辑 0\",\"unit_id\":$U_VA1,\"mode\":\"deadline\",\"due_on\":\"2024-06-30\"}"
E_ITEM=$(val .id)
q_cli open311 add --name 县12345平台 --unit $U_COUNTY || bail "open311 add" "$(cat "$TMP/cli.out")"
API_KEY=$(awk '$1 == "api_key" { print $2 }' "$TMP/cli.out")
as va.handler
HANDLER_TOKEN=$TOKEN
[ -n "$HANDLER_TOKEN" ] && [ -n "$API_KEY" ] || bail "set-up: a token and an api_key"

# post CURL_ARGS...: print the status; the reply goes to $OUT, which each
# writer (a background subshell) sets to a file of its own.
post() {
	curl -s --max-time 5 -o "$OUT" -w '%{http_code}' "$@" 2>/dev/null
}

# Each writer appends "key<TAB>value" lines for the writes answered 2xx.
# A writer stops at the first failed request (the server went away).
w_items() {
	OUT=$TMP/reply.items
	local c=$1 i code
	for ((i = 1; i <= MAX_REQ; i++)); do
		code=$(post -H "Authorization: Bearer $HANDLER_TOKEN" -H 'Content-Type: application/json' \
			--data-binary "{\"source\":\"self_inspection\",\"level\":\"member\",\"title\":\"断电 $c-$i\",\"unit_id\":$U_VA1,\"mode\":\"deadline\",\"due_on\":\"2024-04-30\"}" \
			"$BASE/api/v1/items") || break
		[ "$code" = 201 ] || break
		printf '%s\t断电 %s-%s\n' "$(jq -r .id "$OUT")" "$c" "$i" >>"$TMP/acked.items"
	done
}

w_measures() {
	OUT=$TMP/reply.measures
	local c=$1 i code
	for ((i = 1; i <= MAX_REQ; i++)); do
		code=$(post -H "Authorization: Bearer $HANDLER_TOKEN" -H 'Content-Type: application/json' \
			--data-binary "{\"text\":\"措施 $c-$i\"}" "$BASE/api/v1/items/$M_ITEM/measures") || break
		[ "$code" = 201 ] || break
		printf '%s\t措施 %s-%s\n' "$(jq -r .id "$OUT")" "$c" "$i" >>"$TMP/acked.measures"
	done
}

# Edits carry the version they read: the writer reads it once per cycle,
# then takes it from each reply.
w_edits() {
	OUT=$TMP/reply.edits
	local c=$1 i code version n
	code=$(curl -s --max-time 5 -o "$OUT" -w '%{http_code}' \
		-H "Authorization: Bearer $HANDLER_TOKEN" "$BASE/api/v1/items/$E_ITEM") || return
	[ "$code" = 200 ] || return
	version=$(jq -r .version "$OUT")
	n=$(jq -r '.title | sub("编辑 "; "")' "$OUT")
	for ((i = 1; i <= MAX_REQ; i++)); do
		n=$((n + 1))
		code=$(post -X PATCH -H "Authorization: Bearer $HANDLER_TOKEN" -H 'Content-Type: application/json' \
			--data-binary "{\"version\":$version,\"title\":\"编辑 $n\"}" "$BASE/api/v1/items/$E_ITEM") || break
		[ "$code" = 200 ] || break
		version=$(jq -r .version "$OUT")
		echo "$n" >"$TMP/acked.edit"
	done
}

w_open311() {
	OUT=$TMP/reply.open311
	local c=$1 i code
	for ((i = 1; i <= MAX_REQ; i++)); do
		code=$(post --data-urlencode "api_key=$API_KEY" --data-urlencode service_code=road \
			--data-urlencode lat=36.95 --data-urlencode long=100.9 \
			--data-urlencode "description=热线 $c-$i" "$BASE/open311/v2/requests.json") || break
		[ "$code" = 201 ] || [ "$code" = 200 ] || break
		printf '%s\t热线 %s-%s\n' "$(jq -r '.[0].service_request_id' "$OUT")" "$c" "$i" \
			>>"$TMP/acked.open311"
	done
}

# missing TABLE COLUMN FILE: how many acknowledged (id, text) lines of FILE
# have no row of TABLE with that id and COLUMN.
missing() {
	[ -s "$3" ] || { echo 0; return; }
	sqlite3 "$DB" <<EOF
CREATE TEMP TABLE acked(id INTEGER, t TEXT);
.mode tabs
.import $3 acked
SELECT count(*) FROM acked a WHERE NOT EXISTS
  (SELECT 1 FROM $1 r WHERE r.id = a.id AND r.$2 = a.t);
EOF
}

: >"$TMP/acked.items"; : >"$TMP/acked.measures"; : >"$TMP/acked.open311"
echo 0 >"$TMP/acked.edit"
lost=0 bad_integrity=0 bad_check=0 bad_reads=0
for ((k = 1; k <= KILLS; k++)); do
	[ -n "$SERVER_PID" ] || start_server
	w_items "$k" & p1=$!
	w_measures "$k" & p2=$!
	w_edits "$k" & p3=$!
	w_open311 "$k" & p4=$!
	sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 0.2 + 1.8 * r / 32767 }')"
	kill -KILL "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null
	SERVER_PID=
	wait "$p1" "$p2" "$p3" "$p4"

	n_items=$(wc -l <"$TMP/acked.items") n_meas=$(wc -l <"$TMP/acked.measures")
	n_o311=$(wc -l <"$TMP/acked.open311") edit=$(cat "$TMP/acked.edit")
	m_items=$(missing item title "$TMP/acked.items")
	m_meas=$(missing measure text "$TMP/acked.measures")
	m_o311=$(missing opinion text "$TMP/acked.open311")
	title=$(sqlite3 "$DB" "SELECT title FROM item WHERE id = $E_ITEM")
	got_edit=${title#编辑 }
	edit_ok=1
	[[ $got_edit =~ ^[0-9]+$ ]] && [ "$got_edit" -ge "$edit" ] || edit_ok=0
	if [ "$m_items$m_meas$m_o311" = 000 ] && [ $edit_ok = 1 ]; then
		pass "kill $k: every acknowledged write is there ($n_items items, $n_meas measures, $n_o311 Open311 requests, edit $edit -> title '$title')"
	else
		lost=$((lost + 1))
		fail "kill $k: every acknowledged write is there" \
			"missing: $m_items of $n_items items, $m_meas of $n_meas measures, $m_o311 of $n_o311 requests; last acknowledged edit $edit, title '$title'"
	fi
	integrity=$(sqlite3 "$DB" "PRAGMA integrity_check" 2>&1)
	[ "$integrity" = ok ] || bad_integrity=$((bad_integrity + 1))
	is "kill $k: PRAGMA integrity_check" "$integrity" ok
	if "$QINGDAN" check --db "$DB" >"$TMP/check.out" 2>&1; then
		pass "kill $k: qingdan check verifies the audit chain and counters"
	else
		bad_check=$((bad_check + 1))
		fail "kill $k: qingdan check verifies the audit chain and counters" "$(tail -n 20 "$TMP/check.out")"
	fi

	# The restarted server serves the last acknowledged record of each client.
	start_server
	reads_ok=1
	for pair in "items:$(tail -n 1 "$TMP/acked.items" | cut -f1)" \
		"measures:$M_ITEM" "items:$E_ITEM"; do
		id=${pair#*:}
		[ -n "$id" ] || continue
		code=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' \
			-H "Authorization: Bearer $HANDLER_TOKEN" "$BASE/api/v1/items/$id")
		[ "$code" = 200 ] || reads_ok=0
	done
	last_o=$(tail -n 1 "$TMP/acked.open311" | cut -f1)
	if [ -n "$last_o" ]; then
		code=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' \
			"$BASE/open311/v2/requests/$last_o.json?api_key=$API_KEY")
		[ "$code" = 200 ] || reads_ok=0
	fi
	[ $reads_ok = 1 ] || bad_reads=$((bad_reads + 1))
	ok_if "kill $k: the restarted server serves the last acknowledged records" [ $reads_ok = 1 ]
done

total=$((n_items + n_meas + n_o311))
# Writes the server committed but could not answer before it died: the
# kills landed inside requests.
in_flight=$(($(sqlite3 "$DB" "SELECT (SELECT count(*) FROM item WHERE title LIKE '断电 %')
	+ (SELECT count(*) FROM measure WHERE text LIKE '措施 %')
	+ (SELECT count(*) FROM opinion WHERE text LIKE '热线 %')") - total))
edits=$(sqlite3 "$DB" "SELECT count(*) FROM event WHERE action = 'item.update' AND entity = 'item' AND entity_id = $E_ITEM" 2>/dev/null || echo "?")
note "crashtest: $KILLS kills survived with $lost losing writes, $bad_integrity integrity failures, $bad_check check failures, $bad_reads read failures;" \
	"$total acknowledged creations checked after every kill ($n_items items, $n_meas measures, $n_o311 Open311 requests) and $edit acknowledged edits ($edits in the audit log);" \
	"$in_flight writes were committed but not answered (the kill came mid-request); seed $SEED"
done_testing
