/* xlsx_write.c: tables as an xlsx workbook, one sheet each (libxlsxwriter). */
#include "table.h"
#include "../util/buf.h"
#include "../util/date.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define XLSX_STR_MAX 32767 /* characters in one cell (Excel's limit) */
#define WRAP_WIDTH 30      /* text in columns at least this wide wraps */

struct formats {
	lxw_format *header, *date, *num, *wrap;
};

static qd_err lxw_fail(struct qd_error *e, const char *what, lxw_error err)
{
	return qd_fail(e, QD_INTERNAL, NULL, "xlsx %s: %s", what, lxw_strerror(err));
}

/* Byte length of the first max code points of UTF-8 text s. */
static size_t utf8_prefix(const char *s, size_t max)
{
	size_t i = 0, cps = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && cps++ == max)
			break;
	return i;
}

/* A valid, unused sheet name from the table's name: forbidden characters
 * become "_", at most 31 characters, " (2)" etc. against duplicates. */
static void sheet_name(lxw_workbook *wb, const char *want, int index, struct buf *out)
{
	struct buf base = BUF_INIT;
	if (!want || !*want)
		buf_printf(&base, "Sheet%d", index + 1);
	for (const char *p = want; p && *p; p++)
		buf_putc(&base, strchr("[]:*?/\\", *p) ? '_' : *p);
	if (base.p[0] == '\'')
		base.p[0] = '_';
	for (int n = 1;; n++) {
		char suffix[16] = "";
		if (n > 1)
			snprintf(suffix, sizeof suffix, " (%d)", n);
		buf_reset(out);
		buf_append(out, base.p, utf8_prefix(base.p, LXW_SHEETNAME_MAX - strlen(suffix)));
		if (out->len && out->p[out->len - 1] == '\'')
			out->p[out->len - 1] = '_';
		buf_puts(out, suffix);
		if (workbook_validate_sheet_name(wb, out->p) != LXW_ERROR_SHEETNAME_ALREADY_USED)
			break;
	}
	buf_free(&base);
}

static bool make_formats(lxw_workbook *wb, struct formats *f)
{
	f->header = workbook_add_format(wb);
	f->date = workbook_add_format(wb);
	f->num = workbook_add_format(wb);
	f->wrap = workbook_add_format(wb);
	if (!f->header || !f->date || !f->num || !f->wrap)
		return false;
	format_set_bold(f->header);
	format_set_pattern(f->header, LXW_PATTERN_SOLID);
	format_set_bg_color(f->header, 0xDDEBF7);
	format_set_text_wrap(f->header);
	format_set_align(f->header, LXW_ALIGN_VERTICAL_CENTER);
	format_set_num_format(f->date, "yyyy-mm-dd");
	format_set_num_format(f->num, "0.00");
	format_set_text_wrap(f->wrap);
	format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
	return true;
}

/* Text, cut to Excel's cell limit; empty text is left blank. A string
 * cell is never a formula, but text that starts with an apostrophe goes
 * behind one more, which an import takes away (ledger_text_guarded). */
static lxw_error put_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
			  lxw_format *fmt)
{
	if (!s || !*s)
		return LXW_NO_ERROR;
	struct buf t = BUF_INIT;
	if (ledger_text_guarded(s, false)) {
		buf_putc(&t, '\'');
		buf_puts(&t, s);
		s = buf_str(&t);
	}
	size_t n = utf8_prefix(s, XLSX_STR_MAX);
	lxw_error err;
	if (s[n] == '\0') {
		err = worksheet_write_string(ws, r, c, s, fmt);
	} else {
		struct buf cut = BUF_INIT;
		buf_append(&cut, s, n);
		err = worksheet_write_string(ws, r, c, cut.p, fmt);
		buf_free(&cut);
	}
	buf_free(&t);
	return err;
}

static lxw_error put_date(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int day,
			  const struct formats *f)
{
	lxw_datetime dt = {0};
	day_to_civil(day, &dt.year, &dt.month, &dt.day);
	if (dt.year >= 1900 && dt.year <= 9999)
		return worksheet_write_datetime(ws, r, c, &dt, f->date);
	char text[DAY_TEXT_LEN]; /* outside Excel's calendar: as text */
	day_format(day, text);
	return worksheet_write_string(ws, r, c, text, NULL);
}

static lxw_error put_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const struct tcell *cell,
			  const struct table_col *col, const struct formats *f)
{
	switch (cell->k) {
	case CK_TEXT:
		return put_text(ws, r, c, cell->s, col->width >= WRAP_WIDTH ? f->wrap : NULL);
	case CK_INT:
		return worksheet_write_number(ws, r, c, (double)cell->i, NULL);
	case CK_NUM:
		if (!isfinite(cell->d))
			return LXW_NO_ERROR;
		return worksheet_write_number(ws, r, c, cell->d, f->num);
	case CK_DATE:
		if (cell->day == DAY_NONE)
			return LXW_NO_ERROR;
		return put_date(ws, r, c, cell->day, f);
	case CK_EMPTY:
		break;
	}
	return LXW_NO_ERROR;
}

/* Header row, widths, frozen pane and autofilter. */
static qd_err write_header(lxw_worksheet *ws, const struct table *t, const struct formats *f,
			   struct qd_error *e)
{
	lxw_error err;
	for (int c = 0; c < t->ncols; c++) {
		const struct table_col *col = &t->cols[c];
		double width = col->width > 0 ? col->width : LXW_DEF_COL_WIDTH;
		err = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL);
		if (err == LXW_NO_ERROR)
			err = put_text(ws, 0, (lxw_col_t)c, col->header, f->header);
		if (err != LXW_NO_ERROR)
			return lxw_fail(e, "header", err);
	}
	worksheet_freeze_panes(ws, 1, 0);
	if (t->ncols > 0) {
		err = worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows, (lxw_col_t)(t->ncols - 1));
		if (err != LXW_NO_ERROR)
			return lxw_fail(e, "autofilter", err);
	}
	return QD_OK;
}

static qd_err write_sheet(lxw_worksheet *ws, const struct table *t, const struct formats *f,
			  struct qd_error *e)
{
	if (t->ncols > LXW_COL_MAX || t->nrows >= LXW_ROW_MAX)
		return qd_fail(e, QD_INTERNAL, NULL, "xlsx: table %s is larger than a sheet",
			       t->name ? t->name : "");
	qd_err r = write_header(ws, t, f, e);
	for (int row = 0; r == QD_OK && row < t->nrows; row++)
		for (int c = 0; r == QD_OK && c < t->ncols; c++) {
			lxw_error err = put_cell(ws, (lxw_row_t)row + 1, (lxw_col_t)c,
						 table_cell(t, row, c), &t->cols[c], f);
			if (err != LXW_NO_ERROR)
				r = lxw_fail(e, "cell", err);
		}
	return r;
}

static qd_err write_book(lxw_workbook *wb, const struct table *tables, int n, struct qd_error *e)
{
	struct formats f;
	if (!make_formats(wb, &f))
		return qd_fail(e, QD_INTERNAL, NULL, "xlsx: cannot add formats");
	struct buf name = BUF_INIT;
	qd_err r = QD_OK;
	for (int i = 0; r == QD_OK && i < n; i++) {
		sheet_name(wb, tables[i].name, i, &name);
		lxw_worksheet *ws = workbook_add_worksheet(wb, name.p);
		if (!ws)
			r = qd_fail(e, QD_INTERNAL, NULL, "xlsx: cannot add sheet %s", name.p);
		else
			r = write_sheet(ws, &tables[i], &f, e);
	}
	buf_free(&name);
	return r;
}

qd_err xlsx_write(const struct table *tables, int n, const char *path, struct qd_error *e)
{
	if (n < 1)
		return qd_fail(e, QD_INTERNAL, NULL, "xlsx: a workbook needs a sheet");
	/* Try the path first: libxlsxwriter would print its own complaint. */
	FILE *fp = fopen(path, "wb");
	if (!fp)
		return qd_fail(e, QD_INTERNAL, NULL, "xlsx: cannot write %s: %s", path,
			       strerror(errno));
	fclose(fp);
	lxw_workbook *wb = workbook_new(path);
	qd_err r = wb ? write_book(wb, tables, n, e)
		      : qd_fail(e, QD_INTERNAL, NULL, "xlsx: cannot start a workbook");
	if (r != QD_OK) {
		if (wb)
			lxw_workbook_free(wb);
		unlink(path);
		return r;
	}
	lxw_error err = workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		unlink(path);
		return qd_fail(e, QD_INTERNAL, NULL, "xlsx: cannot write %s: %s", path,
			       lxw_strerror(err));
	}
	return QD_OK;
}
