#!/usr/bin/env bash
# Permissions: role x unit subtree. Outside one's subtree the answer is 403
# and nothing changes; each role may do exactly its part.
#
# test_permission_matrix.sh tries every route x role x position of the
# generated matrix (docs/security.md); this file keeps the cases the matrix
# does not spell out: the error codes (NOT_ABOVE), refusals that carry no
# record data, default units, moves into and out of a subtree, the tree
# rules, the actions an item offers and a full sign-off chain.
. "$(dirname "$0")/lib.sh"

make_fixture
start_server

item() { # item TITLE UNIT: a deadline item body
	json_body source=opinion title="$1" unit_id:="$2" mode=deadline due_on=2024-03-31
}
forbidden_only() { # the 403 reply tells nothing about the record
	jq_ok "$1: the refusal carries no record data" 'keys == ["error"]'
}

# ------------------------------------------------------------ records
as va.handler
step "village A1 handler creates item A1" 201 POST /api/v1/items "$(item 甲一村路灯 $U_VA1)"
IA=$(val .id)
XA=$(val .ext_id)
step "a measure on item A1" 201 POST "/api/v1/items/$IA/measures" '{"text":"修灯"}'
MA=$(val .id)
as tb.handler
step "township B handler creates item B1" 201 POST /api/v1/items "$(item 乙一村水井 $U_VB1)"
IB=$(val .id)
step "a measure on item B1" 201 POST "/api/v1/items/$IB/measures" '{"text":"清淤"}'
MB=$(val .id)

# ------------------------------------------------------------ township B vs A
refused "B handler reads item of A by id" 403 FORBIDDEN GET "/api/v1/items/$IA"
forbidden_only "B handler reads item of A"
refused "B handler reads item of A by ext_id" 403 FORBIDDEN GET "/api/v1/items/$XA"
refused "B handler lists township A" 403 FORBIDDEN GET "/api/v1/items?unit=$U_TA"
refused "B handler lists village A1" 403 FORBIDDEN GET "/api/v1/items?unit=$U_VA1"
refused "B handler lists the county" 403 FORBIDDEN GET "/api/v1/items?unit=$U_COUNTY"
refused "B handler: measures of township A" 403 FORBIDDEN GET "/api/v1/measures?unit=$U_TA"
refused "B handler: responsibility of township A" 403 FORBIDDEN GET "/api/v1/responsibility?unit=$U_TA"
refused "B handler: stats of township A" 403 FORBIDDEN GET "/api/v1/stats?unit=$U_TA"
refused "B handler: stats of the county" 403 FORBIDDEN GET "/api/v1/stats?unit=$U_COUNTY"
refused "B handler: unit A" 403 FORBIDDEN GET "/api/v1/units/$U_TA"
refused "B handler: tree under A" 403 FORBIDDEN GET "/api/v1/units?under=$U_TA"
refused "B handler: persons of A" 403 FORBIDDEN GET "/api/v1/persons?unit=$U_TA"
refused_nochange "B handler creates in village A1" 403 FORBIDDEN POST /api/v1/items "$(item 越权 $U_VA1)"
refused_nochange "B handler starts item of A" 403 FORBIDDEN POST "/api/v1/items/$IA/start"
refused_nochange "B handler requests sign-off of item of A" 403 FORBIDDEN POST "/api/v1/items/$IA/request_signoff"
refused_nochange "B handler adds a measure to item of A" 403 FORBIDDEN POST "/api/v1/items/$IA/measures" '{"text":"越权"}'
refused_nochange "B handler edits item of A" 403 FORBIDDEN PATCH "/api/v1/items/$IA" '{"version":1,"title":"越权"}'
refused_nochange "B handler edits a measure of A" 403 FORBIDDEN PATCH "/api/v1/measures/$MA" '{"status":"done"}'
forbidden_only "B handler edits a measure of A"
refused_nochange "B handler moves its item into village A1" 403 FORBIDDEN PATCH "/api/v1/items/$IB" \
	"{\"version\":1,\"unit_id\":$U_VA1}"
step "B handler's default list is its township" 200 GET /api/v1/items
jq_is "default unit is the first grant's" .unit "$U_TB"
jq_is "only item B1" '[.items[].id] | join(",")' "$IB"
step "B handler's stats default to its township" 200 GET /api/v1/stats
jq_is "stats of township B" '"\(.unit_id) \(.items.total)"' "$U_TB 1"
step "B handler's units: its own scope" 200 GET /api/v1/units
jq_is "one scope, township B" '[.units[].id] | join(",")' "$U_TB"
as va.handler
refused "A1 handler reads item of B" 403 FORBIDDEN GET "/api/v1/items/$IB"
refused_nochange "A1 handler moves its item to village B1" 403 FORBIDDEN PATCH "/api/v1/items/$IA" \
	"{\"version\":1,\"unit_id\":$U_VB1}"
refused "A1 handler: stats of its township (above its grant)" 403 FORBIDDEN GET "/api/v1/stats?unit=$U_TA"
step "A1 handler: stats of its village" 200 GET "/api/v1/stats?unit=$U_VA1"
refused "A1 handler lists its township (above its grant)" 403 FORBIDDEN GET "/api/v1/items?unit=$U_TA"
refused_nochange "A1 handler creates in village A2 (sibling)" 403 FORBIDDEN POST /api/v1/items "$(item 越权 $U_VA2)"
step "A1 handler may work in its grid (below)" 201 POST /api/v1/items "$(item 网格里的问题 $U_GRID)"
as admin
step "county admin reads item of B" 200 GET "/api/v1/items/$IB"
step "county admin lists the county" 200 GET "/api/v1/items?unit=$U_COUNTY"
jq_ok "county list has items of A and B" "[.items[].id] | index($IA) != null and index($IB) != null"

# ------------------------------------------------------------ viewer
as viewer
step "viewer reads item A1" 200 GET "/api/v1/items/$IA"
jq_is "viewer may do nothing" '.actions | length' 0
step "viewer lists village A1" 200 GET "/api/v1/items?unit=$U_VA1"
step "viewer reads the rectification list" 200 GET "/api/v1/measures?unit=$U_VA1"
step "viewer reads stats of village A1" 200 GET "/api/v1/stats?unit=$U_VA1"
refused "viewer lists township A (above)" 403 FORBIDDEN GET "/api/v1/items?unit=$U_TA"
refused_nochange "viewer creates" 403 FORBIDDEN POST /api/v1/items "$(item 查看者 $U_VA1)"
refused_nochange "viewer starts" 403 FORBIDDEN POST "/api/v1/items/$IA/start"
refused_nochange "viewer adds a measure" 403 FORBIDDEN POST "/api/v1/items/$IA/measures" '{"text":"x"}'
refused_nochange "viewer edits a measure" 403 FORBIDDEN PATCH "/api/v1/measures/$MA" '{"status":"done"}'
refused_nochange "viewer edits the item" 403 FORBIDDEN PATCH "/api/v1/items/$IA" '{"version":1,"title":"x"}'
refused_nochange "viewer claims" 403 FORBIDDEN POST "/api/v1/items/$IA/claim"
refused_nochange "viewer signs off" 403 FORBIDDEN POST "/api/v1/items/$IA/signoff" '{"closure":"resolved"}'
refused_nochange "viewer adds a person" 403 FORBIDDEN POST /api/v1/persons "{\"unit_id\":$U_VA1,\"name\":\"某人\"}"
refused_nochange "viewer adds a unit" 403 FORBIDDEN POST /api/v1/units "{\"parent_id\":$U_VA1,\"kind\":\"grid\",\"name\":\"新网格\"}"

# ------------------------------------------------------------ grid worker
as grid
step "grid worker reports an item in its grid" 201 POST /api/v1/items "$(item 网格员上报的问题 $U_GRID)"
IG=$(val .id)
step "grid worker adds a measure" 201 POST "/api/v1/items/$IG/measures" '{"text":"网格员整改"}'
MG=$(val .id)
step "grid worker's actions" 200 GET "/api/v1/items/$IG"
jq_ok "grid worker: start and add_measure, no edit, no signoff" \
	'(.actions | index("start")) != null and (.actions | index("add_measure")) != null
	 and (.actions | index("edit")) == null and (.actions | index("signoff")) == null'
step "grid worker starts it" 200 POST "/api/v1/items/$IG/start"
step "grid worker finishes the measure" 200 PATCH "/api/v1/measures/$MG" '{"status":"done","evidence":"已处理"}'
refused_nochange "grid worker edits the item" 403 FORBIDDEN PATCH "/api/v1/items/$IG" '{"version":2,"title":"改"}'
step "grid worker requests sign-off" 200 POST "/api/v1/items/$IG/request_signoff"
refused_nochange "grid worker signs off" 403 FORBIDDEN POST "/api/v1/items/$IG/signoff" '{"closure":"resolved"}'
refused_nochange "grid worker claims" 403 FORBIDDEN POST "/api/v1/items/$IG/claim"
refused_nochange "grid worker creates in the village (above its grid)" 403 FORBIDDEN POST /api/v1/items "$(item 越级 $U_VA1)"
refused "grid worker reads the village item" 403 FORBIDDEN GET "/api/v1/items/$IA"
as va.leader
step "village leader signs off the grid item (strictly below)" 200 POST "/api/v1/items/$IG/signoff" '{"closure":"resolved"}'
jq_is "grid item closed" .status closed

# ------------------------------------------------------------ supervisor
as va.handler
refused "item A1 with an open measure stays" 409 OPEN_MEASURES POST "/api/v1/items/$IA/request_signoff"
step "finish the measure" 200 PATCH "/api/v1/measures/$MA" '{"status":"cancelled"}'
step "item A1 to review" 200 POST "/api/v1/items/$IA/request_signoff"
step "item A2 (second village item)" 201 POST /api/v1/items "$(item 甲一村第二件 $U_VA1)"
IA2=$(val .id)
step "item A2 to review" 200 POST "/api/v1/items/$IA2/request_signoff"
as sup
step "supervisor's actions on its own village's item" 200 GET "/api/v1/items/$IA"
jq_ok "supervisor: signoff and sendback, no claim, no start" \
	'(.actions | index("signoff")) != null and (.actions | index("sendback")) != null
	 and (.actions | index("claim")) == null and (.actions | index("start")) == null'
refused_nochange "supervisor claims" 403 FORBIDDEN POST "/api/v1/items/$IA/claim"
refused_nochange "supervisor works a measure" 403 FORBIDDEN PATCH "/api/v1/measures/$MA" '{"evidence":"x"}'
step "supervisor signs off its village's own item" 200 POST "/api/v1/items/$IA/signoff" '{"closure":"resolved"}'
jq_is "closed by the supervisor" .status closed
step "supervisor reports a finding" 201 POST /api/v1/items "$(json_body source=supervision title=督导发现 unit_id:=$U_VA1 mode=deadline due_on=2024-03-31)"
refused_nochange "supervisor cannot sign off outside its village" 403 FORBIDDEN POST "/api/v1/items/$IB/signoff" '{"closure":"resolved"}'

# ------------------------------------------------------------ township admin
as ta.admin
step "township admin signs off a village item (strictly below)" 200 POST "/api/v1/items/$IA2/signoff" '{"closure":"reviewed"}'
refused_nochange "township admin claims (not an admin right)" 403 FORBIDDEN POST "/api/v1/items/$IA2/claim"
step "township admin adds a unit under its township" 201 POST /api/v1/units \
	"{\"parent_id\":$U_TA,\"kind\":\"village\",\"name\":\"甲三村\"}"
U_NEW=$(val .id)
jq_is "new unit's path" .path "/1/2/$U_NEW/"
refused_nochange "township admin adds a unit under township B" 403 FORBIDDEN POST /api/v1/units \
	"{\"parent_id\":$U_TB,\"kind\":\"village\",\"name\":\"乙二村\"}"
refused_nochange "township admin adds a unit under the county" 403 FORBIDDEN POST /api/v1/units \
	"{\"parent_id\":$U_COUNTY,\"kind\":\"township\",\"name\":\"丙镇\"}"
refused_nochange "township admin adds a root unit" 400 MISSING_FIELD POST /api/v1/units \
	'{"kind":"county","name":"另一个县"}'
refused_nochange "township admin adds a root unit (parent_id 0)" 403 FORBIDDEN POST /api/v1/units \
	'{"parent_id":0,"kind":"county","name":"另一个县"}'
refused_nochange "township admin renames township B" 403 FORBIDDEN PATCH "/api/v1/units/$U_TB" '{"name":"改名"}'
refused_nochange "township admin deactivates township B" 403 FORBIDDEN PATCH "/api/v1/units/$U_TB" '{"active":false}'
refused_nochange "township admin moves village A2 to township B" 403 FORBIDDEN POST "/api/v1/units/$U_VA2/move" "{\"parent_id\":$U_TB}"
refused_nochange "township admin moves village B1 into township A" 403 FORBIDDEN POST "/api/v1/units/$U_VB1/move" "{\"parent_id\":$U_TA}"
refused_nochange "township admin moves its township under the other" 403 FORBIDDEN POST "/api/v1/units/$U_TA/move" "{\"parent_id\":$U_TB}"
refused_nochange "move a unit under its own descendant" 409 BAD_TREE POST "/api/v1/units/$U_VA1/move" "{\"parent_id\":$U_GRID}"
refused_nochange "move a unit under itself" 409 BAD_TREE POST "/api/v1/units/$U_VA1/move" "{\"parent_id\":$U_VA1}"
step "township admin moves a village within its township" 200 POST "/api/v1/units/$U_NEW/move" "{\"parent_id\":$U_VA2}"
jq_is "moved unit's new path" .path "/1/2/$U_VA2/$U_NEW/"
refused_nochange "township admin adds a person in township B" 403 FORBIDDEN POST /api/v1/persons \
	"{\"unit_id\":$U_VB1,\"name\":\"某人\"}"
refused_nochange "township admin makes an account for a person of B" 403 FORBIDDEN POST /api/v1/accounts \
	"{\"person_id\":${PERSON_ID[tb.handler]},\"login\":\"b.second\",\"password\":\"long-enough-pw\"}"
refused_nochange "township admin grants a role on township B" 403 FORBIDDEN POST /api/v1/grants \
	"{\"account_id\":${ACCOUNT_ID[va.handler]},\"unit_id\":$U_TB,\"role\":\"admin\"}"
refused_nochange "township admin grants a role on the county" 403 FORBIDDEN POST /api/v1/grants \
	"{\"account_id\":${ACCOUNT_ID[ta.admin]},\"unit_id\":$U_COUNTY,\"role\":\"admin\"}"
TB_GRANT=$(sqlite3 "$DB" "SELECT id FROM grants WHERE account_id=${ACCOUNT_ID[tb.handler]}")
refused_nochange "township admin revokes a grant on township B" 403 FORBIDDEN DELETE "/api/v1/grants/$TB_GRANT"
refused_nochange "township admin sets the calendar (top level only)" 403 FORBIDDEN PUT /api/v1/calendar/2024-05-01 '{"kind":"off"}'
refused_nochange "township admin adds a category (top level only)" 403 FORBIDDEN POST /api/v1/categories '{"code":"roads","name":"道路"}'
as admin
refused_nochange "county admin moves township A under its own village" 409 BAD_TREE POST "/api/v1/units/$U_TA/move" "{\"parent_id\":$U_VA1}"
refused_nochange "county admin moves the county under a township" 409 BAD_TREE POST "/api/v1/units/$U_COUNTY/move" "{\"parent_id\":$U_TA}"
refused_nochange "only the operator adds a root unit" 403 FORBIDDEN POST /api/v1/units '{"parent_id":0,"kind":"county","name":"另一个县"}'

# ------------------------------------------------------------ leaders
as ta.leader
refused_nochange "leader adds a unit (not a leader right)" 403 FORBIDDEN POST /api/v1/units \
	"{\"parent_id\":$U_TA,\"kind\":\"village\",\"name\":\"甲四村\"}"
refused_nochange "leader adds a person (not a leader right)" 403 FORBIDDEN POST /api/v1/persons \
	"{\"unit_id\":$U_TA,\"name\":\"某人\"}"
refused_nochange "leader of A claims item of B" 403 FORBIDDEN POST "/api/v1/items/$IB/claim"
as tb.handler
step "item B1: measure done" 200 PATCH "/api/v1/measures/$MB" '{"status":"done"}'
step "item B1 to review" 200 POST "/api/v1/items/$IB/request_signoff"
as ta.leader
refused_nochange "leader of A signs off item of B" 403 FORBIDDEN POST "/api/v1/items/$IB/signoff" '{"closure":"resolved"}'
refused_nochange "leader of A sends back item of B" 403 FORBIDDEN POST "/api/v1/items/$IB/sendback" '{"reason":"越权"}'

# An item owned by the township itself: its own admin and leader are at the
# owner's level; the county admin is above.
step "leader creates an item owned by township A" 201 POST /api/v1/items "$(item 镇级问题 $U_TA)"
IT=$(val .id)
step "to review" 200 POST "/api/v1/items/$IT/request_signoff"
refused_nochange "the township's own leader signs off" 403 NOT_ABOVE POST "/api/v1/items/$IT/signoff" '{"closure":"resolved"}'
as ta.admin
refused_nochange "the township's own admin signs off" 403 NOT_ABOVE POST "/api/v1/items/$IT/signoff" '{"closure":"resolved"}'
refused_nochange "the township's own admin sends back" 403 NOT_ABOVE POST "/api/v1/items/$IT/sendback" '{"reason":"本级"}'
as sup
refused_nochange "a village supervisor cannot sign off a township item" 403 FORBIDDEN POST "/api/v1/items/$IT/signoff" '{"closure":"resolved"}'
as admin
step "county admin's actions on it" 200 GET "/api/v1/items/$IT"
jq_ok "county admin: signoff and sendback, no claim" \
	'(.actions | index("signoff")) != null and (.actions | index("sendback")) != null and (.actions | index("claim")) == null'
step "the county admin signs off" 200 POST "/api/v1/items/$IT/signoff" '{"closure":"resolved"}'

if q_cli check; then
	pass "qingdan check passes"
else
	fail "qingdan check passes" "$(cat "$TMP/cli.out")"
fi

done_testing
