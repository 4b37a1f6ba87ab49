/* ledger_import.c: ledger files in - the problem list and, when the book
 * has one, the rectification list - keyed by item number (问题编号).
 *
 * Every row is read and checked, and each is written in a savepoint of one
 * transaction; a row in error rolls back alone so that the report can name
 * every bad row, and then the whole import rolls back: all rows or none.
 * A dry run does the same and always rolls back.
 *
 * New numbers are added with the state the file records (an import writes
 * down what happened before qingdan). For numbers qingdan already has, the
 * descriptive fields are updated through the same use case as an edit on
 * the item page; state columns that differ are reported, not applied: a
 * sign-off goes through a verifier. */
#include "app.h"
#include "ledger_import.h"
#include "../domain/codes.h"
#include "../domain/item_rules.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the report --- */

void import_report_free(struct import_report *r)
{
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* s cut after its last whole character: a cell's text copied into a field
 * of the report may end in the middle of one, and the JSON and HTML
 * reports need UTF-8. */
static void cut_whole(char *s)
{
	size_t n = strlen(s), i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0)
		return;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
	if (n - (i - 1) < need)
		s[i - 1] = '\0';
}

static struct import_line *report_add(struct imp *x, int row, enum import_outcome what,
				      const char *ext_id, const char *column)
{
	struct import_report *r = x->rep;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = xrealloc(r->v, sizeof *r->v * (size_t)r->cap);
	}
	struct import_line *l = &r->v[r->n++];
	memset(l, 0, sizeof *l);
	snprintf(l->sheet, sizeof l->sheet, "%s", x->sheet ? x->sheet : "");
	l->row = row;
	l->what = what;
	snprintf(l->ext_id, sizeof l->ext_id, "%s", ext_id ? ext_id : "");
	snprintf(l->column, sizeof l->column, "%s", column ? column : "");
	cut_whole(l->sheet);
	cut_whole(l->ext_id);
	cut_whole(l->column);
	return l;
}

const char *imp_msg(const struct imp *x, const char *zh, const char *en)
{
	return x->en ? en : zh;
}

void imp_problem(struct imp *x, struct row_ctx *rc, enum import_outcome what, int col,
		 const char *fmt, ...)
{
	const char *header = col >= 0 ? imp_header(x, col) : "";
	struct import_line *l = report_add(x, rc->row, what, rc->ext_id, header);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(l->message, sizeof l->message, fmt, ap);
	va_end(ap);
	cut_whole(l->message);
	if (what == IMP_ERROR) {
		rc->errors++;
		x->rep->errors++;
	} else {
		x->rep->warnings++;
	}
}

const char *imp_header(const struct imp *x, int col)
{
	const struct ledger_col *c = &ledger_list(x->list)->cols[col];
	return x->en ? c->en : c->zh;
}

/* --- cells --- */

/* The trimmed text of ledger column col in grid row r ("" when the file
 * has no such column); owned by x->scratch until the next row. */
const char *imp_cell(struct imp *x, int r, int col)
{
	int gc = x->hdr.col_of[col];
	if (gc < 0)
		return "";
	const char *s = grid_text(x->g, r, gc);
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	if (strncmp(s, "\xe3\x80\x80", 3) == 0) /* ideographic space */
		return imp_cell_trimmed(x, s + 3);
	return imp_cell_trimmed(x, s);
}

const char *imp_cell_trimmed(struct imp *x, const char *s)
{
	s = ledger_text_unguard(s); /* the exports' apostrophe (ledger/table.h) */
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	struct scratch *sc = &x->scratch;
	if (sc->n == SCRATCH_CELLS)
		sc->n = 0; /* rows use far fewer */
	free(sc->v[sc->n]);
	sc->v[sc->n] = xstrndup(s, n);
	return sc->v[sc->n++];
}

bool imp_has(const struct imp *x, int col)
{
	return x->hdr.col_of[col] >= 0;
}

/* A code by its code, Chinese or English label, or an alias; -1 when
 * empty, -2 when not one of them. */
int imp_code(const struct code_table *t, const char *s, const struct code_alias *aliases)
{
	if (!*s)
		return -1;
	for (int i = 0; i < t->count; i++)
		if (strcmp(s, t->defs[i].code) == 0 || strcmp(s, t->defs[i].zh) == 0 ||
		    strcasecmp(s, t->defs[i].en) == 0)
			return i;
	for (const struct code_alias *a = aliases; a && a->text; a++)
		if (strcmp(s, a->text) == 0)
			return a->value;
	return -2;
}

/* "a、b、c" of a table's Chinese labels, for a message. */
void imp_choices(const struct imp *x, const struct code_table *t, char *out, size_t cap)
{
	size_t k = 0;
	out[0] = '\0';
	for (int i = 0; i < t->count && k + 1 < cap; i++)
		k += (size_t)snprintf(out + k, cap - k, "%s%s", i ? "、" : "",
				      x->en ? t->defs[i].en : t->defs[i].zh);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* A day as ledgers write it: 2026-11-22, 2026/11/22, 2026.11.22,
 * 2026年11月22日, with a time after it, or an Excel serial number. */
bool imp_day(const char *s, bool number, int *out)
{
	int y, m, d;
	char rest[64];
	if (!*s)
		return false;
	if ((number || all_digits(s)) && strlen(s) <= 6) {
		long serial = strtol(s, NULL, 10);
		if (serial < 1 || serial > 2958465)
			return false;
		/* Excel's day 25569 is 1970-01-01 (its 1900 leap-year bug is
		 * before March 1900, far from any ledger). */
		*out = (int)(serial - 25569);
		return true;
	}
	if (number) { /* a serial with a time of day: "46348.5" */
		char *end;
		double v = strtod(s, &end);
		if (*end || v < 1 || v > 2958465)
			return false;
		*out = (int)((long)v - 25569);
		return true;
	}
	int n = 0;
	if (sscanf(s, "%d年%d月%d日%n", &y, &m, &d, &n) == 3 ||
	    sscanf(s, "%d-%d-%d%n", &y, &m, &d, &n) == 3 ||
	    sscanf(s, "%d/%d/%d%n", &y, &m, &d, &n) == 3 ||
	    sscanf(s, "%d.%d.%d%n", &y, &m, &d, &n) == 3) {
		if (s[n] && s[n] != ' ' && s[n] != 'T' && sscanf(s + n, "%63s", rest) == 1)
			return false;
	} else if (strlen(s) == 8 && all_digits(s)) {
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		m = (s[4] - '0') * 10 + (s[5] - '0');
		d = (s[6] - '0') * 10 + (s[7] - '0');
	} else {
		return false;
	}
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	int day = day_from_civil(y, m, d);
	int yy, mm, dd;
	day_to_civil(day, &yy, &mm, &dd);
	if (yy != y || mm != m || dd != d)
		return false; /* 2月30日 */
	*out = day;
	return true;
}

/* An amount or a count: 250000, 250,000, 25万, 38.8万元, 50户, 39人. */
bool imp_amount(const char *s, int64_t *out)
{
	char digits[64];
	size_t k = 0;
	const char *p = s;
	for (; *p && k + 1 < sizeof digits; p++) {
		if (isdigit((unsigned char)*p) || *p == '.')
			digits[k++] = *p;
		else if (*p != ',' && strncmp(p, "，", 3) != 0)
			break;
		else if (*p != ',')
			p += 2;
	}
	digits[k] = '\0';
	if (!k)
		return false;
	double scale = 1;
	if (strncmp(p, "万", 3) == 0) {
		scale = 10000;
		p += 3;
	} else if (strncmp(p, "亿", 3) == 0) {
		scale = 1e8;
		p += 3;
	}
	static const char *const units[] = {"元", "人次", "人", "户", "名", "个", ""};
	bool unit_ok = false;
	for (size_t i = 0; i < sizeof units / sizeof *units && !unit_ok; i++)
		unit_ok = strcmp(p, units[i]) == 0;
	char *end;
	double v = strtod(digits, &end);
	if (!unit_ok || *end || v * scale > 9.0e15)
		return false;
	double whole = v * scale;
	if (whole - (double)(int64_t)whole > 1e-6 && scale == 1)
		return false; /* 2.5 people */
	*out = (int64_t)(whole + 0.5);
	return true;
}

/* --- units and people --- */

static int by_name_then_path(const void *a, const void *b)
{
	const struct unit *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->path, y->path);
}

const struct unit *imp_unit_by_id(const struct imp *x, int64_t id)
{
	size_t lo = 0, hi = (size_t)x->units.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->by_id[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < (size_t)x->units.n && x->by_id[lo].id == id ? &x->units.v[x->by_id[lo].at]
								 : NULL;
}

static int by_ref_id(const void *a, const void *b)
{
	const struct unit_ref *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Whether the names before the last of a name path match u's ancestors,
 * nearest first (the path may start anywhere above u). */
static bool ancestors_match(const struct imp *x, const struct unit *u, char **names, int n)
{
	int64_t ids[PATH_MAX_DEPTH];
	int k = path_ids(u->path, ids, PATH_MAX_DEPTH);
	int j = k - 2; /* the parent */
	for (int i = n - 2; i >= 0; i--, j--) {
		if (j < 0)
			return false;
		const struct unit *a = imp_unit_by_id(x, ids[j]);
		const char *name = a ? a->name : x->above_names[j];
		if (!name || strcmp(name, names[i]) != 0)
			return false;
	}
	return true;
}

/* Split a name path at "/" or "／" (in place); empty parts are skipped. */
static int split_path(char *s, char *names[PATH_MAX_DEPTH])
{
	int n = 0;
	char *start = s;
	for (char *p = s;; p++) {
		size_t sep = *p == '/' ? 1 : strncmp(p, "／", 3) == 0 ? 3 : *p == '\0' ? 1 : 0;
		if (!sep)
			continue;
		bool end = *p == '\0';
		*p = '\0';
		if (*start && n < PATH_MAX_DEPTH)
			names[n++] = start;
		if (end)
			break;
		p += sep - 1;
		start = p + 1;
	}
	return n;
}

/* The unit a row names: by its code, or by a name path ("县/乡/村", from
 * anywhere above) within the import's subtree. 0 with an error reported. */
int64_t imp_unit(struct imp *x, struct row_ctx *rc, const char *code, const char *path)
{
	if (*code) {
		for (int i = 0; i < x->units.n; i++)
			if (x->units.v[i].code && strcmp(x->units.v[i].code, code) == 0)
				return x->units.v[i].id;
		imp_problem(x, rc, IMP_ERROR, IC_UNIT_CODE,
			    imp_msg(x, "单位编码“%s”不在%s范围内", "no unit with code \"%s\" under %s"),
			    code, x->root.name);
		return 0;
	}
	if (!*path) {
		imp_problem(x, rc, IMP_ERROR, IC_UNIT, "%s",
			    imp_msg(x, "单位为空", "the unit is empty"));
		return 0;
	}
	char *copy = xstrdup(path), *names[PATH_MAX_DEPTH];
	int n = split_path(copy, names);
	int64_t found = 0;
	int matches = 0;
	if (n > 0) {
		struct unit key = {.name = names[n - 1], .path = ""};
		const struct unit *v = x->units.v;
		size_t lo = 0, hi = (size_t)x->units.n;
		while (lo < hi) { /* the first unit with that name */
			size_t mid = (lo + hi) / 2;
			if (strcmp(v[mid].name, key.name) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; i < (size_t)x->units.n && strcmp(v[i].name, key.name) == 0; i++)
			if (v[i].active && ancestors_match(x, &v[i], names, n)) {
				found = v[i].id;
				matches++;
			}
	}
	free(copy);
	if (matches == 1)
		return found;
	if (matches)
		imp_problem(x, rc, IMP_ERROR, IC_UNIT,
			    imp_msg(x, "“%s”对应%d个单位，请写出上级单位（如“乡镇/村”）或填写单位编码",
				    "\"%s\" names %d units: give the units above it (\"township/village\") or the unit code"),
			    path, matches);
	else
		imp_problem(x, rc, IMP_ERROR, IC_UNIT,
			    imp_msg(x, "找不到单位“%s”（%s范围内）", "no unit \"%s\" under %s"), path,
			    x->root.name);
	return 0;
}

/* People of one unit (not its subtree), loaded once. */
static const struct person_array *people_of(struct imp *x, int64_t unit_id)
{
	for (int i = 0; i < x->npeople; i++)
		if (x->people[i].unit_id == unit_id)
			return &x->people[i].list;
	if (x->npeople == x->cappeople) {
		x->cappeople = x->cappeople ? x->cappeople * 2 : 32;
		x->people = xrealloc(x->people, sizeof *x->people * (size_t)x->cappeople);
	}
	struct unit_people *up = &x->people[x->npeople++];
	memset(up, 0, sizeof *up);
	up->unit_id = unit_id;
	struct unit u = {0};
	if (x->a->st->ops->unit_get(x->a->st, unit_id, &u) == QD_OK) {
		struct person_array all = {0};
		if (x->a->st->ops->person_list(x->a->st, u.path, 100000, 0, &all) == QD_OK)
			for (int i = 0; i < all.n; i++)
				if (all.v[i].unit_id == unit_id && all.v[i].active) {
					struct person *p = person_array_push(&up->list);
					p->id = all.v[i].id;
					p->unit_id = unit_id;
					p->name = xstrdup(all.v[i].name);
					p->title = xstrdup("");
					p->active = true;
				}
		person_array_free(&all);
	}
	unit_clear(&u);
	return &up->list;
}

/* A person by name in the unit or, nearest first, in a unit above it. */
int64_t imp_person(struct imp *x, struct row_ctx *rc, int col, int64_t unit_id, const char *name)
{
	if (!*name || !unit_id)
		return 0;
	struct unit u = {0};
	if (x->a->st->ops->unit_get(x->a->st, unit_id, &u) != QD_OK)
		return 0;
	int64_t ids[PATH_MAX_DEPTH];
	int k = path_ids(u.path, ids, PATH_MAX_DEPTH);
	unit_clear(&u);
	for (int j = k - 1; j >= 0; j--) {
		const struct person_array *pa = people_of(x, ids[j]);
		int64_t id = 0;
		int n = 0;
		for (int i = 0; i < pa->n; i++)
			if (strcmp(pa->v[i].name, name) == 0) {
				id = pa->v[i].id;
				n++;
			}
		if (n == 1)
			return id;
		if (n > 1) {
			imp_problem(x, rc, IMP_ERROR, col,
				    imp_msg(x, "“%s”在同一单位有%d人同名，请在人员管理中区分",
					    "%s: %d people of that name in one unit"),
				    name, n);
			return 0;
		}
	}
	imp_problem(x, rc, IMP_ERROR, col,
		    imp_msg(x, "找不到人员“%s”（本单位及上级单位）", "no person \"%s\" in the unit or above it"),
		    name);
	return 0;
}

int64_t imp_category(struct imp *x, struct row_ctx *rc, const char *name)
{
	if (!*name)
		return 0;
	for (int i = 0; i < x->categories.n; i++)
		if (strcmp(x->categories.v[i].name, name) == 0 ||
		    strcmp(x->categories.v[i].code, name) == 0)
			return x->categories.v[i].id;
	imp_problem(x, rc, IMP_ERROR, IC_CATEGORY,
		    imp_msg(x, "没有问题类别“%s”", "no category \"%s\""), name);
	return 0;
}

/* The column a use case's field belongs to, for its errors. */
int imp_field_column(const struct imp *x, const char *field)
{
	static const struct {
		const char *field;
		int item_col, measure_col;
	} map[] = {
		{"ext_id", IC_EXT_ID, MC_EXT_ID}, {"unit_id", IC_UNIT, -1},
		{"kind", IC_KIND, -1}, {"source", IC_SOURCE, -1}, {"level", IC_LEVEL, -1},
		{"category_id", IC_CATEGORY, -1}, {"title", IC_TITLE, -1},
		{"detail", IC_DETAIL, -1}, {"responsible_id", IC_RESPONSIBLE, MC_RESPONSIBLE},
		{"claimant_id", IC_LEADER, -1}, {"mode", IC_MODE, -1},
		{"found_on", IC_FOUND, -1}, {"due_on", IC_DUE, MC_DUE},
		{"status", IC_STATUS, MC_STATUS}, {"closed_on", IC_CLOSED, -1},
		{"closure", IC_CLOSURE, -1}, {"case_type", IC_CASE_TYPE, -1},
		{"funds", IC_FUNDS, -1}, {"beneficiaries", IC_BENEFICIARIES, -1},
		{"text", IC_MEASURES, MC_TEXT}, {"evidence", -1, MC_EVIDENCE},
		{"done_on", IC_DONE, MC_DONE},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcmp(map[i].field, field) == 0)
			return x->list == LL_ITEMS ? map[i].item_col : map[i].measure_col;
	return -1;
}

/* Report a use case's refusal against the row. */
void imp_refused(struct imp *x, struct row_ctx *rc, const struct qd_error *e)
{
	int col = imp_field_column(x, e->field);
	imp_problem(x, rc, IMP_ERROR, col, "%s%s%s", qd_err_message(e->code, x->en ? "en" : "zh"),
		    *e->detail ? ": " : "", e->detail);
}

/* --- the import --- */

static qd_err load_context(struct imp *x, struct qd_error *e)
{
	qd_err r = app_unit_get(x->a, x->ac, x->rq->unit_id, &x->root, e);
	if (r != QD_OK)
		return r;
	if (!actor_can(x->ac, PA_ITEM_CREATE, x->root.path))
		return qd_fail(e, QD_FORBIDDEN, "unit", "%s",
			       imp_msg(x, "导入台账需要在该单位新增事项的权限",
				       "importing needs the right to put items on this unit's list"));
	r = x->a->st->ops->unit_subtree(x->a->st, x->root.path, PATH_MAX_DEPTH, &x->units);
	if (r == QD_OK)
		r = x->a->st->ops->category_list(x->a->st, &x->categories);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, NULL);
	qsort(x->units.v, (size_t)x->units.n, sizeof *x->units.v, by_name_then_path);
	x->by_id = xcalloc((size_t)x->units.n + 1, sizeof *x->by_id);
	for (int i = 0; i < x->units.n; i++)
		x->by_id[i] = (struct unit_ref){x->units.v[i].id, i};
	qsort(x->by_id, (size_t)x->units.n, sizeof *x->by_id, by_ref_id);
	/* The names above the root, for name paths written from the top. */
	int64_t ids[PATH_MAX_DEPTH];
	int k = path_ids(x->root.path, ids, PATH_MAX_DEPTH);
	for (int j = 0; j < k - 1; j++) {
		struct unit u = {0};
		if (x->a->st->ops->unit_get(x->a->st, ids[j], &u) == QD_OK)
			x->above_names[j] = xstrdup(u.name);
		unit_clear(&u);
	}
	return QD_OK;
}

static void free_context(struct imp *x)
{
	unit_clear(&x->root);
	unit_array_free(&x->units);
	category_array_free(&x->categories);
	for (int j = 0; j < PATH_MAX_DEPTH; j++)
		free(x->above_names[j]);
	for (int i = 0; i < x->npeople; i++)
		person_array_free(&x->people[i].list);
	free(x->people);
	for (int i = 0; i < SCRATCH_CELLS; i++)
		free(x->scratch.v[i]);
	for (int i = 0; i < x->nseen; i++)
		free(x->seen[i].key);
	free(x->seen);
	free(x->seen_slots);
	free(x->created);
	free(x->by_id);
}

/* The row where key was seen before in this sheet, or 0 (and remember it). */
static size_t key_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)h;
}

/* The slot of key in the index: its entry, or the empty slot for it. */
static int *seen_slot(struct imp *x, const char *key)
{
	size_t i = key_hash(key) & (x->nslots - 1);
	while (x->seen_slots[i] && strcmp(x->seen[x->seen_slots[i] - 1].key, key) != 0)
		i = (i + 1) & (x->nslots - 1);
	return &x->seen_slots[i];
}

static void seen_grow(struct imp *x)
{
	free(x->seen_slots);
	x->nslots = x->nslots ? x->nslots * 2 : 1024;
	x->seen_slots = xcalloc(x->nslots, sizeof *x->seen_slots);
	for (int i = 0; i < x->nseen; i++)
		*seen_slot(x, x->seen[i].key) = i + 1;
}

int imp_seen(struct imp *x, const char *key, int row)
{
	if ((size_t)x->nseen * 2 >= x->nslots)
		seen_grow(x);
	int *slot = seen_slot(x, key);
	if (*slot)
		return x->seen[*slot - 1].row;
	*slot = x->nseen + 1;
	if (x->nseen == x->capseen) {
		x->capseen = x->capseen ? x->capseen * 2 : 256;
		x->seen = xrealloc(x->seen, sizeof *x->seen * (size_t)x->capseen);
	}
	x->seen[x->nseen].key = xstrdup(key);
	x->seen[x->nseen].row = row;
	x->nseen++;
	return 0;
}

void imp_forget_seen(struct imp *x)
{
	for (int i = 0; i < x->nseen; i++)
		free(x->seen[i].key);
	x->nseen = 0;
	if (x->seen_slots)
		memset(x->seen_slots, 0, x->nslots * sizeof *x->seen_slots);
}

/* Which list a sheet holds: by its name (our sheet names), else by its
 * header - measure numbers make it the rectification list. -1: not a
 * sheet to import (a note, or a list that is only exported). */
static int classify(struct imp *x, const struct grid *g, struct ledger_header *h)
{
	int named = ledger_list_parse(g->name);
	if (named == LL_RESPONSIBILITY || named == LL_OPINIONS)
		return -1;
	struct ledger_header mh, ih;
	bool m = ledger_find_header(g, LL_MEASURES, x->rq->map, &mh) && mh.col_of[MC_MSEQ] >= 0;
	bool i = ledger_find_header(g, LL_ITEMS, x->rq->map, &ih);
	if (named == LL_MEASURES || (named < 0 && m)) {
		if (!m && !ledger_find_header(g, LL_MEASURES, x->rq->map, &mh))
			return -1;
		*h = mh;
		return LL_MEASURES;
	}
	if (!i)
		return -1;
	*h = ih;
	return LL_ITEMS;
}

/* Headers the list does not have: noted, their cells are not imported. */
static void unknown_columns(struct imp *x)
{
	for (int c = 0; c < x->g->ncols; c++) {
		const char *h = grid_text(x->g, x->hdr.row, c);
		bool used = false;
		for (int k = 0; k < x->hdr.ncols && !used; k++)
			used = x->hdr.col_of[k] == c;
		if (used || !*h)
			continue;
		struct row_ctx rc = {.row = x->hdr.row + 1};
		imp_problem(x, &rc, IMP_WARNING, -1,
			    imp_msg(x, "列“%s”不是台账的列，未导入（可用映射文件对应）",
				    "column \"%s\" is not a ledger column; not imported (a mapping file can name it)"),
			    h);
	}
}

/* A file-level problem: a required column missing. */
static bool required_columns(struct imp *x)
{
	const struct ledger_list_def *d = ledger_list(x->list);
	bool ok = true;
	unknown_columns(x);
	for (int c = 0; c < d->ncols; c++) {
		if (!d->cols[c].required || x->hdr.col_of[c] >= 0)
			continue;
		if (x->list == LL_ITEMS && c == IC_UNIT)
			continue;
		struct row_ctx rc = {.row = x->hdr.row + 1};
		imp_problem(x, &rc, IMP_ERROR, c, "%s",
			    imp_msg(x, "缺少必需的列（可用映射文件对应本表的表头）",
				    "a required column is missing (a mapping file can name it)"));
		ok = false;
	}
	if (x->list == LL_ITEMS && x->hdr.col_of[IC_UNIT] < 0 && x->hdr.col_of[IC_UNIT_CODE] < 0) {
		struct row_ctx rc = {.row = x->hdr.row + 1};
		imp_problem(x, &rc, IMP_ERROR, IC_UNIT, "%s",
			    imp_msg(x, "缺少“单位”或“单位编码”列", "needs a unit or unit code column"));
		ok = false;
	}
	return ok;
}

static bool row_blank(const struct grid *g, int r)
{
	for (int c = 0; c < g->ncols; c++) {
		const char *s = grid_text(g, r, c);
		while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		if (*s)
			return false;
	}
	return true;
}

/* Run each data row of the sheet through fn, each in its own savepoint. */
static qd_err each_row(struct imp *x, qd_err (*fn)(struct imp *x, struct row_ctx *rc, struct qd_error *e),
		       struct qd_error *e)
{
	struct store *st = x->a->st;
	for (int r = x->hdr.row + 1; r < x->g->nrows; r++) {
		if (row_blank(x->g, r))
			continue;
		struct row_ctx rc = {.grow = r, .row = r + 1};
		x->rep->rows++;
		qd_err q = st->ops->begin(st);
		if (q != QD_OK)
			return qd_fail(e, q, NULL, "cannot start a savepoint");
		struct qd_error re = {0};
		q = fn(x, &rc, &re);
		if (q == QD_DB || q == QD_BUSY || q == QD_INTERNAL || q == QD_STORAGE) {
			st->ops->rollback(st);
			*e = re;
			return q;
		}
		if (rc.errors > 0 || q != QD_OK) {
			if (q != QD_OK && rc.errors == 0)
				imp_refused(x, &rc, &re);
			st->ops->rollback(st); /* the row's error lines say why */
			continue;
		}
		q = st->ops->commit(st);
		if (q != QD_OK)
			return qd_fail(e, q, NULL, "savepoint");
		report_add(x, rc.row, rc.outcome, rc.ext_id, "");
		if (rc.outcome == IMP_NEW)
			x->rep->added++;
		else if (rc.outcome == IMP_UPDATED)
			x->rep->updated++;
		else
			x->rep->unchanged++;
		snprintf(x->rep->v[x->rep->n - 1].message, sizeof x->rep->v[0].message, "%s",
			 rc.changed);
		cut_whole(x->rep->v[x->rep->n - 1].message);
	}
	return QD_OK;
}

/* Import every sheet of list l, in the book's order. */
static qd_err import_list(struct imp *x, enum ledger_list l, const int *kind,
			  const struct ledger_header *hdr, struct qd_error *e)
{
	qd_err r = QD_OK;
	imp_forget_seen(x); /* a key twice in one list, across files too */
	for (int s = 0; r == QD_OK && s < x->book->n; s++) {
		if (kind[s] != (int)l)
			continue;
		x->list = l;
		x->g = &x->book->sheets[s];
		x->hdr = hdr[s];
		x->sheet = x->g->name;
		if (required_columns(x))
			r = each_row(x, l == LL_ITEMS ? import_item_row : import_measure_row, e);
	}
	return r;
}

static qd_err run_import(struct imp *x, struct qd_error *e)
{
	int n = x->book->n, found = 0;
	int *kind = xcalloc((size_t)n + 1, sizeof *kind);
	struct ledger_header *hdr = xcalloc((size_t)n + 1, sizeof *hdr);
	for (int s = 0; s < n; s++) {
		kind[s] = classify(x, &x->book->sheets[s], &hdr[s]);
		found += kind[s] >= 0;
		x->has_measure_sheet |= kind[s] == LL_MEASURES;
	}
	qd_err r = QD_OK;
	if (!found)
		r = qd_fail(e, QD_BAD_FILE, "file", "%s",
			    imp_msg(x, "找不到表头：表头行应有“问题编号”“问题描述”等列",
				    "no header row naming the ledger's columns (问题编号, 问题描述, ...)"));
	/* Rows added go in bulk: their events are written when the list is
	 * done (bulk_seal), before any later change to them. */
	if (r == QD_OK)
		r = import_list(x, LL_ITEMS, kind, hdr, e);
	if (r == QD_OK && x->bulk)
		r = bulk_seal(x->bulk, e);
	if (r == QD_OK)
		r = import_list(x, LL_MEASURES, kind, hdr, e);
	if (r == QD_OK && x->bulk)
		r = bulk_seal(x->bulk, e);
	free(kind);
	free(hdr);
	return r;
}

qd_err app_import(struct app *a, const struct actor *ac, const struct grid_book *book,
		  const struct import_request *rq, struct import_report *out,
		  struct qd_error *e)
{
	memset(out, 0, sizeof *out);
	out->dry_run = rq->dry_run;
	struct imp x = {.a = a, .ac = ac, .rq = rq, .book = book, .rep = out,
			.en = rq->lang && strcmp(rq->lang, "en") == 0};
	struct store *st = a->st;
	qd_err r = load_context(&x, e);
	if (r == QD_OK && (r = st->ops->begin(st)) != QD_OK)
		qd_fail(e, r, NULL, "cannot start a transaction");
	else if (r == QD_OK) {
		/* A large file's new rows go in bulk: an event per batch, not
		 * per row; a small one keeps each row's own history. */
		int rows = 0;
		for (int s = 0; s < book->n; s++)
			rows += book->sheets[s].nrows;
		x.bulk = rows >= IMPORT_BULK_ROWS ? bulk_new(st, ac) : NULL;
		r = run_import(&x, e);
		bulk_free(x.bulk);
		if (r == QD_OK && out->errors == 0 && !rq->dry_run) {
			r = st->ops->commit(st);
			if (r != QD_OK)
				qd_fail(e, r, NULL, "commit failed");
			else
				out->applied = true;
		} else {
			st->ops->rollback(st);
		}
		if (r == QD_OK && out->errors > 0)
			r = qd_fail(e, QD_IMPORT_ROWS, NULL, "%d", out->errors);
	}
	free_context(&x);
	return r;
}
