#!/usr/bin/env bash
# Units, people, accounts, grants and categories through the API: create,
# rename, move (paths, items and figures follow), deactivate, and grants
# that take effect at once.
. "$(dirname "$0")/lib.sh"

make_fixture
start_server

as admin
# ------------------------------------------------------------ units
step "units: the admin's scope" 200 GET /api/v1/units
jq_is "one scope, the county" '[.units[].id] | join(",")' "$U_COUNTY"
step "units under township A, one level" 200 GET "/api/v1/units?under=$U_TA"
jq_is "township A and its villages" '[.units[].id] | join(",")' "$U_TA,$U_VA1,$U_VA2"
step "units under township A, two levels" 200 GET "/api/v1/units?under=$U_TA&depth=2"
jq_is "and the grid" '[.units[].id] | sort | join(",")' "$U_TA,$U_VA1,$U_VA2,$U_GRID"
step "GET a unit" 200 GET "/api/v1/units/$U_GRID"
jq_is "unit fields" '"\(.id) \(.parent_id) \(.kind) \(.name) \(.path) \(.depth) \(.active)"' \
	"$U_GRID $U_VA1 grid 甲一村第一网格 /1/2/4/7/ 3 true"

step "create a village under township A" 201 POST /api/v1/units \
	"{\"parent_id\":$U_TA,\"kind\":\"village\",\"name\":\"甲三村\",\"code\":\"632223-A3\"}"
U_A3=$(val .id)
jq_is "new unit" '"\(.parent_id) \(.kind) \(.name) \(.code) \(.path) \(.depth) \(.active)"' \
	"$U_TA village 甲三村 632223-A3 /1/2/$U_A3/ 2 true"
step "create a grid under it" 201 POST /api/v1/units \
	"{\"parent_id\":$U_A3,\"kind\":\"grid\",\"name\":\"甲三村网格\"}"
U_A3G=$(val .id)
jq_is "grid path" .path "/1/2/$U_A3/$U_A3G/"
jq_is "no code" .code null
refused_nochange "unit code already used" 409 CONFLICT POST /api/v1/units \
	"{\"parent_id\":$U_TA,\"kind\":\"village\",\"name\":\"重复编码\",\"code\":\"632223-A3\"}"
refused_nochange "unit kind nonsense" 400 BAD_FIELD POST /api/v1/units \
	"{\"parent_id\":$U_TA,\"kind\":\"hamlet\",\"name\":\"某村\"}"
refused_nochange "unit with a blank name" 400 BAD_FIELD POST /api/v1/units \
	"{\"parent_id\":$U_TA,\"kind\":\"village\",\"name\":\" \"}"
refused_nochange "unit without name" 400 MISSING_FIELD POST /api/v1/units \
	"{\"parent_id\":$U_TA,\"kind\":\"village\"}"
refused_nochange "unit with an unknown field" 400 UNKNOWN_FIELD POST /api/v1/units \
	"{\"parent_id\":$U_TA,\"kind\":\"village\",\"name\":\"某村\",\"active\":true}"
mark
req POST /api/v1/units '{"parent_id":424242,"kind":"village","name":"某村"}'
jq_ok "unit under a parent that does not exist -> 400 BAD_FIELD or 404 NOT_FOUND" \
	"($STATUS == 400 and .error.code == \"BAD_FIELD\") or ($STATUS == 404 and .error.code == \"NOT_FOUND\")"
unchanged "unit under a missing parent"

# ------------------------------------------------------------ rename, re-kind, code
step "rename" 200 PATCH "/api/v1/units/$U_A3" '{"name":"甲三村（新）"}'
jq_is "renamed, the rest kept" '"\(.name) \(.kind) \(.code) \(.path) \(.active)"' \
	"甲三村（新） village 632223-A3 /1/2/$U_A3/ true"
step "re-kind and clear the code" 200 PATCH "/api/v1/units/$U_A3" '{"kind":"community","code":null}'
jq_is "community, no code" '"\(.name) \(.kind) \(.code)"' "甲三村（新） community null"
step "GET shows the change" 200 GET "/api/v1/units/$U_A3"
jq_is "stored" '"\(.name) \(.kind)"' "甲三村（新） community"
refused_nochange "rename to blank" 400 BAD_FIELD PATCH "/api/v1/units/$U_A3" '{"name":""}'
refused_nochange "rename with name null" 400 BAD_FIELD PATCH "/api/v1/units/$U_A3" '{"name":null}'
refused_nochange "PATCH a unit with an unknown field" 400 UNKNOWN_FIELD PATCH "/api/v1/units/$U_A3" '{"parent_id":3}'
refused_nochange "PATCH a unit that does not exist" 404 NOT_FOUND PATCH /api/v1/units/424242 '{"name":"x"}'

# ------------------------------------------------------------ move
# Items and measures in the moved subtree follow it; so do the figures.
as ta.leader
step "item in the new village" 201 POST /api/v1/items \
	"$(json_body source=opinion title=搬迁测试村级问题 unit_id:=$U_A3 mode=deadline found_on=2024-03-01 due_on=2024-03-10)"
I_V=$(val .id)
step "item in its grid" 201 POST /api/v1/items \
	"$(json_body source=opinion title=搬迁测试网格问题 unit_id:=$U_A3G mode=long_term)"
I_G=$(val .id)
step "a measure on the grid item" 201 POST "/api/v1/items/$I_G/measures" '{"text":"搬迁测试措施"}'
M_G=$(val .id)
step "stats of township A before the move" 200 GET "/api/v1/stats?unit=$U_TA"
save ta_before
as admin
step "stats of township B before the move" 200 GET "/api/v1/stats?unit=$U_TB"
save tb_before
step "county admin moves the village to township B" 200 POST "/api/v1/units/$U_A3/move" "{\"parent_id\":$U_TB}"
jq_is "moved: parent and path" '"\(.parent_id) \(.path) \(.depth)"' "$U_TB /1/3/$U_A3/ 2"
step "the grid followed" 200 GET "/api/v1/units/$U_A3G"
jq_is "grid path and depth" '"\(.path) \(.depth)"' "/1/3/$U_A3/$U_A3G/ 3"
step "units under township B" 200 GET "/api/v1/units?under=$U_TB&depth=2"
jq_ok "township B now has the village and its grid" \
	"[.units[].id] | index($U_A3) != null and index($U_A3G) != null"
step "units under township A" 200 GET "/api/v1/units?under=$U_TA&depth=2"
jq_ok "township A no longer has them" "[.units[].id] | index($U_A3) == null and index($U_A3G) == null"
step "items of township B" 200 GET "/api/v1/items?unit=$U_TB"
jq_is "both items moved with the units" "[.items[].id | select(. == $I_V or . == $I_G)] | sort | join(\",\")" "$I_V,$I_G"
step "items of township A" 200 GET "/api/v1/items?unit=$U_TA"
jq_is "gone from township A" "[.items[].id | select(. == $I_V or . == $I_G)] | length" 0
step "overdue list of township B" 200 GET "/api/v1/items?unit=$U_TB&overdue=true"
jq_is "the overdue village item is now overdue in township B" '[.items[].id] | join(",")' "$I_V"
step "measures of township B" 200 GET "/api/v1/measures?unit=$U_TB"
jq_is "the measure moved too" '[.measures[].id] | join(",")' "$M_G"
step "stats of township B after the move" 200 GET "/api/v1/stats?unit=$U_TB"
save tb_after
delta "township B: items +2" tb_before tb_after .items.total 2
delta "township B: overdue +1" tb_before tb_after .overdue 1
delta "township B: measures +1" tb_before tb_after .measures.total 1
as ta.leader
step "stats of township A after the move" 200 GET "/api/v1/stats?unit=$U_TA"
save ta_after
delta "township A: items -2" ta_before ta_after .items.total -2
delta "township A: overdue -1" ta_before ta_after .overdue -1
delta "township A: measures -1" ta_before ta_after .measures.total -1
refused "township A leader lost the moved item" 403 FORBIDDEN GET "/api/v1/items/$I_G"
as tb.handler
step "township B handler sees the moved item" 200 GET "/api/v1/items/$I_G"
step "and may work on it" 200 PATCH "/api/v1/measures/$M_G" '{"status":"done"}'
jq_is "measure keeps its unit" .unit_id "$U_A3G"
as admin
refused_nochange "move under its own grid" 409 BAD_TREE POST "/api/v1/units/$U_A3/move" "{\"parent_id\":$U_A3G}"
step "move to where it already is" 200 POST "/api/v1/units/$U_A3/move" "{\"parent_id\":$U_TB}"
jq_is "path unchanged" .path "/1/3/$U_A3/"
refused_nochange "move to a parent that does not exist" 400 BAD_FIELD POST "/api/v1/units/$U_A3/move" '{"parent_id":424242}'
refused_nochange "move without parent" 400 MISSING_FIELD POST "/api/v1/units/$U_A3/move" '{}'
if q_cli check; then
	pass "check passes after the move"
else
	fail "check passes after the move" "$(cat "$TMP/cli.out")"
fi

# ------------------------------------------------------------ depth
# PATH_MAX_DEPTH is 32 levels: a chain that a move would push deeper is
# refused, and adding below the deepest level too.
parent=$U_VA2
for i in $(seq 1 28); do
	q_cli unit add --name "层$i" --kind other --parent "$parent" || bail "chain unit $i" "$(cat "$TMP/cli.out")"
	parent=$(sqlite3 "$DB" "SELECT max(id) FROM unit")
done
DEEP=$parent
step "the deepest unit of the chain" 200 GET "/api/v1/units/$DEEP"
D=$(val .depth)
is "chain reaches depth 30" "$D" 30
step "a unit at depth 31" 201 POST /api/v1/units "{\"parent_id\":$DEEP,\"kind\":\"other\",\"name\":\"最深\"}"
DEEPEST=$(val .id)
refused_nochange "a unit at depth 32" 409 BAD_TREE POST /api/v1/units "{\"parent_id\":$DEEPEST,\"kind\":\"other\",\"name\":\"太深\"}"
refused_nochange "moving a two-level subtree to depth 31" 409 BAD_TREE POST "/api/v1/units/$U_A3/move" "{\"parent_id\":$DEEP}"
step "items can be created at depth 31" 201 POST /api/v1/items \
	"$(json_body source=opinion title=最深处的问题 unit_id:=$DEEPEST mode=long_term)"
step "the deep item is listed from the county" 200 GET "/api/v1/items?unit=$U_COUNTY&q=%E6%9C%80%E6%B7%B1%E5%A4%84"
jq_is "found" '.items | length' 1

# ------------------------------------------------------------ deactivate
step "a new, empty village" 201 POST /api/v1/units "{\"parent_id\":$U_TA,\"kind\":\"village\",\"name\":\"甲四村\"}"
U_A4=$(val .id)
step "deactivate it" 200 PATCH "/api/v1/units/$U_A4" '{"active":false}'
jq_is "inactive" .active false
refused_nochange "item in an inactive unit" 409 INACTIVE POST /api/v1/items \
	"$(json_body source=opinion title=停用单位 unit_id:=$U_A4 mode=long_term)"
refused_nochange "unit under an inactive unit" 409 INACTIVE POST /api/v1/units \
	"{\"parent_id\":$U_A4,\"kind\":\"grid\",\"name\":\"网格\"}"
refused_nochange "person in an inactive unit" 409 INACTIVE POST /api/v1/persons \
	"{\"unit_id\":$U_A4,\"name\":\"某人\"}"
as va.handler
step "an item to move" 201 POST /api/v1/items "$(json_body source=opinion title=待转移 unit_id:=$U_VA1 mode=long_term)"
I_MV=$(val .id)
as admin
refused_nochange "edit an item into an inactive unit" 409 INACTIVE PATCH "/api/v1/items/$I_MV" "{\"version\":1,\"unit_id\":$U_A4}"
step "reactivate" 200 PATCH "/api/v1/units/$U_A4" '{"active":true}'
jq_is "active again" .active true
step "item in the reactivated unit" 201 POST /api/v1/items \
	"$(json_body source=opinion title=重新启用 unit_id:=$U_A4 mode=long_term)"
I_A4=$(val .id)
refused_nochange "deactivating a unit with an open item" 409 CONFLICT PATCH "/api/v1/units/$U_A4" '{"active":false}'
refused_nochange "deactivating a unit with active children" 409 CONFLICT PATCH "/api/v1/units/$U_TA" '{"active":false}'

# ------------------------------------------------------------ people
step "create a person" 201 POST /api/v1/persons "{\"unit_id\":$U_VA1,\"name\":\"李四\",\"title\":\"村委委员\"}"
P_LI=$(val .id)
jq_is "person fields" '"\(.unit_id) \(.name) \(.title) \(.active)"' "$U_VA1 李四 村委委员 true"
step "persons of village A1" 200 GET "/api/v1/persons?unit=$U_VA1"
jq_ok "lists the new person" "[.persons[].id] | index($P_LI) != null"
refused_nochange "person with a blank name" 400 BAD_FIELD POST /api/v1/persons "{\"unit_id\":$U_VA1,\"name\":\"\"}"
refused_nochange "person in a unit that does not exist" 400 BAD_FIELD POST /api/v1/persons '{"unit_id":424242,"name":"某人"}'
refused_nochange "person with an unknown field" 400 UNKNOWN_FIELD POST /api/v1/persons "{\"unit_id\":$U_VA1,\"name\":\"某人\",\"phone\":\"123\"}"

# ------------------------------------------------------------ accounts
refused_nochange "account with a login in capitals" 400 BAD_FIELD POST /api/v1/accounts \
	"{\"person_id\":$P_LI,\"login\":\"LiSi\",\"password\":\"long-enough-pw\"}"
jq_is "names login" .error.field login
refused_nochange "account with a space in the login" 400 BAD_FIELD POST /api/v1/accounts \
	"{\"person_id\":$P_LI,\"login\":\"li si\",\"password\":\"long-enough-pw\"}"
refused_nochange "account with a 1-character login" 400 BAD_FIELD POST /api/v1/accounts \
	"{\"person_id\":$P_LI,\"login\":\"l\",\"password\":\"long-enough-pw\"}"
refused_nochange "account with a 33-character login" 400 BAD_FIELD POST /api/v1/accounts \
	"{\"person_id\":$P_LI,\"login\":\"$(printf 'l%.0s' $(seq 33))\",\"password\":\"long-enough-pw\"}"
refused_nochange "account with a short password" 400 BAD_FIELD POST /api/v1/accounts \
	"{\"person_id\":$P_LI,\"login\":\"li.si\",\"password\":\"short7!\"}"
jq_is "names password" .error.field password
refused_nochange "account with language fr" 400 BAD_FIELD POST /api/v1/accounts \
	"{\"person_id\":$P_LI,\"login\":\"li.si\",\"password\":\"long-enough-pw\",\"lang\":\"fr\"}"
refused_nochange "account with a login already used" 409 CONFLICT POST /api/v1/accounts \
	"{\"person_id\":$P_LI,\"login\":\"va.handler\",\"password\":\"long-enough-pw\"}"
refused_nochange "account for a person who does not exist" 400 BAD_FIELD POST /api/v1/accounts \
	'{"person_id":424242,"login":"nobody","password":"long-enough-pw"}'
step "create an account (English)" 201 POST /api/v1/accounts \
	"{\"person_id\":$P_LI,\"login\":\"li.si\",\"password\":\"long-enough-pw\",\"lang\":\"en\"}"
A_LI=$(val .id)
jq_is "account fields" '"\(.person_id) \(.login) \(.lang)"' "$P_LI li.si en"
jq_ok "no password or hash in the answer" '[keys[] | test("pass|hash")] | any | not'
refused_nochange "a second account for the same person" 409 CONFLICT POST /api/v1/accounts \
	"{\"person_id\":$P_LI,\"login\":\"li.si2\",\"password\":\"long-enough-pw\"}"
is "the password is stored as an argon2id hash" \
	"$(sqlite3 "$DB" "SELECT substr(pwhash, 1, 10) FROM account WHERE id = $A_LI")" '$argon2id$'

T_LI=$(login li.si long-enough-pw) || bail "log in as li.si"
TOKEN=$T_LI
step "new account without grants: me" 200 GET /api/v1/me
jq_is "me: English, no grants" '"\(.lang) \(.grants | length) \(.name)"' "en 0 李四"
refused "no grant, no reading" 403 FORBIDDEN GET "/api/v1/items?unit=$U_VA1"
jq_is "the account's language without Accept-Language" .error.message "not permitted for this unit"
refused "Accept-Language wins over the account's language" 403 FORBIDDEN GET "/api/v1/items?unit=$U_VA1" \
	-H 'Accept-Language: zh-CN'
jq_is "Chinese message" .error.message 无权在该单位范围内执行此操作

# ------------------------------------------------------------ grants
as admin
refused_nochange "grant with an unknown role" 400 BAD_FIELD POST /api/v1/grants \
	"{\"account_id\":$A_LI,\"unit_id\":$U_VA1,\"role\":\"superuser\"}"
refused_nochange "grant for an account that does not exist" 400 BAD_FIELD POST /api/v1/grants \
	"{\"account_id\":424242,\"unit_id\":$U_VA1,\"role\":\"handler\"}"
refused_nochange "grant on a unit that does not exist" 400 BAD_FIELD POST /api/v1/grants \
	"{\"account_id\":$A_LI,\"unit_id\":424242,\"role\":\"handler\"}"
step "grant handler on village A1" 201 POST /api/v1/grants \
	"{\"account_id\":$A_LI,\"unit_id\":$U_VA1,\"role\":\"handler\"}"
G_LI=$(val .id)
jq_is "grant fields" '"\(.account_id) \(.unit_id) \(.role) \(.unit_path)"' "$A_LI $U_VA1 handler /1/2/4/"
refused_nochange "the same grant twice" 409 CONFLICT POST /api/v1/grants \
	"{\"account_id\":$A_LI,\"unit_id\":$U_VA1,\"role\":\"handler\"}"
TOKEN=$T_LI
step "the grant works at once (same token)" 201 POST /api/v1/items \
	"$(json_body source=self_inspection title=新授权创建 unit_id:=$U_VA1 mode=long_term)"
I_LI=$(val .id)
step "me lists the grant" 200 GET /api/v1/me
jq_is "one grant" '[.grants[] | "\(.role)@\(.unit_id)"] | join(",")' "handler@$U_VA1"
as admin
step "revoke the grant" 204 DELETE "/api/v1/grants/$G_LI"
is "204 has no body" "$(stat -c %s "$TMP/body")" 0
TOKEN=$T_LI
refused_nochange "revoked: cannot create" 403 FORBIDDEN POST /api/v1/items \
	"$(json_body source=self_inspection title=撤销后创建 unit_id:=$U_VA1 mode=long_term)"
refused "revoked: cannot read its own item" 403 FORBIDDEN GET "/api/v1/items/$I_LI"
refused_nochange "revoked: cannot start it" 403 FORBIDDEN POST "/api/v1/items/$I_LI/start"
step "me: no grants" 200 GET /api/v1/me
jq_is "no grants left" '.grants | length' 0
as admin
refused_nochange "revoke it again" 404 NOT_FOUND DELETE "/api/v1/grants/$G_LI"

# Scopes: a grant below another one adds no scope; the highest comes first.
step "grant viewer on the grid" 201 POST /api/v1/grants "{\"account_id\":$A_LI,\"unit_id\":$U_GRID,\"role\":\"viewer\"}"
step "grant leader on township A" 201 POST /api/v1/grants "{\"account_id\":$A_LI,\"unit_id\":$U_TA,\"role\":\"leader\"}"
TOKEN=$T_LI
step "units: the scopes" 200 GET /api/v1/units
jq_is "one scope: township A (the grid lies inside it)" '[.units[].id] | join(",")' "$U_TA"
step "me lists both grants" 200 GET /api/v1/me
jq_is "both grants" '[.grants[] | "\(.role)@\(.unit_id)"] | sort | join(",")' "leader@$U_TA,viewer@$U_GRID"
FIRST=$(val '.grants[0].unit_id')
step "lists default to the unit of the first grant" 200 GET /api/v1/items
jq_is "default unit" .unit "$FIRST"

# ------------------------------------------------------------ calendar
as admin
# 2024-03-15 is a Friday. Saturday 2024-03-16 made a working day (调休):
# the 5th working day after Friday becomes Thursday 2024-03-21.
step "Saturday 2024-03-16 is worked" 200 PUT /api/v1/calendar/2024-03-16 '{"kind":"on"}'
jq_is "calendar answer" '"\(.day) \(.kind)"' "2024-03-16 on"
step "due in 5 working days" 201 POST /api/v1/items \
	"$(json_body source=research title=调休测试 unit_id:=$U_VA1 mode=deadline due_working_days:=5)"
jq_is "counts the worked Saturday" .due_on 2024-03-21
step "clear the day" 200 PUT /api/v1/calendar/2024-03-16 '{"kind":null}'
jq_is "cleared" .kind null
step "due in 5 working days again" 201 POST /api/v1/items \
	"$(json_body source=research title=调休测试二 unit_id:=$U_VA1 mode=deadline due_working_days:=5)"
jq_is "back to Friday 2024-03-22" .due_on 2024-03-22
refused_nochange "calendar kind nonsense" 400 BAD_FIELD PUT /api/v1/calendar/2024-03-18 '{"kind":"holiday"}'
refused_nochange "calendar day not a date" 400 BAD_PARAM PUT /api/v1/calendar/2024-02-30 '{"kind":"off"}'
refused_nochange "calendar without kind" 400 MISSING_FIELD PUT /api/v1/calendar/2024-03-18 '{}'


# ------------------------------------------------------------ categories
step "categories: none yet" 200 GET /api/v1/categories
jq_is "empty" '.categories | length' 0
step "county admin adds a category" 201 POST /api/v1/categories '{"code":"roads","name":"道路交通"}'
C_ROADS=$(val .id)
jq_is "category fields" '"\(.code) \(.name) \(.active)"' "roads 道路交通 true"
refused_nochange "category code already used" 409 CONFLICT POST /api/v1/categories '{"code":"roads","name":"道路"}'
refused_nochange "category code with capitals" 400 BAD_FIELD POST /api/v1/categories '{"code":"Roads","name":"道路"}'
refused_nochange "category without name" 400 MISSING_FIELD POST /api/v1/categories '{"code":"water"}'
as va.handler
step "anyone logged in lists categories" 200 GET /api/v1/categories
jq_is "one category" '[.categories[].code] | join(",")' roads
step "item with a category" 201 POST /api/v1/items \
	"$(json_body source=opinion title=分类测试 unit_id:=$U_VA1 mode=long_term category_id:=$C_ROADS)"
refused_nochange "item with a category that does not exist" 400 BAD_FIELD POST /api/v1/items \
	"$(json_body source=opinion title=分类测试 unit_id:=$U_VA1 mode=long_term category_id:=424242)"
step "stats by category" 200 GET "/api/v1/stats?unit=$U_VA1"
jq_is "by_category counts the item" ".items.by_category[\"$C_ROADS\"]" 1
step "items filtered by category" 200 GET "/api/v1/items?unit=$U_VA1&category=$C_ROADS"
jq_is "one item" '[.items[].title] | join(",")' 分类测试

if q_cli check; then
	pass "qingdan check passes at the end"
else
	fail "qingdan check passes at the end" "$(cat "$TMP/cli.out")"
fi

done_testing
