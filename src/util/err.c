/* err.c: the error registry as tables. */
#include "err.h"
#include "utf8.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int status;
	const char *zh, *en;
} reg[] = {
#define X(name, status, zh, en) {#name, status, zh, en},
#include "errors.def"
#undef X
};

/* Error text goes into JSON and XML replies, so it must be well-formed
 * UTF-8: a byte that does not start a whole character (the client's
 * bytes, or a character cut by the buffer's end) becomes '?'. */
static void make_utf8(char *s)
{
	for (unsigned char *p = (unsigned char *)s; *p;) {
		size_t k = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 0;
		if (k && strnlen((const char *)p, k) == k && utf8_wellformed((const char *)p, k)) {
			p += k;
			continue;
		}
		*p++ = '?';
	}
}

qd_err qd_fail(struct qd_error *e, qd_err code, const char *field,
	       const char *detail_fmt, ...)
{
	if (!e)
		return code;
	e->code = code;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	e->detail[0] = '\0';
	if (detail_fmt) {
		va_list ap;
		va_start(ap, detail_fmt);
		vsnprintf(e->detail, sizeof e->detail, detail_fmt, ap);
		va_end(ap);
	}
	make_utf8(e->field);
	make_utf8(e->detail);
	return code;
}

const char *qd_err_name(qd_err c)
{
	return c < QD_ERR_COUNT ? reg[c].name : "INTERNAL";
}

int qd_err_status(qd_err c)
{
	return c < QD_ERR_COUNT ? reg[c].status : 500;
}

const char *qd_err_message(qd_err c, const char *lang)
{
	if (c >= QD_ERR_COUNT)
		c = QD_INTERNAL;
	return lang && strcmp(lang, "en") == 0 ? reg[c].en : reg[c].zh;
}
