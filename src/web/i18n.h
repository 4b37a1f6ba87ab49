/* i18n.h: every user-facing string of the web pages, one table per
 * language (Simplified Chinese first, English second). The messages are
 * declared in the msg/ files (.def), one file per area of the site. */
#ifndef QD_WEB_I18N_H
#define QD_WEB_I18N_H
#include "../http/http.h"

enum msg_id {
#define X(id, zh, en) id,
#include "msg/all.def"
#undef X
	M_COUNT
};

/* The message in the request's language. */
const char *T(const struct req *r, enum msg_id m);
/* The message in a language ("zh" or "en"); for tests. */
const char *msg_in(const char *lang, enum msg_id m);

#endif
