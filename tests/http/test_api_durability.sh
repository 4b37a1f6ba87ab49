#!/usr/bin/env bash
# No acknowledged write is lost: clients create items while the server is
# killed with SIGKILL; after a restart every item that was answered 201 is
# there, and `qingdan check` finds the ledger intact.
. "$(dirname "$0")/lib.sh"

make_fixture
start_server
as va.handler

# writer N: create items one after another until the server goes away
# (bounded: at most 300 requests); log "status id title" lines.
writer() {
	local n=$1 i code
	for i in $(seq 300); do
		local title="断电测试 $n-$i"
		code=$(curl -s --max-time 5 -o "$TMP/w$n.body" -w '%{http_code}' \
			-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
			--data-binary "{\"source\":\"self_inspection\",\"level\":\"member\",\"title\":\"$title\",\"unit_id\":$U_VA1,\"mode\":\"deadline\",\"due_on\":\"2024-04-30\"}" \
			"$BASE/api/v1/items") || true
		[ "$code" = 201 ] || break
		echo "$(jq -r .id "$TMP/w$n.body") $title" >>"$TMP/acked.$n"
	done
}

: >"$TMP/acked.1"; : >"$TMP/acked.2"; : >"$TMP/acked.3"
writer 1 & w1=$!
writer 2 & w2=$!
writer 3 & w3=$!
sleep 2
kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=
wait "$w1" "$w2" "$w3"
cat "$TMP"/acked.* >"$TMP/acked"
acked=$(wc -l <"$TMP/acked")
ok_if "writes were acknowledged before the kill ($acked)" test "$acked" -gt 0

start_server
as va.handler
missing=0
while read -r id title; do
	req GET "/api/v1/items/$id"
	if [ "$STATUS" != 200 ] || [ "$(jq -r .title "$TMP/body")" != "$title" ]; then
		missing=$((missing + 1))
		note "acknowledged item $id ($title) is missing or different after the kill"
	fi
done <"$TMP/acked"
is "every acknowledged item ($acked) survives SIGKILL" "$missing" 0

"$QINGDAN" check --db "$DB" >"$TMP/check.out" 2>&1
is "qingdan check passes after the kill" "$?" 0
step "the server still writes after the restart" 201 POST /api/v1/items \
	"{\"source\":\"self_inspection\",\"title\":\"重启后\",\"unit_id\":$U_VA1,\"mode\":\"immediate\"}"
done_testing
