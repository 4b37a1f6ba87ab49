#!/usr/bin/env bash
# The demo county's opinions from the public: `qingdan demo` builds them
# through the use cases (503 gathered by the grassroots, 74 visits on the
# county leaders' reception days, 64 at departments), `qingdan check` passes
# on the result, the API lists them in every channel the demo uses and in
# every state of triage, nobody is named, a submitter's tracking page shows
# a rated answer, and the rates of the last two months have data and rank
# the six townships apart.
. "$(dirname "$0")/lib.sh"

DEMO_PW=qingdan-demo
t0=$(date +%s)
if "$QINGDAN" demo --db "$DB" >"$TMP/demo.out" 2>&1; then
	pass "qingdan demo builds the demo county ($(($(date +%s) - t0)) s, today $QINGDAN_TODAY)"
else
	bail "qingdan demo builds the demo county" "$(tail -n 20 "$TMP/demo.out")"
fi
ok_if "the summary counts the opinions: 641 (503 grassroots, 74 reception days, 64 departments)" \
	grep -q '群众诉求 / opinions: 641 (基层开门纳谏 grassroots 503, 县级领导接访 reception days 74, 部门 departments 64)' "$TMP/demo.out"

if "$QINGDAN" check --db "$DB" >"$TMP/check.out" 2>&1; then
	pass "qingdan check passes on the demo county"
else
	fail "qingdan check passes on the demo county" "$(tail -n 20 "$TMP/check.out")"
fi

is "no opinion names its submitter or gives a contact" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM opinion
		WHERE submitter_name IS NOT NULL OR submitter_contact IS NOT NULL")" 0

# ------------------------------------------------------------ through the API
start_server
PASSWORD=$DEMO_PW
as county.leader
ALL=$TMP/all.json
: >"$ALL"
offset=0
for _ in $(seq 10); do
	req GET "/api/v1/opinions?unit=1&limit=200&offset=$offset"
	[ "$STATUS" == 200 ] || break
	jq -c '.opinions[]' "$TMP/body" >>"$ALL"
	[ "$(val .has_more)" == true ] || break
	offset=$(val .next_offset)
done
[ "$STATUS" == 200 ] || fail "GET /api/v1/opinions?unit=1 pages" "$(last_reply)"
is "the API lists all 641 opinions of the county" "$(wc -l <"$ALL" | tr -d ' ')" 641

# jq_file LABEL FILTER FILE: jq -e FILTER on FILE is true.
jq_file() {
	if jq -e "$2" "$3" >/dev/null 2>&1; then
		pass "$1"
	else
		fail "$1" "not true: $2" "$(head -c 1500 "$3")"
	fi
}
count() { # jq condition on each opinion
	jq -s "map(select($1)) | length" "$ALL"
}
for ch in letter visit phone web meeting survey; do
	n=$(count ".channel == \"$ch\"")
	ok_if "opinions came by $ch ($n)" test "$n" -gt 0
done
is "none came through Open311 in the demo" "$(count '.channel == "open311"')" 0
for st in accepted linked rejected answered; do
	n=$(count ".status == \"$st\"")
	ok_if "opinions $st ($n)" test "$n" -gt 0
done
n=$(count '.status == "received"')
ok_if "a handful still wait for triage near today ($n)" test "$n" -gt 0 -a "$n" -le 30
n=$(count '.status == "rejected" and (.reject_reason | length) > 0')
is "every rejected opinion has its reason" "$n" "$(count '.status == "rejected"')"
for rt in satisfied basic; do
	n=$(count ".rating == \"$rt\"")
	ok_if "answers rated $rt ($n)" test "$n" -gt 0
done
n=$(count '.rating != null')
a=$(count '.status == "answered"')
ok_if "most answers are rated, not all ($n of $a answered)" test "$n" -gt $((a / 2)) -a "$n" -lt "$a"
days=$(jq -rs 'map(.received_at[0:10]) | unique | length' "$ALL")
ok_if "opinions came on many days ($days)" test "$days" -gt 60

# the submitter's page of a rated, resolved answer
CODE=$(sqlite3 "$DB" "SELECT code FROM opinion WHERE status = 'answered'
	AND closure = 'resolved' AND rating = 'satisfied' ORDER BY id LIMIT 1")
as -
step "the tracking page of a rated answer" 200 GET "/api/v1/public/opinions/$CODE"
jq_ok "it shows the answer, how it was resolved and the rating" \
	'.status == "answered" and .rating == "satisfied" and (.resolution | startswith("已解决"))'

# ------------------------------------------------------------ the rates
if "$QINGDAN" rates show --db "$DB" --unit 1 >"$TMP/rates.json" 2>"$TMP/rates.err"; then
	pass "qingdan rates show --unit 1"
else
	fail "qingdan rates show --unit 1" "$(cat "$TMP/rates.err")"
fi
for k in response resolution satisfaction redo; do
	jq_file "the county's $k rate has data ($(jq -r ".rates.rates.$k |
		\"\(.numerator)/\(.denominator) = \(.percent) %\"" "$TMP/rates.json"))" \
		".rates.rates.$k.denominator > 0" "$TMP/rates.json"
done
jq_file "the response, resolution and satisfaction rates are realistic (80-99 %)" \
	'[.rates.rates.response, .rates.rates.resolution, .rates.rates.satisfaction]
		| all(.percent >= 80 and .percent < 99.5)' "$TMP/rates.json"
TOWNS=$TMP/towns.json
jq '[.children[] | select(.unit.id >= 2 and .unit.id <= 7)]' "$TMP/rates.json" >"$TOWNS"
jq_file "all six townships are ranked" 'length == 6 and all(.rank > 0)' "$TOWNS"
jq_file "the townships' composites differ" '[.[].composite] | unique | length >= 5' "$TOWNS"
note "$(jq -r '.[] | "\(.rank) \(.unit.name) \(.composite)"' "$TOWNS" | tr '\n' ';')"

done_testing
