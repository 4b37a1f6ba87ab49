/* report_xlsx.c: the campaign report as an xlsx workbook - one sheet of
 * section / label / value rows (report_rows), the unit and the period
 * first, the summary last - written by the ledger's table writer. */
#include "app.h"
#include "../ledger/table.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include "../util/date.h"
#include <stdlib.h>
#include <string.h>

static const struct table_col cols_zh[] = {
	{"部分", 14, CK_TEXT}, {"项目", 44, CK_TEXT}, {"数值", 16, CK_NUM}};
static const struct table_col cols_en[] = {
	{"Section", 22, CK_TEXT}, {"Item", 48, CK_TEXT}, {"Value", 16, CK_NUM}};

static void text_row(struct table *t, const char *section, const char *label, const char *value)
{
	struct tcell *c = table_add_row(t);
	tcell_text(&c[0], section);
	tcell_text(&c[1], label);
	tcell_text(&c[2], value);
}

static void period(struct buf *b, const struct report *r, bool en)
{
	char f[DAY_TEXT_LEN], t[DAY_TEXT_LEN];
	day_format(r->to, t);
	if (r->from == DAY_NONE) {
		buf_printf(b, en ? "up to %s" : "截至 %s", t);
		return;
	}
	day_format(r->from, f);
	buf_printf(b, en ? "%s to %s" : "%s 至 %s", f, t);
}

static void figure_row(struct table *t, const struct report_row *row, bool en)
{
	struct buf label = BUF_INIT;
	if (row->depth)
		buf_puts(&label, en ? "    " : "\xE3\x80\x80\xE3\x80\x80"); /* U+3000 x 2 */
	buf_puts(&label, row->label);
	if (row->label2)
		buf_printf(&label, "%s%s", en ? ": " : "：", row->label2);
	struct tcell *c = table_add_row(t);
	tcell_text(&c[0], code_label(&T_REPORT_SECTION, row->section, en ? "en" : "zh"));
	tcell_text(&c[1], buf_str(&label));
	buf_free(&label);
	switch (row->kind) {
	case RV_COUNT:
		tcell_int(&c[2], row->n);
		break;
	case RV_YUAN: /* 万元 in Chinese, yuan in English (as the labels say) */
		if (en)
			tcell_int(&c[2], row->n);
		else
			tcell_num(&c[2], (double)row->n / 10000.0);
		break;
	case RV_PERCENT:
		if (row->pct >= 0)
			tcell_num(&c[2], (double)(long long)(row->pct * 10 + 0.5) / 10);
		break;
	}
}

void report_table(const struct report *r, const char *lang, struct table *out)
{
	bool en = lang && strcmp(lang, "en") == 0;
	struct table t;
	table_init(&t, en ? "Report" : "报告", en ? cols_en : cols_zh, 3);
	const char *head = en ? "Report" : "报告";
	struct buf b = BUF_INIT;
	text_row(&t, head, en ? "Unit" : "单位", r->unit_name);
	period(&b, r, en);
	text_row(&t, head, en ? "Period (day found or received)" : "统计期间（发现、收到日期）",
		 buf_str(&b));
	buf_reset(&b);
	char today[DAY_TEXT_LEN];
	day_format(r->today, today);
	text_row(&t, head, en ? "Overdue as of" : "超期统计截至", today);
	struct report_row *rows = xcalloc(REPORT_ROWS_MAX, sizeof *rows);
	int n = report_rows(&r->f, en ? "en" : "zh", rows, REPORT_ROWS_MAX);
	for (int i = 0; i < n; i++)
		figure_row(&t, &rows[i], en);
	free(rows);
	char *summary = report_summary(r, en ? "en" : "zh");
	text_row(&t, en ? "Summary" : "总结", summary, NULL);
	free(summary);
	buf_free(&b);
	*out = t;
}

qd_err report_xlsx(const struct report *r, const char *lang, const char *path,
		   struct qd_error *e)
{
	struct table t;
	report_table(r, lang, &t);
	qd_err rc = xlsx_write(&t, 1, path, e);
	table_free(&t);
	return rc;
}
