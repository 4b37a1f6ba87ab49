/* html.c: context escaping for HTML output. */
#include "html.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void h_raw_literal(struct buf *b, const char *lit)
{
	buf_puts(b, lit);
}

void h_text(struct buf *b, const char *s)
{
	if (!s)
		return;
	while (*s) {
		/* copy the run of bytes that need no escaping at once */
		size_t n = strcspn(s, "&<>\"'");
		if (n)
			buf_append(b, s, n);
		s += n;
		switch (*s) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&#39;");
			break;
		default:
			continue; /* the end */
		}
		s++;
	}
}

void h_attr(struct buf *b, const char *s)
{
	h_text(b, s);
}

void h_url_arg(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

void h_int(struct buf *b, int64_t v)
{
	buf_put_int(b, v);
}

void h_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}
