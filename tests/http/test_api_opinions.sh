#!/usr/bin/env bash
# Opinions from the public through the JSON API: staff entry, listing and
# paging, triage (accept into an item, link a duplicate, reject, reply), the
# answer at sign-off, the submitter's page by tracking code and rating
# (不满意 reopens the item), permissions, bad inputs, and a privacy scan of
# every public reply and the viewer's replies for the submitter's name and
# phone number.
. "$(dirname "$0")/lib.sh"

make_fixture
start_server

NAME=隐私测试王小明
PHONE=13800009999
SCAN=$TMP/scan.txt
: >"$SCAN"
# scan: keep the last reply for the privacy scan at the end.
scan() {
	cat "$TMP/body" >>"$SCAN"
	echo >>"$SCAN"
}
# pub LABEL STATUS METHOD PATH [BODY]: a request with no login, scanned.
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

# ------------------------------------------------------------ staff entry
as va.handler
step "handler enters a phoned-in opinion with name and phone" 201 POST /api/v1/opinions "$(json_body \
	channel=phone unit_id:=$U_VA1 text='村口路灯不亮，晚上出行不便。' \
	submitter_name=$NAME submitter_contact=$PHONE)"
O1=$(val .id)
C1=$(val .code)
jq_ok "tracking code: 12 characters of the code alphabet" '.code | test("^[A-HJ-NP-Z2-9]{12}$")'
jq_is "new opinion is received" .status received
jq_is "channel as given" .channel phone
jq_is "unit as given" .unit_id "$U_VA1"
jq_ok "received_at is a W3C datetime" '.received_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}[+-][0-9]{2}:[0-9]{2}$")'
jq_is "handler sees the name" .submitter_name "$NAME"
jq_is "handler sees the contact" .submitter_contact "$PHONE"
jq_is "no item yet" .item null

step "a duplicate by letter, anonymous" 201 POST /api/v1/opinions "$(json_body \
	channel=letter unit_id:=$U_VA1 text='村口路灯坏了好几天了。' submitter_contact=$PHONE)"
O2=$(val .id)
C2=$(val .code)
jq_ok "anonymous: no submitter_name key" 'has("submitter_name") | not'
step "a third opinion, by visit" 201 POST /api/v1/opinions "$(json_body \
	channel=visit unit_id:=$U_VA1 text='希望把邻居家的树砍掉。' submitter_name=$NAME)"
O3=$(val .id)
C3=$(val .code)
step "a fourth opinion, empty name and contact count as none" 201 POST /api/v1/opinions "$(json_body \
	channel=meeting unit_id:=$U_VA1 text='建议增加文化活动。' submitter_name= submitter_contact=)"
O4=$(val .id)
jq_ok "no personal keys" '(has("submitter_name") or has("submitter_contact")) | not'
ok_if "codes differ" [ "$C1" != "$C2" ]

# ------------------------------------------------------------ listing
step "list of village A1, 2 per page" 200 GET "/api/v1/opinions?unit=$U_VA1&limit=2"
jq_is "page 1: 2 rows, newest first" '[.opinions[].id] | join(",")' "$O4,$O3"
jq_is "page 1: has_more, next_offset 2" '"\(.has_more) \(.next_offset)"' "true 2"
jq_is "page names its unit" .unit "$U_VA1"
step "page 2" 200 GET "/api/v1/opinions?unit=$U_VA1&limit=2&offset=2"
jq_is "page 2: the first two" '[.opinions[].id] | join(",")' "$O2,$O1"
jq_is "page 2: no more" '"\(.has_more) \(.next_offset)"' "false null"
step "default unit is the caller's" 200 GET "/api/v1/opinions"
jq_is "four opinions" '.opinions | length' 4
as ta.leader
step "township A leader lists its subtree" 200 GET "/api/v1/opinions?unit=$U_TA&status=received"
jq_is "four received" '.opinions | length' 4
step "nothing under village A2" 200 GET "/api/v1/opinions?unit=$U_VA2"
jq_is "empty" '.opinions | length' 0

# ------------------------------------------------------------ permissions
as tb.handler
refused "township B handler cannot list village A1" 403 FORBIDDEN GET "/api/v1/opinions?unit=$U_VA1"
refused "township B handler cannot read an opinion of A1" 403 FORBIDDEN GET "/api/v1/opinions/$O1"
refused_nochange "township B handler cannot accept it" 403 FORBIDDEN POST "/api/v1/opinions/$O1/accept" \
	'{"title":"路灯维修","mode":"immediate"}'
refused_nochange "township B handler cannot reject it" 403 FORBIDDEN POST "/api/v1/opinions/$O3/reject" \
	'{"reason":"不属于本单位"}'
refused_nochange "township B handler cannot enter one for A1" 403 FORBIDDEN POST /api/v1/opinions \
	"$(json_body channel=phone unit_id:=$U_VA1 text=测试)"

as viewer
step "viewer reads an opinion" 200 GET "/api/v1/opinions/$O1"
scan
jq_ok "viewer: no name, no contact" '(has("submitter_name") or has("submitter_contact")) | not'
step "viewer lists" 200 GET "/api/v1/opinions?unit=$U_VA1"
scan
jq_ok "viewer list: no name, no contact" '[.opinions[] | has("submitter_name") or has("submitter_contact")] | any | not'
refused_nochange "viewer cannot accept" 403 FORBIDDEN POST "/api/v1/opinions/$O1/accept" \
	'{"title":"路灯维修","mode":"immediate"}'
scan
refused_nochange "viewer cannot reply" 403 FORBIDDEN POST "/api/v1/opinions/$O1/reply" '{"text":"收到"}'
scan
refused_nochange "viewer cannot enter an opinion" 403 FORBIDDEN POST /api/v1/opinions \
	"$(json_body channel=phone unit_id:=$U_VA1 text=测试 submitter_contact=$PHONE)"
scan

# ------------------------------------------------------------ triage
as va.handler
refused_nochange "accept needs a title" 400 MISSING_FIELD POST "/api/v1/opinions/$O1/accept" '{"mode":"deadline"}'
refused_nochange "accept: unknown field" 400 UNKNOWN_FIELD POST "/api/v1/opinions/$O1/accept" \
	'{"title":"路灯维修","mode":"deadline","unit_id":6}'
refused_nochange "accept: bad mode" 400 BAD_FIELD POST "/api/v1/opinions/$O1/accept" \
	'{"title":"路灯维修","mode":"soon"}'
step "accept opinion 1 into a new item" 200 POST "/api/v1/opinions/$O1/accept" "$(json_body \
	title=村口路灯维修 mode=deadline due_on=2024-03-31 level=organization)"
jq_is "accepted" .status accepted
I1=$(val .item_id)
X1=$(val .item.ext_id)
jq_is "item in the reply" .item.id "$I1"
jq_is "item title" .item.title 村口路灯维修
jq_is "one opinion on the item" .item.opinions 1
step "the item exists" 200 GET "/api/v1/items/$I1"
jq_is "source opinion" .source opinion
jq_is "the opinion's unit" .unit_id "$U_VA1"
jq_is "detail from the opinion's text" .detail '村口路灯不亮，晚上出行不便。'
jq_is "found on the day received" .found_on 2024-03-15
refused_nochange "accept twice" 409 BAD_TRANSITION POST "/api/v1/opinions/$O1/accept" \
	'{"title":"again","mode":"immediate"}'

refused_nochange "link: unknown item" 400 BAD_FIELD POST "/api/v1/opinions/$O2/link" '{"item":99999}'
refused_nochange "link: item missing" 400 MISSING_FIELD POST "/api/v1/opinions/$O2/link" '{}'
refused_nochange "link: unknown field" 400 UNKNOWN_FIELD POST "/api/v1/opinions/$O2/link" "{\"item\":$I1,\"x\":1}"
refused_nochange "link: item of the wrong type" 400 BAD_FIELD POST "/api/v1/opinions/$O2/link" '{"item":true}'
step "link the duplicate by ext_id" 200 POST "/api/v1/opinions/$O2/link" "$(json_body item=$X1)"
jq_is "linked" .status linked
jq_is "linked to item 1" .item_id "$I1"
jq_is "the item has 2 linked opinions" .item.opinions 2
step "opinion 1 shows 2 linked" 200 GET "/api/v1/opinions/$O1"
jq_is "2 opinions on its item" .item.opinions 2
jq_is "item status" .item.status open

refused_nochange "reject needs a reason" 400 NEED_REASON POST "/api/v1/opinions/$O3/reject" '{}'
refused_nochange "reject: blank reason" 400 NEED_REASON POST "/api/v1/opinions/$O3/reject" '{"reason":"  "}'
step "reject opinion 3" 200 POST "/api/v1/opinions/$O3/reject" '{"reason":"属于邻里纠纷，请通过人民调解解决。"}'
jq_is "rejected" .status rejected
jq_is "reason kept" .reject_reason 属于邻里纠纷，请通过人民调解解决。
refused_nochange "link a rejected opinion" 409 BAD_TRANSITION POST "/api/v1/opinions/$O3/link" "{\"item\":$I1}"

refused_nochange "reply needs text" 400 MISSING_FIELD POST "/api/v1/opinions/$O4/reply" '{}'
refused_nochange "reply: empty text" 400 BAD_FIELD POST "/api/v1/opinions/$O4/reply" '{"text":""}'
step "reply to opinion 4" 200 POST "/api/v1/opinions/$O4/reply" '{"text":"感谢建议，已转村委会研究。"}'
jq_is "reply kept" .reply 感谢建议，已转村委会研究。
jq_ok "replied_at set" '.replied_at | strings'

step "audit log of opinion 1 is there" 200 GET "/api/v1/opinions/$O1"

# ------------------------------------------------------------ the submitter, before the answer
pub "public page of opinion 1" 200 GET "/api/v1/public/opinions/$C1"
jq_is "public: accepted" .status accepted
jq_is "public: the unit's name" .unit.name 甲一村
jq_is "public: received day" .received_on 2024-03-15
jq_is "public: item status only" '.item | keys | join(",")' closure,status
jq_is "public: item open" .item.status open
jq_ok "public: no id, text, name or contact" \
	'(has("id") or has("text") or has("submitter_name") or has("submitter_contact") or has("item_id")) | not'
pub "public page of the rejected one" 200 GET "/api/v1/public/opinions/$C3"
jq_is "public: rejected with its reason" '"\(.status) \(.reject_reason)"' "rejected 属于邻里纠纷，请通过人民调解解决。"
pub_refused "rate before the answer" 409 BAD_TRANSITION POST "/api/v1/public/opinions/$C1/rate" '{"rating":"satisfied"}'

# ------------------------------------------------------------ sign-off answers the opinions
step "start the item" 200 POST "/api/v1/items/$I1/start"
step "request sign-off" 200 POST "/api/v1/items/$I1/request_signoff"
as ta.leader
step "township leader signs off" 200 POST "/api/v1/items/$I1/signoff" '{"closure":"resolved","reason":"已更换灯泡并检修线路"}'
pub "public page after the answer" 200 GET "/api/v1/public/opinions/$C1"
jq_is "answered" .status answered
jq_is "the resolution tells how it was signed off" .resolution 已解决：已更换灯泡并检修线路
jq_is "item closed" .item.status closed
jq_is "… as resolved" .item.closure resolved
pub "public page of the duplicate" 200 GET "/api/v1/public/opinions/$C2"
jq_is "duplicate answered too" .status answered

# ------------------------------------------------------------ rating
pub_refused "rate: unknown field" 400 UNKNOWN_FIELD POST "/api/v1/public/opinions/$C1/rate" '{"rating":"satisfied","name":"x"}'
pub_refused "rate: bad rating" 400 BAD_FIELD POST "/api/v1/public/opinions/$C1/rate" '{"rating":"great"}'
pub_refused "rate: rating missing" 400 MISSING_FIELD POST "/api/v1/public/opinions/$C1/rate" '{"comment":"好"}'
pub "rate opinion 1 satisfied" 200 POST "/api/v1/public/opinions/$C1/rate" '{"rating":"satisfied","comment":"修得很快"}'
jq_is "rated satisfied" .rating satisfied
jq_is "comment kept" .rating_comment 修得很快
pub_refused "rate twice" 409 CONFLICT POST "/api/v1/public/opinions/$C1/rate" '{"rating":"basic"}'
pub_refused "不满意 needs a comment" 400 NEED_REASON POST "/api/v1/public/opinions/$C2/rate" '{"rating":"unsatisfied"}'
pub_refused "不满意 with an empty comment" 400 NEED_REASON POST "/api/v1/public/opinions/$C2/rate" '{"rating":"unsatisfied","comment":""}'
pub "rate the duplicate 不满意" 200 POST "/api/v1/public/opinions/$C2/rate" '{"rating":"unsatisfied","comment":"路灯又坏了"}'
jq_is "rated unsatisfied" .rating unsatisfied
jq_is "item reopened (public view)" .item.status in_progress
as va.handler
step "the item after 不满意" 200 GET "/api/v1/items/$I1"
jq_is "item in progress again" .status in_progress
jq_is "reopened once" .reopens 1
jq_ok "history has the reopen with the comment" '[.history[] | select(.action == "item.reopen") | .note] | any(. != null and contains("路灯又坏了"))'
pub_refused "rate a rejected opinion" 409 BAD_TRANSITION POST "/api/v1/public/opinions/$C3/rate" '{"rating":"satisfied"}'
pub "public page after the rating" 200 GET "/api/v1/public/opinions/$C2"
pub "public page of opinion 1 after rating" 200 GET "/api/v1/public/opinions/$C1"

# ------------------------------------------------------------ bad inputs
refused_nochange "create: unknown field" 400 UNKNOWN_FIELD POST /api/v1/opinions \
	"$(json_body channel=phone unit_id:=$U_VA1 text=测试 status=answered)"
refused_nochange "create: bad channel" 400 BAD_FIELD POST /api/v1/opinions \
	"$(json_body channel=pigeon unit_id:=$U_VA1 text=测试)"
refused_nochange "create: text too long" 400 BAD_FIELD POST /api/v1/opinions \
	"$(json_body channel=phone unit_id:=$U_VA1 text="$(printf '长%.0s' $(seq 2001))")"
refused_nochange "create: empty text" 400 BAD_FIELD POST /api/v1/opinions \
	"$(json_body channel=phone unit_id:=$U_VA1 text=)"
refused_nochange "create: text missing" 400 MISSING_FIELD POST /api/v1/opinions \
	"$(json_body channel=phone unit_id:=$U_VA1)"
refused_nochange "create: name too long" 400 BAD_FIELD POST /api/v1/opinions \
	"$(json_body channel=phone unit_id:=$U_VA1 text=测试 submitter_name="$(printf '名%.0s' $(seq 101))")"
refused_nochange "create: no such unit" 400 BAD_FIELD POST /api/v1/opinions \
	"$(json_body channel=phone unit_id:=999 text=测试)"
refused_nochange "create: no such category" 400 BAD_FIELD POST /api/v1/opinions \
	"$(json_body channel=phone unit_id:=$U_VA1 text=测试 category_id:=999)"
refused "list: limit 0" 400 BAD_PARAM GET "/api/v1/opinions?limit=0"
refused "list: limit 201" 400 BAD_PARAM GET "/api/v1/opinions?limit=201"
refused "list: bad status" 400 BAD_PARAM GET "/api/v1/opinions?status=lost"
refused "list: unknown parameter" 400 BAD_PARAM GET "/api/v1/opinions?q=x"
refused "get: no such opinion" 404 NOT_FOUND GET /api/v1/opinions/99999
refused "get: not an id" 404 NOT_FOUND GET /api/v1/opinions/abc
refused_nochange "reply to no such opinion" 404 NOT_FOUND POST /api/v1/opinions/99999/reply '{"text":"x"}'
pub_refused "public: bad code format" 404 NOT_FOUND GET /api/v1/public/opinions/abc
pub_refused "public: lower-case code" 404 NOT_FOUND GET "/api/v1/public/opinions/$(tr A-Z a-z <<<"$C1")"
pub_refused "public: unknown code" 404 NOT_FOUND GET /api/v1/public/opinions/AAAAAAAAAAAA
pub_refused "rate: bad code format" 404 NOT_FOUND POST /api/v1/public/opinions/abc/rate '{"rating":"satisfied"}'
pub_refused "rate: unknown code" 404 NOT_FOUND POST /api/v1/public/opinions/AAAAAAAAAAAA/rate '{"rating":"satisfied"}'
pub_refused "rate: not JSON" 400 BAD_JSON POST "/api/v1/public/opinions/$C2/rate" '{"rating":'
as -
refused "staff list needs a login" 401 UNAUTHENTICATED GET /api/v1/opinions
scan
refused_nochange "staff entry needs a login" 401 UNAUTHENTICATED POST /api/v1/opinions \
	"$(json_body channel=phone unit_id:=$U_VA1 text=测试 submitter_contact=$PHONE)"
scan

# ------------------------------------------------------------ privacy scan
ok_if "scan collected public and viewer replies" [ "$(grep -c . "$SCAN")" -ge 20 ]
ok_if "the scan sees what is there (tracking code and text)" grep -qF "$C1" "$SCAN"
absent() { ! grep -qF "$1" "$SCAN"; }
ok_if "no public or viewer reply carries the name" absent "$NAME"
ok_if "no public or viewer reply carries the phone" absent "$PHONE"
is "no audit event carries the phone" \
	"$(sqlite3 "$DB" "select count(*) from event where after like '%$PHONE%' or before like '%$PHONE%' or note like '%$PHONE%'")" 0
is "no audit event carries the name" \
	"$(sqlite3 "$DB" "select count(*) from event where after like '%$NAME%' or before like '%$NAME%' or note like '%$NAME%'")" 0
as va.handler
step "the handler still sees them" 200 GET "/api/v1/opinions/$O1"
jq_is "name kept for handling staff" '"\(.submitter_name) \(.submitter_contact)"' "$NAME $PHONE"

q_cli check
is "qingdan check passes on the database the server wrote" "$?" 0

done_testing
