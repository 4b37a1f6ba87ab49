/* input.c: declared inputs for JSON bodies and query strings. Undeclared
 * inputs are refused, so a typo never silently does nothing. */
#include "http.h"
#include "../domain/codes.h"
#include "../util/date.h"
#include "../util/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct in_field *find(struct in_field *f, const char *name)
{
	for (; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

static bool parse_int_text(const char *s, int64_t *out)
{
	if (!s || !*s || strlen(s) > 18)
		return false;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	*out = strtoll(s, NULL, 10);
	return true;
}

/* Store a text value into a field of any type. */
static bool set_text(struct in_field *f, const char *s, struct qd_error *e)
{
	switch (f->type) {
	case IN_STRING:
		if (!utf8_valid_text(s, strlen(s)))
			return qd_fail(e, QD_BAD_FIELD, f->name, "not valid UTF-8 text"), false;
		*(const char **)f->out = s;
		return true;
	case IN_INT:
		if (!parse_int_text(s, (int64_t *)f->out))
			return qd_fail(e, QD_BAD_FIELD, f->name, "expected a non-negative integer"), false;
		return true;
	case IN_DAY:
		if (!day_parse(s, (int *)f->out))
			return qd_fail(e, QD_BAD_FIELD, f->name, "expected a date YYYY-MM-DD"), false;
		return true;
	case IN_CODE: {
		int v = code_parse(f->codes, s);
		if (v < 0)
			return qd_fail(e, QD_BAD_FIELD, f->name, "expected one of the %s codes",
				       f->codes->name), false;
		*(int *)f->out = v;
		return true;
	}
	case IN_BOOL:
		if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
			*(bool *)f->out = true;
		else if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
			*(bool *)f->out = false;
		else
			return qd_fail(e, QD_BAD_FIELD, f->name, "expected true or false"), false;
		return true;
	}
	return false;
}

static void set_null(struct in_field *f)
{
	f->is_null = true;
	switch (f->type) {
	case IN_STRING:
		*(const char **)f->out = NULL;
		break;
	case IN_INT:
		*(int64_t *)f->out = 0;
		break;
	case IN_DAY:
		*(int *)f->out = DAY_NONE;
		break;
	case IN_CODE:
		*(int *)f->out = -1;
		break;
	case IN_BOOL:
		*(bool *)f->out = false;
		break;
	}
}

static bool set_json(struct in_field *f, json_t *v, struct qd_error *e)
{
	if (json_is_null(v)) {
		if (!f->nullable)
			return qd_fail(e, QD_BAD_FIELD, f->name, "may not be null"), false;
		set_null(f);
		return true;
	}
	switch (f->type) {
	case IN_INT:
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			return qd_fail(e, QD_BAD_FIELD, f->name, "expected a non-negative integer"), false;
		*(int64_t *)f->out = json_integer_value(v);
		return true;
	case IN_BOOL:
		if (!json_is_boolean(v))
			return qd_fail(e, QD_BAD_FIELD, f->name, "expected true or false"), false;
		*(bool *)f->out = json_is_true(v);
		return true;
	default:
		if (!json_is_string(v))
			return qd_fail(e, QD_BAD_FIELD, f->name, "expected a string"), false;
		if (strlen(json_string_value(v)) != json_string_length(v))
			return qd_fail(e, QD_BAD_FIELD, f->name, "contains NUL"), false;
		return set_text(f, json_string_value(v), e);
	}
}

static bool check_required(struct in_field *fields, struct qd_error *e)
{
	for (struct in_field *f = fields; f->name; f++)
		if (f->required && !f->present)
			return qd_fail(e, QD_MISSING_FIELD, f->name, NULL), false;
	return true;
}

bool in_json(struct req *r, struct in_field *fields, struct qd_error *e)
{
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v) {
		struct in_field *f = find(fields, key);
		if (!f)
			return qd_fail(e, QD_UNKNOWN_FIELD, key, NULL), false;
		f->present = true;
		if (!set_json(f, v, e))
			return false;
	}
	return check_required(fields, e);
}

struct q_walk {
	struct in_field *fields;
	struct qd_error *e;
	bool ok;
};

static enum MHD_Result on_arg(void *cls, enum MHD_ValueKind kind, const char *key,
			      const char *value)
{
	struct q_walk *w = cls;
	(void)kind;
	struct in_field *f = find(w->fields, key);
	if (!f) {
		qd_fail(w->e, QD_BAD_PARAM, key, "unknown query parameter");
		w->ok = false;
		return MHD_NO;
	}
	if (f->present) {
		qd_fail(w->e, QD_BAD_PARAM, key, "given twice");
		w->ok = false;
		return MHD_NO;
	}
	f->present = true;
	if (!value || !*value) {
		if (f->nullable) {
			set_null(f);
			return MHD_YES;
		}
		qd_fail(w->e, QD_BAD_PARAM, key, "empty value");
		w->ok = false;
		return MHD_NO;
	}
	if (!set_text(f, value, w->e)) {
		w->e->code = QD_BAD_PARAM;
		w->ok = false;
		return MHD_NO;
	}
	return MHD_YES;
}

bool in_query(struct req *r, struct in_field *fields, struct qd_error *e)
{
	struct q_walk w = {fields, e, true};
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, on_arg, &w);
	if (!w.ok)
		return false;
	for (struct in_field *f = fields; f->name; f++)
		if (f->required && !f->present)
			return qd_fail(e, QD_BAD_PARAM, f->name, "required"), false;
	return true;
}

bool arg_id(struct req *r, int i, int64_t *out, struct qd_error *e)
{
	if (!parse_int_text(r->args[i], out) || *out <= 0)
		return qd_fail(e, QD_NOT_FOUND, NULL, "no such id"), false;
	return true;
}
