#!/usr/bin/env bash
# Refused requests: each gets a clear 4xx with the one error shape
# {"error":{"code","message",...}} and changes nothing.
. "$(dirname "$0")/lib.sh"

make_fixture
add_user lockme 锁定测试 $U_VA2 viewer   # only for the login throttle
start_server

ITEM='{"source":"opinion","title":"路灯不亮","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'

as va.handler
step "a valid item to work with" 201 POST /api/v1/items "$ITEM"
I1=$(val .id)
X1=$(val .ext_id)

# ------------------------------------------------------------ JSON bodies
refused_nochange "syntax error" 400 BAD_JSON POST /api/v1/items '{"source":"opinion","title":'
refused_nochange "trailing garbage" 400 BAD_JSON POST /api/v1/items "$ITEM x"
refused_nochange "JSON array instead of object" 400 BAD_JSON POST /api/v1/items "[$ITEM]"
refused_nochange "JSON string instead of object" 400 BAD_JSON POST /api/v1/items '"title"'
refused_nochange "JSON null body" 400 BAD_JSON POST /api/v1/items 'null'
refused_nochange "duplicate keys" 400 BAD_JSON POST /api/v1/items \
	'{"source":"opinion","title":"a","title":"b","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
refused_nochange "title as number" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":123,"unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
jq_is "error names the field" .error.field title
jq_ok "error has a detail" '.error.detail | type == "string" and length > 0'
refused_nochange "unit_id as string" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":"4","mode":"deadline","due_on":"2024-03-31"}'
jq_is "error names unit_id" .error.field unit_id
refused_nochange "unit_id as a real number" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":4.0,"mode":"deadline","due_on":"2024-03-31"}'
refused_nochange "unit_id as boolean" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":true,"mode":"deadline","due_on":"2024-03-31"}'
refused_nochange "title null" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":null,"unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
refused_nochange "found_on 2023-02-30" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":4,"mode":"deadline","due_on":"2024-03-31","found_on":"2023-02-30"}'
jq_is "error names found_on" .error.field found_on
refused_nochange "due_on not a date" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":4,"mode":"deadline","due_on":"31.03.2024"}'
refused_nochange "found_on in the future" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":4,"mode":"deadline","due_on":"2024-04-30","found_on":"2024-03-16"}'
refused_nochange "due_on before found_on" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":4,"mode":"deadline","due_on":"2024-03-01","found_on":"2024-03-10"}'
refused_nochange "kind nonsense" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":4,"mode":"deadline","due_on":"2024-03-31","kind":"nonsense"}'
jq_is "error names kind" .error.field kind
refused_nochange "source in the wrong case" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"Opinion","title":"a","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
refused_nochange "missing title" 400 MISSING_FIELD POST /api/v1/items \
	'{"source":"opinion","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
jq_is "error names the missing field" .error.field title
refused_nochange "empty object" 400 MISSING_FIELD POST /api/v1/items '{}'
refused_nochange "empty body counts as {}" 400 MISSING_FIELD POST /api/v1/items ''
refused_nochange "deadline item without due_on" 400 MISSING_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":4,"mode":"deadline"}'
refused_nochange "unknown field titel" 400 UNKNOWN_FIELD POST /api/v1/items \
	'{"source":"opinion","titel":"a","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
jq_is "error names the unknown field" .error.field titel
refused_nochange "blank title" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"   ","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
long=$(printf '问%.0s' $(seq 201))
refused_nochange "title of 201 characters" 400 BAD_FIELD POST /api/v1/items \
	"$(json_body source=opinion title="$long" unit_id:=4 mode=deadline due_on=2024-03-31)"
step "title of 200 characters is fine" 201 POST /api/v1/items \
	"$(json_body source=opinion title="${long:1}" unit_id:=4 mode=deadline due_on=2024-03-31)"
refused_nochange "control character in the title" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a\u0007b","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
refused_nochange "NUL escaped in a string" 400 BAD_JSON POST /api/v1/items \
	'{"source":"opinion","title":"a\u0000b","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
mark
req POST /api/v1/items '{"source":"opinion","ti\u0000tle":"a","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
is "NUL escaped in a key -> 400" "$STATUS" 400
unchanged "NUL in a key"
refused_nochange "lone surrogate escape" 400 BAD_JSON POST /api/v1/items \
	'{"source":"opinion","title":"\ud800","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
refused_nochange "unit that does not exist" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":999999,"mode":"deadline","due_on":"2024-03-31"}'
refused_nochange "negative unit_id" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":-4,"mode":"deadline","due_on":"2024-03-31"}'
refused_nochange "unit_id 2^63-1" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":9223372036854775807,"mode":"deadline","due_on":"2024-03-31"}'
mark
req POST /api/v1/items '{"source":"opinion","title":"a","unit_id":99999999999999999999999,"mode":"deadline","due_on":"2024-03-31"}'
jq_ok "unit_id beyond 64 bits -> 400 BAD_JSON or BAD_FIELD" \
	"$STATUS == 400 and (.error.code == \"BAD_JSON\" or .error.code == \"BAD_FIELD\")"
unchanged "unit_id beyond 64 bits"
refused_nochange "responsible person that does not exist" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":4,"mode":"deadline","due_on":"2024-03-31","responsible_id":4242}'
refused_nochange "due_working_days above 1000" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":4,"mode":"deadline","due_working_days":1001}'
refused_nochange "due_on and due_working_days together" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":4,"mode":"deadline","due_on":"2024-03-31","due_working_days":3}'
refused_nochange "ext_id with a space" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":"a","unit_id":4,"mode":"deadline","due_on":"2024-03-31","ext_id":"A 1"}'
refused_nochange "ext_id already used" 409 CONFLICT POST /api/v1/items \
	"$(json_body source=opinion title=a unit_id:=4 mode=deadline due_on=2024-03-31 ext_id="$X1")"

# An all-digit ext_id reads as a numeric id in /items/:ref: the item could
# never be found by its number (or another item would be). Either refuse it
# or resolve it.
mark
req POST /api/v1/items "$(json_body source=opinion title=纯数字编号 unit_id:=4 mode=deadline due_on=2024-03-31 ext_id="$I1")"
if [ "$STATUS" == 400 ] && [ "$(val .error.code)" == BAD_FIELD ]; then
	pass "an all-digit ext_id ($I1) is refused or can be looked up"
	unchanged "all-digit ext_id"
else
	NEW=$(val .id)
	req GET "/api/v1/items/$I1"
	is "an all-digit ext_id ($I1) is refused or can be looked up" \
		"$(val .id) (ext_id $(val .ext_id))" "$NEW (ext_id $I1)"
fi

# ------------------------------------------------------------ sizes of fields
d5000=$(printf '详%.0s' $(seq 5000))
step "detail of 5000 characters" 201 POST /api/v1/items \
	"$(json_body source=opinion title=长说明 detail="$d5000" unit_id:=4 mode=long_term)"
refused_nochange "detail of 5001 characters" 400 BAD_FIELD POST /api/v1/items \
	"$(json_body source=opinion title=长说明 detail="${d5000}详" unit_id:=4 mode=long_term)"
step "a title with characters outside the BMP" 201 POST /api/v1/items \
	"$(json_body source=opinion title='𠀋𡈽 路灯 😀' unit_id:=4 mode=long_term)"
jq_is "kept as sent" .title '𠀋𡈽 路灯 😀'
step "an item in review for long reasons" 201 POST /api/v1/items \
	"$(json_body source=opinion title=理由长度 unit_id:=4 mode=immediate)"
I_R=$(val .id)
step "to review" 200 POST "/api/v1/items/$I_R/request_signoff"
as ta.leader
refused_nochange "send-back reason of 1001 characters" 400 BAD_FIELD POST "/api/v1/items/$I_R/sendback" \
	"$(json_body reason="$(printf '理%.0s' $(seq 1001))")"
refused_nochange "send-back reason with a control character" 400 BAD_FIELD POST "/api/v1/items/$I_R/sendback" \
	'{"reason":"bell\u0007"}'
step "send-back reason of 1000 characters" 200 POST "/api/v1/items/$I_R/sendback" \
	"$(json_body reason="$(printf '理%.0s' $(seq 1000))")"
as va.handler

# Deep nesting inside the size limit: refused quickly, no crash.
{ printf '{"source":"opinion","title":"a","unit_id":4,"mode":"long_term","detail":'
  head -c 30000 /dev/zero | tr '\0' '['; head -c 30000 /dev/zero | tr '\0' ']'; printf '}'; } >"$TMP/deep.json"
refused_nochange "30000 nested arrays" 400 BAD_JSON POST /api/v1/items "" \
	-H 'Content-Type: application/json' --data-binary @"$TMP/deep.json"
{ printf '{"source":"opinion","title":"a","unit_id":4,"mode":"long_term","detail":'
  for _ in $(seq 3000); do printf '{"a":'; done; printf '1'; head -c 3000 /dev/zero | tr '\0' '}'; printf '}'; } >"$TMP/deep2.json"
refused_nochange "3000 nested objects" 400 BAD_JSON POST /api/v1/items "" \
	-H 'Content-Type: application/json' --data-binary @"$TMP/deep2.json"
refused_nochange "an object where a string belongs" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":{"zh":"路灯"},"unit_id":4,"mode":"long_term"}'

# ------------------------------------------------------------ raw bytes
printf '{"source":"opinion","title":"\xff\xfe bad","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}' >"$TMP/bad-utf8.json"
refused_nochange "invalid UTF-8 in a string" 400 BAD_JSON POST /api/v1/items "" \
	-H 'Content-Type: application/json' --data-binary @"$TMP/bad-utf8.json"
printf '{"source":"opinion","title":"\xc0\xafoverlong","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}' >"$TMP/overlong.json"
refused_nochange "overlong UTF-8 in a string" 400 BAD_JSON POST /api/v1/items "" \
	-H 'Content-Type: application/json' --data-binary @"$TMP/overlong.json"
printf '{"source":"opinion","title":"\xed\xa0\x80surrogate","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}' >"$TMP/surrogate.json"
refused_nochange "UTF-8 encoded surrogate in a string" 400 BAD_JSON POST /api/v1/items "" \
	-H 'Content-Type: application/json' --data-binary @"$TMP/surrogate.json"
printf '{"source":"opinion","title":"ok","unit_id":4,"mode":"deadline","due_on":"2024-03-31"}\0' >"$TMP/nul.json"
refused_nochange "raw NUL after the object" 400 BAD_JSON POST /api/v1/items "" \
	-H 'Content-Type: application/json' --data-binary @"$TMP/nul.json"
refused_nochange "invalid UTF-8 in a query string" 400 BAD_PARAM GET "/api/v1/items?q=%FF%FE"

# ------------------------------------------------------------ size
# 64 KiB exactly is accepted; one byte more is 413.
# sized_body FILE BYTES: a valid item padded with spaces to BYTES bytes.
sized_body() {
	local body n
	body=$(json_body source=opinion title=大小边界 unit_id:=4 mode=deadline due_on=2024-03-31)
	printf '%s' "${body%\}}" >"$1"
	n=$(stat -c %s "$1")
	head -c $(($2 - n - 1)) /dev/zero | tr '\0' ' ' >>"$1"
	printf '}' >>"$1"
}
sized_body "$TMP/64k.json" 65536
is "test body is 65536 bytes" "$(stat -c %s "$TMP/64k.json")" 65536
step "a body of exactly 64 KiB is accepted" 201 POST /api/v1/items "" \
	-H 'Content-Type: application/json' --data-binary @"$TMP/64k.json"
sized_body "$TMP/64k1.json" 65537
is "test body is 65537 bytes" "$(stat -c %s "$TMP/64k1.json")" 65537
refused_nochange "a body of 64 KiB + 1" 413 TOO_LARGE POST /api/v1/items "" \
	-H 'Content-Type: application/json' --data-binary @"$TMP/64k1.json"
head -c 300000 /dev/zero | tr '\0' ' ' >"$TMP/big.json"
printf '%s' "$ITEM" >>"$TMP/big.json"
refused_nochange "a 300 KB body" 413 TOO_LARGE POST /api/v1/items "" \
	-H 'Content-Type: application/json' --data-binary @"$TMP/big.json"
refused_nochange "a 300 KB body, chunked (no Content-Length)" 413 TOO_LARGE POST /api/v1/items "" \
	-H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' --data-binary @"$TMP/big.json"
step "the server still answers after big bodies" 200 GET /api/v1/me

# ------------------------------------------------------------ reply headers
step "any reply" 200 GET /api/v1/me
header_is "JSON content type" Content-Type "application/json; charset=utf-8"
header_is "nosniff" X-Content-Type-Options nosniff
header_is "no caching" Cache-Control no-store
refused "an error reply" 404 NO_ROUTE GET /api/v1/nothing
header_is "errors are JSON too" Content-Type "application/json; charset=utf-8"
header_is "errors are not cached either" Cache-Control no-store

# ------------------------------------------------------------ content type
refused_nochange "Content-Type text/plain" 415 BAD_CONTENT_TYPE POST /api/v1/items "" \
	-H 'Content-Type: text/plain' --data-binary "$ITEM"
refused_nochange "form-encoded body" 415 BAD_CONTENT_TYPE POST /api/v1/items "" --data-binary "$ITEM"
refused_nochange "no Content-Type" 415 BAD_CONTENT_TYPE POST /api/v1/items "" \
	-H 'Content-Type:' --data-binary "$ITEM"
refused_nochange "Content-Type application/jsonp" 415 BAD_CONTENT_TYPE POST /api/v1/items "" \
	-H 'Content-Type: application/jsonp' --data-binary "$ITEM"
step "application/json; charset=utf-8 is fine" 201 POST /api/v1/items "" \
	-H 'Content-Type: application/json; charset=utf-8' --data-binary "$ITEM"

# ------------------------------------------------------------ tokens
as -
refused_nochange "no token" 401 UNAUTHENTICATED POST /api/v1/items "$ITEM"
refused "no token on a read" 401 UNAUTHENTICATED GET "/api/v1/items/$I1"
refused "bad token" 401 UNAUTHENTICATED GET /api/v1/me -H 'Authorization: Bearer not-a-token'
refused "empty bearer token" 401 UNAUTHENTICATED GET /api/v1/me -H 'Authorization: Bearer '
refused "Basic instead of Bearer" 401 UNAUTHENTICATED GET /api/v1/me -H 'Authorization: Basic dmEuaGFuZGxlcjpx'
long_token=$(head -c 3000 /dev/zero | tr '\0' 'A')
refused "a 3000-byte token" 401 UNAUTHENTICATED GET /api/v1/me -H "Authorization: Bearer $long_token"
T=$(login viewer) || bail "log in as viewer"
T2=$(login viewer) || bail "log in as viewer"
TOKEN=$T
step "a fresh token works" 200 GET /api/v1/me
step "logout" 204 POST /api/v1/logout
refused "the token after logout" 401 UNAUTHENTICATED GET /api/v1/me
refused "logout again" 401 UNAUTHENTICATED POST /api/v1/logout
TOKEN=$T2
step "logout revokes only the token in use" 200 GET /api/v1/me

# ------------------------------------------------------------ routes, methods
as va.handler
refused "DELETE on the item list" 405 METHOD DELETE /api/v1/items
header_is "Allow lists the methods of /api/v1/items" Allow "GET, POST"
refused "PUT on an item" 405 METHOD PUT "/api/v1/items/$I1" "$ITEM"
header_is "Allow lists the methods of /api/v1/items/:ref" Allow "GET, PATCH"
refused "GET on login" 405 METHOD GET /api/v1/login
header_is "Allow for /api/v1/login" Allow POST
refused "PATCH on a measure list" 405 METHOD PATCH /api/v1/measures '{}'
as -
refused "wrong method without a token is still 405" 405 METHOD DELETE /api/v1/items
as va.handler
refused "unknown route" 404 NO_ROUTE GET /api/v1/nothing
refused "unknown API version" 404 NO_ROUTE GET /api/v2/items
refused "trailing slash" 404 NO_ROUTE GET /api/v1/items/
refused_nochange "unknown item action" 404 NO_ROUTE POST "/api/v1/items/$I1/explode"
refused "not under /api" 404 NO_ROUTE GET /etc/passwd
refused "path too deep" 404 NO_ROUTE GET "/api/v1/items/$I1/measures/1/x"
step "an item for path tricks" 201 POST /api/v1/items "$ITEM"
I_NUL=$(val .id)
refused_nochange "NUL (%00) in the path is not cut off" 404 NO_ROUTE POST "/api/v1/items/$I_NUL/start%00please"
refused "a body on a GET" 400 BAD_PARAM GET /api/v1/me '{}'

# ------------------------------------------------------------ query parameters
refused "unknown query parameter" 400 BAD_PARAM GET "/api/v1/items?unit=4&colour=red"
jq_is "error names the parameter" .error.field colour
refused "parameter given twice" 400 BAD_PARAM GET "/api/v1/items?unit=4&unit=4"
refused "unknown parameter on GET item" 400 BAD_PARAM GET "/api/v1/items/$I1?verbose=1"
refused "unknown parameter on /me" 400 BAD_PARAM GET "/api/v1/me?x=1"
refused "limit above 200" 400 BAD_PARAM GET "/api/v1/items?unit=4&limit=201"
jq_is "error names limit" .error.field limit
step "limit 200 is fine" 200 GET "/api/v1/items?unit=4&limit=200"
refused "limit 0 (limits are 1-200)" 400 BAD_PARAM GET "/api/v1/items?unit=4&limit=0"
refused "negative limit" 400 BAD_PARAM GET "/api/v1/items?unit=4&limit=-1"
refused "limit not a number" 400 BAD_PARAM GET "/api/v1/items?unit=4&limit=ten"
refused "negative offset" 400 BAD_PARAM GET "/api/v1/items?unit=4&offset=-2"
refused "overdue=maybe" 400 BAD_PARAM GET "/api/v1/items?unit=4&overdue=maybe"
refused "status nonsense" 400 BAD_PARAM GET "/api/v1/items?unit=4&status=nonsense"
refused "sort nonsense" 400 BAD_PARAM GET "/api/v1/items?unit=4&sort=random"
refused "due_from not a date" 400 BAD_PARAM GET "/api/v1/items?unit=4&due_from=2024-02-30"
refused "negative unit" 400 BAD_PARAM GET "/api/v1/items?unit=-4"
refused "huge unit" 400 BAD_PARAM GET "/api/v1/items?unit=99999999999999999999"
refused "unit that does not exist" 404 NOT_FOUND GET "/api/v1/items?unit=999999"
refused "empty unit" 400 BAD_PARAM GET "/api/v1/items?unit="
refused "q longer than 200 bytes" 400 BAD_PARAM GET "/api/v1/items?unit=4&q=$(printf 'a%.0s' $(seq 201))"
refused "depth above 10" 400 BAD_PARAM GET "/api/v1/units?under=4&depth=11"
refused "limit above 200 on measures" 400 BAD_PARAM GET "/api/v1/measures?unit=4&limit=500"
refused "limit above 200 on responsibility" 400 BAD_PARAM GET "/api/v1/responsibility?unit=4&limit=201"
refused "stats: from not a date" 400 BAD_PARAM GET "/api/v1/stats?unit=4&from=yesterday"
refused "persons without unit" 400 BAD_PARAM GET "/api/v1/persons"
# Query parameters on endpoints with a body are inputs too.
refused_nochange "unknown query parameter on POST /items" 400 BAD_PARAM POST "/api/v1/items?dry_run=1" "$ITEM"
step "an item for a query on an action" 201 POST /api/v1/items "$ITEM"
refused_nochange "unknown query parameter on an item action" 400 BAD_PARAM POST "/api/v1/items/$(val .id)/start?force=1"

# ------------------------------------------------------------ ids
refused "item id -1" 404 NOT_FOUND GET /api/v1/items/-1
refused "item id 0" 404 NOT_FOUND GET /api/v1/items/0
refused "item id 2^63-1" 404 NOT_FOUND GET /api/v1/items/9223372036854775807
refused "item id beyond 64 bits" 404 NOT_FOUND GET /api/v1/items/99999999999999999999999
refused "item ref with odd characters" 404 NOT_FOUND GET "/api/v1/items/a%27%20or%201=1"
refused "unknown ext_id" 404 NOT_FOUND GET /api/v1/items/QDT-2024-999999
refused "unit id -1" 404 NOT_FOUND GET /api/v1/units/-1
refused "unit id huge" 404 NOT_FOUND GET /api/v1/units/99999999999999999999
refused_nochange "measure id 0" 404 NOT_FOUND PATCH /api/v1/measures/0 '{"status":"done"}'
refused_nochange "measure that does not exist" 404 NOT_FOUND PATCH /api/v1/measures/424242 '{"status":"done"}'
refused_nochange "action on a missing item" 404 NOT_FOUND POST /api/v1/items/424242/start
refused_nochange "measure on a missing item" 404 NOT_FOUND POST /api/v1/items/424242/measures '{"text":"x"}'
as admin
refused_nochange "delete a grant that does not exist" 404 NOT_FOUND DELETE /api/v1/grants/424242
refused_nochange "delete grant -1" 404 NOT_FOUND DELETE /api/v1/grants/-1
as va.handler

# ------------------------------------------------------------ versions
step "read the item" 200 GET "/api/v1/items/$I1"
V=$(val .version)
step "edit with the current version" 200 PATCH "/api/v1/items/$I1" "{\"version\":$V,\"detail\":\"补充说明\"}"
jq_is "version +1" .version $((V + 1))
refused_nochange "edit with a stale version" 409 CONFLICT PATCH "/api/v1/items/$I1" "{\"version\":$V,\"title\":\"旧版本改名\"}"
jq_is "conflict names version" .error.field version
refused_nochange "edit without a version" 400 MISSING_FIELD PATCH "/api/v1/items/$I1" '{"title":"没有版本"}'
refused_nochange "edit with a version as string" 400 BAD_FIELD PATCH "/api/v1/items/$I1" "{\"version\":\"$((V + 1))\",\"title\":\"x\"}"
refused_nochange "edit with an unknown field" 400 UNKNOWN_FIELD PATCH "/api/v1/items/$I1" "{\"version\":$((V + 1)),\"status\":\"closed\"}"
refused_nochange "edit: already_fixed is not editable" 400 UNKNOWN_FIELD PATCH "/api/v1/items/$I1" "{\"version\":$((V + 1)),\"already_fixed\":true}"
refused_nochange "edit: due_on before found_on" 400 BAD_FIELD PATCH "/api/v1/items/$I1" "{\"version\":$((V + 1)),\"due_on\":\"2020-01-01\"}"
step "create a second item with its own number" 201 POST /api/v1/items \
	"$(json_body source=opinion title=编号冲突 unit_id:=4 mode=deadline due_on=2024-03-31 ext_id=HAND-1)"
I2=$(val .id)
refused_nochange "edit: ext_id of another item" 409 CONFLICT PATCH "/api/v1/items/$I2" "{\"version\":1,\"ext_id\":\"$X1\"}"
step "GET by a given ext_id" 200 GET /api/v1/items/HAND-1
jq_is "found by the given number" .id "$I2"

# ------------------------------------------------------------ measures
step "a measure" 201 POST "/api/v1/items/$I1/measures" '{"text":"更换灯泡"}'
M=$(val .id)
refused_nochange "measure without text" 400 MISSING_FIELD POST "/api/v1/items/$I1/measures" '{}'
refused_nochange "measure with blank text" 400 BAD_FIELD POST "/api/v1/items/$I1/measures" '{"text":" "}'
refused_nochange "measure status nonsense" 400 BAD_FIELD PATCH "/api/v1/measures/$M" '{"status":"finished"}'
refused_nochange "measure unknown field" 400 UNKNOWN_FIELD PATCH "/api/v1/measures/$M" '{"item_id":2}'
refused_nochange "measure due_on 2024-13-01" 400 BAD_FIELD PATCH "/api/v1/measures/$M" '{"due_on":"2024-13-01"}'
refused_nochange "measure responsible who does not exist" 400 BAD_FIELD PATCH "/api/v1/measures/$M" '{"responsible_id":4242}'

# ------------------------------------------------------------ language
refused "English message with Accept-Language: en" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":123,"unit_id":4,"mode":"deadline","due_on":"2024-03-31"}' -H 'Accept-Language: en'
jq_is "message in English" .error.message "invalid field value"
refused "English with Accept-Language: en-US,en;q=0.9" 404 NO_ROUTE GET /api/v1/nothing -H 'Accept-Language: en-US,en;q=0.9'
jq_is "NO_ROUTE in English" .error.message "no such endpoint"
refused "Chinese with Accept-Language: zh-CN" 404 NO_ROUTE GET /api/v1/nothing -H 'Accept-Language: zh-CN'
jq_is "NO_ROUTE in Chinese" .error.message 没有这个接口
refused "Chinese by default" 400 BAD_FIELD POST /api/v1/items \
	'{"source":"opinion","title":123,"unit_id":4,"mode":"deadline","due_on":"2024-03-31"}'
jq_is "message in Chinese" .error.message 字段值无效
as - 
refused "401 in English" 401 UNAUTHENTICATED GET /api/v1/me -H 'Accept-Language: en'
jq_is "UNAUTHENTICATED in English" .error.message "authentication required"
as va.handler
step "item for the English NOT_ABOVE" 201 POST /api/v1/items \
	'{"source":"opinion","title":"英文测试","unit_id":4,"mode":"immediate"}'
I3=$(val .id)
step "request sign-off" 200 POST "/api/v1/items/$I3/request_signoff"
as va.leader
refused_nochange "NOT_ABOVE in English" 403 NOT_ABOVE POST "/api/v1/items/$I3/signoff" '{"closure":"resolved"}' -H 'Accept-Language: en'
jq_is "NOT_ABOVE message in English" .error.message \
	"sign-off must come from a level above the owner unit or a supervisor"

# ------------------------------------------------------------ login
as -
refused "login with a wrong password" 401 BAD_LOGIN POST /api/v1/login '{"login":"admin","password":"wrong-password"}'
refused "login of an unknown account" 401 BAD_LOGIN POST /api/v1/login '{"login":"nobody","password":"wrong-password"}'
refused "login without password" 400 MISSING_FIELD POST /api/v1/login '{"login":"admin"}'
refused "login with password as number" 400 BAD_FIELD POST /api/v1/login '{"login":"admin","password":12345678}'
refused "login with an unknown field" 400 UNKNOWN_FIELD POST /api/v1/login '{"login":"admin","password":"x","remember":true}'
step "right password after one failure" 200 POST /api/v1/login "{\"login\":\"admin\",\"password\":\"$PASSWORD\"}"
jq_is "token type Bearer" .token_type Bearer
jq_is "account id" .account_id "${ACCOUNT_ID[admin]}"
for i in 1 2 3 4 5; do
	refused "lockme: failed login $i" 401 BAD_LOGIN POST /api/v1/login '{"login":"lockme","password":"wrong-password"}'
done
refused "lockme: 6th failed login" 429 THROTTLED POST /api/v1/login '{"login":"lockme","password":"wrong-password"}'
refused "lockme: right password while throttled" 429 THROTTLED POST /api/v1/login "{\"login\":\"lockme\",\"password\":\"$PASSWORD\"}"
step "another login is not throttled" 200 POST /api/v1/login "{\"login\":\"viewer\",\"password\":\"$PASSWORD\"}"

# ------------------------------------------------------------ the server is fine
as va.handler
step "the server still works" 200 GET "/api/v1/items/$I1"
if q_cli check; then
	pass "qingdan check passes after all the refusals"
else
	fail "qingdan check passes after all the refusals" "$(cat "$TMP/cli.out")"
fi

done_testing
