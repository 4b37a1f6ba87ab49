# tests/http/lib.sh - shared set-up and TAP helpers for the HTTP tests.
#
# Source it from a tests/http/test_*.sh script (bash):
#
#   . "$(dirname "$0")/lib.sh"
#   make_fixture            # a small database built with the CLI
#   start_server            # qingdan serve on 127.0.0.1, any free port
#   as va.handler           # later requests carry that account's token
#   step "create" 201 POST /api/v1/items '{"title":"..."}'
#   jq_is "status" .status open
#   done_testing            # stops the server, prints 1..N, exit 1 on failure
#
# Every request goes to a real server on a loopback port; curl always runs
# with --max-time 10. The last reply is in $TMP/body (headers in
# $TMP/headers, status in $STATUS). QINGDAN is the binary under test
# (tests/run.sh passes the AddressSanitizer build).

set -u

QINGDAN=${QINGDAN:-./qingdan}
case $QINGDAN in
/*) ;;
*/*) QINGDAN=$(cd "$(dirname "$QINGDAN")" && pwd)/$(basename "$QINGDAN") ;;
esac

# A fixed "today", so that defaults and overdue logic are deterministic. The
# server and the CLI honour it; it must be set before the server starts.
export QINGDAN_TODAY=2024-03-15
unset QINGDAN_DB QINGDAN_PASSWORD QINGDAN_LANG
# ASan: a leak or error at shutdown makes the server exit non-zero, which the
# shutdown test reports.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}

PASSWORD=qingdan-test-pw
T_N=0
T_FAILED=0
SERVER_PID=
PORT=
BASE=
TOKEN=
STATUS=
declare -A TOKENS=()
declare -A ACCOUNT_ID=() PERSON_ID=()

TMP=$(mktemp -d "${TMPDIR:-/tmp}/qingdan-http.XXXXXX") || {
	echo "Bail out! mktemp failed"
	exit 1
}
DB=$TMP/test.db
: >"$TMP/body"
: >"$TMP/headers"

for tool in curl jq sqlite3; do
	command -v "$tool" >/dev/null || {
		echo "Bail out! $tool is not installed"
		exit 1
	}
done
[ -x "$QINGDAN" ] || {
	echo "not ok 1 - binary $QINGDAN exists and is executable"
	echo "Bail out! no binary (set QINGDAN=path/to/qingdan)"
	exit 1
}

cleanup() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill -TERM "$SERVER_PID" 2>/dev/null
		for _ in $(seq 50); do
			kill -0 "$SERVER_PID" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$SERVER_PID" 2>/dev/null
	fi
	if [ "${KEEP_TMP:-}" ]; then
		echo "# kept $TMP" >&2
	else
		rm -rf "$TMP"
	fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- TAP

pass() {
	T_N=$((T_N + 1))
	echo "ok $T_N - $1"
}

# fail LABEL [DIAGNOSTIC...]
fail() {
	T_N=$((T_N + 1))
	T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $1"
	shift
	local line
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/#   /'
	done
}

# bail LABEL: a failure that makes going on pointless.
bail() {
	fail "$@"
	echo "Bail out! $1"
	exit 1
}

note() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

# is LABEL GOT EXPECTED
is() {
	if [ "$2" == "$3" ]; then
		pass "$1"
	else
		fail "$1" "expected: $3" "     got: $2"
	fi
}

# ok_if LABEL COMMAND... : passes when COMMAND succeeds.
ok_if() {
	local label=$1
	shift
	if "$@"; then
		pass "$label"
	else
		fail "$label" "command failed: $*"
	fi
}

# The last reply for a diagnostic: at most 2000 bytes, never a broken
# UTF-8 sequence or a control character in the TAP stream.
last_reply() {
	local b
	b=$(head -c 2000 "$TMP/body" | tr -d '\000-\010\013-\037')
	if command -v iconv >/dev/null; then
		b=$(iconv -c -f UTF-8 -t UTF-8 <<<"$b" 2>/dev/null)
	fi
	printf 'status %s, body: %s' "$STATUS" "$b"
}

done_testing() {
	stop_server
	echo "1..$T_N"
	if [ "$T_FAILED" -gt 0 ]; then
		echo "# $T_FAILED of $T_N failed"
		exit 1
	fi
	exit 0
}

# ---------------------------------------------------------------- fixture

# q_cli ARGS...: run the CLI on the test database; output to $TMP/cli.out.
q_cli() {
	"$QINGDAN" "$@" --db "$DB" >"$TMP/cli.out" 2>&1
}

# add_unit NAME KIND [PARENT] -> sets UNIT_LAST to the new id.
add_unit() {
	local args=(unit add --name "$1" --kind "$2")
	[ $# -ge 3 ] && args+=(--parent "$3")
	q_cli "${args[@]}" || bail "unit add $1" "$(cat "$TMP/cli.out")"
	UNIT_LAST=$(sqlite3 "$DB" "SELECT max(id) FROM unit")
}

# add_user LOGIN NAME UNIT ROLE [PASSWORD]: person + account + grant.
add_user() {
	q_cli user add --login "$1" --password "${5:-$PASSWORD}" --name "$2" \
		--unit "$3" --role "$4" || bail "user add $1" "$(cat "$TMP/cli.out")"
	ACCOUNT_ID[$1]=$(sqlite3 "$DB" "SELECT id FROM account WHERE login='$1'")
	PERSON_ID[$1]=$(sqlite3 "$DB" "SELECT person_id FROM account WHERE login='$1'")
}

# grant LOGIN UNIT ROLE
grant() {
	q_cli user grant --login "$1" --unit "$2" --role "$3" ||
		bail "user grant $1 $3 @ $2" "$(cat "$TMP/cli.out")"
}

# The standard test organisation:
#
#   1 测试县 (county)                      admin     county admin
#   ├── 2 甲镇 (township A)                ta.leader leader, ta.admin admin
#   │   ├── 4 甲一村 (village A1)          va.handler handler, va.leader leader,
#   │   │   │                              viewer viewer, sup supervisor
#   │   │   └── 7 甲一村第一网格 (grid)    grid grid_worker
#   │   └── 5 甲二村 (village A2)
#   └── 3 乙镇 (township B)                tb.handler handler
#       └── 6 乙一村 (village B1)
#
# Extra accounts cost ~0.3 s each under ASan (argon2id): keep them few.
U_COUNTY=1 U_TA=2 U_TB=3 U_VA1=4 U_VA2=5 U_VB1=6 U_GRID=7
make_fixture() {
	q_cli init --prefix QDT || bail "qingdan init" "$(cat "$TMP/cli.out")"
	add_unit 测试县 county
	add_unit 甲镇 township 1
	add_unit 乙镇 township 1
	add_unit 甲一村 village 2
	add_unit 甲二村 village 2
	add_unit 乙一村 village 3
	add_unit 甲一村第一网格 grid 4
	[ "$UNIT_LAST" = 7 ] || bail "fixture unit ids" "last unit id is $UNIT_LAST, not 7"
	add_user admin 县管理员 $U_COUNTY admin
	add_user ta.leader 甲镇镇长 $U_TA leader
	add_user ta.admin 甲镇管理员 $U_TA admin
	add_user va.handler 甲一村经办 $U_VA1 handler
	add_user va.leader 甲一村书记 $U_VA1 leader
	add_user viewer 甲一村查看 $U_VA1 viewer
	add_user sup 甲一村督导 $U_VA1 supervisor
	add_user grid 网格员小王 $U_GRID grid_worker
	add_user tb.handler 乙镇经办 $U_TB handler
}

# ---------------------------------------------------------------- server

# start_server: serve $DB on 127.0.0.1 with a free port; bail when it does
# not answer within 10 s.
start_server() {
	rm -f "$TMP/port"
	"$QINGDAN" serve --db "$DB" --address 127.0.0.1 --port 0 --port-file "$TMP/port" \
		--threads 2 >>"$TMP/server.log" 2>&1 &
	SERVER_PID=$!
	local i
	PORT=
	for i in $(seq 100); do
		if ! kill -0 "$SERVER_PID" 2>/dev/null; then
			SERVER_PID=
			bail "server starts" "the server exited:" "$(tail -n 40 "$TMP/server.log")"
		fi
		if [ -z "$PORT" ] && [ -s "$TMP/port" ]; then
			read -r PORT <"$TMP/port" || PORT=
			case $PORT in '' | *[!0-9]*) PORT= ;; esac
		fi
		if [ -n "$PORT" ] &&
			curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$PORT/api/v1"; then
			BASE=http://127.0.0.1:$PORT
			return 0
		fi
		sleep 0.1
	done
	bail "server starts" "no answer within 10 s (port '$PORT')" "$(tail -n 40 "$TMP/server.log")"
}

# stop_server: SIGTERM; a test that it exits promptly and cleanly (status 0,
# no sanitizer report).
stop_server() {
	[ -n "$SERVER_PID" ] || return 0
	local pid=$SERVER_PID rc i
	SERVER_PID=
	if ! kill -0 "$pid" 2>/dev/null; then
		wait "$pid"
		rc=$?
		fail "server still running at the end" "it exited with status $rc" \
			"$(tail -n 60 "$TMP/server.log")"
		return
	fi
	kill -TERM "$pid"
	for i in $(seq 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid"
		wait "$pid" 2>/dev/null
		fail "server stops within 10 s of SIGTERM" "$(tail -n 40 "$TMP/server.log")"
		return
	fi
	wait "$pid"
	rc=$?
	if [ "$rc" -eq 0 ] && ! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error|qingdan: bug' "$TMP/server.log"; then
		pass "server stops cleanly on SIGTERM (no sanitizer report)"
	else
		fail "server stops cleanly on SIGTERM (no sanitizer report)" "exit status $rc" \
			"$(grep -E -A30 'AddressSanitizer|LeakSanitizer|runtime error|qingdan: bug' "$TMP/server.log" | head -n 80)"
	fi
}

restart_server() {
	stop_server
	TOKENS=()
	start_server
}

# ---------------------------------------------------------------- requests

# req METHOD PATH [JSON_BODY] [curl args...]: one request with the current
# token; sets STATUS, the body in $TMP/body, headers in $TMP/headers. A JSON
# body is sent with Content-Type: application/json; give "" (or start the
# curl options right away) for none.
req() {
	local method=$1 path=$2 body=${3-}
	shift 2
	# A third argument starting with "-" is a curl option: no JSON body.
	if [[ $body == -* ]]; then
		body=
	elif [ $# -gt 0 ]; then
		shift
	fi
	local args=(-sS --max-time 10 -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' -X "$method")
	[ -n "$TOKEN" ] && args+=(-H "Authorization: Bearer $TOKEN")
	[ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
	: >"$TMP/body"
	if ! STATUS=$(curl "${args[@]}" "$@" "$BASE$path" 2>"$TMP/curl.err"); then
		STATUS="$STATUS (curl: $(tr '\n' ' ' <"$TMP/curl.err"))"
	fi
}

# step LABEL EXPECTED_STATUS METHOD PATH [JSON_BODY] [curl args...]
step() {
	local label=$1 want=$2
	shift 2
	req "$@"
	if [ "$STATUS" == "$want" ]; then
		pass "$label"
	else
		fail "$label" "$1 $2 -> expected status $want" "$(last_reply)"
	fi
}

# refused LABEL STATUS CODE METHOD PATH [JSON_BODY] [curl args...]: the reply
# has the status and the error shape {"error":{"code":CODE,"message":"..."}}.
refused() {
	local label=$1 want=$2 code=$3
	shift 3
	req "$@"
	local got
	got=$(jq -r 'if (.error|type) == "object" and (.error.message|type) == "string"
			and (.error.message|length) > 0 then .error.code else "(no error shape)" end' \
		"$TMP/body" 2>/dev/null) || got="(not JSON)"
	if [ "$STATUS" == "$want" ] && [ "$got" == "$code" ]; then
		pass "$label -> $want $code"
	else
		fail "$label -> $want $code" "$1 $2" "$(last_reply)"
	fi
}

# jq_is LABEL FILTER EXPECTED: jq -r FILTER on the last reply.
jq_is() {
	local got
	got=$(jq -r "$2" "$TMP/body" 2>&1) || got="(jq failed: $got)"
	if [ "$got" == "$3" ]; then
		pass "$1"
	else
		fail "$1" "$2: expected '$3', got '$got'" "$(last_reply)"
	fi
}

# jq_ok LABEL EXPR: jq -e EXPR on the last reply is true.
jq_ok() {
	if jq -e "$2" "$TMP/body" >/dev/null 2>&1; then
		pass "$1"
	else
		fail "$1" "not true: $2" "$(last_reply)"
	fi
}

# val FILTER: a value of the last reply (jq -r).
val() {
	jq -r "$1" "$TMP/body" 2>/dev/null
}

# header_is LABEL NAME EXPECTED: a header of the last reply.
header_is() {
	local got
	got=$(tr -d '\r' <"$TMP/headers" | awk -v n="$2" 'BEGIN { n = tolower(n) }
		{ i = index($0, ":"); if (i && tolower(substr($0, 1, i - 1)) == n) {
			v = substr($0, i + 1); sub(/^ */, "", v); print v } }' | tail -n 1)
	is "$1" "$got" "$3"
}

# ---------------------------------------------------------------- batches

# Many requests sent by one curl (curl -K CONFIG: keep-alive, no process
# per request, which under ASan matters):
#   batch_begin
#   batch_add ID METHOD PATH [CONFIG-LINE...]   e.g. 'header = "…"',
#                                               'data-binary = "…"'
#   batch_run
# Then B_STATUS[ID] is the status, $B/ID.body the body, $B/ID.hdr the
# headers; BATCH lists the ids of the last batch in order.
B=$TMP/b
BATCH=()
declare -A B_STATUS=()

# curl_quote VAR STRING: STRING quoted for a curl config line, into VAR
# (no subshell: batches quote thousands of strings).
curl_quote() {
	local s=${2//\\/\\\\}
	printf -v "$1" '"%s"' "${s//\"/\\\"}"
}

batch_begin() {
	mkdir -p "$B"
	: >"$B/cfg"
	BATCH=()
}

batch_add() {
	local id=$1 method=$2 path=$3 q o
	shift 3
	{
		[ ${#BATCH[@]} -gt 0 ] && echo next
		curl_quote q "$BASE$path"
		echo "url = $q"
		curl_quote q "$method"
		echo "request = $q"
		echo "globoff"
		echo "max-time = 20"
		curl_quote q "$B/$id.body"
		echo "output = $q"
		curl_quote q "$B/$id.hdr"
		echo "dump-header = $q"
		echo "write-out = \"$id %{http_code}\\n\""
		for o in "$@"; do
			printf '%s\n' "$o"
		done
	} >>"$B/cfg"
	BATCH+=("$id")
}

batch_run() {
	local n s
	curl -s -K "$B/cfg" >"$B/status" 2>"$B/curl.err"
	while read -r n s; do
		B_STATUS[$n]=$s
	done <"$B/status"
}

# ---------------------------------------------------------------- web pages

# web METHOD PATH [curl args...]: a browser-like request with the cookie jar
# $JAR (default $TMP/jar); sets STATUS, the body in $TMP/body, the headers
# in $TMP/headers.
web() {
	local method=$1 path=$2
	shift 2
	STATUS=$(curl -sS --max-time 10 -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' \
		-b "${JAR:=$TMP/jar}" -c "$JAR" -X "$method" "$@" "$BASE$path" 2>"$TMP/curl.err") || true
}
# cookie NAME: its value in the jar.
cookie() { awk -v n="$1" '$6 == n {print $7}' "${JAR:=$TMP/jar}" | tail -1; }
# csrf_in_page: the CSRF token of the first form of the last page.
csrf_in_page() { grep -o 'name="_csrf" value="[^"]*"' "$TMP/body" | head -1 | sed 's/.*value="//; s/"$//'; }
# web_login LOGIN: a fresh jar, the login form, logged in (STATUS 303).
web_login() {
	rm -f "${JAR:=$TMP/jar}"
	web GET /login
	web POST /login --data-urlencode "_csrf=$(cookie qd_pre)" --data-urlencode "login=$1" \
		--data-urlencode "password=$PASSWORD"
}

# ---------------------------------------------------------------- accounts

# login LOGIN [PASSWORD]: print a Bearer token (no TAP output; status 1 and
# a diagnostic on stderr when it fails).
login() {
	local out status
	out=$(curl -sS --max-time 10 -w '\n%{http_code}' -H 'Content-Type: application/json' \
		--data-binary "$(jq -cn --arg l "$1" --arg p "${2:-$PASSWORD}" '{login:$l,password:$p}')" \
		"$BASE/api/v1/login" 2>&1)
	status=${out##*$'\n'}
	out=${out%$'\n'*}
	if [ "$status" != 200 ] || ! jq -e '.token|strings' >/dev/null 2>&1 <<<"$out"; then
		echo "login $1 failed: status $status: $out" >&2
		return 1
	fi
	jq -r .token <<<"$out"
}

# as LOGIN: later requests carry LOGIN's token (logged in once per server).
# "as -" sends no token.
as() {
	if [ "$1" == - ]; then
		TOKEN=
		return
	fi
	if [ -z "${TOKENS[$1]:-}" ]; then
		local t
		t=$(login "$1" 2>"$TMP/login.err") || bail "log in as $1" "$(cat "$TMP/login.err")"
		TOKENS[$1]=$t
	fi
	TOKEN=${TOKENS[$1]}
}

# ---------------------------------------------------------------- database

# Every table qingdan keeps (sessions excluded: logins add them; the text
# index follows the items), as one fingerprint: any write shows up here.
db_fingerprint() {
	local t cmds=
	for t in $(sqlite3 "$DB" "SELECT name FROM sqlite_master WHERE type = 'table'
			AND name NOT IN ('session', 'sqlite_sequence') AND name NOT LIKE 'item_fts%'
			ORDER BY name"); do
		cmds+=".dump $t"$'\n'
	done
	local dump
	dump=$(sqlite3 "$DB" <<<"$cmds" 2>&1 | grep -v '^\(PRAGMA\|BEGIN\|COMMIT\|CREATE\)')
	# A failed dump must never look like "unchanged".
	case $dump in
	*'INSERT INTO'*) md5sum <<<"$dump" | cut -c1-32 ;;
	*) echo "no dump ($RANDOM$RANDOM): $(head -c 200 <<<"$dump")" ;;
	esac
}

count_events() {
	sqlite3 "$DB" 'SELECT count(*) FROM event'
}

# mark: remember the database state; unchanged LABEL: nothing was written
# since.
mark() {
	MARK_FP=$(db_fingerprint)
	MARK_EVENTS=$(count_events)
}

unchanged() {
	local fp ev
	fp=$(db_fingerprint)
	ev=$(count_events)
	if [ "$fp" == "$MARK_FP" ] && [ "$ev" == "$MARK_EVENTS" ]; then
		pass "$1: nothing changed"
	else
		fail "$1: nothing changed" "events $MARK_EVENTS -> $ev; records differ: $([ "$fp" != "$MARK_FP" ] && echo yes || echo no)"
	fi
}

# refused_nochange LABEL STATUS CODE METHOD PATH [BODY] [curl args...]: a
# refused request (see refused) that also leaves the database as it was.
refused_nochange() {
	mark
	refused "$@"
	unchanged "$1"
}

# json_body KEY=VALUE...: small helper for JSON objects from shell values,
# e.g. json_body title="a b" unit_id:=4 (":=" for raw JSON values).
json_body() {
	local args=() expr='{}' kv k v i=0
	for kv in "$@"; do
		i=$((i + 1))
		if [[ $kv == *:=* ]]; then
			k=${kv%%:=*} v=${kv#*:=}
			args+=(--argjson "v$i" "$v")
		else
			k=${kv%%=*} v=${kv#*=}
			args+=(--arg "v$i" "$v")
		fi
		expr="$expr + {\"$k\": \$v$i}"
	done
	jq -cn "${args[@]}" "$expr"
}

# save NAME: keep the last reply as $TMP/NAME.json.
save() {
	cp "$TMP/body" "$TMP/$1.json"
}

# delta LABEL BEFORE AFTER FILTER EXPECTED: (AFTER|FILTER) - (BEFORE|FILTER)
# over two saved replies is EXPECTED.
delta() {
	local got
	got=$(jq -n --slurpfile a "$TMP/$2.json" --slurpfile b "$TMP/$3.json" \
		"(\$b[0] | $4) - (\$a[0] | $4)" 2>&1) || got="(jq failed: $got)"
	if [ "$got" == "$5" ]; then
		pass "$1"
	else
		fail "$1" "$4: expected a change of $5, got $got" \
			"before: $(jq -c "$4" "$TMP/$2.json" 2>&1)" "after: $(jq -c "$4" "$TMP/$3.json" 2>&1)"
	fi
}
