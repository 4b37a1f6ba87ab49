/* download.c: replies that a browser saves as a file (ledger exports). */
#include "http.h"
#include "html.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Characters that have no place in a file name (or a quoted header value)
 * become "_"; the rest is kept. */
static void clean_name(struct buf *b, const char *s, bool ascii)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		bool bad = *p < 0x20 || *p == 0x7F || strchr("\"\\/:*?<>|;%", *p) != NULL ||
			   (ascii && *p >= 0x80);
		buf_putc(b, bad ? '_' : (char)*p);
	}
}

enum MHD_Result reply_download_steal(struct req *r, char *body, size_t len, const char *type,
				     const char *ascii_name, const char *name)
{
	struct buf v = BUF_INIT, utf = BUF_INIT;
	buf_puts(&v, "attachment; filename=\"");
	clean_name(&v, ascii_name, true);
	buf_puts(&v, "\"");
	if (name && *name) {
		/* RFC 5987: everything but unreserved characters percent-encoded. */
		clean_name(&utf, name, false);
		buf_puts(&v, "; filename*=UTF-8''");
		h_url_arg(&v, buf_str(&utf));
	}
	req_add_header(r, "Content-Disposition", buf_str(&v));
	req_add_header(r, "Cache-Control", "no-store");
	buf_free(&v);
	buf_free(&utf);
	return reply_raw_steal(r, 200, body, len, type);
}

qd_err xlsx_bytes(const struct table *t, int n, char **out, size_t *len,
			 struct qd_error *e)
{
	const char *dir = getenv("TMPDIR");
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/qingdan-export-XXXXXX.xlsx", dir && *dir ? dir : "/tmp");
	char *p = buf_steal(&path);
	int fd = mkstemps(p, 5);
	if (fd < 0) {
		free(p);
		return qd_fail(e, QD_INTERNAL, NULL, "cannot create a temporary file");
	}
	close(fd);
	qd_err r = xlsx_write(t, n, p, e);
	FILE *f = r == QD_OK ? fopen(p, "rb") : NULL;
	if (r == QD_OK && !f)
		r = qd_fail(e, QD_INTERNAL, NULL, "cannot read the workbook back");
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t k;
	while (f && (k = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, k);
	if (f && ferror(f))
		r = qd_fail(e, QD_INTERNAL, NULL, "cannot read the workbook back");
	if (f)
		fclose(f);
	unlink(p);
	free(p);
	*len = b.len;
	*out = buf_steal(&b);
	if (r != QD_OK) {
		free(*out);
		*out = NULL;
	}
	return r;
}

enum MHD_Result reply_tables(struct req *r, const struct table *t, int n, const char *code,
			     const char *unit_name, bool csv, bool bom)
{
	const char *ext = csv ? "csv" : "xlsx";
	char today[DAY_TEXT_LEN];
	day_format(day_today(), today);
	struct buf a = BUF_INIT, u = BUF_INIT;
	buf_printf(&a, "qingdan-%s.%s", code, ext);
	buf_printf(&u, "%s-%s-%s.%s",
		   n > 1 ? (strcmp(r->lang, "en") == 0 ? "Ledger" : "台账") : t[0].name,
		   unit_name ? unit_name : "", today, ext);
	enum MHD_Result res;
	if (csv) {
		struct buf b = BUF_INIT;
		csv_write(&t[0], bom, &b);
		size_t len = b.len;
		char *body = buf_steal(&b);
		res = reply_download_steal(r, body ? body : xstrdup(""), len,
					   "text/csv; charset=utf-8", buf_str(&a), buf_str(&u));
	} else {
		char *body = NULL;
		size_t len = 0;
		struct qd_error e = {0};
		if (xlsx_bytes(t, n, &body, &len, &e) != QD_OK)
			res = reply_error(r, &e);
		else
			res = reply_download_steal(r, body ? body : xstrdup(""), len, XLSX_TYPE,
						   buf_str(&a), buf_str(&u));
	}
	buf_free(&a);
	buf_free(&u);
	return res;
}
