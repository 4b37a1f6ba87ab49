/* jsonw.c: flat JSON objects as jansson writes them (see jsonw.h). */
#include "jsonw.h"
#include "alloc.h"
#include "buf.h"
#include "utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct jw_field *slot(struct jw_object *o, const char *key)
{
	for (int i = 0; i < o->n; i++)
		if (strcmp(o->f[i].key, key) == 0)
			return &o->f[i];
	if (o->n == JW_MAX_FIELDS)
		abort(); /* a programming error: snapshots have fixed fields */
	struct jw_field *f = &o->f[o->n++];
	f->key = key;
	return f;
}

void jw_int(struct jw_object *o, const char *key, int64_t v)
{
	struct jw_field *f = slot(o, key);
	f->type = JW_INT;
	f->i = v;
}

void jw_str(struct jw_object *o, const char *key, const char *v)
{
	if (!v || !utf8_wellformed(v, strlen(v)))
		return;
	struct jw_field *f = slot(o, key);
	f->type = JW_STR;
	f->s = v;
}

void jw_null(struct jw_object *o, const char *key)
{
	slot(o, key)->type = JW_NULL;
}

void jw_bool(struct jw_object *o, const char *key, bool v)
{
	struct jw_field *f = slot(o, key);
	f->type = JW_BOOL;
	f->i = v;
}

/* Decode one code point of well-formed UTF-8. */
static uint32_t next_cp(const unsigned char **p)
{
	const unsigned char *s = *p;
	uint32_t c;
	if (s[0] < 0x80) {
		c = s[0];
		*p += 1;
	} else if (s[0] < 0xe0) {
		c = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		*p += 2;
	} else if (s[0] < 0xf0) {
		c = (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		*p += 3;
	} else {
		c = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
		    (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
		*p += 4;
	}
	return c;
}

/* \\uXXXX, upper-case hex as jansson writes it. */
static void put_u(struct buf *b, uint32_t c)
{
	static const char hex[] = "0123456789ABCDEF";
	char seq[6] = {'\\', 'u', hex[(c >> 12) & 15], hex[(c >> 8) & 15], hex[(c >> 4) & 15],
		       hex[c & 15]};
	buf_append(b, seq, sizeof seq);
}

static void put_string(struct buf *b, const char *str)
{
	const unsigned char *p = (const unsigned char *)str;
	buf_putc(b, '"');
	while (*p) {
		const unsigned char *run = p;
		while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			buf_append(b, run, (size_t)(p - run));
		if (!*p)
			break;
		uint32_t c = next_cp(&p);
		switch (c) {
		case '\\': buf_puts(b, "\\\\"); continue;
		case '"': buf_puts(b, "\\\""); continue;
		case '\b': buf_puts(b, "\\b"); continue;
		case '\f': buf_puts(b, "\\f"); continue;
		case '\n': buf_puts(b, "\\n"); continue;
		case '\r': buf_puts(b, "\\r"); continue;
		case '\t': buf_puts(b, "\\t"); continue;
		default:
			break;
		}
		if (c < 0x10000) {
			put_u(b, c);
		} else {
			c -= 0x10000;
			put_u(b, 0xD800 | (c >> 10));
			put_u(b, 0xDC00 | (c & 0x3ff));
		}
	}
	buf_putc(b, '"');
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct jw_field *)a)->key, ((const struct jw_field *)b)->key);
}

char *jw_dump(struct jw_object *o)
{
	qsort(o->f, (size_t)o->n, sizeof o->f[0], by_key);
	struct buf b = BUF_INIT;
	buf_putc(&b, '{');
	for (int i = 0; i < o->n; i++) {
		const struct jw_field *f = &o->f[i];
		if (i)
			buf_putc(&b, ',');
		put_string(&b, f->key);
		buf_putc(&b, ':');
		switch (f->type) {
		case JW_INT:
			buf_put_int(&b, f->i);
			break;
		case JW_STR:
			put_string(&b, f->s);
			break;
		case JW_NULL:
			buf_puts(&b, "null");
			break;
		case JW_BOOL:
			buf_puts(&b, f->i ? "true" : "false");
			break;
		}
	}
	buf_putc(&b, '}');
	return buf_steal(&b);
}
