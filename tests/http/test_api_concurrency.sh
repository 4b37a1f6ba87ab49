#!/usr/bin/env bash
# Requests at the same time: versions, state changes and numbering stay
# consistent (one winner, the others refused), nothing answers 5xx, and the
# counters still add up.
. "$(dirname "$0")/lib.sh"

make_fixture
start_server

# par N METHOD PATH [BODY]: N identical requests at once with the current
# token; statuses in $TMP/par/N.status, bodies in $TMP/par/N.body; PAR is a
# summary like "1x200 9x409".
par() {
	local n=$1 method=$2 path=$3 body=${4-} i pids=()
	rm -rf "$TMP/par"
	mkdir -p "$TMP/par"
	for i in $(seq "$n"); do
		(
			args=(-s --max-time 10 -o "$TMP/par/$i.body" -w '%{http_code}' -X "$method"
				-H "Authorization: Bearer $TOKEN")
			[ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
			curl "${args[@]}" "$BASE$path" >"$TMP/par/$i.status" 2>/dev/null
		) &
		pids+=($!)
	done
	wait "${pids[@]}"
	PAR=$(awk 1 "$TMP/par/"*.status | sort | uniq -c | awk '{ printf "%s%dx%s", (NR > 1 ? " " : ""), $1, $2 }')
}
par_bodies() { # the bodies of the replies with status $1, one a line
	local f
	for f in "$TMP/par/"*.status; do
		[ "$(cat "$f")" == "$1" ] && cat "${f%.status}.body"
	done
}

as va.handler
# ------------------------------------------------------------ numbering
par 20 POST /api/v1/items '{"source":"opinion","title":"同时提交","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
is "20 items created at once: all 201" "$PAR" "20x201"
nums=$(par_bodies 201 | jq -r '.ext_id' | sort)
is "20 distinct item numbers" "$(sort -u <<<"$nums" | grep -c .)" 20
is "numbered 1 to 20 without gaps" "$(sed 's/.*-0*//' <<<"$nums" | sort -n | tr '\n' ' ')" "$(seq -s ' ' 20) "
step "the list has them all" 200 GET "/api/v1/items?unit=$U_VA1&limit=200"
jq_is "20 items listed" '.items | length' 20

# ------------------------------------------------------------ versions
step "an item to edit" 201 POST /api/v1/items '{"source":"opinion","title":"并发编辑","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
IE=$(val .id)
par 10 PATCH "/api/v1/items/$IE" '{"version":1,"detail":"同一版本的编辑"}'
is "10 edits of version 1 at once: one wins, the others conflict" "$PAR" "1x200 9x409"
is "the losers get CONFLICT" "$(par_bodies 409 | jq -r .error.code | sort -u)" CONFLICT
step "the item after the edits" 200 GET "/api/v1/items/$IE"
jq_is "version 2" .version 2
jq_is "one item.update in the history" '[.history[] | select(.action == "item.update")] | length' 1

# ------------------------------------------------------------ measures
par 10 POST "/api/v1/items/$IE/measures" '{"text":"同时添加的措施"}'
is "10 measures added at once: all 201" "$PAR" "10x201"
is "their numbers are 1..10" "$(par_bodies 201 | jq -r .seq | sort -n | tr '\n' ' ')" "$(seq -s ' ' 10) "
step "the item has 10 measures" 200 GET "/api/v1/items/$IE"
jq_is "10 measures, distinct numbers" '[.measures[].seq] | unique | length' 10

# ------------------------------------------------------------ state changes
step "an item for sign-off" 201 POST /api/v1/items '{"source":"opinion","title":"并发销号","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
IS=$(val .id)
par 6 POST "/api/v1/items/$IS/request_signoff"
is "6 sign-off requests at once: one wins" "$PAR" "1x200 5x409"
as ta.leader
step "stats before the sign-off" 200 GET "/api/v1/stats?unit=$U_VA1"
save before
par 8 POST "/api/v1/items/$IS/signoff" '{"closure":"resolved"}'
is "8 sign-offs at once: one wins, the others BAD_TRANSITION" "$PAR" "1x200 7x409"
is "the losers get BAD_TRANSITION" "$(par_bodies 409 | jq -r .error.code | sort -u)" BAD_TRANSITION
step "stats after the sign-off" 200 GET "/api/v1/stats?unit=$U_VA1"
save after
delta "solved +1 (not 8)" before after .solved 1
delta "closed +1 (not 8)" before after .items.by_status.closed 1
step "the item" 200 GET "/api/v1/items/$IS"
jq_is "one item.signoff in the history" '[.history[] | select(.action == "item.signoff")] | length' 1

# Two leaders claim the same item at once: one claimant, one count.
as va.handler
step "an item to claim" 201 POST /api/v1/items '{"source":"opinion","title":"并发认领","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
IC=$(val .id)
as va.leader
T_V=$TOKEN
as ta.leader
T_T=$TOKEN
rm -rf "$TMP/par" && mkdir -p "$TMP/par"
pids=()
for i in $(seq 8); do
	t=$T_V
	[ $((i % 2)) -eq 0 ] && t=$T_T
	curl -s --max-time 10 -o "$TMP/par/$i.body" -w '%{http_code}' -X POST \
		-H "Authorization: Bearer $t" "$BASE/api/v1/items/$IC/claim" >"$TMP/par/$i.status" &
	pids+=($!)
done
wait "${pids[@]}"
winner_statuses=$(awk 1 "$TMP/par/"*.status | sort | uniq -c | awk '{ printf "%s ", $2 }')
is "claims at once: only 200 and 409" "$winner_statuses" "200 409 "
is "all 200 answers name one claimant" "$(par_bodies 200 | jq -r .claimant_id | sort -u | grep -c .)" 1
step "stats after the claims" 200 GET "/api/v1/stats?unit=$U_VA1"
jq_is "claimed 1" .claimed 1

# ------------------------------------------------------------ reads during writes
as va.handler
rm -rf "$TMP/par" && mkdir -p "$TMP/par"
pids=()
for i in $(seq 10); do
	curl -s --max-time 10 -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
		-H 'Content-Type: application/json' \
		--data-binary '{"source":"opinion","title":"读写并发","unit_id":4,"mode":"long_term"}' \
		"$BASE/api/v1/items" >"$TMP/par/w$i.status" &
	pids+=($!)
	curl -s --max-time 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
		"$BASE/api/v1/items?unit=$U_VA1&q=%E5%B9%B6%E5%8F%91" >"$TMP/par/r$i.status" &
	pids+=($!)
	curl -s --max-time 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
		"$BASE/api/v1/stats?unit=$U_VA1" >"$TMP/par/s$i.status" &
	pids+=($!)
done
wait "${pids[@]}"
is "10 writes, 20 reads at once: no error" \
	"$(awk 1 "$TMP/par/"*.status | sort | uniq -c | awk '{ printf "%dx%s ", $1, $2 }')" "20x200 10x201 "

step "the server still answers" 200 GET /api/v1/me
if q_cli check; then
	pass "qingdan check passes after the concurrent requests"
else
	fail "qingdan check passes after the concurrent requests" "$(cat "$TMP/cli.out")"
fi

done_testing
