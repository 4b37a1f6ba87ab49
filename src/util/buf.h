/* buf.h: a growable byte buffer, always NUL-terminated. */
#ifndef QD_UTIL_BUF_H
#define QD_UTIL_BUF_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct buf {
	char *p;     /* owned; NULL until the first append */
	size_t len;
	size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_append(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* A decimal integer (what "%lld" writes, without printf's cost). */
void buf_put_int(struct buf *b, int64_t v);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* The contents as a string ("" when empty); the buffer keeps ownership. */
const char *buf_str(const struct buf *b);
/* Hand the contents to the caller (who frees them) and reset the buffer. */
char *buf_steal(struct buf *b);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif
