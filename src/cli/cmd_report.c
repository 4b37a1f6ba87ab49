/* cmd_report.c: qingdan report - the campaign report of a unit's subtree
 * and a period as text (the summary and the tables), JSON or xlsx. */
#include "cli.h"
#include "../app/report_json.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"用法 / usage: qingdan report [--unit ID|CODE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	"                      [--format text|json|xlsx] [--out FILE] [--lang zh|en]\n"
	"\n"
	"单位及其下级的整改工作报告：问题（按检视层级、来源，立行立改，已销号及其中已解决，\n"
	"整改中，超期）、整改措施、群众意见建议（按渠道，已办结，满意率）、接访和信访\n"
	"（来访人次，矛盾纠纷、信访突出问题、疑难问题、信访事项）、民生实事（资金、受益\n"
	"人数），以及一段总结。数字都来自台账的计数。问题按发现日期、意见建议按收到日期\n"
	"统计；默认从第一条记录到今天。\n"
	"The campaign report of a unit's subtree: problems, measures, opinions from\n"
	"the public, visits and cases, deeds, and a summary paragraph, all counted from\n"
	"the records (items by the day found, opinions by the day received; default:\n"
	"everything up to today).\n"
	"\n"
	"  --unit ID|CODE  单位编号或代码，默认第一个顶级单位 / a unit's id or code\n"
	"                  (default: the first top-level unit)\n"
	"  --from, --to    统计期间 / the period (--to no later than today)\n"
	"  --format F      text（默认 / default）, json, xlsx（需要 / needs --out）\n"
	"  --out FILE      写入文件，默认标准输出 / write to FILE instead of stdout\n"
	"  --lang zh|en    总结和表格的语言，默认随 $QINGDAN_LANG / $LANG\n"
	"                  language of the summary and tables (default from the environment)\n";

/* Columns a string takes on a terminal: CJK and full-width forms count 2. */
static int columns(const char *s)
{
	int w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		unsigned cp = *p;
		int len = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
		if (len == 3)
			cp = ((cp & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
		w += len >= 3 && cp >= 0x2E80 ? 2 : 1;
		for (int i = 0; i < len && *p; i++)
			p++;
	}
	return w;
}

static void value_text(struct buf *b, const struct report_row *row, bool en)
{
	switch (row->kind) {
	case RV_COUNT:
		buf_printf(b, "%lld", (long long)row->n);
		break;
	case RV_YUAN:
		if (en) {
			buf_printf(b, "%lld", (long long)row->n);
		} else {
			char wan[32];
			report_wan(row->n, wan);
			buf_puts(b, wan);
		}
		break;
	case RV_PERCENT: {
		char pct[REPORT_PCT_LEN];
		report_pct(row->pct, pct);
		buf_puts(b, pct);
		break;
	}
	}
}

static bool ascii_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       c == '.' || c == ',';
}

/* Wrap text (UTF-8) at about width columns, each line indented. */
static void wrapped(FILE *f, const char *text, int width, const char *indent)
{
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		int w = 0;
		const unsigned char *start = p, *space = NULL;
		while (*p && w < width) {
			int len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
			char ch[5] = {0};
			for (int i = 0; i < len && p[i]; i++)
				ch[i] = (char)p[i];
			if (*p == ' ')
				space = p;
			w += columns(ch);
			p += strlen(ch);
		}
		if (*p && space && *p != ' ' && space > start) /* do not cut a word */
			p = space;
		const unsigned char *cut = p; /* nor a number */
		while (*p && cut > start && ascii_word(cut[-1]) && ascii_word(*cut))
			cut--;
		if (cut > start)
			p = cut;
		/* nor start a line with closing punctuation */
		static const char *const closing[] = {"，", "。", "、", "；", "：", "）", "%", "”"};
		for (size_t k = 0; *p && k < sizeof closing / sizeof closing[0]; k++)
			if (strncmp((const char *)p, closing[k], strlen(closing[k])) == 0) {
				p += strlen(closing[k]);
				k = (size_t)-1;
			}
		fprintf(f, "%s%.*s\n", indent, (int)(p - start), (const char *)start);
		while (*p == ' ')
			p++;
	}
}

static void print_text(FILE *f, const struct report *r, bool en)
{
	const char *lang = en ? "en" : "zh";
	char to[DAY_TEXT_LEN], from[DAY_TEXT_LEN], today[DAY_TEXT_LEN];
	day_format(r->to, to);
	day_format(r->today, today);
	fprintf(f, "%s · %s\n", r->unit_name, en ? "Campaign report" : "整改工作报告");
	if (r->from == DAY_NONE) {
		fprintf(f, en ? "Up to %s" : "截至 %s", to);
	} else {
		day_format(r->from, from);
		fprintf(f, en ? "%s to %s" : "%s 至 %s", from, to);
	}
	fprintf(f, en ? " (items by the day found, opinions by the day received; overdue as of %s)\n"
		      : "（问题按发现日期，意见建议按收到日期；超期截至 %s）\n",
		today);
	char *summary = report_summary(r, lang);
	fprintf(f, "\n%s\n", en ? "Summary" : "总结");
	wrapped(f, summary, 76, "  ");
	free(summary);
	struct report_row *rows = xcalloc(REPORT_ROWS_MAX, sizeof *rows);
	int n = report_rows(&r->f, lang, rows, REPORT_ROWS_MAX);
	struct buf label = BUF_INIT, value = BUF_INIT;
	for (int i = 0; i < n; i++) {
		if (i == 0 || rows[i].section != rows[i - 1].section)
			fprintf(f, "\n%s\n", code_label(&T_REPORT_SECTION, rows[i].section, lang));
		buf_reset(&label);
		buf_reset(&value);
		buf_puts(&label, rows[i].depth ? "    " : "  ");
		buf_puts(&label, rows[i].label);
		if (rows[i].label2)
			buf_printf(&label, "%s%s", en ? ": " : "：", rows[i].label2);
		value_text(&value, &rows[i], en);
		int pad = 64 - columns(buf_str(&label)) - (int)value.len;
		fprintf(f, "%s%*s%s\n", buf_str(&label), pad > 1 ? pad : 1, "", buf_str(&value));
	}
	buf_free(&label);
	buf_free(&value);
	free(rows);
}

static int write_out(struct cli *c, const char *out, const char *format, const struct report *r,
		     bool en)
{
	FILE *f = stdout;
	if (out && !(f = fopen(out, "w")))
		return cli_refuse(c, "%s: %s", out, cli_l(c, "无法写入", "cannot write it"));
	if (strcmp(format, "json") == 0) {
		json_t *j = report_to_json(r, en ? "en" : "zh");
		char *s = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
		json_decref(j);
		fprintf(f, "%s\n", s ? s : "");
		free(s);
	} else {
		print_text(f, r, en);
	}
	bool ok = !ferror(f);
	if (f != stdout)
		ok &= fclose(f) == 0;
	else
		ok &= fflush(f) == 0;
	return ok ? CLI_OK : cli_refuse(c, "%s: %s", out ? out : "stdout",
					cli_l(c, "写入失败", "write failed"));
}

int cmd_report(struct cli *c)
{
	const char *unit_ref = NULL, *format = "text", *out = NULL, *lang = NULL;
	int from = DAY_NONE, to = DAY_NONE;
	const struct opt_spec spec[] = {
		{"unit", OPT_TEXT, false, &unit_ref, 0, 0},
		{"from", OPT_DAY, false, &from, 0, 0},
		{"to", OPT_DAY, false, &to, 0, 0},
		{"format", OPT_TEXT, false, &format, 0, 0},
		{"out", OPT_TEXT, false, &out, 0, 0},
		{"lang", OPT_TEXT, false, &lang, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	if (c->help)
		return cli_help(help);
	int rc = cli_options(c, spec, "report");
	if (rc == CLI_OK)
		rc = cli_words(c, 1, "report");
	if (rc != CLI_OK)
		return rc;
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "xlsx") != 0)
		return cli_usage_error(c, "report", "--format %s: text, json, xlsx", format);
	if (strcmp(format, "xlsx") == 0 && !out)
		return cli_usage_error(c, "report", "%s",
				       cli_l(c, "xlsx 需要 --out FILE", "xlsx needs --out FILE"));
	if (lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
		return cli_usage_error(c, "report", "--lang %s: zh, en", lang);
	if (from != DAY_NONE && to != DAY_NONE && from > to)
		return cli_usage_error(c, "report", "%s",
				       cli_l(c, "--from 晚于 --to", "--from is after --to"));
	bool en = strcmp(lang ? lang : c->lang, "en") == 0;
	struct app a;
	if (cli_open(c, &a) != CLI_OK)
		return CLI_FAIL;
	struct actor sys;
	actor_init_system(&sys);
	struct qd_error e = {0};
	struct unit u = {0};
	struct unit_array roots = {0};
	qd_err err;
	if (unit_ref) {
		err = app_unit_find(&a, &sys, unit_ref, &u, &e);
	} else if ((err = app_unit_roots(&a, &sys, &roots, &e)) == QD_OK && roots.n == 0) {
		err = qd_fail(&e, QD_NOT_FOUND, "unit", "no units yet");
	} else if (err == QD_OK) {
		u.id = roots.v[0].id;
	}
	struct report r = {0};
	if (err == QD_OK)
		err = app_report(&a, &sys, u.id, from, to, &r, &e);
	if (err != QD_OK)
		rc = cli_fail(c, &e);
	else if (strcmp(format, "xlsx") == 0)
		rc = report_xlsx(&r, en ? "en" : "zh", out, &e) == QD_OK ? CLI_OK : cli_fail(c, &e);
	else
		rc = write_out(c, out, format, &r, en);
	report_clear(&r);
	unit_clear(&u);
	unit_array_free(&roots);
	actor_clear(&sys);
	app_close(&a);
	return rc;
}
