/* opinion_triage.c: triage of an opinion by a handler of its unit -
 *   POST /api/v1/opinions/:id/accept  {title, mode, kind?, level?, due_on? |
 *                                      due_working_days?, responsible_id?}
 *                                     makes a new item (source opinion)
 *   POST /api/v1/opinions/:id/link    {item}  joins an existing item
 *   POST /api/v1/opinions/:id/reject  {reason}
 *   POST /api/v1/opinions/:id/reply   {text}
 * Each answers the opinion as the caller may see it, with its item. */
#include "api.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <stdio.h>
#include <string.h>

static enum MHD_Result reply_opinion(struct req *r, int64_t id)
{
	struct qd_error e = {0};
	struct opinion o;
	enum MHD_Result res = app_opinion_get(r->app, &r->actor, id, &o, &e) == QD_OK
				      ? reply_json_steal(r, 200, opinion_staff_json(r, &o))
				      : reply_error(r, &e);
	opinion_clear(&o);
	return res;
}

enum MHD_Result api_opinion_accept(struct req *r)
{
	struct item_input in_ = {0};
	struct item *it = &in_.it;
	item_init(it);
	int64_t id, responsible = 0, wdays = 0;
	const char *title = NULL;
	it->kind = IK_PROBLEM;
	struct in_field in[] = {
		{"title", IN_STRING, true, false, NULL, &title, false, false},
		{"kind", IN_CODE, false, false, &T_ITEM_KIND, &it->kind, false, false},
		{"mode", IN_CODE, true, false, &T_MODE, &it->mode, false, false},
		{"level", IN_CODE, false, true, &T_LEVEL, &it->level, false, false},
		{"due_on", IN_DAY, false, true, NULL, &it->due_on, false, false},
		{"due_working_days", IN_INT, false, false, NULL, &wdays, false, false},
		{"responsible_id", IN_INT, false, true, NULL, &responsible, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (!arg_id(r, 0, &id, &e) || !in_json(r, in, &e)) {
		item_clear(it);
		return reply_error(r, &e);
	}
	if (wdays > 1000) {
		item_clear(it);
		return reply_fail(r, QD_BAD_FIELD, "due_working_days", "at most 1000");
	}
	/* unit, category, detail and found_on come from the opinion. */
	it->responsible_id = responsible;
	it->title = xstrdup(title);
	in_.due_working_days = (int)wdays;
	qd_err rc = app_opinion_accept(r->app, &r->actor, id, &in_, &e);
	item_clear(it);
	return rc == QD_OK ? reply_opinion(r, id) : reply_error(r, &e);
}

enum MHD_Result api_opinion_link(struct req *r)
{
	struct qd_error e = {0};
	int64_t id;
	if (!arg_id(r, 0, &id, &e))
		return reply_error(r, &e);
	/* item: a numeric id or a 问题编号, so read by hand. */
	char ref[64] = "";
	const char *key;
	json_t *v;
	json_object_foreach(r->json, key, v) {
		if (strcmp(key, "item") != 0)
			return reply_fail(r, QD_UNKNOWN_FIELD, key, NULL);
		if (json_is_integer(v) && json_integer_value(v) > 0)
			snprintf(ref, sizeof ref, "%lld", (long long)json_integer_value(v));
		else if (json_is_string(v) && json_string_length(v) > 0 &&
			 json_string_length(v) < sizeof ref)
			snprintf(ref, sizeof ref, "%s", json_string_value(v));
		else
			return reply_fail(r, QD_BAD_FIELD, "item", "an item id or ext_id");
	}
	if (!*ref)
		return reply_fail(r, QD_MISSING_FIELD, "item", NULL);
	struct item it;
	if (app_item_get(r->app, &r->actor, ref, &it, &e) != QD_OK) {
		if (e.code == QD_NOT_FOUND)
			return reply_fail(r, QD_BAD_FIELD, "item", "no such item");
		return reply_error(r, &e);
	}
	int64_t item_id = it.id;
	item_clear(&it);
	if (app_opinion_link(r->app, &r->actor, id, item_id, &e) != QD_OK)
		return reply_error(r, &e);
	return reply_opinion(r, id);
}

/* reject {reason} and reply {text}: one text field each. */
static enum MHD_Result text_action(struct req *r, const char *field, bool reject)
{
	struct qd_error e = {0};
	int64_t id;
	const char *text = NULL;
	struct in_field in[] = {
		{field, IN_STRING, !reject, reject, NULL, &text, false, false},
		IN_END,
	};
	if (!arg_id(r, 0, &id, &e) || !in_json(r, in, &e))
		return reply_error(r, &e);
	qd_err rc = reject ? app_opinion_reject(r->app, &r->actor, id, text, &e)
			   : app_opinion_reply(r->app, &r->actor, id, text, &e);
	return rc == QD_OK ? reply_opinion(r, id) : reply_error(r, &e);
}

enum MHD_Result api_opinion_reject(struct req *r)
{
	return text_action(r, "reason", true);
}

enum MHD_Result api_opinion_reply(struct req *r)
{
	return text_action(r, "text", false);
}
