/* test_ledger_io.c: the ledger file layer (src/ledger): tables and their
 * CSV form, the CSV reader with its character sets, xlsx written with
 * libxlsxwriter and read back, merged ranges, workbooks made by hand with
 * libzip, and hostile files. */
#include "tap.h"
#include "ledger/grid.h"
#include "ledger/table.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/date.h"
#include <iconv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

/* ---- helpers ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_append(&b, chunk, n);
	fclose(fp);
	*len = b.len;
	return buf_steal(&b);
}

/* A fresh temporary file name with the given suffix; caller unlinks. */
static void temp_path(char *out, size_t n, const char *suffix)
{
	snprintf(out, n, "/tmp/qd-ledger-XXXXXX%s", suffix);
	int fd = mkstemps(out, (int)strlen(suffix));
	if (fd >= 0)
		close(fd);
}

static char *to_gb18030(const char *utf8, size_t *len)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	size_t inleft = strlen(utf8), outleft = inleft * 2 + 4;
	char *out = xmalloc(outleft), *o = out, *in = (char *)utf8;
	size_t cap = outleft;
	if (cd == (iconv_t)-1 || iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1)
		*len = 0;
	else
		*len = cap - outleft;
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	return out;
}

struct entry {
	const char *name, *text;
};

/* A zip of the entries (NULL-terminated list), in memory; caller frees.
 * Entries are stored uncompressed when store. */
static char *make_zip_opt(const struct entry *files, bool store, size_t *len)
{
	char path[64];
	temp_path(path, sizeof path, ".zip");
	int err;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	for (const struct entry *f = files; za && f->name; f++) {
		zip_source_t *s = zip_source_buffer(za, f->text, strlen(f->text), 0);
		zip_int64_t idx = zip_file_add(za, f->name, s, ZIP_FL_ENC_UTF_8);
		if (idx < 0)
			zip_source_free(s);
		else if (store)
			zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (za)
		zip_close(za);
	char *data = slurp(path, len);
	unlink(path);
	return data;
}

static char *make_zip(const struct entry *files, size_t *len)
{
	return make_zip_opt(files, false, len);
}

/* ---- tables and CSV writing ---- */

static const struct table_col cols[] = {
	{"序号", 6, CK_INT},    {"单位", 16, CK_TEXT},     {"发现日期", 12, CK_DATE},
	{"金额", 10, CK_NUM},   {"问题描述", 40, CK_TEXT}, {"备注,说明", 10, CK_TEXT},
};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))

static void fill_table(struct table *t, const char *name)
{
	table_init(t, name, cols, NCOLS);
	struct tcell *r = table_add_row(t);
	tcell_int(&r[0], 1);
	tcell_text(&r[1], "三联村");
	tcell_date(&r[2], day_from_civil(2026, 11, 22));
	tcell_num(&r[3], 1234.567);
	tcell_text(&r[4], "路灯不亮, 已报修");
	tcell_text(&r[5], "他说\"明天修\"");
	r = table_add_row(t);
	tcell_int(&r[0], -2);
	tcell_text(&r[1], "城关镇");
	tcell_date(&r[2], DAY_NONE);
	tcell_num(&r[3], 0.5);
	tcell_text(&r[4], "第一行\r\n第二行");
	tcell_text(&r[5], "");
	r = table_add_row(t);
	tcell_int(&r[0], 3000000000LL);
	tcell_text(&r[1], NULL);
	tcell_num(&r[3], -7);
	tcell_text(&r[4], "单行\n换行");
}

static void test_table(void)
{
	struct table t;
	fill_table(&t, "问题清单");
	is_int(t.nrows, 3, "three rows added");
	const struct tcell *c = table_cell(&t, 0, 1);
	ok(c && c->k == CK_TEXT && strcmp(c->s, "三联村") == 0, "text cell kept");
	is_int(table_cell(&t, 1, 2)->k, CK_EMPTY, "DAY_NONE leaves the cell empty");
	is_int(table_cell(&t, 1, 5)->k, CK_EMPTY, "\"\" leaves the cell empty");
	is_int(table_cell(&t, 2, 1)->k, CK_EMPTY, "NULL leaves the cell empty");
	ok(table_cell(&t, 3, 0) == NULL && table_cell(&t, 0, NCOLS) == NULL &&
		   table_cell(&t, -1, 0) == NULL,
	   "table_cell outside is NULL");
	/* Replacing a text cell frees the old text (ASan would see a leak). */
	struct tcell *r = table_add_row(&t);
	tcell_text(&r[1], "先");
	tcell_int(&r[1], 9);
	is_int(r[1].k, CK_INT, "a cell can change kind");
	ok(r[1].s == NULL, "text released when the kind changes");
	/* Many rows: the cells move, earlier values stay. */
	for (int i = 0; i < 1000; i++)
		tcell_int(&table_add_row(&t)[0], i);
	is_int(table_cell(&t, 1003, 0)->i, 999, "row 1003 after growth");
	ok(strcmp(table_cell(&t, 0, 1)->s, "三联村") == 0, "row 0 after growth");
	table_free(&t);
	is_int(t.nrows, 0, "table_free empties the table");
}

static const char expect_csv[] =
	"序号,单位,发现日期,金额,问题描述,\"备注,说明\"\r\n"
	"1,三联村,2026-11-22,1234.57,\"路灯不亮, 已报修\",\"他说\"\"明天修\"\"\"\r\n"
	"-2,城关镇,,0.50,\"第一行\r\n第二行\",\r\n"
	"3000000000,,,-7.00,\"单行\n换行\",\r\n";

static void test_csv_write(void)
{
	struct table t;
	fill_table(&t, "问题清单");
	struct buf out = BUF_INIT;
	csv_write(&t, false, &out);
	is_str(buf_str(&out), expect_csv, "CSV: quoting, doubled quotes, CRLF, dates, numbers");
	buf_free(&out);
	csv_write(&t, true, &out);
	ok(out.len == strlen(expect_csv) + 3 && memcmp(out.p, "\xEF\xBB\xBF", 3) == 0 &&
		   strcmp(out.p + 3, expect_csv) == 0,
	   "BOM first, then the same text");
	buf_free(&out);

	struct table empty;
	table_init(&empty, "空", cols, 2);
	csv_write(&empty, false, &out);
	is_str(buf_str(&out), "序号,单位\r\n", "a table without rows is its header");
	buf_free(&out);
	table_free(&empty);

	table_init(&empty, "x", cols, 1);
	tcell_num(&table_add_row(&empty)[0], NAN);
	tcell_num(&table_add_row(&empty)[0], -0.004);
	tcell_num(&table_add_row(&empty)[0], 0.125);
	tcell_date(&table_add_row(&empty)[0], 0);
	csv_write(&empty, false, &out);
	is_str(buf_str(&out), "序号\r\n\r\n0.00\r\n0.12\r\n1970-01-01\r\n",
	       "NaN is empty, no negative zero, day 0");
	table_free(&empty);
	buf_free(&out);
	table_free(&t);
}

/* ---- CSV reading ---- */

static void test_csv_roundtrip(void)
{
	struct table t;
	fill_table(&t, "问题清单");
	struct buf csv = BUF_INIT;
	csv_write(&t, true, &csv);
	struct grid g;
	struct qd_error e = {0};
	const char *cs = NULL;
	is_int(csv_read(csv.p, csv.len, &g, &cs, &e), QD_OK, "csv_write output reads back");
	is_str(cs, "UTF-8", "charset UTF-8");
	is_int(g.nrows, 4, "header and three rows");
	is_int(g.ncols, NCOLS, "all columns");
	is_str(g.name, "", "a CSV grid has no name");
	is_str(grid_text(&g, 0, 0), "序号", "BOM removed from the first cell");
	is_str(grid_text(&g, 0, 5), "备注,说明", "quoted header");
	is_str(grid_text(&g, 1, 2), "2026-11-22", "date text");
	is_str(grid_text(&g, 1, 3), "1234.57", "number text");
	is_str(grid_text(&g, 1, 5), "他说\"明天修\"", "doubled quotes undone");
	is_str(grid_text(&g, 2, 4), "第一行\r\n第二行", "CRLF inside a field kept");
	is_str(grid_text(&g, 3, 4), "单行\n换行", "LF inside a field kept");
	is_str(grid_text(&g, 3, 0), "3000000000", "large integer");
	is_str(grid_text(&g, 3, 1), "", "empty cell");
	ok(!grid_cell(&g, 1, 3)->number, "CSV cells are not numbers");
	ok(grid_cell(&g, 4, 0) == NULL && grid_cell(&g, 0, NCOLS) == NULL, "grid_cell outside");
	is_str(grid_text(&g, 99, 99), "", "grid_text outside is \"\"");
	grid_free(&g);
	grid_free(&g); /* twice is harmless */
	buf_free(&csv);
	table_free(&t);
}

static void test_csv_gbk(void)
{
	static const char utf8[] = "单位,问题描述\r\n三联村,路灯不亮\r\n";
	size_t len;
	char *gbk = to_gb18030(utf8, &len);
	ok(len > 0 && len < strlen(utf8), "GB18030 bytes built with iconv (%zu bytes)", len);
	is_str(charset_detect(gbk, len), "GB18030", "charset_detect: GB18030");
	is_str(charset_detect(utf8, strlen(utf8)), "UTF-8", "charset_detect: UTF-8");
	is_str(charset_detect("\xEF\xBB\xBF" "abc", 6), "UTF-8", "charset_detect: UTF-8 with BOM");
	ok(charset_detect("\x80\x80", 2) == NULL, "charset_detect: neither");
	ok(charset_detect("a\0b", 3) == NULL, "charset_detect: NUL is not text");

	struct grid g;
	struct qd_error e = {0};
	const char *cs = NULL;
	is_int(csv_read(gbk, len, &g, &cs, &e), QD_OK, "GBK CSV reads");
	is_str(cs, "GB18030", "charset reported");
	is_int(g.nrows, 2, "two rows");
	is_str(grid_text(&g, 0, 1), "问题描述", "header converted to UTF-8");
	is_str(grid_text(&g, 1, 0), "三联村", "cell converted");
	is_str(grid_text(&g, 1, 1), "路灯不亮", "last cell converted");
	grid_free(&g);
	free(gbk);

	char *out;
	size_t outlen;
	is_int(charset_to_utf8("\xEF\xBB\xBFok", 5, &out, &outlen, &cs, &e), QD_OK, "BOM text");
	ok(outlen == 2 && strcmp(out, "ok") == 0, "BOM stripped, NUL-terminated");
	free(out);
	is_int(charset_to_utf8("\xEF\xBB\xBF\xC0\x80", 5, &out, &outlen, &cs, &e), QD_BAD_FILE,
	       "a BOM before invalid UTF-8");
	ok(out == NULL, "no output on error");
}

/* Read text as CSV; the grid's cells joined: cells by "|", rows by "/". */
static qd_err csv_shape(const char *text, size_t len, struct buf *out, struct qd_error *e)
{
	struct grid g;
	qd_err r = csv_read(text, len, &g, NULL, e);
	buf_reset(out);
	for (int row = 0; r == QD_OK && row < g.nrows; row++) {
		if (row)
			buf_putc(out, '/');
		for (int c = 0; c < g.ncols; c++)
			buf_printf(out, "%s%s", c ? "|" : "", grid_text(&g, row, c));
	}
	grid_free(&g);
	return r;
}

static void test_csv_shapes(void)
{
	static const struct {
		const char *in, *want, *what;
	} cases[] = {
		{"a;b;c\n1;2;3\n", "a|b|c/1|2|3", "semicolons"},
		{"a;b;c,d\n1;2,3;4\n", "a|b|c,d/1|2,3|4", "more semicolons than commas"},
		{"a;b,c\n", "a;b|c", "a tie goes to the comma"},
		{"a\tb\n1\t2", "a|b/1|2", "tabs, no final line end"},
		{"\"x;y;z\",b\n1,2\n", "x;y;z|b/1|2", "delimiters inside quotes do not count"},
		{"a,b\r1,2\r", "a|b/1|2", "CR line ends"},
		{"a,b\r\n1,2\r\n", "a|b/1|2", "CRLF line ends"},
		{"a,b,c\n1\n", "a|b|c/1||", "short rows padded"},
		{"a\n1,2,3\n", "a||/1|2|3", "the widest row sets the columns"},
		{"a\n\n\n", "a", "trailing blank lines dropped"},
		{"a\n\nb\n", "a//b", "a blank line inside is a row"},
		{" a , b \n", " a | b ", "spaces kept"},
		{"\"a\"\"b\",\"\"\n", "a\"b|", "quotes doubled, empty quoted field"},
		{"x\"y,\"z\"w\n", "x\"y|zw", "stray quotes taken literally"},
		{"\"multi\nline\",2\n3,4", "multi\nline|2/3|4", "newline inside quotes"},
		{"a,\n", "a|", "empty last field"},
		{"\xEF\xBB\xBF" "id;name\n", "id|name", "BOM before semicolons"},
	};
	struct buf out = BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct qd_error e = {0};
		qd_err r = csv_shape(cases[i].in, strlen(cases[i].in), &out, &e);
		if (r != QD_OK)
			diag("error: %s", e.detail);
		is_str(buf_str(&out), cases[i].want, "CSV: %s", cases[i].what);
	}
	buf_free(&out);
}

static void test_csv_errors(void)
{
	static const struct {
		const char *in;
		size_t len;
		const char *detail;
	} cases[] = {
		{"", 0, "empty file"},
		{" \r\n\t\n", 5, "empty file"},
		{"\"\"", 2, "empty file"}, /* found by fuzz_csv */
		{"\"\"\r\n\r\n", 6, "empty file"},
		{"a,b\n1,\"oops\n2,3\n", 16, "line 2: unterminated quote"},
		{"\"a\nb\nc", 6, "line 1: unterminated quote"},
		{"a,b\n1\0002\n", 8, "NUL byte at offset 5: not a text file"},
		{"\x80\x80x", 3, "neither UTF-8 nor GBK/GB18030"},
		{"\xFF\xFE" "a\0", 4, "UTF-16 text: save the file as CSV (UTF-8)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct grid g;
		struct qd_error e = {0};
		qd_err r = csv_read(cases[i].in, cases[i].len, &g, NULL, &e);
		is_int(r, QD_BAD_FILE, "bad CSV %zu refused", i);
		is_str(e.detail, cases[i].detail, "detail %zu", i);
		ok(g.cells == NULL && g.nrows == 0, "no grid %zu", i);
	}

	struct buf b = BUF_INIT;
	for (int i = 0; i < GRID_MAX_COLS; i++)
		buf_putc(&b, ',');
	buf_puts(&b, "\n");
	struct grid g;
	struct qd_error e = {0};
	is_int(csv_read(b.p, b.len, &g, NULL, &e), QD_BAD_FILE, "257 columns refused");
	is_str(e.detail, "line 1: more than 256 columns", "columns detail");
	buf_reset(&b);
	for (int i = 1; i < GRID_MAX_COLS; i++)
		buf_putc(&b, ',');
	is_int(csv_read(b.p, b.len, &g, NULL, &e), QD_OK, "256 columns accepted");
	is_int(g.ncols, GRID_MAX_COLS, "256 columns read");
	grid_free(&g);

	buf_reset(&b);
	buf_puts(&b, "a\nb,\"");
	for (int i = 0; i < GRID_MAX_CELL; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, "\"\n");
	is_int(csv_read(b.p, b.len, &g, NULL, &e), QD_OK, "a cell of exactly the limit");
	is_int(strlen(grid_text(&g, 1, 1)), GRID_MAX_CELL, "its text whole");
	grid_free(&g);
	buf_reset(&b);
	buf_puts(&b, "a\nb,");
	for (int i = 0; i <= GRID_MAX_CELL; i++)
		buf_putc(&b, 'x');
	is_int(csv_read(b.p, b.len, &g, NULL, &e), QD_BAD_FILE, "a longer cell refused");
	is_str(e.detail, "line 2: a cell longer than 32768 bytes", "cell limit detail");

	/* A wide header over many blank lines would pad to many cells. */
	buf_reset(&b);
	for (int i = 1; i < 200; i++)
		buf_putc(&b, ',');
	for (int i = 0; i < GRID_MAX_CELLS / 199 + 10; i++)
		buf_puts(&b, "\nx");
	is_int(csv_read(b.p, b.len, &g, NULL, &e), QD_BAD_FILE, "padding past the cell limit");
	ok(strstr(e.detail, "more than 40000000 cells") != NULL, "cells detail: %s", e.detail);
	buf_free(&b);
}

/* ---- xlsx written, then read ---- */

/* Write tables to a temporary xlsx and read its bytes back. */
static char *xlsx_bytes(const struct table *t, int n, size_t *len)
{
	char path[64];
	temp_path(path, sizeof path, ".xlsx");
	struct qd_error e = {0};
	char *data = NULL;
	if (xlsx_write(t, n, path, &e) == QD_OK)
		data = slurp(path, len);
	else
		diag("xlsx_write: %s", e.detail);
	unlink(path);
	return data;
}

static void test_xlsx_roundtrip(void)
{
	struct table t[3];
	fill_table(&t[0], "问题清单");
	fill_table(&t[1], "问题清单");
	fill_table(&t[2], "一个很长的名字:含有[不允许]的字符/以及更多更多更多的字123456789");
	size_t len = 0;
	char *data = xlsx_bytes(t, 3, &len);
	ok(data && len > 1000, "xlsx written (%zu bytes)", len);
	struct grid_book b;
	struct qd_error e = {0};
	qd_err r = xlsx_read(data, len, &b, &e);
	is_int(r, QD_OK, "xlsx reads back");
	if (r != QD_OK)
		diag("%s", e.detail);
	is_int(b.n, 3, "three sheets");
	if (b.n == 3) {
		is_str(b.sheets[0].name, "问题清单", "sheet name");
		is_str(b.sheets[1].name, "问题清单 (2)", "a repeated name made unique");
		is_str(b.sheets[2].name, "一个很长的名字_含有_不允许_的字符_以及更多更多更多的字12",
		       "forbidden characters replaced, cut to 31 characters");
	}
	const struct grid *g = b.n ? &b.sheets[0] : NULL;
	if (g) {
		is_int(g->nrows, 4, "header and three rows");
		is_int(g->ncols, NCOLS, "six columns");
		is_str(grid_text(g, 0, 0), "序号", "header text");
		is_str(grid_text(g, 0, 5), "备注,说明", "header with a comma");
		is_str(grid_text(g, 1, 2), "46348", "2026-11-22 as serial 46348");
		ok(grid_cell(g, 1, 2)->number, "a date is a number");
		is_str(grid_text(g, 1, 0), "1", "int");
		ok(grid_cell(g, 1, 0)->number, "int is a number");
		is_str(grid_text(g, 3, 0), "3000000000", "large int");
		is_str(grid_text(g, 1, 3), "1234.567", "CK_NUM keeps its value");
		is_str(grid_text(g, 2, 0), "-2", "negative int");
		is_str(grid_text(g, 1, 1), "三联村", "Chinese text");
		ok(!grid_cell(g, 1, 1)->number, "text is not a number");
		is_str(grid_text(g, 2, 4), "第一行\r\n第二行", "CR and LF survive");
		is_str(grid_text(g, 1, 5), "他说\"明天修\"", "quotes");
		is_str(grid_text(g, 2, 2), "", "empty date cell");
		is_str(grid_text(g, 2, 5), "", "empty text cell left blank");
		is_str(grid_text(g, 3, 1), "", "NULL text left blank");
	}
	grid_book_free(&b);
	grid_book_free(&b);

	/* Truncated: the central directory is gone. */
	r = xlsx_read(data, len / 2, &b, &e);
	is_int(r, QD_BAD_FILE, "a truncated xlsx is refused");
	is_str(e.detail, "not an xlsx file (zip)", "truncated detail");
	ok(b.sheets == NULL && b.n == 0, "no book on error");
	free(data);
	for (int i = 0; i < 3; i++)
		table_free(&t[i]);

	struct qd_error we = {0};
	is_int(xlsx_write(t, 1, "/nonexistent-dir/x.xlsx", &we), QD_INTERNAL, "unwritable path");
	ok(strstr(we.detail, "/nonexistent-dir/x.xlsx") != NULL, "detail names the path: %s",
	   we.detail);
}

static void test_xlsx_empty_table(void)
{
	struct table t;
	table_init(&t, "", cols, 3);
	size_t len = 0;
	char *data = xlsx_bytes(&t, 1, &len);
	struct grid_book b;
	struct qd_error e = {0};
	is_int(xlsx_read(data, len, &b, &e), QD_OK, "a table without rows");
	ok(b.n == 1 && strcmp(b.sheets[0].name, "Sheet1") == 0, "default sheet name");
	ok(b.n == 1 && b.sheets[0].nrows == 1 && b.sheets[0].ncols == 3, "header only");
	grid_book_free(&b);
	free(data);
	table_free(&t);
}

/* A workbook as offices make them: a merged title, a two-row header with
 * a group cell over three columns and cells merged over both rows. */
static char *merged_workbook(size_t *len)
{
	char path[64];
	temp_path(path, sizeof path, ".xlsx");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "台账");
	lxw_format *f = workbook_add_format(wb);
	format_set_align(f, LXW_ALIGN_CENTER);
	worksheet_merge_range(ws, 0, 0, 0, 5, "2026年问题清单", f);
	worksheet_merge_range(ws, 1, 0, 2, 0, "序号", f);
	worksheet_merge_range(ws, 1, 1, 2, 1, "单位", f);
	worksheet_merge_range(ws, 1, 2, 1, 4, "整改情况", f);
	worksheet_merge_range(ws, 1, 5, 2, 5, "备注", f);
	worksheet_write_string(ws, 2, 2, "责任人", NULL);
	worksheet_write_string(ws, 2, 3, "期限", NULL);
	worksheet_write_string(ws, 2, 4, "状态", NULL);
	worksheet_merge_range(ws, 3, 0, 4, 0, "", f);
	worksheet_write_number(ws, 3, 0, 7, f);
	worksheet_write_string(ws, 3, 1, "三联村", NULL);
	worksheet_write_string(ws, 4, 1, "城关镇", NULL);
	worksheet_write_string(ws, 3, 2, "张三", NULL);
	worksheet_write_boolean(ws, 4, 4, 1, NULL);
	worksheet_merge_range(ws, 6, 6, 8, 9, "outside", f); /* past the data: clipped */
	workbook_add_worksheet(wb, "空表");
	char *data = workbook_close(wb) == LXW_NO_ERROR ? slurp(path, len) : NULL;
	unlink(path);
	return data;
}

static void test_xlsx_merged(void)
{
	size_t len = 0;
	char *data = merged_workbook(&len);
	struct grid_book b;
	struct qd_error e = {0};
	is_int(xlsx_read(data, len, &b, &e), QD_OK, "merged workbook reads");
	is_int(b.n, 2, "two sheets");
	const struct grid *g = b.n ? &b.sheets[0] : NULL;
	if (g) {
		is_int(g->nrows, 7, "rows up to the last value (a merge's top-left)");
		is_int(g->ncols, 7, "columns up to the last value");
		for (int c = 0; c < 6; c++)
			is_str(grid_text(g, 0, c), "2026年问题清单", "title fills A1:F1, column %d", c);
		is_str(grid_text(g, 0, 6), "", "G1 is outside the title");
		is_str(grid_text(g, 1, 0), "序号", "序号 in A2");
		is_str(grid_text(g, 2, 0), "序号", "序号 fills A3");
		is_str(grid_text(g, 2, 1), "单位", "单位 fills B3");
		for (int c = 2; c <= 4; c++)
			is_str(grid_text(g, 1, c), "整改情况", "group cell fills row 2, column %d", c);
		is_str(grid_text(g, 2, 2), "责任人", "sub-header C3");
		is_str(grid_text(g, 2, 4), "状态", "sub-header E3");
		is_str(grid_text(g, 2, 5), "备注", "备注 fills F3");
		is_str(grid_text(g, 4, 0), "7", "a merged number fills A5");
		ok(grid_cell(g, 4, 0)->number, "and stays a number");
		is_str(grid_text(g, 4, 1), "城关镇", "unmerged cell below");
		is_str(grid_text(g, 4, 4), "TRUE", "boolean");
		ok(!grid_cell(g, 4, 4)->number, "a boolean is not a number");
		is_str(grid_text(g, 6, 6), "outside", "a merge past the data is clipped to the grid");
	}
	if (b.n == 2)
		ok(b.sheets[1].nrows == 0 && b.sheets[1].ncols == 0 &&
			   strcmp(b.sheets[1].name, "空表") == 0,
		   "an empty sheet is an empty grid");
	grid_book_free(&b);
	free(data);
}

/* ---- hand-made workbooks ---- */

#define CT "[Content_Types].xml"
#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	   "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define RELS_NS "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""
#define T_WS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
#define T_SST "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
#define T_CH "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet"

static const char wb_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " NS "><sheets>"
	"<sheet name=\"数据\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<sheet name=\"图\" sheetId=\"2\" r:id=\"rId3\"/>"
	"</sheets></workbook>";
static const char rels_xml[] =
	"<Relationships " RELS_NS ">"
	"<Relationship Id=\"rId1\" Type=\"" T_WS "\" Target=\"/xl/worksheets/s1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" T_SST "\" Target=\"./strings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" T_CH "\" Target=\"chartsheets/c1.xml\"/>"
	"</Relationships>";
static const char sst_xml[] =
	"<sst " NS " count=\"3\" uniqueCount=\"3\">"
	"<si><t>单位</t></si>"
	"<si><r><rPr><b/></rPr><t>问题</t></r><r><t xml:space=\"preserve\"> 描述</t></r>"
	"<rPh sb=\"0\" eb=\"1\"><t>もんだい</t></rPh></si>"
	"<si><t>a_x000D_b_x005F_x0041_</t></si>"
	"</sst>";

/* A workbook with the given sheet XML in the hand-made frame above. */
static char *hand_book(const char *sheet, size_t *len)
{
	const struct entry files[] = {
		{CT, "<Types/>"},
		{"xl/workbook.xml", wb_xml},
		{"xl/_rels/workbook.xml.rels", rels_xml},
		{"xl/strings.xml", sst_xml},
		{"xl/worksheets/s1.xml", sheet},
		{NULL, NULL},
	};
	return make_zip(files, len);
}

static qd_err read_hand(const char *sheet, struct grid_book *b, struct qd_error *e)
{
	size_t len = 0;
	char *data = hand_book(sheet, &len);
	qd_err r = xlsx_read(data, len, b, e);
	free(data);
	return r;
}

static void test_xlsx_hand(void)
{
	static const char sheet[] =
		"<worksheet " NS "><sheetData>"
		"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c>"
		"<c r=\"D1\" t=\"s\" s=\"2\"><v>2</v></c></row>"
		"<row r=\"3\"><c t=\"inlineStr\"><is><t>内联</t></is></c>"
		"<c t=\"str\"><f>A1&amp;\"\"</f><v>公式 &lt;结果&gt;</v></c>"
		"<c t=\"b\"><v>0</v></c><c t=\"e\"><v>#N/A</v></c>"
		"<c r=\"F3\"><v>1.0E-2</v></c><c r=\"G3\" s=\"1\"/><c r=\"H3\"><v></v></c></row>"
		"<row><c><v>42</v></c></row>"
		"</sheetData></worksheet>";
	struct grid_book b;
	struct qd_error e = {0};
	qd_err r = read_hand(sheet, &b, &e);
	is_int(r, QD_OK, "hand-made workbook reads");
	if (r != QD_OK)
		diag("%s", e.detail);
	is_int(b.n, 1, "the chart sheet is skipped");
	const struct grid *g = b.n ? &b.sheets[0] : NULL;
	if (g) {
		is_str(g->name, "数据", "sheet name from the workbook");
		is_int(g->nrows, 4, "rows to the last one with a value");
		is_int(g->ncols, 6, "columns to the last with a value (G3, H3 are blank)");
		is_str(grid_text(g, 0, 0), "单位", "shared string");
		is_str(grid_text(g, 0, 1), "问题 描述", "rich text runs joined, phonetics left out");
		is_str(grid_text(g, 0, 2), "", "C1 not given");
		is_str(grid_text(g, 0, 3), "a\rb_x0041_", "_xHHHH_ escapes decoded");
		is_str(grid_text(g, 1, 0), "", "row 2 skipped");
		is_str(grid_text(g, 2, 0), "内联", "inline string");
		is_str(grid_text(g, 2, 1), "公式 <结果>", "formula string result");
		is_str(grid_text(g, 2, 2), "FALSE", "boolean");
		is_str(grid_text(g, 2, 3), "#N/A", "error value");
		ok(!grid_cell(g, 2, 3)->number, "an error is not a number");
		is_str(grid_text(g, 2, 5), "1.0E-2", "number text as stored");
		ok(grid_cell(g, 2, 5)->number, "number flag");
		is_str(grid_text(g, 3, 0), "42", "a row without r follows the last");
	}
	grid_book_free(&b);

	/* A prefixed namespace, as some generators write. */
	static const char prefixed[] =
		"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		"<x:sheetData><x:row r=\"2\"><x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t>前缀</x:t>"
		"</x:is></x:c></x:row></x:sheetData>"
		"<x:mergeCells count=\"1\"><x:mergeCell ref=\"B2:C3\"/></x:mergeCells></x:worksheet>";
	r = read_hand(prefixed, &b, &e);
	is_int(r, QD_OK, "namespace prefixes read");
	if (r == QD_OK) {
		is_str(grid_text(&b.sheets[0], 1, 1), "前缀", "prefixed cell");
		is_int(b.sheets[0].nrows, 2, "the merge does not extend the rows");
		is_int(b.sheets[0].ncols, 2, "nor the columns");
	}
	grid_book_free(&b);
}

static void test_xlsx_bad(void)
{
	static const struct {
		const char *sheet, *detail;
	} cases[] = {
		{"<worksheet", "xl/worksheets/s1.xml: XML error at line 1: unclosed token"},
		{"<!DOCTYPE x [<!ENTITY a \"b\">]><worksheet/>",
		 "xl/worksheets/s1.xml: a DTD is not allowed"},
		{"<worksheet><sheetData><row><c r=\"IW1\"><v>1</v></c></row></sheetData></worksheet>",
		 "xl/worksheets/s1.xml: cell IW1 is beyond the limit of 256 columns"},
		{"<worksheet><sheetData><row><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>",
		 "xl/worksheets/s1.xml: bad cell reference \"XFE1\""},
		{"<worksheet><sheetData><row><c r=\"A2000001\"><v>1</v></c></row></sheetData>"
		 "</worksheet>",
		 "xl/worksheets/s1.xml: bad cell reference \"A2000001\""},
		{"<worksheet><sheetData><row r=\"0\"/></sheetData></worksheet>",
		 "xl/worksheets/s1.xml: bad row number \"0\""},
		{"<worksheet><sheetData><row><c t=\"s\"><v>3</v></c></row></sheetData></worksheet>",
		 "xl/worksheets/s1.xml: no shared string \"3\""},
		{"<worksheet><sheetData><row><c><v>1</v></c><c><v>2</v></c></row></sheetData>"
		 "<mergeCells><mergeCell ref=\"A1:B1\"/><mergeCell ref=\"A1:A1\"/>"
		 "<mergeCell ref=\"B1:B1\"/></mergeCells></worksheet>",
		 "sheet 数据: overlapping merged ranges"},
		{"<worksheet><mergeCells><mergeCell ref=\"A1\"/></mergeCells></worksheet>",
		 "xl/worksheets/s1.xml: bad merged range \"A1\""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct grid_book b;
		struct qd_error e = {0};
		is_int(read_hand(cases[i].sheet, &b, &e), QD_BAD_FILE, "bad sheet %zu refused", i);
		is_str(e.detail, cases[i].detail, "detail %zu", i);
		ok(b.n == 0 && b.sheets == NULL, "nothing left over %zu", i);
	}

	/* A huge but sparse sheet: one cell far down. */
	struct grid_book b;
	struct qd_error e = {0};
	is_int(read_hand("<worksheet><sheetData><row r=\"1048576\"><c r=\"IV1048576\"><v>1</v>"
			 "</c></row></sheetData></worksheet>",
			 &b, &e),
	       QD_BAD_FILE, "a far cell would pad past the cell limit");
	ok(strstr(e.detail, "1048576 rows of 256 columns") != NULL, "detail: %s", e.detail);

	/* Not xlsx at all. */
	static const char junk[] = "PK\003\004 this is not really a zip file at all";
	is_int(xlsx_read(junk, sizeof junk, &b, &e), QD_BAD_FILE, "random bytes refused");
	is_str(e.detail, "not an xlsx file (zip)", "random bytes detail");
	is_int(xlsx_read("", 0, &b, &e), QD_BAD_FILE, "empty buffer refused");
	is_str(e.detail, "empty file", "empty detail");
	is_int(xlsx_read("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old", 12, &b, &e), QD_BAD_FILE,
	       "an .xls refused");
	ok(strstr(e.detail, ".xls") != NULL, "detail says .xls: %s", e.detail);

	/* Stored entries, one changed after its CRC was taken. */
	static const struct entry stored[] = {
		{"xl/workbook.xml", wb_xml},
		{"xl/_rels/workbook.xml.rels", rels_xml},
		{"xl/worksheets/s1.xml", "<worksheet><sheetData><row><c t=\"inlineStr\"><is>"
					 "<t>原文</t></is></c></row></sheetData></worksheet>"},
		{NULL, NULL}};
	size_t len;
	char *data = make_zip_opt(stored, true, &len);
	char *text = data ? memmem(data, len, "原文", strlen("原文")) : NULL;
	ok(text != NULL, "stored sheet text found in the zip");
	if (text)
		memcpy(text, "改文", strlen("改文"));
	is_int(xlsx_read(data, len, &b, &e), QD_BAD_FILE, "a CRC mismatch is refused");
	is_str(e.detail, "xl/worksheets/s1.xml: damaged zip entry", "CRC detail");
	free(data);

	static const struct entry no_wb[] = {{CT, "<Types/>"}, {"a.txt", "hello"}, {NULL, NULL}};
	data = make_zip(no_wb, &len);
	is_int(xlsx_read(data, len, &b, &e), QD_BAD_FILE, "a zip without workbook.xml");
	is_str(e.detail, "xl/workbook.xml missing", "missing workbook detail");
	free(data);

	static const struct entry no_sheet[] = {
		{"xl/workbook.xml", wb_xml}, {"xl/_rels/workbook.xml.rels", rels_xml}, {NULL, NULL}};
	data = make_zip(no_sheet, &len);
	is_int(xlsx_read(data, len, &b, &e), QD_BAD_FILE, "a sheet's part missing");
	is_str(e.detail, "xl/worksheets/s1.xml missing", "missing sheet detail");
	free(data);

	static const struct entry no_rel[] = {
		{"xl/workbook.xml", wb_xml},
		{"xl/_rels/workbook.xml.rels", "<Relationships " RELS_NS "/>"},
		{NULL, NULL}};
	data = make_zip(no_rel, &len);
	is_int(xlsx_read(data, len, &b, &e), QD_BAD_FILE, "a sheet without its relationship");
	is_str(e.detail, "sheet 数据: no relationship rId1", "missing relationship detail");
	free(data);
}

/* A sheet whose cells copy one long shared string, or a long merged
 * value, past the text limit of the whole file. */
static void test_xlsx_text_limit(void)
{
	struct buf sst = BUF_INIT, sheet = BUF_INIT;
	buf_puts(&sst, "<sst><si><t>");
	for (int i = 0; i < GRID_MAX_CELL; i++)
		buf_putc(&sst, 'x');
	buf_puts(&sst, "</t></si></sst>");
	buf_puts(&sheet, "<worksheet><sheetData>");
	for (int r = 1; r <= 300; r++)
		buf_printf(&sheet, "<row>%s</row>", r == 1 || r == 300 ? "<c t=\"s\"><v>0</v></c>" : "");
	buf_puts(&sheet, "</sheetData></worksheet>");
	struct entry files[] = {
		{"xl/workbook.xml", wb_xml},
		{"xl/_rels/workbook.xml.rels", rels_xml},
		{"xl/strings.xml", sst.p},
		{"xl/worksheets/s1.xml", sheet.p},
		{NULL, NULL},
	};
	size_t len;
	char *data = make_zip(files, &len);
	struct grid_book b;
	struct qd_error e = {0};
	is_int(xlsx_read(data, len, &b, &e), QD_OK, "a cell of 32768 bytes from a shared string");
	ok(b.n == 1 && strlen(grid_text(&b.sheets[0], 299, 0)) == GRID_MAX_CELL, "read whole");
	grid_book_free(&b);
	free(data);

	/* The same string merged over A1:P300: 4800 copies. */
	buf_reset(&sheet);
	buf_puts(&sheet, "<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c></row>"
			 "<row r=\"300\"><c r=\"P300\"><v>1</v></c></row></sheetData>"
			 "<mergeCells><mergeCell ref=\"A1:P299\"/></mergeCells></worksheet>");
	files[3].text = sheet.p;
	data = make_zip(files, &len);
	is_int(xlsx_read(data, len, &b, &e), QD_BAD_FILE, "a long merged value copied too often");
	is_str(e.detail, "sheet 数据: more than 128 MB of text", "merged text detail");
	free(data);

	/* 4200 cells referring to it. */
	buf_reset(&sheet);
	buf_puts(&sheet, "<worksheet><sheetData><row>");
	for (int i = 0; i < 4200; i++)
		buf_printf(&sheet, "<c r=\"A%d\" t=\"s\"><v>0</v></c>", i + 1);
	buf_puts(&sheet, "</row></sheetData></worksheet>");
	files[3].text = sheet.p;
	data = make_zip(files, &len);
	is_int(xlsx_read(data, len, &b, &e), QD_BAD_FILE, "a long shared string used too often");
	is_str(e.detail, "xl/worksheets/s1.xml: more than 128 MB of text", "shared text detail");
	free(data);

	/* One cell over the limit. */
	buf_reset(&sheet);
	buf_puts(&sheet, "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>");
	for (int i = 0; i <= GRID_MAX_CELL; i++)
		buf_putc(&sheet, 'y');
	buf_puts(&sheet, "</t></is></c></row></sheetData></worksheet>");
	files[3].text = sheet.p;
	data = make_zip(files, &len);
	is_int(xlsx_read(data, len, &b, &e), QD_BAD_FILE, "a cell over 32768 bytes");
	is_str(e.detail, "xl/worksheets/s1.xml: a cell longer than 32768 bytes", "cell detail");
	free(data);
	buf_free(&sst);
	buf_free(&sheet);
}

/* Many small entries whose sum passes the unpacked limit. */
static void test_xlsx_bomb(void)
{
	struct buf big = BUF_INIT;
	buf_puts(&big, "<worksheet><sheetData/>");
	for (int i = 0; i < (40 << 20) / 16; i++)
		buf_puts(&big, "<x>           </x>"); /* compresses very well */
	buf_puts(&big, "</worksheet>");
	struct buf w = BUF_INIT, rels = BUF_INIT;
	buf_puts(&w, "<workbook " NS "><sheets>");
	buf_puts(&rels, "<Relationships " RELS_NS ">");
	for (int i = 1; i <= 6; i++) {
		buf_printf(&w, "<sheet name=\"s%d\" sheetId=\"%d\" r:id=\"r%d\"/>", i, i, i);
		buf_printf(&rels, "<Relationship Id=\"r%d\" Type=\"" T_WS "\" Target=\"b.xml\"/>", i);
	}
	buf_puts(&w, "</sheets></workbook>");
	buf_puts(&rels, "</Relationships>");
	const struct entry files[] = {
		{"xl/workbook.xml", w.p},
		{"xl/_rels/workbook.xml.rels", rels.p},
		{"xl/b.xml", big.p},
		{NULL, NULL},
	};
	size_t len;
	char *data = make_zip(files, &len);
	ok(len < (2 << 20), "the bomb is small zipped (%zu bytes)", len);
	struct grid_book b;
	struct qd_error e = {0};
	is_int(xlsx_read(data, len, &b, &e), QD_BAD_FILE, "six 40 MB sheets: refused");
	is_str(e.detail, "more than 200 MB when unpacked", "bomb detail");
	free(data);
	buf_free(&big);
	buf_free(&w);
	buf_free(&rels);
}

int main(void)
{
	test_table();
	test_csv_write();
	test_csv_roundtrip();
	test_csv_gbk();
	test_csv_shapes();
	test_csv_errors();
	test_xlsx_roundtrip();
	test_xlsx_empty_table();
	test_xlsx_merged();
	test_xlsx_hand();
	test_xlsx_bad();
	test_xlsx_text_limit();
	test_xlsx_bomb();
	return done_testing();
}
