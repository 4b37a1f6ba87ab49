/* snapshot.c: canonical JSON of each record, for the audit log.
 *
 * The same function serializes the record when an event is written and when
 * `check` compares the current row, so any change made outside qingdan shows
 * up as a different hash. Empty optional text is written as null. The text
 * is what jansson's sorted, compact, ASCII-only dump gave when the log
 * began (util/jsonw.h keeps it so, and faster). */
#include "app.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include "../util/hash.h"
#include "../util/jsonw.h"
#include <stdlib.h>
#include <string.h>

/* An object being built, and room for the day texts it borrows. */
struct snap {
	struct jw_object o;
	char day[8][DAY_TEXT_LEN];
	int nday;
};

static void opt_text(struct snap *s, const char *key, const char *v)
{
	if (v && *v)
		jw_str(&s->o, key, v);
	else
		jw_null(&s->o, key);
}

static void text(struct snap *s, const char *key, const char *v)
{
	jw_str(&s->o, key, v ? v : "");
}

static void opt_id(struct snap *s, const char *key, int64_t id)
{
	if (id > 0)
		jw_int(&s->o, key, id);
	else
		jw_null(&s->o, key);
}

static void opt_day(struct snap *s, const char *key, int day)
{
	if (day == DAY_NONE || s->nday == (int)(sizeof s->day / sizeof s->day[0])) {
		jw_null(&s->o, key);
		return;
	}
	day_format(day, s->day[s->nday]);
	jw_str(&s->o, key, s->day[s->nday++]);
}

static void opt_code(struct snap *s, const char *key, const struct code_table *t, int v)
{
	if (v >= 0)
		jw_str(&s->o, key, code_str(t, v));
	else
		jw_null(&s->o, key);
}

static char *dump(struct snap *s)
{
	return jw_dump(&s->o);
}

char *snap_unit(const struct unit *u)
{
	/* path and depth follow from parent_id; check verifies them apart. */
	struct snap s = {0};
	jw_int(&s.o, "id", u->id);
	opt_id(&s, "parent_id", u->parent_id);
	jw_str(&s.o, "kind", code_str(&T_UNIT_KIND, u->kind));
	text(&s, "name", u->name);
	opt_text(&s, "code", u->code);
	jw_bool(&s.o, "active", u->active);
	jw_int(&s.o, "created_at", u->created_at);
	return dump(&s);
}

char *snap_person(const struct person *p)
{
	struct snap s = {0};
	jw_int(&s.o, "id", p->id);
	jw_int(&s.o, "unit_id", p->unit_id);
	text(&s, "name", p->name);
	opt_text(&s, "title", p->title);
	jw_bool(&s.o, "active", p->active);
	return dump(&s);
}

char *snap_account(const struct account *acc)
{
	/* The password hash itself stays out of the log; a fingerprint of it
	 * lets check see a hash swapped behind qingdan's back. */
	unsigned char h[HASH_LEN];
	char hex[HASH_HEX_LEN];
	const char *pw = acc->pwhash ? acc->pwhash : "";
	hash_bytes(pw, strlen(pw), h);
	hash_hex(h, hex);
	hex[16] = '\0';
	struct snap s = {0};
	jw_int(&s.o, "id", acc->id);
	jw_int(&s.o, "person_id", acc->person_id);
	text(&s, "login", acc->login);
	jw_str(&s.o, "pwhash_fp", hex);
	opt_text(&s, "lang", acc->lang);
	jw_bool(&s.o, "active", acc->active);
	jw_int(&s.o, "created_at", acc->created_at);
	return dump(&s);
}

char *snap_grant(const struct grant *g)
{
	struct snap s = {0};
	jw_int(&s.o, "id", g->id);
	jw_int(&s.o, "account_id", g->account_id);
	jw_int(&s.o, "unit_id", g->unit_id);
	jw_str(&s.o, "role", code_str(&T_ROLE, g->role));
	return dump(&s);
}

char *snap_category(const struct category *c)
{
	struct snap s = {0};
	jw_int(&s.o, "id", c->id);
	text(&s, "code", c->code);
	text(&s, "name", c->name);
	jw_bool(&s.o, "active", c->active);
	return dump(&s);
}

/* upath follows from unit_id (and a measure's owner from its item). */
char *snap_item(const struct item *it)
{
	struct snap s = {0};
	jw_int(&s.o, "id", it->id);
	text(&s, "ext_id", it->ext_id);
	opt_code(&s, "kind", &T_ITEM_KIND, it->kind);
	opt_code(&s, "source", &T_SOURCE, it->source);
	opt_code(&s, "level", &T_LEVEL, it->level);
	opt_id(&s, "category_id", it->category_id);
	text(&s, "title", it->title);
	opt_text(&s, "detail", it->detail);
	jw_int(&s.o, "unit_id", it->unit_id);
	opt_id(&s, "responsible_id", it->responsible_id);
	opt_id(&s, "claimant_id", it->claimant_id);
	opt_code(&s, "mode", &T_MODE, it->mode);
	opt_day(&s, "found_on", it->found_on);
	opt_day(&s, "due_on", it->due_on);
	opt_code(&s, "status", &T_STATUS, it->status);
	opt_code(&s, "closure", &T_CLOSURE, it->closure);
	opt_id(&s, "closed_at", it->closed_at);
	opt_day(&s, "closed_on", it->closed_on);
	jw_int(&s.o, "sendbacks", it->sendbacks);
	jw_int(&s.o, "reopens", it->reopens);
	jw_int(&s.o, "created_at", it->created_at);
	jw_int(&s.o, "updated_at", it->updated_at);
	jw_int(&s.o, "version", it->version);
	/* Added in schema 4: written only when set, so that the snapshots of
	 * earlier rows stay what they were. */
	if (it->case_type >= 0)
		opt_code(&s, "case_type", &T_CASE_TYPE, it->case_type);
	if (it->funds)
		jw_int(&s.o, "funds", it->funds);
	if (it->beneficiaries)
		jw_int(&s.o, "beneficiaries", it->beneficiaries);
	return dump(&s);
}

char *snap_measure(const struct measure *m)
{
	struct snap s = {0};
	jw_int(&s.o, "id", m->id);
	jw_int(&s.o, "item_id", m->item_id);
	jw_int(&s.o, "seq", m->seq);
	text(&s, "text", m->text);
	opt_id(&s, "responsible_id", m->responsible_id);
	opt_day(&s, "due_on", m->due_on);
	opt_code(&s, "status", &T_MEASURE_STATUS, m->status);
	opt_text(&s, "evidence", m->evidence);
	opt_day(&s, "done_on", m->done_on);
	jw_int(&s.o, "created_at", m->created_at);
	jw_int(&s.o, "updated_at", m->updated_at);
	return dump(&s);
}

/* Name and contact are personal: the log keeps neither them nor a hash of
 * them (a phone number's hash is easily reversed), only whether any was
 * given; likewise for the address and location. */
char *snap_opinion(const struct opinion *o)
{
	struct snap s = {0};
	jw_int(&s.o, "id", o->id);
	text(&s, "code", o->code);
	opt_code(&s, "channel", &T_CHANNEL, o->channel);
	jw_int(&s.o, "received_at", o->received_at);
	jw_int(&s.o, "unit_id", o->unit_id);
	opt_id(&s, "category_id", o->category_id);
	text(&s, "text", o->text);
	jw_bool(&s.o, "named", (o->submitter_name && *o->submitter_name) ||
				       (o->submitter_contact && *o->submitter_contact));
	opt_code(&s, "status", &T_OPINION_STATUS, o->status);
	opt_id(&s, "item_id", o->item_id);
	opt_text(&s, "reply", o->reply);
	opt_text(&s, "resolution", o->resolution);
	opt_text(&s, "reject_reason", o->reject_reason);
	opt_code(&s, "rating", &T_RATING, o->rating);
	opt_text(&s, "rating_comment", o->rating_comment);
	jw_bool(&s.o, "located", (o->address && *o->address) || o->has_location);
	jw_int(&s.o, "responded_at", o->responded_at);
	jw_int(&s.o, "response_wdays", o->response_wdays);
	opt_code(&s, "closure", &T_CLOSURE, o->closure);
	jw_int(&s.o, "answered_at", o->answered_at);
	jw_int(&s.o, "redo", o->redo);
	jw_int(&s.o, "rated_at", o->rated_at);
	opt_id(&s, "client_id", o->client_id);
	return dump(&s);
}

char *snap_kv(const char *key, const char *value)
{
	struct snap s = {0};
	text(&s, "key", key);
	text(&s, "value", value);
	return dump(&s);
}
