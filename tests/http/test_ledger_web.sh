#!/usr/bin/env bash
# Ledger files on the web and the API (issue 5): the four list pages link
# to their exports with the filters they show; each export has the right
# type and name, the Chinese headers and as many rows as the list has for
# that filter; a township's handler gets its own rows and a 403 for the
# county. Then, on an empty ledger (demo --org-only), the import form: a
# CSV that adds two items, a CSV with a bad date and an unknown unit (422,
# both rows and columns named, nothing written), a dry run, no CSRF token,
# an oversize file, a file that is no ledger; and the same through the API.
# Then what an import may do: a supervisor (items, but no work on them) may
# not import items in progress or measures, and a known number outside the
# importer's reach is refused without a word about its item.
. "$(dirname "$0")/lib.sh"

PASSWORD=qingdan-demo
if "$QINGDAN" demo --db "$DB" >"$TMP/demo.out" 2>&1; then
	pass "qingdan demo builds the demo county (today $QINGDAN_TODAY)"
else
	bail "qingdan demo builds the demo county" "$(tail -n 20 "$TMP/demo.out")"
fi
start_server

XLSX=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
CSV_TYPE='text/csv; charset=utf-8'
H_ITEMS='序号,问题编号,单位,单位编码,事项类型,问题来源,检视层级,问题类别,问题描述,具体情况,整改措施,责任人,责任领导,整改方式,发现时间,整改时限,整改状态,完成时间,销号时间,销号类型,案件类型,资金（元）,受益人数'
H_MEASURES='序号,问题编号,措施序号,单位,问题描述,整改措施,责任人,整改时限,措施状态,完成时间,佐证材料'
H_RESP='序号,责任人,单位,负责事项,未销号,逾期,最近时限'
H_OPINIONS='序号,意见编号,收到日期,渠道,单位,意见内容,办理状态,问题编号,答复,首次响应（工作日）,群众评价'

# csv_records FILE: one line per CSV record (line breaks in quoted cells
# joined), the BOM and CRs removed.
csv_records() {
	sed '1s/^\xEF\xBB\xBF//' "$1" | tr -d '\r' | awk '{
		rec = (pending ? rec " " : "") $0
		q += gsub(/"/, "&")
		if (q % 2 == 0) { print rec; pending = 0; q = 0 } else pending = 1 }'
}
csv_rows() { echo $(($(csv_records "$1" | wc -l) - 1)); }
csv_header() { csv_records "$1" | head -n 1; }
# The item numbers of a problem list CSV (its second column), sorted.
csv_ext_ids() { csv_records "$1" | tail -n +2 | cut -d, -f2 | sort; }
# sub UNIT: the SQL condition "in the subtree of unit UNIT" on upath.
sub() { echo "upath LIKE (SELECT path FROM unit WHERE id = $1) || '%'"; }
# "共 N 条" of the last page.
page_total() { grep -o 'class="range muted">共 [0-9]* 条' "$TMP/body" | grep -o '[0-9]*'; }
header_of() {
	tr -d '\r' <"$TMP/headers" | awk -v n="$1" 'BEGIN { n = tolower(n) }
		{ i = index($0, ":"); if (i && tolower(substr($0, 1, i - 1)) == n) {
			v = substr($0, i + 1); sub(/^ */, "", v); print v } }' | tail -n 1
}
# fetch LABEL PATH TYPE: GET PATH with the web session into $TMP/file; 200
# with content type TYPE.
fetch() {
	web GET "$2"
	cp "$TMP/body" "$TMP/file"
	local ct
	ct=$(header_of Content-Type)
	if [ "$STATUS" == 200 ] && [ "$ct" == "$3" ]; then
		pass "$1"
	else
		fail "$1" "GET $2: status $STATUS, Content-Type '$ct' (want 200, '$3')" "$(last_reply)"
	fi
}
is_zip() { [ "$(head -c 4 "$TMP/file" | od -An -c | tr -d ' ')" == 'PK003004' ]; }

# ------------------------------------------------------------ the links
web_login sanjiao.handler
is "sanjiao.handler logs in" "$STATUS" 303
for page in "/items?unit=2&status=review" "/measures?unit=2" "/responsibility?unit=2" \
	"/opinions?unit=2&status=all"; do
	path=${page%%\?*}
	web GET "$page"
	ok_if "$path links to its Excel and CSV exports with its filters" bash -c \
		"grep -q 'href=\"$path.xlsx?unit=2' '$TMP/body' && grep -q 'href=\"$path.csv?unit=2[^\"]*&amp;bom=1\"' '$TMP/body' &&
		 grep -q '>导出 Excel</a>' '$TMP/body' && grep -q '>导出 CSV</a>' '$TMP/body'"
done
web GET "/items?unit=2&status=review"
ok_if "… the problem list's links carry its filter (status=review)" \
	grep -q 'href="/items.xlsx?unit=2&amp;status=review"' "$TMP/body"
ok_if "… and it links to the import form for its unit, as does the navigation" bash -c \
	"grep -q 'href=\"/import?unit=2\"' '$TMP/body' && grep -q '<li><a href=\"/import\"' '$TMP/body'"

# ------------------------------------------------------------ the exports
web GET "/items?unit=2&status=review"
n_review=$(page_total)
fetch "/items.csv with the page's filter: a CSV" "/items.csv?unit=2&status=review&bom=1" "$CSV_TYPE"
is "… whose header row is the Chinese headers" "$(csv_header "$TMP/file")" "$H_ITEMS"
is "… with as many rows as the page counts ($n_review)" "$(csv_rows "$TMP/file")" "${n_review:-?}"
ok_if "… starting with a BOM (bom=1)" bash -c "head -c 3 '$TMP/file' | od -An -tx1 | grep -q 'ef bb bf'"
want_cd="attachment; filename=\"qingdan-items.csv\"; filename*=UTF-8''$(jq -rn --arg s "问题清单-三角城镇-$QINGDAN_TODAY.csv" '$s|@uri')"
is "… named qingdan-items.csv and 问题清单-三角城镇-<today>.csv" "$(header_of Content-Disposition)" "$want_cd"

fetch "/items.csv of the whole township" "/items.csv?unit=2" "$CSV_TYPE"
ok_if "… without a BOM unless asked" bash -c "! head -c 3 '$TMP/file' | od -An -tx1 | grep -q 'ef bb bf'"
is "… every item of its subtree" "$(csv_rows "$TMP/file")" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM item WHERE $(sub 2)")"

fetch "/measures.csv: the rectification list" "/measures.csv?unit=2" "$CSV_TYPE"
is "… with the Chinese headers" "$(csv_header "$TMP/file")" "$H_MEASURES"
is "… and the page's default filter: the unfinished measures" "$(csv_rows "$TMP/file")" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM measure WHERE $(sub 2) AND status IN ('open', 'in_progress')")"
fetch "/measures.csv with open= (any)" "/measures.csv?unit=2&open=" "$CSV_TYPE"
is "… all the measures" "$(csv_rows "$TMP/file")" "$(sqlite3 "$DB" "SELECT count(*) FROM measure WHERE $(sub 2)")"

web GET "/responsibility?unit=2"
n_resp=$(page_total)
fetch "/responsibility.csv: the responsibility list" "/responsibility.csv?unit=2" "$CSV_TYPE"
is "… with the Chinese headers" "$(csv_header "$TMP/file")" "$H_RESP"
is "… a row for each row of the page ($n_resp)" "$(csv_rows "$TMP/file")" "${n_resp:-?}"

fetch "/opinions.csv: the opinions" "/opinions.csv?unit=2&status=all" "$CSV_TYPE"
is "… with the Chinese headers" "$(csv_header "$TMP/file")" "$H_OPINIONS"
is "… all of them with status=all" "$(csv_rows "$TMP/file")" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM opinion WHERE $(sub 2)")"
fetch "/opinions.csv of the page's default (received)" "/opinions.csv?unit=2" "$CSV_TYPE"
is "… the received ones" "$(csv_rows "$TMP/file")" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM opinion WHERE $(sub 2) AND status = 'received'")"
ok_if "… and no submitter's name or contact column" bash -c "! head -n 1 '$TMP/file' | grep -q '姓名\|联系'"

for list in items measures responsibility opinions; do
	fetch "/$list.xlsx: an xlsx workbook" "/$list.xlsx?unit=2" "$XLSX"
	ok_if "… that starts with PK" is_zip
done
fetch "/ledger.xlsx: the whole ledger of the township" "/ledger.xlsx?unit=2" "$XLSX"
ok_if "… a workbook of four sheets" bash -c "grep -aq 'xl/worksheets/sheet4.xml' '$TMP/file' && ! grep -aq 'xl/worksheets/sheet5.xml' '$TMP/file'"
is "… named qingdan-ledger.xlsx" "$(header_of Content-Disposition | cut -d';' -f2)" ' filename="qingdan-ledger.xlsx"'

# ------------------------------------------------------------ scope
for path in "/items.csv?unit=1" "/ledger.xlsx?unit=1" "/measures.xlsx?unit=3" "/opinions.csv?unit=1"; do
	web GET "$path"
	is "a township's handler cannot export $path (403 page)" "$STATUS" 403
done
ok_if "… the refusal is the normal error page" grep -q '无权在该单位范围内执行此操作' "$TMP/body"
fetch "without a unit the handler gets the township's list" "/items.csv" "$CSV_TYPE"
is "… its own items and no others" "$(csv_ext_ids "$TMP/file" | md5sum)" \
	"$(sqlite3 "$DB" "SELECT ext_id FROM item WHERE $(sub 2)" | sort | md5sum)"
web GET "/items.csv?unit=2&status=bogus"
is "a bad filter value is a 400 page, as on the list" "$STATUS" 400
web GET "/items.csv?unit=2&colour=red"
is "… and so is an unknown parameter" "$STATUS" 400
JAR=$TMP/nojar web GET "/items.csv?unit=2"
is "an export needs a login (redirect)" "$STATUS" 303

# ------------------------------------------------------------ API export
as sanjiao.handler
req GET "/api/v1/items?unit=2&status=review&limit=200"
n_api=$(val '.items | length')
req GET "/api/v1/export?list=items&format=csv&unit=2&status=review"
cp "$TMP/body" "$TMP/file"
is "API: export list=items format=csv with the item filter" "$STATUS $(header_of Content-Type)" "200 $CSV_TYPE"
is "… the rows of GET /api/v1/items for that filter ($n_api)" "$(csv_rows "$TMP/file")" "$n_api"
is "… the Chinese headers" "$(csv_header "$TMP/file")" "$H_ITEMS"
req GET "/api/v1/export?list=measures&format=csv&unit=2&bom=1"
cp "$TMP/body" "$TMP/file"
is "API: the measures as CSV with a BOM" "$(head -c 3 "$TMP/file" | od -An -tx1 | tr -d ' ')" efbbbf
req GET "/api/v1/export?unit=2"
cp "$TMP/body" "$TMP/file"
is "API: the default is the whole ledger as xlsx" "$STATUS $(header_of Content-Type)" "200 $XLSX"
ok_if "… four sheets, starting with PK" bash -c "head -c 2 '$TMP/file' | grep -q PK && grep -aq 'xl/worksheets/sheet4.xml' '$TMP/file'"
refused "API: export of the county by a township's handler" 403 FORBIDDEN GET "/api/v1/export?unit=1"
refused "API: item filters with the opinions" 400 BAD_PARAM GET "/api/v1/export?list=opinions&overdue=true"
refused "API: a CSV of all lists" 400 BAD_PARAM GET "/api/v1/export?list=all&format=csv"
refused "API: format=pdf" 400 BAD_PARAM GET "/api/v1/export?format=pdf"
refused "API: an unknown parameter" 400 BAD_PARAM GET "/api/v1/export?colour=red"

# ------------------------------------------------------------ import: web
stop_server
DB=$TMP/org.db
if "$QINGDAN" demo --db "$DB" --org-only >"$TMP/org.out" 2>&1; then
	pass "qingdan demo --org-only: the county's units and accounts, an empty ledger"
else
	bail "qingdan demo --org-only" "$(tail -n 20 "$TMP/org.out")"
fi
TOKENS=()
start_server
items() { sqlite3 "$DB" "SELECT count(*) FROM item"; }

printf '%s\n' '问题编号,单位,问题来源,问题描述,发现时间,整改时限' \
	'QDW-001,海晏县/三角城镇,群众意见,西街路灯损坏,2024-03-01,2024-04-01' \
	'QDW-002,海晏县/三角城镇/三联村,检视查摆,三联村垃圾清运不及时,2024-03-02,2024-04-15' >"$TMP/good.csv"
printf '%s\n' '问题编号,单位,问题来源,问题描述,发现时间,整改时限' \
	'QDW-011,海晏县/三角城镇,群众意见,日期写错的一行,2024-13-45,2024-04-01' \
	'QDW-012,海晏县/不存在镇,检视查摆,单位写错的一行,2024-03-02,2024-04-15' >"$TMP/bad.csv"

web_login sanjiao.handler
web GET /import
is "the import form" "$STATUS" 200
tok=$(grep -o 'name="_csrf" value="[^"]*"' "$TMP/body" | tail -n 1 | sed 's/.*value="//; s/"$//')
ok_if "… a multipart form with the file, the mapping file and the dry-run box" bash -c \
	"grep -q 'enctype=\"multipart/form-data\"' '$TMP/body' && grep -q 'type=\"file\" id=\"f-imp-file\" name=\"file\"' '$TMP/body' &&
	 grep -q 'name=\"map\"' '$TMP/body' && grep -q 'name=\"dry_run\"' '$TMP/body' && grep -q '仅校验（试导入）' '$TMP/body'"
ok_if "… whose units are the township's subtree only" bash -c \
	"grep -q '<option value=\"2\"' '$TMP/body' && grep -q '<option value=\"31\"' '$TMP/body' &&
	 ! grep -q '<option value=\"1\"' '$TMP/body' && ! grep -q '<option value=\"3\"' '$TMP/body'"

is "the ledger is empty" "$(items)" 0
mark
web POST /import -F "_csrf=$tok" -F unit=2 -F "file=@$TMP/bad.csv;type=text/csv"
is "a CSV with a bad date and an unknown unit: 422" "$STATUS" 422
ok_if "… the report names row 2, its item number and the column 发现时间" \
	grep -q '<td class="num">2</td><td class="nowrap">QDW-011</td><td>发现时间</td>' "$TMP/body"
ok_if "… and row 3, its item number and the column 单位" \
	grep -q '<td class="num">3</td><td class="nowrap">QDW-012</td><td>单位</td>' "$TMP/body"
ok_if "… says that nothing was imported" grep -q '未导入任何数据' "$TMP/body"
unchanged "a failed import"

web POST /import -F "_csrf=$tok" -F unit=2 -F dry_run=1 -F "file=@$TMP/good.csv"
is "a dry run of a good CSV: 200" "$STATUS" 200
ok_if "… reports two rows to add and that nothing was written" bash -c \
	"grep -q '新增 2' '$TMP/body' && grep -q '试导入' '$TMP/body'"
unchanged "a dry run"

web POST /import -F unit=2 -F "file=@$TMP/good.csv"
is "an import without the CSRF token is refused" "$STATUS" 403
web POST /import -F "_csrf=0123456789abcdef0123456789abcdef" -F unit=2 -F "file=@$TMP/good.csv"
is "… and one with another token" "$STATUS" 403
unchanged "refused imports"

head -c $((33 * 1024 * 1024)) /dev/zero >"$TMP/big.csv"
web POST /import -F "_csrf=$tok" -F unit=2 -F "file=@$TMP/big.csv"
is "a file over 32 MB: 413" "$STATUS" 413
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1' >"$TMP/x.png"
web POST /import -F "_csrf=$tok" -F unit=2 -F "file=@$TMP/x.png"
is "a file that is neither xlsx nor CSV: 400" "$STATUS" 400
ok_if "… with a clear message beside the file field" \
	grep -q 'id="e-imp-file">只能导入 .xlsx 或 .csv 文件' "$TMP/body"
printf 'PK\003\004 not really a workbook' >"$TMP/fake.xlsx"
web POST /import -F "_csrf=$tok" -F unit=2 -F "file=@$TMP/fake.xlsx"
is "a zip that is no workbook: 400" "$STATUS" 400
web POST /import -F "_csrf=$tok" -F unit=2
is "no file: 400" "$STATUS" 400
web POST /import -F "_csrf=$tok" -F unit=1 -F "file=@$TMP/good.csv"
is "a unit above the handler's: 403" "$STATUS" 403
web POST /import --data-urlencode "_csrf=$tok" --data-urlencode unit=2
is "a urlencoded form is refused (415)" "$STATUS" 415
unchanged "refused files"

web POST /import -F "_csrf=$tok" -F unit=2 -F "file=@$TMP/good.csv"
is "the good CSV through the form: 200" "$STATUS" 200
ok_if "… two rows added, imported" bash -c "grep -q '新增 2' '$TMP/body' && grep -q '已导入' '$TMP/body'"
is "… the two items exist, in their units" \
	"$(sqlite3 "$DB" "SELECT ext_id || ' ' || unit_id || ' ' || title FROM item ORDER BY ext_id")" \
	"QDW-001 2 西街路灯损坏
QDW-002 31 三联村垃圾清运不及时"
is "… the audit chain checks" "$("$QINGDAN" check --db "$DB" >/dev/null 2>&1 && echo ok)" ok
web POST /import -F "_csrf=$tok" -F unit=2 -F "file=@$TMP/good.csv"
ok_if "the same file again changes nothing (2 unchanged)" grep -q '无变化 2' "$TMP/body"
is "… still two items" "$(items)" 2

web_login viewer
web GET /items
ok_if "a viewer has no import link" bash -c "! grep -q 'href=\"/import' '$TMP/body'"
web GET /import
is "… and no import form (403)" "$STATUS" 403

# ------------------------------------------------------------ import: API
as sanjiao.handler
printf '%s\n' '问题编号,单位,问题来源,问题描述,发现时间' \
	'QDW-003,三角城镇,群众意见,东街积水,2024-03-03' \
	'QDW-004,三角城镇/红山村,督导发现,红山村道路破损,2024-03-04' >"$TMP/good2.csv"
mark
req POST "/api/v1/import?unit=2&dry_run=1" -H 'Content-Type: text/csv' --data-binary "@$TMP/good2.csv"
is "API: a dry run: 200" "$STATUS" 200
jq_is "… the report" '[.applied, .dry_run, .rows, .added, .errors, .charset] | @csv' 'false,true,2,2,0,"UTF-8"'
unchanged "API: a dry run"
refused "API: the bad CSV" 422 IMPORT_ROWS POST "/api/v1/import?unit=2" -H 'Content-Type: text/csv' --data-binary "@$TMP/bad.csv"
jq_is "… with the report: both rows, their columns" \
	'[.lines[] | select(.outcome == "error") | "\(.row) \(.ext_id) \(.column)"] | join("; ")' \
	'2 QDW-011 发现时间; 3 QDW-012 单位'
jq_is "… nothing applied" '[.applied, .errors] | @csv' 'false,2'
unchanged "API: the bad CSV"
refused "API: a unit above the handler's" 403 FORBIDDEN POST "/api/v1/import?unit=1" -H 'Content-Type: text/csv' --data-binary "@$TMP/good2.csv"
refused "API: a JSON body" 415 BAD_CONTENT_TYPE POST "/api/v1/import?unit=2" -H 'Content-Type: application/json' --data-binary '{}'
refused "API: an empty body" 400 BAD_FILE POST "/api/v1/import?unit=2" -H 'Content-Type: text/csv'
refused "API: a file over 32 MB" 413 TOO_LARGE POST "/api/v1/import?unit=2" -H 'Content-Type: text/csv' --data-binary "@$TMP/big.csv"
refused "API: a PNG as octet-stream" 400 BAD_FILE POST "/api/v1/import?unit=2" -H 'Content-Type: application/octet-stream' --data-binary "@$TMP/x.png"
refused "API: a large body elsewhere is still refused over 64 KiB" 413 TOO_LARGE POST /api/v1/items -H 'Content-Type: application/json' --data-binary "@$TMP/big.csv"
unchanged "API: refused imports"
req POST "/api/v1/import?unit=2" -H 'Content-Type: text/csv' --data-binary "@$TMP/good2.csv"
is "API: the good CSV: 200" "$STATUS" 200
jq_is "… applied, two added" '[.applied, .added] | @csv' 'true,2'
is "… four items now" "$(items)" 4
if command -v iconv >/dev/null; then
	sed 's/QDW-00\([34]\)/QDW-10\1/' "$TMP/good2.csv" | iconv -f UTF-8 -t GB18030 >"$TMP/gbk.csv"
	req POST "/api/v1/import?unit=2&dry_run=1" -H 'Content-Type: text/csv' --data-binary "@$TMP/gbk.csv"
	jq_is "API: a CSV saved as GBK is read (dry run)" '[.charset, .added, .errors] | @csv' '"GB18030",2,0'
fi
req GET "/api/v1/export?list=items&unit=2"
cp "$TMP/body" "$TMP/org.xlsx"
is "API: the four items back as xlsx" "$STATUS $(header_of Content-Type)" "200 $XLSX"
mark
req POST "/api/v1/import?unit=2" -H 'Content-Type: application/octet-stream' --data-binary "@$TMP/org.xlsx"
is "… which imports again (octet-stream, sniffed as xlsx)" "$STATUS" 200
jq_is "… unchanged, all four" '[.rows, .unchanged, .added, .charset] | @csv' '4,4,0,'
unchanged "re-importing the export"

# ------------------------------------------------------------ import: work needs ITEM_WORK
# A supervisor may put items on the list (PA_ITEM_CREATE) but not work on
# them (PA_ITEM_WORK: start, measures): an import must not do for it what
# the API refuses - an item already in progress, measures.
H_SUP='问题编号,单位,问题来源,问题描述,整改措施,发现时间,整改时限,整改状态'
printf '%s\n' "$H_SUP" \
	'QDS-001,海晏县/三角城镇,督导发现,督导组发现的问题,,2024-03-05,2024-04-30,' \
	'QDS-002,海晏县/三角城镇,督导发现,已在整改的问题,,2024-03-05,2024-04-30,正在整改' \
	'QDS-003,海晏县/三角城镇,督导发现,带着措施的问题,1. 清理路面,2024-03-05,2024-04-30,' >"$TMP/sup.csv"
as supervisor
req POST "/api/v1/items" "$(json_body unit_id:=2 source=supervision mode=deadline title=直接新建 found_on=2024-03-05 due_on=2024-04-30)"
ok_if "the supervisor may create an item through the API (status $STATUS)" test "$STATUS" = 201
sup_item=$(val .id)
refused "… but not start it" 403 FORBIDDEN POST "/api/v1/items/$sup_item/start" '{}'
refused "… nor add a measure" 403 FORBIDDEN POST "/api/v1/items/$sup_item/measures" '{"text":"清理路面"}'
mark
refused "API: the supervisor's import of an item in progress and one with measures" 422 IMPORT_ROWS \
	POST "/api/v1/import?unit=2" -H 'Content-Type: text/csv' --data-binary "@$TMP/sup.csv"
jq_is "… names both rows and their columns" \
	'[.lines[] | select(.outcome == "error") | "\(.row) \(.ext_id) \(.column)"] | join("; ")' \
	'3 QDS-002 整改状态; 4 QDS-003 整改措施'
jq_is "… and says why" '[.lines[] | select(.outcome == "error") | .message] | join(" | ")' \
	'导入“整改中”状态的问题需要在“三角城镇”办理整改的权限（新增未整改、不带措施的问题则不需要） | 导入整改措施需要在“三角城镇”办理整改的权限（新增未整改、不带措施的问题则不需要）'
jq_is "… nothing applied, the good row counted" '[.applied, .added, .errors] | @csv' 'false,1,2'
unchanged "API: the supervisor's refused import"
web_login supervisor
web GET /import
sup_tok=$(grep -o 'name="_csrf" value="[^"]*"' "$TMP/body" | tail -n 1 | sed 's/.*value="//; s/"$//')
web POST /import -F "_csrf=$sup_tok" -F unit=2 -F "file=@$TMP/sup.csv;type=text/csv"
is "the same file through the form: 422" "$STATUS" 422
ok_if "… the report names row 3 and its column 整改状态" \
	grep -q '<td class="num">3</td><td class="nowrap">QDS-002</td><td>整改状态</td>' "$TMP/body"
unchanged "the form: the supervisor's refused import"
sed -n '1,2p' "$TMP/sup.csv" >"$TMP/sup_ok.csv"
req POST "/api/v1/import?unit=2" -H 'Content-Type: text/csv' --data-binary "@$TMP/sup_ok.csv"
is "the supervisor's import of an open item without measures: 200" "$STATUS" 200
jq_is "… added" '[.applied, .added] | @csv' 'true,1'
is "… it is open, without measures" \
	"$(sqlite3 "$DB" "SELECT status || ' ' || (SELECT count(*) FROM measure m WHERE m.item_id = i.id) FROM item i WHERE ext_id = 'QDS-001'")" \
	"open 0"

# The rectification list: measures of known items, added by a handler; the
# supervisor's re-import of them changes nothing and passes, a new or
# changed measure is refused.
printf '%s\n' '问题编号,措施序号,整改措施' 'QDW-001,1,更换路灯灯头' >"$TMP/m1.csv"
as sanjiao.handler
req POST "/api/v1/import?unit=2" -H 'Content-Type: text/csv' --data-binary "@$TMP/m1.csv"
jq_is "a handler imports a measure of QDW-001" '[.applied, .added] | @csv' 'true,1'
as supervisor
req POST "/api/v1/import?unit=2" -H 'Content-Type: text/csv' --data-binary "@$TMP/m1.csv"
jq_is "the supervisor's import of the same measure: unchanged, applied" '[.applied, .unchanged] | @csv' 'true,1'
printf '%s\n' '问题编号,措施序号,整改措施' 'QDW-001,1,更换路灯灯头和灯杆' 'QDW-002,1,另加一条措施' \
	>"$TMP/m2.csv"
mark
refused "… a changed measure and a new one" 422 IMPORT_ROWS \
	POST "/api/v1/import?unit=2" -H 'Content-Type: text/csv' --data-binary "@$TMP/m2.csv"
jq_is "… both rows named, each with the unit of its item" \
	'[.lines[] | select(.outcome == "error") | "\(.row) \(.ext_id) \(.column) \(.message)"] | join("; ")' \
	'2 QDW-001 整改措施 修改整改措施需要在“三角城镇”办理整改的权限（新增未整改、不带措施的问题则不需要）; 3 QDW-002 整改措施 添加整改措施需要在“三联村”办理整改的权限（新增未整改、不带措施的问题则不需要）'
unchanged "the supervisor's measures"

# A known number the importer cannot see: the refusal says nothing of it
# (not its unit, not that it is outside the importer's reach).
XH=$(sqlite3 "$DB" "SELECT id FROM unit WHERE name = '西海镇'")
printf '%s\n' "$H_SUP" 'QDS-X01,海晏县/西海镇,督导发现,西海镇的问题,,2024-03-05,2024-04-30,' >"$TMP/xh.csv"
req POST "/api/v1/import?unit=$XH" -H 'Content-Type: text/csv' --data-binary "@$TMP/xh.csv"
jq_is "the supervisor imports an item of 西海镇" '[.applied, .added] | @csv' 'true,1'
printf '%s\n' "$H_SUP" 'QDS-X01,海晏县/三角城镇,群众意见,同一编号,,2024-03-06,2024-04-30,' >"$TMP/reuse.csv"
as sanjiao.handler
mark
refused "a township handler's import of that number into its township" 422 IMPORT_ROWS \
	POST "/api/v1/import?unit=2" -H 'Content-Type: text/csv' --data-binary "@$TMP/reuse.csv"
jq_is "… a refusal that tells nothing about the item" \
	'[.lines[] | select(.outcome == "error") | "\(.row) \(.ext_id) \(.column) \(.message)"] | join("; ")' \
	'2 QDS-X01 问题编号 这个问题编号不能用于三角城镇的台账，请换一个编号'
unchanged "… nothing written"
as admin
req POST "/api/v1/import?unit=2&dry_run=1" -H 'Content-Type: text/csv' --data-binary "@$TMP/reuse.csv"
jq_is "the county admin, who can see the item, is told it belongs elsewhere" \
	'[.lines[] | select(.outcome == "error") | .message] | join("; ")' '问题编号已属于三角城镇范围外的单位'

done_testing
