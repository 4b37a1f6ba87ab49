#!/usr/bin/env bash
# Hostile input (issue 7): the payload corpora of tests/http/payloads/ -
# xss.txt (cross-site scripting), sqli.txt (SQL, LIKE and FTS5 syntax) and
# formula.txt (spreadsheet formulas, CSV injection) - pushed through every
# text input, stored, and read back everywhere they are shown, as plain
# text. Against the real server.
#
# Inputs, each payload once (one request per payload and input, sent in
# batches by one curl):
#   API (JSON)   items (title, detail), measures (text, evidence), the
#                reasons of send-back, sign-off and reopen, units (name,
#                code), people (name, title), categories (name), opinions
#                (text, address, name, contact), replies and rejections,
#                ratings' comments (public API), account logins, the search
#                q= and query parameter names
#   web forms    new item, item edit, measure add and update, send-back,
#                staff opinion entry and triage (reply, reject), admin
#                units, people and categories, the public opinion form
#                (five submissions an address may make: payloads joined),
#                rating on the tracking page, the login form's name, list
#                search q=, next=, code= and unknown parameter names
#   Open311      POST requests (description, address_string, first_name,
#                last_name, phone, email), POST servicerequestupdates
#                (description)
#   ledger       a CSV import with a payload in every text cell, a file
#                name, and a header
# A payload the input may not take (too long, a control character) must be
# refused with a 4xx and stored nowhere.
#
# Read back:
#   JSON         exact round trip of every stored string (API inputs), the
#                same text up to line ends and outer blanks (web forms)
#   HTML         every page that shows them (item pages, lists, admin
#                pages, opinion pages, tracking pages, dashboard, board,
#                report, pickers in forms, import reports, forms shown again
#                with an error): the escaped text is there, no raw "<" of a
#                payload is, and no markup a page must not hold
#                (payloads/html_scan.awk)
#   Open311      JSON exact; XML well-formed and the same text
#   CSV, xlsx    exports carry the text, cells a spreadsheet would take for
#                a formula (= + - @ tab CR first) start with an apostrophe
#                (OWASP), as does text with an apostrophe of its own; no
#                formula cell in the xlsx; importing each export again
#                changes nothing (but what the format cannot hold: blanks
#                around a cell, line breaks in the one-cell measures list)
#   search       a search for each payload and for the LIKE and FTS5
#                metacharacters (% _ \ " * ...) finds exactly the items
#                holding that text, through the index and without it
#   database     the same tables before and after, integrity and
#                `qingdan check`; no file attached by a payload
. "$(dirname "$0")/lib.sh"
shopt -s lastpipe # "jqgen ... | breq_tsv ...": breq_tsv in this shell
shopt -u patsub_replacement 2>/dev/null || true # "&" in ${s//x/&y} is "&"

HERE=$(cd "$(dirname "$0")" && pwd)
SCAN_AWK=$HERE/payloads/html_scan.awk

make_fixture
start_server
as admin
ADMIN_TOKEN=$TOKEN
step "a category for Open311" 201 POST /api/v1/categories '{"code":"road","name":"道路坑洼"}'
q_cli open311 add --name 县12345平台 --unit $U_COUNTY || bail "open311 add" "$(cat "$TMP/cli.out")"
KEY=$(awk '$1 == "api_key" { print $2 }' "$TMP/cli.out")
web_login admin
SESSION=$(cookie qd_session)
web GET /
CSRF=$(csrf_in_page)
ok_if "an admin session for the forms" test -n "$SESSION" -a -n "$CSRF"
schema() { sqlite3 "$DB" "SELECT type || ' ' || name FROM sqlite_master ORDER BY 1"; }
SCHEMA_BEFORE=$(schema)

# ------------------------------------------------------------ the corpora
# $TMP/p.json: [{n, id, set, s}] - n the payload's index, id its name.
for set in xss sqli formula; do
	jq -R -s --arg set "$set" 'split("\n") | map(select(length > 0 and (startswith("#") | not)))
		| map(if startswith("json:") then .[5:] | fromjson else . end)
		| to_entries | map({set: $set, s: .value, id: "\($set)\(.key + 1)"})' \
		"$HERE/payloads/$set.txt" >"$TMP/$set.json" || bail "payloads/$set.txt reads"
done
jq -s 'add | to_entries | map(.value + {n: .key})' "$TMP/xss.json" "$TMP/sqli.json" "$TMP/formula.json" >"$TMP/p.json"
NX=$(jq length "$TMP/xss.json")
NS=$(jq length "$TMP/sqli.json")
NF=$(jq length "$TMP/formula.json")
ok_if "the corpora: $NX XSS, $NS SQL and $NF spreadsheet formula payloads" test "$NX" -ge 30 -a "$NS" -ge 30 -a "$NF" -ge 10

# jq definitions shared by the programs below.
JQDEF='
def textok: test("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]") | not;
def ok($max; $req): textok and length <= $max and (($req | not) or test("[^ \t\r\n\u000b\u000c]"));
def loose: gsub("\r"; "") | sub("^[ \t\n]+"; "") | sub("[ \t\n]+$"; "");
def form($o): $o | to_entries | map("\(.key | @uri)=\(.value | tostring | @uri)") | join("&");
'

# ------------------------------------------------------------ batches
# One curl sends a batch; each request's body, headers and status are kept
# under $B/NAME. Requests are generated by jq as TSV lines:
#   KEY <TAB> WANT <TAB> METHOD <TAB> PATH <TAB> BODY
# (WANT an extended regex for the status; BODY sent as it is; no field
# holds a tab or a line break: bodies are compact JSON or URL-encoded,
# joined with tabs, not @tsv, which would escape backslashes). breq_tsv
# GROUP CURL-CONFIG-LINES... < TSV adds them; KEY[name] keeps the key.
# The batches themselves are lib.sh's (batch_add, batch_run).
BN=0
declare -A B_GROUP=() B_WANT=() B_DESC=() B_KEY=() NAME_OF=()
breq() { # breq GROUP KEY WANT METHOD PATH [BODY [CONFIG-LINE...]]
	local group=$1 key=$2 want=$3 method=$4 path=$5 body=${6-} n q
	shift $(($# < 6 ? $# : 6))
	BN=$((BN + 1))
	printf -v n 'r%05d' "$BN"
	B_GROUP[$n]=$group
	B_WANT[$n]=$want
	B_DESC[$n]="$method $path"
	B_KEY[$n]=$key
	NAME_OF[$group/$key]=$n
	if [ -n "$body" ]; then
		curl_quote q "$body"
		set -- "data-binary = $q" "$@"
	fi
	batch_add "$n" "$method" "$path" "$@"
}
breq_tsv() { # breq_tsv GROUP CONFIG-LINES... < TSV
	local group=$1 key want method path body
	shift
	while IFS=$'\t' read -r key want method path body; do
		breq "$group" "$key" "$want" "$method" "$path" "$body" "$@"
	done
}
# verdict GROUP: one TAP line, the statuses of its requests against WANT.
verdict() {
	local g=$1 n s bad= c=0 k=0 counts
	declare -A sc=()
	for n in "${BATCH[@]}"; do
		[ "${B_GROUP[$n]}" = "$g" ] || continue
		c=$((c + 1))
		sc[${B_STATUS[$n]:-none}]=$((${sc[${B_STATUS[$n]:-none}]:-0} + 1))
		if ! [[ ${B_STATUS[$n]:-none} =~ ^(${B_WANT[$n]})$ ]]; then
			k=$((k + 1))
			[ $k -le 8 ] && bad+="${B_KEY[$n]}: ${B_DESC[$n]:0:120} -> ${B_STATUS[$n]:-none}, expected ${B_WANT[$n]}: $(head -c 300 "$B/$n.body" | tr -d '\000-\037')"$'\n'
		fi
	done
	counts=
	for s in "${!sc[@]}"; do counts+=" ${sc[$s]}×$s"; done
	if [ $c -gt 0 ] && [ $k -eq 0 ]; then
		pass "$g ($c:$counts)"
	else
		fail "$g ($c:$counts)" "$k wrong" "$bad"
	fi
}
# bfield GROUP FILTER: "KEY<TAB>value" of each reply of the group (jq -r
# FILTER on its JSON body, "" for null), one jq for the lot.
bfield() {
	local g=$1 f=$2 n v files=()
	for n in "${BATCH[@]}"; do
		[ "${B_GROUP[$n]}" = "$g" ] && [ -s "$B/$n.body" ] && files+=("$B/$n.body")
	done
	[ ${#files[@]} -gt 0 ] || return 0
	jq -r "input_filename as \$in | [(\$in | sub(\".*/\"; \"\") | sub(\"[.]body\$\"; \"\")), (($f) // \"\" | tostring)] | @tsv" \
		"${files[@]}" 2>/dev/null | while IFS=$'\t' read -r n v; do
		printf '%s\t%s\n' "${B_KEY[$n]}" "$v"
	done
}
# bjoin GROUP: the JSON replies of the group as one object {KEY: reply}.
bjoin() {
	local g=$1 n files=() keys=
	for n in "${BATCH[@]}"; do
		[ "${B_GROUP[$n]}" = "$g" ] && [ -s "$B/$n.body" ] || continue
		files+=("$B/$n.body")
		keys+="$n"$'\t'"${B_KEY[$n]}"$'\n'
	done
	[ ${#files[@]} -gt 0 ] || { echo '{}'; return 0; }
	jq -n --argjson k "$(printf '%s' "$keys" | jq -R -s 'split("\n") | map(select(length > 0) | split("\t") | {(.[0]): .[1]}) | add')" \
		'reduce inputs as $x ({}; . + {($k[input_filename | sub(".*/"; "") | sub("[.]body$"; "")]): $x})' "${files[@]}"
}
# location GROUP: "KEY<TAB>Location" of each reply of the group.
location() {
	local g=$1 n
	for n in "${BATCH[@]}"; do
		[ "${B_GROUP[$n]}" = "$g" ] || continue
		printf '%s\t%s\n' "${B_KEY[$n]}" "$(tr -d '\r' <"$B/$n.hdr" | sed -n 's/^[Ll]ocation: //p' | tail -n 1)"
	done
}
# The usual credentials as curl config lines.
H_BEARER="header = \"Authorization: Bearer $ADMIN_TOKEN\""
H_JSON='header = "Content-Type: application/json"'
H_FORM='header = "Content-Type: application/x-www-form-urlencoded"'
H_SESSION="header = \"Cookie: qd_session=$SESSION\""
# jqgen PROGRAM [jq args...]: the TSV lines of PROGRAM (an array of fields)
# run on each payload: $p the payload object, $s its string.
jqgen() {
	local prog=$1
	shift
	jq -r "$@" "$JQDEF .[] | . as \$p | .s as \$s | $prog | map(tostring) | join(\"\t\")" "$TMP/p.json"
}

# ------------------------------------------------------------ 1. API: people, units, categories, opinions, Open311
batch_begin
jqgen '[.id, (if ($s | ok(100; true)) then "201" else "400" end), "POST", "/api/v1/persons",
	({unit_id: 4, name: $s, title: $s} | tojson)]' |
	breq_tsv "API persons: name and title" "$H_BEARER" "$H_JSON"
jqgen '[.id, (if ($s | ok(64; false)) then "201" else "400" end), "POST", "/api/v1/units",
	({parent_id: 1, kind: "village", name: $s, code: $s} | tojson)]' |
	breq_tsv "API units: name and code" "$H_BEARER" "$H_JSON"
jqgen '[.id, (if ($s | ok(100; true)) then "201" else "400" end), "POST", "/api/v1/categories",
	({code: "c\($p.n)", name: $s} | tojson)]' |
	breq_tsv "API categories: name" "$H_BEARER" "$H_JSON"
jqgen '[.id, (if ($s | ok(100; true)) then "201" else "400" end), "POST", "/api/v1/opinions",
	({channel: "letter", unit_id: 4, text: $s, address: $s, submitter_name: $s, submitter_contact: $s} | tojson)]' |
	breq_tsv "API opinions: text, address, name and contact" "$H_BEARER" "$H_JSON"
# opinions to be answered and rated
jqgen '[.id, "201", "POST", "/api/v1/opinions", ({channel: "phone", unit_id: 5, text: "待评价 \($p.id)"} | tojson)]' |
	breq_tsv "API opinions to rate" "$H_BEARER" "$H_JSON"
# (name = last_name + first_name, contact = phone + "; " + email: 100 at most)
jqgen '[.id, (if ($s | ok(49; true)) then "200" else "400" end), "POST", "/open311/v2/requests.json",
	form({api_key: $key, service_code: "road", "attribute[unit]": 4, description: $s, address_string: $s,
	      first_name: $s, last_name: $s, phone: $s, email: $s})]' --arg key "$KEY" |
	breq_tsv "Open311 POST requests: description, address_string, names, phone, email" "$H_FORM"
batch_run
for g in "API persons: name and title" "API units: name and code" "API categories: name" \
	"API opinions: text, address, name and contact" "API opinions to rate" \
	"Open311 POST requests: description, address_string, names, phone, email"; do
	verdict "$g"
done
declare -A PERSON=() UNIT=() CAT=() OPN=() OPN_CODE=() RATE_OPN=() RATE_CODE=() R311=() T311=()
while IFS=$'\t' read -r k v; do [ "$v" != null ] && [ -n "$v" ] && PERSON[$k]=$v; done < <(bfield "API persons: name and title" .id)
while IFS=$'\t' read -r k v; do [ "$v" != null ] && [ -n "$v" ] && UNIT[$k]=$v; done < <(bfield "API units: name and code" .id)
while IFS=$'\t' read -r k v; do [ "$v" != null ] && [ -n "$v" ] && CAT[$k]=$v; done < <(bfield "API categories: name" .id)
while IFS=$'\t' read -r k v; do [ "$v" != null ] && [ -n "$v" ] && OPN[$k]=$v; done < <(bfield "API opinions: text, address, name and contact" .id)
while IFS=$'\t' read -r k v; do [ "$v" != null ] && [ -n "$v" ] && OPN_CODE[$k]=$v; done < <(bfield "API opinions: text, address, name and contact" .code)
while IFS=$'\t' read -r k v; do RATE_OPN[$k]=$v; done < <(bfield "API opinions to rate" .id)
while IFS=$'\t' read -r k v; do RATE_CODE[$k]=$v; done < <(bfield "API opinions to rate" .code)
while IFS=$'\t' read -r k v; do [ "$v" != null ] && [ -n "$v" ] && R311[$k]=$v; done < <(bfield "Open311 POST requests: description, address_string, names, phone, email" '.[0].service_request_id')
while IFS=$'\t' read -r k v; do [ "$v" != null ] && [ -n "$v" ] && T311[$k]=$v; done < <(bfield "Open311 POST requests: description, address_string, names, phone, email" '.[0].token')
# the ids, as JSON for the programs below
ids_json() { # NAME of an associative array -> {key: value}
	local -n a=$1
	local k
	for k in "${!a[@]}"; do printf '%s\t%s\n' "$k" "${a[$k]}"; done |
		jq -R -s 'split("\n") | map(select(length > 0) | split("\t") | {(.[0]): .[1]}) | add // {}'
}
ids_json PERSON >"$TMP/person.json"
ids_json OPN >"$TMP/opn.json"
ids_json RATE_OPN >"$TMP/rate_opn.json"
ids_json R311 >"$TMP/r311.json"
ids_json CAT >"$TMP/cat.json"

# ------------------------------------------------------------ 2. API: items, replies, accounts, updates, accepts
batch_begin
jqgen '[.id, (if ($s | ok(200; true)) then "201" else "400" end), "POST", "/api/v1/items",
	({source: "opinion", title: $s, detail: $s, unit_id: 4, mode: "long_term"}
	 + (if $person[0][.id] then {responsible_id: ($person[0][.id] | tonumber)} else {} end)
	 + (if $cat[0][.id] then {category_id: ($cat[0][.id] | tonumber)} else {} end) | tojson)]' \
	--slurpfile person "$TMP/person.json" --slurpfile cat "$TMP/cat.json" |
	breq_tsv "API items: title and detail (with the payload person responsible)" "$H_BEARER" "$H_JSON"
jqgen 'select($opn[0][$p.id]) | [.id, (if ($s | ok(2000; true)) then "200" else "400" end), "POST",
	"/api/v1/opinions/\($opn[0][$p.id])/reply", ({text: $s} | tojson)]' --slurpfile opn "$TMP/opn.json" |
	breq_tsv "API opinion replies: text" "$H_BEARER" "$H_JSON"
jqgen 'select($person[0][$p.id]) | [.id, (if $s | test("^[a-z0-9._-]{2,32}$") then "201" else "400" end), "POST", "/api/v1/accounts",
	({person_id: ($person[0][$p.id] | tonumber), login: $s, password: "hostile-password-1"} | tojson)]' \
	--slurpfile person "$TMP/person.json" |
	breq_tsv "API accounts: a payload as login is refused unless a login may be so" "$H_BEARER" "$H_JSON"
jqgen 'select($r[0][$p.id]) | [.id, (if ($s | ok(2000; false)) then "200" else "400" end), "POST",
	"/open311/v2/servicerequestupdates.json",
	form({api_key: $key, service_request_id: $r[0][$p.id], status: "IN_PROGRESS", update_id: "u-\($p.n)",
	      description: $s})]' --arg key "$KEY" --slurpfile r "$TMP/r311.json" |
	breq_tsv "Open311 POST servicerequestupdates: description" "$H_FORM"
jqgen '[.id, "200", "POST", "/api/v1/opinions/\($o[0][$p.id])/accept",
	({title: "待评价 \($p.id)", mode: "immediate"} | tojson)]' --slurpfile o "$TMP/rate_opn.json" |
	breq_tsv "API accept the opinions to rate" "$H_BEARER" "$H_JSON"
batch_run
for g in "API items: title and detail (with the payload person responsible)" "API opinion replies: text" \
	"API accounts: a payload as login is refused unless a login may be so" "Open311 POST servicerequestupdates: description" \
	"API accept the opinions to rate"; do
	verdict "$g"
done
declare -A ITEM=() RATE_ITEM=()
while IFS=$'\t' read -r k v; do [ "$v" != null ] && [ -n "$v" ] && ITEM[$k]=$v; done < <(bfield "API items: title and detail (with the payload person responsible)" .id)
while IFS=$'\t' read -r k v; do RATE_ITEM[$k]=$v; done < <(bfield "API accept the opinions to rate" .item.id)
is "no account was made of a payload login that is not one" "$(sqlite3 "$DB" 'SELECT count(*) FROM account')" \
	$((9 + $(jq '[.[] | select(.s | test("^[a-z0-9._-]{2,32}$"))] | length' "$TMP/p.json")))
ids_json ITEM >"$TMP/item.json"
ids_json RATE_ITEM >"$TMP/rate_item.json"

# ------------------------------------------------------------ 3. API: measures, rejections, the item workflow's reasons
batch_begin
jqgen 'select($i[0][$p.id]) | [.id, (if ($s | ok(5000; true)) then "201" else "400" end), "POST",
	"/api/v1/items/\($i[0][$p.id])/measures", ({text: $s, evidence: $s, status: "done"} | tojson)]' \
	--slurpfile i "$TMP/item.json" |
	breq_tsv "API measures: text and evidence" "$H_BEARER" "$H_JSON"
jqgen 'select($opn[0][$p.id]) | [.id, (if ($s | ok(1000; true)) then "200" else "400" end), "POST",
	"/api/v1/opinions/\($opn[0][$p.id])/reject", ({reason: $s} | tojson)]' --slurpfile opn "$TMP/opn.json" |
	breq_tsv "API opinion rejections: reason" "$H_BEARER" "$H_JSON"
# the workflow of each item: to review, sent back with the payload, to
# review, signed off with it, reopened with it (the admin is a level above)
jqgen 'select($i[0][$p.id]) | $i[0][$p.id] as $id | ($s | ok(1000; true)) as $ok |
	(["\(.id)", "200", "POST", "/api/v1/items/\($id)/request_signoff", ""],
	 ["\(.id)", (if $ok then "200" else "400" end), "POST", "/api/v1/items/\($id)/sendback", ({reason: $s} | tojson)],
	 ["\(.id)", "200|409", "POST", "/api/v1/items/\($id)/request_signoff", ""],
	 ["\(.id)", (if $ok then "200" else "400|409" end), "POST", "/api/v1/items/\($id)/signoff", ({closure: "resolved", reason: $s} | tojson)],
	 ["\(.id)", (if $ok then "200" else "400|409" end), "POST", "/api/v1/items/\($id)/reopen", ({reason: $s} | tojson)])' \
	--slurpfile i "$TMP/item.json" |
	breq_tsv "API item workflow: send-back, sign-off and reopen reasons" "$H_BEARER" "$H_JSON"
# the opinions to rate: their items signed off, so the opinions are answered
jqgen 'select($i[0][$p.id]) | $i[0][$p.id] as $id |
	(["\(.id)", "200", "POST", "/api/v1/items/\($id)/request_signoff", ""],
	 ["\(.id)", "200", "POST", "/api/v1/items/\($id)/signoff", ({closure: "resolved"} | tojson)])' \
	--slurpfile i "$TMP/rate_item.json" |
	breq_tsv "API sign off the opinions to rate" "$H_BEARER" "$H_JSON"
batch_run
for g in "API measures: text and evidence" "API opinion rejections: reason" \
	"API item workflow: send-back, sign-off and reopen reasons" "API sign off the opinions to rate"; do
	verdict "$g"
done

# ------------------------------------------------------------ 4. ratings: public API and the tracking page
# Odd payloads through the public API, even ones through the page's form;
# each rating is 不满意, which reopens the item with the comment as reason.
ids_json RATE_CODE >"$TMP/rate_code.json"
rm -f "$TMP/pub.jar"
JAR=$TMP/pub.jar web GET /opinion
PRE=$(JAR=$TMP/pub.jar cookie qd_pre)
batch_begin
jqgen 'select(.n % 2 == 1) | [.id, (if ($s | ok(1000; true)) then "200" else "400" end), "POST",
	"/api/v1/public/opinions/\($c[0][$p.id])/rate", ({rating: "unsatisfied", comment: $s} | tojson)]' \
	--slurpfile c "$TMP/rate_code.json" |
	breq_tsv "public API ratings: comment" "$H_JSON"
jqgen 'select(.n % 2 == 0) | [.id, (if ($s | textok | not) then "400" elif ($s | ok(1000; true)) then "303" else "400" end),
	"POST", "/track/\($c[0][$p.id])/rate", form({_csrf: $pre, rating: "unsatisfied", comment: $s})]' \
	--slurpfile c "$TMP/rate_code.json" --arg pre "$PRE" |
	breq_tsv "tracking page ratings: comment" "$H_FORM" "header = \"Cookie: qd_pre=$PRE\""
batch_run
verdict "public API ratings: comment"
verdict "tracking page ratings: comment"

# ------------------------------------------------------------ 5. ledger import (CSV)
# The problem list as a CSV: a row per payload with the payload in every
# text cell it may take, and 400 plain rows in another village, enough for
# the commit to index every waiting item (the search index works in
# batches of 512). Payloads an import refuses (control characters) go in a
# second file, which must be refused as a whole.
HEADER='问题编号,单位,问题来源,问题描述,具体情况,整改措施,责任人,发现时间'
jq -r "$JQDEF"' .[] | select(.s | ok(200; true)) | select(.s | test("\n") | not)
	| ["IMP-\(.n)", "测试县/甲镇/甲一村", "群众意见", .s, .s, "", "", "2024-03-01"] | @csv' "$TMP/p.json" >"$TMP/imp_rows.csv"
{
	echo "$HEADER"
	cat "$TMP/imp_rows.csv"
	for i in $(seq 400); do echo "FILL-$i,测试县/甲镇/甲二村,群众意见,普通问题$i,,,,2024-03-01"; done
} >"$TMP/import.csv"
IMPORTED=$(wc -l <"$TMP/imp_rows.csv")
req POST "/api/v1/import?unit=$U_TA" -H 'Content-Type: text/csv' --data-binary "@$TMP/import.csv"
is "a CSV import with a payload in each row's text cells: 200" "$STATUS" 200
jq_is "… all added" '"\(.added) \(.errors)"' "$((IMPORTED + 400)) 0"
is "… and the search index is up to date (nothing waiting)" "$(sqlite3 "$DB" 'SELECT count(*) FROM fts_pending')" 0
jq -r "$JQDEF"' .[] | select(.s | textok | not)
	| ["BAD-\(.n)", "测试县/甲镇/甲一村", "群众意见", .s, .s, "", "", "2024-03-01"] | @csv' "$TMP/p.json" >"$TMP/bad_rows.csv"
{
	echo "$HEADER,$(jq -r '.[0].s' "$TMP/xss.json" | jq -R -r '[.] | @csv')"
	cat "$TMP/bad_rows.csv"
	jq -r "$JQDEF"' .[] | select(.set == "xss") | select(.s | textok) | select(.s | test("\n") | not)
		| ["BAD2-\(.n)", .s, "群众意见", "x", "", "", "", .s] | @csv' "$TMP/p.json"
} >"$TMP/bad.csv"
mark
web POST /import -F "_csrf=$CSRF" -F "unit=$U_TA" -F "file=@$TMP/bad.csv;type=text/csv;filename=\"<img src=x onerror=alert('f1')>.csv\""
is "a CSV with payloads an import refuses (control characters, unknown units, bad dates): 422" "$STATUS" 422
cp "$TMP/body" "$TMP/import_report.html"
unchanged "the refused import"

# ------------------------------------------------------------ 6. web forms (after the import: the items they add wait for the search index)
F_ITEM='{kind: "problem", source: "opinion", unit_id: 4, mode: "long_term", found_on: "2024-03-15"}'
batch_begin
jqgen '[.id, (if ($s | textok | not) then "400" elif ($s | ok(200; true)) then "303" else "400" end), "POST", "/items/new",
	form({_csrf: $csrf, title: $s, detail: $s} + '"$F_ITEM"')]' --arg csrf "$CSRF" |
	breq_tsv "web new item: title and detail" "$H_SESSION" "$H_FORM"
jqgen '[.id, (if ($s | textok | not) then "400" elif ($s | ok(100; true)) then "303" else "400" end), "POST", "/opinions/new",
	form({_csrf: $csrf, channel: "letter", received_on: "2024-03-15", unit_id: 4, text: $s, address: $s,
	      submitter_name: $s, submitter_contact: $s})]' --arg csrf "$CSRF" |
	breq_tsv "web staff opinion entry: text, address, name and contact" "$H_SESSION" "$H_FORM"
# (codes are unique: the API units took the payloads as theirs)
jqgen '[.id, (if ($s | textok | not) then "400" elif ($s | ok(63; true)) then "303" else "400" end), "POST", "/admin/units",
	form({_csrf: $csrf, parent_id: 2, kind: "village", name: $s, code: ("w" + $s)})]' --arg csrf "$CSRF" |
	breq_tsv "web admin units: name and code" "$H_SESSION" "$H_FORM"
jqgen '[.id, (if ($s | textok | not) then "400" elif ($s | ok(100; true)) then "303" else "400" end), "POST", "/admin/people",
	form({_csrf: $csrf, unit_id: 5, name: $s, title: $s})]' --arg csrf "$CSRF" |
	breq_tsv "web admin people: name and title" "$H_SESSION" "$H_FORM"
jqgen '[.id, (if ($s | textok | not) then "400" elif ($s | ok(100; true)) then "303" else "400" end), "POST", "/admin/categories",
	form({_csrf: $csrf, code: "w\($p.n)", name: $s})]' --arg csrf "$CSRF" |
	breq_tsv "web admin categories: name" "$H_SESSION" "$H_FORM"
batch_run
for g in "web new item: title and detail" "web staff opinion entry: text, address, name and contact" \
	"web admin units: name and code" "web admin people: name and title" "web admin categories: name"; do
	verdict "$g"
done
declare -A WITEM=() WOPN=()
while IFS=$'\t' read -r k v; do
	v=${v#/items/}
	[ -n "$v" ] && WITEM[$k]=${v%%\?*}
done < <(location "web new item: title and detail")
while IFS=$'\t' read -r k v; do
	v=${v#/opinions/}
	[ -n "$v" ] && WOPN[$k]=${v%%\?*}
done < <(location "web staff opinion entry: text, address, name and contact")
FORM_400=() # forms shown again with a refused payload
for n in "${BATCH[@]}"; do [ "${B_STATUS[$n]}" = 400 ] && FORM_400+=("$n"); done
ids_json WITEM >"$TMP/witem.json"
ids_json WOPN >"$TMP/wopn.json"

batch_begin
jqgen 'select($i[0][$p.id]) | [.id, "303", "POST", "/items/\($i[0][$p.id])/measures", form({_csrf: $csrf, text: $s})]' \
	--slurpfile i "$TMP/witem.json" --arg csrf "$CSRF" |
	breq_tsv "web measure add: text" "$H_SESSION" "$H_FORM"
jqgen 'select($i[0][$p.id]) | [.id, "200", "GET", "/items/\($i[0][$p.id])/edit", ""]' --slurpfile i "$TMP/witem.json" |
	breq_tsv "web item edit forms" "$H_SESSION"
jqgen 'select($o[0][$p.id]) | [.id, "303", "POST", "/opinions/\($o[0][$p.id])/triage",
	form({_csrf: $csrf, action: "reply", reply: $s})]' --slurpfile o "$TMP/wopn.json" --arg csrf "$CSRF" |
	breq_tsv "web opinion triage: reply" "$H_SESSION" "$H_FORM"
batch_run
for g in "web measure add: text" "web item edit forms" "web opinion triage: reply"; do verdict "$g"; done
EDIT_FORMS=()
for n in "${BATCH[@]}"; do [ "${B_GROUP[$n]}" = "web item edit forms" ] && EDIT_FORMS+=("$n"); done
declare -A WMEASURE=() WVERSION=()
while IFS=$'\t' read -r k v; do [ -n "$v" ] && WMEASURE[$k]=${v##*#m-}; done < <(location "web measure add: text")
for n in "${BATCH[@]}"; do
	[ "${B_GROUP[$n]}" = "web item edit forms" ] || continue
	WVERSION[${B_KEY[$n]}]=$(grep -o 'name="version" value="[0-9]*"' "$B/$n.body" | grep -o '[0-9]*' | head -n 1)
done
ids_json WMEASURE >"$TMP/wmeasure.json"
ids_json WVERSION >"$TMP/wversion.json"

batch_begin
jqgen 'select($m[0][$p.id]) | [.id, "303", "POST", "/measures/\($m[0][$p.id])",
	form({_csrf: $csrf, status: "done", text: $s, evidence: $s})]' --slurpfile m "$TMP/wmeasure.json" --arg csrf "$CSRF" |
	breq_tsv "web measure update: text and evidence" "$H_SESSION" "$H_FORM"
jqgen 'select($i[0][$p.id] and $v[0][$p.id]) | [.id, (if ($s | ok(5000 - 3; false)) then "303" else "400" end), "POST",
	"/items/\($i[0][$p.id])/edit", form({_csrf: $csrf, version: $v[0][$p.id], title: $s, detail: ("编辑：" + $s)} + '"$F_ITEM"')]' \
	--slurpfile i "$TMP/witem.json" --slurpfile v "$TMP/wversion.json" --arg csrf "$CSRF" |
	breq_tsv "web item edit: title and detail" "$H_SESSION" "$H_FORM"
jqgen 'select($o[0][$p.id]) | [.id, (if ($s | ok(1000; true)) then "303" else "400" end), "POST", "/opinions/\($o[0][$p.id])/triage",
	form({_csrf: $csrf, action: "reject", reason: $s})]' --slurpfile o "$TMP/wopn.json" --arg csrf "$CSRF" |
	breq_tsv "web opinion triage: reject reason" "$H_SESSION" "$H_FORM"
jqgen 'select($i[0][$p.id]) | (["\(.id)", "303", "POST", "/items/\($i[0][$p.id])/act", form({_csrf: $csrf, action: "request_signoff"})],
	["\(.id)", (if ($s | ok(1000; true)) then "303" else "400" end), "POST", "/items/\($i[0][$p.id])/act",
	 form({_csrf: $csrf, action: "sendback", reason: $s})])' --slurpfile i "$TMP/witem.json" --arg csrf "$CSRF" |
	breq_tsv "web item send-back: reason" "$H_SESSION" "$H_FORM"
batch_run
for g in "web measure update: text and evidence" "web item edit: title and detail" \
	"web opinion triage: reject reason" "web item send-back: reason"; do verdict "$g"; done
for n in "${BATCH[@]}"; do [ "${B_STATUS[$n]}" = 400 ] && FORM_400+=("$n"); done

# The public form: five submissions an address may make in 15 minutes, so
# the payloads go in joined (text up to 2,000 characters); name and contact
# one payload each.
batch_begin
jq -r "$JQDEF"' [.[] | select(.s | ok(100; true))] | . as $all | range(5) as $k
	| [$all[] | select(.n % 5 == $k)] as $mine
	| ["public\($k)", "200", "POST", "/opinion",
	   form({_csrf: $pre, unit_id: 4, text: ([$mine[].s] | join("\n") | .[0:2000]),
	         name: $mine[0].s, contact: $mine[1].s})] | join("\t")' --arg pre "$PRE" "$TMP/p.json" |
	breq_tsv "public opinion form: text, name and contact (payloads joined)" "$H_FORM" "header = \"Cookie: qd_pre=$PRE\""
batch_run
verdict "public opinion form: text, name and contact (payloads joined)"
PUBLIC_RECEIPTS=("${BATCH[@]}")

# ------------------------------------------------------------ 7. reading back: JSON
# all items of village A1 (API, web and imported ones), the API items one
# by one with measures and history, people, units, categories, opinions.
batch_begin
for off in 0 200 400; do
	breq "read items" "o$off" 200 GET "/api/v1/items?unit=4&limit=200&offset=$off" "" "$H_BEARER"
done
for k in "${!ITEM[@]}"; do breq "read item" "$k" 200 GET "/api/v1/items/${ITEM[$k]}" "" "$H_BEARER"; done
breq "read lists" persons4 200 GET "/api/v1/persons?unit=4&limit=200" "" "$H_BEARER"
breq "read lists" persons5 200 GET "/api/v1/persons?unit=5&limit=200" "" "$H_BEARER"
breq "read lists" units1 200 GET "/api/v1/units?under=1&depth=1" "" "$H_BEARER"
breq "read lists" units2 200 GET "/api/v1/units?under=2&depth=1" "" "$H_BEARER"
breq "read lists" categories 200 GET "/api/v1/categories" "" "$H_BEARER"
for k in "${!OPN[@]}"; do breq "read opinion" "$k" 200 GET "/api/v1/opinions/${OPN[$k]}" "" "$H_BEARER"; done
for k in "${!WOPN[@]}"; do breq "read web opinion" "$k" 200 GET "/api/v1/opinions/${WOPN[$k]}" "" "$H_BEARER"; done
for k in "${!OPN_CODE[@]}"; do breq "read public opinion" "$k" 200 GET "/api/v1/public/opinions/${OPN_CODE[$k]}"; done
for k in "${!RATE_CODE[@]}"; do breq "read rated opinion" "$k" 200 GET "/api/v1/public/opinions/${RATE_CODE[$k]}"; done
for k in "${!RATE_ITEM[@]}"; do breq "read rated item" "$k" 200 GET "/api/v1/items/${RATE_ITEM[$k]}" "" "$H_BEARER"; done
breq "read lists" opinions 200 GET "/api/v1/opinions?unit=4&limit=200" "" "$H_BEARER"
while IFS=$'\t' read -r k u; do
	breq "API unknown parameter" "$k" 400 GET "/api/v1/items?unit=4&$u=1" "" "$H_BEARER"
done < <(jq -r "$JQDEF"' .[] | select(.s | textok) | select(.s != "unit") | [.id, (.s | @uri)] | join("\t")' "$TMP/p.json")
breq "read open311" json 200 GET "/open311/v2/requests.json?api_key=$KEY"
breq "read open311" xml 200 GET "/open311/v2/requests.xml?api_key=$KEY"
batch_run
for g in "read items" "read item" "read lists" "read opinion" "read web opinion" "read public opinion" \
	"read rated opinion" "read rated item" "read open311" "API unknown parameter"; do verdict "$g"; done
body_of() { echo "$B/${NAME_OF[$1]}.body"; }

# compare LABEL JQ-PROGRAM [jq args]: the program prints one line per
# mismatch (nothing when all agree).
compare() {
	local label=$1 out
	shift
	out=$(jq -n -r "$JQDEF $1" "${@:2}" 2>&1)
	if [ -z "$out" ]; then
		pass "$label"
	else
		fail "$label" "$(head -n 12 <<<"$out")"
	fi
}
bjoin "API unknown parameter" >"$TMP/unknown.json"
# (the error keeps 63 bytes of a field name, cut at a character)
compare "API: an unknown parameter is named back in the error exactly (BAD_PARAM; a long one cut)" '
	$p[0][] | . as $x | $u[0][$x.id] as $r | select($r) |
	if $r.error.code != "BAD_PARAM" then "\($x.id): \($r | tojson)"
	elif ($x.s | utf8bytelength) <= 63 and $r.error.field != $x.s then "\($x.id): \($r | tojson)"
	elif ($x.s | startswith($r.error.field)) and ($r.error.field | utf8bytelength) >= 60 then empty
	elif ($x.s | utf8bytelength) <= 63 then empty
	else "\($x.id): \($r | tojson)" end' \
	--slurpfile p "$TMP/p.json" --slurpfile u "$TMP/unknown.json"
jq -s 'map(.items) | add' "$(body_of "read items/o0")" "$(body_of "read items/o200")" "$(body_of "read items/o400")" >"$TMP/items.json"
bjoin "read item" >"$TMP/item_full.json"
compare "API items: title and detail come back exactly, measures' text and evidence too" '
	$p[0][] | . as $x | $it[0][$x.id] as $i | select($i) |
	(if $i.title != $x.s or $i.detail != $x.s then "\($x.id): title \($i.title | tojson) detail \($i.detail | tojson)" else empty end),
	(if ($x.s | ok(5000; true)) and ([$i.measures[] | select(.text == $x.s and .evidence == $x.s)] | length) != 1
	 then "\($x.id): measures \($i.measures | tojson)" else empty end)' \
	--slurpfile p "$TMP/p.json" --slurpfile it "$TMP/item_full.json"
compare "API items: send-back, sign-off and reopen reasons in the history exactly" '
	$p[0][] | . as $x | $it[0][$x.id] as $i | select($i and ($x.s | ok(1000; true))) |
	[$i.history[] | select(.action == "item.sendback" or .action == "item.signoff" or .action == "item.reopen")
	 | select(.note == $x.s or (.note | tostring | contains($x.s))) | .action] | unique as $a |
	if $a != ["item.reopen", "item.sendback", "item.signoff"] then "\($x.id): reasons found in \($a)" else empty end' \
	--slurpfile p "$TMP/p.json" --slurpfile it "$TMP/item_full.json"
compare "API items: the responsible person named by a payload comes back exactly" '
	$p[0][] | . as $x | $it[0][$x.id] as $i | select($i and $i.responsible) |
	if $i.responsible.name != $x.s then "\($x.id): responsible \($i.responsible | tojson)" else empty end' \
	--slurpfile p "$TMP/p.json" --slurpfile it "$TMP/item_full.json"
compare "web items: title and detail come back (line ends and outer blanks aside)" '
	$p[0][] | . as $x | select($w[0][$x.id]) | [$items[0][] | select(.ext_id == $w[0][$x.id])][0] as $i |
	if ($i.title | loose) != ($x.s | loose) or ($i.detail | loose) != ("编辑：" + $x.s | loose)
	then "\($x.id): \($i | {title, detail} | tojson)" else empty end' \
	--slurpfile p "$TMP/p.json" --slurpfile items "$TMP/items.json" --slurpfile w "$TMP/witem.json"
# (an import trims blanks and line ends around a cell and takes an
# apostrophe before a formula or another apostrophe for the exports' guard)
compare "imported items: 问题描述 and 具体情况 come back as the importer reads a cell" '
	def imported: sub("^[ \t\r\n]+"; "") | if test("^\u0027[\u0027=+\\-@\t\r]") then .[1:] else . end | sub("[ \t\r\n]+$"; "");
	$p[0][] | . as $x | [$items[0][] | select(.ext_id == "IMP-\($x.n)")][0] as $i | select($i) |
	if $i.title != ($x.s | imported) or $i.detail != $i.title
	then "\($x.id): \($i | {title, detail} | tojson)" else empty end' \
	--slurpfile p "$TMP/p.json" --slurpfile items "$TMP/items.json"
is "… every payload an import may take was imported ($IMPORTED)" \
	"$(jq '[.[] | select(.ext_id | startswith("IMP-"))] | length' "$TMP/items.json")" "$IMPORTED"
jq -s 'map(.persons) | add' "$(body_of "read lists/persons4")" "$(body_of "read lists/persons5")" >"$TMP/persons.json"
compare "people: name and title come back (API exactly)" '
	$p[0][] | . as $x | select($x.s | ok(100; true)) |
	if ([$ps[0][] | select(.name == $x.s and .title == $x.s and .unit_id == 4)] | length) != 1 then "\($x.id): API person missing" else empty end,
	if ([$ps[0][] | select((.name | loose) == ($x.s | loose) and .unit_id == 5)] | length) == 0 then "\($x.id): web person missing" else empty end' \
	--slurpfile p "$TMP/p.json" --slurpfile ps "$TMP/persons.json"
jq -s 'map(.units) | add' "$(body_of "read lists/units1")" "$(body_of "read lists/units2")" >"$TMP/units.json"
compare "units: name and code come back (API exactly)" '
	$p[0][] | . as $x |
	if ($x.s | ok(64; true)) and ([$u[0][] | select(.name == $x.s and .code == $x.s and .parent_id == 1)] | length) != 1
	then "\($x.id): API unit missing" else empty end,
	if ($x.s | ok(63; true)) and ([$u[0][] | select((.name | loose) == ($x.s | loose) and .parent_id == 2)] | length) == 0
	then "\($x.id): web unit missing" else empty end' \
	--slurpfile p "$TMP/p.json" --slurpfile u "$TMP/units.json"
compare "categories: names come back (API exactly)" '
	$p[0][] | . as $x | select($x.s | ok(100; true)) |
	if ([$c[0].categories[] | select(.name == $x.s and .code == "c\($x.n)")] | length) != 1 then "\($x.id): API category" else empty end,
	if ([$c[0].categories[] | select((.name | loose) == ($x.s | loose) and .code == "w\($x.n)")] | length) == 0 then "\($x.id): web category" else empty end' \
	--slurpfile p "$TMP/p.json" --slurpfile c "$(body_of "read lists/categories")"
bjoin "read opinion" >"$TMP/opn_full.json"
compare "API opinions: text, address, name, contact, reply and rejection come back exactly" '
	$p[0][] | . as $x | $o[0][$x.id] as $op | select($op) |
	[($op.text == $x.s), ($op.address == $x.s), ($op.submitter_name == $x.s), ($op.submitter_contact == $x.s),
	 ($op.reply == $x.s), (($x.s | ok(1000; true) | not) or $op.reject_reason == $x.s)] as $r |
	if ($r | all) then empty else "\($x.id): \($r) \($op | {text, reply, reject_reason} | tojson)" end' \
	--slurpfile p "$TMP/p.json" --slurpfile o "$TMP/opn_full.json"
bjoin "read web opinion" >"$TMP/wopn_full.json"
compare "web opinions: text, address, name, contact, reply and rejection come back" '
	$p[0][] | . as $x | $o[0][$x.id] as $op | select($op) |
	[(($op.text | loose) == ($x.s | loose)), (($op.address | loose) == ($x.s | loose)),
	 (($op.submitter_name | loose) == ($x.s | loose)), (($op.reply | loose) == ($x.s | loose)),
	 (($x.s | ok(1000; true) | not) or ($op.reject_reason | loose) == ($x.s | loose))] as $r |
	if ($r | all) then empty else "\($x.id): \($r) \($op | {text, address, submitter_name, reply, reject_reason} | tojson)" end' \
	--slurpfile p "$TMP/p.json" --slurpfile o "$TMP/wopn_full.json"
bjoin "read rated opinion" >"$TMP/rated.json"
compare "ratings: the comment comes back to the submitter (public API exactly, the form up to blanks)" '
	$p[0][] | . as $x | $o[0][$x.id] as $op | select($op and ($x.s | ok(1000; true))) |
	if (($x.n % 2 == 1) and $op.rating_comment != $x.s) or (($x.n % 2 == 0) and ($op.rating_comment | loose) != ($x.s | loose))
	then "\($x.id): \($op | {rating, rating_comment} | tojson)" else empty end' \
	--slurpfile p "$TMP/p.json" --slurpfile o "$TMP/rated.json"
compare "Open311 JSON: description and address_string come back exactly (names never)" '
	$p[0][] | . as $x | $r[0][$x.id] as $id | select($id) |
	[$j[0][] | select((.service_request_id | tostring) == $id)][0] as $q |
	if $q.description != $x.s or $q.address != $x.s then "\($x.id): \($q | tojson)"
	elif ($q | tojson | contains("first_name")) then "\($x.id): a name in the reply" else empty end' \
	--slurpfile p "$TMP/p.json" --slurpfile r "$TMP/r311.json" --slurpfile j "$(body_of "read open311/json")"
X311=$(body_of "read open311/xml")
ok_if "Open311 XML: well-formed" xmllint --noout "$X311"
# The XML as canonical XML (C14N: text with &amp; &lt; &gt; and CR as
# &#xD;): each description must be there as its own element. A parser
# reads a raw CR as LF, so either form of the line ends is taken.
xmllint --c14n "$X311" >"$TMP/o311.c14n" 2>&1
compare "Open311 XML: each description the same text" '
	def c14n: gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub(">"; "&gt;");
	$p[0][] | . as $x | select($r[0][$x.id]) |
	("<description>" + ($x.s | c14n | gsub("\r"; "&#xD;")) + "</description>") as $a |
	("<description>" + ($x.s | gsub("\r\n"; "\n") | gsub("\r"; "\n") | c14n) + "</description>") as $b |
	if ($xml | contains($a)) or ($xml | contains($b)) then empty else "\($x.id): \($a | tojson)" end' \
	--slurpfile p "$TMP/p.json" --slurpfile r "$TMP/r311.json" --rawfile xml "$TMP/o311.c14n"

# ------------------------------------------------------------ 8. reading back: HTML
# Every page showing them. For each page: no markup it must not hold, no
# raw line of a payload with "<" in it, and the escaped text of what it
# must show.
batch_begin
for k in "${!ITEM[@]}"; do breq "pages" "item:$k" 200 GET "/items/${ITEM[$k]}" "" "$H_SESSION"; done
for k in "${!WITEM[@]}"; do breq "pages" "witem:$k" 200 GET "/items/${WITEM[$k]}" "" "$H_SESSION"; done
for k in "${!RATE_ITEM[@]}"; do breq "pages" "ritem:$k" 200 GET "/items/${RATE_ITEM[$k]}" "" "$H_SESSION"; done
for k in "${!OPN[@]}"; do breq "pages" "opn:$k" 200 GET "/opinions/${OPN[$k]}" "" "$H_SESSION"; done
for k in "${!WOPN[@]}"; do breq "pages" "wopn:$k" 200 GET "/opinions/${WOPN[$k]}" "" "$H_SESSION"; done
for k in "${!OPN_CODE[@]}"; do breq "pages" "track:$k" 200 GET "/track?code=${OPN_CODE[$k]}"; done
for k in "${!R311[@]}"; do breq "pages" "o311:$k" 200 GET "/opinions/${R311[$k]}" "" "$H_SESSION"; done
for k in "${!UNIT[@]}"; do
	breq "pages" "unit:$k" 200 GET "/?unit=${UNIT[$k]}" "" "$H_SESSION"
	breq "pages" "unitedit:$k" 200 GET "/admin/units?under=1&edit=${UNIT[$k]}" "" "$H_SESSION"
done
for k in "${!RATE_CODE[@]}"; do breq "pages" "rtrack:$k" 200 GET "/track?code=${RATE_CODE[$k]}"; done
nitems=$(jq length "$TMP/items.json")
for ((off = 0; off < nitems + 20; off += 20)); do
	breq "pages" "list:$off" 200 GET "/items?unit=4&offset=$off" "" "$H_SESSION"
	breq "pages" "measures:$off" 200 GET "/measures?unit=4&open=&offset=$off" "" "$H_SESSION"
	breq "pages" "opinions:$off" 200 GET "/opinions?unit=4&status=all&offset=$off" "" "$H_SESSION"
done
for p in "/" "/?unit=1" "/?unit=2" "/?unit=4" "/responsibility?unit=4" "/responsibility?unit=1" \
	"/admin/units" "/admin/units?under=1" "/admin/units?under=2" "/admin/people?unit=4" "/admin/people?unit=5" \
	"/admin/categories" "/items/new" "/opinions/new" "/import" "/report?unit=1" "/report?unit=4" \
	"/rates?unit=1" "/board" "/board?unit=1" "/opinion" "/items?unit=1" "/measures?unit=1"; do
	breq "pages" "page:$p" 200 GET "$p" "" "$H_SESSION"
done
# what the user types into the address bar or the login form, reflected
jq -r '.[] | select(.s | test("\u0000") | not) | [.id, (.s | @uri)] | @tsv' "$TMP/p.json" >"$TMP/uri.tsv"
while IFS=$'\t' read -r k u; do
	breq "reflected" "q:$k" '200|400' GET "/items?unit=4&q=$u" "" "$H_SESSION"
	breq "reflected" "next:$k" '200|400' GET "/login?next=$u"
	breq "reflected" "code:$k" '200|400|404' GET "/track?code=$u"
	breq "reflected" "param:$k" '400' GET "/items?$u=1" "" "$H_SESSION" 'header = "Accept-Language: en"'
	breq "reflected" "unit:$k" '400' GET "/items?unit=$u" "" "$H_SESSION" 'header = "Accept-Language: en"'
	breq "reflected" "board:$k" '400' GET "/board?from=$u"
	breq "reflected" "path:$k" '404' GET "/items/$u" "" "$H_SESSION"
done <"$TMP/uri.tsv"
# the login form shows the name typed in again: payloads joined, a few
# tries (each failure counts against the address: 50 in 15 minutes)
jq -r "$JQDEF"' [.[] | select(.s | textok) | .s] | _nwise(12) | join(" ") | @uri' "$TMP/p.json" >"$TMP/logins.txt"
nl=0
while read -r u; do
	nl=$((nl + 1))
	breq "reflected" "login:$nl" 401 POST /login "_csrf=$PRE&login=$u&password=wrong-password" "$H_FORM" \
		"header = \"Cookie: qd_pre=$PRE\""
done <"$TMP/logins.txt"
batch_run
verdict "pages"
verdict "reflected"

# The raw lines of stored payloads that hold a "<" must never be in a page.
{
	jq -r '.[] | .s | select(test("\u0000") | not) | gsub("\r"; "") | split("\n")[] | select(test("<"))' "$TMP/p.json"
	echo "<img src=x onerror=alert('f1')>"
} | sort -u >"$TMP/raw_lines.txt"
html_files=()
for n in "${BATCH[@]}" "${FORM_400[@]}" "${PUBLIC_RECEIPTS[@]}" "${EDIT_FORMS[@]}"; do
	if grep -qi '^content-type: text/html' "$B/$n.hdr" 2>/dev/null; then
		tr -d '\r' <"$B/$n.body" >"$B/$n.html"
		html_files+=("$B/$n.html")
	fi
done
cp "$TMP/import_report.html" "$B/import_report.html"
html_files+=("$B/import_report.html")
ok_if "HTML pages to check: ${#html_files[@]}" test ${#html_files[@]} -gt 300
raw=$(grep -l -F -f "$TMP/raw_lines.txt" "${html_files[@]}" 2>/dev/null | head -n 5)
diag=
for f in $raw; do
	diag+="$f: $(grep -o -F -f "$TMP/raw_lines.txt" "$f" | head -n 3 | tr '\n' ' ')"$'\n'
done
is "no page holds a payload's raw markup ($(wc -l <"$TMP/raw_lines.txt") lines with \"<\")" "$diag" ""
scan=$(awk -f "$SCAN_AWK" "${html_files[@]}" | head -n 10)
is "no page holds markup it must not (script, handlers, javascript: URLs, broken tags)" "$scan" ""

# shows LABEL KIND FIELD...: pages of KIND (item, witem, opn, ...) each show
# their payload escaped (line ends aside); for FIELD "edit" the web items'
# detail "编辑：" + payload.
declare -A PS=()
declare -A VALID=()
while IFS= read -r k; do VALID[$k]=1; done < <(jq -r "$JQDEF"' .[] | select(.s | textok) | .id' "$TMP/p.json")
while IFS= read -r -d '' k && IFS= read -r -d '' v; do PS[$k]=$v; done < <(jq -j '.[] | select(.s | test("\u0000") | not) | .id, "\u0000", (.s | gsub("\r"; "")), "\u0000"' "$TMP/p.json")
escape() { # escape VAR STRING
	local s=${2//&/&amp;}
	s=${s//</&lt;}
	s=${s//>/&gt;}
	s=${s//\"/&quot;}
	s=${s//\'/&#39;}
	printf -v "$1" '%s' "$s"
}
shows() { # shows LABEL KIND [PREFIX [loose]]: loose, the form trimmed the text
	local label=$1 kind=$2 prefix=${3:-} loose=${4:-} n k e t body bad= c=0
	for n in "${BATCH[@]}"; do
		k=${B_KEY[$n]}
		[ "${k%%:*}" = "$kind" ] || continue
		k=${k#*:}
		# pages of stored payloads (control characters are refused)
		[ -f "$B/$n.html" ] && [ "${B_STATUS[$n]}" = 200 ] && [ -n "${VALID[$k]+x}" ] || continue
		c=$((c + 1))
		t=${PS[$k]}
		if [ -n "$loose" ]; then
			t=${t#"${t%%[!$' \t\n']*}"}
			t=${t%"${t##*[!$' \t\n']}"}
		fi
		escape e "$prefix$t"
		body=$(<"$B/$n.html")
		[[ $body == *"$e"* ]] || bad+="$k (${B_DESC[$n]}): no $(printf '%q' "${e:0:80}")"$'\n'
	done
	if [ -z "$bad" ] && [ $c -gt 0 ]; then
		pass "$label ($c pages)"
	else
		fail "$label ($c pages)" "$(head -n 8 <<<"$bad")"
	fi
}
shows "item pages (API) show title, detail, measure and reasons escaped" item
shows "item pages (web) show the edited detail escaped" witem "编辑："
shows "staff opinion pages show the text escaped (API)" opn
shows "staff opinion pages show the text escaped (web)" wopn "" loose
shows "tracking pages show the reply escaped" track
shows "tracking pages show the rating comment escaped" rtrack "" loose
shows "the search form shows q= again, escaped" q
shows "Open311 requests' opinion pages show the description escaped" o311
shows "a unit's dashboard shows its name escaped" unit
shows "a unit's edit form shows its name escaped (in a value attribute too)" unitedit
for n in "${EDIT_FORMS[@]}"; do B_KEY[$n]=edit:${B_KEY[$n]}; done
BATCH+=("${EDIT_FORMS[@]}")
shows "the item edit forms show title and detail escaped (value attribute, textarea)" edit
body=$(<"$B/import_report.html")
escape e "<img src=x onerror=alert('f1')>.csv"
ok_if "the import report shows the file's name escaped" test "${body/"$e"/}" != "$body"
# every list page and admin page together shows every title, name, text
for n in "${BATCH[@]}"; do
	case ${B_KEY[$n]} in list:* | page:* | measures:* | opinions:*) cat "$B/$n.html" ;; esac
done >"$TMP/all_lists.html"
miss=
while IFS= read -r k; do
	escape e "${PS[$k]}"
	while IFS= read -r line; do
		[ -z "$line" ] || grep -q -F -e "$line" "$TMP/all_lists.html" || { miss+="$k "; break; }
	done <<<"$e"
done < <(jq -r "$JQDEF"' .[] | select(.s | ok(64; true)) | .id' "$TMP/p.json")
is "the lists, admin pages and pickers show every stored payload escaped" "$miss" ""

# ------------------------------------------------------------ 9. files: CSV and xlsx
batch_begin
for l in items measures opinions responsibility; do
	# every measure (open=) and every opinion (status=all), not the default views
	case $l in measures) q='&open=' ;; opinions) q='&status=all' ;; *) q= ;; esac
	breq "exports" "$l.csv" 200 GET "/$l.csv?unit=4$q" "" "$H_SESSION"
	breq "exports" "$l.xlsx" 200 GET "/$l.xlsx?unit=4$q" "" "$H_SESSION"
done
breq "exports" "api.csv" 200 GET "/api/v1/export?list=items&format=csv&unit=4" "" "$H_BEARER"
breq "exports" "ledger.xlsx" 200 GET "/ledger.xlsx?unit=4" "" "$H_SESSION"
batch_run
verdict "exports"
csv_json() { # CSV-FILE -> JSON array of objects (sqlite3 parses the CSV)
	local out
	rm -f "$TMP/csv.db"
	sqlite3 "$TMP/csv.db" ".import --csv $1 t" >&2 && out=$(sqlite3 -json "$TMP/csv.db" 'SELECT * FROM t') &&
		printf '%s\n' "${out:-[]}"
}
for f in items.csv measures.csv opinions.csv; do cp "$(body_of "exports/$f")" "$TMP/export-$f"; done
csv_json "$(body_of exports/items.csv)" >"$TMP/items_csv.json" || fail "the items CSV parses"
csv_json "$(body_of exports/measures.csv)" >"$TMP/measures_csv.json" || fail "the measures CSV parses"
csv_json "$(body_of exports/opinions.csv)" >"$TMP/opinions_csv.json" || fail "the opinions CSV parses"
# A cell a spreadsheet would take for a formula must start with an
# apostrophe; the rest is the text itself.
compare "CSV: no cell of the four lists starts a formula (= + - @ tab CR)" '
	[$a[0], $b[0], $c[0]][] | .[] | to_entries[] | select(.value | type == "string") |
	select(.value | test("^[=+\\-@\t\r]")) | "\(.key): \(.value | tojson)"' \
	--slurpfile a "$TMP/items_csv.json" --slurpfile b "$TMP/measures_csv.json" --slurpfile c "$TMP/opinions_csv.json"
compare "CSV: 问题描述 of every payload item is its text (an apostrophe before a formula or an apostrophe)" '
	def guard: if test("^[\u0027=+\\-@\t\r]") then "\u0027" + . else . end;
	$items[0][] | . as $i | select($i.detail == $i.title and ($i.ext_id | startswith("IMP-") or startswith("QDT-"))) |
	([$csv[0][] | select(.["问题编号"] == $i.ext_id)][0]) as $row |
	if $row == null then "\($i.ext_id): no row" elif $row["问题描述"] != ($i.title | guard) then "\($i.ext_id): \($row["问题描述"] | tojson) vs \($i.title | tojson)" else empty end' \
	--slurpfile items "$TMP/items.json" --slurpfile csv "$TMP/items_csv.json"
compare "CSV: the opinions list carries the text of every opinion" '
	def guard: if test("^[\u0027=+\\-@\t\r]") then "\u0027" + . else . end;
	[$c[0][] | .[]] as $cells |
	$p[0][] | . as $x | select($x.s | ok(100; true)) |
	if ($cells | index([$x.s | guard])) == null then "\($x.id): text missing" else empty end' \
	--slurpfile p "$TMP/p.json" --slurpfile c "$TMP/opinions_csv.json"
# Read back by qingdan's own importer: the exports change nothing, in
# particular text that starts with an apostrophe or a formula (the guard
# must come off, and only it). Allowed to differ, by the file format: an
# item with a line break inside a measure from a list of problems alone (the
# measures are one cell, one per line; the whole ledger has a sheet of
# them), and texts with blanks or line ends around them (an import trims
# cells).
ws() { echo "(substr($1, 1, 1) IN (' ', char(9), char(10), char(13)) OR substr($1, -1, 1) IN (' ', char(9), char(10), char(13)))"; }
allowed() { # [lines]: the items that may come back updated
	sqlite3 "$DB" "SELECT DISTINCT i.ext_id FROM item i LEFT JOIN measure m ON m.item_id = i.id
		LEFT JOIN person p ON p.id = i.responsible_id LEFT JOIN category c ON c.id = i.category_id
		WHERE i.upath LIKE '/1/2/4/%' AND ($(ws i.title) OR $(ws i.detail) OR $(ws m.text) OR $(ws p.name)
		OR $(ws c.name) ${1:+OR instr(m.text, char(10))}) ORDER BY 1"
}
allowed lines >"$TMP/allowed_lines.txt"
allowed >"$TMP/allowed.txt"
sqlite3 "$DB" "SELECT ext_id FROM item WHERE upath LIKE '/1/2/4/%' AND substr(title, 1, 1) = char(39) ORDER BY 1" >"$TMP/apos.txt"
ok_if "items whose title starts with an apostrophe: $(wc -l <"$TMP/apos.txt")" test "$(wc -l <"$TMP/apos.txt")" -ge 8
for f in items.csv items.xlsx ledger.xlsx api.csv; do
	req POST "/api/v1/import?unit=$U_VA1&dry_run=1" -H 'Content-Type: application/octet-stream' \
		--data-binary "@$(body_of "exports/$f")"
	jq_ok "importing the export $f again (dry run) refuses nothing, adds nothing: $(val '"\(.rows) rows, \(.unchanged) unchanged, \(.updated) updated"')" \
		'.errors == 0 and .added == 0 and .rows > 100 and .unchanged + .updated == .rows'
	allow=$TMP/allowed_lines.txt
	[ "$f" = ledger.xlsx ] && allow=$TMP/allowed.txt
	val '.lines[] | select(.outcome != "unchanged") | .ext_id' | sort -u >"$TMP/changed.txt"
	is "… and changes nothing but what its format cannot hold" "$(comm -23 "$TMP/changed.txt" "$allow" | tr '\n' ' ')" ""
	is "… the texts with an apostrophe first come back as they were" \
		"$(comm -23 "$TMP/apos.txt" "$allow" | comm -12 "$TMP/changed.txt" - | tr '\n' ' ')" ""
done
if command -v unzip >/dev/null; then
	xl=$(unzip -p "$(body_of exports/items.xlsx)" 'xl/worksheets/*.xml' 2>/dev/null)
	printf '%s' "$xl" >"$TMP/sheet.xml"
	ok_if "xlsx: the sheet holds no formula cell" bash -c "! grep -q '<f[ >]' '$TMP/sheet.xml'"
	ok_if "xlsx: the sheet is well-formed XML" xmllint --noout "$TMP/sheet.xml"
else
	pass "# skip xlsx XML checks: no unzip"
fi

# ------------------------------------------------------------ 10. search
# For each term: exactly the items of village A1 whose title or detail
# holds it (ASCII letters in any case, as LIKE and the trigram index
# compare). Payload items of the API and the import are in the index, the
# web items still wait for it: both paths are searched.
is "the web items wait for the index, the others are in it" \
	"$(sqlite3 "$DB" "SELECT count(*) > 0 FROM fts_pending") $(sqlite3 "$DB" "SELECT count(*) > 100 FROM item_fts")" "1 1"
jq -r '.[] | .s | select(test("^[\u0020-\u007e\u00a0-\uffff]+$")) | select(utf8bytelength <= 200)' "$TMP/p.json" >"$TMP/terms.txt"
printf '%s\n' '%' '_' '\' "'" '"' '%%' '_%' '\%' '*' 'OR' 'NEAR' '"x"' "x'" 'alert(' '&lt;' '&amp;' >>"$TMP/terms.txt"
sort -u "$TMP/terms.txt" | jq -R . | jq -s . >"$TMP/terms.json"
batch_begin
jq -r 'to_entries[] | "\(.key + 1)\t\(.value | @uri)"' "$TMP/terms.json" |
	while IFS=$'\t' read -r t u; do
		breq "search" "$t" 200 GET "/api/v1/items?unit=4&limit=200&q=$u" "" "$H_BEARER"
		breq "search page 2" "$t" 200 GET "/api/v1/items?unit=4&limit=200&offset=200&q=$u" "" "$H_BEARER"
	done
batch_run
verdict "search"
verdict "search page 2"
bjoin "search" >"$TMP/s1.json"
bjoin "search page 2" >"$TMP/s2.json"
jq -n --slurpfile t "$TMP/terms.json" --slurpfile a "$TMP/s1.json" --slurpfile b "$TMP/s2.json" '
	[$t[0] | to_entries[] | (.key + 1 | tostring) as $k |
	 {q: .value, ids: ($a[0][$k].items + $b[0][$k].items | map(.id) | sort), more: $b[0][$k].has_more}]' >"$TMP/search.json"
compare "every search finds exactly the items holding the text ($(jq length "$TMP/terms.json") terms, % and _ literally)" '
	$s[0][] | . as $r |
	([$items[0][] | select(((.title // "") | ascii_downcase | contains($r.q | ascii_downcase)) or
	                        ((.detail // "") | ascii_downcase | contains($r.q | ascii_downcase))) | .id] | sort) as $want |
	if $r.more or $want != $r.ids then "\($r.q | tojson): got \($r.ids | length) ids, want \($want | length) (\($want - $r.ids | .[0:5]) missing, \($r.ids - $want | .[0:5]) extra)" else empty end' \
	--slurpfile s "$TMP/search.json" --slurpfile items "$TMP/items.json"
is "… a search for % finds only items with a %" \
	"$(jq -n --slurpfile s "$TMP/search.json" --slurpfile items "$TMP/items.json" '
	($s[0][] | select(.q == "%") | .ids) as $got | [$items[0][] | select(.id as $i | $got | index($i)) | select((.title + (.detail // "")) | contains("%") | not)] | length')" 0

# ------------------------------------------------------------ 11. logins
# A handful of SQL payloads as a login name or a password: never a session
# (few tries: failures count against the address).
for s in "' OR '1'='1" "admin'--" "' OR 1=1--" "admin'/*"; do
	TOKEN= refused "login name $(printf '%q' "$s")" 401 BAD_LOGIN POST /api/v1/login "$(jq -cn --arg l "$s" '{login:$l,password:"x"}')"
done
for s in "' OR '1'='1" "' OR 1=1--" "x' OR 'x'='x" "\") OR 1=1--"; do
	TOKEN= refused "password $(printf '%q' "$s") for grid" 401 BAD_LOGIN POST /api/v1/login "$(jq -cn --arg p "$s" '{login:"grid",password:$p}')"
done
TOKEN=$ADMIN_TOKEN

# ------------------------------------------------------------ 12. the database
is "the same tables and indexes as before" "$(schema)" "$SCHEMA_BEFORE"
is "integrity_check" "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
ok_if "no database attached by a payload (/tmp/qingdan-sqli.db)" test ! -e /tmp/qingdan-sqli.db
if q_cli check; then
	pass "qingdan check passes after everything"
else
	fail "qingdan check passes after everything" "$(tail -n 20 "$TMP/cli.out")"
fi

done_testing
