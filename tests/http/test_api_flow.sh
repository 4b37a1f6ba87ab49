#!/usr/bin/env bash
# The life of items through the JSON API: create, measures, sign-off by the
# level above, send-back, reopen, claim, lists, search, paging, statistics,
# and at the end `qingdan check` on the database the server wrote.
. "$(dirname "$0")/lib.sh"

make_fixture
start_server

P_HANDLER=${PERSON_ID[va.handler]}
P_VLEADER=${PERSON_ID[va.leader]}
P_TLEADER=${PERSON_ID[ta.leader]}

# ------------------------------------------------------------ before
as ta.leader
step "stats of township A before" 200 GET "/api/v1/stats?unit=$U_TA"
save stats0
jq_is "stats answer names its unit" .unit_id "$U_TA"
jq_is "no items yet" .items.total 0

as va.handler
step "me" 200 GET /api/v1/me
jq_is "me: login" .login va.handler
jq_is "me: one grant, handler at village A1" '[.grants[] | "\(.role)@\(.unit_id)"] | join(",")' "handler@$U_VA1"

# ------------------------------------------------------------ item 1
step "handler creates a deadline item in its village" 201 POST /api/v1/items "$(json_body \
	source=self_inspection title=村道路灯照明时间过短 detail='晚上照明时间不足，群众多次反映。' \
	unit_id:=$U_VA1 mode=deadline level=organization found_on=2024-03-01 due_on=2024-03-31 \
	responsible_id:=$P_HANDLER)"
I1=$(val .id)
X1=$(val .ext_id)
jq_is "new item is open" .status open
jq_is "new item has version 1" .version 1
jq_ok "ext_id assigned as <prefix>-<year>-<seq>" '.ext_id | test("^QDT-2024-[0-9]{6}$")'
jq_is "new item is not overdue" .overdue false
jq_is "responsible as given" .responsible_id "$P_HANDLER"

as ta.leader
step "stats after create" 200 GET "/api/v1/stats?unit=$U_TA"
save stats1
delta "items.total +1" stats0 stats1 .items.total 1
delta "by_status.open +1" stats0 stats1 .items.by_status.open 1
delta "by_level.organization +1" stats0 stats1 .items.by_level.organization 1

as va.handler
step "start" 200 POST "/api/v1/items/$I1/start"
jq_is "started item is in progress" .status in_progress
jq_is "version 2 after start" .version 2
refused_nochange "start twice" 409 BAD_TRANSITION POST "/api/v1/items/$I1/start"

step "add measure 1" 201 POST "/api/v1/items/$I1/measures" \
	'{"text":"调整路灯定时器，延长照明时间","due_on":"2024-03-20"}'
M1=$(val .id)
jq_is "measure 1: seq 1, open, on item 1" '"\(.seq) \(.status) \(.item_id)"' "1 open $I1"
jq_is "measure 1 belongs to the item's unit" .unit_id "$U_VA1"
step "add measure 2 (by ext_id)" 201 POST "/api/v1/items/$X1/measures" \
	"$(json_body text=加装光控开关 responsible_id:=$P_HANDLER due_on=2024-03-28)"
M2=$(val .id)
jq_is "measure 2: seq 2" .seq 2

refused_nochange "request_signoff with two open measures" 409 OPEN_MEASURES POST "/api/v1/items/$I1/request_signoff"

step "measure 1 done with evidence" 200 PATCH "/api/v1/measures/$M1" \
	'{"status":"done","evidence":"定时器已改为19:00至次日6:00，附照片"}'
jq_is "measure 1 is done" .status done
jq_is "measure 1 done_on is today" .done_on "$QINGDAN_TODAY"
jq_is "measure 1 evidence kept" .evidence "定时器已改为19:00至次日6:00，附照片"
jq_is "measure 1 text unchanged" .text "调整路灯定时器，延长照明时间"

refused_nochange "request_signoff with one open measure" 409 OPEN_MEASURES POST "/api/v1/items/$I1/request_signoff"

step "measure 2 done" 200 PATCH "/api/v1/measures/$M2" '{"status":"done","evidence":"已安装"}'
step "request_signoff once all measures are done" 200 POST "/api/v1/items/$I1/request_signoff"
jq_is "item in review" .status review
refused_nochange "measures are frozen in review" 409 BAD_TRANSITION PATCH "/api/v1/measures/$M1" '{"evidence":"改"}'
refused_nochange "no new measure in review" 409 BAD_TRANSITION POST "/api/v1/items/$I1/measures" '{"text":"再加一条"}'
step "handler's view of the item in review" 200 GET "/api/v1/items/$I1"
V_REVIEW=$(val .version)
refused_nochange "no edit in review" 409 BAD_TRANSITION PATCH "/api/v1/items/$I1" "{\"version\":$V_REVIEW,\"title\":\"改名\"}"
jq_is "handler may do nothing with an item in review" '.actions | length' 0
refused_nochange "handler cannot sign off" 403 FORBIDDEN POST "/api/v1/items/$I1/signoff" '{"closure":"resolved"}'

# ------------------------------------------------------------ own level
as va.leader
step "village leader reads the item" 200 GET "/api/v1/items/$I1"
jq_ok "actions of the own-level leader: claim, no signoff" \
	'(.actions | index("claim")) != null and (.actions | index("signoff")) == null'
refused_nochange "sign-off by the village's own leader" 403 NOT_ABOVE POST "/api/v1/items/$I1/signoff" '{"closure":"resolved"}'
refused_nochange "send-back by the village's own leader" 403 NOT_ABOVE POST "/api/v1/items/$I1/sendback" '{"reason":"不行"}'
step "item after the refused sign-off" 200 GET "/api/v1/items/$I1"
jq_is "still in review" .status review
jq_is "version unchanged" .version "$V_REVIEW"

# ------------------------------------------------------------ level above
as ta.leader
step "township leader reads the item" 200 GET "/api/v1/items/$I1"
jq_ok "actions of the leader above: signoff, sendback, claim; not start" \
	'(.actions | index("signoff")) != null and (.actions | index("sendback")) != null
	 and (.actions | index("claim")) != null and (.actions | index("start")) == null'
refused_nochange "sign-off without closure" 400 MISSING_FIELD POST "/api/v1/items/$I1/signoff" '{}'
refused_nochange "sign-off with an unknown closure" 400 BAD_FIELD POST "/api/v1/items/$I1/signoff" '{"closure":"done"}'
refused_nochange "send-back without a reason" 400 NEED_REASON POST "/api/v1/items/$I1/sendback" ''
refused_nochange "send-back with a blank reason" 400 NEED_REASON POST "/api/v1/items/$I1/sendback" '{"reason":"  "}'
refused_nochange "closure is only for signoff" 400 UNKNOWN_FIELD POST "/api/v1/items/$I1/sendback" '{"reason":"x","closure":"resolved"}'
step "send-back with a reason" 200 POST "/api/v1/items/$I1/sendback" '{"reason":"整改证据不足，请补充夜间照片"}'
jq_is "sent back to in_progress" .status in_progress
jq_is "sendbacks 1" .sendbacks 1

as va.handler
step "request_signoff again" 200 POST "/api/v1/items/$I1/request_signoff"

as ta.leader
step "sign-off by the township leader, resolved" 200 POST "/api/v1/items/$I1/signoff" \
	'{"closure":"resolved","reason":"已整改到位"}'
jq_is "closed" .status closed
jq_is "closure resolved" .closure resolved
jq_is "closed_on today" .closed_on "$QINGDAN_TODAY"
jq_ok "closed_at is a timestamp" '.closed_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T")'
refused_nochange "sign-off of a closed item" 409 BAD_TRANSITION POST "/api/v1/items/$I1/signoff" '{"closure":"resolved"}'

step "stats after sign-off" 200 GET "/api/v1/stats?unit=$U_TA"
save stats2
delta "by_status.open -1 since before the item" stats1 stats2 .items.by_status.open -1
delta "by_status.closed +1" stats1 stats2 .items.by_status.closed 1
delta "solved +1" stats1 stats2 .solved 1
delta "by_closure.resolved +1" stats1 stats2 .items.by_closure.resolved 1
delta "closed_on_time +1" stats1 stats2 .closed_on_time 1
jq_is "sent_back: 1 item, 1 time" '"\(.sent_back.items) \(.sent_back.times)"' "1 1"
jq_is "measures: 2 done" .measures.by_status.done 2
refused "township leader: stats of the county (outside its subtree)" 403 FORBIDDEN GET "/api/v1/stats?unit=$U_COUNTY"
as admin
step "county admin: stats of the county" 200 GET "/api/v1/stats?unit=$U_COUNTY"
jq_is "the county counts the village item as solved" .solved 1

# ------------------------------------------------------------ details
as va.handler
step "GET item by numeric id" 200 GET "/api/v1/items/$I1"
save detail_id
step "GET item by ext_id" 200 GET "/api/v1/items/$X1"
jq_is "same item by ext_id" .id "$I1"
jq_is "unit named" .unit.name 甲一村
jq_is "responsible named" .responsible.name 甲一村经办
jq_is "two measures" '[.measures[].seq] | join(",")' "1,2"
jq_is "both measures done" '[.measures[].status] | unique | join(",")' done
jq_is "item history in order" '[.history[].action | select(startswith("item."))] | join(",")' \
	"item.create,item.start,item.request_signoff,item.sendback,item.request_signoff,item.signoff"
jq_is "send-back reason in the history" '.history[] | select(.action == "item.sendback") | .note' \
	"整改证据不足，请补充夜间照片"
jq_is "the sign-off event names the township leader's account" \
	'.history[] | select(.action == "item.signoff") | .account_id' "${ACCOUNT_ID[ta.leader]}"
jq_is "the sign-off note has the closure and reason" \
	'.history[] | select(.action == "item.signoff") | .note' "resolved: 已整改到位"
jq_ok "sign-off event has before/after states" \
	'.history[] | select(.action == "item.signoff") | .before.status == "review" and .after.status == "closed"'
jq_ok "history shows the measure work (measure.create / measure.update)" \
	'[.history[].action] | index("measure.create") != null and index("measure.update") != null'
jq_is "closed item: no actions for the handler" '.actions | length' 0
cmp -s "$TMP/detail_id.json" "$TMP/body" && pass "same reply by id and by ext_id" ||
	fail "same reply by id and by ext_id" "$(diff <(jq -S . "$TMP/detail_id.json") <(jq -S . "$TMP/body") | head -20)"

# ------------------------------------------------------------ reopen
as ta.leader
refused_nochange "reopen without a reason" 400 NEED_REASON POST "/api/v1/items/$I1/reopen" '{}'
step "reopen with a reason" 200 POST "/api/v1/items/$I1/reopen" '{"reason":"群众反映又不亮了"}'
jq_is "reopened item is in progress" .status in_progress
jq_is "reopens 1" .reopens 1
jq_is "closure cleared" .closure null
step "stats after reopen" 200 GET "/api/v1/stats?unit=$U_TA"
save stats3
delta "solved -1 after reopen" stats2 stats3 .solved -1
jq_is "reopened: 1 item, 1 time" '"\(.reopened.items) \(.reopened.times)"' "1 1"
as va.handler
step "request_signoff after reopen" 200 POST "/api/v1/items/$I1/request_signoff"
as ta.leader
step "sign-off again" 200 POST "/api/v1/items/$I1/signoff" '{"closure":"resolved"}'

# ------------------------------------------------------------ item 2: duplicate
as va.handler
step "create item 2" 201 POST /api/v1/items "$(json_body source=opinion title=广场路灯不亮 \
	unit_id:=$U_VA1 mode=deadline found_on=2024-03-05 due_on=2024-03-25 responsible_id:=$P_HANDLER)"
I2=$(val .id)
X2=$(val .ext_id)
jq_ok "second number follows the first" "(.ext_id | .[-6:] | tonumber) == ((\"$X1\" | .[-6:] | tonumber) + 1)"
step "item 2: request_signoff without measures" 200 POST "/api/v1/items/$X2/request_signoff"
as ta.leader
step "stats before the duplicate closes" 200 GET "/api/v1/stats?unit=$U_TA"
save stats4
step "item 2 closed as duplicate" 200 POST "/api/v1/items/$I2/signoff" '{"closure":"duplicate"}'
jq_is "item 2 closed" .status closed
jq_is "item 2 closure duplicate" .closure duplicate
step "stats after the duplicate" 200 GET "/api/v1/stats?unit=$U_TA"
save stats5
delta "by_status.closed +1 for the duplicate" stats4 stats5 .items.by_status.closed 1
delta "by_closure.duplicate +1" stats4 stats5 .items.by_closure.duplicate 1
delta "a duplicate is not solved" stats4 stats5 .solved 0

# ------------------------------------------------------------ item 3: claim
as va.handler
step "create item 3" 201 POST /api/v1/items "$(json_body source=petition kind=case \
	title=村委会门前排水沟堵塞 detail=雨天积水 unit_id:=$U_VA1 mode=deadline \
	found_on=2024-03-10 due_on=2024-03-31 responsible_id:=$P_HANDLER)"
I3=$(val .id)
refused_nochange "a handler cannot claim" 403 FORBIDDEN POST "/api/v1/items/$I3/claim"
as ta.leader
step "township leader claims item 3" 200 POST "/api/v1/items/$I3/claim"
jq_is "claimant is the leader's person" .claimant_id "$P_TLEADER"
refused_nochange "claiming again by the same leader is refused (nothing to change)" 409 CONFLICT \
	POST "/api/v1/items/$I3/claim"
as va.leader
refused_nochange "another leader cannot take the claim over" 409 CONFLICT POST "/api/v1/items/$I3/claim"
as ta.leader
step "item 3 detail names the claimant" 200 GET "/api/v1/items/$I3"
jq_is "claimant named" .claimant.name 甲镇镇长
step "stats after the claim" 200 GET "/api/v1/stats?unit=$U_TA"
jq_is "claimed 1" .claimed 1
step "claimant filter" 200 GET "/api/v1/items?unit=$U_TA&claimant=$P_TLEADER"
jq_is "claimant filter finds item 3" '[.items[].id] | join(",")' "$I3"

# ------------------------------------------------------------ item 4: overdue
step "leader creates an item in village A2, due before today" 201 POST /api/v1/items \
	"$(json_body source=supervision title=村级活动场所消防器材过期 unit_id:=$U_VA2 \
	mode=deadline found_on=2024-03-01 due_on=2024-03-10 responsible_id:=$P_VLEADER)"
I4=$(val .id)
jq_is "item 4 is overdue" .overdue true
step "overdue list of township A" 200 GET "/api/v1/items?unit=$U_TA&overdue=true"
jq_is "only item 4 is overdue" '[.items[].id] | join(",")' "$I4"
jq_is "list answers its unit" .unit "$U_TA"
step "overdue list of village A1" 200 GET "/api/v1/items?unit=$U_VA1&overdue=true"
jq_is "village A1 has no overdue item" '.items | length' 0
step "stats: overdue" 200 GET "/api/v1/stats?unit=$U_TA"
jq_is "stats overdue 1" .overdue 1
# Items count by the day they were found; overdue by their due day.
step "stats for items found 2024-03-02..2024-03-10" 200 GET "/api/v1/stats?unit=$U_TA&from=2024-03-02&to=2024-03-10"
jq_is "period echoed" '"\(.from) \(.to)"' "2024-03-02 2024-03-10"
jq_is "items 2 and 3 were found in the period" .items.total 2
jq_is "item 4 is due in the period and overdue" .overdue 1
step "stats for items found on 2024-03-01" 200 GET "/api/v1/stats?unit=$U_TA&from=2024-03-01&to=2024-03-01"
jq_is "items 1 and 4 were found that day" .items.total 2
jq_is "nothing is due that day" .overdue 0
step "overdue=false lists no overdue item" 200 GET "/api/v1/items?unit=$U_TA&overdue=false"
jq_is "no overdue item in the overdue=false list" '[.items[] | select(.overdue)] | length' 0
step "responsible filter" 200 GET "/api/v1/items?unit=$U_TA&responsible=$P_VLEADER"
jq_is "item 4 only" '[.items[].id] | join(",")' "$I4"
step "kind filter" 200 GET "/api/v1/items?unit=$U_TA&kind=case"
jq_is "item 3 is the case" '[.items[].id] | join(",")' "$I3"
step "source filter" 200 GET "/api/v1/items?unit=$U_TA&source=opinion"
jq_is "item 2 came from an opinion" '[.items[].id] | join(",")' "$I2"
step "an overdue measure on item 4" 201 POST "/api/v1/items/$I4/measures" '{"text":"更换灭火器","due_on":"2024-03-12"}'
M4=$(val .id)
step "overdue measures of township A" 200 GET "/api/v1/measures?unit=$U_TA&overdue=true"
jq_is "the measure due 2024-03-12 is overdue" '[.measures[].id] | join(",")' "$M4"
step "open measures of township A" 200 GET "/api/v1/measures?unit=$U_TA&open=true"
jq_is "it is the only open measure" '[.measures[].id] | join(",")' "$M4"
step "measures by status done" 200 GET "/api/v1/measures?unit=$U_TA&status=done"
jq_is "measures 1 and 2 are done" '[.measures[].id] | sort | join(",")' "$M1,$M2"
step "measures by responsible" 200 GET "/api/v1/measures?unit=$U_TA&responsible=$P_HANDLER"
jq_is "measure 2 has a responsible" '[.measures[].id] | join(",")' "$M2"
step "open list of township A" 200 GET "/api/v1/items?unit=$U_TA&open=true&sort=due"
jq_is "open items by due day" '[.items[].id] | join(",")' "$I4,$I3"
step "status filter" 200 GET "/api/v1/items?unit=$U_TA&status=closed"
jq_is "closed items" '[.items[].id] | sort | join(",")' "$I1,$I2"
step "due_from/due_to filter" 200 GET "/api/v1/items?unit=$U_TA&due_from=2024-03-20&due_to=2024-03-31"
jq_is "items due in the last third of March" '[.items[].id] | sort | join(",")' "$I1,$I2,$I3"

# ------------------------------------------------------------ responsibility
step "responsibility list of township A" 200 GET "/api/v1/responsibility?unit=$U_TA"
jq_is "answers its unit" .unit "$U_TA"
jq_is "most overdue first: the village A2 item's responsible" .rows[0].person_id "$P_VLEADER"
jq_is "first row: 1 item, 1 open, 1 overdue, due 2024-03-10" \
	'.rows[0] | "\(.total) \(.open) \(.overdue) \(.next_due)"' "1 1 1 2024-03-10"
jq_is "handler's row: 3 items, 1 open, 0 overdue, next due 2024-03-31" \
	".rows[] | select(.person_id == $P_HANDLER) | \"\(.total) \(.open) \(.overdue) \(.next_due)\"" \
	"3 1 0 2024-03-31"
jq_is "handler's row names person and unit" \
	".rows[] | select(.person_id == $P_HANDLER) | \"\(.person_name) \(.unit_name)\"" "甲一村经办 甲一村"

# ------------------------------------------------------------ rectification list
step "rectification list of township A" 200 GET "/api/v1/measures?unit=$U_TA"
jq_is "three measures" '[.measures[].id] | sort | join(",")' "$M1,$M2,$M4"
jq_is "measures list paging" '"\(.has_more) \(.next_offset)"' "false null"
step "rectification list, page of 2" 200 GET "/api/v1/measures?unit=$U_TA&limit=2"
jq_is "measures page: 2, more at 2" '"\(.measures | length) \(.has_more) \(.next_offset)"' "2 true 2"
step "rectification list of village A2" 200 GET "/api/v1/measures?unit=$U_VA2"
jq_is "village A2 has only the measure of item 4" '[.measures[].id] | join(",")' "$M4"

# ------------------------------------------------------------ search
step "search q=照明时间 (trigram)" 200 GET "/api/v1/items?unit=$U_TA&q=%E7%85%A7%E6%98%8E%E6%97%B6%E9%97%B4"
jq_is "finds item 1" '[.items[].id] | join(",")' "$I1"
step "search q=路灯 (two characters)" 200 GET "/api/v1/items?unit=$U_TA&q=%E8%B7%AF%E7%81%AF"
jq_is "finds items 1 and 2" '[.items[].id] | sort | join(",")' "$I1,$I2"
step "search in detail q=积水" 200 GET "/api/v1/items?unit=$U_TA&q=%E7%A7%AF%E6%B0%B4"
jq_is "finds item 3 by its detail" '[.items[].id] | join(",")' "$I3"
step "search with --data-urlencode" 200 GET "/api/v1/items" "" -G \
	--data-urlencode "unit=$U_TA" --data-urlencode "q=群众多次反映"
jq_is "finds item 1 by a phrase of its detail" '[.items[].id] | join(",")' "$I1"
step "search with no match" 200 GET "/api/v1/items?unit=$U_TA&q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA"
jq_is "nothing found" '.items | length' 0
step "search q=% is literal (no wildcard)" 200 GET "/api/v1/items?unit=$U_TA&q=%25"
jq_is "no item has %" '.items | length' 0
step "search q=_ is literal (no wildcard)" 200 GET "/api/v1/items?unit=$U_TA&q=_"
jq_is "no item has _" '.items | length' 0
step "search with FTS syntax is plain text" 200 GET "/api/v1/items?unit=$U_TA&q=%22%E8%B7%AF%E7%81%AF%22%20OR%20*"
jq_is "nothing matches the literal text" '.items | length' 0
as admin
step "search is limited to the unit's subtree" 200 GET "/api/v1/items?unit=$U_TB&q=%E8%B7%AF%E7%81%AF"
jq_is "township B has no 路灯 item" '.items | length' 0

# ------------------------------------------------------------ paging
as ta.leader
step "page 1 (limit 2)" 200 GET "/api/v1/items?unit=$U_TA&limit=2"
save page1
jq_is "page 1: 2 items, more" '"\(.items | length) \(.has_more) \(.next_offset) \(.limit) \(.offset)"' "2 true 2 2 0"
step "page 2" 200 GET "/api/v1/items?unit=$U_TA&limit=2&offset=2"
save page2
jq_is "page 2: 2 items, no more" '"\(.items | length) \(.has_more) \(.next_offset)"' "2 false null"
ids=$(jq -n --slurpfile a "$TMP/page1.json" --slurpfile b "$TMP/page2.json" \
	'[$a[0].items[].id, $b[0].items[].id] | sort | join(",")')
is "pages together are all four items, once each" "$ids" "\"$I1,$I2,$I3,$I4\""
step "newest first" 200 GET "/api/v1/items?unit=$U_TA"
jq_is "default sort newest first" '[.items[].id] | join(",")' "$I4,$I3,$I2,$I1"
jq_is "default limit 50" .limit 50
step "beyond the end" 200 GET "/api/v1/items?unit=$U_TA&offset=10"
jq_is "empty page beyond the end" '"\(.items | length) \(.has_more)"' "0 false"

# ------------------------------------------------------------ already fixed
step "leader records an immediate item as already fixed" 201 POST /api/v1/items \
	"$(json_body source=self_inspection title=公示栏破损已当场修复 unit_id:=$U_VA1 mode=immediate already_fixed:=true)"
jq_is "closed at once as resolved (the leader verifies village A1)" '"\(.status) \(.closure) \(.found_on)"' \
	"closed resolved $QINGDAN_TODAY"
as va.handler
step "handler records an immediate item as already fixed" 201 POST /api/v1/items \
	"$(json_body source=self_inspection title=门牌松动已当场加固 unit_id:=$U_VA1 mode=immediate already_fixed:=true)"
jq_is "waits in review (the handler cannot verify)" .status review
refused_nochange "already_fixed is only for immediate items" 400 BAD_FIELD POST /api/v1/items \
	"$(json_body source=self_inspection title=x unit_id:=$U_VA1 mode=deadline due_on=2024-04-01 already_fixed:=true)"
as sup
refused_nochange "a supervisor may report but not record as already fixed (no right to work)" 403 FORBIDDEN POST /api/v1/items \
	"$(json_body source=self_inspection title=督导当场发现 unit_id:=$U_VA1 mode=immediate already_fixed:=true)"
step "… and reports it as a problem to fix" 201 POST /api/v1/items \
	"$(json_body source=self_inspection title=督导当场发现 unit_id:=$U_VA1 mode=immediate)"
jq_is "… which waits open" .status open
as va.handler

# ------------------------------------------------------------ working days
# 2024-03-15 is a Friday: 5 working days later is Friday 2024-03-22.
step "due_working_days 5" 201 POST /api/v1/items \
	"$(json_body source=research title=工作日测试一 unit_id:=$U_VA1 mode=deadline due_working_days:=5)"
jq_is "due on the 5th working day" .due_on 2024-03-22
as admin
step "admin marks Monday 2024-03-18 a holiday" 200 PUT /api/v1/calendar/2024-03-18 '{"kind":"off"}'
as va.handler
step "due_working_days 5 over the holiday" 201 POST /api/v1/items \
	"$(json_body source=research title=工作日测试二 unit_id:=$U_VA1 mode=deadline due_working_days:=5)"
jq_is "the holiday is skipped" .due_on 2024-03-25
refused_nochange "a handler cannot change the calendar" 403 FORBIDDEN PUT /api/v1/calendar/2024-03-19 '{"kind":"off"}'

# ------------------------------------------------------------ move an item
as ta.leader
step "a measure on item 3" 201 POST "/api/v1/items/$I3/measures" '{"text":"清淤","due_on":"2024-03-20"}'
M3=$(val .id)
step "stats of village A1 before moving item 3" 200 GET "/api/v1/stats?unit=$U_VA1"
save va1_before
step "stats of village A2 before moving item 3" 200 GET "/api/v1/stats?unit=$U_VA2"
save va2_before
step "read item 3" 200 GET "/api/v1/items/$I3"
step "leader moves item 3 to village A2" 200 PATCH "/api/v1/items/$I3" \
	"{\"version\":$(val .version),\"unit_id\":$U_VA2}"
jq_is "item 3 belongs to village A2" .unit_id "$U_VA2"
step "stats of village A1 after" 200 GET "/api/v1/stats?unit=$U_VA1"
save va1_after
step "stats of village A2 after" 200 GET "/api/v1/stats?unit=$U_VA2"
save va2_after
delta "village A1: one item less" va1_before va1_after .items.total -1
delta "village A1: one claimed less" va1_before va1_after .claimed -1
delta "village A2: one item more" va2_before va2_after .items.total 1
delta "village A2: one claimed more" va2_before va2_after .claimed 1
delta "village A1: its measure left too" va1_before va1_after .measures.total -1
delta "village A2: its measure came along" va2_before va2_after .measures.total 1
step "rectification list of village A2" 200 GET "/api/v1/measures?unit=$U_VA2"
jq_ok "lists the measure of the moved item" "[.measures[] | select(.id == $M3) | .unit_id] == [$U_VA2]"
step "read item 3 again" 200 GET "/api/v1/items/$I3"
step "and move it back" 200 PATCH "/api/v1/items/$I3" "{\"version\":$(val .version),\"unit_id\":$U_VA1}"

# ------------------------------------------------------------ edit
step "read item 3 for editing" 200 GET "/api/v1/items/$I3"
V3=$(val .version)
step "edit item 3 with its version" 200 PATCH "/api/v1/items/$I3" "{\"version\":$V3,\"title\":\"村委会门前排水沟堵塞（已清淤一半）\"}"
jq_is "title changed" .title "村委会门前排水沟堵塞（已清淤一半）"
jq_is "version +1" .version "$((V3 + 1))"
jq_is "claimant kept" .claimant_id "$P_TLEADER"
jq_is "detail kept" .detail 雨天积水
step "search finds the new title" 200 GET "/api/v1/items?unit=$U_VA1&q=%E6%B8%85%E6%B7%A4"
jq_is "trigram index follows the edit" '[.items[].id] | join(",")' "$I3"

# ------------------------------------------------------------ today moves on
# The server honours QINGDAN_TODAY: a later day makes item 3 overdue.
export QINGDAN_TODAY=2024-04-05
restart_server
as ta.leader
step "overdue list on 2024-04-05" 200 GET "/api/v1/items?unit=$U_TA&overdue=true&sort=due"
jq_ok "items 4 and 3 are overdue now" "[.items[].id] | index($I4) != null and index($I3) != null"
jq_ok "closed items are never overdue" "[.items[].id] | index($I1) == null and index($I2) == null"
export QINGDAN_TODAY=2024-03-15
restart_server

# ------------------------------------------------------------ closed late
as ta.leader
step "stats before closing item 4 late" 200 GET "/api/v1/stats?unit=$U_TA"
save late0
step "leader finishes the measure of item 4" 200 PATCH "/api/v1/measures/$M4" '{"status":"done"}'
step "leader requests sign-off of item 4" 200 POST "/api/v1/items/$I4/request_signoff"
step "leader signs off item 4, after its due day" 200 POST "/api/v1/items/$I4/signoff" '{"closure":"resolved"}'
jq_is "closed, no longer overdue" '"\(.status) \(.overdue)"' "closed false"
step "stats after closing item 4 late" 200 GET "/api/v1/stats?unit=$U_TA"
save late1
delta "closed_late +1" late0 late1 .closed_late 1
delta "closed_on_time unchanged" late0 late1 .closed_on_time 0
delta "overdue -1" late0 late1 .overdue -1
jq_ok "on_time_rate = on time / (on time + late), one decimal" \
	'.on_time_rate == ((1000 * .closed_on_time / (.closed_on_time + .closed_late) + 0.5 | floor) / 10)'
jq_ok "closed_no_due counts the immediate item" '.closed_no_due >= 1'

# ------------------------------------------------------------ check
if q_cli check; then
	pass "qingdan check passes on the database the server wrote"
else
	fail "qingdan check passes on the database the server wrote" "$(cat "$TMP/cli.out")"
fi
stop_server
sqlite3 "$DB" "UPDATE item SET title='x' WHERE id=$I1"
q_cli check
rc=$?
is "check exits 1 after a row is edited behind qingdan's back" "$rc" 1
if grep -q "$X1" "$TMP/cli.out" && grep -qE "item $I1\b" "$TMP/cli.out"; then
	pass "check names the edited item ($X1)"
else
	fail "check names the edited item ($X1)" "$(cat "$TMP/cli.out")"
fi
other=$(grep -c "edited behind" "$TMP/cli.out")
is "check names only that row" "$other" 1

done_testing
