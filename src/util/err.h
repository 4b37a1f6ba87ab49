/* err.h: error codes (see errors.def) and an error detail record. */
#ifndef QD_UTIL_ERR_H
#define QD_UTIL_ERR_H

typedef enum {
#define X(name, status, zh, en) QD_##name,
#include "errors.def"
#undef X
	QD_ERR_COUNT
} qd_err;

/* What went wrong, for the person who sent the input. */
struct qd_error {
	qd_err code;
	char field[64];   /* the input field at fault, or "" */
	char detail[256]; /* extra words, or "" */
};

/* Set e (if not NULL) and return code. field and detail may be NULL. */
qd_err qd_fail(struct qd_error *e, qd_err code, const char *field,
	       const char *detail_fmt, ...) __attribute__((format(printf, 4, 5)));
const char *qd_err_name(qd_err c);     /* "BAD_FIELD" */
int qd_err_status(qd_err c);           /* 400 */
const char *qd_err_message(qd_err c, const char *lang); /* "zh" or "en" */

#endif
