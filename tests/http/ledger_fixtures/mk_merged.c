/* mk_merged.c - ledger workbooks as Excel users make them, for
 * tests/http/test_ledger_cli.sh (compiled there with libxlsxwriter).
 *
 *   mk_merged merged OUT.xlsx   a title row merged across all columns, a
 *                               two-row header: 序号, 问题编号, ... merged
 *                               down over both rows, "整改情况" merged over
 *                               整改状态 and 完成时间 below it; three rows of
 *                               the demo county's 三角城镇 (dates as date
 *                               cells, as text, and as a bare serial number)
 *   mk_merged nodesc OUT.xlsx   a sheet named 问题清单 whose header lacks
 *                               问题描述, with one row
 *
 * The values are checked by the test; change them together. */
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

static lxw_datetime day(int y, int m, int d)
{
	lxw_datetime t = {y, m, d, 0, 0, 0};
	return t;
}

static int merged(const char *out)
{
	lxw_workbook *wb = workbook_new(out);
	if (!wb)
		return 1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Sheet1");
	lxw_format *title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_align(title, LXW_ALIGN_CENTER);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(head, LXW_BORDER_THIN);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);

	worksheet_merge_range(ws, 0, 0, 0, 11, "三角城镇问题整改台账（2026年）", title);
	static const char *const down[] = {"序号", "问题编号", "责任单位", "问题来源", "问题描述",
					   "整改措施", "责任人", "发现时间", "整改时限"};
	for (int c = 0; c < 9; c++)
		worksheet_merge_range(ws, 1, (lxw_col_t)c, 2, (lxw_col_t)c, down[c], head);
	worksheet_merge_range(ws, 1, 9, 1, 10, "整改情况", head);
	worksheet_write_string(ws, 2, 9, "整改状态", head);
	worksheet_write_string(ws, 2, 10, "完成时间", head);
	worksheet_merge_range(ws, 1, 11, 2, 11, "备注", head);

	lxw_datetime d;
	/* row 4: dates as date cells, in progress */
	worksheet_write_number(ws, 3, 0, 1, NULL);
	worksheet_write_string(ws, 3, 1, "QD-HB-001", NULL);
	worksheet_write_string(ws, 3, 2, "三角城镇/三联村", NULL);
	worksheet_write_string(ws, 3, 3, "检视查摆", NULL);
	worksheet_write_string(ws, 3, 4, "村道路灯损坏未及时维修", NULL);
	worksheet_write_string(ws, 3, 5, "1. 排查全村路灯\n2. 更换损坏灯具", wrap);
	worksheet_write_string(ws, 3, 6, "郭正清", NULL);
	d = day(2026, 10, 8);
	worksheet_write_datetime(ws, 3, 7, &d, date);
	d = day(2026, 12, 31);
	worksheet_write_datetime(ws, 3, 8, &d, date);
	worksheet_write_string(ws, 3, 9, "整改中", NULL);
	worksheet_write_string(ws, 3, 11, "无", NULL);
	/* row 5: dates as text, fixed (已整改: sign-off requested) */
	worksheet_write_number(ws, 4, 0, 2, NULL);
	worksheet_write_string(ws, 4, 1, "QD-HB-002", NULL);
	worksheet_write_string(ws, 4, 2, "红山村", NULL);
	worksheet_write_string(ws, 4, 3, "群众反映", NULL);
	worksheet_write_string(ws, 4, 4, "垃圾清运不及时", NULL);
	worksheet_write_string(ws, 4, 5, "增加清运频次", NULL);
	worksheet_write_string(ws, 4, 6, "张正清", NULL);
	worksheet_write_string(ws, 4, 7, "2026年10月9日", NULL);
	worksheet_write_string(ws, 4, 8, "2026/12/20", NULL);
	worksheet_write_string(ws, 4, 9, "已整改", NULL);
	d = day(2026, 11, 20);
	worksheet_write_datetime(ws, 4, 10, &d, date);
	/* row 6: the found day as a bare serial number (46300 = 2026-10-05) */
	worksheet_write_number(ws, 5, 0, 3, NULL);
	worksheet_write_string(ws, 5, 1, "QD-HB-003", NULL);
	worksheet_write_string(ws, 5, 2, "海晏县/三角城镇/西街社区", NULL);
	worksheet_write_string(ws, 5, 3, "督导发现", NULL);
	worksheet_write_string(ws, 5, 4, "社区办事指南未公开", NULL);
	worksheet_write_string(ws, 5, 5, "公开办事指南", NULL);
	worksheet_write_string(ws, 5, 6, "张春花", NULL);
	worksheet_write_number(ws, 5, 7, 46300, NULL);
	d = day(2026, 12, 1);
	worksheet_write_datetime(ws, 5, 8, &d, date);
	worksheet_write_string(ws, 5, 9, "待整改", NULL);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}

static int nodesc(const char *out)
{
	lxw_workbook *wb = workbook_new(out);
	if (!wb)
		return 1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "问题清单");
	static const char *const head[] = {"序号", "问题编号", "单位", "问题来源", "发现时间",
					   "整改时限"};
	static const char *const row[] = {"1", "QD-ND-001", "三角城镇/三联村", "检视查摆",
					  "2026-10-08", "2026-12-31"};
	for (int c = 0; c < 6; c++) {
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
		worksheet_write_string(ws, 1, (lxw_col_t)c, row[c], NULL);
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "merged") == 0)
		return merged(argv[2]);
	if (argc == 3 && strcmp(argv[1], "nodesc") == 0)
		return nodesc(argv[2]);
	fprintf(stderr, "usage: mk_merged merged|nodesc OUT.xlsx\n");
	return 2;
}
