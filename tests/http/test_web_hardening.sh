#!/usr/bin/env bash
# Web hardening (issue 7), route by route, against the real server.
#
# The routes come from the tables themselves, at run time: `qingdan
# permissions --format tsv` lists every route of src/web/routes.c,
# src/api/routes.c and src/open311/routes.c (generated from them), counted
# against the entries of those files; a new route is requested and checked
# without touching this file, and a path parameter this file has no real
# value for fails one test that says so.
#
#   - every reply (pages, JSON, CSV, xlsx, Open311 XML/JSON, redirects and
#     errors 400/401/403/404/405/413/415/429): X-Content-Type-Options
#     nosniff, a Referrer-Policy, no CORS header; HTML replies a
#     Content-Security-Policy whose script sources (script-src, else
#     default-src) allow no inline script, no eval, no other origin, with
#     frame-ancestors 'none', plugins ruled out, base-uri and form-action
#     (and X-Frame-Options DENY); files as attachments; every cookie set
#     anywhere Path, SameSite, HttpOnly (but the language cookie), no
#     Domain, and Secure exactly when X-Forwarded-Proto says https; the
#     pages libmicrohttpd makes itself (431, 400) echo nothing;
#   - every HTML page served (each GET route, logged in and not, error
#     pages, and the pages they link to): no script or style element, no
#     event handler or style attribute, no javascript:/data: URL, no
#     resource from elsewhere, no broken tag (payloads/html_scan.awk);
#   - GET requests change nothing; after login only a local path is
#     followed (no open redirect: tabs, line breaks, backslashes, //);
#   - CSRF: every web POST route refuses a form without the token, with a
#     wrong one, with another session's and with the pre-session one (public
#     forms: without the pre-session cookie too), and nothing changes; every
#     API write refuses a browser's session cookie without a Bearer token
#     and a text/plain or form body (what a cross-site form can send); the
#     same bodies with the right token go through (they were valid);
#   - login throttling per login name and per address (X-Forwarded-For not
#     trusted), a right password refused while throttled, a success
#     resetting the count, and recovery after the window, on the server's
#     test clock (QINGDAN_TODAY: it moves one second per reading);
#   - session expiry: the idle limit (last_seen aged in the database), the
#     absolute limit of a session in use (its login moved back), API
#     tokens by expires_at, logout ending the session on the server;
#   - uploads: the size limit at its boundary (also chunked), wrong file
#     types (exe, PNG, a zip that is no workbook, SVG with script), multipart
#     and form limits, nothing imported.
. "$(dirname "$0")/lib.sh"

SRC=$(cd "$(dirname "$0")/../.." && pwd)
SCAN_AWK=$(cd "$(dirname "$0")/payloads" && pwd)/html_scan.awk

make_fixture
start_server

# ------------------------------------------------------------ objects to point at
as admin
ADMIN_TOKEN=$TOKEN
step "a category" 201 POST /api/v1/categories '{"code":"road","name":"道路坑洼"}'
CAT=$(val .id)
step "an item" 201 POST /api/v1/items \
	"$(json_body source=opinion title=路灯不亮 unit_id:=$U_VA1 mode=deadline due_on=2024-03-31 category_id:=$CAT)"
I=$(val .id)
step "a measure" 201 POST "/api/v1/items/$I/measures" '{"text":"更换灯泡"}'
M=$(val .id)
step "an opinion" 201 POST /api/v1/opinions \
	"$(json_body channel=letter unit_id:=$U_VA1 text=村口路灯不亮 submitter_name=张三 submitter_contact=13900000000)"
O=$(val .id)
OCODE=$(val .code)
req POST /api/v1/opinions "$(json_body channel=phone unit_id:=$U_VA1 text=垃圾清运不及时)"
OA=$(val .id)
OACODE=$(val .code)
req POST "/api/v1/opinions/$OA/accept" '{"title":"垃圾清运","mode":"immediate"}'
IA=$(val .item.id)
req POST "/api/v1/items/$IA/request_signoff"
req POST "/api/v1/items/$IA/signoff" '{"closure":"resolved"}'
req GET "/api/v1/opinions/$OA"
is "an opinion accepted and signed off: answered, so it can be rated" "$(val .status)" answered
step "a grant to delete" 201 POST /api/v1/grants \
	"$(json_body account_id:=${ACCOUNT_ID[viewer]} unit_id:=$U_VA2 role=viewer)"
G=$(val .id)
q_cli open311 add --name 县12345平台 --unit $U_COUNTY || bail "open311 add" "$(cat "$TMP/cli.out")"
KEY=$(awk '$1 == "api_key" { print $2 }' "$TMP/cli.out")
TOKEN=
req POST /open311/v2/requests.json --data-urlencode "api_key=$KEY" --data-urlencode service_code=road \
	--data-urlencode lat=36.95 --data-urlencode long=100.9 --data-urlencode "description=村口道路有大坑"
R311=$(val '.[0].service_request_id')
T311=$(val '.[0].token')
ok_if "an Open311 request ($R311, token $T311)" test -n "$R311" -a "$R311" != null
TOKEN=$ADMIN_TOKEN

# Browser sessions: admin (the crawl), viewer (another session's token).
JAR=$TMP/viewer.jar
web_login viewer
VIEWER_SESSION=$(cookie qd_session)
JAR=$TMP/jar
web_login admin
is "the admin logs in through the form" "$STATUS" 303
SESSION=$(cookie qd_session)
web GET /
CSRF=$(csrf_in_page)
ok_if "the admin's session and CSRF token" test -n "$SESSION" -a ${#CSRF} -ge 20
JAR=$TMP/viewer.jar
web GET /
VIEWER_CSRF=$(csrf_in_page)
JAR=$TMP/jar
ok_if "another session has another CSRF token" test -n "$VIEWER_CSRF" -a "$VIEWER_CSRF" != "$CSRF"

# ------------------------------------------------------------ the route tables
# `qingdan permissions --format tsv` lists every route of the three tables
# (src/web/routes.c, src/api/routes.c, src/open311/routes.c), generated
# from them: "SURFACE METHOD PATH ... NEED ...". Read as
#   WEB_ROUTES, API_ROUTES: "METHOD PATTERN AUTH" (AUTH true: a login)
#   O311_ROUTES: "METHOD PATTERN KEY" (KEY yes: needs a client's api_key)
# and counted against the entries of the tables' sources.
"$QINGDAN" permissions --format tsv >"$TMP/routes.tsv" 2>"$TMP/routes.err" ||
	bail "qingdan permissions --format tsv lists the routes" "$(cat "$TMP/routes.err")"
route_rows() { # SURFACE
	awk -F'\t' -v s="$1" 'NR > 1 && $1 == s && !seen[$2 " " $3]++ {
		need = $5 == "public" ? "public" : $5 ~ /^api_key/ ? "key" : "login"
		path = $3; sub(/\.\{fmt\}$/, "", path)
		if (s == "open311") print $2, path, (need == "key" ? "yes" : "no")
		else print $2, path, (need == "public" ? "false" : "true") }' "$TMP/routes.tsv"
}
WEB_ROUTES=$(route_rows web)
API_ROUTES=$(route_rows api)
O311_ROUTES=$(route_rows open311)
# entries of a table in its source, whatever the initializer's style
entries() { grep -cE '(\{|\.method = )M_(GET|POST|PATCH|PUT|DELETE)\b' "$SRC/$1"; }
n_web=$(entries src/web/routes.c)
n_api=$(entries src/api/routes.c)
n_o311=$(entries src/open311/routes.c)
is "every web route listed (src/web/routes.c)" "$(grep -c . <<<"$WEB_ROUTES")" "$n_web"
is "every API route listed (src/api/routes.c)" "$(grep -c . <<<"$API_ROUTES")" "$n_api"
is "every Open311 route listed (src/open311/routes.c)" "$(grep -c . <<<"$O311_ROUTES")" "$n_o311"
note "routes: $n_web web, $n_api API, $n_o311 Open311"

# real_path PATTERN: the pattern with real ids for its parameters.
UNKNOWN_PARAMS=
real_path() {
	local out= seg prev= v IFS=/
	for seg in ${1#/}; do
		case $seg in
		:ref) v=$I ;;
		:action) v=start ;;
		:day) v=2024-05-01 ;;
		:code) v=$OCODE ;;
		:service_code) v=road ;;
		:service_request_id) v=$R311 ;;
		:token) v=$T311 ;;
		:id)
			case $prev in
			units) v=$U_VA2 ;;
			grants) v=$G ;;
			measures) v=$M ;;
			opinions) v=$O ;;
			items) v=$I ;;
			*) v=1 UNKNOWN_PARAMS+=" $1" ;;
			esac
			;;
		:*) v=1 UNKNOWN_PARAMS+=" $1" ;;
		*) v=$seg ;;
		esac
		out+=/$v
		prev=$seg
	done
	printf '%s\n' "${out:-/}"
}

# Query strings a GET route needs to answer 200 (required parameters).
declare -A QUERY=(
	[/track]="code=$OCODE"
	[/lang]="to=zh"
	[/rates/records]="part=response.within"
	[/board/records]="part=response.within"
	[/api/v1/persons]="unit=$U_VA1"
	[/api/v1/rates/records]="part=response.within"
	[/api/v1/public/board/records]="part=response.within"
)

# Bodies with which each web POST would succeed: the CSRF refusals below
# differ from a good request by the token only (the good requests are sent
# at the end for the forms that stay useful afterwards).
declare -A FORM=(
	[/login]="login=admin&password=$PASSWORD"
	[/logout]=""
	[/items/new]="title=CSRF&kind=problem&source=opinion&unit_id=$U_VA1&mode=long_term&found_on=2024-03-15"
	[/items/:ref/edit]="version=1&title=CSRF&kind=problem&source=opinion&unit_id=$U_VA1&mode=deadline&found_on=2024-03-15&due_on=2024-03-31"
	[/items/:ref/act]="action=start"
	[/items/:ref/measures]="text=CSRF+measure"
	[/measures/:id]="status=done&text=CSRF"
	[/admin/units]="parent_id=$U_COUNTY&kind=village&name=CSRF村"
	[/admin/units/:id]="name=CSRF改名&kind=village"
	[/admin/people]="unit_id=$U_VA1&name=CSRF"
	[/admin/accounts]="person_id=${PERSON_ID[viewer]}&login=csrf.x&password=csrf-password-1"
	[/admin/grants]="account_id=${ACCOUNT_ID[viewer]}&unit_id=$U_TB&role=viewer"
	[/admin/grants/:id/delete]=""
	[/admin/categories]="code=csrf&name=CSRF"
	[/opinion]="unit_id=$U_VA1&text=CSRF"
	[/track/:code/rate]="rating=satisfied"
	[/opinions/new]="channel=letter&received_on=2024-03-15&unit_id=$U_VA1&text=CSRF"
	[/opinions/:id/triage]="action=reply&reply=CSRF"
)
printf '%s\n' '问题编号,单位,问题来源,问题描述,发现时间' 'CSRF-1,测试县/甲镇/甲一村,群众意见,CSRF导入,2024-03-01' >"$TMP/good.csv"

# ------------------------------------------------------------ batches of requests
# Requests are written to a curl config and sent by one curl (keep-alive,
# no process per request). breq GROUP WANT METHOD PATH [CONFIG-LINE...]:
# WANT is an extended regex for the status; CONFIG-LINEs are curl config
# lines (header = "...", data-binary = "...", form = "..."). tls marks a
# request sent as through an HTTPS proxy.
# The batches themselves are lib.sh's (batch_add, batch_run).
BN=0
GROUPS_ORDER=()
declare -A B_GROUP=() B_WANT=() B_DESC=() GROUP_SEEN=()
cq() { # a curl config string: quotes and backslashes escaped
	local q
	curl_quote q "$1"
	printf '%s' "$q"
}
breq() {
	local group=$1 want=$2 method=$3 path=$4 n
	shift 4
	BN=$((BN + 1))
	printf -v n 'r%04d' "$BN"
	B_GROUP[$n]=$group
	B_WANT[$n]=$want
	B_DESC[$n]="$method $path"
	if [ -z "${GROUP_SEEN[$group]:-}" ]; then
		GROUP_SEEN[$group]=1
		GROUPS_ORDER+=("$group")
	fi
	batch_add "$n" "$method" "$path" "$@"
}
# Config lines for the usual credentials.
H_SESSION="header = $(cq "Cookie: qd_session=$SESSION")"
H_BEARER="header = $(cq "Authorization: Bearer $ADMIN_TOKEN")"
H_FORM='header = "Content-Type: application/x-www-form-urlencoded"'
H_JSON='header = "Content-Type: application/json"'
H_TEXT='header = "Content-Type: text/plain"'
H_TLS='header = "X-Forwarded-Proto: https"'
body_line() { echo "data-binary = $(cq "$1")"; }

# check_headers NAME...: one line per problem, "NAME<TAB>problem"; also
# writes $B/NAME.type (the content type).
check_headers() {
	local n files=()
	for n in "$@"; do
		files+=("$B/$n.hdr")
	done
	awk -v tls_list=" ${TLS_NAMES:-} " '
	function finish(f,    n, t, csp, d, nd, i, k, dir, src, parts, c, nc, cn, j, attrs) {
		n = f; sub(/.*\//, "", n); sub(/\.hdr$/, "", n)
		t = (("content-type") in h) ? h["content-type"] : ""
		print t > (dir_b "/" n ".type")
		close(dir_b "/" n ".type")
		if (status == "") { print n "\tno reply"; return }
		if (cnt["x-content-type-options"] != 1 || h["x-content-type-options"] != "nosniff")
			print n "\tX-Content-Type-Options: \"" h["x-content-type-options"] "\" (" cnt["x-content-type-options"] + 0 " times)"
		if (cnt["referrer-policy"] != 1 || h["referrer-policy"] !~ /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/)
			print n "\tReferrer-Policy: \"" h["referrer-policy"] "\""
		for (k in h)
			if (k ~ /^access-control-/)
				print n "\tCORS header " k ": " h[k]
		if (t == "" && status != 304)
			print n "\tno Content-Type"
		if (t ~ /^text\// && tolower(t) !~ /charset=utf-8/)
			print n "\ttext without charset=utf-8: " t
		if (t ~ /^text\/html/) {
			if (cnt["content-security-policy"] != 1) {
				print n "\tContent-Security-Policy given " cnt["content-security-policy"] + 0 " times"
			} else {
				csp = h["content-security-policy"]
				nd = split(csp, parts, /;/)
				for (k in dir) delete dir[k]
				for (i = 1; i <= nd; i++) {
					d = parts[i]; sub(/^[ \t]+/, "", d); sub(/[ \t]+$/, "", d)
					if (d == "") continue
					k = tolower(d); sub(/[ \t].*/, "", k)
					src = d; sub(/^[^ \t]+[ \t]*/, "", src)
					dir[k] = " " tolower(src) " "
				}
				src = ("script-src" in dir) ? dir["script-src"] : dir["default-src"]
				if (!("script-src" in dir) && !("default-src" in dir))
					print n "\tCSP: no script-src and no default-src"
				else if (src ~ /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval| \* | data: | https?: | blob: /)
					print n "\tCSP script sources allow too much:" src
				if (("default-src" in dir) && dir["default-src"] ~ /unsafe-inline|unsafe-eval/)
					print n "\tCSP default-src:" dir["default-src"]
				if (("style-src" in dir) && dir["style-src"] ~ /unsafe-inline/)
					print n "\tCSP style-src allows inline styles"
				if (dir["frame-ancestors"] != " '\''none'\'' ")
					print n "\tCSP frame-ancestors:" dir["frame-ancestors"]
				if (!("object-src" in dir) && dir["default-src"] != " '\''none'\'' ")
					print n "\tCSP: plugins (object-src) not ruled out"
				if (!("base-uri" in dir))
					print n "\tCSP: no base-uri"
				if (!("form-action" in dir))
					print n "\tCSP: no form-action"
			}
			if (toupper(h["x-frame-options"]) != "DENY")
				print n "\tX-Frame-Options: \"" h["x-frame-options"] "\""
		}
		if (t ~ /^text\/csv/ || t ~ /spreadsheetml/)
			if (h["content-disposition"] !~ /^attachment;/)
				print n "\ta file not sent as an attachment: " h["content-disposition"]
		nc = split(h["set-cookie"], c, "\n")
		for (i = 1; i <= nc; i++) {
			if (c[i] == "") continue
			cn = c[i]; sub(/=.*/, "", cn)
			split(c[i], attrs, /;[ \t]*/)
			a_path = 0; a_ss = 0; a_http = 0; a_sec = 0; a_dom = 0
			for (j = 2; j in attrs; j++) {
				k = tolower(attrs[j])
				if (k ~ /^path=\//) a_path = 1
				if (k ~ /^samesite=(strict|lax)$/) a_ss = 1
				if (k == "httponly") a_http = 1
				if (k == "secure") a_sec = 1
				if (k ~ /^domain=/) a_dom = 1
			}
			if (!a_path) print n "\tcookie " cn " without Path"
			if (!a_ss) print n "\tcookie " cn " without SameSite=Strict|Lax"
			if (!a_http && cn != "qd_lang") print n "\tcookie " cn " without HttpOnly"
			if (a_dom) print n "\tcookie " cn " with a Domain"
			if (index(tls_list, " " n " ") && !a_sec) print n "\tcookie " cn " without Secure behind HTTPS"
			if (!index(tls_list, " " n " ") && a_sec) print n "\tcookie " cn " Secure over plain HTTP"
			print c[i] > (dir_b "/" n ".cookies")
		}
		if (nc) close(dir_b "/" n ".cookies")
	}
	FNR == 1 { if (cur != "") finish(cur); cur = FILENAME; status = ""; for (k in h) delete h[k]; for (k in cnt) delete cnt[k] }
	{ sub(/\r$/, "") }
	/^HTTP\// { status = $2; for (k in h) delete h[k]; for (k in cnt) delete cnt[k]; next }
	{
		i = index($0, ":")
		if (i) {
			k = tolower(substr($0, 1, i - 1)); v = substr($0, i + 1); sub(/^[ \t]+/, "", v)
			cnt[k]++
			h[k] = (cnt[k] > 1) ? h[k] "\n" v : v
		}
	}
	END { if (cur != "") finish(cur) }
	' dir_b="$B" "${files[@]}"
}

# verdicts NAME...: status, headers and (HTML) markup of these requests,
# one TAP line per group.
verdicts() {
	local n g problems=() html=() line f
	declare -A PROB=()
	while IFS=$'\t' read -r n line; do
		PROB[$n]+="$line"$'\n'
	done < <(check_headers "$@")
	for n in "$@"; do
		grep -qi '^text/html' "$B/$n.type" 2>/dev/null && [ -s "$B/$n.body" ] && html+=("$B/$n.body")
	done
	if [ ${#html[@]} -gt 0 ]; then
		while IFS=$'\t' read -r f line; do
			n=$(basename "$f" .body)
			PROB[$n]+="markup: $line"$'\n'
		done < <(awk -f "$SCAN_AWK" "${html[@]}")
	fi
	declare -A GPROB=() GDESC=() GIN=()
	for n in "$@"; do
		g=${B_GROUP[$n]}
		GIN[$g]=1
		local s=${B_STATUS[$n]:-none}
		GDESC[$g]+=" $s"
		if ! [[ $s =~ ^(${B_WANT[$n]})$ ]]; then
			GPROB[$g]+="${B_DESC[$n]}: status $s, expected ${B_WANT[$n]}"$'\n'
		fi
		if [ -n "${PROB[$n]:-}" ]; then
			while IFS= read -r line; do
				[ -n "$line" ] && GPROB[$g]+="${B_DESC[$n]}: $line"$'\n'
			done <<<"${PROB[$n]}"
		fi
	done
	local d
	for g in "${GROUPS_ORDER[@]}"; do
		[ -n "${GIN[$g]:-}" ] || continue
		# the statuses: as they came, or counted when there are many
		d=$(tr ' ' '\n' <<<"${GDESC[$g]}" | grep . | awk '{ a[NR] = $1; c[$1]++ } END {
			if (NR <= 6) { for (i = 1; i <= NR; i++) printf "%s%s", (i > 1 ? ", " : ""), a[i] }
			else { printf "%d requests:", NR; for (k in c) printf " %s×%d", k, c[k] } }')
		if [ -z "${GPROB[$g]:-}" ]; then
			pass "$g ($d)"
		else
			fail "$g ($d)" "$(head -n 20 <<<"${GPROB[$g]}")"
		fi
	done
}

# ------------------------------------------------------------ every GET route
mark
batch_begin
while read -r method pattern auth; do
	[ "$method" = GET ] || continue
	path=$(real_path "$pattern")
	q=${QUERY[$pattern]:-}
	[ -n "$q" ] && path+="?$q"
	if [ "$auth" = true ]; then
		breq "web GET $pattern" '200|303' GET "$path" "$H_SESSION"
		breq "web GET $pattern" '303' GET "$path"
	else
		breq "web GET $pattern" '200|303' GET "$path" "$H_SESSION"
		breq "web GET $pattern" '200|303' GET "$path"
	fi
done <<<"$WEB_ROUTES"
while read -r method pattern auth; do
	[ "$method" = GET ] || continue
	path=$(real_path "$pattern")
	q=${QUERY[$pattern]:-}
	[ -n "$q" ] && path+="?$q"
	if [ "$auth" = true ]; then
		breq "API GET $pattern" '200' GET "$path" "$H_BEARER"
		# a browser's session cookie is no API credential
		breq "API GET $pattern" '401' GET "$path" "$H_SESSION"
	else
		breq "API GET $pattern" '200' GET "$path"
	fi
done <<<"$API_ROUTES"
while read -r method pattern key; do
	[ "$method" = GET ] || continue
	path=$(real_path "$pattern")
	for f in xml json; do
		if [ "$key" = yes ]; then
			breq "Open311 GET $pattern.{xml,json}" '200' GET "$path.$f?api_key=$KEY"
		else
			breq "Open311 GET $pattern.{xml,json}" '200' GET "$path.$f"
		fi
	done
done <<<"$O311_ROUTES"
batch_run
is "every path parameter of the tables has a real value here" "${UNKNOWN_PARAMS:-none}" none
verdicts "${BATCH[@]}"
GET_BATCH=("${BATCH[@]}")
unchanged "GET requests of every route"

# ------------------------------------------------------------ the pages they link to
# One level of same-site links from every page above (lists with filters,
# item pages, units, pagers, exports), each page once.
links=$(for n in "${GET_BATCH[@]}"; do
	grep -qi '^text/html' "$B/$n.type" 2>/dev/null && cat "$B/$n.body"
done | grep -o 'href="/[^"#]*' | sed 's/^href="//; s/&amp;/\&/g' | sort -u)
declare -A asked=()
for n in "${GET_BATCH[@]}"; do
	p=${B_DESC[$n]#GET }
	asked[$p]=1
done
mark
batch_begin
nlinks=0
while read -r p; do
	[ -n "$p" ] && [ -z "${asked[$p]:-}" ] || continue
	case $p in /logout* | /lang*) continue ;; esac
	nlinks=$((nlinks + 1))
	[ $nlinks -le 400 ] || break
	breq "pages linked from those" '200|303' GET "$p" "$H_SESSION"
done <<<"$links"
batch_run
ok_if "the pages link to other pages ($nlinks)" test "$nlinks" -ge 20
verdicts "${BATCH[@]}"
unchanged "GET requests of the linked pages"

# ------------------------------------------------------------ errors and odd requests
big=$TMP/big.form
{ printf '_csrf=%s&title=' "$CSRF"; head -c 70000 /dev/zero | tr '\0' a; } >"$big"
mark
batch_begin
breq "error replies: 404 of a page, an API path, an Open311 path" '404' GET /no/such/page "$H_SESSION"
breq "error replies: 404 of a page, an API path, an Open311 path" '404' GET "/items/999999" "$H_SESSION"
breq "error replies: 404 of a page, an API path, an Open311 path" '404' GET /api/v1/nothing "$H_BEARER"
breq "error replies: 404 of a page, an API path, an Open311 path" '404' GET /open311/v2/nothing.json
breq "error replies: 404 of a page, an API path, an Open311 path" '404' GET /open311/v2/nothing
breq "error replies: 405 (web, API, Open311), OPTIONS" '405' DELETE /items "$H_SESSION"
breq "error replies: 405 (web, API, Open311), OPTIONS" '405' PUT /api/v1/items "$H_BEARER"
breq "error replies: 405 (web, API, Open311), OPTIONS" '405' DELETE /open311/v2/services.json
breq "error replies: 405 (web, API, Open311), OPTIONS" '405|404' OPTIONS /api/v1/items \
	'header = "Origin: http://evil.example"' 'header = "Access-Control-Request-Method: POST"'
breq "error replies: 400 page, 403 page, 401, 413, 415" '400' GET "/items?unit=abc" "$H_SESSION"
breq "error replies: 400 page, 403 page, 401, 413, 415" '403' GET /admin/units \
	"header = $(cq "Cookie: qd_session=$VIEWER_SESSION")"
breq "error replies: 400 page, 403 page, 401, 413, 415" '401' GET /api/v1/me
breq "error replies: 400 page, 403 page, 401, 413, 415" '413' POST /items/new "$H_SESSION" "$H_FORM" \
	"data-binary = $(cq "@$big")"
breq "error replies: 400 page, 403 page, 401, 413, 415" '413' POST /api/v1/items "$H_BEARER" "$H_JSON" \
	"data-binary = $(cq "@$big")"
breq "error replies: 400 page, 403 page, 401, 413, 415" '415' POST /items/new "$H_SESSION" "$H_JSON" \
	"$(body_line '{}')"
breq "error replies: 400 page, 403 page, 401, 413, 415" '415' POST /api/v1/items "$H_BEARER" "$H_TEXT" \
	"$(body_line '{}')"
breq "HEAD of a page" '200' HEAD / "$H_SESSION" 'head'
batch_run
verdicts "${BATCH[@]}"
unchanged "error replies"
# libmicrohttpd answers a few requests itself, before qingdan sees them (a
# header over its memory limit: 431; a malformed request: 400), with its
# own fixed page and none of the headers above. They must at least carry
# nothing of the request.
{ printf 'X-Big: <script>alert(1)</script>'; head -c 140000 /dev/zero | tr '\0' a; printf '\n'; } >"$TMP/big.hdr"
curl -s -D "$TMP/mhd.hdr" -o "$TMP/mhd.body" -H "@$TMP/big.hdr" "$BASE/items" || true
ok_if "a header over the connection's memory: libmicrohttpd's 431 page, nothing of the request in it" \
	bash -c "grep -q '^HTTP/1.1 431' '$TMP/mhd.hdr' && ! grep -q 'script' '$TMP/mhd.body'"
if exec 3<>"/dev/tcp/127.0.0.1/$PORT"; then
	printf 'GET /items?<script>alert(1)</script> HTTP/1.1\r\nHost: x\r\nBad <script> line\r\n\r\n' >&3
	timeout 5 cat <&3 >"$TMP/raw.reply"
	exec 3>&-
fi
ok_if "a malformed request: libmicrohttpd's 400 page, nothing of the request in it" \
	bash -c "grep -q '^HTTP/1.1 400' '$TMP/raw.reply' && ! grep -q 'script' '$TMP/raw.reply'"

# ------------------------------------------------------------ cookies
batch_begin
breq "cookies: the login form's pre-session cookie" '200' GET /login
breq "cookies: the login form's pre-session cookie behind HTTPS" '200' GET /login "$H_TLS"
TLS_NAMES=${BATCH[1]}
breq "cookies: the public form's pre-session cookie" '200' GET /opinion
breq "cookies: the public form's pre-session cookie behind HTTPS" '200' GET /opinion "$H_TLS"
TLS_NAMES+=" ${BATCH[3]}"
breq "cookies: the language cookie" '303' GET "/lang?to=en"
breq "cookies: the language cookie behind HTTPS" '303' GET "/lang?to=zh" "$H_TLS"
TLS_NAMES+=" ${BATCH[5]}"
batch_run
verdicts "${BATCH[@]}"
pre_cookie=$(cat "$B/${BATCH[0]}.cookies" 2>/dev/null)
ok_if "… qd_pre is HttpOnly, SameSite=Strict, for /login only" \
	grep -qE '^qd_pre=[A-Za-z0-9_-]{20,}; Path=/login; HttpOnly; SameSite=Strict' <<<"$pre_cookie"
ok_if "… the public form's qd_pre is HttpOnly and SameSite=Strict" \
	grep -qE '^qd_pre=[A-Za-z0-9_-]{20,}; Path=/; HttpOnly; SameSite=Strict' "$B/${BATCH[2]}.cookies"

# Login and logout set and clear the session cookie (sequential: the
# pre-session cookie first).
login_as() { # JARFILE [curl args]: log in as va.handler through the form
	local jar=$1
	shift
	rm -f "$jar"
	JAR=$jar web GET /login "$@"
	JAR=$jar web POST /login --data-urlencode "_csrf=$(JAR=$jar cookie qd_pre)" \
		--data-urlencode login=va.handler --data-urlencode "password=$PASSWORD" "$@"
}
cookie_line() { tr -d '\r' <"$TMP/headers" | sed -n 's/^[Ss]et-[Cc]ookie: //p' | grep "^$1=" | head -n 1; }
login_as "$TMP/h.jar"
is "login over plain HTTP" "$STATUS" 303
c=$(cookie_line qd_session)
ok_if "… the session cookie: HttpOnly, SameSite=Lax, Path=/, not Secure, no Domain, no lifetime" \
	bash -c "grep -qE '^qd_session=[A-Za-z0-9_-]{20,}; Path=/; HttpOnly; SameSite=Lax$' <<<'$c'"
login_as "$TMP/s.jar" -H 'X-Forwarded-Proto: https'
c=$(cookie_line qd_session)
ok_if "login behind an HTTPS proxy: the session cookie is Secure too" \
	bash -c "grep -qE '^qd_session=[A-Za-z0-9_-]{20,}; Path=/; HttpOnly; SameSite=Lax; Secure$' <<<'$c'"
tok=$(JAR=$TMP/s.jar; web GET / -H 'X-Forwarded-Proto: https'; csrf_in_page)
JAR=$TMP/s.jar web POST /logout --data-urlencode "_csrf=$tok" -H 'X-Forwarded-Proto: https'
c=$(cookie_line qd_session)
ok_if "logout clears the cookie with the same flags (Max-Age=0, Secure behind HTTPS)" \
	bash -c "grep -qE '^qd_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure$' <<<'$c'"
header_is "… and nosniff on the redirect" X-Content-Type-Options nosniff

# ------------------------------------------------------------ redirects after login
# The login goes on to ?next=, a local path only. Browsers remove tabs and
# line breaks anywhere in a URL and read a backslash as a slash, so
# "/<TAB>/evil.example" would leave the site.
for next in $'/\t/evil.example' $'/\n/evil.example' $'/\r\n/evil.example' $'/\\evil.example' \
	$'/\t\\evil.example' //evil.example https://evil.example $'/items\r\nX-Evil: 1' $'/items\nX-Evil' \
	$' /evil.example' $'/\x0b/evil.example' $'/\x7f/evil.example' '/x/../\evil.example'; do
	rm -f "$TMP/n.jar"
	JAR=$TMP/n.jar web GET /login
	JAR=$TMP/n.jar web POST /login --data-urlencode "_csrf=$(JAR=$TMP/n.jar cookie qd_pre)" \
		--data-urlencode login=va.handler --data-urlencode "password=$PASSWORD" --data-urlencode "next=$next"
	loc=$(tr -d '\r' <"$TMP/headers" | sed -n 's/^[Ll]ocation: //p')
	# (a control character the form refuses is a 400 without a redirect)
	if { [ "$STATUS" = 303 ] && [ "$loc" = / ]; } || { [ "$STATUS" = 400 ] && [ -z "$loc" ]; } &&
		! grep -qi '^x-evil' "$TMP/headers"; then
		pass "login with next=$(printf '%q' "$next"): to / only ($STATUS)"
	else
		fail "login with next=$(printf '%q' "$next"): to / only" "status $STATUS, Location: $(printf '%q' "$loc")"
	fi
done
rm -f "$TMP/n.jar"
JAR=$TMP/n.jar web GET /login
JAR=$TMP/n.jar web POST /login --data-urlencode "_csrf=$(JAR=$TMP/n.jar cookie qd_pre)" \
	--data-urlencode login=va.handler --data-urlencode "password=$PASSWORD" --data-urlencode "next=/items/$I"
header_is "… a local path is followed" Location "/items/$I"

# ------------------------------------------------------------ CSRF: web forms
# form_lines PATTERN TOKEN-PART: curl config lines of the route's body.
web_post_lines() {
	local pattern=$1 tok=$2 body
	if [ "$pattern" = /import ]; then
		echo "form = $(cq "unit=$U_VA1")"
		echo "form = $(cq "file=@$TMP/good.csv;type=text/csv")"
		[ -n "$tok" ] && echo "form = $(cq "_csrf=$tok")"
		return 0
	fi
	body=${FORM[$pattern]-probe=1}
	[ -n "$tok" ] && body="_csrf=$tok${body:+&$body}"
	echo "$H_FORM"
	body_line "$body"
}
declare -A POST_PATH=()
mark
batch_begin
while read -r method pattern auth; do
	[ "$method" = POST ] || continue
	path=$(real_path "$pattern")
	[ "$pattern" = /track/:code/rate ] && path=/track/$OACODE/rate
	POST_PATH[$pattern]=$path
	g="CSRF: web POST $pattern refused without, with a wrong and with another's token"
	if [ "$auth" = true ]; then
		mapfile -t L < <(web_post_lines "$pattern" "")
		breq "$g" 403 POST "$path" "$H_SESSION" "${L[@]}"
		mapfile -t L < <(web_post_lines "$pattern" 0123456789abcdef0123456789abcdef)
		breq "$g" 403 POST "$path" "$H_SESSION" "${L[@]}"
		mapfile -t L < <(web_post_lines "$pattern" "$VIEWER_CSRF")
		breq "$g" 403 POST "$path" "$H_SESSION" "${L[@]}"
		# the pre-session token is no token once logged in
		mapfile -t L < <(web_post_lines "$pattern" prepreprepreprepreprepre)
		breq "$g" 403 POST "$path" "$H_SESSION" 'header = "Cookie: qd_session='"$SESSION"'; qd_pre=prepreprepreprepreprepre"' "${L[@]}"
		mapfile -t L < <(web_post_lines "$pattern" "$CSRF")
		breq "$g" 303 POST "$path" "${L[@]}" # no session at all: to the login
	else
		g="CSRF: public POST $pattern refused without the token, with a wrong one, without the cookie"
		mapfile -t L < <(web_post_lines "$pattern" "")
		breq "$g" 403 POST "$path" 'header = "Cookie: qd_pre=prepreprepreprepreprepre"' "${L[@]}"
		mapfile -t L < <(web_post_lines "$pattern" 0123456789abcdef0123456789abcdef)
		breq "$g" 403 POST "$path" 'header = "Cookie: qd_pre=prepreprepreprepreprepre"' "${L[@]}"
		mapfile -t L < <(web_post_lines "$pattern" prepreprepreprepreprepre)
		breq "$g" 403 POST "$path" "${L[@]}"
		mapfile -t L < <(web_post_lines "$pattern" "")
		breq "$g" 403 POST "$path" "${L[@]}"
	fi
done <<<"$WEB_ROUTES"

# ------------------------------------------------------------ CSRF: the API
# A browser sends the session cookie to the API on its own; the API must
# take nothing but a Bearer token, and a cross-site form can only send
# text/plain, urlencoded or multipart bodies.
while read -r method pattern auth; do
	[ "$method" != GET ] || continue
	path=$(real_path "$pattern")
	if [ "$auth" = true ]; then
		g="CSRF: API $method $pattern refuses a session cookie and a form's body"
		breq "$g" 401 "$method" "$path" "$H_SESSION"
		breq "$g" '4[0-9][0-9]' "$method" "$path" "$H_SESSION" "$H_JSON" "$(body_line '{}')"
		breq "$g" '4[0-9][0-9]' "$method" "$path" "$H_SESSION" "$H_TEXT" "$(body_line '{}')"
		breq "$g" '4[0-9][0-9]' "$method" "$path" "$H_SESSION" "$H_FORM" "$(body_line 'a=1')"
	else
		g="CSRF: API $method $pattern (no login) refuses a cross-site form's body"
		[ "$pattern" = /api/v1/public/opinions/:code/rate ] && path=/api/v1/public/opinions/$OACODE/rate
		breq "$g" 415 "$method" "$path" "$H_TEXT" "$(body_line '{"rating":"satisfied"}')"
		breq "$g" 415 "$method" "$path" "$H_FORM" "$(body_line '{"rating":"satisfied"}')"
	fi
done <<<"$API_ROUTES"
# Open311 writes need the client's api_key in the form: without it, nothing.
while read -r method pattern key; do
	[ "$method" = POST ] || continue
	path=$(real_path "$pattern")
	breq "CSRF: Open311 POST $pattern needs the api_key" 403 POST "$path.json" "$H_SESSION" "$H_FORM" \
		"$(body_line 'service_code=road&lat=36.9&long=100.9&description=x&service_request_id=1&status=closed')"
done <<<"$O311_ROUTES"
batch_run
verdicts "${BATCH[@]}"
unchanged "every refused cross-site request"

# The same bodies with the right token go through: what was refused above
# was the token, not the body.
mark
rows() { sqlite3 "$DB" "SELECT (SELECT count(*) FROM category), (SELECT count(*) FROM measure),
	(SELECT count(*) FROM opinion), (SELECT count(*) FROM unit), (SELECT count(*) FROM person)"; }
before=$(rows)
for pattern in /admin/categories /items/:ref/measures /opinions/new /admin/units /admin/people /opinions/:id/triage; do
	web POST "${POST_PATH[$pattern]}" --data-binary "_csrf=$CSRF&${FORM[$pattern]}"
	is "… $pattern with the right token: 303" "$STATUS" 303
done
JAR=$TMP/pub.jar web GET /opinion
JAR=$TMP/pub.jar web POST /opinion --data-binary "_csrf=$(JAR=$TMP/pub.jar cookie qd_pre)&${FORM[/opinion]}"
is "… /opinion with the pre-session cookie's token: 200 (the receipt)" "$STATUS" 200
JAR=$TMP/pub.jar web POST "${POST_PATH[/track/:code/rate]}" \
	--data-binary "_csrf=$(JAR=$TMP/pub.jar cookie qd_pre)&${FORM[/track/:code/rate]}"
is "… /track/:code/rate with it: 303" "$STATUS" 303
is "… and those writes happened (category, measure, opinions, unit, person)" \
	"$(rows)" "$(awk -F'|' '{ printf "%d|%d|%d|%d|%d", $1 + 1, $2 + 1, $3 + 2, $4 + 1, $5 + 1 }' <<<"$before")"

# ------------------------------------------------------------ login throttling
# The server's clock under QINGDAN_TODAY starts at 09:00 and moves one
# second per reading; GET /api/v1/me reads it once. pump N moves it about N
# seconds on.
THROTTLE_WINDOW=$(sed -n 's/^#define THROTTLE_WINDOW \([0-9]*\).*/\1/p' "$SRC/src/http/http.h")
PER_LOGIN=$(sed -n 's/^#define THROTTLE_PER_LOGIN \([0-9]*\).*/\1/p' "$SRC/src/http/http.h")
PER_ADDRESS=$(sed -n 's/^#define THROTTLE_PER_ADDRESS \([0-9]*\).*/\1/p' "$SRC/src/http/http.h")
ok_if "the limits read from the source (window $THROTTLE_WINDOW s, $PER_LOGIN per login, $PER_ADDRESS per address)" \
	test -n "$THROTTLE_WINDOW" -a -n "$PER_LOGIN" -a -n "$PER_ADDRESS"
pump() {
	local i
	{
		for ((i = 0; i < $1; i++)); do
			[ $i -gt 0 ] && echo next
			echo "url = $(cq "$BASE/api/v1/me")"
			echo "$H_BEARER"
			echo 'output = "/dev/null"'
		done
	} >"$TMP/pump.cfg"
	curl -s -K "$TMP/pump.cfg"
}
clock() { sqlite3 "$DB" 'SELECT max(created_at) FROM session'; }
api_login() { # LOGIN PASSWORD [curl args]
	local l=$1 p=$2
	shift 2
	TOKEN= req POST /api/v1/login "$(jq -cn --arg l "$l" --arg p "$p" '{login:$l,password:$p}')" "$@"
	TOKEN=$ADMIN_TOKEN
}
web_try() { # JARFILE LOGIN PASSWORD
	JAR=$1 web GET /login
	JAR=$1 web POST /login --data-urlencode "_csrf=$(JAR=$1 cookie qd_pre)" \
		--data-urlencode "login=$2" --data-urlencode "password=$3"
}

api_login grid "$PASSWORD"
c0=$(clock)
for i in $(seq $((PER_LOGIN - 1))); do
	web_try "$TMP/t.jar" sup "wrong-$i"
done
is "wrong passwords through the form: 401" "$STATUS" 401
api_login sup wrong-last
is "… and through the API (the same count): 401" "$STATUS" 401
api_login sup "$PASSWORD"
is "then the right password is refused: 429" "$STATUS" 429
jq_is "… THROTTLED" .error.code THROTTLED
header_is "… a 429 with nosniff" X-Content-Type-Options nosniff
web_try "$TMP/t.jar" sup "$PASSWORD"
is "… and through the form: 429" "$STATUS" 429
ok_if "… a page that says so" grep -q 'role="alert"' "$TMP/body"
ok_if "… without a session cookie" bash -c "! grep -qi '^set-cookie: qd_session=[^;]' '$TMP/headers'"
api_login viewer "$PASSWORD"
is "another login from the same address is not blocked" "$STATUS" 200
pump $((THROTTLE_WINDOW - 150))
api_login sup "$PASSWORD"
is "still refused before the window ends" "$STATUS" 429
recovered=
for i in $(seq 10); do
	pump 50
	api_login sup "$PASSWORD"
	[ "$STATUS" = 200 ] && recovered=$(clock) && break
done
ok_if "the right password works again after the window" test -n "$recovered"
ok_if "… not before $THROTTLE_WINDOW s (server clock: $((${recovered:-0} - c0)) s after the first failure)" \
	test $((${recovered:-0} - c0)) -ge "$THROTTLE_WINDOW"
ok_if "… and soon after ($((${recovered:-0} - c0)) s < window + 400 s)" \
	test $((${recovered:-0} - c0)) -lt $((THROTTLE_WINDOW + 400))

# A success resets the count for the login.
for i in $(seq $((PER_LOGIN - 1))); do api_login sup "wrong-a$i"; done
api_login sup "$PASSWORD"
is "$((PER_LOGIN - 1)) failures, then a success" "$STATUS" 200
for i in $(seq $((PER_LOGIN - 1))); do api_login sup "wrong-b$i"; done
api_login sup "$PASSWORD"
is "… and $((PER_LOGIN - 1)) more failures do not block (the success reset the count)" "$STATUS" 200
pump $((THROTTLE_WINDOW + 10)) # the address' failures of the above behind us

# Per address: many logins names from one address, X-Forwarded-For ignored.
{
	for i in $(seq "$PER_ADDRESS"); do
		[ "$i" -gt 1 ] && echo next
		echo "url = $(cq "$BASE/api/v1/login")"
		echo "$H_JSON"
		echo "header = \"X-Forwarded-For: 10.1.$((i % 250)).$i\""
		body_line "{\"login\":\"nobody$i\",\"password\":\"wrong-password\"}"
		echo 'output = "/dev/null"'
		echo 'write-out = "%{http_code}\n"'
	done
} >"$TMP/spray.cfg"
spray=$(curl -s --no-progress-meter --parallel --parallel-max 2 -K "$TMP/spray.cfg" 2>/dev/null | sort | uniq -c | awk '{ printf "%s×%s ", $1, $2 }')
is "$PER_ADDRESS failed logins of as many names from one address" "$spray" "${PER_ADDRESS}×401 "
api_login viewer "$PASSWORD"
is "… then a right password of another account from that address: 429" "$STATUS" 429
api_login viewer "$PASSWORD" -H 'X-Forwarded-For: 192.0.2.7'
is "… also with another X-Forwarded-For (not trusted)" "$STATUS" 429
web_try "$TMP/t2.jar" viewer "$PASSWORD"
is "… and through the form" "$STATUS" 429
pump $((THROTTLE_WINDOW + 10))
api_login viewer "$PASSWORD"
is "… and it works again after the window" "$STATUS" 200

# ------------------------------------------------------------ session expiry
SESSION_TTL=$(sed -n 's/^#define SESSION_TTL (\([0-9 *]*\)).*/\1/p' "$SRC/src/app/app.h")
SESSION_TTL=$((SESSION_TTL))
ok_if "the idle limit read from src/app/app.h ($SESSION_TTL s)" test "$SESSION_TTL" -gt 0
login_as "$TMP/e.jar"
E_SESSION=$(JAR=$TMP/e.jar cookie qd_session)
now=$(clock)
age() { sqlite3 "$DB" "UPDATE session SET last_seen = $1 WHERE account_id = ${ACCOUNT_ID[va.handler]} AND kind = 'session'"; }
age $((now - SESSION_TTL + 3600))
JAR=$TMP/e.jar web GET /items
is "a session idle for an hour less than the limit still works" "$STATUS" 200
age $((now - SESSION_TTL - 1))
JAR=$TMP/e.jar web GET /items
is "one idle past the limit is refused (to the login)" "$STATUS" 303
ok_if "… Location /login" grep -qi '^location: /login' "$TMP/headers"
TOKEN=$E_SESSION req GET /api/v1/me
is "… and its token is no Bearer token either" "$STATUS" 401
TOKEN=$ADMIN_TOKEN

# The absolute limit: a session kept busy ends SESSION_MAX_AGE after the
# login all the same. The login is moved back in the database (created_at
# and expires_at as the server wrote them), last_seen a minute ago.
SESSION_MAX_AGE=$(sed -n 's/^#define SESSION_MAX_AGE (\([0-9 *]*\)).*/\1/p' "$SRC/src/app/app.h")
SESSION_MAX_AGE=$((SESSION_MAX_AGE))
ok_if "the absolute limit read from src/app/app.h ($SESSION_MAX_AGE s), longer than the idle one" \
	test "$SESSION_MAX_AGE" -gt "$SESSION_TTL"
login_as "$TMP/m.jar"
M_SESSION=$(JAR=$TMP/m.jar cookie qd_session)
M_HASH=$(sqlite3 "$DB" "SELECT hex(token_hash) FROM session WHERE account_id = ${ACCOUNT_ID[va.handler]}
	AND kind = 'session' ORDER BY created_at DESC LIMIT 1")
is "a new session's expires_at is the login plus the absolute limit" \
	"$(sqlite3 "$DB" "SELECT expires_at - created_at FROM session WHERE hex(token_hash) = '$M_HASH'")" \
	"$SESSION_MAX_AGE"
now=$(clock)
born() { # SECONDS_AGO [EXPIRES_AT]: the session's login that long ago, used a minute ago
	sqlite3 "$DB" "UPDATE session SET created_at = $((now - $1)),
		expires_at = ${2:-$((now - $1 + SESSION_MAX_AGE))}, last_seen = $((now - 60))
		WHERE hex(token_hash) = '$M_HASH'"
}
born $((SESSION_MAX_AGE - 3600))
JAR=$TMP/m.jar web GET /items
is "a session in use, logged in an hour less than the absolute limit ago, works" "$STATUS" 200
born $((SESSION_MAX_AGE + 1))
JAR=$TMP/m.jar web GET /items
is "one logged in longer ago is refused though used a minute ago (to the login)" "$STATUS" 303
ok_if "… Location /login" grep -qi '^location: /login' "$TMP/headers"
TOKEN=$M_SESSION req GET /api/v1/me
is "… and its token is no Bearer token either" "$STATUS" 401
born 3600 $((now - 1))
JAR=$TMP/m.jar web GET /items
is "a session whose expires_at has passed is refused (rows written with the old 12-hour expires_at)" "$STATUS" 303
TOKEN=$ADMIN_TOKEN

T_API=$(login va.handler) || bail "API token"
sqlite3 "$DB" "UPDATE session SET last_seen = last_seen - 30 * 86400 WHERE kind = 'api' AND account_id = ${ACCOUNT_ID[va.handler]}"
TOKEN=$T_API req GET /api/v1/me
is "an API token has no idle limit (documented: a year)" "$STATUS" 200
exp=$(sqlite3 "$DB" "SELECT max(expires_at - created_at) FROM session WHERE kind = 'api'")
is "… it expires a year after issue" "$exp" $((365 * 86400))
sqlite3 "$DB" "UPDATE session SET expires_at = $(($(clock) - 1)) WHERE kind = 'api' AND account_id = ${ACCOUNT_ID[va.handler]}"
TOKEN=$T_API req GET /api/v1/me
is "… and is refused once expires_at has passed" "$STATUS" 401
TOKEN=$ADMIN_TOKEN

login_as "$TMP/o.jar"
O_SESSION=$(JAR=$TMP/o.jar cookie qd_session)
n_before=$(sqlite3 "$DB" "SELECT count(*) FROM session WHERE account_id = ${ACCOUNT_ID[va.handler]} AND kind = 'session'")
tok=$(JAR=$TMP/o.jar; web GET /; csrf_in_page)
JAR=$TMP/o.jar web POST /logout --data-urlencode "_csrf=$tok"
is "logout" "$STATUS" 303
is "… deletes the session on the server" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM session WHERE account_id = ${ACCOUNT_ID[va.handler]} AND kind = 'session'")" \
	$((n_before - 1))
is "… the old cookie, sent again, is refused" \
	"$(curl -s -o /dev/null -w '%{http_code}' -b "qd_session=$O_SESSION" "$BASE/")" 303
TOKEN=$O_SESSION req GET /api/v1/me
is "… and the token is dead for the API too" "$STATUS" 401
TOKEN=$ADMIN_TOKEN

# ------------------------------------------------------------ uploads
UPLOAD_MAX=$(sed -n 's/^#define UPLOAD_MAX (\([0-9 *]*\)).*/\1/p' "$SRC/src/http/http.h")
UPLOAD_MAX=$((UPLOAD_MAX))
ok_if "the upload limit read from src/http/http.h ($UPLOAD_MAX bytes)" test "$UPLOAD_MAX" -gt 0
items() { sqlite3 "$DB" "SELECT count(*) FROM item"; }
{ printf '问题编号,问题描述\n'; head -c $((UPLOAD_MAX - 30)) /dev/zero | tr '\0' 'x'; } >"$TMP/max.csv"
truncate -s "$UPLOAD_MAX" "$TMP/max.csv"
mark
req POST "/api/v1/import?unit=$U_VA1&dry_run=1" -H 'Content-Type: text/csv' --data-binary "@$TMP/max.csv"
ok_if "an upload of exactly $UPLOAD_MAX bytes is read, not 413 (status $STATUS)" \
	test "$STATUS" != 413 -a "${STATUS:0:1}" = 4
printf 'x' >>"$TMP/max.csv"
refused "one byte more" 413 TOO_LARGE POST "/api/v1/import?unit=$U_VA1" -H 'Content-Type: text/csv' \
	--data-binary "@$TMP/max.csv"
refused "… sent chunked (no Content-Length)" 413 TOO_LARGE POST "/api/v1/import?unit=$U_VA1" \
	-H 'Content-Type: text/csv' -H 'Transfer-Encoding: chunked' --data-binary "@$TMP/max.csv"
web POST /import -F "_csrf=$CSRF" -F "unit=$U_VA1" -F "file=@$TMP/max.csv;type=text/csv"
is "… through the form: 413" "$STATUS" 413
header_is "… an HTML page" Content-Type "text/html; charset=utf-8"
unchanged "uploads over the limit"

# Files of the wrong kind: each a clear 4xx, nothing imported.
printf 'MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode.\r\n' >"$TMP/setup.exe"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0' >"$TMP/x.png"
# a real zip (one empty file, stored) that is no workbook
zeros() { head -c "$1" /dev/zero; }
{
	printf 'PK\003\004\024\000'; zeros 20; printf '\005\000\000\000a.txt'
	printf 'PK\001\002\024\003\024\000'; zeros 20; printf '\005\000'; zeros 8
	printf '\000\000\244\201'; zeros 4; printf 'a.txt'
	printf 'PK\005\006\000\000\000\000\001\000\001\000\063\000\000\000\043\000\000\000\000\000'
} >"$TMP/plain.zip"
printf '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>\n' >"$TMP/img.svg"
mark
for f in setup.exe x.png plain.zip img.svg; do
	web POST /import -F "_csrf=$CSRF" -F "unit=$U_VA1" -F "file=@$TMP/$f"
	if [[ $STATUS =~ ^4[0-9][0-9]$ ]] && { grep -q 'id="e-imp-file"' "$TMP/body" || grep -q 'imp-error' "$TMP/body"; }; then
		pass "a file $f through the form: $STATUS, the reason on the page"
	else
		fail "a file $f through the form: a 4xx, the reason on the page" "$(last_reply)"
	fi
	scan=$(awk -f "$SCAN_AWK" "$TMP/body")
	is "… a page without markup of the file" "$scan" ""
	req POST "/api/v1/import?unit=$U_VA1" -H 'Content-Type: application/octet-stream' --data-binary "@$TMP/$f"
	ok_if "… and through the API: 400 BAD_FILE or 422 IMPORT_ROWS ($STATUS $(val .error.code))" \
		grep -qxE '400 BAD_FILE|422 IMPORT_ROWS' <<<"$STATUS $(val .error.code)"
done
refused "a file type the API does not take" 415 BAD_CONTENT_TYPE POST "/api/v1/import?unit=$U_VA1" \
	-H 'Content-Type: application/x-msdownload' --data-binary "@$TMP/setup.exe"
unchanged "files of the wrong kind"

# Multipart and form limits (src/http/multipart.c, src/http/form.c).
mp_max=$(sed -n 's/^#define MP_FIELDS_MAX \([0-9]*\).*/\1/p' "$SRC/src/http/multipart.c")
mp_files=$(sed -n 's/^#define MP_FILES_MAX \([0-9]*\).*/\1/p' "$SRC/src/http/multipart.c")
mp_value=$(sed -n 's/^#define MP_VALUE_MAX \([0-9]*\).*/\1/p' "$SRC/src/http/multipart.c")
form_max=$(sed -n 's/^#define FORM_FIELDS_MAX \([0-9]*\).*/\1/p' "$SRC/src/http/form.c")
ok_if "multipart limits read ($mp_max fields, $mp_files files, $mp_value bytes a field; $form_max form fields)" \
	test -n "$mp_max" -a -n "$mp_files" -a -n "$mp_value" -a -n "$form_max"
mark
args=(-F "_csrf=$CSRF" -F "unit=$U_VA1" -F "file=@$TMP/good.csv")
for i in $(seq $((mp_max - 1))); do args+=(-F "f$i=x"); done
web POST /import "${args[@]}"
is "$((mp_max + 1)) text fields in a multipart form: 413" "$STATUS" 413
args=(-F "_csrf=$CSRF" -F "unit=$U_VA1")
for i in $(seq $((mp_files + 1))); do args+=(-F "file$i=@$TMP/good.csv"); done
web POST /import "${args[@]}"
is "$((mp_files + 1)) files: 413" "$STATUS" 413
web POST /import -F "_csrf=$CSRF" -F "unit=$(head -c $((mp_value + 1)) /dev/zero | tr '\0' 1)" -F "file=@$TMP/good.csv"
is "a text field of $((mp_value + 1)) bytes: 413" "$STATUS" 413
web POST /import -F "_csrf=$CSRF" -F "unit=$U_VA1" -F "unit=$U_VA1" -F "file=@$TMP/good.csv"
is "a field given twice: 400" "$STATUS" 400
printf -- '--XyZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n%s\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n问题编号\r\n' "$CSRF" >"$TMP/trunc.mp"
web POST /import -H 'Content-Type: multipart/form-data; boundary=XyZ' --data-binary "@$TMP/trunc.mp"
is "a multipart body cut before its closing boundary: 400" "$STATUS" 400
web POST /import -H 'Content-Type: multipart/form-data' --data-binary "@$TMP/trunc.mp"
is "multipart without a boundary: 400" "$STATUS" 400
body="_csrf=$CSRF"
for i in $(seq "$form_max"); do body+="&f$i=x"; done
web POST /admin/categories --data-binary "$body"
is "$((form_max + 1)) fields in a urlencoded form: 413" "$STATUS" 413
unchanged "refused multipart and form bodies"

rm -f "$TMP/evil.csv"
web POST /import -F "_csrf=$CSRF" -F "unit=$U_VA1" -F "file=@$TMP/good.csv;filename=../$(basename "$TMP")/evil.csv"
is "a file name with a path is only shown: imported (200)" "$STATUS" 200
ok_if "… nothing written under that name" test ! -e "$TMP/evil.csv"
is "… the row is in" "$(sqlite3 "$DB" "SELECT count(*) FROM item WHERE ext_id = 'CSRF-1'")" 1

if q_cli check; then
	pass "qingdan check passes at the end"
else
	fail "qingdan check passes at the end" "$(cat "$TMP/cli.out")"
fi

done_testing
