/* html.h: writing HTML safely. Every dynamic value goes through a helper
 * named after its context; literal markup only through H(), which accepts
 * nothing but a string literal. `make test` also refuses h_printf with %s
 * (scripts/check-src.sh). */
#ifndef QD_HTTP_HTML_H
#define QD_HTTP_HTML_H
#include <stdint.h>
#include "../util/buf.h"

/* Literal markup: H(b, "<p>") - a non-literal does not compile. */
#define H(b, lit) h_raw_literal((b), "" lit "")
void h_raw_literal(struct buf *b, const char *lit);
/* Text content and attribute values: escapes & < > " '. */
void h_text(struct buf *b, const char *s);
void h_attr(struct buf *b, const char *s);
/* A value inside a URL query: percent-encodes everything but unreserved. */
void h_url_arg(struct buf *b, const char *s);
void h_int(struct buf *b, int64_t v);
/* Numbers and literal text only (no %s of data: check-src.sh refuses it). */
void h_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
