#!/usr/bin/env bash
# Backups while the server writes, and restores: `qingdan backup` taken
# three times while concurrent API clients create items; every backup is
# one file that passes PRAGMA integrity_check and `qingdan check` and holds
# every item acknowledged (201) before it began; `qingdan restore` puts one
# in a fresh path and in place of an existing database (kept aside), a
# server started on it serves the items; bad input (missing, foreign,
# damaged or newer files, the live database, a database in use) is refused
# with a message and a non-zero exit, and changes nothing.
. "$(dirname "$0")/lib.sh"

WRITERS=4       # concurrent API clients
BACKUPS=3       # backups taken while they write
MAX_WRITES=300  # per client
LOAD_SECS=60    # the clients stop after this, whatever happens

make_fixture
start_server
as va.handler

# ------------------------------------------------------------ helpers

# cli_rc LABEL WANT ARGS...: run qingdan ARGS (output in $TMP/out); the
# exit status is WANT, and for a failure a message was printed.
cli_rc() {
	local label=$1 want=$2
	shift 2
	"$QINGDAN" "$@" >"$TMP/out" 2>&1
	local rc=$?
	if [ "$rc" == "$want" ] && { [ "$want" == 0 ] || [ -s "$TMP/out" ]; }; then
		pass "$label (exit $rc)"
	else
		fail "$label (exit $rc)" "expected exit $want: qingdan $*" "$(head -c 1500 "$TMP/out")"
	fi
}

# said LABEL TEXT: the last command's output contains TEXT.
said() {
	if grep -qF -- "$2" "$TMP/out"; then
		pass "$1"
	else
		fail "$1" "expected '$2' in:" "$(head -c 1500 "$TMP/out")"
	fi
}

# sum FILE: a fingerprint of a file ("none" when missing).
sum() {
	if [ -e "$1" ]; then md5sum <"$1" | cut -c1-32; else echo none; fi
}

# no_temp DIR LABEL: no temporary file of a backup or restore is left.
no_temp() {
	local left
	left=$(find "$1" -maxdepth 1 -name '*.tmp-*' | head -5)
	is "$2: no temporary file left" "$left" ""
}

integrity() {
	sqlite3 "$1" 'PRAGMA integrity_check' 2>&1 | tr '\n' ' ' | sed 's/ $//'
}

now_us() { # microseconds since the epoch, without a fork
	local t=${EPOCHREALTIME/./}
	echo "${t#0}"
}

# ------------------------------------------------------------ writers

# writer N: create items until $TMP/stop exists (bounded in count and
# time); each acknowledged item as "ack_time_us id title" in $TMP/acked.N,
# the acknowledgement's time taken after the reply arrived.
writer() {
	local n=$1 i code title end=$((SECONDS + LOAD_SECS))
	for i in $(seq "$MAX_WRITES"); do
		[ -e "$TMP/stop" ] && break
		[ "$SECONDS" -lt "$end" ] || break
		title="备份负载 $n-$i"
		code=$(curl -s --max-time 10 -o "$TMP/w$n.body" -w '%{http_code}' \
			-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
			--data-binary "{\"source\":\"self_inspection\",\"level\":\"member\",\"title\":\"$title\",\"unit_id\":$U_VA1,\"mode\":\"deadline\",\"due_on\":\"2024-04-30\"}" \
			"$BASE/api/v1/items") || code=000
		if [ "$code" == 201 ]; then
			echo "$(now_us) $(jq -r .id "$TMP/w$n.body") $title" >>"$TMP/acked.$n"
		else
			echo "$code" >>"$TMP/errors.$n"
		fi
	done
}

rm -f "$TMP/stop"
pids=()
for n in $(seq "$WRITERS"); do
	: >"$TMP/acked.$n"
	: >"$TMP/errors.$n"
	writer "$n" &
	pids+=($!)
done

# Backups while the writers write: each one's start and end time, so that
# the items acknowledged before it began are known.
sleep 1
for k in $(seq "$BACKUPS"); do
	t0=$(now_us)
	"$QINGDAN" backup --db "$DB" --to "$TMP/backup.$k.db" >"$TMP/backup.$k.out" 2>&1
	echo $? >"$TMP/backup.$k.rc"
	t1=$(now_us)
	echo "$t0 $t1" >"$TMP/backup.$k.time"
	sleep 0.7
done
touch "$TMP/stop"
wait "${pids[@]}"
cat "$TMP"/acked.* | sort -n >"$TMP/acked"
acked=$(wc -l <"$TMP/acked")
errors=$(cat "$TMP"/errors.* | sort | uniq -c | tr '\n' ' ')
ok_if "the $WRITERS writers had $acked items acknowledged" test "$acked" -gt 20
is "no write failed during the backups" "$errors" ""

# ------------------------------------------------------------ each backup

for k in $(seq "$BACKUPS"); do
	f=$TMP/backup.$k.db
	read -r t0 t1 <"$TMP/backup.$k.time"
	is "backup $k: qingdan backup exits 0" "$(cat "$TMP/backup.$k.rc")" 0
	grep -q 'integrity_check ok' "$TMP/backup.$k.out" ||
		fail "backup $k reports its integrity check" "$(cat "$TMP/backup.$k.out")"
	note "backup $k: $(tr '\n' ' ' <"$TMP/backup.$k.out")"
	# during it, the writers went on being answered
	during=$(awk -v a="$t0" -v b="$t1" '$1 >= a && $1 <= b' "$TMP/acked" | wc -l)
	note "backup $k took $(((t1 - t0) / 1000)) ms; $during items were acknowledged meanwhile"
	is "backup $k: one file, no -wal beside it" "$(ls "$f"-* 2>/dev/null)" ""
	is "backup $k: PRAGMA integrity_check" "$(integrity "$f")" ok
	is "backup $k: a single-file (rollback journal) database" \
		"$(sqlite3 "$f" 'PRAGMA journal_mode')" delete
	# every item acknowledged before the backup began is in it, as written
	awk -v a="$t0" '$1 < a { print $2 }' "$TMP/acked" >"$TMP/before.$k"
	before=$(wc -l <"$TMP/before.$k")
	sqlite3 "$f" 'SELECT id FROM item' | sort >"$TMP/in.$k"
	missing=$(sort "$TMP/before.$k" | comm -23 - "$TMP/in.$k" | wc -l)
	is "backup $k holds all $before items acknowledged before it began" "$missing" 0
	has=$(wc -l <"$TMP/in.$k")
	note "backup $k holds $has items ($before acknowledged before it began, $acked in all)"
	cp "$f" "$TMP/check.$k.db"
	"$QINGDAN" check --db "$TMP/check.$k.db" >"$TMP/check.$k.out" 2>&1
	is "backup $k passes qingdan check" "$?" 0
done
ok_if "the backups grew with the load" test "$(wc -l <"$TMP/in.$BACKUPS")" -gt "$(wc -l <"$TMP/in.1")"
no_temp "$TMP" "after the backups"

# titles too, for the last backup (the items went in through the API)
bad=0
while read -r _ id title; do
	got=$(sqlite3 "$TMP/backup.$BACKUPS.db" "SELECT title FROM item WHERE id = $id")
	[ -z "$got" ] || [ "$got" == "$title" ] || bad=$((bad + 1))
done <"$TMP/acked"
is "backup $BACKUPS: the items it holds have the titles acknowledged" "$bad" 0

# ------------------------------------------------------------ bad input: backup

B1_SUM=$(sum "$TMP/backup.1.db")
cli_rc "backup --help" 0 backup --help
said "backup --help names --to" "--to FILE"
cli_rc "backup without --to" 2 backup --db "$DB"
cli_rc "backup to an existing file without --force" 1 backup --db "$DB" --to "$TMP/backup.1.db"
said "the message says to add --force" "--force"
is "the existing backup is unchanged" "$(sum "$TMP/backup.1.db")" "$B1_SUM"
cli_rc "backup onto the live database" 1 backup --db "$DB" --to "$DB" --force
said "the message names the live database" "正在使用的数据库本身"
cli_rc "backup onto the live database's -wal" 1 backup --db "$DB" --to "$DB-wal" --force
cli_rc "backup of a missing database" 1 backup --db "$TMP/nothing.db" --to "$TMP/b-missing.db"
said "the message says there is no database" "no database"
is "nothing written for a missing database" "$(sum "$TMP/b-missing.db")" none
echo "not a database" >"$TMP/text.txt"
cli_rc "backup of a text file" 1 backup --db "$TMP/text.txt" --to "$TMP/b-text.db"
said "the message says it is not a qingdan database" "不是清单数据库"
is "nothing written for a text file" "$(sum "$TMP/b-text.db")" none
sqlite3 "$TMP/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1)'
OTHER_SUM=$(sum "$TMP/other.db")
cli_rc "backup of another program's SQLite database" 1 backup --db "$TMP/other.db" --to "$TMP/b-other.db"
said "the message says it is not a qingdan database" "不是清单数据库"
is "the foreign database is unchanged" "$(sum "$TMP/other.db")" "$OTHER_SUM"
cp "$TMP/backup.1.db" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" 'PRAGMA user_version = 999'
NEWER_SUM=$(sum "$TMP/newer.db")
cli_rc "backup of a database with a newer schema" 1 backup --db "$TMP/newer.db" --to "$TMP/b-newer.db"
said "the message says the schema is newer" "版本比本程序新"
is "the newer database is unchanged" "$(sum "$TMP/newer.db")" "$NEWER_SUM"
cli_rc "backup into a missing folder" 1 backup --db "$DB" --to "$TMP/no/such/folder/b.db"
mkdir "$TMP/adir"
cli_rc "backup onto a folder" 1 backup --db "$DB" --to "$TMP/adir" --force
cli_rc "--force over a file that is not a database" 1 backup --db "$DB" --to "$TMP/text.txt" --force
is "the text file is unchanged" "$(cat "$TMP/text.txt")" "not a database"
LANG=en_US.UTF-8 QINGDAN_LANG=en "$QINGDAN" backup --db "$TMP/nothing.db" --to "$TMP/x.db" >"$TMP/out" 2>&1
said "English message with QINGDAN_LANG=en" "no database file at"
QINGDAN_LANG=zh "$QINGDAN" backup --db "$TMP/nothing.db" --to "$TMP/x.db" >"$TMP/out" 2>&1
said "Chinese message by default" "没有找到数据库文件"
cp "$TMP/backup.1.db" "$TMP/old-backup.db"
cli_rc "--force replaces an older backup" 0 backup --db "$DB" --to "$TMP/old-backup.db" --force
is "the replaced backup passes integrity_check" "$(integrity "$TMP/old-backup.db")" ok
no_temp "$TMP" "after the refused backups"

# ------------------------------------------------------------ restore

LAST=$TMP/backup.$BACKUPS.db
LAST_SUM=$(sum "$LAST")
cli_rc "restore --help" 0 restore --help
said "restore --help says the server must be stopped" "stop the server"
cli_rc "restore without --from" 2 restore --db "$TMP/fresh.db"
cli_rc "restore into the database a server has open" 1 restore --from "$LAST" --db "$DB" --force
said "the message says to stop the server" "qingdan serve"
cli_rc "restore into a fresh path" 0 restore --from "$LAST" --db "$TMP/fresh.db"
said "restore reports the check" "check passed"
is "the backup itself is unchanged by the restore" "$(sum "$LAST")" "$LAST_SUM"
is "the restored database passes integrity_check" "$(integrity "$TMP/fresh.db")" ok
no_temp "$TMP" "after the restore"

# the restored database served: every item the backup holds reads back
stop_server
LIVE_DB=$DB
DB=$TMP/fresh.db
restart_server
as va.handler
bad=0
checked=0
while read -r t id title; do
	grep -qx "$id" "$TMP/in.$BACKUPS" || continue
	req GET "/api/v1/items/$id"
	checked=$((checked + 1))
	if [ "$STATUS" != 200 ] || [ "$(val .title)" != "$title" ]; then
		bad=$((bad + 1))
		[ "$bad" -le 3 ] && note "item $id: $(last_reply)"
	fi
done <"$TMP/acked"
is "a server on the restored database serves all $checked items of the backup" "$bad" 0
step "the restored database takes writes" 201 POST /api/v1/items \
	"{\"source\":\"self_inspection\",\"title\":\"恢复后\",\"unit_id\":$U_VA1,\"mode\":\"immediate\"}"
stop_server
"$QINGDAN" check --db "$TMP/fresh.db" >"$TMP/out" 2>&1
is "qingdan check passes on the restored database after writes" "$?" 0

# replacing an existing database (no server): kept aside with its WAL
DB=$LIVE_DB
LIVE_ITEMS=$(sqlite3 "$DB" 'SELECT count(*) FROM item')
cli_rc "restore over an existing database without --force" 1 restore --from "$TMP/backup.1.db" --db "$DB"
said "the message says to add --force" "--force"
is "the database is unchanged" "$(sqlite3 "$DB" 'SELECT count(*) FROM item')" "$LIVE_ITEMS"
cli_rc "restore --force over the stopped server's database" 0 restore --from "$TMP/backup.1.db" --db "$DB" --force
aside=$(ls "$DB".before-restore-* 2>/dev/null | grep -v -- '-wal$' | head -1)
ok_if "the replaced database is kept aside ($(basename "${aside:-none}"))" test -n "$aside"
is "the kept database has all the items" "$(sqlite3 "$aside" 'SELECT count(*) FROM item')" "$LIVE_ITEMS"
is "the restored database has the backup's items" "$(sqlite3 "$DB" 'SELECT count(*) FROM item')" \
	"$(wc -l <"$TMP/in.1")"
is "no -wal of the old database beside the restored one" "$(ls "$DB"-wal 2>/dev/null)" ""
"$QINGDAN" check --db "$DB" >"$TMP/out" 2>&1
is "qingdan check passes after restore --force" "$?" 0

# ------------------------------------------------------------ bad input: restore

TARGET=$TMP/fresh.db
T_SUM=$(sum "$TARGET")
# restore_refused LABEL FROM [MESSAGE]: refused, target and backup unchanged
restore_refused() {
	local from_sum
	from_sum=$(sum "$2")
	cli_rc "$1" 1 restore --from "$2" --db "$TARGET" --force
	[ -n "${3:-}" ] && said "$1: the message says '$3'" "$3"
	is "$1: the database is unchanged" "$(sum "$TARGET")" "$T_SUM"
	is "$1: the file given is unchanged" "$(sum "$2")" "$from_sum"
}
restore_refused "restore from a missing file" "$TMP/nothing.db" "no database"
restore_refused "restore from a text file" "$TMP/text.txt" "不是清单数据库"
restore_refused "restore from another program's SQLite database" "$TMP/other.db" "不是清单数据库"
restore_refused "restore from a newer schema" "$TMP/newer.db" "版本比本程序新"
cp "$TMP/backup.2.db" "$TMP/edited.db"
sqlite3 "$TMP/edited.db" "UPDATE item SET title = '改过的' WHERE id = (SELECT min(id) FROM item)"
restore_refused "restore from a backup edited behind qingdan's back" "$TMP/edited.db" "qingdan check"
cp "$TMP/backup.2.db" "$TMP/torn.db"
size=$(stat -c %s "$TMP/torn.db")
truncate -s $((size / 2)) "$TMP/torn.db"
restore_refused "restore from a truncated backup" "$TMP/torn.db"
cp "$TMP/backup.2.db" "$TMP/with-wal.db"
printf 'x%.0s' $(seq 100) >"$TMP/with-wal.db-wal"
restore_refused "restore from a database with a -wal beside it" "$TMP/with-wal.db" "-wal"
cli_rc "restore a database onto itself" 1 restore --from "$TARGET" --db "$TARGET" --force
is "restore onto itself: unchanged" "$(sum "$TARGET")" "$T_SUM"
no_temp "$TMP" "after the refused restores"

done_testing
