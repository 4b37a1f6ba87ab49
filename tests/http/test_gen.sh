#!/usr/bin/env bash
# qingdan gen - the province generator and the bulk path behind it:
#
#   shape        six levels of units, items of three kinds spread over
#                three years and skewed across units, measures, opinions
#   counters     the province's figures (qingdan stats) are the records'
#                counts, taken with SQL beside them
#   determinism  the same seed and day give the same ledger
#   audit        qingdan check passes; a bulk-written row edited with
#                another tool is named by its batch; an item changed
#                through the API afterwards still checks
#   refusals     bad options and an existing database change nothing
. "$(dirname "$0")/lib.sh"

export QINGDAN_TODAY=2026-11-30
sql() { sqlite3 "$DB" "$@"; }

"$QINGDAN" gen --db "$DB" --items 3000 --quiet >"$TMP/gen.out" 2>&1
is "gen --items 3000: exit status 0" "$?" 0
ok_if "… it says what it made" grep -q "3000 items" "$TMP/gen.out"

# shape
is "six levels of units" "$(sql "SELECT count(DISTINCT depth) FROM unit")" 6
is "a province at the root" "$(sql "SELECT kind FROM unit WHERE depth = 0")" province
ok_if "cities, a county, townships, villages and grids" \
	test "$(sql "SELECT count(DISTINCT kind) FROM unit WHERE kind IN
		('city','county','township','village','grid')")" = 5
is "3000 items" "$(sql "SELECT count(*) FROM item")" 3000
is "no two people of a unit share a name" \
	"$(sql "SELECT count(*) FROM (SELECT 1 FROM person GROUP BY unit_id, name HAVING count(*) > 1)")" 0
is "no two units under one parent share a name" \
	"$(sql "SELECT count(*) FROM (SELECT 1 FROM unit GROUP BY parent_id, name HAVING count(*) > 1)")" 0
ok_if "problems, deeds and cases" test "$(sql "SELECT count(DISTINCT kind) FROM item")" = 3
ok_if "found over about three years, none in the future" \
	test "$(sql "SELECT julianday(max(found_on)) - julianday(min(found_on)) > 1000
		AND max(found_on) <= '2026-11-30' FROM item")" = 1
ok_if "items are skewed: the busiest grid holds over 3 times the average" \
	test "$(sql "WITH g AS (SELECT count(*) n FROM item i JOIN unit u ON u.id = i.unit_id
		WHERE u.kind = 'grid' GROUP BY i.unit_id) SELECT max(n) > 3 * avg(n) FROM g")" = 1
ok_if "every state is present, most items signed off" \
	test "$(sql "SELECT count(DISTINCT status) = 4 AND sum(status = 'closed') > count(*) / 2 FROM item")" = 1
m=$(sql "SELECT count(*) FROM measure")
ok_if "about three measures an item ($m)" test "$m" -gt 6000 -a "$m" -lt 12000
o=$(sql "SELECT count(*) FROM opinion")
ok_if "about five opinions per ten items ($o)" test "$o" -gt 1000 -a "$o" -lt 2500
ok_if "opinions of items and opinions refused" \
	test "$(sql "SELECT sum(item_id IS NOT NULL) > 0 AND sum(status = 'rejected') > 0 FROM opinion")" = 1
is "no submitter's name or contact is made up" \
	"$(sql "SELECT count(*) FROM opinion WHERE submitter_name IS NOT NULL OR submitter_contact IS NOT NULL")" 0
is "one bulk event per entity and batch, none per row" \
	"$(sql "SELECT count(*) FROM event WHERE entity IN ('item','measure','opinion')")/$(sql "SELECT count(*) FROM event WHERE action = 'bulk.insert'")" "0/3"

# counters against the records
"$QINGDAN" stats --db "$DB" --unit 1 >"$TMP/stats.json"
is "stats: items = the records" "$(jq .items.total "$TMP/stats.json")" "$(sql "SELECT count(*) FROM item")"
is "stats: signed off = the records" "$(jq .items.by_status.closed "$TMP/stats.json")" \
	"$(sql "SELECT count(*) FROM item WHERE status = 'closed'")"
is "stats: solved = the records (closed is not fixed)" "$(jq .solved "$TMP/stats.json")" \
	"$(sql "SELECT count(*) FROM item WHERE status = 'closed' AND closure = 'resolved'")"
is "stats: measures = the records" "$(jq .measures.total "$TMP/stats.json")" "$m"
county=$(sql "SELECT id FROM unit WHERE kind = 'county' ORDER BY id LIMIT 1")
cpath=$(sql "SELECT path FROM unit WHERE id = $county")
"$QINGDAN" stats --db "$DB" --unit "$county" --from 2025-01-01 --to 2025-06-15 >"$TMP/stats.json"
is "stats of a county for a period = the records" "$(jq .items.total "$TMP/stats.json")" \
	"$(sql "SELECT count(*) FROM item WHERE upath >= '$cpath' AND upath < '${cpath%/}0'
		AND found_on BETWEEN '2025-01-01' AND '2025-06-15'")"

# determinism
"$QINGDAN" gen --db "$TMP/again.db" --items 3000 --quiet >/dev/null 2>&1
dump() { sqlite3 "$1" "SELECT * FROM item ORDER BY id; SELECT * FROM measure ORDER BY id;
	SELECT * FROM opinion ORDER BY id; SELECT id, name, path FROM unit ORDER BY id" | md5sum; }
is "the same seed and day give the same ledger" "$(dump "$TMP/again.db")" "$(dump "$DB")"
"$QINGDAN" gen --db "$TMP/other.db" --items 3000 --seed 7 --quiet >/dev/null 2>&1
ok_if "another seed gives another" test "$(dump "$TMP/other.db")" != "$(dump "$DB")"

# the audit chain
"$QINGDAN" check --db "$DB" >"$TMP/check.out" 2>&1
is "check passes on the generated ledger" "$?" 0
sql "UPDATE item SET title = title || '!' WHERE id = 1234"
"$QINGDAN" check --db "$DB" >"$TMP/check.out" 2>&1
is "an item edited with sqlite3: check fails" "$?" 1
ok_if "… naming the batch that holds it" grep -q "^item 1-3000: written in bulk by event" "$TMP/check.out"
sql "UPDATE item SET title = substr(title, 1, length(title) - 1) WHERE id = 1234"
sql "DELETE FROM measure WHERE id = 77"
"$QINGDAN" check --db "$DB" >"$TMP/check.out" 2>&1
ok_if "a measure removed with sqlite3: its batch has a row less" \
	grep -q "^measure 1-[0-9]*: written in bulk by event #[0-9]* as [0-9]* rows; [0-9]* rows now, a different number" "$TMP/check.out"
cp "$TMP/again.db" "$DB"

start_server
TOKEN=$(login county.leader qingdan-demo) || bail "county.leader logs in"
id=$(sql "SELECT id FROM item WHERE status = 'open' AND upath >= '$cpath' ORDER BY id LIMIT 1")
step "a generated item can be started through the API" 200 POST "/api/v1/items/$id/start" '{}'
jq_is "… it is in progress" .status in_progress
stop_server
"$QINGDAN" check --db "$DB" >"$TMP/check.out" 2>&1
is "check passes after the change (the batch is checked with the item as it was)" "$?" 0

# a large import goes in bulk: the generated problem list into an empty
# copy of the same province
"$QINGDAN" gen --db "$TMP/big.db" --items 6000 --quiet >/dev/null 2>&1
"$QINGDAN" export --db "$TMP/big.db" --unit 1 --format csv --out "$TMP/items.csv" 2>/dev/null
is "6000 rows exported" "$(grep -c '^[0-9]*,QD-' "$TMP/items.csv")" 6000
"$QINGDAN" gen --db "$TMP/empty.db" --items 1 --quiet >/dev/null 2>&1
sqlite3 "$TMP/empty.db" "SELECT ext_id FROM item" >"$TMP/one.txt"
"$QINGDAN" import --db "$TMP/empty.db" --unit 1 "$TMP/items.csv" --quiet >"$TMP/imp.out" 2>&1
is "import of 6000 rows: exit status 0" "$?" 0
want=6001
grep -q ",$(cat "$TMP/one.txt")," "$TMP/items.csv" && want=6000 # the same number: updated
is "… every row is there" "$(sqlite3 "$TMP/empty.db" "SELECT count(*) FROM item")" "$want"
ok_if "… recorded by bulk events, not an event a row" \
	test "$(sqlite3 "$TMP/empty.db" "SELECT count(*) FROM event WHERE action = 'bulk.insert'")" -ge 2 -a \
	"$(sqlite3 "$TMP/empty.db" "SELECT count(*) FROM event WHERE entity = 'item' AND action = 'item.import'")" -eq 0
"$QINGDAN" check --db "$TMP/empty.db" >"$TMP/check.out" 2>&1
is "check passes after the bulk import" "$?" 0
is "the imported province's figures are its records'" \
	"$("$QINGDAN" stats --db "$TMP/empty.db" --unit 1 | jq .items.total)" \
	"$(sqlite3 "$TMP/empty.db" "SELECT count(*) FROM item")"
events=$(sqlite3 "$TMP/empty.db" "SELECT count(*) FROM event")
"$QINGDAN" import --db "$TMP/empty.db" --unit 1 "$TMP/items.csv" --quiet >"$TMP/imp.out" 2>&1
is "the same file again: exit status 0" "$?" 0
is "… and it changes nothing" "$(sqlite3 "$TMP/empty.db" "SELECT count(*) FROM event")" "$events"

# A bulk import that also adds, with its own event, a measure to an item it
# did not add: that measure's id falls inside the batch of bulk measures,
# and check must leave it to its event (it once counted it in the batch).
"$QINGDAN" export --db "$TMP/big.db" --unit 1 --format csv --list measures --out "$TMP/m.csv" 2>/dev/null
one=$(cat "$TMP/one.txt")
sed -n 2p "$TMP/m.csv" | awk -F, -v one="$one" 'BEGIN { OFS = "," }
	{ $1 = 99999; $2 = one; $3 = 9; $9 = "未开始"; $10 = ""; $11 = ""; print }' >"$TMP/extra.csv"
sed '3000r '"$TMP/extra.csv" "$TMP/m.csv" >"$TMP/m2.csv"
keep=$DB
DB=$TMP/mixed.db
"$QINGDAN" gen --db "$DB" --items 1 --quiet >/dev/null 2>&1
start_server
TOKEN=$(login province.leader qingdan-demo) || bail "province.leader logs in"
step "the one item is reopened (open items take measures)" 200 POST /api/v1/items/1/reopen \
	'{"reason":"群众反映问题仍未解决"}'
stop_server
"$QINGDAN" import --db "$DB" --unit 1 "$TMP/items.csv" "$TMP/m2.csv" --quiet >"$TMP/imp.out" 2>&1
is "items and measures with a measure for an item already there: exit status 0" "$?" 0
ok_if "… that measure has its own event, inside the batch's id range" \
	test "$(sql "SELECT count(*) FROM event WHERE action = 'measure.create' AND entity_id >
		(SELECT min(entity_id) FROM event WHERE action = 'bulk.insert' AND after LIKE '%measure%')")" = 1
"$QINGDAN" check --db "$DB" >"$TMP/check.out" 2>&1
is "check passes: the batch's digest leaves it out" "$?" 0
sql "UPDATE measure SET text = text || '!' WHERE id = (SELECT entity_id FROM event WHERE action = 'measure.create')"
"$QINGDAN" check --db "$DB" >"$TMP/check.out" 2>&1
ok_if "… and an edit of it with sqlite3 is named by its own event" grep -q "edited behind qingdan's back" "$TMP/check.out"
DB=$keep

# refusals
before=$(md5sum <"$DB")
"$QINGDAN" gen --db "$DB" --items 10 --quiet >"$TMP/err.out" 2>&1
is "gen on an existing database: exit 1" "$?" 1
ok_if "… saying it exists" grep -q "already exists" "$TMP/err.out"
is "… and the database is untouched" "$(md5sum <"$DB")" "$before"
"$QINGDAN" gen --db "$TMP/zero.db" --items 0 >"$TMP/err.out" 2>&1
is "gen --items 0: usage error (exit 2)" "$?" 2
ok_if "… and no database is made" test ! -e "$TMP/zero.db"
"$QINGDAN" gen --db "$TMP/x.db" >"$TMP/err.out" 2>&1
is "gen without --items: usage error" "$?" 2
is "gen --version" "$("$QINGDAN" gen --version)" "gen 3"
"$QINGDAN" gen --db "$TMP/x.db" --items 5 --counties abc >"$TMP/err.out" 2>&1
is "gen --counties abc: usage error" "$?" 2

done_testing
