/* cmd_import.c: qingdan import - ledgers in from xlsx and CSV files, with a
 * row-by-row report; all rows or none. */
#include "cli.h"
#include "../util/alloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT_FILE_MAX (1024u << 20)
#define IMPORT_MAX_FILES 8

static const char help[] =
	"用法 / usage: qingdan import --unit ID|CODE FILE... [--dry-run] [--map FILE]\n"
	"       [--lang zh|en] [--quiet]\n"
	"\n"
	"  导入台账：xlsx（问题清单及整改清单工作表）或 CSV（每个文件一个清单；UTF-8 或\n"
	"  Excel 保存的 GBK 均可）。按“问题编号”新增或更新：同一文件导入两次不会重复；\n"
	"  只要有一行出错就整体不导入，并逐行列出行号、列和原因。\n"
	"  Imports xlsx (the problem list and rectification list sheets) or CSV (one list\n"
	"  per file; UTF-8, or GBK as Excel saves it). Keyed by item number (问题编号):\n"
	"  importing a file twice changes nothing; with any bad row nothing is imported\n"
	"  and every bad row is listed with its row number, column and reason.\n"
	"  --unit     行所属单位的范围；单位列可写名称路径（如 三角城镇/三联村）或编码\n"
	"             the subtree the rows belong to; the unit column holds a name path\n"
	"             (三角城镇/三联村) or the unit code column a code\n"
	"  --dry-run  只校验，逐行报告，不写入 / check and report every row, write nothing\n"
	"  --map F    表头映射文件，每行“原表头 = 标准列名” / header mapping file, lines\n"
	"             \"their header = our column\" (docs/ledger-format.md)\n"
	"  --quiet    只列出错误和提示 / list only errors and warnings\n"
	"  退出码 / exit: 0 imported (or dry run clean), 1 rows in error or refused, 2 usage\n";

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* Read each file into the book: an xlsx gives its sheets, a CSV one. */
static int read_book(struct cli *c, const char **files, int n, struct grid_book *book,
		     const char **charset)
{
	for (int i = 0; i < n; i++) {
		size_t len = 0;
		char *data = cli_read_file(c, files[i], IMPORT_FILE_MAX, &len);
		if (!data)
			return CLI_FAIL;
		struct qd_error e = {0};
		qd_err r;
		bool zip = len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
		if (zip || ends_with(files[i], ".xlsx")) {
			struct grid_book b = {0};
			r = xlsx_read(data, len, &b, &e);
			if (r == QD_OK) {
				book->sheets = xrealloc(book->sheets, sizeof *book->sheets *
									 (size_t)(book->n + b.n));
				memcpy(book->sheets + book->n, b.sheets, sizeof *b.sheets * (size_t)b.n);
				book->n += b.n;
				free(b.sheets);
			}
		} else {
			struct grid g = {0};
			r = csv_read(data, len, &g, charset, &e);
			if (r == QD_OK) { /* the report names rows by file */
				const char *slash = strrchr(files[i], '/');
				free(g.name);
				g.name = xstrdup(slash ? slash + 1 : files[i]);
				book->sheets = xrealloc(book->sheets, sizeof *book->sheets * (size_t)(book->n + 1));
				book->sheets[book->n++] = g;
			}
		}
		free(data);
		if (r != QD_OK) {
			fprintf(stderr, "%s: ", files[i]);
			return cli_fail(c, &e);
		}
	}
	return CLI_OK;
}

static const char *outcome(const struct cli *c, enum import_outcome w)
{
	switch (w) {
	case IMP_NEW:
		return cli_l(c, "新增", "added");
	case IMP_UPDATED:
		return cli_l(c, "更新", "updated");
	case IMP_UNCHANGED:
		return cli_l(c, "无变化", "unchanged");
	case IMP_ERROR:
		return cli_l(c, "错误", "error");
	default:
		return cli_l(c, "提示", "warning");
	}
}

static void print_report(struct cli *c, const struct import_report *r, bool quiet)
{
	for (int i = 0; i < r->n; i++) {
		const struct import_line *l = &r->v[i];
		bool problem = l->what == IMP_ERROR || l->what == IMP_WARNING;
		if (quiet && !problem)
			continue;
		FILE *f = problem ? stderr : stdout;
		if (*l->sheet)
			fprintf(f, "%s ", l->sheet);
		fprintf(f, cli_l(c, "第 %d 行 %s", "row %d %s"), l->row, outcome(c, l->what));
		if (*l->ext_id)
			fprintf(f, " %s", l->ext_id);
		if (*l->column)
			fprintf(f, " [%s]", l->column);
		if (*l->message)
			fprintf(f, "%s%s", problem ? ": " : " ", l->message);
		fputc('\n', f);
	}
	if (r->charset)
		printf(cli_l(c, "文件编码 %s，已转换为 UTF-8\n", "file encoding %s, converted to UTF-8\n"),
		       r->charset);
	printf(cli_l(c, "共 %d 行：新增 %d，更新 %d，无变化 %d，错误 %d，提示 %d%s\n",
		     "%d rows: %d added, %d updated, %d unchanged, %d in error, %d warnings%s\n"),
	       r->rows, r->added, r->updated, r->unchanged, r->errors,
	       r->warnings,
	       r->dry_run ? cli_l(c, "（试导入，未写入）", " (dry run: nothing written)")
	       : r->applied ? cli_l(c, "（已导入）", " (imported)")
			    : cli_l(c, "（未导入任何数据）", " (nothing imported)"));
}

int cmd_import(struct cli *c)
{
	if (c->help)
		return cli_help(help);
	const char *unit = NULL, *mapfile = NULL, *lang = c->lang;
	bool dry = false, quiet = false;
	const struct opt_spec spec[] = {
		{"unit", OPT_TEXT, true, &unit, 0, 0},
		{"map", OPT_TEXT, false, &mapfile, 0, 0},
		{"lang", OPT_TEXT, false, &lang, 0, 0},
		{"dry-run", OPT_FLAG, false, &dry, 0, 0},
		{"quiet", OPT_FLAG, false, &quiet, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "import");
	if (rc != CLI_OK)
		return rc;
	if (strcmp(lang, "en") != 0 && strcmp(lang, "zh") != 0)
		return cli_usage_error(c, "import", "--lang %s: zh or en", lang);
	c->lang = lang; /* the report's frame in the language of its lines */
	int nfiles = c->nwords - 1;
	if (nfiles < 1)
		return cli_usage_error(c, "import", "%s", cli_l(c, "请给出要导入的文件", "give the files to import"));
	if (nfiles > IMPORT_MAX_FILES)
		return cli_usage_error(c, "import", "at most %d files", IMPORT_MAX_FILES);
	struct ledger_map map = {0};
	struct qd_error e = {0};
	if (mapfile) {
		size_t len;
		char *text = cli_read_file(c, mapfile, 1 << 20, &len);
		if (!text)
			return CLI_FAIL;
		qd_err r = ledger_map_parse(text, &map, &e);
		free(text);
		if (r != QD_OK) {
			fprintf(stderr, "%s: ", mapfile);
			return cli_fail(c, &e);
		}
	}
	struct grid_book book = {0};
	const char *charset = NULL;
	rc = read_book(c, c->words + 1, nfiles, &book, &charset);
	struct app a;
	if (rc == CLI_OK && cli_open(c, &a) != CLI_OK)
		rc = CLI_FAIL;
	else if (rc == CLI_OK) {
		struct unit u = {0};
		struct actor sys;
		actor_init_system(&sys);
		struct import_report rep;
		struct import_request rq = {.map = map.n ? &map : NULL, .dry_run = dry, .lang = lang};
		memset(&rep, 0, sizeof rep);
		if (app_unit_find(&a, &sys, unit, &u, &e) != QD_OK) {
			rc = cli_fail(c, &e);
		} else {
			rq.unit_id = u.id;
			qd_err r = app_import(&a, &sys, &book, &rq, &rep, &e);
			if (charset && strcmp(charset, "UTF-8") != 0)
				rep.charset = charset;
			print_report(c, &rep, quiet);
			if (r != QD_OK)
				rc = cli_fail(c, &e);
		}
		import_report_free(&rep);
		unit_clear(&u);
		actor_clear(&sys);
		app_close(&a);
	}
	grid_book_free(&book);
	ledger_map_free(&map);
	return rc;
}
