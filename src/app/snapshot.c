/* snapshot.c: canonical JSON of each record, for the audit log.
 *
 * The same function serializes the record when an event is written and when
 * `check` compares the current row, so any change made outside qingdan shows
 * up as a different hash. Empty optional text is written as null. */
#include "app.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include "../util/hash.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *opt_text(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *opt_id(int64_t id)
{
	return id > 0 ? json_integer(id) : json_null();
}

static json_t *opt_day(int day)
{
	if (day == DAY_NONE)
		return json_null();
	char t[DAY_TEXT_LEN];
	day_format(day, t);
	return json_string(t);
}

static json_t *opt_code(const struct code_table *t, int v)
{
	return v >= 0 ? json_string(code_str(t, v)) : json_null();
}

static char *dump(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
	json_decref(o);
	if (!s)
		abort();
	char *copy = xstrdup(s);
	free(s);
	return copy;
}

char *snap_unit(const struct unit *u)
{
	/* path and depth follow from parent_id; check verifies them apart. */
	return dump(json_pack("{sI so ss ss so sb sI}", "id", (json_int_t)u->id, "parent_id",
			      opt_id(u->parent_id), "kind", code_str(&T_UNIT_KIND, u->kind),
			      "name", u->name ? u->name : "", "code", opt_text(u->code),
			      "active", u->active, "created_at", (json_int_t)u->created_at));
}

char *snap_person(const struct person *p)
{
	return dump(json_pack("{sI sI ss so sb}", "id", (json_int_t)p->id, "unit_id",
			      (json_int_t)p->unit_id, "name", p->name ? p->name : "", "title",
			      opt_text(p->title), "active", p->active));
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
	return dump(json_pack("{sI sI ss ss so sb sI}", "id", (json_int_t)acc->id, "person_id",
			      (json_int_t)acc->person_id, "login", acc->login ? acc->login : "",
			      "pwhash_fp", hex, "lang", opt_text(acc->lang), "active",
			      acc->active, "created_at", (json_int_t)acc->created_at));
}

char *snap_grant(const struct grant *g)
{
	return dump(json_pack("{sI sI sI ss}", "id", (json_int_t)g->id, "account_id",
			      (json_int_t)g->account_id, "unit_id", (json_int_t)g->unit_id,
			      "role", code_str(&T_ROLE, g->role)));
}

char *snap_category(const struct category *c)
{
	return dump(json_pack("{sI ss ss sb}", "id", (json_int_t)c->id, "code",
			      c->code ? c->code : "", "name", c->name ? c->name : "", "active",
			      c->active));
}

/* upath follows from unit_id (and a measure's owner from its item). */
char *snap_item(const struct item *it)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(it->id));
	json_object_set_new(o, "ext_id", json_string(it->ext_id ? it->ext_id : ""));
	json_object_set_new(o, "kind", opt_code(&T_ITEM_KIND, it->kind));
	json_object_set_new(o, "source", opt_code(&T_SOURCE, it->source));
	json_object_set_new(o, "level", opt_code(&T_LEVEL, it->level));
	json_object_set_new(o, "category_id", opt_id(it->category_id));
	json_object_set_new(o, "title", json_string(it->title ? it->title : ""));
	json_object_set_new(o, "detail", opt_text(it->detail));
	json_object_set_new(o, "unit_id", json_integer(it->unit_id));
	json_object_set_new(o, "responsible_id", opt_id(it->responsible_id));
	json_object_set_new(o, "claimant_id", opt_id(it->claimant_id));
	json_object_set_new(o, "mode", opt_code(&T_MODE, it->mode));
	json_object_set_new(o, "found_on", opt_day(it->found_on));
	json_object_set_new(o, "due_on", opt_day(it->due_on));
	json_object_set_new(o, "status", opt_code(&T_STATUS, it->status));
	json_object_set_new(o, "closure", opt_code(&T_CLOSURE, it->closure));
	json_object_set_new(o, "closed_at", opt_id(it->closed_at));
	json_object_set_new(o, "closed_on", opt_day(it->closed_on));
	json_object_set_new(o, "sendbacks", json_integer(it->sendbacks));
	json_object_set_new(o, "reopens", json_integer(it->reopens));
	json_object_set_new(o, "created_at", json_integer(it->created_at));
	json_object_set_new(o, "updated_at", json_integer(it->updated_at));
	json_object_set_new(o, "version", json_integer(it->version));
	/* Added in schema 4: written only when set, so that the snapshots of
	 * earlier rows stay what they were. */
	if (it->case_type >= 0)
		json_object_set_new(o, "case_type", opt_code(&T_CASE_TYPE, it->case_type));
	if (it->funds)
		json_object_set_new(o, "funds", json_integer(it->funds));
	if (it->beneficiaries)
		json_object_set_new(o, "beneficiaries", json_integer(it->beneficiaries));
	return dump(o);
}

char *snap_measure(const struct measure *m)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(m->id));
	json_object_set_new(o, "item_id", json_integer(m->item_id));
	json_object_set_new(o, "seq", json_integer(m->seq));
	json_object_set_new(o, "text", json_string(m->text ? m->text : ""));
	json_object_set_new(o, "responsible_id", opt_id(m->responsible_id));
	json_object_set_new(o, "due_on", opt_day(m->due_on));
	json_object_set_new(o, "status", opt_code(&T_MEASURE_STATUS, m->status));
	json_object_set_new(o, "evidence", opt_text(m->evidence));
	json_object_set_new(o, "done_on", opt_day(m->done_on));
	json_object_set_new(o, "created_at", json_integer(m->created_at));
	json_object_set_new(o, "updated_at", json_integer(m->updated_at));
	return dump(o);
}

/* Name and contact are personal: the log keeps neither them nor a hash of
 * them (a phone number's hash is easily reversed), only whether any was
 * given; likewise for the address and location. */
char *snap_opinion(const struct opinion *o)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(o->id));
	json_object_set_new(j, "code", json_string(o->code ? o->code : ""));
	json_object_set_new(j, "channel", opt_code(&T_CHANNEL, o->channel));
	json_object_set_new(j, "received_at", json_integer(o->received_at));
	json_object_set_new(j, "unit_id", json_integer(o->unit_id));
	json_object_set_new(j, "category_id", opt_id(o->category_id));
	json_object_set_new(j, "text", json_string(o->text ? o->text : ""));
	json_object_set_new(j, "named", json_boolean((o->submitter_name && *o->submitter_name) ||
						     (o->submitter_contact && *o->submitter_contact)));
	json_object_set_new(j, "status", opt_code(&T_OPINION_STATUS, o->status));
	json_object_set_new(j, "item_id", opt_id(o->item_id));
	json_object_set_new(j, "reply", opt_text(o->reply));
	json_object_set_new(j, "resolution", opt_text(o->resolution));
	json_object_set_new(j, "reject_reason", opt_text(o->reject_reason));
	json_object_set_new(j, "rating", opt_code(&T_RATING, o->rating));
	json_object_set_new(j, "rating_comment", opt_text(o->rating_comment));
	json_object_set_new(j, "located", json_boolean((o->address && *o->address) ||
						       o->has_location));
	json_object_set_new(j, "responded_at", json_integer(o->responded_at));
	json_object_set_new(j, "response_wdays", json_integer(o->response_wdays));
	json_object_set_new(j, "closure", opt_code(&T_CLOSURE, o->closure));
	json_object_set_new(j, "answered_at", json_integer(o->answered_at));
	json_object_set_new(j, "redo", json_integer(o->redo));
	json_object_set_new(j, "rated_at", json_integer(o->rated_at));
	json_object_set_new(j, "client_id", opt_id(o->client_id));
	return dump(j);
}

char *snap_kv(const char *key, const char *value)
{
	return dump(json_pack("{ss ss}", "key", key ? key : "", "value", value ? value : ""));
}
