/* multipart.c: multipart/form-data bodies (file uploads of web forms).
 *
 * libmicrohttpd's post processor does the parsing (boundaries, part
 * headers, quoted names), not a parser of our own: it is the library's
 * tested code for exactly this. It is fed the body buffered by the
 * server in one call, after the upload completed, because the dispatcher
 * answers 413 and finds the route before anything is parsed; feeding a
 * buffer instead of the connection's chunks makes no difference to it.
 * It hands each part over in pieces (off = 0 starts a part); this file
 * joins them, keeps text fields in r->form and files in r->files, and
 * checks what the processor leaves to its caller: the number and size of
 * fields, repeated names, UTF-8 text, and a body that ended before its
 * closing boundary (MHD_destroy_post_processor says so). */
#include "http.h"
#include "../util/alloc.h"
#include "../util/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MP_FIELDS_MAX 32     /* text fields of one form */
#define MP_FILES_MAX 4       /* files of one form */
#define MP_VALUE_MAX 4096    /* bytes of one text field */
#define MP_BUFFER 16384      /* the post processor's own buffer */

struct mp {
	struct req *r;
	struct buf value;    /* the text field being read */
	char *key;           /* its name (NULL: none, or a file is being read) */
	struct form_file *file; /* the file being read, or NULL */
	struct qd_error *e;
	bool failed;
};

static bool mp_fail(struct mp *m, qd_err code, const char *detail)
{
	if (!m->failed)
		qd_fail(m->e, code, NULL, "%s", detail);
	m->failed = true;
	return false;
}

static bool name_taken(const struct req *r, const char *key)
{
	for (int i = 0; i < r->nform; i++)
		if (strcmp(r->form[i].key, key) == 0)
			return true;
	for (int i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].key, key) == 0)
			return true;
	return false;
}

/* The text field being read is complete: check it and keep it. */
static bool finish_value(struct mp *m)
{
	if (!m->key)
		return true;
	struct req *r = m->r;
	char *key = m->key;
	m->key = NULL;
	if (!utf8_valid_text(m->value.p ? m->value.p : "", m->value.len)) {
		free(key);
		return mp_fail(m, QD_BAD_FIELD, "a form field is not UTF-8 text");
	}
	r->form[r->nform].key = key;
	r->form[r->nform].value = buf_steal(&m->value);
	if (!r->form[r->nform].value)
		r->form[r->nform].value = xstrdup("");
	r->nform++;
	return true;
}

/* A new part named key begins. */
static bool begin_part(struct mp *m, const char *key, const char *filename)
{
	struct req *r = m->r;
	if (!finish_value(m))
		return false;
	m->file = NULL;
	if (!utf8_valid_text(key, strlen(key)) || !*key)
		return mp_fail(m, QD_BAD_FIELD, "a form field has no name or one that is not UTF-8");
	if (name_taken(r, key))
		return mp_fail(m, QD_BAD_FIELD, "a form field is given twice");
	if (filename) {
		if (r->nfiles == MP_FILES_MAX)
			return mp_fail(m, QD_TOO_LARGE, "too many files");
		r->files = xrealloc(r->files, sizeof *r->files * (size_t)(r->nfiles + 1));
		m->file = &r->files[r->nfiles++];
		memset(m->file, 0, sizeof *m->file);
		m->file->key = xstrdup(key);
		m->file->filename = xstrdup(utf8_valid_text(filename, strlen(filename)) ? filename : "");
		return true;
	}
	if (r->nform == MP_FIELDS_MAX)
		return mp_fail(m, QD_TOO_LARGE, "too many form fields");
	m->key = xstrdup(key);
	buf_reset(&m->value);
	return true;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *filename, const char *content_type,
			       const char *transfer_encoding, const char *data, uint64_t off,
			       size_t size)
{
	struct mp *m = cls;
	(void)kind, (void)content_type, (void)transfer_encoding;
	if (m->failed || !key)
		return MHD_NO;
	/* A part starts at offset 0; later pieces continue the current one. */
	bool current = off > 0 && ((m->file && strcmp(m->file->key, key) == 0) ||
				   (m->key && strcmp(m->key, key) == 0));
	if (!current && !begin_part(m, key, filename))
		return MHD_NO;
	if (m->file) {
		buf_append(&m->file->data, data, size);
		return MHD_YES;
	}
	if (m->value.len + size > MP_VALUE_MAX) {
		mp_fail(m, QD_TOO_LARGE, "a form field is too long");
		return MHD_NO;
	}
	buf_append(&m->value, data, size);
	return MHD_YES;
}

bool multipart_parse(struct req *r, struct qd_error *e)
{
	struct mp m = {.r = r, .e = e};
	r->form = xcalloc(MP_FIELDS_MAX, sizeof *r->form);
	struct MHD_PostProcessor *pp = MHD_create_post_processor(r->conn, MP_BUFFER, on_part, &m);
	if (!pp) {
		buf_free(&r->body);
		return qd_fail(e, QD_BAD_FIELD, NULL, "not a multipart/form-data body with a boundary"),
		       false;
	}
	bool ok = MHD_post_process(pp, r->body.p ? r->body.p : "", r->body.len) == MHD_YES;
	/* Complete only when the body ended with its closing boundary. */
	bool complete = MHD_destroy_post_processor(pp) == MHD_YES;
	if (ok && !m.failed)
		ok = finish_value(&m);
	free(m.key);
	buf_free(&m.value);
	buf_free(&r->body);
	if (m.failed)
		return false;
	if (!ok || !complete)
		return qd_fail(e, QD_BAD_FIELD, NULL, "malformed or truncated multipart/form-data"),
		       false;
	return true;
}

const struct form_file *form_file_get(const struct req *r, const char *key)
{
	for (int i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].key, key) == 0)
			return &r->files[i];
	return NULL;
}
