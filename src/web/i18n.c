/* i18n.c: the message tables, one per language, built from the msg/ files (.def). */
#include "i18n.h"
#include <string.h>

static const char *const zh[M_COUNT] = {
#define X(id, z, e) [id] = z,
#include "msg/all.def"
#undef X
};

static const char *const en[M_COUNT] = {
#define X(id, z, e) [id] = e,
#include "msg/all.def"
#undef X
};

const char *msg_in(const char *lang, enum msg_id m)
{
	if (m < 0 || m >= M_COUNT)
		return "";
	return lang && strcmp(lang, "en") == 0 ? en[m] : zh[m];
}

const char *T(const struct req *r, enum msg_id m)
{
	return msg_in(r->lang, m);
}
