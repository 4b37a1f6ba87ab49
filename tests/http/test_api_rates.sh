#!/usr/bin/env bash
# The hotline rates and the public board (晒单) through the JSON API and the
# pages: a small set of opinions is entered, triaged, answered, sent back,
# reopened and rated through the API; the rates of the county and its two
# townships are checked against values worked out by hand (below); every
# part's records add up to its count; the rules are read, refused (bad JSON,
# resolved excluded, unknown key, not a top-level admin: nothing changes)
# and changed; bad parameters are refused; and every public reply (JSON and
# HTML) is scanned for the submitter's name and phone number, the opinions'
# text, tracking codes and rating comments.
#
# Today is 2024-03-15 (Friday; lib.sh), so the default period is 2024-01-16
# to 2024-03-15; with a limit of 1 working day an opinion received on or
# before 2024-03-13 and not yet answered is late, one received on 03-14 or
# 03-15 is not due yet. Every response happens today.
#
#   opinion  unit   received  response      outcome
#   O1       A1     03-14     accept  1 wd  I1 resolved, rated satisfied (name+phone)
#   O2       A1     03-14     link    1 wd  I1 resolved, rated basic
#   O3       A1     03-11     reject  4 wd  rejected
#   O4       A2     03-11     accept  4 wd  I2 signed off unfounded (excluded)
#   O5       A1     03-12     -             pending, late
#   O6       A1     today     -             pending, not due
#   O7       A1     03-13     accept  2 wd  I3 reviewed, rated unsatisfied -> reopened (redo)
#   O8       A1     03-14     accept  1 wd  I4 sent back once (redo), then resolved
#   O9       A1     01-10     accept        outside the period
#   O10      B1     03-14     accept  1 wd  I5 resolved, rated satisfied
#   O11      TB     today     -             pending, not due
#   O12      A1     03-14     accept  1 wd  I6 signed off extended (counted, not solved)
#
# County, 2024-01-16 .. 2024-03-15 (11 opinions):
#   response      within 5 (O1 O2 O8 O10 O12) / (11 - 2 not due) = 55.56 %
#   resolution    resolved 4 (O1 O2 O8 O10) / (4 + extended 1) = 80 %, unfounded 1 excluded
#                 (O7 is being handled again: no closure)
#   satisfaction  (2 satisfied + 0.8 x 1 basic) / 4 rated = 70 %
#   redo          2 (O7 O8) / 7 handled (O1 O2 O4 O7 O8 O10 O12) = 28.57 %, score 71.43
#   composite     (30 x 55.556 + 35 x 80 + 35 x 70) / 100 = 69.17
# 甲镇 (9): 4/8 = 50 %, 3/4 = 75 %, 1.8/3 = 60 %, 2/6 = 33.33 %; composite 62.25, rank 1
# 乙镇 (2): 1/1, 1/1, 1/1; fewer than 5 opinions: listed, not ranked
. "$(dirname "$0")/lib.sh"

make_fixture
start_server

NAME=晒单隐私测试李四
PHONE=13900007777
TEXT_MARK=晒单测试内容甲
COMMENT=三率测试不满意的理由
SCAN=$TMP/scan.txt
: >"$SCAN"
scan() {
	cat "$TMP/body" >>"$SCAN"
	echo >>"$SCAN"
}
pub() {
	local saved=$TOKEN
	TOKEN=
	step "$@"
	scan
	TOKEN=$saved
}
pub_refused() {
	local saved=$TOKEN
	TOKEN=
	refused_nochange "$@"
	scan
	TOKEN=$saved
}
CODES=()

# op LABEL UNIT CHANNEL RECEIVED_ON [name+phone]: enter an opinion as the
# current account; sets OP (id) and keeps its tracking code.
op() {
	local body
	body=$(json_body channel="$3" unit_id:="$2" text="$TEXT_MARK：$1")
	[ -n "$4" ] && body=$(jq -c --arg d "$4" '. + {received_on: $d}' <<<"$body")
	[ -n "${5:-}" ] && body=$(jq -c --arg n "$NAME" --arg p "$PHONE" \
		'. + {submitter_name: $n, submitter_contact: $p}' <<<"$body")
	req POST /api/v1/opinions "$body"
	if [ "$STATUS" != 201 ]; then
		bail "enter opinion $1" "$(last_reply)"
	fi
	OP=$(val .id)
	CODES+=("$(val .code)")
}
accept() { # OPINION TITLE -> ITEM
	step "accept $1 as $2" 200 POST "/api/v1/opinions/$1/accept" "$(json_body \
		title="$2" mode=deadline due_on=2024-03-31)"
	ITEM=$(val .item_id)
}
# close ITEM CLOSURE: start, request sign-off (current account), sign off
# as VERIFIER.
close() {
	local saved=$TOKEN
	req POST "/api/v1/items/$1/start"
	step "request sign-off of item $1" 200 POST "/api/v1/items/$1/request_signoff"
	as "$VERIFIER"
	step "sign off item $1 as $2" 200 POST "/api/v1/items/$1/signoff" \
		"$(json_body closure="$2" reason="已办理完毕（$2）")"
	TOKEN=$saved
}
rate() { # CODE RATING [COMMENT]
	local body
	body=$(json_body rating="$2")
	[ -n "${3:-}" ] && body=$(json_body rating="$2" comment="$3")
	# the submitter's own page shows the code and comment: not scanned
	local saved=$TOKEN
	TOKEN=
	step "rate $2" 200 POST "/api/v1/public/opinions/$1/rate" "$body"
	TOKEN=$saved
}

# ------------------------------------------------------------ the data set
as va.handler
op O1 $U_VA1 phone 2024-03-14 personal
O1=$OP C1=${CODES[-1]}
op O2 $U_VA1 letter 2024-03-14
O2=$OP C2=${CODES[-1]}
op O3 $U_VA1 visit 2024-03-11
O3=$OP
op O5 $U_VA1 phone 2024-03-12
O5=$OP
op O6 $U_VA1 survey ""
O6=$OP
op O7 $U_VA1 letter 2024-03-13
O7=$OP C7=${CODES[-1]}
op O8 $U_VA1 visit 2024-03-14
O8=$OP
op O9 $U_VA1 phone 2024-01-10
O9=$OP
op O12 $U_VA1 meeting 2024-03-14
O12=$OP
as ta.leader
op O4 $U_VA2 meeting 2024-03-11
O4=$OP
as tb.handler
op O10 $U_VB1 phone 2024-03-14 personal
O10=$OP C10=${CODES[-1]}
op O11 $U_TB web ""
O11=$OP
pass "twelve opinions entered"

as va.handler
VERIFIER=ta.leader
accept "$O1" 村口路灯维修
I1=$ITEM
step "link O2 to item 1" 200 POST "/api/v1/opinions/$O2/link" "{\"item\":$I1}"
step "reject O3" 200 POST "/api/v1/opinions/$O3/reject" '{"reason":"不属于本村职责范围"}'
accept "$O7" 水渠清淤
I3=$ITEM
accept "$O8" 道路坑洼修补
I4=$ITEM
accept "$O9" 一月份的旧诉求
accept "$O12" 垃圾清运
I6=$ITEM
close "$I1" resolved
close "$I3" reviewed
close "$I6" extended
req POST "/api/v1/items/$I4/start"
step "request sign-off of item 4" 200 POST "/api/v1/items/$I4/request_signoff"
as ta.leader
step "send item 4 back (重办)" 200 POST "/api/v1/items/$I4/sendback" '{"reason":"修补不到位"}'
as va.handler
close "$I4" resolved
as ta.leader
accept "$O4" 二村路面积水
close "$ITEM" unfounded
as tb.handler
VERIFIER=admin
accept "$O10" 乙一村自来水管修复
close "$ITEM" resolved

rate "$C1" satisfied
rate "$C2" basic
rate "$C7" unsatisfied "$COMMENT"
jq_is "不满意 reopened item 3" .item.status in_progress
rate "${C10}" satisfied

# ------------------------------------------------------------ the county's rates
as admin
step "rates of the county (default period)" 200 GET "/api/v1/rates?unit=$U_COUNTY"
save county
jq_is "default period: the last two months" '"\(.from) \(.to)"' "2024-01-16 2024-03-15"
jq_is "unit" '"\(.unit.id) \(.unit.name)"' "1 测试县"
jq_is "received (O9 is outside the period)" .rates.received 11
jq_is "response: 5 within / 9 due, 2 not due" \
	'.rates.rates.response | "\(.numerator) \(.denominator) \(.excluded) \(.percent)"' "5 9 2 55.56"
jq_is "resolution: 4 resolved / 5, 1 unfounded excluded" \
	'.rates.rates.resolution | "\(.numerator) \(.denominator) \(.excluded) \(.percent)"' "4 5 1 80"
jq_is "satisfaction: 2 + 0.8 basic / 4" \
	'.rates.rates.satisfaction | "\(.numerator) \(.denominator) \(.percent) \(.score)"' "2.8 4 70 70"
jq_is "redo: 2 / 7, score 71.43" \
	'.rates.rates.redo | "\(.numerator) \(.denominator) \(.percent) \(.score)"' "2 7 28.57 71.43"
jq_is "weights 30/35/35/0" '[.rates.rates | .response, .resolution, .satisfaction, .redo | .weight] | join(",")' "30,35,35,0"
jq_is "composite (30 x 55.556 + 35 x 80 + 35 x 70) / 100" .rates.composite 69.17
jq_is "parts of the response rate" \
	'[.rates.parts[] | select(.rate == "response") | "\(.name)=\(.n):\(.role)"] | join(" ")' \
	"response.within=5:numerator response.late=3:denominator response.pending_late=1:denominator response.pending_not_due=2:excluded"
jq_is "parts of the resolution rate" \
	'[.rates.parts[] | select(.rate == "resolution" and .n > 0) | "\(.name)=\(.n):\(.role)"] | join(" ")' \
	"resolution.resolved=4:numerator resolution.extended=1:denominator resolution.unfounded=1:excluded"
jq_is "parts of the satisfaction rate, basic weighs 0.8" \
	'[.rates.parts[] | select(.rate == "satisfaction") | "\(.name)=\(.n)x\(.weight)"] | join(" ")' \
	"satisfaction.satisfied=2x1 satisfaction.basic=1x0.8 satisfaction.unsatisfied=1x0"
jq_is "parts of the redo rate" \
	'[.rates.parts[] | select(.rate == "redo") | "\(.name)=\(.n)"] | join(" ")' "redo.redo=2 redo.not_redone=5"
jq_is "two children" '.children | length' 2
jq_is "甲镇 first, ranked 1" '.children[0] | "\(.unit.name) \(.rank) \(.ranked) \(.received)"' "甲镇 1 true 9"
jq_is "甲镇's rates" '.children[0].rates | [.response, .resolution, .satisfaction, .redo] | map(.percent) | join(" ")' \
	"50 75 60 33.33"
jq_is "甲镇's composite" '.children[0].composite' 62.25
jq_is "乙镇 listed, not ranked (2 < 5)" '.children[1] | "\(.unit.name) \(.rank) \(.ranked) \(.received) \(.composite)"' \
	"乙镇 null false 2 100"
jq_is "rules in the reply" '.rules | "\(.min_count) \(.response_wdays) \(.basic_coefficient) \(.exclude_closures | join(","))"' \
	"5 1 0.8 transferred,unfounded,duplicate"

step "a period that holds O9 only" 200 GET "/api/v1/rates?unit=$U_COUNTY&from=2024-01-01&to=2024-01-31"
jq_is "one received, answered none" '"\(.rates.received) \(.rates.rates.resolution.denominator)"' "1 0"
jq_is "percent null when the denominator is 0" .rates.rates.resolution.percent null
step "the default unit is the caller's first grant" 200 GET "/api/v1/rates"
jq_is "… the county for admin" .unit.id 1
as va.handler
step "village A1 handler reads its own rates" 200 GET "/api/v1/rates"
jq_is "village A1, 8 received" '"\(.unit.id) \(.rates.received)"' "$U_VA1 8"

# ------------------------------------------------------------ drill-down
as admin
parts=$(jq -r '.rates.parts[] | "\(.name) \(.n)"' "$TMP/county.json")
bad=
for p in $(cut -d' ' -f1 <<<"$parts"); do
	n=$(awk -v p="$p" '$1 == p {print $2}' <<<"$parts")
	req GET "/api/v1/rates/records?unit=$U_COUNTY&part=$p&limit=200"
	got=$(val '.opinions | length')
	[ "$STATUS" = 200 ] && [ "$got" = "$n" ] || bad+="$p: count $n, records $got (status $STATUS); "
	req GET "/api/v1/public/board/records?unit=$U_COUNTY&part=$p&limit=200"
	scan
	got=$(val '.items | length')
	[ "$STATUS" = 200 ] && [ "$got" = "$n" ] || bad+="public $p: count $n, records $got (status $STATUS); "
done
is "every part's records (staff and public) add up to its count" "$bad" ""
step "the records behind response.within" 200 GET "/api/v1/rates/records?unit=$U_COUNTY&part=response.within"
is "… are O1 O2 O8 O10 O12" "$(val '[.opinions[].id] | sort | map(tostring) | join(" ")')" \
	"$(printf '%s\n' "$O1" "$O2" "$O8" "$O10" "$O12" | sort -n | tr '\n' ' ' | sed 's/ $//')"
jq_ok "… newest received first" '[.opinions[].received_at] | . == (sort | reverse)'
jq_is "… named by the reply" '"\(.part) \(.unit) \(.from) \(.to)"' "response.within 1 2024-01-16 2024-03-15"
step "response.pending_late is O5" 200 GET "/api/v1/rates/records?unit=$U_COUNTY&part=response.pending_late"
jq_is "… O5" '[.opinions[].id] | join(",")' "$O5"
step "response.pending_not_due" 200 GET "/api/v1/rates/records?unit=$U_COUNTY&part=response.pending_not_due"
is "… O6 and O11" "$(val '[.opinions[].id] | sort | map(tostring) | join(",")')" "$O6,$O11"
step "redo.redo" 200 GET "/api/v1/rates/records?unit=$U_COUNTY&part=redo.redo"
is "… O7 and O8" "$(val '[.opinions[].id] | sort | map(tostring) | join(",")')" "$O7,$O8"
step "resolution.resolved, one per page" 200 GET "/api/v1/rates/records?unit=$U_COUNTY&part=resolution.resolved&limit=1&offset=1"
jq_is "… paged" '"\(.opinions | length) \(.has_more) \(.next_offset)"' "1 true 2"
step "records of 甲镇 only" 200 GET "/api/v1/rates/records?unit=$U_TA&part=satisfaction.satisfied"
jq_is "… O1" '[.opinions[].id] | join(",")' "$O1"
step "the handler sees the name in the records" 200 GET "/api/v1/rates/records?unit=$U_VA1&part=satisfaction.satisfied"
jq_is "… handling staff of the unit" '.opinions[0].submitter_name' "$NAME"
as viewer
step "a viewer reads the records" 200 GET "/api/v1/rates/records?unit=$U_VA1&part=satisfaction.satisfied"
jq_ok "… without name or contact" '[.opinions[] | has("submitter_name") or has("submitter_contact")] | any | not'

# ------------------------------------------------------------ the public board
pub "the public board, no login" 200 GET /api/v1/public/board
save board
jq_is "the first top-level unit, the default period" '"\(.unit.id) \(.from) \(.to)"' "1 2024-01-16 2024-03-15"
jq_is "the same rates as staff see" '[.rates.rates | .response, .resolution, .satisfaction, .redo | .percent] | join(" ")' "55.56 80 70 28.57"
jq_is "… and composite" .rates.composite 69.17
jq_is "counts: received, responded, pending, rated" \
	'.counts | "\(.received) \(.responded) \(.pending) \(.rated)"' "11 8 3 4"
jq_is "counts by channel" '.counts.by_channel | "\(.letter) \(.visit) \(.phone) \(.web) \(.meeting) \(.survey)"' "2 2 3 1 2 1"
jq_is "counts by status" '.counts.by_status | "\(.received) \(.accepted) \(.linked) \(.rejected) \(.answered) \(.redo)"' \
	"3 0 0 1 6 1"
jq_is "counts by closure and rating" '"\(.counts.by_closure.resolved) \(.counts.by_closure.unfounded) \(.counts.by_rating.basic)"' "4 1 1"
jq_is "how: rules with weights, curves, exclusions" \
	'"\(.rules.weights.response) \(.rules.curves.redo | map(join(":")) | join(",")) \(.rules.exclude_closures | length)"' \
	"30 0:100,100:0 3"
jq_is "children ranked, the unranked one says why" \
	'[.children[] | "\(.unit.name):\(.rank):\(.not_ranked_because)"] | join(" ")' "甲镇:1:null 乙镇:null:min_count"
jq_is "resolved matters: I1 (O1, O2 once), I4 (O8), I5 (O10)" '.resolved.items | length' 3
jq_is "… with title, unit, dates, rating only" '[.resolved.items[] | keys | join(",")] | unique | join(" ")' \
	"answered_on,rating,received_on,title,unit"
jq_is "… titles, each item once" '[.resolved.items[].title] | sort | join(",")' "乙一村自来水管修复,村口路灯维修,道路坑洼修补"
jq_is "… answered today, rated (I1 by its latest opinion, O2)" '[.resolved.items[] | "\(.answered_on)/\(.rating)"] | sort | join(" ")' \
	"2024-03-15/basic 2024-03-15/null 2024-03-15/satisfied"
pub "the board paged" 200 GET "/api/v1/public/board?limit=2&offset=2"
jq_is "… the third" '"\(.resolved.items | length) \(.resolved.has_more) \(.resolved.offset)"' "1 false 2"
pub "the board of 乙镇" 200 GET "/api/v1/public/board?unit=$U_TB"
jq_is "… its own figures" '"\(.unit.name) \(.rates.received) \(.children | length) \(.resolved.items | length)"' "乙镇 2 1 1"
pub "public records of a part" 200 GET "/api/v1/public/board/records?part=satisfaction.unsatisfied"
jq_is "… day, unit, status, title and rating only" '.items[0] | keys | join(",")' "rating,received_on,status,title,unit"
jq_is "… O7, being handled again" '.items[0] | "\(.received_on) \(.unit.name) \(.status) \(.title) \(.rating)"' \
	"2024-03-13 甲一村 redo 水渠清淤 unsatisfied"

pub "the board page" 200 GET /board
ok_if "… names the county and the period" grep -q '测试县 · 晒单' "$TMP/body"
for s in '55.6%' '80.0%' '70.0%' '28.6%' '69.2'; do
	ok_if "… shows $s" grep -qF "$s" "$TMP/body"
done
ok_if "… 乙镇 not ranked, with the reason" grep -qF '意见数不足 5 条，不参与排名' "$TMP/body"
ok_if "… links each part's count to its records" \
	grep -qF '/board/records?unit=1&amp;from=2024-01-16&amp;to=2024-03-15&amp;part=response.within">5</a>' "$TMP/body"
ok_if "… lists the resolved matters" grep -qF '道路坑洼修补' "$TMP/body"
ok_if "… the unit picker has the county and its townships" \
	bash -c "grep -o '<select id=\"f-per-unit\".*</select>' '$TMP/body' | grep -q '乙镇'"
pub "a records page" 200 GET "/board/records?unit=1&from=2024-01-16&to=2024-03-15&part=resolution.resolved"
ok_if "… says how many" grep -qF '共 4 条' "$TMP/body"
ok_if "… lists the titles" grep -qF '乙一村自来水管修复' "$TMP/body"
pub "a records page of pending opinions" 200 GET "/board/records?part=response.pending_not_due"
pub "the board of 甲镇 in English" 200 GET "/board?unit=$U_TA" -H 'Accept-Language: en'
ok_if "… in English" grep -qF 'Public board' "$TMP/body"

# ------------------------------------------------------------ the staff page
JAR=$TMP/jar
web GET /rates
is "/rates needs a login" "$STATUS" 303
web GET /login
pre=$(awk '$6 == "qd_pre" {print $7}' "$JAR" | tail -1)
web POST /login --data-urlencode "_csrf=$pre" --data-urlencode "login=admin" \
	--data-urlencode "password=$PASSWORD"
is "admin logs in" "$STATUS" 303
web GET /rates
is "/rates for admin" "$STATUS" 200
ok_if "… the county's figures" grep -qF '55.6%' "$TMP/body"
ok_if "… the rules for a top-level admin" grep -qF '&quot;min_count&quot;: 5' "$TMP/body"
ok_if "… a nav link" grep -qF 'href="/rates" aria-current="page"' "$TMP/body"
web GET "/rates/records?unit=1&part=response.within"
is "staff records page" "$STATUS" 200
ok_if "… links to each opinion" grep -qF "href=\"/opinions/$O12\"" "$TMP/body"
is "… five rows" "$(grep -o 'href="/opinions/[0-9]*"' "$TMP/body" | wc -l)" 5
web GET "/rates/records?unit=1&part=response.nope"
is "staff records: unknown part" "$STATUS" 400

# ------------------------------------------------------------ rules
as va.handler
step "staff read the rules" 200 GET /api/v1/rates/rules
jq_is "… the defaults" '"\(.response_wdays) \(.basic_coefficient) \(.min_count) \(.weights.satisfaction)"' "1 0.8 5 35"
RULES=$(cat "$TMP/body")
refused_nochange "a handler cannot change the rules" 403 FORBIDDEN PUT /api/v1/rates/rules '{"min_count":2}'
as ta.admin
refused_nochange "a township admin cannot either" 403 FORBIDDEN PUT /api/v1/rates/rules '{"min_count":2}'
refused_nochange "… not even with bad rules" 403 FORBIDDEN PUT /api/v1/rates/rules '{"min_count":"x"}'
as -
refused_nochange "no login" 401 UNAUTHENTICATED PUT /api/v1/rates/rules '{"min_count":2}'
as admin
refused_nochange "rules: not JSON" 400 BAD_JSON PUT /api/v1/rates/rules '{"min_count":'
refused_nochange "rules: resolved cannot be excluded" 400 BAD_FIELD PUT /api/v1/rates/rules \
	'{"exclude_closures":["resolved","duplicate"]}'
refused_nochange "rules: unknown key" 400 UNKNOWN_FIELD PUT /api/v1/rates/rules '{"min_count":2,"bonus":1}'
refused_nochange "rules: unknown rate in weights" 400 BAD_FIELD PUT /api/v1/rates/rules '{"weights":{"speed":10}}'
refused_nochange "rules: all weights 0" 400 BAD_FIELD PUT /api/v1/rates/rules \
	'{"weights":{"response":0,"resolution":0,"satisfaction":0,"redo":0}}'
refused_nochange "rules: curve not increasing" 400 BAD_FIELD PUT /api/v1/rates/rules \
	'{"curves":{"response":[[50,0],[40,100]]}}'
refused_nochange "rules: coefficient above 1" 400 BAD_FIELD PUT /api/v1/rates/rules '{"basic_coefficient":1.5}'
refused_nochange "rules: duplicate key" 400 BAD_JSON PUT /api/v1/rates/rules '{"min_count":2,"min_count":3}'
refused_nochange "rules: not an object" 400 BAD_JSON PUT /api/v1/rates/rules '[1]'
refused_nochange "rules: wrong content type" 415 BAD_CONTENT_TYPE PUT /api/v1/rates/rules \
	-H 'Content-Type: text/plain' --data-binary '{"min_count":2}'
step "the rules are unchanged" 200 GET /api/v1/rates/rules
is "… as before" "$(jq -S -c . "$TMP/body")" "$(jq -S -c . <<<"$RULES")"

ev0=$(count_events)
step "a top-level admin changes the rules" 200 PUT /api/v1/rates/rules \
	'{"min_count":2,"basic_coefficient":0.5,"exclude_closures":[],"weights":{"response":20,"resolution":40,"satisfaction":40,"redo":0}}'
jq_is "… answered with the rules in force" '"\(.min_count) \(.basic_coefficient) \(.exclude_closures | length) \(.weights.response)"' "2 0.5 0 20"
jq_is "… what was not given is the default" .response_wdays 1
is "… one audit event" "$(count_events)" $((ev0 + 1))
step "rates under the new rules" 200 GET "/api/v1/rates?unit=$U_COUNTY"
jq_is "satisfaction (2 + 0.5) / 4" .rates.rates.satisfaction.percent 62.5
jq_is "resolution: unfounded counted now, 4 / 6" .rates.rates.resolution.percent 66.67
jq_is "composite (20 x 55.556 + 40 x 66.667 + 40 x 62.5) / 100" .rates.composite 62.78
jq_is "乙镇 ranked first now (2 >= 2)" '[.children[] | "\(.unit.name):\(.rank)"] | join(" ")' "乙镇:1 甲镇:2"
pub "the board follows the rules" 200 GET /api/v1/public/board
jq_is "… 乙镇 first" '[.children[] | .unit.name] | join(" ")' "乙镇 甲镇"
step "back to the defaults" 200 PUT /api/v1/rates/rules '{}'
is "… as at first" "$(jq -S -c . "$TMP/body")" "$(jq -S -c . <<<"$RULES")"

# ------------------------------------------------------------ bad parameters
as admin
refused "rates: from after to" 400 BAD_PARAM GET "/api/v1/rates?from=2024-03-10&to=2024-03-01"
refused "rates: bad date" 400 BAD_PARAM GET "/api/v1/rates?from=2024-13-01"
refused "rates: not a date" 400 BAD_PARAM GET "/api/v1/rates?to=yesterday"
refused "rates: more than five years" 400 BAD_PARAM GET "/api/v1/rates?from=2015-01-01&to=2024-03-15"
refused "rates: unknown unit" 404 NOT_FOUND GET "/api/v1/rates?unit=999"
refused "rates: unknown parameter" 400 BAD_PARAM GET "/api/v1/rates?part=x"
refused "records: unknown part" 400 BAD_PARAM GET "/api/v1/rates/records?part=response.nope"
refused "records: unknown rate" 400 BAD_PARAM GET "/api/v1/rates/records?part=speed.within"
refused "records: no part" 400 BAD_PARAM GET "/api/v1/rates/records"
refused "records: limit 0" 400 BAD_PARAM GET "/api/v1/rates/records?part=redo.redo&limit=0"
refused "records: unknown unit" 404 NOT_FOUND GET "/api/v1/rates/records?part=redo.redo&unit=999"
refused "rules: takes no parameter" 400 BAD_PARAM GET "/api/v1/rates/rules?x=1"
as tb.handler
refused "乙镇 handler cannot read 甲镇's rates" 403 FORBIDDEN GET "/api/v1/rates?unit=$U_TA"
refused "… nor its records" 403 FORBIDDEN GET "/api/v1/rates/records?unit=$U_TA&part=redo.redo"
as -
refused "rates need a login" 401 UNAUTHENTICATED GET /api/v1/rates
pub_refused "board: from after to" 400 BAD_PARAM GET "/api/v1/public/board?from=2024-03-10&to=2024-03-01"
pub_refused "board: bad date" 400 BAD_PARAM GET "/api/v1/public/board?to=2024-02-30"
pub_refused "board: unknown unit" 404 NOT_FOUND GET "/api/v1/public/board?unit=999"
pub_refused "board: unknown parameter" 400 BAD_PARAM GET "/api/v1/public/board?q=1"
pub_refused "board: limit 201" 400 BAD_PARAM GET "/api/v1/public/board?limit=201"
pub_refused "board records: unknown part" 400 BAD_PARAM GET "/api/v1/public/board/records?part=resolution.solved"
pub_refused "board records: no part" 400 BAD_PARAM GET "/api/v1/public/board/records"
pub_refused "board: no body" 400 BAD_PARAM GET /api/v1/public/board -d 'x'
req GET "/board?from=2024-03-10&to=2024-03-01"
is "board page: from after to" "$STATUS" 400
req GET "/board?from=2024-3-1"
is "board page: bad date" "$STATUS" 400
req GET "/board?unit=999"
is "board page: unknown unit" "$STATUS" 404
req GET "/board?unit=abc"
is "board page: unit not a number" "$STATUS" 400
req GET "/board/records?part=zzz"
is "board records page: unknown part" "$STATUS" 400
req GET "/board/records"
is "board records page: no part" "$STATUS" 400
step "the board of 甲二村" 200 GET "/api/v1/public/board?unit=$U_VA2"
as admin
step "deactivate 甲二村 (its item is signed off)" 200 PATCH "/api/v1/units/$U_VA2" '{"active":false}'
pub_refused "board of a deactivated unit" 404 NOT_FOUND GET "/api/v1/public/board?unit=$U_VA2"

# ------------------------------------------------------------ privacy scan
ok_if "the scan collected the public replies" [ "$(wc -c <"$SCAN")" -gt 20000 ]
ok_if "the scan sees what is public (titles)" grep -qF '村口路灯维修' "$SCAN"
absent() { ! grep -qF "$1" "$SCAN"; }
ok_if "no public reply carries the name" absent "$NAME"
ok_if "no public reply carries the phone" absent "$PHONE"
ok_if "no public reply carries an opinion's text" absent "$TEXT_MARK"
ok_if "no public reply carries a rating comment" absent "$COMMENT"
bad=
for c in "${CODES[@]}"; do grep -qF "$c" "$SCAN" && bad+="$c "; done
is "no public reply carries a tracking code" "$bad" ""

q_cli check
is "qingdan check passes on the database the server wrote" "$?" 0

done_testing
