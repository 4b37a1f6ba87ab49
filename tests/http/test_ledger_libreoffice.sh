#!/usr/bin/env bash
# The exported xlsx as a real spreadsheet engine reads it: the demo county
# (with funds set on a few items through an import) is exported as xlsx,
# LibreOffice (headless, a private profile) converts every sheet to CSV and
# the workbook to flat ODS, and:
#
#   - every row of the problem list matches the item table, cell for cell:
#     问题编号, 问题描述, 发现时间, 整改时限, 销号时间 (signed-off items
#     only), 整改状态 (the Chinese label), 责任人, 资金（元）;
#   - every row of the rectification list matches the measure table joined
#     to its item: 问题编号, 措施序号, 整改措施, 措施状态, 整改时限,
#     完成时间 (done measures only), 责任人;
#   - rows come in the order of their numbers, 序号 counting them;
#   - dates are dates (LibreOffice types the cells as dates and writes them
#     yyyy-mm-dd) and numbers are numbers, counted cell by cell;
#   - LibreOffice's CSV of each list is qingdan's own CSV export.
#
# LibreOffice is part of the test set-up (scripts/deps.sh test): without it
# this test fails, it does not skip.
. "$(dirname "$0")/lib.sh"

export QINGDAN_TODAY=2026-11-22
DEMO=$TMP/demo.db
LO_TIMEOUT=180

SOFFICE=$(command -v soffice || command -v libreoffice || true)
[ -n "$SOFFICE" ] ||
	bail "LibreOffice is installed (soffice or libreoffice; scripts/deps.sh test installs libreoffice-calc-nogui)"
pass "LibreOffice found: $SOFFICE ($("$SOFFICE" --version 2>/dev/null | head -n 1))"

elapsed() {
	echo "$(($(date +%s) - $1)) s"
}

# lo FORMAT OUTDIR FILE: convert with a private profile, under a timeout.
lo() {
	timeout "$LO_TIMEOUT" "$SOFFICE" "-env:UserInstallation=file://$TMP/lo-profile" --headless \
		--norestore --nolockcheck --convert-to "$1" --outdir "$2" "$3" >>"$TMP/lo.log" 2>&1
}

# sql SQL...: sqlite3 on a scratch database with the demo attached as d.
sql() {
	sqlite3 "$TMP/cmp.db" "ATTACH '$DEMO' AS d" "$@"
}

t0=$(date +%s)
if "$QINGDAN" demo --db "$DEMO" >"$TMP/demo.out" 2>&1; then
	pass "qingdan demo builds the demo county ($(elapsed "$t0"))"
else
	bail "qingdan demo builds the demo county" "$(tail -n 20 "$TMP/demo.out")"
fi

# Funds and beneficiaries on five items that may still be edited, written
# as ledgers write them, through an import.
"$QINGDAN" export --db "$DEMO" --unit 1 --format csv --out "$TMP/items.csv" 2>/dev/null ||
	bail "export of the items as CSV"
mapfile -t FUNDED < <(sqlite3 "$DEMO" "SELECT ext_id FROM item WHERE status IN ('open', 'in_progress') AND funds = 0 AND beneficiaries = 0
	ORDER BY ext_id LIMIT 5")
[ "${#FUNDED[@]}" == 5 ] || bail "five open items" "found ${#FUNDED[@]}"
IN_FUNDED="'${FUNDED[0]}', '${FUNDED[1]}', '${FUNDED[2]}', '${FUNDED[3]}', '${FUNDED[4]}'"
sqlite3 :memory: ".import --csv $TMP/items.csv t" \
	"UPDATE t SET 资金（元） = '25万', 受益人数 = '120人' WHERE 问题编号 = '${FUNDED[0]}'" \
	"UPDATE t SET 资金（元） = '38,000' WHERE 问题编号 = '${FUNDED[1]}'" \
	"UPDATE t SET 资金（元） = '1234567元', 受益人数 = '35户' WHERE 问题编号 = '${FUNDED[2]}'" \
	"UPDATE t SET 资金（元） = '3.5万元' WHERE 问题编号 = '${FUNDED[3]}'" \
	"UPDATE t SET 资金（元） = '800' WHERE 问题编号 = '${FUNDED[4]}'" \
	"DELETE FROM t WHERE 问题编号 NOT IN ($IN_FUNDED)" \
	".headers on" ".mode csv" ".output $TMP/funds.csv" "SELECT * FROM t"
if "$QINGDAN" import --db "$DEMO" --unit 1 "$TMP/funds.csv" >"$TMP/import.out" 2>&1 &&
	grep -qF '共 5 行：新增 0，更新 5，无变化 0，错误 0，提示 0（已导入）' "$TMP/import.out"; then
	pass "funds set on five items through an import"
else
	fail "funds set on five items through an import" "$(tail -n 8 "$TMP/import.out")"
fi
is "… as yuan and head counts" \
	"$(sqlite3 "$DEMO" "SELECT group_concat(funds || '/' || beneficiaries, ' ') FROM
		(SELECT funds, beneficiaries FROM item WHERE ext_id IN ($IN_FUNDED) ORDER BY ext_id)")" \
	"250000/120 38000/0 1234567/35 35000/0 800/0"

"$QINGDAN" export --db "$DEMO" --unit 1 --out "$TMP/ledger.xlsx" >"$TMP/export.out" 2>&1
ok_if "the county exported as xlsx" test -s "$TMP/ledger.xlsx"
for l in items measures responsibility; do
	"$QINGDAN" export --db "$DEMO" --unit 1 --format csv --list $l --out "$TMP/qd-$l.csv" 2>/dev/null
done

# ------------------------------------------------------------ LibreOffice

t0=$(date +%s)
# Every sheet: one file per sheet, ledger-SHEETNAME.csv (filter option 12 = -1).
lo 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' "$TMP/csv" "$TMP/ledger.xlsx"
rc=$?
LO_ITEMS=$TMP/csv/ledger-问题清单.csv
LO_MEASURES=$TMP/csv/ledger-整改清单.csv
LO_RESP=$TMP/csv/ledger-责任清单.csv
LO_OPINIONS=$TMP/csv/ledger-意见建议.csv
if [ "$rc" == 0 ] && [ -s "$LO_ITEMS" ] && [ -s "$LO_MEASURES" ] && [ -s "$LO_RESP" ] && [ -s "$LO_OPINIONS" ]; then
	pass "LibreOffice converts every sheet to CSV ($(elapsed "$t0"))"
else
	bail "LibreOffice converts every sheet to CSV" "exit $rc" "$(tail -n 20 "$TMP/lo.log")" "$(ls -la "$TMP/csv" 2>&1)"
fi
t0=$(date +%s)
lo fods "$TMP/fods" "$TMP/ledger.xlsx"
rc=$?
FODS=$TMP/fods/ledger.fods
if [ "$rc" == 0 ] && [ -s "$FODS" ]; then
	pass "LibreOffice converts the workbook to flat ODS ($(elapsed "$t0"))"
else
	fail "LibreOffice converts the workbook to flat ODS" "exit $rc" "$(tail -n 20 "$TMP/lo.log")"
fi

sqlite3 "$TMP/cmp.db" ".import --csv $LO_ITEMS lo_items" ".import --csv $LO_MEASURES lo_measures" \
	".import --csv $LO_RESP lo_resp" ".import --csv $LO_OPINIONS lo_opinions" ||
	bail "LibreOffice's CSV files load into sqlite3"

# ------------------------------------------------------------ the problem list

N_ITEMS=$(sqlite3 "$DEMO" 'SELECT count(*) FROM item')
is "问题清单: one row per item" "$(sql 'SELECT count(*) FROM lo_items')" "$N_ITEMS"
is "问题清单: the header row" \
	"$(head -n 1 "$LO_ITEMS")" \
	"序号,问题编号,单位,单位编码,事项类型,问题来源,检视层级,问题类别,问题描述,具体情况,整改措施,责任人,责任领导,整改方式,发现时间,整改时限,整改状态,完成时间,销号时间,销号类型,案件类型,资金（元）,受益人数"

# The item table as the problem list shows it.
sql "CREATE TABLE want_items AS SELECT i.ext_id, i.title,
		i.found_on, ifnull(i.due_on, '') AS due_on,
		CASE WHEN i.status = 'closed' THEN ifnull(i.closed_on, '') ELSE '' END AS closed_on,
		CASE i.status WHEN 'open' THEN '待整改' WHEN 'in_progress' THEN '整改中'
			WHEN 'review' THEN '待销号' WHEN 'closed' THEN '已销号' ELSE '?' || i.status END AS status,
		ifnull(p.name, '') AS responsible,
		CASE WHEN i.funds = 0 THEN '' ELSE CAST(i.funds AS TEXT) END AS funds
	FROM d.item i LEFT JOIN d.person p ON p.id = i.responsible_id"
is "问题清单: every item number appears once" \
	"$(sql 'SELECT count(DISTINCT 问题编号) FROM lo_items WHERE 问题编号 IN (SELECT ext_id FROM want_items)')" \
	"$N_ITEMS"

# col_check LIST LABEL LO_COLUMN WANT_COLUMN: cell for cell, joined on the
# number; the first differences as the diagnostic.
col_check() {
	local list=$1 label=$2 lo_col=$3 want_col=$4 join diffs n
	if [ "$list" == items ]; then
		join="FROM lo_items l JOIN want_items w ON w.ext_id = l.问题编号"
	else
		join="FROM lo_measures l JOIN want_measures w ON w.ext_id = l.问题编号 AND w.seq = l.措施序号"
	fi
	n=$(sql "SELECT count(*) $join WHERE l.$lo_col IS NOT w.$want_col")
	if [ "$n" == 0 ]; then
		pass "$label: $lo_col is the database's $want_col in every row"
	else
		diffs=$(sql "SELECT l.问题编号 || ': ' || quote(l.$lo_col) || ' <> ' || quote(w.$want_col)
			$join WHERE l.$lo_col IS NOT w.$want_col LIMIT 5")
		fail "$label: $lo_col is the database's $want_col in every row" "$n rows differ, e.g." "$diffs"
	fi
}
col_check items 问题清单 问题描述 title
col_check items 问题清单 发现时间 found_on
col_check items 问题清单 整改时限 due_on
col_check items 问题清单 销号时间 closed_on
col_check items 问题清单 整改状态 status
col_check items 问题清单 责任人 responsible
col_check items 问题清单 "\"资金（元）\"" funds
is "问题清单: 序号 counts the rows, which come in the order of their numbers" \
	"$(sql "SELECT count(*) FROM lo_items WHERE CAST(序号 AS INTEGER) <> rowid" \
		"SELECT count(*) FROM lo_items a JOIN lo_items b ON b.rowid = a.rowid + 1 WHERE b.问题编号 <= a.问题编号")" \
	"0
0"
is "问题清单: the five funded items, as LibreOffice reads them" \
	"$(sql "SELECT group_concat(v, ' ') FROM (SELECT \"资金（元）\" || '/' || 受益人数 AS v FROM lo_items
		WHERE 问题编号 IN ($IN_FUNDED) ORDER BY rowid)")" \
	"250000/120 38000/ 1234567/35 35000/ 800/"
is "问题清单: there are items in every state" \
	"$(sql "SELECT group_concat(整改状态, ' ') FROM (SELECT DISTINCT 整改状态 FROM lo_items ORDER BY 1)")" \
	"已销号 待整改 待销号 整改中"

# ------------------------------------------------------------ the rectification list

N_MEASURES=$(sqlite3 "$DEMO" 'SELECT count(*) FROM measure')
is "整改清单: one row per measure" "$(sql 'SELECT count(*) FROM lo_measures')" "$N_MEASURES"
is "整改清单: the header row" "$(head -n 1 "$LO_MEASURES")" \
	"序号,问题编号,措施序号,单位,问题描述,整改措施,责任人,整改时限,措施状态,完成时间,佐证材料"
sql "CREATE TABLE want_measures AS SELECT i.ext_id, CAST(m.seq AS TEXT) AS seq, m.text,
		CASE m.status WHEN 'open' THEN '未开始' WHEN 'in_progress' THEN '进行中'
			WHEN 'done' THEN '已完成' WHEN 'cancelled' THEN '已取消' ELSE '?' || m.status END AS status,
		ifnull(m.due_on, '') AS due_on,
		CASE WHEN m.status = 'done' THEN ifnull(m.done_on, '') ELSE '' END AS done_on,
		ifnull(p.name, '') AS responsible, m.evidence
	FROM d.measure m JOIN d.item i ON i.id = m.item_id LEFT JOIN d.person p ON p.id = m.responsible_id"
is "整改清单: every (问题编号, 措施序号) of the database appears once" \
	"$(sql 'SELECT count(*) FROM (SELECT DISTINCT l.问题编号, l.措施序号 FROM lo_measures l
		JOIN want_measures w ON w.ext_id = l.问题编号 AND w.seq = l.措施序号)')" \
	"$N_MEASURES"
col_check measures 整改清单 整改措施 text
col_check measures 整改清单 措施状态 status
col_check measures 整改清单 整改时限 due_on
col_check measures 整改清单 完成时间 done_on
col_check measures 整改清单 责任人 responsible
col_check measures 整改清单 佐证材料 evidence
is "整改清单: in the order of the item numbers, then of the measure numbers" \
	"$(sql "SELECT count(*) FROM lo_measures a JOIN lo_measures b ON b.rowid = a.rowid + 1
		WHERE b.问题编号 < a.问题编号 OR (b.问题编号 = a.问题编号 AND CAST(b.措施序号 AS INTEGER) <= CAST(a.措施序号 AS INTEGER))")" 0
is "整改清单: there are measures in every state" \
	"$(sql "SELECT group_concat(措施状态, ' ') FROM (SELECT DISTINCT 措施状态 FROM lo_measures ORDER BY 1)")" \
	"已取消 已完成 未开始 进行中"

# ------------------------------------------------------------ dates and numbers

DATE_GLOB="'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
is "every date LibreOffice writes is yyyy-mm-dd" \
	"$(sql "SELECT (SELECT count(*) FROM lo_items WHERE 发现时间 NOT GLOB $DATE_GLOB
			OR (整改时限 <> '' AND 整改时限 NOT GLOB $DATE_GLOB)
			OR (完成时间 <> '' AND 完成时间 NOT GLOB $DATE_GLOB)
			OR (销号时间 <> '' AND 销号时间 NOT GLOB $DATE_GLOB))
		+ (SELECT count(*) FROM lo_measures WHERE (整改时限 <> '' AND 整改时限 NOT GLOB $DATE_GLOB)
			OR (完成时间 <> '' AND 完成时间 NOT GLOB $DATE_GLOB))
		+ (SELECT count(*) FROM lo_resp WHERE 最近时限 <> '' AND 最近时限 NOT GLOB $DATE_GLOB)
		+ (SELECT count(*) FROM lo_opinions WHERE 收到日期 NOT GLOB $DATE_GLOB)")" 0

# The cells LibreOffice typed as dates and as numbers, per sheet (repeated
# cells counted as often as they repeat).
LC_ALL=C awk 'BEGIN { RS = "<" }
	/^table:table / { if (match($0, /table:name="[^"]*"/)) sheet = substr($0, RSTART + 12, RLENGTH - 13) }
	/^table:table-cell / {
		rep = 1
		if (match($0, /table:number-columns-repeated="[0-9]+"/)) rep = substr($0, RSTART + 31, RLENGTH - 32) + 0
		if ($0 ~ /office:value-type="date"/) n[sheet " date"] += rep
		else if ($0 ~ /office:value-type="float"/) n[sheet " float"] += rep
	}
	END { for (k in n) print k, n[k] }' "$FODS" | sort >"$TMP/typed.txt"
typed() { awk -v k="$1 $2" '$1 " " $2 == k { print $3 }' "$TMP/typed.txt"; }
is "问题清单: every date cell is a date (发现时间, 整改时限, 完成时间, 销号时间)" \
	"$(typed 问题清单 date)" \
	"$(sql "SELECT sum((发现时间 <> '') + (整改时限 <> '') + (完成时间 <> '') + (销号时间 <> '')) FROM lo_items")"
is "问题清单: every number is a number (序号, 资金, 受益人数)" \
	"$(typed 问题清单 float)" \
	"$(sql "SELECT sum((序号 <> '') + (\"资金（元）\" <> '') + (受益人数 <> '')) FROM lo_items")"
is "整改清单: every date cell is a date (整改时限, 完成时间)" \
	"$(typed 整改清单 date)" \
	"$(sql "SELECT sum((整改时限 <> '') + (完成时间 <> '')) FROM lo_measures")"
is "整改清单: every number is a number (序号, 措施序号)" \
	"$(typed 整改清单 float)" "$(sql "SELECT sum((序号 <> '') + (措施序号 <> '')) FROM lo_measures")"
is "责任清单: 最近时限 cells are dates" \
	"$(typed 责任清单 date)" "$(sql "SELECT sum(最近时限 <> '') FROM lo_resp")"
is "意见建议: 收到日期 cells are dates" \
	"$(typed 意见建议 date)" "$(sql "SELECT sum(收到日期 <> '') FROM lo_opinions")"

# ------------------------------------------------------------ the same as qingdan's CSV

for pair in items:问题清单 measures:整改清单 responsibility:责任清单; do
	l=${pair%%:*} s=${pair#*:}
	if tr -d '\r' <"$TMP/qd-$l.csv" | cmp -s - "$TMP/csv/ledger-$s.csv"; then
		pass "$s: LibreOffice's CSV is qingdan's CSV export (line ends aside)"
	else
		fail "$s: LibreOffice's CSV is qingdan's CSV export (line ends aside)" \
			"$(tr -d '\r' <"$TMP/qd-$l.csv" | diff - "$TMP/csv/ledger-$s.csv" | head -n 12)"
	fi
done

done_testing
