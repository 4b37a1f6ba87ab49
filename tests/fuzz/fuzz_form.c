/* fuzz_form.c: libFuzzer target for application/x-www-form-urlencoded
 * bodies (src/http/form.c: form_parse, form_get), as the web pages' POSTs
 * and Open311's POST parameters arrive.
 *
 * Must never crash, leak or read out of bounds. A body is either refused
 * (QD_BAD_FIELD, or QD_TOO_LARGE over 64 fields) or decoded into at most
 * 64 fields whose names and values are UTF-8 text; encoding the decoded
 * fields again and parsing that gives the same fields back. */
#include "http/http.h"
#include "util/utf8.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void free_form(struct req *r)
{
	for (int i = 0; i < r->nform; i++) {
		free(r->form[i].key);
		free(r->form[i].value);
	}
	free(r->form);
	buf_free(&r->body);
	memset(r, 0, sizeof *r);
}

static void encode(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.')
			buf_putc(b, (char)*p);
		else if (*p == ' ')
			buf_putc(b, '+');
		else
			buf_printf(b, "%%%02X", *p);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req r, again;
	memset(&r, 0, sizeof r);
	memset(&again, 0, sizeof again);
	buf_append(&r.body, data, size);
	struct qd_error e = {0};
	if (!form_parse(&r, &e)) {
		if (e.code != QD_BAD_FIELD && e.code != QD_TOO_LARGE)
			abort();
		free_form(&r);
		return 0;
	}
	if (r.nform > 64)
		abort();
	for (int i = 0; i < r.nform; i++) {
		const char *k = r.form[i].key, *v = r.form[i].value;
		if (!utf8_valid_text(k, strlen(k)) || !utf8_valid_text(v, strlen(v)) || !form_get(&r, k))
			abort();
		if (i)
			buf_putc(&again.body, '&');
		encode(&again.body, k);
		buf_putc(&again.body, '=');
		encode(&again.body, v);
	}
	if (!form_parse(&again, &e) || again.nform != r.nform)
		abort(); /* what it decoded, encoded again, decodes the same */
	for (int i = 0; i < r.nform; i++)
		if (strcmp(r.form[i].key, again.form[i].key) != 0 ||
		    strcmp(r.form[i].value, again.form[i].value) != 0)
			abort();
	free_form(&r);
	free_form(&again);
	return 0;
}
