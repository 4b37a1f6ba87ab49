/* audit.c: the hash-chained event log.
 *
 * hash = BLAKE2b(prev_hash, id, at, account, action, entity, entity_id,
 *                before, after, note, row_hash), each field length-prefixed.
 * Changing, inserting or removing an event breaks every later link. */
#include "app.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include "../util/hash.h"
#include <string.h>

void audit_hash_event(struct event *ev)
{
	struct hash_chain_state s;
	hashc_init(&s);
	hashc_field(&s, ev->prev_hash, HASH_LEN);
	hashc_i64(&s, ev->id);
	hashc_i64(&s, ev->at);
	hashc_i64(&s, ev->account_id);
	hashc_str(&s, ev->action);
	hashc_str(&s, ev->entity);
	hashc_i64(&s, ev->entity_id);
	hashc_str(&s, ev->before);
	hashc_str(&s, ev->after);
	hashc_str(&s, ev->note);
	if (ev->has_row_hash)
		hashc_field(&s, ev->row_hash, HASH_LEN);
	else
		hashc_str(&s, NULL);
	hashc_final(&s, ev->hash);
}

qd_err audit_append(struct store *st, const struct actor *ac, const char *action,
		    const char *entity, int64_t entity_id, const char *before_json,
		    const char *after_json, const char *note, struct qd_error *e)
{
	struct event ev = {0};
	qd_err r = st->ops->event_next_id(st, &ev.id);
	if (r == QD_OK)
		r = st->ops->event_last_hash(st, ev.prev_hash);
	if (r != QD_OK)
		return qd_fail(e, r, NULL, "audit log");
	ev.at = time_now();
	ev.account_id = ac && !ac->system ? ac->account_id : 0;
	ev.action = (char *)action;
	ev.entity = (char *)entity;
	ev.entity_id = entity_id;
	ev.before = (char *)before_json;
	ev.after = (char *)after_json;
	ev.note = (char *)note;
	if (after_json) {
		hash_bytes(after_json, strlen(after_json), ev.row_hash);
		ev.has_row_hash = true;
	}
	audit_hash_event(&ev);
	r = st->ops->event_insert(st, &ev);
	return r == QD_OK ? QD_OK : qd_fail(e, r, NULL, "audit log");
}
