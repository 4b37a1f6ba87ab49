#!/usr/bin/env bash
# A full disk and a failing disk: the server runs with an LD_PRELOAD shim
# (tests/faults/diskfault.c, built here) that makes the writes and syncs of
# the database's files fail as a control file says, changed while the
# server runs (no root, no real small file system needed):
#
#   full     writes that would grow a file fail with ENOSPC
#   eio      every write and sync fails with EIO
#   synceio  only syncs fail (the page cache took the write, the disk then
#            reports an error)
#
# Under "full" and "eio", writes of every kind - API item, measure, action
# and edit, a web form, an Open311 POST, the public opinion form - are
# answered 503 STORAGE with the clear message (JSON, HTML or Open311
# error); nothing of them is stored (the records' fingerprint and the
# events are unchanged, qingdan check and PRAGMA integrity_check pass);
# reads go on; when the disk is "ok" again the same writes succeed without
# a restart. Under "synceio" no write is acknowledged. A backup onto the
# full disk fails and leaves no file. A server stopped
# (SIGTERM, and SIGKILL) while the disk is failing starts again on a
# database that checks clean and holds every acknowledged write.
. "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHIM=$TMP/diskfault.so
CTL=$TMP/disk.ctl
cc -shared -fPIC -O1 -o "$SHIM" "$ROOT/tests/faults/diskfault.c" -ldl 2>"$TMP/cc.err" ||
	bail "the fault shim builds" "$(cat "$TMP/cc.err")"

# The database in a folder of its own: the shim fails only files in it.
mkdir -p "$TMP/disk"
DB=$TMP/disk/test.db
echo ok >"$CTL"

# A wrapper that runs the binary under test with the shim: only the server
# gets it (the CLI, sqlite3 and curl of the test see a healthy disk).
# AddressSanitizer wants to be first among the libraries; the shim passes
# every call on to it.
REAL_QINGDAN=$QINGDAN
cat >"$TMP/faulty" <<EOF
#!/bin/sh
export LD_PRELOAD="$SHIM"
export DISKFAULT_PREFIX="$TMP/disk/"
export DISKFAULT_CONTROL="$CTL"
export ASAN_OPTIONS="\${ASAN_OPTIONS:-}:verify_asan_link_order=0"
exec "$REAL_QINGDAN" "\$@"
EOF
chmod +x "$TMP/faulty"
start_faulty() {
	QINGDAN=$TMP/faulty
	start_server
	QINGDAN=$REAL_QINGDAN
}

disk() { echo "$1" >"$CTL"; }
hits() { [ -e "$CTL.hits" ] && wc -c <"$CTL.hits" || echo 0; }

make_fixture
q_cli open311 add --name 县12345平台 --unit $U_COUNTY || bail "open311 add" "$(cat "$TMP/cli.out")"
API_KEY=$(awk '$1 == "api_key" { print $2 }' "$TMP/cli.out")
start_faulty
as admin
step "category road" 201 POST /api/v1/categories '{"code":"road","name":"道路坑洼"}'

# ------------------------------------------------------------ data

as va.handler
ITEM='{"source":"self_inspection","level":"member","title":"磁盘测试","unit_id":4,"mode":"deadline","due_on":"2024-04-30"}'
for i in 1 2 3; do
	step "item $i before any fault" 201 POST /api/v1/items "$ITEM"
done
I1=$(val .id)
V1=$(val .version)
step "a measure" 201 POST "/api/v1/items/$I1/measures" '{"text":"先写一条措施"}'
M1=$(val .id)
web_login va.handler
web GET /items/new
is "the item form" "$STATUS" 200
CSRF=$(csrf_in_page)
JAR_PUBLIC=$TMP/public.jar
JAR=$JAR_PUBLIC web GET /opinion
PUBLIC_CSRF=$(JAR=$JAR_PUBLIC; csrf_in_page)
ok_if "the public opinion form has a CSRF token" test -n "$PUBLIC_CSRF"

# ------------------------------------------------------------ writes

# storage_refused LABEL MODE: every kind of write is refused with 503
# STORAGE and its message, and nothing of it is stored.
MSG_ZH=存储空间已满
WEB_FORM=(--data-urlencode "_csrf=$CSRF" --data-urlencode "title=网页表单在磁盘故障时" --data-urlencode kind=problem
	--data-urlencode source=opinion --data-urlencode "unit_id=$U_VA1" --data-urlencode mode=long_term
	--data-urlencode found_on=2024-03-15)
O311_FORM=(--data-urlencode "api_key=$API_KEY" --data-urlencode service_code=road --data-urlencode lat=36.95
	--data-urlencode long=100.9 --data-urlencode "description=磁盘故障时的12345工单")
PUBLIC_FORM=(--data-urlencode "_csrf=$PUBLIC_CSRF" --data-urlencode "unit_id=$U_VA1"
	--data-urlencode "text=磁盘故障时群众提交的意见")

storage_refused() {
	local mode=$1 h0
	h0=$(hits)
	mark
	refused "$mode: API item create" 503 STORAGE POST /api/v1/items "$ITEM"
	jq_ok "$mode: the message says nothing was saved" '.error.message | test("未保存")'
	refused "$mode: API measure create" 503 STORAGE POST "/api/v1/items/$I1/measures" '{"text":"磁盘满时的措施"}'
	refused "$mode: API item action (start)" 503 STORAGE POST "/api/v1/items/$I1/start"
	refused "$mode: API item edit" 503 STORAGE PATCH "/api/v1/items/$I1" "{\"version\":$V1,\"title\":\"改名\"}"
	refused "$mode: API measure edit" 503 STORAGE PATCH "/api/v1/measures/$M1" '{"evidence":"磁盘满时的佐证"}'
	web POST /items/new "${WEB_FORM[@]}"
	is "$mode: web item form -> 503" "$STATUS" 503
	ok_if "$mode: the page shows the message" grep -q "$MSG_ZH" "$TMP/body"
	ok_if "$mode: … as an HTML page" grep -qi '^content-type: text/html' "$TMP/headers"
	local saved=$TOKEN
	TOKEN=
	req POST /open311/v2/requests.json "${O311_FORM[@]}"
	TOKEN=$saved
	is "$mode: Open311 POST request -> 503" "$STATUS" 503
	jq_ok "$mode: … an Open311 error with the message" \
		".[0].code == 503 and (.[0].description | test(\"$MSG_ZH\"))"
	JAR=$JAR_PUBLIC web POST /opinion "${PUBLIC_FORM[@]}"
	is "$mode: public opinion form -> 503" "$STATUS" 503
	ok_if "$mode: … saying nothing was saved" grep -q "尚未保存" "$TMP/body"
	unchanged "$mode: after 8 refused writes"
	ok_if "$mode: the shim failed $(($(hits) - h0)) calls" test "$(hits)" -gt "$h0"
	# reads go on while the disk is full
	step "$mode: API list still reads" 200 GET "/api/v1/items?unit=$U_VA1"
	step "$mode: API item still reads" 200 GET "/api/v1/items/$I1"
	web GET /items
	is "$mode: the web list still reads" "$STATUS" 200
	TOKEN=
	req GET /open311/v2/requests.json
	TOKEN=$saved
	is "$mode: Open311 list still reads" "$STATUS" 200
}

# storage_back MODE: the disk is well again: the same writes succeed, with
# no restart, and the database checks clean.
storage_back() {
	local mode=$1
	disk ok
	step "after $mode: API item create" 201 POST /api/v1/items "$ITEM"
	step "after $mode: API measure create" 201 POST "/api/v1/items/$I1/measures" '{"text":"恢复后的措施"}'
	req GET "/api/v1/items/$I1"
	V1=$(val .version)
	step "after $mode: API item edit" 200 PATCH "/api/v1/items/$I1" "{\"version\":$V1,\"title\":\"恢复后改名 $mode\"}"
	V1=$(val .version)
	web POST /items/new "${WEB_FORM[@]}"
	is "after $mode: web item form -> 303" "$STATUS" 303
	local saved=$TOKEN
	TOKEN=
	req POST /open311/v2/requests.json "${O311_FORM[@]}"
	TOKEN=$saved
	is "after $mode: Open311 POST request -> 200" "$STATUS" 200
	JAR=$JAR_PUBLIC web POST /opinion "${PUBLIC_FORM[@]}"
	ok_if "after $mode: public opinion form accepted ($STATUS)" test "$STATUS" = 303 -o "$STATUS" = 200
	db_checks "after $mode"
}

# db_checks LABEL: qingdan check and PRAGMA integrity_check pass (on the
# live database: the test's own processes see a healthy disk).
db_checks() {
	"$REAL_QINGDAN" check --db "$DB" >"$TMP/check.out" 2>&1
	is "$1: qingdan check passes" "$?" 0
	is "$1: PRAGMA integrity_check" "$(sqlite3 "$DB" 'PRAGMA integrity_check' | tr '\n' ' ' | sed 's/ $//')" ok
}

# A WAL that SQLite has just reset would be rewritten from its start,
# inside the file's size, which a full disk allows (the shim too): begin
# each fault with an empty WAL, so that every write must grow it.
empty_wal() {
	local i out
	for i in $(seq 50); do
		out=$(sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' 2>&1)
		[ "${out%%|*}" == 0 ] && return 0
		sleep 0.1
	done
	fail "the WAL is checkpointed and emptied" "$out"
}

for mode in full eio; do
	empty_wal
	disk "$mode"
	storage_refused "$mode"
	storage_back "$mode"
done

# ------------------------------------------------------------ a failed sync

# The commit is in the WAL but the disk did not confirm it: it must not be
# acknowledged (the client is told it failed; SQLite may still show the
# row, whose durability is unknown).
# After a failed fsync the kernel may have dropped the pages and marked
# them clean, so a later fsync proves nothing: the server stops taking
# writes (fail-stop) until it is restarted, and reads go on.
step "a write before the sync fault (the WAL has a header)" 201 POST /api/v1/items "$ITEM"
disk synceio
refused "synceio: a write whose sync failed is not acknowledged" 503 SYNC_FAILED POST /api/v1/items "$ITEM"
disk ok
refused "synceio: later writes are refused though the disk is back" 503 SYNC_FAILED POST /api/v1/items "$ITEM"
step "synceio: reads go on" 200 GET "/api/v1/items?unit=$U_VA1&limit=5"
stop_server
TOKENS=()
start_faulty
as va.handler
step "synceio: after a restart writes succeed again" 201 POST /api/v1/items "$ITEM"
"$QINGDAN" check --db "$DB" >"$TMP/check.out" 2>&1
is "synceio: qingdan check passes after the restart" "$?" 0

# ------------------------------------------------------------ a backup onto a full disk

disk full
"$TMP/faulty" backup --db "$DB" --to "$TMP/disk/backup.db" >"$TMP/out" 2>&1
is "a backup onto the full disk fails" "$?" 1
ok_if "… saying the storage is full" grep -q "$MSG_ZH" "$TMP/out"
is "… and leaves no file, whole or partial" "$(ls "$TMP/disk" | grep -c backup)" 0
disk ok
"$TMP/faulty" backup --db "$DB" --to "$TMP/disk/backup.db" >"$TMP/out" 2>&1
is "with room again the backup is written" "$?" 0
is "… and it checks" "$(sqlite3 "$TMP/disk/backup.db" 'PRAGMA integrity_check')" ok
rm -f "$TMP/disk/backup.db"

# ------------------------------------------------------------ restarts

# Stopped while the disk is full: the last connection cannot checkpoint;
# the WAL stays and is read again at the next start.
empty_wal
disk full
refused "full, then stop: a refused write" 503 STORAGE POST /api/v1/items "$ITEM"
ITEMS=$(sqlite3 "$DB" 'SELECT count(*) FROM item')
stop_server
disk ok
db_checks "stopped while full"
start_faulty
as va.handler
is "after a restart the items are all there" "$(sqlite3 "$DB" 'SELECT count(*) FROM item')" "$ITEMS"
step "after a restart: a write" 201 POST /api/v1/items "$ITEM"
ACKED=$(val .id)

# Killed while the disk fails: every acknowledged write survives.
disk eio
refused "eio, then SIGKILL: a refused write" 503 STORAGE POST /api/v1/items "$ITEM"
kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=
disk ok
db_checks "killed while failing"
is "the last acknowledged item survived" "$(sqlite3 "$DB" "SELECT count(*) FROM item WHERE id = $ACKED")" 1
start_faulty
as va.handler
step "after SIGKILL and a restart: a write" 201 POST /api/v1/items "$ITEM"
step "… and a read" 200 GET "/api/v1/items/$ACKED"
note "server log: $(grep -c STORAGE "$TMP/server.log") requests answered STORAGE; shim failed $(hits) calls"
done_testing
