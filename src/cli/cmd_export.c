/* cmd_export.c: qingdan export - the lists of a unit's subtree as an xlsx
 * workbook (one sheet per list) or a CSV file (one list). */
#include "cli.h"
#include "../domain/codes.h"
#include "../util/buf.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"用法 / usage: qingdan export --unit ID|CODE [--format xlsx|csv] [--out FILE]\n"
	"       [--list items|measures|responsibility|opinions|all] [--bom] [--lang zh|en]\n"
	"       [--kind K] [--status S] [--source S] [--level L] [--mode M] [--overdue]\n"
	"\n"
	"  导出单位及其下级的台账。xlsx：每个清单一个工作表（默认全部）；CSV：一个清单\n"
	"  （默认问题清单），UTF-8，--bom 加 BOM 便于 Excel 打开。列见 docs/ledger-format.md。\n"
	"  Exports the ledger of a unit's subtree. xlsx: one sheet per list (default all);\n"
	"  CSV: one list (default items), UTF-8, --bom for Excel. Columns: docs/ledger-format.md.\n"
	"  --out: 输出文件（xlsx 必需；CSV 默认标准输出）/ the file (required for xlsx;\n"
	"         CSV goes to standard output without it)\n"
	"  筛选 / filters (items, measures): --kind problem|deed|case, --status\n"
	"         open|in_progress|review|closed, --source, --level, --mode (codes as in\n"
	"         docs/api.md), --overdue. 意见建议不含姓名和联系方式 / opinions go\n"
	"         out without names or contacts.\n";

struct export_opts {
	const char *unit, *format, *out, *list, *lang;
	const char *kind, *status, *source, *level, *mode;
	bool bom, overdue;
};

static int code_opt(struct cli *c, const struct code_table *t, const char *v, int *out)
{
	if (!v)
		return CLI_OK;
	*out = code_parse(t, v);
	return *out < 0 ? cli_usage_error(c, "export", "--%s %s: unknown", t->name, v) : CLI_OK;
}

static int filters(struct cli *c, const struct export_opts *o, struct item_filter *f)
{
	int rc = code_opt(c, &T_ITEM_KIND, o->kind, &f->kind);
	if (rc == CLI_OK)
		rc = code_opt(c, &T_STATUS, o->status, &f->status);
	if (rc == CLI_OK)
		rc = code_opt(c, &T_SOURCE, o->source, &f->source);
	if (rc == CLI_OK)
		rc = code_opt(c, &T_LEVEL, o->level, &f->level);
	if (rc == CLI_OK)
		rc = code_opt(c, &T_MODE, o->mode, &f->mode);
	f->overdue = o->overdue;
	f->today = day_today();
	return rc;
}

static int write_csv(struct cli *c, const struct table *t, const struct export_opts *o)
{
	struct buf b = BUF_INIT;
	csv_write(t, o->bom, &b);
	FILE *f = o->out ? fopen(o->out, "wb") : stdout;
	bool ok = f && fwrite(b.p ? b.p : "", 1, b.len, f) == b.len;
	if (f && f != stdout)
		ok = fclose(f) == 0 && ok;
	buf_free(&b);
	return ok ? CLI_OK : cli_refuse(c, "%s: %s", o->out ? o->out : "stdout",
					cli_l(c, "写入失败", "cannot write"));
}

static int run(struct cli *c, struct app *a, const struct export_opts *o, int first, int last)
{
	struct qd_error e = {0};
	struct actor sys;
	actor_init_system(&sys);
	struct unit u = {0};
	if (app_unit_find(a, &sys, o->unit, &u, &e) != QD_OK) {
		actor_clear(&sys);
		return cli_fail(c, &e);
	}
	int64_t unit = u.id;
	unit_clear(&u);
	struct table t[LL_COUNT];
	int n = 0, rc = CLI_OK;
	for (int l = first; l <= last && rc == CLI_OK; l++) {
		struct export_request rq;
		export_request_init(&rq, (enum ledger_list)l, unit);
		rq.lang = o->lang;
		rc = filters(c, o, &rq.items);
		if (rc == CLI_OK && app_export(a, &sys, &rq, &t[n], &e) != QD_OK)
			rc = cli_fail(c, &e);
		else if (rc == CLI_OK)
			n++;
	}
	if (rc == CLI_OK && strcmp(o->format, "csv") == 0)
		rc = write_csv(c, &t[0], o);
	else if (rc == CLI_OK && xlsx_write(t, n, o->out, &e) != QD_OK)
		rc = cli_fail(c, &e);
	if (rc == CLI_OK && o->out)
		for (int i = 0; i < n; i++)
			fprintf(stderr, "%s: %d %s\n", t[i].name, t[i].nrows, cli_l(c, "行", "rows"));
	for (int i = 0; i < n; i++)
		table_free(&t[i]);
	actor_clear(&sys);
	return rc;
}

int cmd_export(struct cli *c)
{
	if (c->help)
		return cli_help(help);
	struct export_opts o = {.format = "xlsx", .lang = c->lang};
	const struct opt_spec spec[] = {
		{"unit", OPT_TEXT, true, &o.unit, 0, 0},
		{"format", OPT_TEXT, false, &o.format, 0, 0},
		{"out", OPT_TEXT, false, &o.out, 0, 0},
		{"list", OPT_TEXT, false, &o.list, 0, 0},
		{"lang", OPT_TEXT, false, &o.lang, 0, 0},
		{"bom", OPT_FLAG, false, &o.bom, 0, 0},
		{"kind", OPT_TEXT, false, &o.kind, 0, 0},
		{"status", OPT_TEXT, false, &o.status, 0, 0},
		{"source", OPT_TEXT, false, &o.source, 0, 0},
		{"level", OPT_TEXT, false, &o.level, 0, 0},
		{"mode", OPT_TEXT, false, &o.mode, 0, 0},
		{"overdue", OPT_FLAG, false, &o.overdue, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "export");
	if (rc == CLI_OK)
		rc = cli_words(c, 1, "export");
	if (rc != CLI_OK)
		return rc;
	bool csv = strcmp(o.format, "csv") == 0;
	if (!csv && strcmp(o.format, "xlsx") != 0)
		return cli_usage_error(c, "export", "--format %s: xlsx or csv", o.format);
	if (!csv && !o.out)
		return cli_usage_error(c, "export", "%s", cli_l(c, "xlsx 需要 --out 文件", "xlsx needs --out FILE"));
	if (o.lang && strcmp(o.lang, "en") != 0 && strcmp(o.lang, "zh") != 0)
		return cli_usage_error(c, "export", "--lang %s: zh or en", o.lang);
	c->lang = o.lang;
	int first = 0, last = LL_COUNT - 1;
	if (o.list && strcmp(o.list, "all") != 0) {
		first = last = ledger_list_parse(o.list);
		if (first < 0)
			return cli_usage_error(c, "export", "--list %s: items, measures, responsibility, opinions or all", o.list);
	} else if (csv) {
		if (o.list)
			return cli_usage_error(c, "export", "%s", cli_l(c, "CSV 一次导出一个清单", "a CSV holds one list"));
		first = last = LL_ITEMS;
	}
	struct app a;
	if (cli_open(c, &a) != CLI_OK)
		return CLI_FAIL;
	rc = run(c, &a, &o, first, last);
	app_close(&a);
	return rc;
}
