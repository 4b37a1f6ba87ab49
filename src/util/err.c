/* err.c: the error registry as tables. */
#include "err.h"
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
