#!/usr/bin/env bash
# Open311 GeoReport v2 under /open311/ and FixMyStreet's servicerequestupdates
# extension, on a real server: every endpoint in XML and JSON, each reply's
# element names and nesting compared with the spec's own examples
# (tests/http/open311_examples/), the error format and statuses (403 api_key,
# 404 unknown resource / service / jurisdiction / request / token, 400 the
# rest, 405, 413), the filters and defaults of GET requests (90 days, 1000),
# tokens, updates pulled and pushed (idempotent update_id, 不满意 reopening
# the item), every refusal leaving the database as it was, and a privacy scan
# of every Open311 reply, with and without a key, for the submitter's name,
# phone, email and tracking code.
. "$(dirname "$0")/lib.sh"

command -v xmllint >/dev/null || {
	echo "Bail out! xmllint is not installed (Debian package libxml2-utils; scripts/deps.sh)"
	exit 1
}

EX=$(cd "$(dirname "$0")/open311_examples" && pwd)
V2=/open311/v2

make_fixture
start_server

# ------------------------------------------------------------ helpers

SCAN=$TMP/scan.txt     # every Open311 reply but POST requests' and tokens'
KEYED=$TMP/keyed.txt   # POST requests' and tokens' replies (they carry the token)
: >"$SCAN"
: >"$KEYED"

# keep: the last reply into the privacy scan ($SCAN, or the file INTO names).
keep() {
	cat "$TMP/body" >>"${INTO:-$SCAN}"
	echo >>"${INTO:-$SCAN}"
}

# o311 LABEL STATUS METHOD PATH [curl args...]: an Open311 request (no
# Bearer token), its reply kept for the privacy scan.
o311() {
	local saved=$TOKEN
	TOKEN=
	step "$@"
	TOKEN=$saved
	keep
}

# with_form FN LABEL STATUS PATH K=V...: FN LABEL STATUS POST PATH with the
# K=V pairs as a form body (application/x-www-form-urlencoded).
with_form() {
	local fn=$1 label=$2 want=$3 path=$4 kv args=()
	shift 4
	for kv in "$@"; do
		args+=(--data-urlencode "$kv")
	done
	"$fn" "$label" "$want" POST "$path" "${args[@]}"
}
post() {
	with_form o311 "$@"
}

# is_error LABEL FORMAT STATUS: the last reply is an Open311 error with
# this status, in FORMAT (xml or json: body and Content-Type), with a
# description.
is_error() {
	local label=$1 fmt=$2 want=$3 code desc type ctype
	ctype=$(tr -d '\r' <"$TMP/headers" | sed -n 's/^[Cc]ontent-[Tt]ype: //p' | tail -n 1)
	if [ "$fmt" = json ]; then
		code=$(jq -r '.[0].code' "$TMP/body" 2>/dev/null)
		desc=$(jq -r '.[0].description' "$TMP/body" 2>/dev/null)
		type="application/json; charset=utf-8"
	else
		code=$(xmllint --xpath 'string(/errors/error/code)' "$TMP/body" 2>/dev/null)
		desc=$(xmllint --xpath 'string(/errors/error/description)' "$TMP/body" 2>/dev/null)
		type="text/xml; charset=utf-8"
	fi
	if [ "$STATUS" == "$want" ] && [ "$code" == "$want" ] && [ -n "$desc" ] &&
		[ "$desc" != null ] && [ "$ctype" == "$type" ]; then
		pass "$label -> $want"
	else
		fail "$label -> $want" "error code '$code', description '$desc', type '$ctype'" "$(last_reply)"
	fi
}

# o_refused LABEL STATUS METHOD PATH [curl args]: an Open311 error reply
# (format from the path) that changes nothing; post_refused LABEL STATUS
# PATH K=V... the same for a form POST.
o_refused() {
	local label=$1 want=$2 method=$3 path=$4
	shift 4
	local fmt=xml
	[[ ${path%%\?*} == *.json ]] && fmt=json
	mark
	local saved=$TOKEN
	TOKEN=
	req "$method" "$path" "$@"
	TOKEN=$saved
	keep
	is_error "$label" "$fmt" "$want"
	unchanged "$label"
}
post_refused() {
	with_form o_refused "$@"
}

# The element paths of an XML document (root first), one per line, sorted.
xml_paths() {
	xmllint --noblanks "$1" 2>/dev/null | grep -o '<[^>]*>' | awk '
		/^<[?!]/ { next }
		/^<\// { n--; next }
		{
			name = $0; gsub(/[<>\/]/, "", name); sub(/[ \t].*/, "", name)
			stack[++n] = name; p = ""
			for (i = 1; i <= n; i++) p = p "/" stack[i]
			print p
			if ($0 ~ /\/>$/) n--
		}' | sort -u
}
# The key paths of a JSON document ([] for array items), sorted.
json_paths() {
	jq -r 'paths | map(if type == "number" then "[]" else . end) | join("/")' "$1" | sort -u
}

# same_shape LABEL KIND EXAMPLE [EXTRA_PATH...]: the last reply has the
# element (or key) paths of the spec's example, and no others but EXTRA.
same_shape() {
	local label=$1 kind=$2 example=$3
	shift 3
	local ours=$TMP/shape.ours theirs=$TMP/shape.theirs extra
	if [ "$kind" = xml ]; then
		xml_paths "$TMP/body" >"$ours"
		sed 's/service_requests_updates/service_request_updates/' "$example" >"$TMP/example.xml"
		xml_paths "$TMP/example.xml" >"$theirs"
	else
		json_paths "$TMP/body" >"$ours"
		json_paths "$example" >"$theirs"
	fi
	for extra in "$@"; do
		echo "$extra" >>"$theirs"
	done
	sort -u -o "$theirs" "$theirs"
	local missing added
	missing=$(comm -13 "$ours" "$theirs" | grep -vxF -f <(printf '%s\n' "$@" ""))
	added=$(comm -23 "$ours" "$theirs")
	if [ -s "$ours" ] && [ -z "$missing" ] && [ -z "$added" ]; then
		pass "$label: same elements as the spec's $(basename "$example")"
	else
		fail "$label: same elements as the spec's $(basename "$example")" \
			"missing: $missing" "not in the example: $added" "$(last_reply)"
	fi
}

# well_formed LABEL: the last reply is an XML document with the spec's
# Content-Type.
well_formed() {
	ok_if "$1: well-formed XML" xmllint --noout "$TMP/body"
	header_is "$1: Content-Type" Content-Type "text/xml; charset=utf-8"
}
parses_as_json() {
	jq -e . "$TMP/body" >/dev/null 2>&1
}
is_json() {
	ok_if "$1: JSON" parses_as_json
	header_is "$1: Content-Type" Content-Type "application/json; charset=utf-8"
}

# lacks GREP_ARGS...: grep finds nothing.
lacks() {
	! grep -qi "$@"
}

count_rows() {
	sqlite3 "$DB" "SELECT count(*) FROM $1"
}

# ------------------------------------------------------------ set-up
as admin
step "category road" 201 POST /api/v1/categories '{"code":"road","name":"道路坑洼"}'
step "category light" 201 POST /api/v1/categories '{"code":"light","name":"路灯不亮"}'
CAT_LIGHT=$(val .id)
as -

# client_add NAME UNIT: register a client, print its api_key.
client_add() {
	q_cli open311 add --name "$1" --unit "$2" || bail "open311 add $1" "$(cat "$TMP/cli.out")"
	awk '$1 == "api_key" { print $2 }' "$TMP/cli.out"
}
K=$(client_add 县12345平台 $U_COUNTY)         # the county's platform
KB=$(client_add 乙镇便民热线 $U_TB)           # township B's
KR=$(client_add 已停用平台 $U_COUNTY)
q_cli open311 revoke --id 3 || bail "open311 revoke" "$(cat "$TMP/cli.out")"
ok_if "api keys issued" [ -n "$K" ] && [ -n "$KB" ] && [ "$K" != "$KB" ]

FIRST=小明隐私
LAST=欧阳
NAME=$LAST$FIRST
PHONE=13911112222
EMAIL=ouyang.privacy@example.org

# ------------------------------------------------------------ discovery
for f in xml json; do
	o311 "discovery.$f" 200 GET "/open311/discovery.$f"
	if [ $f = xml ]; then
		well_formed "discovery.xml"
	else
		is_json "discovery.json"
	fi
	same_shape "discovery.$f" $f "$EX/discovery.$f"
done
jq_is "discovery: the endpoint's URL" '.endpoints[0].url' "$BASE$V2"
jq_is "discovery: GeoReport v2, both formats" '"\(.endpoints[0].specification) \(.endpoints[0].formats|join(","))"' \
	"http://wiki.open311.org/GeoReport_v2 text/xml,application/json"
o311 "discovery also under /v2" 200 GET "$V2/discovery.json"

# ------------------------------------------------------------ services
o311 "services.xml" 200 GET "$V2/services.xml"
well_formed "services.xml"
same_shape "services.xml" xml "$EX/services.xml"
o311 "services.json" 200 GET "$V2/services.json"
is_json "services.json"
same_shape "services.json" json "$EX/services.json"
jq_is "services are the categories" '[.[] | "\(.service_code)=\(.service_name)"] | join(" ")' "road=道路坑洼 light=路灯不亮"
jq_is "each has metadata, realtime" '[.[] | "\(.metadata) \(.type)"] | unique | join(",")' "true realtime"
o311 "services of a jurisdiction by id" 200 GET "$V2/services.json?jurisdiction_id=$U_TB"
o_refused "services: unknown jurisdiction" 404 GET "$V2/services.json?jurisdiction_id=nowhere"
o_refused "services: unknown jurisdiction (XML)" 404 GET "$V2/services.xml?jurisdiction_id=999"

o311 "service definition XML" 200 GET "$V2/services/road.xml"
well_formed "service definition"
same_shape "service_definition.xml" xml "$EX/service_definition.xml"
o311 "service definition JSON" 200 GET "$V2/services/road.json?jurisdiction_id=$U_TA"
same_shape "service_definition.json" json "$EX/service_definition.json"
jq_is "definition: its service_code" .service_code road
jq_is "definition: one attribute, unit, a single choice" '.attributes | map("\(.code) \(.datatype) \(.required)") | join(",")' \
	"unit singlevaluelist false"
jq_is "definition: township A and two levels below it" '[.attributes[0].values[].key] | join(",")' "$U_TA,$U_VA1,$U_GRID,$U_VA2"
o_refused "definition: unknown service" 404 GET "$V2/services/nothing.json"
o_refused "definition: unknown service (XML)" 404 GET "$V2/services/nothing.xml"

# ------------------------------------------------------------ POST requests: refusals
R=$V2/requests
GOOD=(service_code=road lat=36.95 long=100.9 "description=村口道路有大坑")
post_refused "POST without api_key" 403 "$R.xml" "${GOOD[@]}"
post_refused "POST without api_key (JSON)" 403 "$R.json" "${GOOD[@]}"
post_refused "POST with a wrong api_key" 403 "$R.json" api_key=not-a-key "${GOOD[@]}"
post_refused "POST with a revoked api_key" 403 "$R.xml" "api_key=$KR" "${GOOD[@]}"
post_refused "POST: unknown service_code" 404 "$R.json" "api_key=$K" service_code=nothing lat=36.9 long=100.9 description=x
post_refused "POST: unknown service_code (XML)" 404 "$R.xml" "api_key=$K" service_code=nothing lat=36.9 long=100.9 description=x
post_refused "POST: no service_code" 400 "$R.json" "api_key=$K" lat=36.9 long=100.9 description=x
post_refused "POST: no location" 400 "$R.json" "api_key=$K" service_code=road description=x
post_refused "POST: address_id alone (no address repository)" 400 "$R.json" "api_key=$K" service_code=road address_id=545483 description=x
post_refused "POST: lat without long" 400 "$R.json" "api_key=$K" service_code=road lat=36.9 description=x
post_refused "POST: lat not a number" 400 "$R.xml" "api_key=$K" service_code=road lat=north long=100.9 description=x
post_refused "POST: lat in exponent form" 400 "$R.json" "api_key=$K" service_code=road lat=3e1 long=100.9 description=x
post_refused "POST: lat 91" 400 "$R.json" "api_key=$K" service_code=road lat=91 long=100.9 description=x
post_refused "POST: long -181" 400 "$R.json" "api_key=$K" service_code=road lat=36 long=-181 description=x
post_refused "POST: no description" 400 "$R.json" "api_key=$K" service_code=road lat=36.9 long=100.9
post_refused "POST: description over 2000 characters" 400 "$R.json" "api_key=$K" service_code=road lat=36.9 long=100.9 \
	"description=$(printf '坑%.0s' $(seq 2001))"
post_refused "POST: description over the spec's 4000" 400 "$R.xml" "api_key=$K" service_code=road lat=36.9 long=100.9 \
	"description=$(printf 'x%.0s' $(seq 4001))"
post_refused "POST: address_string over 200 characters" 400 "$R.json" "api_key=$K" service_code=road \
	"address_string=$(printf '路%.0s' $(seq 201))" description=x
post_refused "POST: unknown jurisdiction" 404 "$R.json" "api_key=$K" jurisdiction_id=nowhere "${GOOD[@]}"
post_refused "POST: attribute the service does not declare" 400 "$R.json" "api_key=$K" "attribute[colour]=red" "${GOOD[@]}"
post_refused "POST: attribute[unit] not a unit" 400 "$R.json" "api_key=$K" "attribute[unit]=999" "${GOOD[@]}"
post_refused "POST: attribute[unit] outside the jurisdiction" 400 "$R.json" "api_key=$K" \
	jurisdiction_id=$U_TA "attribute[unit]=$U_VB1" "${GOOD[@]}"
post_refused "POST: township B's key for a unit of township A" 403 "$R.json" "api_key=$KB" "attribute[unit]=$U_VA1" "${GOOD[@]}"
post_refused "POST: township B's key for the county" 403 "$R.xml" "api_key=$KB" jurisdiction_id=$U_COUNTY "${GOOD[@]}"
post_refused "POST: a parameter twice" 400 "$R.json" "api_key=$K" service_code=road "${GOOD[@]}"
post_refused "POST: name too long" 400 "$R.json" "api_key=$K" "first_name=$(printf '名%.0s' $(seq 101))" "${GOOD[@]}"
o_refused "POST: a JSON body" 400 POST "$R.json" -H 'Content-Type: application/json' \
	--data-binary "{\"api_key\":\"$K\",\"service_code\":\"road\"}"
o_refused "POST: malformed form encoding" 400 POST "$R.json" --data-binary "api_key=$K&description=%zz"
head -c 70000 /dev/zero | tr '\0' a >"$TMP/big.form"
o_refused "POST: over 64 KiB" 413 POST "$R.json" --data-binary "@$TMP/big.form"

# ------------------------------------------------------------ POST requests
mark_rows=$(count_rows opinion)
INTO=$KEYED post "POST a request (XML) with the submitter's name, phone and email" 200 "$R.xml" "api_key=$K" \
	service_code=road lat=36.9512 long=100.9031 "description=村口道路有一个大坑，雨天积水" \
	"first_name=$FIRST" "last_name=$LAST" "phone=$PHONE" "email=$EMAIL" device_id=dev-1 account_id=acc-1 \
	media_url=http://example.org/p.jpg media_url=http://example.org/q.jpg "attribute[unit]=$U_VA1"
well_formed "POST reply"
same_shape "POST requests.xml" xml "$EX/post_request.xml" /service_requests/request/token
R1=$(xmllint --xpath 'string(/service_requests/request/service_request_id)' "$TMP/body")
T1=$(xmllint --xpath 'string(/service_requests/request/token)' "$TMP/body")
ok_if "a request id" [ "${R1:-0}" -gt 0 ]
ok_if "the token is a tracking code" grep -qE '^[A-HJ-NP-Z2-9]{12}$' <<<"$T1"
is "one opinion more" "$(count_rows opinion)" $((mark_rows + 1))
is "kept as an open311 opinion of village A1, category road, from client 1" \
	"$(sqlite3 "$DB" "SELECT channel, unit_id, category_id, client_id, lat, lon FROM opinion WHERE id = $R1")" \
	"open311|$U_VA1|1|1|36.9512|100.9031"
is "name and contact kept for handling staff (family name first)" \
	"$(sqlite3 "$DB" "SELECT submitter_name || ' / ' || submitter_contact FROM opinion WHERE id = $R1")" \
	"$NAME / $PHONE; $EMAIL"

INTO=$KEYED post "POST a request (JSON) by address" 200 "$R.json" "api_key=$K" service_code=light \
	"address_string=甲二村三组路口" "description=路口路灯不亮" "first_name=$FIRST" "phone=$PHONE" \
	jurisdiction_id=$U_TA "attribute[unit]=$U_VA2"
is_json "POST reply"
same_shape "POST requests.json" json "$EX/post_request.json" '[]/token'
R2=$(val '.[0].service_request_id')
T2=$(val '.[0].token')
jq_is "account_id null" '.[0].account_id' null
is "R2 in village A2 with its address" \
	"$(sqlite3 "$DB" "SELECT unit_id, address, lat IS NULL FROM opinion WHERE id = $R2")" "$U_VA2|甲二村三组路口|1"
INTO=$KEYED post "township B's platform posts for its own unit" 200 "$R.json" "api_key=$KB" service_code=road \
	"address_string=乙镇街道" "description=乙镇街道路面破损" "email=$EMAIL"
R3=$(val '.[0].service_request_id')
T3=$(val '.[0].token')
is "R3 in township B" "$(sqlite3 "$DB" "SELECT unit_id FROM opinion WHERE id = $R3")" "$U_TB"
INTO=$KEYED post "the jurisdiction named is the default unit" 200 "$R.json" "api_key=$K" jurisdiction_id=$U_VB1 \
	"${GOOD[@]}" "last_name=$LAST"
R4=$(val '.[0].service_request_id')
is "R4 in village B1" "$(sqlite3 "$DB" "SELECT unit_id FROM opinion WHERE id = $R4")" "$U_VB1"

# ------------------------------------------------------------ tokens
o_refused "token without api_key" 403 GET "$V2/tokens/$T1.json"
o_refused "token with another client's key" 404 GET "$V2/tokens/$T1.json?api_key=$KB"
o_refused "token of the wrong shape" 404 GET "$V2/tokens/abc.xml?api_key=$K"
o_refused "unknown token" 404 GET "$V2/tokens/AAAAAAAAAAAA.json?api_key=$K"
INTO=$KEYED o311 "token (XML)" 200 GET "$V2/tokens/$T1.xml?api_key=$K"
well_formed "token"
same_shape "tokens.xml" xml "$EX/tokens.xml"
is "token gives the request id" "$(xmllint --xpath 'string(/service_requests/request/service_request_id)' "$TMP/body")" "$R1"
INTO=$KEYED o311 "token (JSON)" 200 GET "$V2/tokens/$T3.json?api_key=$KB"
same_shape "tokens.json" json "$EX/tokens.json"
jq_is "token R3" '.[0] | "\(.service_request_id) \(.token)"' "$R3 $T3"

# ------------------------------------------------------------ GET requests
o311 "requests, public (XML)" 200 GET "$R.xml"
well_formed "requests"
same_shape "requests.xml" xml "$EX/requests.xml"
o311 "requests, public (JSON)" 200 GET "$R.json"
is_json "requests"
same_shape "requests.json" json "$EX/requests.json"
jq_is "all four, newest first" '[.[].service_request_id] | join(",")' "$R4,$R3,$R2,$R1"
jq_is "all open" '[.[].status] | unique | join(",")' open
jq_is "public: no text, address or location" '[.[] | .description, .address, .lat, .long] | unique | join(",")' ""
jq_is "the unit responsible" "[.[] | select(.service_request_id == $R1) | .agency_responsible] | join(\"\")" 甲一村
jq_is "the service" "[.[] | select(.service_request_id == $R2) | \"\(.service_code) \(.service_name)\"] | join(\"\")" "light 路灯不亮"
jq_ok "W3C datetimes with the zone" 'all(.[]; .requested_datetime | test("^2024-03-15T09:[0-9:]{5}\\+08:00$"))'
o311 "requests with the county's key" 200 GET "$R.json?api_key=$K"
jq_is "the covering client reads the text" "[.[] | select(.service_request_id == $R1) | .description] | join(\"\")" \
	"村口道路有一个大坑，雨天积水"
jq_is "… and the location" "[.[] | select(.service_request_id == $R1) | \"\(.lat) \(.long)\"] | join(\"\")" "36.9512 100.9031"
jq_is "… and the address" "[.[] | select(.service_request_id == $R2) | .address] | join(\"\")" "甲二村三组路口"
o311 "requests with township B's key" 200 GET "$R.json?api_key=$KB"
jq_is "township B's client reads the text of its subtree's requests only" \
	'[.[] | select(.description != null) | .service_request_id] | join(",")' "$R4,$R3"
o_refused "requests with a wrong api_key" 403 GET "$R.json?api_key=wrong"
o_refused "requests: unknown jurisdiction" 404 GET "$R.xml?jurisdiction_id=nowhere"
o311 "requests of township B's jurisdiction" 200 GET "$R.json?jurisdiction_id=$U_TB"
jq_is "R4 and R3" '[.[].service_request_id] | join(",")' "$R4,$R3"

# filters
o311 "ids override the other filters" 200 GET "$R.json?service_request_id=$R1,$R2&status=closed&service_code=nothing&start_date=bad"
jq_is "R2 and R1" '[.[].service_request_id] | join(",")' "$R2,$R1"
o311 "ids still within the jurisdiction" 200 GET "$R.json?service_request_id=$R1,$R3&jurisdiction_id=$U_TB"
jq_is "only R3" '[.[].service_request_id] | join(",")' "$R3"
o_refused "ids: not a number" 400 GET "$R.json?service_request_id=1,abc"
o_refused "ids: zero" 400 GET "$R.xml?service_request_id=0"
o_refused "ids: empty item" 400 GET "$R.json?service_request_id=1,,2"
o311 "service_code filter" 200 GET "$R.json?service_code=light"
jq_is "only R2" '[.[].service_request_id] | join(",")' "$R2"
o311 "service_code list" 200 GET "$R.json?service_code=light,road"
jq_is "all four" 'length' 4
o_refused "service_code unknown" 404 GET "$R.json?service_code=road,nothing"
o311 "status=closed" 200 GET "$R.json?status=closed"
jq_is "none closed yet" 'length' 0
o311 "status=open,closed" 200 GET "$R.json?status=open,closed"
jq_is "both: all four" 'length' 4
o_refused "status=pending" 400 GET "$R.json?status=pending"
o311 "empty parameters count as absent" 200 GET "$R.json?status=&service_code=&start_date=&jurisdiction_id="
jq_is "all four" 'length' 4
o311 "unknown parameters are ignored, even twice" 200 GET "$R.json?colour=red&page=2&colour=blue"
jq_is "all four" 'length' 4
o_refused "a parameter twice" 400 GET "$R.json?status=open&status=closed"
o311 "a window holding them" 200 GET "$R.json?start_date=2024-03-15T00:00:00%2B08:00&end_date=2024-03-16"
jq_is "all four" 'length' 4
o311 "a window of Z times before them" 200 GET "$R.json?start_date=2024-01-01T00:00:00Z&end_date=2024-03-14T23:59:59Z"
jq_is "none" 'length' 0
o311 "start_date alone: 90 days from it" 200 GET "$R.json?start_date=2023-12-20"
jq_is "all four (2023-12-20 + 90 days is 2024-03-19)" 'length' 4
o311 "end_date alone: 90 days up to it" 200 GET "$R.json?end_date=2024-03-14"
jq_is "none" 'length' 0
o_refused "span over 90 days" 400 GET "$R.json?start_date=2024-01-01&end_date=2024-04-01"
o_refused "end before start" 400 GET "$R.json?start_date=2024-03-15&end_date=2024-03-01"
o_refused "malformed start_date" 400 GET "$R.json?start_date=2024-13-01"
o_refused "malformed end_date" 400 GET "$R.xml?end_date=yesterday"
o_refused "trailing text in a date" 400 GET "$R.json?start_date=2024-03-01T00:00:00Zjunk"

# one request
o311 "one request (XML)" 200 GET "$R/$R1.xml"
well_formed "one request"
same_shape "request.xml" xml "$EX/request.xml"
o311 "one request (JSON)" 200 GET "$R/$R1.json?api_key=$K"
same_shape "request.json" json "$EX/request.json"
jq_is "an array of one" '[length, .[0].service_request_id] | join(" ")' "1 $R1"
o_refused "one request: unknown id" 404 GET "$R/99999.json"
o_refused "one request: unknown id (XML)" 404 GET "$R/99999.xml"
o_refused "one request: not an id" 404 GET "$R/abc.json"
o_refused "one request outside the jurisdiction" 404 GET "$R/$R1.json?jurisdiction_id=$U_TB"

# ------------------------------------------------------------ staff handle R1 and R2
as va.handler
step "accept R1 into an item" 200 POST "/api/v1/opinions/$R1/accept" \
	'{"title":"修补村口道路坑洼","mode":"deadline","due_on":"2024-03-29"}'
I1=$(val .item_id)
step "reply to R1" 200 POST "/api/v1/opinions/$R1/reply" '{"text":"已安排施工队，两周内修复"}'
as ta.leader
step "accept R2 into an item" 200 POST "/api/v1/opinions/$R2/accept" '{"title":"修复甲二村路口路灯","mode":"immediate"}'
I2=$(val .item_id)
step "start it" 200 POST "/api/v1/items/$I2/start"
step "request sign-off" 200 POST "/api/v1/items/$I2/request_signoff"
as admin
step "the county signs it off" 200 POST "/api/v1/items/$I2/signoff" '{"closure":"resolved","reason":"已更换灯泡"}'
as -

o311 "R1 after triage, public" 200 GET "$R/$R1.json"
jq_is "the item's title stands for the text" '.[0].description' 修补村口道路坑洼
jq_is "status_notes: no reply for the public (it was written to the submitter)" '.[0].status_notes' null
o311 "R1 after triage, with the client's key" 200 GET "$R/$R1.json?api_key=$K"
jq_is "status_notes: the reply" '.[0].status_notes' 已安排施工队，两周内修复
o311 "R1 after triage, public" 200 GET "$R/$R1.json"
jq_is "expected: the end of the item's due day" '.[0].expected_datetime' 2024-03-29T23:59:59+08:00
jq_is "still open" '.[0].status' open
o311 "R2 answered" 200 GET "$R/$R2.xml"
is "R2 closed" "$(xmllint --xpath 'string(//request/status)' "$TMP/body")" closed
is "status_notes: the resolution" "$(xmllint --xpath 'string(//request/status_notes)' "$TMP/body")" 已解决：已更换灯泡
o311 "status=closed now" 200 GET "$R.json?status=closed"
jq_is "R2" '[.[].service_request_id] | join(",")' "$R2"
o311 "status=open" 200 GET "$R.json?status=open"
jq_is "the three others" '[.[].service_request_id] | join(",")' "$R4,$R3,$R1"

# ------------------------------------------------------------ servicerequestupdates: GET
U=$V2/servicerequestupdates
o_refused "updates without api_key" 403 GET "$U.xml"
o_refused "updates with a wrong key" 403 GET "$U.json?api_key=wrong"
o311 "updates (XML)" 200 GET "$U.xml?api_key=$K"
well_formed "updates"
same_shape "servicerequestupdates.xml" xml "$EX/servicerequestupdates.xml" \
	/service_request_updates/request_update/media_url
o311 "updates (JSON)" 200 GET "$U.json?api_key=$K&start_date=2024-03-15T00:00:00%2B08:00&end_date=2024-03-15T23:59:59%2B08:00"
is_json "updates"
jq_is "statuses in lower case, oldest first, R1's" "[.[] | select(.service_request_id == $R1) | .status] | join(\",\")" \
	"open,in_progress,in_progress"
jq_is "R2's: received, accepted, answered as fixed" "[.[] | select(.service_request_id == $R2) | \"\(.status):\(.description)\"] | join(\",\")" \
	"open:已收到,in_progress:已受理,fixed:已解决：已更换灯泡"
jq_ok "ids and datetimes" 'all(.[]; (.update_id | numbers) and (.updated_datetime | test("^2024-03-15T")))'
o311 "township B's client reads its own subtree's updates" 200 GET "$U.json?api_key=$KB"
jq_is "R4's and R3's only" '[.[].service_request_id] | unique | join(",")' "$R3,$R4"
o_refused "updates: jurisdiction outside the client" 403 GET "$U.json?api_key=$KB&jurisdiction_id=$U_TA"
o311 "updates of the client's part of a larger jurisdiction" 200 GET "$U.json?api_key=$KB&jurisdiction_id=$U_COUNTY"
jq_is "the same" '[.[].service_request_id] | unique | join(",")' "$R3,$R4"
o311 "updates: a later window" 200 GET "$U.json?api_key=$K&start_date=2024-03-16&end_date=2024-03-20"
jq_is "none" 'length' 0
o_refused "updates: span over 90 days" 400 GET "$U.json?api_key=$K&start_date=2023-01-01&end_date=2024-01-01"
o_refused "updates: malformed date" 400 GET "$U.xml?api_key=$K&start_date=15/03/2024"
o_refused "updates: unknown jurisdiction" 404 GET "$U.json?api_key=$K&jurisdiction_id=nowhere"

# ------------------------------------------------------------ servicerequestupdates: POST
post_refused "push without api_key" 403 "$U.xml" service_request_id=$R1 status=IN_PROGRESS update_id=fms-1
post_refused "push: no status" 400 "$U.json" "api_key=$K" service_request_id=$R1 update_id=fms-1
post_refused "push: status not an Open311 status" 400 "$U.json" "api_key=$K" service_request_id=$R1 status=PENDING update_id=fms-1
post_refused "push: lower-case status" 400 "$U.json" "api_key=$K" service_request_id=$R1 status=open update_id=fms-1
post_refused "push: no service_request_id" 400 "$U.json" "api_key=$K" status=OPEN update_id=fms-1
post_refused "push: malformed service_request_id" 400 "$U.json" "api_key=$K" service_request_id=R1 status=OPEN
post_refused "push: unknown request" 404 "$U.json" "api_key=$K" service_request_id=99999 status=OPEN update_id=fms-1
post_refused "push: a request outside the client's subtree" 404 "$U.xml" "api_key=$KB" service_request_id=$R1 status=OPEN update_id=b-1
post_refused "push: malformed updated_datetime" 400 "$U.json" "api_key=$K" service_request_id=$R1 status=OPEN \
	updated_datetime=yesterday
post_refused "push: unknown satisfaction" 400 "$U.json" "api_key=$K" service_request_id=$R2 status=CLOSED satisfaction=great
post_refused "push: unknown jurisdiction" 404 "$U.json" "api_key=$K" jurisdiction_id=nowhere service_request_id=$R1 status=OPEN
post_refused "push: satisfaction before the answer" 400 "$U.json" "api_key=$K" service_request_id=$R1 status=OPEN \
	satisfaction=satisfied update_id=fms-0
post_refused "push: 不满意 without a comment" 400 "$U.json" "api_key=$K" service_request_id=$R2 status=REOPEN \
	satisfaction=不满意 update_id=fms-9

before=$(count_rows opinion_update)
post "push an update" 200 "$U.xml" "api_key=$K" service_request_id=$R1 status=IN_PROGRESS update_id=fms-1 \
	"description=平台回访：施工中" updated_datetime=2024-03-15T10:00:00+08:00 "first_name=$FIRST" "email=$EMAIL"
well_formed "push reply"
same_shape "POST servicerequestupdates.xml" xml "$EX/post_servicerequestupdates.xml"
UP1=$(xmllint --xpath 'string(//request_update/update_id)' "$TMP/body")
is "one update more" "$(count_rows opinion_update)" $((before + 1))
is "kept for staff with the client's id, no name or email" \
	"$(sqlite3 "$DB" "SELECT status, description, client_id, external_id FROM opinion_update WHERE id = $UP1")" \
	"IN_PROGRESS|平台回访：施工中|1|fms-1"
mark
post "the same update_id again" 200 "$U.json" "api_key=$K" service_request_id=$R1 status=IN_PROGRESS update_id=fms-1 \
	"description=平台回访：施工中"
jq_is "the same update" '.[0].update_id' "$UP1"
unchanged "a repeated update_id"
post_refused "the update_id for another request" 400 "$U.json" "api_key=$K" service_request_id=$R2 status=OPEN update_id=fms-1
post_refused "the update_id again with other content" 400 "$U.json" "api_key=$K" service_request_id=$R1 \
	status=CLOSED update_id=fms-1 "description=平台回访：已完工"
post "township B's client may use the same update_id" 200 "$U.json" "api_key=$KB" service_request_id=$R3 \
	status=INVESTIGATING update_id=fms-1
post "FixMyStreet's REOPEN status" 200 "$U.json" "api_key=$K" service_request_id=$R4 status=REOPEN update_id=fms-2
post "no update_id: taken as it comes" 200 "$U.json" "api_key=$K" service_request_id=$R4 status=OPEN
o311 "pushed updates are not read back as ours" 200 GET "$U.json?api_key=$K"
jq_is "no client update listed" '[.[] | select(.description == "平台回访：施工中")] | length' 0

post "the submitter, through the platform, is 不满意" 200 "$U.json" "api_key=$K" service_request_id=$R2 \
	status=REOPEN satisfaction=不满意 "description=灯还是不亮" update_id=fms-3
as ta.leader
step "R2's item" 200 GET "/api/v1/items/$I2"
jq_is "reopened by the rating" '"\(.status) \(.reopens)"' "in_progress 1"
jq_ok "with the comment as the reason" '[.history[] | select(.action == "item.reopen") | .note] | any(. != null and contains("灯还是不亮"))'
as -
o311 "R2 open again" 200 GET "$R/$R2.json"
jq_is "open" '.[0].status' open
post_refused "a second rating" 400 "$U.json" "api_key=$K" service_request_id=$R2 status=CLOSED satisfaction=satisfied \
	update_id=fms-4
o311 "the rating is among our updates" 200 GET "$U.json?api_key=$K"
jq_is "群众评价 and 重办" "[.[] | select(.service_request_id == $R2) | .description] | .[-2:] | join(\",\")" \
	"群众评价：不满意,重办：群众评价不满意：灯还是不亮"

# ------------------------------------------------------------ paths, methods, formats
o_refused "no extension: 404 in XML" 404 GET "$R"
header_is "… as text/xml" Content-Type "text/xml; charset=utf-8"
o_refused "an unknown extension: 404 in XML" 404 GET "$R.html"
o_refused "an unknown resource (JSON)" 404 GET "$V2/nothing.json"
o_refused "an unknown version" 404 GET "/open311/v3/requests.xml"
o_refused "PUT requests" 405 PUT "$R.json"
header_is "Allow for requests" Allow "GET, POST"
o_refused "POST services" 405 POST "$V2/services.xml" --data-binary "api_key=$K"
header_is "Allow for services" Allow GET
o_refused "DELETE one request" 405 DELETE "$R/$R1.json"
o_refused "GET with a body" 400 GET "$R.json" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "x=1"
o_refused "query text that is not UTF-8" 400 GET "$R.json?status=%ff"
step "no cookies on Open311 replies" 200 GET "$R.json"
ok_if "no Set-Cookie" lacks '^set-cookie' "$TMP/headers"
header_is "not cached" Cache-Control no-store

# ------------------------------------------------------------ the check, then defaults over raw data
q_cli check
is "qingdan check passes on what the server wrote" "$?" 0

# R3 received 100 days ago: out of the default 90 days.
sqlite3 "$DB" "UPDATE opinion SET received_at = received_at - 100 * 86400 WHERE id = $R3"
o311 "default window: the last 90 days" 200 GET "$R.json"
jq_is "R3 left out" '[.[].service_request_id] | join(",")' "$R4,$R2,$R1"
o311 "a window 100 days back" 200 GET "$R.json?start_date=2023-12-01&end_date=2024-02-01"
jq_is "R3" '[.[].service_request_id] | join(",")' "$R3"
o311 "by id it is there" 200 GET "$R/$R3.json"

# 1005 more requests in village B1: at most 1000 are returned.
sqlite3 "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1005)
	INSERT INTO opinion(code, channel, received_at, unit_id, upath, text, status, created_at, updated_at)
	SELECT printf('BULK%08d', i), 'web', strftime('%s', '2024-03-14') + i, $U_VB1, '/1/3/6/', '批量', 'received',
	strftime('%s', '2024-03-14'), strftime('%s', '2024-03-14') FROM n"
o311 "default: at most 1000" 200 GET "$R.json"
jq_is "1000 requests" 'length' 1000
jq_is "the newest first" '.[0].service_request_id' "$R4"
o311 "XML too" 200 GET "$R.xml"
is "1000 request elements" "$(xmllint --xpath 'count(/service_requests/request)' "$TMP/body")" 1000

# ------------------------------------------------------------ privacy scan
ok_if "the scan collected the replies" [ "$(grep -c . "$SCAN")" -ge 100 ]
ok_if "the scan sees what is there (R1's text)" grep -qF "村口道路有一个大坑" "$SCAN"
absent() { ! grep -qF "$1" "$SCAN" "$KEYED"; }
ok_if "no Open311 reply carries the first name" absent "$FIRST"
ok_if "no Open311 reply carries the family name" absent "$LAST"
ok_if "no Open311 reply carries the phone" absent "$PHONE"
ok_if "no Open311 reply carries the email" absent "$EMAIL"
no_code() { ! grep -qF "$1" "$SCAN"; }
ok_if "the tracking codes only in POST and tokens replies" no_code "$T1" && no_code "$T2" && no_code "$T3"
ok_if "… which do carry them" grep -qF "$T2" "$KEYED"
is "no audit event carries the phone or email" \
	"$(sqlite3 "$DB" "select count(*) from event where coalesce(after,'') || coalesce(before,'') || coalesce(note,'') like '%$PHONE%' or coalesce(after,'') || coalesce(before,'') || coalesce(note,'') like '%$EMAIL%'")" 0
ok_if "no log line carries them" lacks -F -e "$PHONE" -e "$EMAIL" -e "$FIRST" "$TMP/server.log"

done_testing
