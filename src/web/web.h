/* web.h: server-rendered HTML pages. One page per file, named after it;
 * the route table is routes.c; the layout, forms and small widgets are
 * layout.c. All output goes through http/html.h: literal markup with H(),
 * data with h_text / h_attr / h_url_arg. */
#ifndef QD_WEB_H
#define QD_WEB_H
#include "../http/html.h"
#include "../http/http.h"
#include "../domain/codes.h"
#include "i18n.h"

struct page {
	struct req *r;
	struct buf b;
};

/* Start a page: doctype, head, the header with navigation. nav marks the
 * current section ("dashboard", "items", "resp", "measures", "opinions",
 * "rates", "admin"). */
void page_begin(struct page *p, struct req *r, const char *title, const char *nav);
/* Finish the page and reply with it. */
enum MHD_Result page_end(struct page *p, unsigned status);

/* <form method="post" action="..."> with the CSRF field. */
void form_begin(struct page *p, const char *action);
void form_end(struct page *p);

/* Labelled fields. value may be NULL; error (a message) is shown beside the
 * field and marks it invalid. */
void field_text(struct page *p, const char *name, const char *label, const char *value,
		const char *error, bool required);
void field_textarea(struct page *p, const char *name, const char *label, const char *value,
		    const char *error, bool required);
void field_date(struct page *p, const char *name, const char *label, const char *value,
		const char *error, bool required);
/* A select of a vocabulary; value is a code or NULL; none_label adds an
 * empty choice first. */
void field_code(struct page *p, const char *name, const char *label, const struct code_table *t,
		const char *value, const char *none_label, const char *error);

/* The label of a code in the page's language. */
const char *code_text(const struct req *r, const struct code_table *t, int v);
/* A status badge (also marks overdue). */
void status_badge(struct page *p, int status, bool overdue);
/* A date as YYYY-MM-DD, or "—". */
void h_day(struct buf *b, int day);
/* A link to an item page. */
void item_link(struct page *p, const struct item *it);
/* Previous/next links; query is the list's query string without offset. */
void pager(struct page *p, const char *path, const char *query, int64_t offset, int64_t limit,
	   bool has_more);

/* Whether the actor administers anything (shows the admin menu). */
bool actor_is_admin(const struct actor *a);

#define WEB_HANDLERS(X)                                                    \
	X(web_css) X(web_login_form) X(web_login) X(web_logout) X(web_lang)  \
	X(web_dashboard)                                                     \
	X(web_items) X(web_responsibility) X(web_measures)                   \
	X(web_item) X(web_item_act) X(web_item_new_form) X(web_item_new)     \
	X(web_item_edit_form) X(web_item_edit) X(web_measure_add) X(web_measure_update) \
	X(web_admin_units) X(web_admin_unit_add) X(web_admin_unit_update)    \
	X(web_admin_people) X(web_admin_person_add) X(web_admin_account_add) \
	X(web_admin_grant_add) X(web_admin_grant_delete)                     \
	X(web_admin_categories) X(web_admin_category_add)                    \
	X(web_opinion_form) X(web_opinion_submit) X(web_track) X(web_track_rate) \
	X(web_opinions) X(web_opinion) X(web_opinion_triage)                 \
	X(web_opinion_new_form) X(web_opinion_new)                 \
	X(web_board) X(web_board_records) X(web_rates) X(web_rate_records) \
	X(web_report) X(web_report_xlsx)
#define DECLARE_WEB(name) enum MHD_Result name(struct req *r);
WEB_HANDLERS(DECLARE_WEB)
#undef DECLARE_WEB

#endif
